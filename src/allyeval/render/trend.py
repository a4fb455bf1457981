"""``allyeval trend`` as text: table and bar chart (terminal), JSON, CSV or Markdown."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from allyeval.analysis.comparison import Driver
from allyeval.analysis.trend import Step, Trend
from allyeval.core.models import CriteriaSet
from allyeval.core.provenance import provenance, provenance_line
from allyeval.render.common import (
    check_format,
    console_text,
    difference_text,
    dumps,
    hbar,
    json_points,
    json_share,
    signed,
)
from allyeval.render.csv import PROVENANCE_COLUMNS, csv_text, provenance_cells
from allyeval.render.layout import Cell, heading, side_by_side
from allyeval.render.safe import cell, code, data_text
from allyeval.render.table import band_style

FORMATS = ("table", "json", "csv", "markdown")
CHART_MIN_CELLS = 10
CHART_MAX_CELLS = 60
CHART_FIXED = 10 + 1 + 1 + 5 + 1 + 6 + 1 + 10
"""Columns around the bar: date, score, change, band and the spaces between them."""


def render(
    result: Trend,
    output_format: str,
    *,
    color: bool,
    width: int,
    criteria_set: CriteriaSet,
    method: str,
    seed: int | None = None,
    samples: int | None = None,
) -> str:
    """The whole trend in *output_format* (table, json, csv or markdown). A trend draws
    nothing at random: *seed* and *samples* are accepted for a uniform call and not used."""
    name = check_format(output_format, FORMATS, "trend")
    footer = provenance_line(criteria_set, method)
    if name == "json":
        return dumps(trend_record(result, provenance(criteria_set, method)))
    if name == "csv":
        return trend_csv(result, provenance_cells(criteria_set, method))
    if name == "markdown":
        return markdown(result, footer)
    return console_text(*parts(result, criteria_set, footer, width), color=color, width=width)


LARGEST_LEGEND = (
    "All in overall points: by criterion, the change in its part of the score (they add up "
    "to the change); indicators, the largest changes in theirs. More points is always better."
)


def _title(result: Trend) -> str:
    first = result.assessments[0].result.profile
    if len(result.ids) == 1:
        return f"{first.name} ({first.id})"
    return "Mixed series: " + ", ".join(result.ids)


def _step_name(result: Trend, step: Step) -> str:
    before = result.assessments[step.before].as_of.isoformat()
    after = result.assessments[step.after].as_of.isoformat()
    return f"{before} → {after}"


def _drivers_text(drivers: tuple[Driver, ...] | None) -> str:
    if drivers is None:
        return "points do not add up under the geometric mean (use --method arithmetic)"
    return ", ".join(f"{d.indicator_name} {signed(d.points)}" for d in drivers) or "no change"


def criterion_points(result: Trend, step: Step) -> list[float | None] | None:
    """Each criterion's change in overall points (its contribution after minus before),
    adding up to the step's change; None under the geometric mean."""
    old = result.assessments[step.before].result
    new = result.assessments[step.after].result
    if old.method != "arithmetic":
        return None
    return [
        None if a.contribution is None or b.contribution is None
        else b.contribution - a.contribution
        for a, b in zip(old.criteria, new.criteria, strict=True)
    ]  # fmt: skip


def _criterion_moves(result: Trend, step: Step) -> str:
    """The criteria that moved, largest first, in overall points (own scale under the
    geometric mean); for a risk criterion, which way the exposure went."""
    criteria = result.assessments[0].result.criteria
    in_points = criterion_points(result, step)
    changes = step.criterion_changes if in_points is None else in_points
    moved = [
        (abs(change), k, change)
        for k, change in enumerate(changes)
        if change is not None and round(change, 1) != 0.0
    ]
    moved.sort(key=lambda m: (-m[0], m[1]))
    old = result.assessments[step.before].result.criteria
    new = result.assessments[step.after].result.criteria
    texts = []
    for _, k, change in moved:
        criterion = criteria[k].criterion
        text = f"{criterion.name} {signed(change)}"
        before, after = old[k].score, new[k].score
        if before is None or after is None:
            text += " (newly rated)" if before is None else " (no longer rated)"
        elif criterion.direction == "risk":
            # Read on the criterion's own scale (exposure), not from the points: when the
            # criteria rated change, the weights renormalise and points can move either way.
            exposure = after - before
            if round(exposure, 1) != 0.0:
                text += f" (exposure {'down: better' if exposure < 0 else 'up: worse'})"
        texts.append(text)
    unit = "" if in_points is not None else " (own scale)"
    return (", ".join(texts) or "none") + unit


