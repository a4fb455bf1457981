"""Self-contained HTML and SVG reports to attach to a briefing: the terminal report, recorded
by rich and exported with inline styles and no external fonts, scripts or requests."""

from __future__ import annotations

import io
import re

from rich._export_format import CONSOLE_SVG_FORMAT
from rich.console import Console
from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from rich.text import Text

from allyeval.models import CriteriaSet
from allyeval.provenance import provenance_line
from allyeval.render.ranking import RankedEntry
from allyeval.render.table import TableRenderer
from allyeval.report import Report

# rich's SVG template loads the Fira Code font from a CDN; a briefing attachment must not
# make network requests, so the @font-face rules go and local monospace fonts are used.
SVG_FORMAT = re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.S).replace(
    "font-family: Fira Code, monospace;",
    "font-family: Menlo, 'DejaVu Sans Mono', Consolas, 'Courier New', monospace;",
)


class ExportRenderer:
    opening = ""
    separator = ""
    ranks = True
    streams = False

    def __init__(
        self, criteria_set: CriteriaSet, kind: str, *, width: int, method: str = "arithmetic"
    ) -> None:
        self._kind = kind
        self._method = method
        self._criteria_set = criteria_set
        self._table = TableRenderer(criteria_set, color=True, width=width)
        self._console = Console(
            file=io.StringIO(), record=True, width=width, force_terminal=True,
            color_system="truecolor", highlight=False, emoji=False, legacy_windows=False,
        )  # fmt: skip
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
        self._console.print()
        line = provenance_line(self._criteria_set, self._method)
        self._console.print(Text(line, style="dim"))
        if self._kind == "svg":
            return self._console.export_svg(
                title="allyeval report", theme=DEFAULT_TERMINAL_THEME, code_format=SVG_FORMAT
            )
        return self._console.export_html(theme=DEFAULT_TERMINAL_THEME, inline_styles=True)
