"""Outranking and ranks (``allyeval.analysis.outranking``), and the geometric mean the samplers
rely on (``scoring.aggregate``): bounds, monotonicity, exact extremes."""

from __future__ import annotations

import math
from collections import defaultdict
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyeval.analysis.comparison import compare
from allyeval.analysis.outranking import (
    outranking,
    pairwise_outranking,
    rank_counts,
    sampled_outranking,
)
from allyeval.core.ranks import competition_ranks
from allyeval.core.scoring import aggregate
from allyeval.core.uncertainty import (
    Distribution,
    level_spread,
    sampled_scores,
    score_distribution,
)
from allyeval.render.ranking import RankedEntry, rank
from test_uncertainty import DEFAULT, ONE, TWO, criteria_set, ratings, scored


@settings(deadline=None, max_examples=40)
@given(ratings(), ratings())
def test_outranking_probabilities_add_up_to_one(
    a: dict[str, tuple[int, str]], b: dict[str, tuple[int, str]]
) -> None:
    da, db = score_distribution(scored(DEFAULT, a)), score_distribution(scored(DEFAULT, b))
    a_over_b, tie_ab = outranking(da, db)
    b_over_a, tie_ba = outranking(db, da)
    assert a_over_b + b_over_a == 1  # exact: P(A>B) + P(B>A) + P(A=B) = 1, ties count half
    assert tie_ab == tie_ba
    assert 0 <= a_over_b <= 1


@settings(deadline=None, max_examples=40)
@given(ratings())
def test_a_profile_against_itself_outranks_with_one_half(items: dict[str, tuple[int, str]]) -> None:
    distribution = score_distribution(scored(DEFAULT, items))
    assert outranking(distribution, distribution)[0] == Fraction(1, 2)


def test_outranking_golden() -> None:
    # A = 25 L, L in {1, 2, 3} with 1/4, 1/2, 1/4; B certain at 50.
    # P(A > B) = 1/4, P(A = B) = 1/2: A outranks B with 1/4 + 1/4 = 1/2
    a = score_distribution(scored(ONE, {"x": (2, "medium")}))
    b = score_distribution(scored(ONE, {"x": (2, "high")}))
    assert outranking(a, b) == (Fraction(1, 2), Fraction(1, 2))
    # B certain at 25: P(A > B) = 3/4, P(A = B) = 1/4 -> 7/8
    c = score_distribution(scored(ONE, {"x": (1, "high")}))
    assert outranking(a, c) == (Fraction(7, 8), Fraction(1, 4))


def test_outranking_when_one_reaches_above_the_other() -> None:
    # A medium at 3: 50, 75, 100 with 1/4, 1/2, 1/4. B low at 1: 0, 25, 50, 75 with 3, 3, 2, 1
    # ninths. P(A > B) = 1/4 * 6/9 + 1/2 * 8/9 + 1/4 * 1 = 31/36; P(A = B) = 1/4 * 2/9
    # + 1/2 * 1/9 = 1/9; A outranks B with 31/36 + 1/18 = 11/12.
    a = score_distribution(scored(ONE, {"x": (3, "medium")}))
    b = score_distribution(scored(ONE, {"x": (1, "low")}))
    assert outranking(a, b) == (Fraction(11, 12), Fraction(1, 9))
    assert outranking(b, a) == (Fraction(1, 12), Fraction(1, 9))


def _brute_force(a: Distribution, b: Distribution) -> tuple[Fraction, Fraction]:
    """P(A > B) + P(A = B) / 2 and P(A = B), pair by pair over both value lists."""
    above = tie = Fraction(0)
    for va, pa in zip(a.values(), a.probabilities(), strict=True):
        for vb, pb in zip(b.values(), b.probabilities(), strict=True):
            above += pa * pb if va > vb else 0
            tie += pa * pb if va == vb else 0
    return above + tie / 2, tie