# --------------------------------------------------------------------------------------------
# JSON and CSV


def trend_record(result: Trend, origin: dict[str, Any]) -> dict[str, Any]:
    criteria = [c.criterion.id for c in result.assessments[0].result.criteria]
    dates = [a.as_of.isoformat() for a in result.assessments]
    return {
        "ids": list(result.ids),
        "method": result.method,
        "provenance": origin,
        "assessments": [
            {
                "id": a.result.profile.id,
                "name": a.result.profile.name,
                "path": a.path,
                "as_of": a.as_of.isoformat(),
                "score": json_points(a.result.score),
                "band": a.result.band,
                "capped_by": [cap.condition for cap in a.result.capped_by],
                "coverage": json_share(a.result.coverage),
                "change": None if k == 0 else json_points(result.steps[k - 1].change),
                "criteria": {c.criterion.id: json_points(c.score) for c in a.result.criteria},
            }
            for k, a in enumerate(result.assessments)
        ],
        "steps": [
            {
                "from": dates[step.before],
                "to": dates[step.after],
                "change": json_points(step.change),
                "criteria": {
                    cid: json_points(change)
                    for cid, change in zip(criteria, step.criterion_changes, strict=True)
                },
                "criteria_points": None
                if (in_points := criterion_points(result, step)) is None
                else {
                    cid: json_points(change)
                    for cid, change in zip(criteria, in_points, strict=True)
                },
                "drivers": None
                if step.drivers is None
                else [
                    {
                        "criterion": d.criterion_id,
                        "indicator": d.indicator_id,
                        "name": d.indicator_name,
                        "points": json_points(d.points),
                    }
                    for d in step.drivers
                ],
            }
            for step in result.steps
        ],
        "largest": [
            {
                "from": dates[result.steps[k].before],
                "to": dates[result.steps[k].after],
                "change": json_points(result.steps[k].change),
            }
            for k in result.largest
        ],
    }


def trend_csv(result: Trend, origin: list[Any]) -> str:
    """The header, then one row per assessment, oldest first, each ending with the
    provenance cells *origin*."""
    criteria = [c.criterion.id for c in result.assessments[0].result.criteria]
    rows: list[list[object]] = [
        [
            "id",
            "name",
            "path",
            "as_of",
            "score",
            "band",
            "capped_by",
            "coverage",
            "change",
            *criteria,
            *PROVENANCE_COLUMNS,
        ]
    ]
    for k, a in enumerate(result.assessments):
        change = "" if k == 0 else json_points(result.steps[k - 1].change)
        rows.append(
            [
                a.result.profile.id,
                a.result.profile.name,
                a.path,
                a.as_of.isoformat(),
                json_points(a.result.score),
                a.result.band,
                "; ".join(cap.condition for cap in a.result.capped_by),
                json_share(a.result.coverage),
                change,
                *("" if c.score is None else json_points(c.score) for c in a.result.criteria),
                *origin,
            ]
        )
    return csv_text(rows)


# --------------------------------------------------------------------------------------------
# Terminal


def parts(
    result: Trend, criteria_set: CriteriaSet, footer: str, width: int
) -> list[RenderableType]:
    """The terminal view, in order; every text from a file is a ``Text``."""
    return [
        heading(data_text(f"Trend: {_title(result)}", "bold"), width),
        Text(
            f"{len(result.assessments)} assessments, "
            f"{result.assessments[0].as_of.isoformat()} to "
            f"{result.assessments[-1].as_of.isoformat()}; {result.method} mean.",
            style="dim",
        ),
        "",
        Text("Overall score by date", style="bold"),
        chart(result, criteria_set, width),
        *(
            data_text(f"* {a.as_of.isoformat()}: {a.result.capped_note}", "dim")
            for a in result.assessments
            if a.result.capped_note
        ),
        "",
        _criteria_table(result, width),
        "",
        Text("Largest changes", style="bold"),
        _largest_grid(result),
        Text(LARGEST_LEGEND, style="dim"),
        "",
        data_text(footer, "dim"),
    ]


