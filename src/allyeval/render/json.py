"""JSON (one array, indented) and JSON Lines (one compact object per line)."""

from __future__ import annotations

import json

from allyeval.render.records import report_record
from allyeval.report import Report


class JsonRenderer:
    """Streams exactly what ``json.dumps(records, indent=2)`` would print for the whole list."""

    def __init__(self) -> None:
        self._count = 0

    def begin(self) -> str:
        return ""

    def report(self, report: Report) -> str:
        text = json.dumps(report_record(report), indent=2, ensure_ascii=False)
        prefix = "[\n" if self._count == 0 else ",\n"
        self._count += 1
        return prefix + "\n".join("  " + line for line in text.splitlines())

    def end(self) -> str:
        return "[]\n" if self._count == 0 else "\n]\n"


class JsonLinesRenderer:
    def begin(self) -> str:
        return ""

    def report(self, report: Report) -> str:
        return json.dumps(report_record(report), ensure_ascii=False, separators=(",", ":")) + "\n"

    def end(self) -> str:
        return ""
