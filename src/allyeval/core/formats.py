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
    html = "html"
    svg = "svg"


class AggregationMethod(StrEnum):
    """How criterion utilities are combined (see scoring.py)."""

    arithmetic = "arithmetic"
    geometric = "geometric"


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"


class CatalogueFormat(StrEnum):
    """Formats of ``allyeval criteria``."""

    table = "table"
    json = "json"
    markdown = "markdown"


class SchemaKind(StrEnum):
    profile = "profile"
    criteria = "criteria"


class PartnershipKind(StrEnum):
    """The kinds of partnership in the source documents (the profile's ``kind``)."""

    bilateral = "bilateral"
    multilateral = "multilateral"
    defense_cooperation_agreement = "defense_cooperation_agreement"
    strategic_dialogue = "strategic_dialogue"


class ImportModel(StrEnum):
    """The criteria ``allyeval import atop`` rates its drafts against."""

    practice = "practice"
    treaty_design = "treaty-design"
