"""The float outranking engine (``allyeval.analysis.outranking``: ``dense``, ``Dense``,
``estimated_outranking``) against the exact fractions, directly.

compare only shows what the floats give when they are certain, and works the pair out exactly
otherwise, so a float answer that is wrong but flagged as doubtful reads the same in a report:
these tests hold the floats themselves to what they promise (a value within the stated error
of the exact one, and an error no wider than rounding and the tails left out). Golden cases are
worked by hand in the comments.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import example, given, settings
from hypothesis import strategies as st

from allyeval.analysis.outranking import (
    BULK,
    dense,
    estimated_outranking,
    pairwise_outranking,
    rank_counts,
)
from allyeval.analysis.pairwise import float_distributions, probabilities, shown
from allyeval.core.uncertainty import Distribution, score_distribution
from test_uncertainty import TWO, scored

STEPS = [Fraction(1), Fraction(1, 2), Fraction(1, 3), Fraction(2, 3), Fraction(3, 2)]
HEAVY = 2**62
"""A count so large that 1 out of it (2^-62) is below BULK (2^-60): a value left out of the bulk."""


def _distribution(step: Fraction, values: dict[int, int]) -> Distribution:
    grid = tuple(sorted(values))
    counts = tuple(values[k] for k in grid)
    return Distribution(step, grid, counts, sum(counts))


@st.composite
def distributions(draw: st.DrawFn) -> Distribution:
    """A small distribution on one of a few steps; now and then with a rare tail value that
    falls outside the bulk."""
    step = draw(st.sampled_from(STEPS))
    values = draw(
        st.dictionaries(
            st.integers(-12, 12), st.sampled_from([1, 2, 3, 7, HEAVY]), min_size=1, max_size=5
        )
    )
    return _distribution(step, values)


@settings(deadline=None, max_examples=300)
@given(distributions(), distributions())
# Found by this test: B's one value outside its bulk ties with A, and the bound on it was the
# float 1 / total, rounded below the exact 1 / total.
@example(
    _distribution(Fraction(1), {1: 1}),
    _distribution(Fraction(1, 3), {0: HEAVY, 1: HEAVY, 2: HEAVY, 3: 1}),
)
def test_estimate_is_within_its_error_of_the_exact_fraction(
    a: Distribution, b: Distribution
) -> None:
    probability, error, tie, tie_error = estimated_outranking(dense(a), dense(b))
    exact, exact_tie = pairwise_outranking([a, b])[0, 1]
    assert abs(Fraction(probability) - exact) <= Fraction(error)
    assert abs(Fraction(tie) - exact_tie) <= Fraction(tie_error)
    if a.step == b.step:
        # The bound covers rounding and the tails left out, nothing more.
        assert 0 <= error <= 1e-12 and 0 <= tie_error <= 1e-12
    if a.grid[-1] * a.step < b.grid[0] * b.step or b.grid[-1] * b.step < a.grid[0] * a.step:
        # No common value: the answer is exact, 0 or 1, with no error at all.
        assert (error, tie, tie_error) == (0.0, 0.0, 0.0)
        assert probability == (1.0 if a.grid[0] * a.step > b.grid[-1] * b.step else 0.0)


@settings(deadline=None, max_examples=200)
@given(distributions(), distributions())
def test_error_bound_is_tight_across_grids(a: Distribution, b: Distribution) -> None:
    # The values of A and B past the common bulk were bounded as if they could tie: A on
    # whole points {0, 1}, B on halves {0, 1/2} gave an error of 0.375, and compare worked
    # such pairs out exactly (correct, but the slow way).
    _, error, _, tie_error = estimated_outranking(dense(a), dense(b))
    assert 0 <= error <= 1e-12 and 0 <= tie_error <= 1e-12


def test_cross_grid_golden() -> None:
    # A is 0 or 1 (1/2 each), B is 0 or 1/2: A above B 1/4 + 1/4 = 1/2, a tie 1/4, so
    # P(A outranks B) = 1/2 + 1/8 = 5/8.
    a = _distribution(Fraction(1), {0: 1, 1: 1})
    b = _distribution(Fraction(1, 2), {0: 1, 1: 1})
    probability, error, tie, tie_error = estimated_outranking(dense(a), dense(b))
    assert abs(probability - 0.625) <= error < 1e-15 and abs(tie - 0.25) <= tie_error < 1e-15
    probability, error, tie, tie_error = estimated_outranking(dense(b), dense(a))
    assert abs(probability - 0.375) <= error < 1e-15 and abs(tie - 0.25) <= tie_error < 1e-15


def test_disjoint_supports_on_different_grids() -> None:
    # A on halves {1/2, 1}, B on thirds {4/3, 5/3}: A is always below, B always above.
    a = _distribution(Fraction(1, 2), {1: 1, 2: 1})
    b = _distribution(Fraction(1, 3), {4: 1, 5: 1})
    assert estimated_outranking(dense(a), dense(b)) == (0.0, 0.0, 0.0, 0.0)
    assert estimated_outranking(dense(b), dense(a)) == (1.0, 0.0, 0.0, 0.0)
    # A on thirds {1/3, 2/3} below B on halves {1, 3/2}: on B's grid A ends below B's start.
    c = _distribution(Fraction(1, 3), {1: 1, 2: 1})
    d = _distribution(Fraction(1, 2), {2: 1, 3: 1})
    assert estimated_outranking(dense(c), dense(d)) == (0.0, 0.0, 0.0, 0.0)
    assert estimated_outranking(dense(d), dense(c)) == (1.0, 0.0, 0.0, 0.0)


def test_no_common_bulk() -> None:
    # A is 0 once in 2^62 + 1, else 10; B is always 5. A's bulk is {10}, B's {5}: they share
    # no value, yet the supports overlap. P(A outranks B) = 2^62 / (2^62 + 1), no tie.
    a = _distribution(Fraction(1), {0: 1, 10: HEAVY})
    b = _distribution(Fraction(1), {5: 1})
    probability, error, tie, tie_error = estimated_outranking(dense(a), dense(b))
    exact = Fraction(HEAVY, HEAVY + 1)
    assert abs(Fraction(probability) - exact) <= Fraction(error) <= Fraction(1, 10**14)
    assert tie == 0.0 and tie_error <= 1e-14
    probability, error, _, _ = estimated_outranking(dense(b), dense(a))
    assert abs(Fraction(probability) - (1 - exact)) <= Fraction(error) <= Fraction(1, 10**14)


def test_dense_golden() -> None:
    # Values 3, 5, 6 (step 1/2) with counts 1, 2, 1 out of 4: every position from 3 to 6.
    d = dense(_distribution(Fraction(1, 2), {3: 1, 5: 2, 6: 1}))
    assert (d.step, d.low, d.high) == (Fraction(1, 2), 3, 6)
    assert d.mass.tolist() == [0.25, 0.0, 0.5, 0.25]
    assert d.below.tolist() == [0.0, 0.25, 0.25, 0.75]  # P(X < k)
    assert d.top.tolist() == [1.0, 0.75, 0.75, 0.25]  # P(X >= k)
    assert (d.first, d.last) == (3, 6)  # nothing is rare enough to leave the bulk


def test_dense_bulk_leaves_out_only_rare_values() -> None:
    # Counts 1, HEAVY, HEAVY, 1 at 2, 4, 7, 9: the ends have 1 / (2^63 + 2) < BULK each.
    d = dense(_distribution(Fraction(1), {2: 1, 4: HEAVY, 7: HEAVY, 9: 1}))
    assert (d.low, d.high, d.first, d.last) == (2, 9, 4, 7)
    assert d.below_at(d.first) <= BULK and d.top_at(d.last + 1) <= BULK
    # A rare value at one end only.
    d = dense(_distribution(Fraction(1), {-3: HEAVY, 1: 1}))
    assert (d.low, d.high, d.first, d.last) == (-3, 1, -3, -3)
    d = dense(_distribution(Fraction(1), {-3: 1, 1: HEAVY}))
    assert (d.first, d.last) == (1, 1)
    # A tail of exactly BULK (1 in 2^60) is still left out: "at most BULK".
    d = dense(_distribution(Fraction(1), {0: 1, 1: 2**60 - 1}))
    assert (d.first, d.last) == (1, 1)
    d = dense(_distribution(Fraction(1), {0: 2**60 - 1, 1: 1}))
    assert (d.first, d.last) == (0, 0)


def test_below_at_and_top_at_outside_and_at_the_ends() -> None:
    # Values 3, 5, 6 with counts 1, 2, 1: P(X < k) and P(X >= k) everywhere.
    d = dense(_distribution(Fraction(1), {3: 1, 5: 2, 6: 1}))
    below = {k: d.below_at(k) for k in range(0, 10)}
    top = {k: d.top_at(k) for k in range(0, 10)}
    assert below == {0: 0, 1: 0, 2: 0, 3: 0, 4: 0.25, 5: 0.25, 6: 0.75, 7: 1, 8: 1, 9: 1}
    assert top == {0: 1, 1: 1, 2: 1, 3: 1, 4: 0.75, 5: 0.75, 6: 0.25, 7: 0, 8: 0, 9: 0}


def test_same_recognises_a_copy_and_only_a_copy() -> None:
    values = {3: 1, 5: 2, 6: 1}
    a = dense(_distribution(Fraction(1), values))
    assert a.same(a)
    assert a.same(dense(_distribution(Fraction(1), values)))  # built again: not the same object
    assert not a.same(dense(_distribution(Fraction(1), {3: 1, 5: 1, 6: 2})))
    assert not a.same(dense(_distribution(Fraction(1, 2), values)))
    assert not a.same(dense(_distribution(Fraction(1), {4: 1, 6: 2, 7: 1})))


def test_rank_counts_without_profiles_or_draws() -> None:
    assert rank_counts([]) == []
    # Two profiles and no draws: no rank counted for either.
    assert rank_counts([[], []]) == [[0, 0], [0, 0]]


def test_rank_counts_with_a_tie_below_the_first() -> None:
    # Draws (A, B, C): (3, 1, 1) -> A first, B and C share second; (1, 2, 2) -> B and C share
    # first, A third; (1, 1, 2) -> C first, A and B share second.
    columns = [[3.0, 1.0, 1.0], [1.0, 2.0, 1.0], [1.0, 2.0, 2.0]]
    assert rank_counts(columns) == [[1, 1, 1], [1, 2, 0], [2, 1, 0]]


def test_a_certain_pair_is_exactly_one_and_an_impossible_one_exactly_zero() -> None:
    # Medium ratings at 3 and 4 (scores 62.5 to 100) against medium ratings at 0 and 1 (0 to
    # 37.5): the first always outranks the second, never the other way round.
    high = scored(TWO, {"x": (3, "medium"), "y": (4, "medium")})
    low = scored(TWO, {"x": (0, "medium"), "y": (1, "medium")})
    results = [high, low]
    floats = float_distributions([score_distribution(r) for r in results])
    assert probabilities(results, floats, 0, 1) == (1.0, 0.0)
    assert probabilities(results, floats, 1, 0) == (0.0, 0.0)


def test_shown_above_one_half_and_to_four_decimals() -> None:
    # 0.75 is said as 75% (not its complement); 0.123456 is 0.1235 in JSON, said as 88%.
    assert shown(0.75) == (0.75, False, "75%")
    assert shown(0.123456) == (0.1235, True, "88%")
