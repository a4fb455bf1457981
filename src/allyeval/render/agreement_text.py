"""The terminal and Markdown views of ``allyeval agree``, from the view data of
:mod:`allyeval.render.agreement` (every text from a profile is a rich ``Text``, never markup,
with unsafe characters escaped)."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from allyeval.render.agreement import AgreementView, AlphaRow, DisagreementView
from allyeval.render.common import console_text
from allyeval.render.safe import cell, data_text

READING_STYLES = {"reliable": "green", "tentative": "yellow", "unreliable": "red"}


def table(view: AgreementView, *, color: bool, width: int) -> str:
    return console_text(*parts(view), color=color, width=width)


def parts(view: AgreementView) -> list[RenderableType]:
    """The terminal view, in order; every text from a file is a ``Text``, escaped."""
    shown: list[RenderableType] = [
        Rule(data_text(view.title, "bold"), align="left"),
        *(data_text(line) for line in view.summary[:2]),
        data_text(view.summary[2], "dim"),
        "",
        _alpha_grid(view.alphas),
        "",
        _score_grid(view),
        "",
        Rule(Text("Where they disagree (levels 2 or more apart)", style="bold"), align="left"),
    ]
    if not view.disagreements:
        shown.append(Text("No indicator's levels are 2 or more apart.", style="dim"))
    for found in view.disagreements:
        shown += ["", *_disagreement(found)]
    shown += ["", *(data_text(note, "dim") for note in view.notes)]
    return shown


def _alpha_grid(rows: tuple[AlphaRow, ...]) -> Table:
    grid = Table(
        title="Agreement by criterion", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False
    )
    for column, justify in [
        ("", "left"), ("Alpha", "right"), ("95% interval", "right"), ("Reading", "left"),
        ("Indicators", "right"), ("Left out", "right"),
    ]:  # fmt: skip
        grid.add_column(column, justify=justify)  # type: ignore[arg-type]
    for position, row in enumerate(rows):
        grid.add_row(
            data_text(row.name, "bold" if position == 0 else ""),
            Text(row.alpha),
            Text(row.interval),
            data_text(row.reading, READING_STYLES.get(row.reading, "dim")),
            Text(str(row.indicators)),
            Text(str(row.left_out)),
            end_section=position == 0,
        )
    return grid


def _score_grid(view: AgreementView) -> Table:
    grid = Table(
        title="Scores side by side", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False
    )
    grid.add_column("")
    for name in (*view.raters, "Consensus"):
        grid.add_column(data_text(name), justify="right")
    grid.add_column("Spread", justify="right")
    for position, row in enumerate(view.scores):
        grid.add_row(
            data_text(row.name, "bold" if position == 0 else ""),
            *(Text(score) for score in row.scores),
            Text(row.spread, style="bold"),
            end_section=position == 0,
        )
    return grid


def _disagreement(found: DisagreementView) -> list[RenderableType]:
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    grid.add_column("Rater", no_wrap=True)
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
