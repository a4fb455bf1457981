"""trend: assessments in date order, the changes between them and what drove them."""

from __future__ import annotations

import datetime as dt

import pytest

from allyeval.analysis.trend import MixedSeries, SameDate, SeriesError, trend
from allyeval.core.scoring import Method, ProfileScore, score_profile
from test_uncertainty import criteria_set, profile

# Criteria p (weight 3: indicators p1 weight 1, p2 weight 3) and q (weight 1: q1).
# Points per level: p1 100 * 3/4 * 1/4 / 4 = 4.6875; p2 3 * 4.6875 = 14.0625; q1 100/4/4 = 6.25.
PQ = criteria_set([("p", "benefit", 3, [("p1", 1), ("p2", 3)]), ("q", "benefit", 1, [("q1", 1)])])
DATES = [dt.date(2020, 1, 1), dt.date(2021, 1, 1), dt.date(2022, 1, 1), dt.date(2023, 1, 1)]


def _at(
    day: dt.date, p1: int, p2: int, q1: int, ident: str = "pact", method: Method = "arithmetic"
) -> ProfileScore:
    ratings = {"p1": (p1, "high"), "p2": (p2, "high"), "q1": (q1, "high")}
    return score_profile(profile(ratings, ident=ident, as_of=day), PQ, method)


SERIES = [
    _at(DATES[0], 2, 2, 2),  # 2 * (4.6875 + 14.0625 + 6.25) = 50
    _at(DATES[1], 2, 3, 2),  # p2 +1: +14.0625 -> 64.0625
    _at(DATES[2], 0, 3, 4),  # p1 -2: -9.375; q1 +2: +12.5 -> 67.1875
    _at(DATES[3], 0, 3, 4),  # no change
]


def test_assessments_are_ordered_by_date_whatever_the_file_order() -> None:
    shuffled = [SERIES[2], SERIES[0], SERIES[3], SERIES[1]]
    result = trend(shuffled, ["c", "a", "d", "b"])
    assert [a.as_of for a in result.assessments] == DATES
    assert [a.path for a in result.assessments] == ["a", "b", "c", "d"]


def test_steps_largest_changes_and_drivers_golden() -> None:
    result = trend(SERIES)
    assert [a.result.score for a in result.assessments] == [50.0, 64.0625, 67.1875, 67.1875]
    assert [step.change for step in result.steps] == pytest.approx([14.0625, 3.125, 0.0])
    # Largest first; the step with no change is not a "largest change".
    assert result.largest == (0, 1)
    first, second, third = result.steps
    assert first.drivers is not None and [(d.indicator_id, d.points) for d in first.drivers] == [
        ("p2", pytest.approx(14.0625))
    ]
    # Second step: q1 +12.5 outweighs p1 -9.375; both named, largest first.
    assert second.drivers is not None
    assert [(d.indicator_id, d.points) for d in second.drivers] == [
        ("q1", pytest.approx(12.5)),
        ("p1", pytest.approx(-9.375)),
    ]
    assert third.drivers == ()
    # Criterion p: (1 * 2 + 3 * 3) / 4 / 4 = 68.75 -> (0 + 9) / 16 = 56.25: -12.5; q: 50 -> 100
    assert second.criterion_changes == pytest.approx((-12.5, 50.0))


def test_only_three_largest_changes_are_kept() -> None:
    days = [dt.date(2000 + k, 1, 1) for k in range(6)]
    series = [_at(day, k % 5, 2, 2) for k, day in enumerate(days)]  # p1 0, 1, 2, 3, 4, 0
    result = trend(series)
    assert len(result.steps) == 5
    assert result.largest[0] == 4  # 4 -> 0 is the largest drop
    assert len(result.largest) == 3


def test_profiles_of_different_partnerships_are_an_error_naming_the_ids() -> None:
    other = _at(DATES[1], 1, 1, 1, ident="other-pact")
    with pytest.raises(MixedSeries, match="pact, other-pact") as raised:
        trend([SERIES[0], other], ["pact.yaml", "other.yaml"])
    assert raised.value.path == "other.yaml"
    assert isinstance(raised.value, ValueError)
    mixed = trend([SERIES[0], other], allow_mixed=True)
    assert mixed.ids == ("pact", "other-pact")


def test_two_assessments_on_the_same_date_are_an_error() -> None:
    twin = _at(DATES[0], 4, 4, 4)
    with pytest.raises(SameDate, match="2020-01-01") as raised:
        trend([SERIES[0], twin, SERIES[1]], ["first.yaml", "twin.yaml", "later.yaml"])
    assert raised.value.path == "twin.yaml"
    assert issubclass(SameDate, SeriesError) and issubclass(SeriesError, ValueError)


def test_geometric_trend_has_no_indicator_drivers() -> None:
    series = [
        _at(DATES[0], 2, 2, 2, method="geometric"),
        _at(DATES[1], 2, 3, 2, method="geometric"),
    ]
    result = trend(series)
    assert result.method == "geometric"
    assert result.steps[0].drivers is None
    assert result.steps[0].change > 0


def test_a_trend_needs_two_assessments() -> None:
    with pytest.raises(ValueError, match="at least two"):
        trend(SERIES[:1])
