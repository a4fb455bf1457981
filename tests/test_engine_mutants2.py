"""Blind spots of the engine modules found by mutation testing (``core/uncertainty.py``,
``core/vectorised.py``, ``core/distribution.py``, ``analysis/pairwise.py``), each pinned here
with a golden case worked by hand or an independent oracle. docs/testing.md lists the mutants
each test was written for."""

from __future__ import annotations

import math
from fractions import Fraction
from unittest import mock

import pytest

from allyeval.core import distribution, uncertainty, vectorised
from allyeval.core.distribution import (
    Distribution,
    _exact_step,
    criterion_part,
    exact_distribution,
    linear_distribution,
)
from allyeval.core.layout import EXACT_BITS, FINEST_GRID, Term, _grid, exact_work, grid_work
from allyeval.core.uncertainty import (
    criterion_distribution,
    overall_terms,
    sample_interval,
    sampled_scores,
    score_distribution,
    score_interval,
    shown_criterion_distribution,
)
from allyeval.core.vectorised import (
    FloatDistribution,
    criterion_float_distribution,
    float_distribution,
    score_float_distribution,
)
from test_uncertainty import DEFAULT, TWO, criteria_set, scored

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


def test_a_known_distribution_is_drawn_from_not_computed_again() -> None:
    result = scored(TWO, {"x": (2, "medium"), "y": (1, "low")})
    known = score_distribution(result)
    with mock.patch.object(uncertainty, "score_distribution", wraps=score_distribution) as spy:
        given = sampled_scores(result, seed=3, samples=50, distribution=known)
        assert spy.call_count == 0
        assert sampled_scores(result, seed=3, samples=50) == given
        assert spy.call_count == 1


def test_work_at_exactly_the_limit_is_convolved_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    result = scored(TWO, {"x": (0, "low"), "y": (0, "medium")})
    work = exact_work(overall_terms(result))
    monkeypatch.setattr(uncertainty, "EXACT_WORK", work)
    monkeypatch.setattr(distribution, "EXACT_WORK", work)
    uncertainty._RECENT.clear()
    assert score_distribution(result).source is None  # exact: no terms kept to recompute
    assert linear_distribution(overall_terms(result)).source is None
    monkeypatch.setattr(uncertainty, "EXACT_WORK", math.nextafter(work, 0.0))
    monkeypatch.setattr(distribution, "EXACT_WORK", math.nextafter(work, 0.0))
    uncertainty._RECENT.clear()
    assert score_distribution(result).source == tuple(overall_terms(result))
    assert linear_distribution(overall_terms(result)).source == tuple(overall_terms(result))
    uncertainty._RECENT.clear()


