"""``allyeval compare`` for people: rich tables in the terminal, and Markdown."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from allyeval.analysis.comparison import Comparison, IndicatorRow
from allyeval.core.models import CriteriaSet
from allyeval.render.common import complement_percent, difference_text, percent, signed
from allyeval.render.comparison import comparability_note
from allyeval.render.comparison_gaps import gap_markdown, gap_section
from allyeval.render.explain import TIE_BELOW, TIE_MARK, TIE_NOTE
from allyeval.render.layout import Cell, side_by_side
from allyeval.render.safe import cell, data_text
from allyeval.render.score_tables import WIDE, bar, legend
from allyeval.render.table import band_style

CONFIDENCE_MARK = {"high": "h", "medium": "m", "low": "l"}
CRITERIA_NOTE = "for the risk criterion a lower score is better (less exposure)."
NARROW = 80
"""Below this width the ranking leaves out what the overview already shows."""
INDICATOR_NOTE = (
    "Each cell: level/4, confidence (h high, m medium, l low), points (the indicator's part of "
    "the overall score) and their difference from the leader; – not rated."
)


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


def _outranking_lines(result: Comparison) -> list[tuple[str, str, str]]:
    lines = []
    for o in result.outrankings:
        first, second = result.contenders[o.first].label, result.contenders[o.second].label
        # Say it the likelier way round: "A over B 87%" reads better than "B over A 13%".
        if o.probability < 0.5:
            first, second = second, first
            chance = complement_percent(o.probability)
        else:
            chance = percent(o.probability)
        kind = "exact" if o.exact else "sampled"
        lines.append((f"{first} over {second}", chance, kind))
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
        _overview(result, criteria_set, width),
        "",
        _criteria_table(result, width),
        "",
        _criteria_chart(result, width),
        "",
        _indicator_table(result, width),
        "",
        _ranking_table(result, criteria_set, width),
        *([data_text(note)] if (note := comparability_note(result)) else []),
        "",
        _outranking_table(result),
        "",
        gap_section(result),
        "",
        data_text(footer, "dim"),
    ]


def _side_by_side(
    first: str,
    headers: list[Cell],
    rows: list[tuple[Cell, list[Cell]]],
    width: int,
    title: str | None = None,
) -> RenderableType:
    """A row per item and a column per profile (and maybe a last column such as "Leads"), in
    as many parts as it takes to keep every cell whole at *width*."""
    columns = [[cells[i] for _, cells in rows if len(cells) > i] for i in range(len(headers))]

    def make(group: list[int]) -> Table:
        grid = Table(
            title=title if group[0] == 0 else None, title_justify="left", title_style="bold",
            box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
        )  # fmt: skip
        grid.add_column(first, overflow="fold")
        for index in group:
            grid.add_column(headers[index], justify="right", no_wrap=True)
        for name, cells in rows:
            grid.add_row(name, *(cells[i] if i < len(cells) else "" for i in group))
        return grid

    return side_by_side(make, headers, columns, [name for name, _ in rows], width)


def _overview(result: Comparison, criteria_set: CriteriaSet, width: int) -> RenderableType:
    contenders = result.contenders
    rows: list[tuple[Cell, list[Cell]]] = [
        ("Score", [Text(f"{c.result.score:.1f}", style="bold") for c in contenders]),
        ("Band", [data_text(c.result.band_text, band_style(c.result.band, criteria_set))
                  for c in contenders]),
        (f"{result.level:.0%} interval", [_interval(*c.interval) for c in contenders]),
        ("Rank (range)", [f"{c.rank} ({_rank_range(*c.rank_interval)})" for c in contenders]),
        ("Ranked first", [percent(c.first) for c in contenders]),
        ("vs leader", [difference_text(c.difference) if i != result.leader else "–"
                       for i, c in enumerate(contenders)]),
    ]  # fmt: skip
    return _side_by_side("Overall", [data_text(c.label) for c in contenders], rows, width)


def _criteria_table(result: Comparison, width: int) -> RenderableType:
    labels = [c.label for c in result.contenders]
    rows: list[tuple[Cell, list[Cell]]] = []
    for row in result.criteria:
        risk = row.criterion.direction == "risk"
        cells: list[Cell] = []
        for i, score in enumerate(row.scores):
            if score is None:
                cells.append(Text("not rated", style="dim italic"))
                continue
            text = Text(f"{score:.1f}")
            if _insufficient(result, i, row.criterion.id):
                text.append("*")
            if i != result.leader:
                text.append(" ")
                text.append_text(difference_text(row.differences[i], better_up=not risk))
            cells.append(text)
        name = row.criterion.name + (" (risk)" if risk else "")
        leads = ", ".join(labels[i] for i in row.leaders) or "–"
        rows.append((data_text(name), [*cells, data_text(leads)]))
    headers: list[Cell] = [*(data_text(label) for label in labels), "Leads"]
    return Group(
        _side_by_side("Criterion", headers, rows, width),
        legend(
            f"Each cell: the score and its difference from the leader; {CRITERIA_NOTE}"
            + (f" {INSUFFICIENT_NOTE}" if _any_insufficient(result) else "")
        ),
    )


INSUFFICIENT_NOTE = "* below the criteria's minimum coverage."
MARKDOWN_MARK = "\\*"
"""The mark, escaped so that Markdown shows it rather than reading emphasis."""


def _insufficient(result: Comparison, index: int, criterion: str) -> bool:
    """Whether profile *index*'s own coverage of *criterion* is below the minimum."""
    scores = result.contenders[index].result.criteria
    return any(c.criterion.id == criterion and c.insufficient for c in scores)


