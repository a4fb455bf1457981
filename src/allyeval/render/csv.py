"""CSV: a comment line with the provenance, then one row per profile and one column per
criterion (its score on its own scale)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from allyeval.core.models import CriteriaSet
from allyeval.core.provenance import provenance_line
from allyeval.core.report import Report
from allyeval.render.ranking import RankedEntry
from allyeval.render.records import fraction, points

FIXED_COLUMNS = ("id", "name", "path", "as_of", "score", "band", "coverage")


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
        self._models = [criteria_set, *others]
        self._method = method
        # Profiles scored with different models: a `criteria` column names each row's model,
        # and the criterion columns are every model's, a row filling in those of its own.
        self._mixed = bool(others)
        ids = [c.id for model in self._models for c in model.criteria]
        self._criteria = list(dict.fromkeys(ids))

    def _row(self, cells: list[object]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(cells)
        return buffer.getvalue()

    def begin(self) -> str:
        comments = "".join(f"# {provenance_line(m, self._method)}\n" for m in self._models)
        fixed = [*FIXED_COLUMNS, "criteria"] if self._mixed else list(FIXED_COLUMNS)
        return comments + self._row([*fixed, *self._criteria])

    def item(self, report: Report) -> str:
        result = report.result
        profile = result.profile
        scores: list[object] = ["" if c.score is None else points(c.score) for c in result.criteria]
        if self._mixed:
            own = {c.criterion.id: score for c, score in zip(result.criteria, scores, strict=True)}
            scores = [result.criteria_set.name, *(own.get(i, "") for i in self._criteria)]
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
