"""The terminal and Markdown views of ``allyeval agree``, from the view data of
:mod:`allyeval.render.agreement` (every text from a profile is a rich ``Text``, never markup,
with unsafe characters escaped)."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from allyeval.render.agreement import AgreementView, AlphaRow, DisagreementView
from allyeval.render.common import console_text
from allyeval.render.layout import Cell, heading, side_by_side, stacked
from allyeval.render.safe import cell, data_text
from allyeval.render.score_tables import legend

READING_STYLES = {"reliable": "green", "tentative": "yellow", "unreliable": "red"}


NARROW = 80
"""Below this width the agreement table puts each row's numbers under its name."""


def table(view: AgreementView, *, color: bool, width: int) -> str:
    return console_text(*parts(view, width), color=color, width=width)


def parts(view: AgreementView, width: int = 100) -> list[RenderableType]:
    """The terminal view, in order; every text from a file is a ``Text``, escaped."""
    shown: list[RenderableType] = [
        heading(data_text(view.title, "bold"), width),
        *(data_text(line) for line in view.summary[:2]),
        data_text(view.summary[2], "dim"),
        "",
        _alpha_grid(view.alphas, width),
        "",
        _score_grid(view, width),
        "",
        Rule(Text("Where they disagree (levels 2 or more apart)", style="bold"), align="left"),
    ]
    if not view.disagreements:
        shown.append(Text("No indicator's levels are 2 or more apart.", style="dim"))
    for found in view.disagreements:
        shown += ["", *_disagreement(found)]
    shown += ["", *(data_text(note, "dim") for note in view.notes)]
    return shown


ALPHA_HEADERS = ("Alpha", "95% interval", "Reading", "Indicators", "Left out")
ALPHA_LEGEND = (
    "Alpha: Krippendorff's ordinal alpha (1 full agreement, 0 no better than chance). "
    "Indicators: rated by two or more raters; left out: rated by fewer."
)


def _alpha_grid(rows: tuple[AlphaRow, ...], width: int) -> RenderableType:
    title = Text("Agreement by criterion", style="bold")
    cells: list[tuple[Cell, list[Cell]]] = [
        (
            data_text(row.name, "bold" if position == 0 else ""),
            [Text(row.alpha), Text(row.interval),
             data_text(row.reading, READING_STYLES.get(row.reading, "dim")),
             Text(str(row.indicators)), Text(str(row.left_out))],
        )
        for position, row in enumerate(rows)
    ]  # fmt: skip
    if width < NARROW:
        right = (True, True, False, True, True)
        return Group(title, *stacked(ALPHA_HEADERS, cells, right=right), legend(ALPHA_LEGEND))
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    grid.add_column("", overflow="fold")
    for column in ALPHA_HEADERS:
        justify = "left" if column == "Reading" else "right"
        grid.add_column(column, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for position, (name, row_cells) in enumerate(cells):
        grid.add_row(name, *row_cells, end_section=position == 0)
    return Group(title, grid, legend(ALPHA_LEGEND))


def _score_grid(view: AgreementView, width: int) -> RenderableType:
    headers: list[Cell] = [*(data_text(n) for n in (*view.raters, "Consensus")), "Spread"]
    rows: list[tuple[Cell, list[Cell]]] = [
        (data_text(row.name, "bold" if position == 0 else ""),
         [*(Text(score) for score in row.scores), Text(row.spread, style="bold")])
        for position, row in enumerate(view.scores)
    ]  # fmt: skip
    columns = [[cells[i] for _, cells in rows] for i in range(len(headers))]

    def make(group: list[int]) -> Table:
        grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        grid.add_column("", overflow="fold")
        for index in group:
            grid.add_column(headers[index], justify="right", no_wrap=True)
        for position, (name, cells) in enumerate(rows):
            grid.add_row(name, *(cells[i] for i in group), end_section=position == 0)
        return grid

    return Group(
        Text("Scores side by side", style="bold"),
        side_by_side(make, headers, columns, [name for name, _ in rows], width),
        legend("Scores 0-100 by rater; Spread: the highest minus the lowest rater's score."),
    )


def _disagreement(found: DisagreementView) -> list[RenderableType]:
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    grid.add_column("Rater", overflow="fold", max_width=20)
    grid.add_column("Level", justify="right", no_wrap=True)
    grid.add_column("Confidence", no_wrap=True)
    grid.add_column("Evidence", ratio=1)
    for rating in found.ratings:
        grid.add_row(
            data_text(rating.rater),
            Text(rating.level),
            data_text(rating.confidence),
            data_text(rating.evidence),
        )
    return [data_text(found.heading, "bold"), data_text(found.effect, "dim"), grid]


def markdown(view: AgreementView) -> str:
    raters = [cell(name) for name in view.raters]
    lines = [f"## {cell(view.title)}", "", *(cell(line) for line in view.summary), ""]
    lines += [
        "| | Alpha | 95% interval | Reading | Indicators | Left out |",
        "|---|--:|--:|---|--:|--:|",
    ]
    lines += [
        f"| {cell(r.name)} | {r.alpha} | {r.interval} | {cell(r.reading)} | {r.indicators}"
        f" | {r.left_out} |"
        for r in view.alphas
    ]
    lines += [
        "",
        "### Scores side by side",
        "",
        "| | " + " | ".join([*raters, "Consensus"]) + " | Spread |",
        "|---|" + "--:|" * (len(raters) + 2),
    ]
    lines += [
        f"| {cell(row.name)} | " + " | ".join(row.scores) + f" | {row.spread} |"
        for row in view.scores
    ]
    lines += ["", "### Where they disagree (levels 2 or more apart)", ""]
    if not view.disagreements:
        lines += ["No indicator's levels are 2 or more apart.", ""]
    for found in view.disagreements:
        lines += [f"**{cell(found.heading)}**: {cell(found.effect)}.", ""]
        lines += ["| Rater | Level | Confidence | Evidence |", "|---|--:|---|---|"]
        lines += [
            f"| {cell(r.rater)} | {r.level} | {cell(r.confidence)} | {cell(r.evidence)} |"
            for r in found.ratings
        ]
        lines.append("")
    lines += [cell(view.notes[0]), "", f"_{cell(view.notes[1])}._"]
    return "\n".join(lines) + "\n"
