"""Self-contained HTML and SVG reports to attach to a briefing: the terminal report, recorded
by rich and exported with inline styles and no external fonts, scripts or requests."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich._export_format import CONSOLE_SVG_FORMAT
from rich.console import Console
from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from rich.text import Text

from allyeval.core.models import CriteriaSet
from allyeval.core.provenance import provenance_line
from allyeval.core.report import Report
from allyeval.render.common import make_console
from allyeval.render.ranking import RankedEntry, comparability_line
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


def ansi_document(text: str, kind: str, *, width: int, title: str) -> str:
    """Terminal output with colour codes (*text*) as an HTML or SVG document."""
    console = make_console(color=True, width=width, record=True)
    console.print(Text.from_ansi(text), end="")
    return export(console, kind, title)


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
                self._console.print(Text(note))
        self._console.print()
        for model in self._models:
            self._console.print(Text(provenance_line(model, self._method), style="dim"))
        return export(self._console, self._kind)
