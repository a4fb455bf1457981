"""One partnership over time: its assessments in date order and what moved between them.

The assessments are profiles of the same partnership (same ``id``) as of different dates
(``as_of``). Between consecutive assessments, a **step** records the change of the overall score
and of each criterion's score, and the indicators behind it: each indicator's contribution in the
later assessment minus the earlier one (arithmetic method; the changes add up to the change of
the score), the three largest in absolute value. Under the geometric method points do not add
up, so no indicator explanation is given. The **largest changes** are the (up to) three steps
with the largest absolute change of the overall score (steps with no change are not listed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from allyeval.analysis.comparison import Driver, contribution_drivers
from allyeval.core.scoring import Method, ProfileScore

MAX_LARGEST = 3


class SeriesError(ValueError):
    """The profiles do not make a time series; ``path`` names the file to blame."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class MixedSeries(SeriesError):
    """Profiles of different partnerships (different ids) given as one series."""


class SameDate(SeriesError):
    """Two assessments of the series have the same ``as_of`` date: their order is unknown."""


@dataclass(frozen=True, slots=True)
class Assessment:
    path: str
    result: ProfileScore

    @property
    def as_of(self) -> dt.date:
        return self.result.profile.as_of


@dataclass(frozen=True, slots=True)
class Step:
    """From one assessment to the next."""

    before: int
    after: int
    """Positions in ``Trend.assessments`` (always before + 1)."""
    change: float
    """Overall score after minus before."""
    criterion_changes: tuple[float | None, ...]
    """Per criterion (criteria order), own-scale score after minus before; None if either is
    unrated. For a risk criterion a rise is more exposure."""
    drivers: tuple[Driver, ...] | None
    """Up to three largest contribution changes (later minus earlier); None for geometric."""


@dataclass(frozen=True, slots=True)
class Trend:
    assessments: tuple[Assessment, ...]
    """Oldest first."""
    steps: tuple[Step, ...]
    largest: tuple[int, ...]
    """Positions in ``steps`` of the (up to three) largest changes of the overall score,
    largest first (ties: earlier first); steps with no change are left out."""
    ids: tuple[str, ...]
    """The profile ids in the series, in order of first appearance by date."""
    method: Method


def trend(
    results: Sequence[ProfileScore],
    paths: Sequence[str] | None = None,
    *,
    allow_mixed: bool = False,
) -> Trend:
    """Order assessments by date and describe each step between them.

    Raises MixedSeries if the ids differ (unless *allow_mixed*) and SameDate if two
    assessments share a date.
    """
    if len(results) < 2:
        raise ValueError("a trend needs at least two assessments")
    paths = list(paths) if paths is not None else [r.profile.id for r in results]
    _check_one_partnership(results, paths, allow_mixed)
    assessments = sorted(
        (Assessment(path, result) for path, result in zip(paths, results, strict=True)),
        key=lambda a: a.as_of,
    )
    _check_distinct_dates(assessments)
    steps = tuple(_step(assessments, k) for k in range(len(assessments) - 1))
    moved = [k for k, step in enumerate(steps) if step.change != 0.0]
    by_size = sorted(moved, key=lambda k: -abs(steps[k].change))
    ids = tuple(dict.fromkeys(a.result.profile.id for a in assessments))
    return Trend(
        assessments=tuple(assessments),
        steps=steps,
        largest=tuple(by_size[:MAX_LARGEST]),
        ids=ids,
        method=results[0].method,
    )


def _check_one_partnership(
    results: Sequence[ProfileScore], paths: Sequence[str], allow_mixed: bool
) -> None:
    ids = list(dict.fromkeys(r.profile.id for r in results))
    if len(ids) > 1 and not allow_mixed:
        first = results[0].profile.id
        odd = next(p for p, r in zip(paths, results, strict=True) if r.profile.id != first)
        raise MixedSeries(
            f"profiles of different partnerships in one trend: ids {', '.join(ids)}; "
            "a trend follows one id (use --allow-mixed to combine them anyway)",
            odd,
        )


def _check_distinct_dates(assessments: list[Assessment]) -> None:
    for earlier, later in zip(assessments, assessments[1:], strict=False):
        if earlier.as_of == later.as_of:
            raise SameDate(
                f"as_of {later.as_of.isoformat()} is also the date of {earlier.path}; "
                "each assessment in a trend needs its own date",
                later.path,
            )


def _step(assessments: list[Assessment], before: int) -> Step:
    old, new = assessments[before].result, assessments[before + 1].result
    return Step(
        before=before,
        after=before + 1,
        change=new.score - old.score,
        criterion_changes=tuple(
            None if a.score is None or b.score is None else b.score - a.score
            for a, b in zip(old.criteria, new.criteria, strict=True)
        ),
        drivers=contribution_drivers(old, new),
    )
