"""Blind spots of the engine modules found by mutation testing (``core/uncertainty.py``,
``core/vectorised.py``, ``core/distribution.py``, ``analysis/pairwise.py``), each pinned here
with a golden case worked by hand or an independent oracle. docs/testing.md lists the mutants
each test was written for."""

from __future__ import annotations

import math
from fractions import Fraction
from unittest import mock

import pytest

from allyeval.core import uncertainty, vectorised
from allyeval.core.distribution import Distribution, Term, exact_distribution, exact_work
from allyeval.core.uncertainty import (
    criterion_distribution,
    overall_terms,
    sample_interval,
    sampled_scores,
    score_distribution,
    score_interval,
)
from allyeval.core.vectorised import (
    FloatDistribution,
    criterion_float_distribution,
    float_distribution,
    score_float_distribution,
)
from test_uncertainty import DEFAULT, criteria_set, scored

DEFAULT_IDS = list(DEFAULT.indicators)


# --------------------------------------------------------------------------------------------
# core/uncertainty.py


def test_a_geometric_interval_is_drawn_with_the_seed_it_is_given() -> None:
    """``score_interval`` passes its seed, sample count and level on to the sampler: each
    seed's interval is the one of that seed's own draws, and three seeds give three."""
    result = scored(DEFAULT, dict.fromkeys(DEFAULT_IDS, (2, "low")), "geometric")
    intervals = set()
    for seed in range(3):
        interval = score_interval(result, 0.8, seed=seed, samples=200)
        draws = sampled_scores(result, seed=seed, samples=200)
        assert interval == sample_interval(draws, 0.8)
        assert score_interval(result, 0.8, seed=seed, samples=200) == interval
        intervals.add(interval)
    assert len(intervals) == 3


# --------------------------------------------------------------------------------------------
# core/vectorised.py: which engine a distribution goes to, at each limit's edge

UNEVEN = criteria_set([("c", "benefit", 1, [("x", 1), ("y", 3)])])
"""Coefficients 25/4 and 75/4: the grid's step is 25/4 (numerator 25, denominator 4), x one
step per level, y three."""


def _uneven_terms() -> list[Term]:
    # x low at 2: levels 0-4 (positions 0-4); y medium at 3: levels 2-4 (positions 6, 9, 12).
    # Lowest position 6, cells (5 - 1) * 1 + (3 - 1) * 3 + 1 = 11 (positions 6 to 16), so the
    # highest position bound is |6| + 11 = 17, and 17 * 25 = 425.
    return overall_terms(scored(UNEVEN, {"x": (2, "low"), "y": (3, "medium")}))


def test_the_uneven_case_is_as_worked_by_hand() -> None:
    fast = float_distribution(_uneven_terms())
    assert isinstance(fast, FloatDistribution)
    assert fast.step == Fraction(25, 4)
    assert fast.keys.tolist() == list(range(6, 17))
    # P(x + y <= 6) = P(x = 0) P(y = 2) = 1/9 * 1/4; the last cumulative probability is 1.
    assert fast.cumulative[0] == pytest.approx(1 / 36, abs=1e-15)
    assert fast.cumulative[-1] == pytest.approx(1.0, abs=1e-15)
    assert fast.quantile(Fraction(1, 2)) == exact_distribution(_uneven_terms()).quantile(
        Fraction(1, 2)
    )


def test_a_grid_of_exactly_max_cells_stays_with_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vectorised, "MAX_CELLS", 11)
    assert isinstance(float_distribution(_uneven_terms()), FloatDistribution)
    monkeypatch.setattr(vectorised, "MAX_CELLS", 10)
    assert float_distribution(_uneven_terms()) is None


def test_values_at_the_float_limit_go_back_to_the_exact_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(vectorised, "EXACT_FLOAT", 426)
    assert isinstance(float_distribution(_uneven_terms()), FloatDistribution)
    monkeypatch.setattr(vectorised, "EXACT_FLOAT", 425)
    assert float_distribution(_uneven_terms()) is None


