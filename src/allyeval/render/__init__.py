"""One renderer per output format; each turns reports into text, one report at a time.

The caller writes ``begin()``, then for each report ``opening`` (before the first) or
``separator`` (before the others) and ``item(report)``, then ``end(ranking)``. ``item`` is a
pure function of its report, so reports can be rendered in worker processes and a batch of
any size streams with flat memory; only renderers with ``ranks = True`` are handed the
summary entries (one small record per profile) for the ranking at the end. A renderer with
``streams = False`` (HTML, SVG) builds one document in ``end`` and is run in one process.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from allyeval.core.formats import Format
from allyeval.core.models import CriteriaSet
from allyeval.core.report import Report
from allyeval.render.ranking import RankedEntry

__all__ = ["Format", "Renderer", "renderer_for"]


class Renderer(Protocol):
    opening: str
    separator: str
    ranks: bool
    streams: bool

    def begin(self) -> str: ...

    def item(self, report: Report) -> str: ...

    def end(self, ranking: list[RankedEntry], count: int) -> str: ...


def renderer_for(
    output_format: Format,
    criteria_set: CriteriaSet,
    *,
    others: Sequence[CriteriaSet] = (),
    color: bool = False,
    width: int = 100,
    method: str = "arithmetic",
) -> Renderer:
    """The renderer of *output_format*; only the one asked for is imported. *others* are the
    other criteria models of a batch whose profiles name different ones."""
    if output_format is Format.table:
        from allyeval.render.table import TableRenderer

        return TableRenderer(criteria_set, color=color, width=width, others=others)
    if output_format is Format.markdown:
        from allyeval.render.markdown import MarkdownRenderer

        return MarkdownRenderer(criteria_set, method, others)
    if output_format is Format.csv:
        from allyeval.render.csv import CsvRenderer

        return CsvRenderer(criteria_set, method, others)
    if output_format in (Format.html, Format.svg):
        from allyeval.render.html import HtmlRenderer

        return HtmlRenderer(criteria_set, output_format.value, method=method, others=others)
    from allyeval.render.json import JsonLinesRenderer, JsonRenderer

    return JsonRenderer() if output_format is Format.json else JsonLinesRenderer()
