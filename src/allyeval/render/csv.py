"""CSV: a comment line with the provenance, then one row per profile and one column per
criterion (its score on its own scale)."""

from __future__ import annotations

import csv
import io

from allyeval.core.models import CriteriaSet
from allyeval.core.provenance import provenance_line
from allyeval.core.report import Report
from allyeval.render.ranking import RankedEntry
from allyeval.render.records import fraction, points
from allyeval.render.safe import csv_cell, csv_comment

FIXED_COLUMNS = ("id", "name", "path", "as_of", "score", "band", "coverage")


class CsvRenderer:
    opening = ""
    separator = ""
    ranks = False
    streams = True

    def __init__(self, criteria_set: CriteriaSet, method: str = "arithmetic") -> None:
        self._criteria_set = criteria_set
        self._method = method
        self._criteria = [c.id for c in criteria_set.criteria]

    def _row(self, cells: list[object]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow([csv_cell(c) for c in cells])
        return buffer.getvalue()

    def begin(self) -> str:
        comment = csv_comment(provenance_line(self._criteria_set, self._method))
        return comment + self._row([*FIXED_COLUMNS, *self._criteria])

    def item(self, report: Report) -> str:
        result = report.result
        profile = result.profile
        scores = ["" if c.score is None else points(c.score) for c in result.criteria]
        return self._row(
            [
                profile.id,
                profile.name,
                report.path,
                profile.as_of.isoformat(),
                points(result.score),
                result.band,
                fraction(result.coverage),
                *scores,
            ]
        )

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        return ""