def _any_insufficient(result: Comparison) -> bool:
    """Whether a shown score carries the mark (an unrated criterion is "not rated", unmarked)."""
    return any(
        c.insufficient and c.score is not None for k in result.contenders for c in k.result.criteria
    )


PROFILE_STYLES = ("cyan", "magenta", "yellow", "green", "blue", "red")
"""One colour per profile, the same in every criterion of the chart."""
CHART_CELLS = 30


def _criteria_chart(result: Comparison, width: int) -> Table:
    """The criteria side by side as bars: a row per criterion and profile. The bars take
    what the names leave, up to CHART_CELLS."""
    labels = [c.label for c in result.contenders]
    names = [r.criterion.name + (" (risk)" if r.criterion.direction == "risk" else "")
             for r in result.criteria]  # fmt: skip
    name_width = min(max(map(len, names)), 20 if width < 100 else 30)
    label_width = min(max(map(len, labels)), 16 if width < 100 else 24)
    cells = max(10, min(CHART_CELLS, width - name_width - label_width - 8))
    chart = Table.grid(padding=(0, 1))
    chart.title = "Criteria side by side (for the risk criterion, shorter is better)"
    chart.title_justify = "left"
    chart.title_style = "bold"
    chart.add_column(width=name_width, overflow="fold")
    chart.add_column(width=label_width, overflow="fold")
    chart.add_column(width=cells, no_wrap=True)
    chart.add_column(justify="right", no_wrap=True, width=5)
    for row, name in zip(result.criteria, names, strict=True):
        for index, score in enumerate(row.scores):
            style = PROFILE_STYLES[index % len(PROFILE_STYLES)]
            first = name if index == 0 else ""
            if score is None:
                chart.add_row(data_text(first), data_text(labels[index]),
                              Text("not rated", style="dim italic"), "")  # fmt: skip
                continue
            chart.add_row(data_text(first), data_text(labels[index], style),
                          Text(bar(score, cells), style=style), f"{score:.1f}")  # fmt: skip
    return chart


def _indicator_table(result: Comparison, width: int) -> RenderableType:
    rows: list[tuple[Cell, list[Cell]]] = []
    current = None
    for row in result.indicators:
        if row.criterion.id != current:
            current = row.criterion.id
            rows.append((data_text(row.criterion.name, "bold"), []))
        cells: list[Cell] = [_indicator_cell(row, i, result.leader)
                             for i in range(len(result.contenders))]  # fmt: skip
        rows.append((Padding(data_text(row.indicator.name), (0, 0, 0, 2)), cells))
    headers: list[Cell] = [data_text(c.label) for c in result.contenders]
    return Group(
        _side_by_side("Indicator", headers, rows, width, title="Indicators"),
        legend(INDICATOR_NOTE),
    )


def _ranking_table(result: Comparison, criteria_set: CriteriaSet, width: int) -> RenderableType:
    grid = Table(title="Ranking", title_justify="left", title_style="bold",
                 box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)  # fmt: skip
    grid.add_column("Rank", justify="right", no_wrap=True)
    grid.add_column("Partnership", overflow="fold", min_width=12)
    # Narrow terminals leave out the rank range and first place: the overview has them.
    full = width >= NARROW
    extra = ("Ranks", "First") if full else ()
    grid.add_column("Score", justify="right", no_wrap=True)
    # A band keeps its word on one line; a "capped by" note wraps under it.
    grid.add_column("Band", overflow="fold")
    for column in (f"{result.level:.0%} interval", *extra):
        grid.add_column(column, justify="right", no_wrap=True)
    chances = {(o.first, o.second): o.probability for o in result.outrankings}
    tied_any = False
    previous = None
    for index in result.ranking:
        c = result.contenders[index]
        tied = False
        if previous is not None:
            chance = chances.get((previous, index), 1 - chances.get((index, previous), 0.0))
            tied = chance < TIE_BELOW
        tied_any |= tied
        previous = index
        name = c.label if width < WIDE else f"{c.label}: {c.result.profile.name}"
        grid.add_row(
            f"{TIE_MARK if tied else ''}{c.rank}",
            data_text(name),
            f"{c.result.score:.1f}",
            data_text(c.result.band_text, band_style(c.result.band, criteria_set)),
            _interval(*c.interval),
            *((_rank_range(*c.rank_interval), percent(c.first)) if full else ()),
        )
    note = "Ranks: the range of ranks in 90% of the draws. First: the chance of ranking first."
    if not full:
        note = "Rank ranges and chances of ranking first: see the overview."
    return Group(grid, legend(note + (f" {TIE_NOTE}" if tied_any else "")))


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
        marks = [MARKDOWN_MARK if _insufficient(result, i, row.criterion.id) else ""
                 for i in range(len(row.scores))]  # fmt: skip
        cells = [
            "not rated" if s is None else f"{s:.1f}{marks[i]} ({signed(row.differences[i])})"
            for i, s in enumerate(row.scores)
        ]
        name = cell(row.criterion.name) + (" (risk)" if row.criterion.direction == "risk" else "")
        leads = ", ".join(labels[i] for i in row.leaders) or "–"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {leads} |")
    if _any_insufficient(result):
        lines += ["", f"{MARKDOWN_MARK} below the criteria's minimum coverage."]
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
    lines += ["", *gap_markdown(result)]
    lines += ["", f"_Compared with {cell(footer)}._", ""]
    return "\n".join(lines)
