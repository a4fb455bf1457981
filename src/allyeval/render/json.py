"""JSON (one array, indented) and JSON Lines (one compact object per line)."""

from __future__ import annotations

import json

from allyeval.core.printable import unicode_escaped
from allyeval.core.report import Report
from allyeval.render.json_text import indented
from allyeval.render.ranking import RankedEntry
from allyeval.render.records import report_record


class JsonRenderer:
    """Streams exactly what ``json.dumps(records, indent=2)`` would print for the whole list."""

    opening = "[\n"
    separator = ",\n"
    ranks = False
    streams = True

    def begin(self) -> str:
        return ""

    def item(self, report: Report) -> str:
        return "  " + unicode_escaped(indented(report_record(report), "\n  "))

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        return "\n]\n" if count else "[]\n"


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
"""``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` made once, not per report,
and without the cycle check: a record is a fresh tree, and the check cost about a sixth."""


class JsonLinesRenderer:
    opening = ""
    separator = ""
    ranks = False
    streams = True

    def begin(self) -> str:
        return ""

    def item(self, report: Report) -> str:
        return unicode_escaped(_COMPACT.encode(report_record(report))) + "\n"

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        return ""