@settings(deadline=None, max_examples=40)
@given(st.lists(ratings(max_size=4), min_size=2, max_size=4))
def test_pairwise_outranking_against_brute_force(items: list[dict[str, tuple[int, str]]]) -> None:
    distributions = [score_distribution(scored(DEFAULT, r)) for r in items]
    result = pairwise_outranking(distributions)
    n = len(distributions)
    assert set(result) == {(i, j) for i in range(n) for j in range(i + 1, n)}
    for (i, j), value in result.items():
        assert value == _brute_force(distributions[i], distributions[j])


def test_outranking_across_different_grids() -> None:
    # TWO's step (12.5) and ONE's (25) differ; A = 12.5 * (Lx + Ly) with Lx, Ly medium at 2
    # (sum 2..6: 1, 4, 6, 4, 1 sixteenths), B certain at 50: P(A > B) = 5/16, P(A = B) = 6/16
    a = score_distribution(scored(TWO, {"x": (2, "medium"), "y": (2, "medium")}))
    b = score_distribution(scored(ONE, {"x": (2, "high")}))
    assert outranking(a, b) == (Fraction(5, 16) + Fraction(3, 16), Fraction(6, 16))


# --------------------------------------------------------------------------------------------
# The geometric mean itself (scoring.aggregate): bounds, monotonicity, extremes

utilities = st.floats(min_value=0.0, max_value=1.0)
weights = st.floats(min_value=0.01, max_value=100.0)


@given(st.lists(st.tuples(weights, utilities), min_size=1, max_size=8))
def test_geometric_mean_is_bounded(pairs: list[tuple[float, float]]) -> None:
    value = aggregate(pairs, "geometric")
    assert min(u for _, u in pairs) - 1e-12 <= value <= max(u for _, u in pairs) + 1e-12


@given(st.lists(st.tuples(weights, utilities), min_size=1, max_size=8), st.data())
def test_geometric_mean_is_monotone(pairs: list[tuple[float, float]], data: st.DataObject) -> None:
    k = data.draw(st.integers(min_value=0, max_value=len(pairs) - 1))
    higher = data.draw(st.floats(min_value=pairs[k][1], max_value=1.0))
    raised = [*pairs[:k], (pairs[k][0], higher), *pairs[k + 1 :]]
    assert aggregate(raised, "geometric") >= aggregate(pairs, "geometric") - 1e-12


@given(st.lists(weights, min_size=1, max_size=8))
def test_geometric_mean_extremes_are_exact(ws: list[float]) -> None:
    assert aggregate([(w, 1.0) for w in ws], "geometric") == 1.0
    assert aggregate([(w, 0.0) for w in ws], "geometric") == 0.0


def test_geometric_profile_extremes_are_exact() -> None:
    best = {
        i: (4 if c.direction == "benefit" else 0, "low") for i, (c, _) in DEFAULT.indicators.items()
    }
    worst = {i: (4 - lv, conf) for i, (lv, conf) in best.items()}
    assert scored(DEFAULT, best, "geometric").score == 100.0
    assert scored(DEFAULT, worst, "geometric").score == 0.0


# --------------------------------------------------------------------------------------------
# Ranks


scores_with_ties = st.lists(st.integers(min_value=0, max_value=5).map(float), max_size=8)


@given(scores_with_ties)
def test_competition_ranks_against_brute_force(scores: list[float]) -> None:
    # A competition rank is one more than the number of strictly higher scores.
    assert competition_ranks(scores) == [1 + sum(o > s for o in scores) for s in scores]


@given(scores_with_ties)
def test_ranking_against_brute_force(scores: list[float]) -> None:
    entries = [RankedEntry(0, str(k), str(k), s, "", 1.0, str(k)) for k, s in enumerate(scores)]
    ranked = rank(entries)
    # Brute force: repeatedly take the first of the highest remaining entries.
    remaining, expected = list(enumerate(scores)), []
    while remaining:
        best = max(s for _, s in remaining)
        k, s = next(pair for pair in remaining if pair[1] == best)
        remaining.remove((k, s))
        expected.append((str(k), s, 1 + sum(o > s for o in scores)))
    assert [(e.id, e.score, e.rank) for e in ranked] == expected


