"""The tables of one score report in the terminal, laid out for the width they get.

Designed for 80 columns first: every number, band and header keeps its full width at any
width from 60 up; what gives way is text (names wrap, keeping their indent) and, below
``WIDE`` columns, the evidence, which moves under its indicator instead of squeezing the
table. Wide terminals give the extra room to the evidence."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from allyeval.core.report import Report
from allyeval.core.scoring import CriterionScore
from allyeval.core.sources import Source, cite
from allyeval.render.records import points_text
from allyeval.render.safe import data_text

WIDE = 100
"""From this width the evidence is a column of the indicator table."""
BARS = 90
"""From this width the criteria table shows score bars."""
BAR_CELLS = 10
NAME_INDENT = 2
EVIDENCE_INDENT = 4
LEVEL, CONFIDENCE, POINTS = 5, 6, 6
"""Widths of the indicator table's number columns (their headers are the widest cells)."""
INSUFFICIENT_MARK = "*"

CRITERIA_LEGEND = (
    "Score: 0-100 on the criterion's own scale (risk: higher is more exposure). Points: the "
    "criterion's part of the overall score, weight x how well it does; they add up to it."
)
INDICATOR_LEGEND = (
    "Level: the rating, 0-4. Conf.: the analyst's confidence. Points: the indicator's part "
    "of the overall score (a dash: not counted)."
)
FINDINGS_LEGEND = (
    "+ points the rating adds; - points it leaves on the table; → points a rating of 4 "
    "(for a risk, 0) would add."
)


def bar(score: float, cells: int = BAR_CELLS) -> str:
    """A 0-100 score as a bar of *cells* characters."""
    filled = round(score / 100 * cells)
    return "█" * filled + "░" * (cells - filled)


def interval_text(interval: tuple[float, float] | None) -> str:
    return "" if interval is None else f"{interval[0]:.1f}–{interval[1]:.1f}"


def legend(text: str) -> Text:
    return Text(text, style="dim")


def coverage_cell(coverage: float, insufficient: bool) -> Text:
    """A coverage figure, marked where it is below the criteria's min_coverage."""
    text = Text(f"{coverage:.0%}")
    if insufficient:
        text.append(INSUFFICIENT_MARK, style="magenta")
    return text


def criteria_table(report: Report, width: int) -> RenderableType:
    """Criteria with weight, score, interval, coverage and points; a legend line under it."""
    result = report.result
    # One space and the column rule between columns: the name keeps 13 columns at 60.
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("Criterion", overflow="fold")
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("90% interval", justify="right", no_wrap=True)
    table.add_column("Coverage", justify="right", no_wrap=True)
    table.add_column("Points", justify="right", no_wrap=True)
    bars = width >= BARS
    for crit in result.criteria:
        risk = crit.criterion.direction == "risk"
        table.add_row(
            data_text(crit.criterion.name + (" (risk)" if risk else "")),
            f"{crit.weight:.0%}",
            _score_cell(crit, bars),
            interval_text(report.criterion_intervals[crit.criterion.id]),
            coverage_cell(crit.coverage, crit.insufficient),
            points_text(crit.contribution),
        )
    table.add_section()
    table.add_row("Overall", "", Text(f"{result.score:.1f}", style="bold"),
                  interval_text(report.interval),
                  coverage_cell(result.coverage, result.provisional),
                  Text(f"{result.score:.1f}", style="bold"))  # fmt: skip
    note = CRITERIA_LEGEND
    if result.provisional or any(c.insufficient for c in result.criteria):
        note += f" {INSUFFICIENT_MARK} below the criteria's minimum coverage."
    return Group(table, legend(note))


def _score_cell(crit: CriterionScore, bars: bool) -> Text:
    if crit.score is None:
        return Text("not rated", style="dim italic")
    if not bars:
        return Text(f"{crit.score:.1f}")
    risk = crit.criterion.direction == "risk"
    return Text.assemble((bar(crit.score), "red" if risk else "green"), f" {crit.score:5.1f}")


def _name(text: str, indent: int, style: str = "") -> RenderableType:
    """A name whose wrapped lines keep the first line's indent."""
    return Padding(data_text(text, style), (0, 0, 0, indent))


