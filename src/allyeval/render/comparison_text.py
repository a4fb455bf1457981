"""``allyeval compare`` for people: rich tables in the terminal, and Markdown."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from allyeval.analysis.comparison import Comparison, Driver, IndicatorRow
from allyeval.core.models import CriteriaSet
from allyeval.render.common import difference_text, percent, signed
from allyeval.render.comparison import comparability_note
from allyeval.render.safe import cell, data_text
from allyeval.render.table import band_style, bar

CONFIDENCE_MARK = {"high": "h", "medium": "m", "low": "l"}


def _intro(result: Comparison) -> str:
    lead = result.contenders[result.leader]
    how = "exact" if result.method == "arithmetic" else f"from {result.samples:,} draws"
    return (
        f"Leader: {lead.result.profile.name} ({lead.label}), {lead.result.score:.1f},"
        f" {lead.result.band_text}. Differences are each profile minus the leader."
        f" Intervals ({result.level:.0%}) and chances spread each rating by its confidence"
        f" ({how}; ranks from {result.samples:,} draws, seed {result.seed})."
    )


def _interval(low: float, high: float) -> str:
    return f"{low:.1f}–{high:.1f}"


def _rank_range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _indicator_cell(row: IndicatorRow, index: int, leader: int) -> str:
    level = row.levels[index]
    if level is None:
        return "–"
    confidence = row.confidences[index]
    text = f"{level}/4 {CONFIDENCE_MARK[confidence] if confidence else ''}"
    points = row.points[index]
    if points is not None:
        text += f" {points:.1f}"
        if index != leader:
            text += f" {signed(row.point_differences[index])}"
    return text


def _drivers_text(drivers: tuple[Driver, ...]) -> str:
    return ", ".join(f"{d.indicator_name} {signed(d.points)}" for d in drivers) or "none"


def _gap_lines(result: Comparison) -> list[tuple[str, str]]:
    """(headline, explanation) for each profile behind the leader."""
    lead = result.contenders[result.leader].label
    lines = []
    for gap in result.gaps:
        other = result.contenders[gap.other].label
        head = f"{lead} ahead of {other} by {gap.points:.1f}"
        if gap.drivers is None:
            why = "points do not add up under the geometric mean (use --method arithmetic)"
        else:
            why = _drivers_text(gap.drivers)
        lines.append((head, why))
    return lines


def _outranking_lines(result: Comparison) -> list[tuple[str, str, str]]:
    lines = []
    for o in result.outrankings:
        first, second = result.contenders[o.first].label, result.contenders[o.second].label
        # Say it the likelier way round: "A over B 87%" reads better than "B over A 13%".
        if o.probability < 0.5:
            first, second, probability = second, first, 1 - o.probability
        else:
            probability = o.probability
        kind = "exact" if o.exact else "sampled"
        lines.append((f"{first} over {second}", percent(probability), kind))
    return lines


# --------------------------------------------------------------------------------------------
# Terminal


def parts(
    result: Comparison, criteria_set: CriteriaSet, footer: str, width: int
) -> list[RenderableType]:
    """The terminal view, in order; every text from a file is a ``Text``."""
    labels = [c.label for c in result.contenders]
    return [
        Rule(Text(f"Comparison of {len(labels)} partnerships", style="bold"), align="left"),
        data_text(_intro(result), "dim"),
        "",
        _overview(result, criteria_set),
        "",
        _criteria_table(result),
        "",
        _criteria_chart(result),
        "",
        _indicator_table(result),
        "",
        _ranking_table(result, criteria_set, width),
        *([data_text(note)] if (note := comparability_note(result)) else []),
        "",
        _outranking_table(result),
        "",
        Text("What explains the gaps (leader's points minus the other's)", style="bold"),
        _gap_grid(result),
        "",
        data_text(footer, "dim"),
    ]


def _gap_grid(result: Comparison) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for head, why in _gap_lines(result):
        grid.add_row(data_text(f"  {head}:", "bold"), data_text(why))
    return grid


def _grid(first: str, labels: list[str], title: str | None = None) -> Table:
    grid = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    grid.add_column(first)
    for label in labels:
        grid.add_column(data_text(label), justify="right")
    return grid


def _overview(result: Comparison, criteria_set: CriteriaSet) -> Table:
    contenders = result.contenders
    grid = _grid("Overall", [c.label for c in contenders])
    grid.add_row("Score", *(Text(f"{c.result.score:.1f}", style="bold") for c in contenders))
    grid.add_row(
        "Band",
        *(
            data_text(c.result.band_text, band_style(c.result.band, criteria_set))
            for c in contenders
        ),
    )
    grid.add_row(f"{result.level:.0%} interval", *(_interval(*c.interval) for c in contenders))
    grid.add_row(
        "Rank (range)",
        *(f"{c.rank} ({_rank_range(*c.rank_interval)})" for c in contenders),
    )
    grid.add_row("Ranked first", *(percent(c.first) for c in contenders))
    grid.add_row(
        "vs leader",
        *(difference_text(c.difference) if i != result.leader else "–" for i, c in
          enumerate(contenders)),
    )  # fmt: skip
    return grid


def _criteria_table(result: Comparison) -> Table:
    labels = [c.label for c in result.contenders]
    grid = _grid("Criterion", labels)
    grid.add_column("Leads")
    for row in result.criteria:
        risk = row.criterion.direction == "risk"
        cells: list[Text | str] = []
        for i, score in enumerate(row.scores):
            if score is None:
                cells.append(Text("not rated", style="dim italic"))
                continue
            text = Text(f"{score:.1f}")
            if i != result.leader:
                text.append(" ")
                text.append_text(difference_text(row.differences[i], better_up=not risk))
            cells.append(text)
        name = row.criterion.name + (" (risk)" if risk else "")
        leads = ", ".join(labels[i] for i in row.leaders) or "–"
        grid.add_row(data_text(name), *cells, data_text(leads))
    return grid


PROFILE_STYLES = ("cyan", "magenta", "yellow", "green", "blue", "red")
"""One colour per profile, the same in every criterion of the chart."""
CHART_CELLS = 30


def _criteria_chart(result: Comparison) -> Table:
    """The criteria side by side as bars: a row per criterion and profile."""
    chart = Table.grid(padding=(0, 1))
    chart.title = "Criteria side by side (for the risk criterion, shorter is better)"
    chart.title_justify = "left"
    chart.title_style = "bold"
    chart.add_column(no_wrap=True)
    chart.add_column(no_wrap=True)
    chart.add_column(no_wrap=True)
    chart.add_column(justify="right", no_wrap=True)
    labels = [c.label for c in result.contenders]
    for row in result.criteria:
        risk = row.criterion.direction == "risk"
        for index, score in enumerate(row.scores):
            style = PROFILE_STYLES[index % len(PROFILE_STYLES)]
            name = (row.criterion.name + (" (risk)" if risk else "")) if index == 0 else ""
            if score is None:
                chart.add_row(data_text(name), data_text(labels[index]),
                              Text("not rated", style="dim italic"), "")  # fmt: skip
                continue
            chart.add_row(data_text(name), data_text(labels[index], style),
                          Text(bar(score, CHART_CELLS), style=style), f"{score:.1f}")  # fmt: skip
    return chart


def _indicator_table(result: Comparison) -> Table:
    grid = _grid("Indicator", [c.label for c in result.contenders], title="Indicators")
    current = None
    for row in result.indicators:
        if row.criterion.id != current:
            current = row.criterion.id
            grid.add_row(data_text(row.criterion.name, "bold"))
        grid.add_row(
            data_text(f"  {row.indicator.name}"),
            *(_indicator_cell(row, i, result.leader) for i in range(len(result.contenders))),
        )
    return grid


def _ranking_table(result: Comparison, criteria_set: CriteriaSet, width: int) -> Table:
    grid = Table(title="Ranking", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    for column, justify in [
        ("Rank", "right"), ("Partnership", "left"), ("Score", "right"), ("Band", "left"),
        (f"{result.level:.0%} interval", "right"), ("Rank range", "right"),
        ("First", "right"),
    ]:  # fmt: skip
        grid.add_column(column, justify=justify)  # type: ignore[arg-type]
    # The name is long and the numbers matter more: cut the name to what fits on one line.
    grid.columns[1].overflow = "ellipsis"
    grid.columns[1].no_wrap = True
    grid.columns[1].max_width = max(12, width - 62)
    for index in result.ranking:
        c = result.contenders[index]
        grid.add_row(
            str(c.rank),
            data_text(f"{c.label}: {c.result.profile.name}"),
            f"{c.result.score:.1f}",
            data_text(c.result.band_text, band_style(c.result.band, criteria_set)),
            _interval(*c.interval),
            _rank_range(*c.rank_interval),
            percent(c.first),
        )
    return grid


def _outranking_table(result: Comparison) -> Table:
    grid = Table(
        title="Chance of outranking (ties count half)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
    )
    grid.add_column("Pair")
    grid.add_column("Chance", justify="right")
    grid.add_column("How")
    for pair, chance, kind in _outranking_lines(result):
        grid.add_row(data_text(pair), chance, Text(kind, style="dim"))
    return grid


# --------------------------------------------------------------------------------------------
# Markdown


def markdown(result: Comparison, criteria_set: CriteriaSet, footer: str) -> str:
    contenders = result.contenders
    labels = [cell(c.label) for c in contenders]
    head = "| | " + " | ".join(labels) + " |"
    rule = "|---|" + "--:|" * len(labels)
    lines = [
        "## Comparison",
        "",
        cell(_intro(result)),
        "",
        head,
        rule,
        "| Score | " + " | ".join(f"**{c.result.score:.1f}**" for c in contenders) + " |",
        "| Band | " + " | ".join(cell(c.result.band_text) for c in contenders) + " |",
        f"| {result.level:.0%} interval | "
        + " | ".join(_interval(*c.interval) for c in contenders)
        + " |",
        "| Rank (range) | "
        + " | ".join(f"{c.rank} ({_rank_range(*c.rank_interval)})" for c in contenders)
        + " |",
        "| Ranked first | " + " | ".join(percent(c.first) for c in contenders) + " |",
        "| vs leader | " + " | ".join(signed(c.difference) for c in contenders) + " |",
        "",
        "| Criterion | " + " | ".join(labels) + " | Leads |",
        "|---|" + "--:|" * len(labels) + "---|",
    ]
    for row in result.criteria:
        cells = [
            "not rated" if s is None else f"{s:.1f} ({signed(row.differences[i])})"
            for i, s in enumerate(row.scores)
        ]
        name = cell(row.criterion.name) + (" (risk)" if row.criterion.direction == "risk" else "")
        leads = ", ".join(labels[i] for i in row.leaders) or "–"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {leads} |")
    lines += ["", "| Indicator | " + " | ".join(labels) + " |", rule]
    for item in result.indicators:
        cells = [_indicator_cell(item, i, result.leader) for i in range(len(contenders))]
        name = f"{cell(item.criterion.name)}: {cell(item.indicator.name)}"
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "### Ranking",
        "",
        f"| Rank | Partnership | Score | Band | {result.level:.0%} interval | Rank range | First |",
        "|--:|---|--:|---|--:|--:|--:|",
    ]
    for index in result.ranking:
        c = contenders[index]
        lines.append(
            f"| {c.rank} | {cell(c.label)}: {cell(c.result.profile.name)}"
            f" | {c.result.score:.1f} | {cell(c.result.band_text)} | {_interval(*c.interval)}"
            f" | {_rank_range(*c.rank_interval)} | {percent(c.first)} |"
        )
    note = comparability_note(result)
    lines += ["", note] if note else []
    lines += ["", "### Chance of outranking (ties count half)", "", "| Pair | Chance | How |"]
    lines.append("|---|--:|---|")
    lines += [f"| {cell(p)} | {c} | {k} |" for p, c, k in _outranking_lines(result)]
    lines += ["", "### What explains the gaps", ""]
    lines += [f"- **{cell(head)}**: {cell(why)}" for head, why in _gap_lines(result)]
    lines += ["", f"_Compared with {cell(footer)}._", ""]
    return "\n".join(lines)