def test_competition_ranks_golden() -> None:
    assert competition_ranks([50.0, 62.5, 50.0, 10.0]) == [2, 1, 2, 4]
    assert competition_ranks([3.0, 3.0, 3.0]) == [1, 1, 1]
    assert competition_ranks([]) == []


def test_rank_counts_golden() -> None:
    # Draws (A, B, C): (1, 2, 2) -> B, C tie first, A third; (3, 2, 1) -> A, B, C;
    # (2, 2, 2) -> all first.
    columns = [[1.0, 3.0, 2.0], [2.0, 2.0, 2.0], [2.0, 1.0, 2.0]]
    assert rank_counts(columns) == [[2, 0, 1], [2, 1, 0], [2, 0, 1]]


# --------------------------------------------------------------------------------------------
# Sampled (geometric) outranking against exact enumeration

GEOMETRIC_PAIR = criteria_set([("p", "benefit", 1, [("x", 1)]), ("q", "benefit", 1, [("y", 1)])])
"""Two criteria of one indicator each and equal weight: S = 100 * sqrt(u_x) * sqrt(u_y)."""


def _enumerated(ratings: dict[str, tuple[int, str]]) -> dict[float, Fraction]:
    """Every geometric score the ratings can take, with its exact probability. The score of
    each level pair is computed as the tool computes it (the same float factors, multiplied in
    the same order), so that ties are the ties the tool sees."""
    (lx, cx), (ly, cy) = ratings["x"], ratings["y"]
    scores: dict[float, Fraction] = defaultdict(Fraction)
    for x, px in level_spread(lx, cx).items():
        for y, py in level_spread(ly, cy).items():
            scores[100.0 * math.prod([(x / 4) ** 0.5, (y / 4) ** 0.5])] += px * py
    return scores


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Both spread over levels with many equal products: ties are likely.
        ({"x": (2, "medium"), "y": (2, "medium")}, {"x": (2, "medium"), "y": (2, "high")}),
        # A certain zero criterion against a wide profile: A ties B whenever B hits a 0.
        ({"x": (0, "high"), "y": (4, "high")}, {"x": (1, "low"), "y": (3, "medium")}),
        ({"x": (3, "low"), "y": (1, "medium")}, {"x": (2, "low"), "y": (2, "low")}),
    ],
)
def test_sampled_outranking_matches_exact_enumeration(
    a: dict[str, tuple[int, str]], b: dict[str, tuple[int, str]]
) -> None:
    exact_a, exact_b = _enumerated(a), _enumerated(b)
    above = sum(pa * pb for sa, pa in exact_a.items() for sb, pb in exact_b.items() if sa > sb)
    tie = sum(pa * pb for sa, pa in exact_a.items() for sb, pb in exact_b.items() if sa == sb)
    expected_share, expected_tie = float(above + tie / 2), float(tie)
    assert expected_tie > 0.05  # the cases are chosen so that counting ties wrongly shows

    samples = 40_000
    result_a = scored(GEOMETRIC_PAIR, a, "geometric")
    result_b = scored(GEOMETRIC_PAIR, b, "geometric")
    draws_a = sampled_scores(result_a, seed=3, samples=samples)
    draws_b = sampled_scores(result_b, seed=3, samples=samples)
    assert set(draws_a) <= set(exact_a) and set(draws_b) <= set(exact_b)
    share, tied = sampled_outranking(draws_a, draws_b)
    # Within 4 standard errors of a share of independent draws.
    for sampled, value in ((share, expected_share), (tied, expected_tie)):
        assert abs(sampled - value) <= 4 * math.sqrt(value * (1 - value) / samples) + 1e-12

    comparison = compare([result_a, result_b], seed=3, samples=samples)
    (pair,) = comparison.outrankings
    assert not pair.exact
    assert abs(pair.probability - expected_share) <= 0.01
    assert abs(pair.tie - expected_tie) <= 0.01


def test_sampled_outranking_golden() -> None:
    # A above B in draws 1 and 4, tied in 2, below in 3: (2 + 1/2) / 4 above, 1/4 tied.
    assert sampled_outranking([3.0, 2.0, 1.0, 5.0], [1.0, 2.0, 4.0, 0.0]) == (0.625, 0.25)
