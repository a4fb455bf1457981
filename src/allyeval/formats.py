"""Choices offered on the command line, kept apart from the code behind them so the CLI can
offer them without importing it."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


class AggregationMethod(StrEnum):
    """How criterion utilities are combined (see scoring.py)."""

    arithmetic = "arithmetic"
    geometric = "geometric"
