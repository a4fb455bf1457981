"""Self-contained HTML and SVG reports to attach to a briefing: the terminal report, recorded
by rich and exported with inline styles and no external fonts, scripts or requests."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich._export_format import CONSOLE_SVG_FORMAT
from rich.console import Console, RenderableType
from rich.terminal_theme import DEFAULT_TERMINAL_THEME

from allyeval.core.models import CriteriaSet
from allyeval.core.provenance import provenance_line
from allyeval.core.report import Report
from allyeval.render.common import make_console
from allyeval.render.ranking import RankedEntry, comparability_line
from allyeval.render.safe import data_text
from allyeval.render.table import TableRenderer

# rich's SVG template loads the Fira Code font from a CDN; a briefing attachment must not
# make network requests, so the @font-face rules go and local monospace fonts are used.
SVG_FORMAT = re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.S).replace(
    "font-family: Fira Code, monospace;",
    "font-family: Menlo, 'DejaVu Sans Mono', Consolas, 'Courier New', monospace;",
)


def export(console: Console, kind: str, title: str = "allyeval report") -> str:
    """What *console* recorded, as one self-contained HTML or SVG document."""
    if kind == "svg":
        return console.export_svg(title=title, theme=DEFAULT_TERMINAL_THEME, code_format=SVG_FORMAT)
    return console.export_html(theme=DEFAULT_TERMINAL_THEME, inline_styles=True)


def document(renderables: Sequence[RenderableType], kind: str, *, width: int) -> str:
    """*renderables* (a terminal view: its user text already ``Text``) as one HTML or SVG
    document, recorded directly: terminal output is never parsed back, so no escape sequence
    in a name can become a link or a style."""
    console = make_console(color=True, width=width, record=True)
    for renderable in renderables:
        console.print(renderable)
    return export(console, kind)


class ExportRenderer:
    opening = ""
    separator = ""
    ranks = True
    streams = False

    def __init__(
        self,
        criteria_set: CriteriaSet,
        kind: str,
        *,
        width: int,
        method: str = "arithmetic",
        others: Sequence[CriteriaSet] = (),
    ) -> None:
        self._kind = kind
        self._method = method
        self._models = [criteria_set, *others]
        self._table = TableRenderer(
            criteria_set, color=True, width=width, others=others, references=True
        )
        self._console = make_console(color=True, width=width, record=True)
        self._count = 0

    def begin(self) -> str:
        return ""

    def item(self, report: Report) -> str:
        if self._count:
            self._console.print()
        self._count += 1
        for renderable in self._table.renderables(report):
            self._console.print(renderable)
        return ""

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        table = self._table.ranking_table(ranking)
        if table is not None:
            self._console.print()
            self._console.print(table)
            note = comparability_line(ranking)
            if note:
                self._console.print(data_text(note))
        self._console.print()
        for model in self._models:
            self._console.print(data_text(provenance_line(model, self._method), "dim"))
        return export(self._console, self._kind)
