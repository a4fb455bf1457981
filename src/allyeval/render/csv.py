"""CSV (RFC 4180): the header on the first line, then one row per profile and one column per
criterion (its score on its own scale). Every row carries its provenance in columns, so a row
copied into another sheet still says where it came from. In a batch whose profiles name
different criteria models, the criterion columns are every model's, each row filling in those
of its own model (named in its ``criteria_name``).

Profile text is data for a spreadsheet, never a formula: a text cell that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, as OWASP recommends
against CSV injection. Numbers are written as numbers (a negative difference stays ``-1.5``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from allyeval.core.models import CriteriaSet
from allyeval.core.printable import printable
from allyeval.core.report import Report
from allyeval.core.version import __version__
from allyeval.render.ranking import RankedEntry
from allyeval.render.records import fraction, points

FIXED_COLUMNS = ("id", "name", "path", "as_of", "score", "band", "capped_by", "coverage")
PROVENANCE_COLUMNS = (
    "allyeval_version", "criteria_name", "criteria_version", "criteria_sha256", "method",
)  # fmt: skip
SAMPLING_COLUMNS = ("seed", "samples")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINE_END = "\r\n"
"""RFC 4180 ends every record with CRLF; ``csv.reader`` and spreadsheets read it as one."""


def neutralise_cell(value: object) -> object:
    """*value* as a spreadsheet should see it: text on one line, line breaks and control
    characters written as escapes (``\\n``, ``\\r``, ``\\x1b``; a tab stays), and text that a
    spreadsheet would run as a formula with a leading apostrophe; numbers and None are returned
    unchanged."""
    if not isinstance(value, str):
        return value
    text = printable(value).replace("\n", "\\n")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """*rows* as RFC 4180 CSV, every text cell neutralised (None is an empty cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)
    for row in rows:
        writer.writerow(["" if cell is None else neutralise_cell(cell) for cell in row])
    return buffer.getvalue()


def provenance_cells(
    criteria_set: CriteriaSet, method: str, seed: int | None = None, samples: int | None = None
) -> list[Any]:
    """The values of ``PROVENANCE_COLUMNS`` (and ``SAMPLING_COLUMNS`` when given)."""
    cells: list[Any] = [
        __version__, criteria_set.name, criteria_set.version, criteria_set.digest, method,
    ]  # fmt: skip
    if seed is not None and samples is not None:
        cells += [seed, samples]
    return cells


class CsvRenderer:
    opening = ""
    separator = ""
    ranks = False
    streams = True

    def __init__(
        self,
        criteria_set: CriteriaSet,
        method: str = "arithmetic",
        others: Sequence[CriteriaSet] = (),
    ) -> None:
        self._method = method
        ids = [c.id for model in (criteria_set, *others) for c in model.criteria]
        self._criteria = list(dict.fromkeys(ids))

    def begin(self) -> str:
        return csv_text([[*FIXED_COLUMNS, *self._criteria, *PROVENANCE_COLUMNS]])

    def item(self, report: Report) -> str:
        result = report.result
        profile = result.profile
        own = {c.criterion.id: "" if c.score is None else points(c.score) for c in result.criteria}
        row = [
            profile.id,
            profile.name,
            report.path,
            profile.as_of.isoformat(),
            points(result.score),
            result.band,
            "; ".join(cap.condition for cap in result.capped_by),
            fraction(result.coverage),
            *(own.get(criterion, "") for criterion in self._criteria),
            *provenance_cells(result.criteria_set, self._method),
        ]
        return csv_text([row])

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        return ""