IndicatorRow = tuple[str, str, str, str, Text]
"""Name, level, confidence, points and evidence of one indicator."""


def indicator_rows(report: Report, references: bool) -> list[tuple[str, list[IndicatorRow]]]:
    """Per criterion: its name and, per indicator, (name, level, confidence, points, evidence)."""
    rows: list[tuple[str, list[IndicatorRow]]] = []
    for crit in report.result.criteria:
        items: list[IndicatorRow] = []
        for item in crit.indicators:
            cited = report.references.get(item.indicator.id, ())
            name = item.indicator.name
            if item.not_applicable is not None:
                reason = data_text(item.not_applicable.evidence, "dim")
                reason.append_text(data_text(sources_text(item.not_applicable.sources, cited,
                                                          references), "dim"))  # fmt: skip
                items.append((name, "n/a", "", "", reason))
            elif item.rating is None:
                items.append((name, "–", "", "", Text("not rated", style="dim italic")))
            else:
                rating = item.rating
                evidence = data_text(rating.evidence)
                evidence.append_text(data_text(sources_text(rating.sources, cited, references),
                                               "dim"))  # fmt: skip
                if item.gated_from is not None:
                    evidence.append(
                        f" (rated {item.gated_from}/4; counted at the consent level)", style="dim"
                    )
                items.append((name, f"{rating.level}/4", rating.confidence,
                              points_text(item.contribution), evidence))  # fmt: skip
        rows.append((crit.criterion.name, items))
    return rows


def sources_text(sources: list[str | Source], cited: tuple[int, ...], references: bool) -> str:
    if not sources:
        return ""
    if references:
        return " " + "".join(f"[{number}]" for number in cited)
    return f" ({'; '.join(cite(source) for source in sources)})"


def indicator_table(report: Report, width: int, references: bool) -> RenderableType:
    rows = indicator_rows(report, references)
    title = Text("Indicators", style="bold")
    if width >= WIDE:
        return Group(title, _wide(rows, width), legend(INDICATOR_LEGEND))
    return Group(title, *_stacked(rows, width), legend(INDICATOR_LEGEND))


def _wide(rows: list[tuple[str, list[IndicatorRow]]], width: int) -> Table:
    longest = max((len(name) + NAME_INDENT for _, items in rows for name, *_ in items), default=10)
    name_width = min(longest, max(24, width // 5))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    table.add_column("Indicator", width=name_width, overflow="fold")
    table.add_column("Level", justify="right", no_wrap=True, width=LEVEL)
    table.add_column("Conf.", no_wrap=True, width=CONFIDENCE)
    table.add_column("Points", justify="right", no_wrap=True, width=POINTS)
    table.add_column("Evidence (sources)", overflow="fold", ratio=1)
    for criterion, items in rows:
        table.add_row(_name(criterion, 0, "bold"), "", "", "", "")
        for name, level, confidence, points, evidence in items:
            table.add_row(_name(name, NAME_INDENT), level, confidence, points, evidence)
    return table


def _stacked(rows: list[tuple[str, list[IndicatorRow]]], width: int) -> list[RenderableType]:
    """The narrow layout: a line of numbers per indicator, its evidence under it."""
    name_width = width - (LEVEL + CONFIDENCE + POINTS + 3)

    def line(*cells: RenderableType, header: bool = False) -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=name_width, overflow="fold")
        grid.add_column(justify="right", width=LEVEL, no_wrap=True)
        grid.add_column(width=CONFIDENCE, no_wrap=True)
        grid.add_column(justify="right", width=POINTS, no_wrap=True)
        grid.add_row(*cells, style="bold" if header else "")
        return grid

    parts: list[RenderableType] = [line("Indicator", "Level", "Conf.", "Points", header=True)]
    for criterion, items in rows:
        parts.append(_name(criterion, 0, "bold"))
        for name, level, confidence, points, evidence in items:
            parts.append(line(_name(name, NAME_INDENT), level, confidence, points))
            parts.append(Padding(evidence, (0, 0, 0, EVIDENCE_INDENT)))
    return parts