def test_a_step_denominator_at_the_float_limit_goes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    # Weights 0.001 and 1: coefficients 25/1001 and 25000/1001, step 25/1001. Every rating
    # high at 0: one cell, highest position bound 1, 1 * 25 = 25, far below the denominator.
    tiny = criteria_set([("c", "benefit", 1, [("x", 0.001), ("y", 1)])])
    terms = overall_terms(scored(tiny, {"x": (0, "high"), "y": (0, "high")}))
    monkeypatch.setattr(vectorised, "EXACT_FLOAT", 1002)
    fast = float_distribution(terms)
    assert isinstance(fast, FloatDistribution) and fast.step == Fraction(25, 1001)
    monkeypatch.setattr(vectorised, "EXACT_FLOAT", 1001)
    assert float_distribution(terms) is None


def test_work_at_exactly_the_limit_stays_with_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    work = exact_work(_uneven_terms())
    assert work == pytest.approx(54.039, abs=1e-3)
    monkeypatch.setattr(vectorised, "EXACT_WORK", work)
    assert isinstance(float_distribution(_uneven_terms()), FloatDistribution)
    monkeypatch.setattr(vectorised, "EXACT_WORK", math.nextafter(work, 0.0))
    assert float_distribution(_uneven_terms()) is None


def test_no_terms_no_float_distribution() -> None:
    assert float_distribution([]) is None


def test_a_criterion_goes_to_numpy_unless_it_is_handed_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crit = scored(UNEVEN, {"x": (2, "low"), "y": (3, "medium")}).criteria[0]
    fast = criterion_float_distribution(crit)
    assert isinstance(fast, FloatDistribution)
    assert fast.keys.tolist() == list(range(6, 17))
    monkeypatch.setattr(vectorised, "MAX_CELLS", 10)
    with mock.patch.object(
        vectorised, "criterion_distribution", wraps=criterion_distribution
    ) as spy:
        handed_back = criterion_float_distribution(crit)
    assert spy.call_count == 1
    assert isinstance(handed_back, Distribution)
    assert handed_back.interval() == criterion_distribution(crit).interval()


def test_a_score_goes_to_numpy_unless_it_is_handed_back(monkeypatch: pytest.MonkeyPatch) -> None:
    result = scored(UNEVEN, {"x": (2, "low"), "y": (3, "medium")})
    assert isinstance(score_float_distribution(result), FloatDistribution)
    monkeypatch.setattr(vectorised, "MAX_CELLS", 10)
    with mock.patch.object(vectorised, "score_distribution", wraps=score_distribution) as spy:
        handed_back = score_float_distribution(result)
    assert spy.call_count == 1 and isinstance(handed_back, Distribution)


def test_a_criterion_distribution_is_remembered_for_the_same_criterion_only() -> None:
    uncertainty._RECENT.clear()
    first = scored(UNEVEN, {"x": (2, "low"), "y": (3, "medium")}).criteria[0]
    with mock.patch.object(
        uncertainty, "linear_distribution", wraps=uncertainty.linear_distribution
    ) as spy:
        distribution = criterion_distribution(first)
        assert criterion_distribution(first) is distribution
        assert spy.call_count == 1
        # Another criterion (equal, not the same object) is worked out on its own.
        again = scored(UNEVEN, {"x": (2, "low"), "y": (3, "medium")}).criteria[0]
        assert criterion_distribution(again) is not distribution
        assert spy.call_count == 2
    uncertainty._RECENT.clear()


def test_the_last_64_criterion_distributions_are_kept() -> None:
    uncertainty._RECENT.clear()
    criteria = [
        scored(UNEVEN, {"x": (k % 5, "low"), "y": (3, "medium")}).criteria[0] for k in range(65)
    ]
    for crit in criteria[:64]:
        criterion_distribution(crit)
    assert len(uncertainty._RECENT) == 64
    criterion_distribution(criteria[64])  # the oldest makes way
    assert len(uncertainty._RECENT) == 64
    assert id(criteria[0]) not in uncertainty._RECENT
    assert all(id(crit) in uncertainty._RECENT for crit in criteria[1:])
    uncertainty._RECENT.clear()