def test_a_bounded_score_on_its_exact_grid_recomputes_a_percentile_on_an_edge(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # x low at 0 (0 with 6/9, 1 with 2/9, 2 with 1/9), y medium at 0 (0 with 3/4, 1 with 1/4),
    # 12.5 points a level: P(score <= 12.5) = 6/9 + 6/9 * 1/4 + 2/9 * 3/4 = 5/6 exactly, so
    # the 5/6 percentile is 12.5. The bounded grid's float counts alone put it at 25.
    result = scored(TWO, {"x": (0, "low"), "y": (0, "medium")})
    monkeypatch.setattr(uncertainty, "EXACT_WORK", -1.0)
    monkeypatch.setattr(distribution, "EXACT_WORK", -1.0)
    uncertainty._RECENT.clear()
    bounded = score_distribution(result)
    uncertainty._RECENT.clear()
    assert bounded.error == 0 and bounded.source is not None
    assert bounded.quantile(Fraction(5, 6)) == 12.5


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
    # y's 3 levels (3 steps apart) are placed first: 7 cells; then each of x's 5 levels is
    # added to all 7: 7 + 35 = 42 cell updates.
    monkeypatch.setattr(vectorised, "FLOAT_WORK", 42)
    assert isinstance(float_distribution(_uneven_terms()), FloatDistribution)
    monkeypatch.setattr(vectorised, "FLOAT_WORK", 41)
    assert float_distribution(_uneven_terms()) is None
    # a criterion gets its share of it
    assert float_distribution(_uneven_terms(), share=0.5) is None
    monkeypatch.setattr(vectorised, "FLOAT_WORK", 84)
    assert isinstance(float_distribution(_uneven_terms(), share=0.5), FloatDistribution)


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
        vectorised, "shown_criterion_distribution", wraps=shown_criterion_distribution
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


# --------------------------------------------------------------------------------------------
# core/distribution.py


def test_grid_work_golden() -> None:
    """The estimate, worked by hand, on three coefficients whose order by denominator is not
    their order by value, and where the support is capped by the cells before the last."""
    sizes = {Fraction(3): 2, Fraction(1, 2): 3, Fraction(1, 3): 1}
    multiples = {Fraction(3): 1, Fraction(1, 2): 5, Fraction(1, 3): 2}
    # 3 (n = 2, multiple 1):   work 10*4 + 1*9 = 49;    cells 1 + 8 = 9;   support min(9, 9)
    # 1/2 (n = 3, multiple 5): work += 90 + 9*13 = 256;  cells 9 + 60 = 69; support min(117, 69)
    # 1/3 (n = 1, multiple 2): work += 10 + 69*5 = 611;  cells 69 + 8 = 77
    # and 611 * (1 + 10/64) = 706.46875
    assert grid_work(sizes, multiples, 10.0) == 706.46875
    assert grid_work(sizes, multiples, 0.0) == 611.0
    assert grid_work(sizes, multiples, float(EXACT_BITS)) == 611.0 * (1 + EXACT_BITS / 64)
    assert grid_work(sizes, multiples, EXACT_BITS + 0.5) == math.inf
    # The first multiple made 10: the support is below the cells at every step.
    # 3 (n = 2, multiple 10):  work 49;                 cells 1 + 80 = 81;   support min(9, 81)
    # 1/2 (n = 3, multiple 5): work += 90 + 9*13 = 256; cells 81 + 60 = 141; support min(117, 141)
    # 1/3 (n = 1, multiple 2): work += 10 + 117*5 = 851
    assert grid_work(sizes, {**multiples, Fraction(3): 10}, 0.0) == 851.0


def test_exact_work_of_the_uneven_case_and_of_nothing() -> None:
    # The uneven case: 25/4 (one term, multiple 1) then 75/4 (one term, multiple 3): work
    # 10 + 1*5 = 15, then 15 + 10 + 5*5 = 50 (the support after the first is 5); bits 2 + log2(9).
    assert exact_work(_uneven_terms()) == 50 * (1 + (2 + math.log2(9)) / 64)
    assert exact_work([]) == 0.0


def _bounded(terms: tuple[Term, ...], monkeypatch: pytest.MonkeyPatch) -> Distribution:
    """*terms* on the bounded grid, however cheap the exact convolution would be."""
    monkeypatch.setattr(distribution, "EXACT_WORK", -1.0)
    return linear_distribution(terms)


def test_a_bounded_percentile_is_recomputed_only_on_an_edge(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The case of the test above, as terms: 12.5 * x (low at 0) + 12.5 * y (medium at 0).
    # P(score = 0) = 6/9 * 3/4 = 1/2, P(score <= 12.5) = 5/6, P(score <= 25) = 1 - 1/9 * 1/4
    # = 35/36: the 1/20 and 19/20 percentiles (0 and 25) are far from all three, 5/6 sits on
    # one.
    terms = ((Fraction(25, 2), 0, "low"), (Fraction(25, 2), 0, "medium"))
    bounded = _bounded(terms, monkeypatch)
    assert bounded.error == 0 and bounded.source == terms
    with mock.patch.object(
        distribution, "exact_distribution", wraps=distribution.exact_distribution
    ) as spy:
        assert bounded.interval() == (0.0, 25.0)
        assert spy.call_count == 0
        assert bounded.quantile(Fraction(5, 6)) == 12.5  # the float counts fall short
        assert spy.call_count == 1
        # Just past 1/2 the answer is 12.5; the float counts reach past 1/2 at 0 already.
        assert bounded.quantile(Fraction(1, 2) + Fraction(1, 10**30)) == 12.5
        assert spy.call_count == 2


def test_a_bounded_distribution_on_its_exact_grid_keeps_only_its_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # x high at 0 (coefficient 1), y medium at 2 (coefficient 3): 3, 6 and 9 only, with 1/4,
    # 1/2, 1/4; the grid cells between them hold nothing and are not values.
    terms = ((Fraction(1), 0, "high"), (Fraction(3), 2, "medium"))
    bounded = _bounded(terms, monkeypatch)
    assert bounded.grid == (3, 6, 9)
    assert bounded.counts == (2**60, 2**61, 2**60) and bounded.total == 2**62


def test_a_bounded_value_of_one_count_in_2_to_the_62_is_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 22 low ratings at 0 (coefficient 1: 0 with 6/9, 1 with 2/9, 2 with 1/9) and y medium at
    # 2 (coefficient 100: y = 1 with 1/4). The value 142 is the levels summing to 42, one
    # rating at 0 or two at 1 and the rest at 2: (22 * 6 + 231 * 2 * 2) / 9^22 = 1056 / 9^22,
    # with y = 1: 264 / 9^22, about 1.24 in 2^62: one count of the fixed point, inside the
    # range (y = 2 and 3 lie above), so it is kept.
    terms = ((Fraction(1), 0, "low"),) * 22 + ((Fraction(100), 2, "medium"),)
    exact = exact_distribution(terms)
    at = dict(zip(exact.grid, exact.counts, strict=True))
    assert Fraction(at[142], exact.total) == Fraction(264, 9**22)
    assert round(Fraction(264, 9**22) * 2**62) == 1
    kept = _bounded(terms, monkeypatch)
    bounded = dict(zip(kept.grid, kept.counts, strict=True))
    assert bounded[142] == 1
    assert 0 not in bounded.values()


def test_criterion_part_golden() -> None:
    # Values 2, 4 and 5 halves with 1/4, 1/2, 1/4, each within 1/100 of exact: as a third of
    # the score, steps of 1/6 from position 2, a cell for every position from 2 to 5.
    d = Distribution(Fraction(1, 2), (2, 4, 5), (1, 2, 1), 4, Fraction(1, 100))
    part = criterion_part(d, Fraction(1, 3))
    assert part.coefficient == Fraction(1, 6) and part.start == 2
    assert list(part.probs) == [0.25, 0.0, 0.5, 0.25]
    assert part.error == Fraction(1, 300)


def test_the_exact_step_exists_up_to_the_finest_grid_exactly() -> None:
    # _grid keeps coefficients exact up to a denominator of FINEST_GRID; so must _exact_step.
    assert _exact_step([Fraction(1, FINEST_GRID), Fraction(3, FINEST_GRID)]) == Fraction(
        1, FINEST_GRID
    )
    assert _grid([Fraction(1, FINEST_GRID)])[0] == Fraction(1, FINEST_GRID)
    assert _exact_step([Fraction(1, FINEST_GRID + 1)]) is None


def test_the_needed_count_is_worked_out_in_integers() -> None:
    # A total of 2^61 (past a float's 2^53) and q just past 1/2: q * total is 2^60 + 2^-39,
    # which a float rounds to 2^60, the first count; in integers 2^60 + 1 counts are needed,
    # so the percentile is the second value.
    d = Distribution(Fraction(1), (0, 1), (2**60, 2**60), 2**61)
    assert d.quantile(Fraction(2**99 + 1, 2**100)) == 1.0
    assert d.quantile(Fraction(1, 2)) == 0.0