def chart(result: Trend, criteria_set: CriteriaSet, width: int) -> Table:
    """A horizontal bar per assessment, 0-100 across the bar space, with score and band."""
    cells = max(CHART_MIN_CELLS, min(CHART_MAX_CELLS, width - CHART_FIXED))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, width=cells)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    for k, a in enumerate(result.assessments):
        style = band_style(a.result.band, criteria_set)
        grid.add_row(
            a.as_of.isoformat(),
            Text(hbar(a.result.score, cells), style=style.replace("bold ", "")),
            Text(f"{a.result.score:.1f}", style="bold"),
            Text("") if k == 0 else difference_text(result.steps[k - 1].change),
            data_text(a.result.band + ("*" if a.result.capped_by else ""), style),
        )
    return grid


def _criteria_table(result: Trend, width: int) -> RenderableType:
    headers: list[Cell] = [a.as_of.isoformat() for a in result.assessments]
    rows: list[tuple[Cell, list[Cell]]] = []
    for per_date in zip(*(a.result.criteria for a in result.assessments), strict=True):
        criterion = per_date[0].criterion
        name = criterion.name + (" (risk)" if criterion.direction == "risk" else "")
        rows.append((data_text(name), ["–" if c.score is None else f"{c.score:.1f}"
                                       for c in per_date]))  # fmt: skip
    overall: list[Cell] = [Text(f"{a.result.score:.1f}", style="bold") for a in result.assessments]
    columns = [[*(cells[i] for _, cells in rows), overall[i]] for i in range(len(headers))]

    def make(group: list[int]) -> Table:
        grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        grid.add_column("Criterion", overflow="fold")
        for index in group:
            grid.add_column(headers[index], justify="right", no_wrap=True)
        for name, cells in rows:
            grid.add_row(name, *(cells[i] for i in group))
        grid.add_section()
        grid.add_row("Overall", *(overall[i] for i in group))
        return grid

    names: list[Cell] = [name for name, _ in rows]
    return Group(
        Text("Criteria over time (own scale; risk: exposure)", style="bold"),
        side_by_side(make, headers, columns, names, width),
    )


def _largest_grid(result: Trend) -> RenderableType:
    if not result.largest:
        return Text("  No change between assessments.", style="dim")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for k in result.largest:
        step = result.steps[k]
        grid.add_row(
            Text.assemble(f"  {_step_name(result, step)} ", difference_text(step.change), ":"),
            Text.assemble(
                "by criterion: ",
                data_text(_criterion_moves(result, step)),
                "\nindicators: ",
                data_text(_drivers_text(step.drivers)),
            ),
        )
    return grid


# --------------------------------------------------------------------------------------------
# Markdown


def markdown(result: Trend, footer: str) -> str:
    dates = [a.as_of.isoformat() for a in result.assessments]
    lines = [
        f"## Trend: {cell(_title(result))}",
        "",
        "| As of | Score | Band | Change | File |",
        "|---|--:|---|--:|---|",
    ]
    for k, a in enumerate(result.assessments):
        change = "" if k == 0 else signed(result.steps[k - 1].change)
        lines.append(
            f"| {dates[k]} | {a.result.score:.1f} | {cell(a.result.band_text)} | {change}"
            f" | {code(a.path, in_table=True)} |"
        )
    lines += [
        "",
        "| Criterion | " + " | ".join(dates) + " |",
        "|---|" + "--:|" * len(dates),
    ]
    for per_date in zip(*(a.result.criteria for a in result.assessments), strict=True):
        criterion = per_date[0].criterion
        name = cell(criterion.name) + (" (risk)" if criterion.direction == "risk" else "")
        scores = ["–" if c.score is None else f"{c.score:.1f}" for c in per_date]
        lines.append(f"| {name} | " + " | ".join(scores) + " |")
    lines += ["", "### Largest changes", ""]
    if not result.largest:
        lines.append("No change between assessments.")
    for k in result.largest:
        step = result.steps[k]
        lines.append(
            f"- **{_step_name(result, step)}, {signed(step.change)}**:"
            f" by criterion: {cell(_criterion_moves(result, step))};"
            f" indicators: {cell(_drivers_text(step.drivers))}"
        )
    lines += ["", f"_Scored with {cell(footer)}._", ""]
    return "\n".join(lines)
