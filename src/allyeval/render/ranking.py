"""Ranking several scored profiles: equal scores share a rank (1, 2, 2, 4)."""

from __future__ import annotations

from dataclasses import dataclass

from allyeval.report import Report


@dataclass(frozen=True, slots=True)
class RankedEntry:
    rank: int
    id: str
    name: str
    score: float
    band: str
    coverage: float
    path: str


def summary_entry(report: Report) -> RankedEntry:
    result = report.result
    profile = result.profile
    return RankedEntry(
        0, profile.id, profile.name, result.score, result.band, result.coverage, report.path
    )


def rank(entries: list[RankedEntry]) -> list[RankedEntry]:
    """Entries by exact score, highest first; ties keep the input order and share a rank."""
    ordered = sorted(enumerate(entries), key=lambda pair: (-pair[1].score, pair[0]))
    ranked: list[RankedEntry] = []
    for position, (_, entry) in enumerate(ordered, start=1):
        tied = ranked and ranked[-1].score == entry.score
        ranked.append(
            RankedEntry(
                ranked[-1].rank if tied else position,
                entry.id,
                entry.name,
                entry.score,
                entry.band,
                entry.coverage,
                entry.path,
            )
        )
    return ranked
