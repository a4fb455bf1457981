"""Ranking several scored profiles: equal scores share a rank (1, 2, 2, 4)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from allyeval.core.ranks import competition_ranks
from allyeval.core.report import Report, comparability, kind_of


@dataclass(frozen=True, slots=True)
class RankedEntry:
    rank: int
    id: str
    name: str
    score: float
    band: str
    coverage: float
    path: str
    criteria: str = ""
    """The name of the criteria model the profile was scored with."""
    kind: str = ""
    """What sort of partnership it is (see ``allyeval.core.report.kind_of``)."""
    as_of: dt.date = dt.date.min
    capped_note: str | None = None
    """``capped by ...`` when caps lowered the band."""

    report: Report | None = field(default=None, compare=False, repr=False)
    """The report itself: its interval, and the chance that one entry outranks the next."""

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 90% interval of the score, worked out only by the formats that show it."""
        return self.report.interval if self.report is not None else None

    @property
    def band_text(self) -> str:
        return f"{self.band} ({self.capped_note})" if self.capped_note else self.band


def summary_entry(report: Report) -> RankedEntry:
    result = report.result
    profile = result.profile
    return RankedEntry(
        0,
        profile.id,
        profile.name,
        result.score,
        result.band,
        result.coverage,
        report.path,
        result.criteria_set.name,
        kind_of(profile),
        profile.as_of,
        result.capped_note,
        report,
    )


def comparability_line(ranking: list[RankedEntry]) -> str | None:
    """The note under a ranking whose profiles differ in kind or era (None if alike)."""
    return comparability([(entry.kind, entry.as_of) for entry in ranking]) if ranking else None


def rank(entries: list[RankedEntry]) -> list[RankedEntry]:
    """Entries by exact score, highest first; ties keep the input order and share a rank."""
    ranks = competition_ranks([entry.score for entry in entries])
    order = sorted(range(len(entries)), key=lambda i: (-entries[i].score, i))
    return [replace(entries[i], rank=ranks[i]) for i in order]


MIXED_MODELS = (
    "These profiles are rated against {count} different criteria models, whose scores cannot "
    "be compared: each model's profiles are ranked separately."
)


def rank_by_model(entries: list[RankedEntry]) -> list[tuple[str, list[RankedEntry]]]:
    """The ranking of each criteria model's entries, models in the order first scored.

    Scores from different models are never ranked together: they answer different questions."""
    groups: dict[str, list[RankedEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.criteria, []).append(entry)
    return [(name, rank(group)) for name, group in groups.items()]
