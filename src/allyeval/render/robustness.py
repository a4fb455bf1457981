"""``allyeval robustness`` as text: table (terminal, with a rank-acceptability bar grid), JSON
or Markdown."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from allyeval.analysis.robustness import Removal, Robustness
from allyeval.core.models import CriteriaSet
from allyeval.core.provenance import provenance, provenance_line
from allyeval.render.common import (
    check_format,
    console_text,
    dumps,
    json_points,
    json_share,
    percent,
    share_block,
)
from allyeval.render.safe import cell, data_text

FORMATS = ("table", "json", "markdown")


def render(
    result: Robustness,
    output_format: str,
    *,
    color: bool,
    width: int,
    criteria_set: CriteriaSet,
    method: str,
    seed: int,
    samples: int,
) -> str:
    """The whole robustness report in *output_format* (table, json or markdown)."""
    name = check_format(output_format, FORMATS, "robustness")
    if name == "json":
        return dumps(robustness_record(result, provenance(criteria_set, method, seed, samples)))
    footer = provenance_line(criteria_set, method, seed, samples)
    if name == "markdown":
        return markdown(result, footer)
    return console_text(*parts(result, footer, width), color=color, width=width)


def _by_rank(result: Robustness) -> list[int]:
    """Profile indices in nominal rank order (ties in file order)."""
    return sorted(range(len(result.standings)), key=lambda i: result.standings[i].rank)


def _mode(result: Robustness) -> str:
    if result.simplex:
        return "weights drawn uniformly from all possible weights (simplex)"
    return f"each weight times a factor from {1 - result.spread:g} to {1 + result.spread:g}"


def _intro(result: Robustness) -> str:
    utilities = (
        f"indicator weights each times a factor from {1 - result.indicator_spread:g} to"
        f" {1 + result.indicator_spread:g}"
        if result.indicator_spread
        else "criterion utilities as rated"
    )
    method = (
        "arithmetic or geometric mean at random"
        if result.mixed_methods
        else f"{result.method} mean"
    )
    return (
        f"{result.samples:,} weight samples, {_mode(result)}, renormalised;"
        f" {utilities}; {method}; seed {result.seed}."
    )


def _removal_text(result: Robustness, removal: Removal) -> str:
    if not removal.changed:
        return "none"
    moves = []
    for i in removal.changed:
        standing = result.standings[i]
        after = removal.ranks[i]
        moves.append(f"{standing.label} {standing.rank}→{'–' if after is None else after}")
    return ", ".join(moves)


# --------------------------------------------------------------------------------------------
# JSON


def robustness_record(result: Robustness, origin: dict[str, Any]) -> dict[str, Any]:
    ids = [c.id for c in result.criteria]
    labels = [s.label for s in result.standings]
    return {
        "method": result.method,
        "mode": "simplex" if result.simplex else "spread",
        "spread": None if result.simplex else result.spread,
        "indicator_spread": result.indicator_spread,
        "mixed_methods": result.mixed_methods,
        "seed": result.seed,
        "samples": result.samples,
        "provenance": origin,
        "profiles": [
            {
                "profile": s.label,
                "id": s.result.profile.id,
                "name": s.result.profile.name,
                "path": s.path,
                "score": json_points(s.result.score),
                "band": s.result.band,
                "capped_by": [cap.condition for cap in s.result.capped_by],
                "rank": s.rank,
                "acceptability": [json_share(a) for a in s.acceptability],
                "central_weights": None
                if s.central_weights is None
                else {k: json_share(w) for k, w in zip(ids, s.central_weights, strict=True)},
            }
            for s in result.standings
        ],
        "remove_one": [
            {
                "criterion": removal.criterion.id,
                "ranking": [
                    {
                        "profile": labels[i],
                        "score": json_points(removal.scores[i]),
                        "rank": removal.ranks[i],
                    }
                    for i in range(len(labels))
                ],
                "changed": [labels[i] for i in removal.changed],
            }
            for removal in result.removals
        ],
        "effective_weights": [
            {
                "criterion": e.criterion.id,
                "nominal": json_share(e.nominal),
                "effective": json_share(e.share),
            }
            for e in result.effective_weights
        ],
        "effective_note": result.effective_note,
    }


# --------------------------------------------------------------------------------------------
# Terminal


def parts(result: Robustness, footer: str, width: int = 100) -> list[RenderableType]:
    """The terminal view, in order; every text from a file is a ``Text``."""
    return [
        Rule(Text("Weight robustness", style="bold"), align="left"),
        Text(_intro(result), style="dim"),
        "",
        _acceptability(result, width),
        "",
        _central_weights_table(result),
        "",
        _removal_table(result),
        "",
        _effective_table(result),
        "",
        data_text(footer, "dim"),
    ]


ACCEPTABILITY_LEGEND = (
    "Each cell: the share of weight samples that put the profile at that rank (· none); "
    "Now: its rank under the file's weights."
)


def _acceptability(result: Robustness, width: int) -> RenderableType:
    """The heat map where its columns fit, else a line per profile with the ranks it takes."""
    n = len(result.standings)
    # The label column (at most 20 wide, at least as wide as its heading), "Now" and a
    # 5-character cell per rank, each followed by a space.
    label = max(min(max(len(s.label) for s in result.standings), 20), len("Profile"))
    if label + 1 + 4 + n * 6 <= width:
        return Group(_acceptability_grid(result), Text(ACCEPTABILITY_LEGEND, style="dim"))
    lines: list[RenderableType] = [
        Text("Rank acceptability (share of samples at each rank)", style="bold")
    ]
    for i in _by_rank(result):
        standing = result.standings[i]
        shares = ", ".join(
            f"rank {rank} {percent(share)}"
            for rank, share in enumerate(standing.acceptability, start=1)
            if share > 0
        )
        line = data_text(standing.label, "bold")
        line.append(f" (now {standing.rank}): {shares}")
        lines.append(line)
    lines.append(Text(ACCEPTABILITY_LEGEND, style="dim"))
    return Group(*lines)


def _acceptability_grid(result: Robustness) -> Table:
    """Rows profiles, columns ranks; each cell a block as tall as the share, and the share."""
    n = len(result.standings)
    grid = Table(
        title="Rank acceptability (share of samples at each rank)",
        title_justify="left",
        box=None,
        header_style="bold",
        padding=(0, 1, 0, 0),  # no rules, one space between columns: nine ranks fit in 80
    )
    grid.add_column("Profile", overflow="fold", max_width=20)
    grid.add_column("Now", justify="right")
    for rank in range(1, n + 1):
        grid.add_column(str(rank), justify="left", no_wrap=True)
    for i in _by_rank(result):
        standing = result.standings[i]
        cells = []
        for rank, share in enumerate(standing.acceptability, start=1):
            if share == 0:
                cells.append(Text("·", style="dim"))
                continue
            style = "bold green" if rank == standing.rank else "cyan"
            cells.append(Text.assemble((share_block(share), style), f"{percent(share):>4}"))
        grid.add_row(data_text(standing.label), str(standing.rank), *cells)
    return grid


def _central_weights_table(result: Robustness) -> RenderableType:
    leaders = [s for s in result.standings if s.central_weights is not None]
    grid = Table(
        title="Central weights (mean weights when ranked first)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
    )
    grid.add_column("Criterion")
    grid.add_column("Nominal", justify="right")
    for standing in leaders:
        grid.add_column(data_text(standing.label), justify="right")
    for k, effective in enumerate(result.effective_weights):
        grid.add_row(
            data_text(effective.criterion.name),
            f"{effective.nominal:.0%}",
            *(f"{s.central_weights[k]:.0%}" for s in leaders if s.central_weights is not None),
        )
    return grid


def _removal_table(result: Robustness) -> Table:
    grid = Table(
        title="Leaving out one criterion (other weights as in the file)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
    )
    grid.add_column("Without")
    grid.add_column("Rank changes (nominal→without)")
    for removal in result.removals:
        style = "yellow" if removal.changed else "dim"
        grid.add_row(
            data_text(removal.criterion.name), data_text(_removal_text(result, removal), style)
        )
    return grid


def _effective_table(result: Robustness) -> RenderableType:
    if result.effective_note is not None:
        return data_text(f"Effective weights: undefined ({result.effective_note}).", "yellow")
    grid = Table(
        title="Effective weights (share of the score's variance across these profiles)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
    )
    grid.add_column("Criterion")
    grid.add_column("Nominal", justify="right")
    grid.add_column("Effective", justify="right")
    for e in result.effective_weights:
        share = e.share or 0.0
        grid.add_row(
            data_text(e.criterion.name),
            f"{e.nominal:.0%}",
            Text(f"{share:.0%}", style="red" if share < 0 else ""),
        )
    return grid


# --------------------------------------------------------------------------------------------
# Markdown


def markdown(result: Robustness, footer: str) -> str:
    n = len(result.standings)
    lines = [
        "## Weight robustness",
        "",
        cell(_intro(result)),
        "",
        "### Rank acceptability",
        "",
        "| Profile | Now | " + " | ".join(str(r) for r in range(1, n + 1)) + " |",
        "|---|--:|" + "--:|" * n,
    ]
    for i in _by_rank(result):
        s = result.standings[i]
        shares = " | ".join("" if a == 0 else percent(a) for a in s.acceptability)
        lines.append(f"| {cell(s.label)} | {s.rank} | {shares} |")
    leaders = [s for s in result.standings if s.central_weights is not None]
    lines += [
        "",
        "### Central weights (mean weights when ranked first)",
        "",
        "| Criterion | Nominal | " + " | ".join(cell(s.label) for s in leaders) + " |",
        "|---|--:|" + "--:|" * len(leaders),
    ]
    for k, e in enumerate(result.effective_weights):
        weights = [f"{s.central_weights[k]:.0%}" for s in leaders if s.central_weights]
        lines.append(f"| {cell(e.criterion.name)} | {e.nominal:.0%} | {' | '.join(weights)} |")
    lines += [
        "",
        "### Leaving out one criterion",
        "",
        "| Without | Ranking (first to last) | Rank changes (nominal→without) |",
        "|---|---|---|",
    ]
    for removal in result.removals:
        order = sorted(
            (i for i, r in enumerate(removal.ranks) if r is not None),
            key=lambda i: removal.ranks[i] or 0,
        )
        ranking = ", ".join(f"{removal.ranks[i]}. {result.standings[i].label}" for i in order)
        lines.append(
            f"| {cell(removal.criterion.name)} | {cell(ranking)}"
            f" | {cell(_removal_text(result, removal))} |"
        )
    lines += ["", "### Effective weights", ""]
    if result.effective_note is not None:
        lines.append(f"Undefined: {cell(result.effective_note)}.")
    else:
        lines += ["| Criterion | Nominal | Effective |", "|---|--:|--:|"]
        lines += [
            f"| {cell(e.criterion.name)} | {e.nominal:.0%} | {(e.share or 0.0):.0%} |"
            for e in result.effective_weights
        ]
    lines += ["", f"_Tested with {cell(footer)}._", ""]
    return "\n".join(lines)
