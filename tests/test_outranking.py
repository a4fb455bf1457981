"""Outranking and ranks (``allyeval.analysis.outranking``), and the geometric mean the samplers
rely on (``scoring.aggregate``): bounds, monotonicity, exact extremes."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from allyeval.analysis.outranking import outranking
from allyeval.core.ranks import competition_ranks
from allyeval.core.scoring import aggregate
from allyeval.core.uncertainty import score_distribution
from allyeval.render.ranking import RankedEntry, rank
from test_uncertainty import DEFAULT, ONE, TWO, ratings, scored


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


@given(st.lists(st.integers(min_value=0, max_value=5).map(float), min_size=1, max_size=8))
def test_competition_ranks_agree_with_the_score_ranking(scores: list[float]) -> None:
    entries = [RankedEntry(0, str(k), str(k), s, "", 1.0, str(k)) for k, s in enumerate(scores)]
    by_id = {e.id: e.rank for e in rank(entries)}
    assert competition_ranks(scores) == [by_id[str(k)] for k in range(len(scores))]


def test_competition_ranks_golden() -> None:
    assert competition_ranks([50.0, 62.5, 50.0, 10.0]) == [2, 1, 2, 4]
