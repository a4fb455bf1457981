"""What the numpy engine remembers between profiles, and its convolution on the grid: the
cumulative probabilities it gives are those of the exact engine, to within float rounding,
whatever it remembered and whichever way it summed the levels."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyeval.core import layout, vectorised
from allyeval.core.distribution import exact_distribution
from allyeval.core.grid import level_sum
from allyeval.core.layout import Term
from allyeval.core.uncertainty import criterion_terms, overall_terms
from allyeval.core.vectorised import FloatDistribution, float_distribution
from test_uncertainty import DEFAULT, scored

CONFIDENCES = ("low", "medium", "high")


def _exact_cumulative(terms: list[Term]) -> dict[Fraction, float]:
    """P(value <= v) for each value v the exact engine gives, as floats."""
    exact = exact_distribution(terms)
    cumulative, running = {}, 0
    for key, count in sorted(zip(exact.grid, exact.counts, strict=True)):
        running += count
        cumulative[key * exact.step] = running / exact.total
    return cumulative


def _assert_matches_exact(terms: list[Term]) -> None:
    fast = float_distribution(terms)
    assert isinstance(fast, FloatDistribution)
    exact = _exact_cumulative(terms)
    values = [int(key) * fast.step for key in fast.keys]
    assert values == list(exact)
    for value, probability in zip(values, fast.cumulative.tolist(), strict=True):
        assert probability == pytest.approx(exact[value], abs=1e-12)


terms_drawn = st.lists(
    st.tuples(
        st.sampled_from([Fraction(1), Fraction(3), Fraction(5, 2), Fraction(7, 3), Fraction(4)]),
        st.integers(0, 4),
        st.sampled_from(CONFIDENCES),
    ),
    min_size=1,
    max_size=9,
)


@settings(max_examples=150, deadline=None)
@given(terms_drawn)
def test_drawn_terms_have_the_exact_engines_cumulative_probabilities(terms: list[Term]) -> None:
    _assert_matches_exact(terms)


def test_three_coefficients_worked_by_hand() -> None:
    # 1 * a + 2 * b + 3 * c, a low at 0 (0, 1, 2: 6/9, 2/9, 1/9), b medium at 1 (0, 1, 2:
    # 1/4, 1/2, 1/4), c high at 4 (certain, 12). In 36ths, a + 2b is 0: 6, 1: 2, 2: 12 + 1,
    # 3: 4, 4: 6 + 2, 5: 2, 6: 1; so values 12 to 18, cumulative 6, 8, 21, 25, 33, 35, 36.
    terms: list[Term] = [
        (Fraction(1), 0, "low"),
        (Fraction(2), 1, "medium"),
        (Fraction(3), 4, "high"),
    ]
    fast = float_distribution(terms)
    assert isinstance(fast, FloatDistribution)
    assert fast.step == 1
    assert fast.keys.tolist() == [12, 13, 14, 15, 16, 17, 18]
    assert fast.cumulative.tolist() == pytest.approx(
        [n / 36 for n in (6, 8, 21, 25, 33, 35, 36)], abs=1e-15
    )
    _assert_matches_exact(terms)


def test_profiles_rating_the_same_indicators_share_their_coefficients() -> None:
    # What lets the engine remember a layout by the identity of the coefficients.
    first = scored(DEFAULT, {"joint_exercises": (1, "low"), "trust": (3, "medium")})
    second = scored(DEFAULT, {"joint_exercises": (4, "high"), "trust": (0, "low")})
    for one, other in zip(overall_terms(first), overall_terms(second), strict=True):
        assert one[0] is other[0]
    for crit_one, crit_other in zip(first.criteria, second.criteria, strict=True):
        if crit_one.utility is not None:
            for one, other in zip(
                criterion_terms(crit_one), criterion_terms(crit_other), strict=True
            ):
                assert one[0] is other[0]


def test_equal_coefficients_in_distinct_objects_read_as_one() -> None:
    shared = Fraction(5, 2)
    same_object: list[Term] = [(shared, 1, "low"), (shared, 3, "medium"), (Fraction(1), 2, "low")]
    copies: list[Term] = [
        (Fraction(5, 2), 1, "low"),
        (Fraction(10, 4), 3, "medium"),
        (Fraction(1), 2, "low"),
    ]
    one, other = float_distribution(same_object), float_distribution(copies)
    assert isinstance(one, FloatDistribution) and isinstance(other, FloatDistribution)
    assert one.keys.tolist() == other.keys.tolist()
    assert one.cumulative.tolist() == other.cumulative.tolist()
    _assert_matches_exact(copies)


def test_layouts_are_forgotten_when_too_many(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout, "_LAYOUTS", {})
    monkeypatch.setattr(layout, "LAYOUTS_KEPT", 2)
    sets: list[list[Term]] = [
        [(Fraction(k), 2, "low"), (Fraction(k + 1), 1, "medium")] for k in (1, 2, 3)
    ]
    for terms in sets:
        _assert_matches_exact(terms)
        assert len(layout._LAYOUTS) <= 2
    assert len(layout._LAYOUTS) == 1  # the third cleared the first two
    for terms in sets:  # remembered or not, the same answer
        _assert_matches_exact(terms)


@pytest.mark.parametrize("count", [1, 2, 16, 17, 40])
def test_few_and_many_levels_sum_alike(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    ratings = tuple((k % 5, CONFIDENCES[k % 3]) for k in range(count))
    spreads = [vectorised._float_spread(level, confidence) for level, confidence in ratings]
    results = []
    for few in (0, 1000):  # every group by repeated squaring, then every group one by one
        monkeypatch.setattr(vectorised, "FEW_LEVELS", few)
        vectorised._level_sum.cache_clear()
        results.append(vectorised._level_sum(tuple(sorted(ratings))))
    vectorised._level_sum.cache_clear()
    (start_a, probs_a), (start_b, probs_b) = results
    reference_start, reference = level_sum(spreads)
    assert start_a == reference_start
    assert probs_a.tolist() == pytest.approx(reference, abs=1e-15)
    # One by one drops no cell, so it may start lower; the cells it adds carry almost nothing.
    offset = reference_start - start_b
    assert offset >= 0
    assert probs_b[offset : offset + len(reference)].tolist() == pytest.approx(reference, abs=1e-15)
    assert sum(probs_b.tolist()) == pytest.approx(1.0, abs=1e-13)


def test_a_layout_is_remembered_with_its_coefficients() -> None:
    # What makes remembering by identity safe: the layout keeps the very coefficient objects,
    # so no other object can take one's identity while it is remembered.
    terms: list[Term] = [(Fraction(7, 3), 1, "low"), (Fraction(2), 3, "medium")]
    first = layout.layout_of(tuple(terms))
    assert first is not None
    assert layout.layout_of(tuple(terms)) is first
    assert all(kept is term[0] for kept, term in zip(first.coefficients, terms, strict=True))


def test_an_uncertain_high_percentile_is_recomputed_exactly() -> None:
    # One term, coefficient 1, low confidence at 2: exactly 0-4 with 1/9, 2/9, 3/9, 2/9, 1/9,
    # so the 5th percentile is 0 and the 95th 4. Floats that put a value on 0.95 itself
    # leave the 95th percentile in doubt: it comes from the exact engine, the 5th from the
    # floats (0.5 at 0 is certain), each on its own.
    terms: list[Term] = [(Fraction(1), 2, "low")]
    doubtful = FloatDistribution(
        Fraction(1), np.array([0, 1, 2]), np.array([0.5, 0.95, 1.0]), tuple(terms)
    )
    assert doubtful.interval() == (0.0, 4.0)
    assert doubtful.quantile(Fraction(1, 20)) == 0.0
    assert doubtful.quantile(Fraction(19, 20)) == 4.0
