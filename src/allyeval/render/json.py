"""JSON (one array, indented) and JSON Lines (one compact object per line)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

from allyeval.core.printable import unicode_escaped
from allyeval.core.report import Report
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


class JsonLinesRenderer:
    opening = ""
    separator = ""
    ranks = False
    streams = True

    def begin(self) -> str:
        return ""

    def item(self, report: Report) -> str:
        text = json.dumps(report_record(report), ensure_ascii=False, separators=(",", ":"))
        return unicode_escaped(text) + "\n"

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        return ""


def indented(value: object, newline: str = "\n") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, byte for byte, each line after the
    first starting with *newline*'s indentation, twice as fast: the standard library writes
    indented JSON with its pure-Python encoder, the slowest part of a large batch."""
    parts: list[str] = []
    _encode(value, newline, parts.append)
    return "".join(parts)


_CONSTANTS = {True: "true", False: "false", None: "null"}


def _encode(value: object, newline: str, out: Callable[[str], Any]) -> None:
    if isinstance(value, str):
        out(encode_basestring(value))
    elif value is None or value is True or value is False:
        out(_CONSTANTS[value])
    elif isinstance(value, int):
        out(int.__repr__(value))
    elif isinstance(value, float):
        out(float.__repr__(value) if math.isfinite(value) else json.dumps(value))
    elif isinstance(value, dict | list | tuple):
        if not value:
            out("{}" if isinstance(value, dict) else "[]")
            return
        inner = newline + "  "
        pairs = value.items() if isinstance(value, dict) else None
        out("{" if pairs is not None else "[")
        separator = inner
        if pairs is not None:
            for key, item in pairs:
                out(separator)
                out(encode_basestring(key))
                out(": ")
                _encode(item, inner, out)
                separator = "," + inner
        else:
            for item in value:
                out(separator)
                _encode(item, inner, out)
                separator = "," + inner
        out(newline + ("}" if pairs is not None else "]"))
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
