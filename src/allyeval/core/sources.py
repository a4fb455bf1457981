"""The documents behind a rating: a plain string, or a dated, structured reference.

A structured source gives a ``title`` and a ``date`` as precise as it is known (``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``), with an optional ``publisher``, ``url`` and ``accessed`` date.
A date lets allyeval check that the evidence existed on the assessment's ``as_of`` date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    StringConstraints,
    Tag,
    WithJsonSchema,
)

from allyeval.core.text import Text, check_line

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SOURCE_TAGS = ("source-text", "source-entry")
"""Tags of the two forms of a source; error locations leave them out."""


def _partial_date(value: Any) -> str:
    """A date written YYYY, YYYY-MM or YYYY-MM-DD, in that canonical form."""
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD, without a time")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        match = _PARTIAL_DATE.match(value.strip())
        if match and _valid(*match.groups()):
            return value.strip()
    shown = repr(value) if isinstance(value, str) else ("null (empty)" if value is None else value)
    raise ValueError(f"must be a date written YYYY, YYYY-MM or YYYY-MM-DD, got {shown}")


def _valid(year: str, month: str | None, day: str | None) -> bool:
    if not 1000 <= int(year) <= 2999:
        return False
    if month is None:
        return True
    if not 1 <= int(month) <= 12:
        return False
    return day is None or 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]


PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 2999},
            ],
            "description": "YYYY, YYYY-MM or YYYY-MM-DD: as precisely as the date is known",
        }
    ),
]


def first_day(date: str) -> dt.date:
    """The earliest day a partial date can mean: 1991-12 -> 1991-12-01."""
    parts = [int(p) for p in date.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(date: str) -> dt.date:
    """The latest day a partial date can mean: 1991-12 -> 1991-12-31."""
    parts = [int(p) for p in date.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return dt.date(year, month, parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1])


class Source(BaseModel):
    """A dated reference: what the document is, when it appeared, where to find it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text
    date: PartialDate
    publisher: Text | None = None
    url: (
        Annotated[
            str,
            StringConstraints(strict=True, pattern=r"^https?://\S+$"),
            AfterValidator(check_line),
        ]
        | None
    ) = None
    accessed: PartialDate | None = None

    def cite(self) -> str:
        """The reference in one line: publisher, title (date), url, accessed."""
        text = f"{self.publisher}, {self.title}" if self.publisher else self.title
        text += f" ({self.date})"
        if self.url:
            text += f", {self.url}"
        if self.accessed:
            text += f", accessed {self.accessed}"
        return text


def _source_form(value: object) -> str:
    # a mapping when validating, a Source when serialising
    return "source-entry" if isinstance(value, dict | Source) else "source-text"


SourceEntry = Annotated[
    Annotated[Text, Tag("source-text")] | Annotated[Source, Tag("source-entry")],
    Discriminator(_source_form),
]


def cite(source: str | Source) -> str:
    """Any source as one line of text."""
    return source if isinstance(source, str) else source.cite()
