"""The scoring formula: golden cases worked by hand, and properties over the default criteria."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from allyeval.core.loader import load_criteria
from allyeval.core.models import CriteriaSet, Profile
from allyeval.core.scoring import (
    COVERAGE_TOLERANCE,
    METHODS,
    CriterionScore,
    Method,
    NothingRated,
    ProfileScore,
    below,
    capped_band,
    score_profile,
)
from builders import criterion

# --------------------------------------------------------------------------------------------
# Builders


def _criteria_set(criteria: list[dict[str, Any]]) -> CriteriaSet:
    return CriteriaSet.model_validate(
        {
            "name": "tiny",
            "version": "1",
            "title": "Tiny test criteria",
            "bands": [
                {"name": "high", "min": 75},
                {"name": "mid", "min": 50},
                {"name": "low", "min": 0},
            ],
            "criteria": criteria,
        }
    )


PROFILE_FIELDS: dict[str, Any] = {
    "id": "test-profile",
    "name": "Test partnership",
    "kind": "bilateral",
    "members": ["A", "B"],
    "established": 1990,
    "formal_basis": "treaty",
    "region": "Nowhere",
    "as_of": dt.date(2024, 1, 1),
    "summary": "A partnership made up for tests.",
}


def _profile(ratings: dict[str, int], confidence: str = "medium") -> Profile:
    return Profile.model_validate(
        {
            **PROFILE_FIELDS,
            "ratings": {
                key: {"level": level, "confidence": confidence, "evidence": f"evidence {key}"}
                for key, level in ratings.items()
            },
        }
    )


# Criterion weights: alpha 5, beta 1, risk 2 (sum 8).
# Indicator weights: alpha a1=1, a2=3 (sum 4); beta b1=2, b2=1, b3=1 (sum 4); risk r1=3, r2=1.
TINY = _criteria_set(
    [
        criterion("alpha", "benefit", 5, [("a1", 1), ("a2", 3)]),
        criterion("beta", "benefit", 1, [("b1", 2), ("b2", 1), ("b3", 1)]),
        criterion("risk", "risk", 2, [("r1", 3), ("r2", 1)]),
    ]
)

ALL_RATED = {"a1": 4, "a2": 2, "b1": 1, "b2": 3, "b3": 0, "r1": 1, "r2": 4}


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def _crit(result: ProfileScore, ident: str) -> CriterionScore:
    return next(c for c in result.criteria if c.criterion.id == ident)


def _contributions(result: ProfileScore) -> dict[str, float]:
    return {i.indicator.id: i.contribution for _, i in result.indicator_scores()}


# --------------------------------------------------------------------------------------------
# Golden cases


def test_all_rated_golden() -> None:
    result = score_profile(_profile(ALL_RATED), TINY)
    alpha, beta, risk = (_crit(result, c) for c in ("alpha", "beta", "risk"))
    # alpha: u(a1)=4/4=1, u(a2)=2/4=0.5; U = (1*1 + 3*0.5)/4 = 2.5/4 = 0.625
    assert _close(alpha.utility, 0.625)
    assert _close(alpha.score, 62.5)  # 100 * 0.625
    # beta: u = 0.25, 0.75, 0; U = (2*0.25 + 1*0.75 + 1*0)/4 = 1.25/4 = 0.3125
    assert _close(beta.utility, 0.3125)
    assert _close(beta.score, 31.25)  # 100 * 0.3125
    # risk: u(r1)=1-1/4=0.75, u(r2)=1-4/4=0; U = (3*0.75 + 1*0)/4 = 2.25/4 = 0.5625
    assert _close(risk.utility, 0.5625)
    # S = 100 * (5*0.625 + 1*0.3125 + 2*0.5625) / 8 = 100 * 4.5625 / 8 = 57.03125
    assert _close(result.score, 57.03125)
    assert result.band == "mid"  # 50 <= 57.03125 < 75
    assert result.coverage == 1.0
    assert [c.coverage for c in result.criteria] == [1.0, 1.0, 1.0]
    # nominal weights and used shares: 5/8, 1/8, 2/8
    assert [c.weight for c in result.criteria] == [0.625, 0.125, 0.25]
    assert [c.share for c in result.criteria] == [0.625, 0.125, 0.25]


def test_risk_criterion_reports_exposure_but_overall_uses_utility() -> None:
    result = score_profile(_profile(ALL_RATED), TINY)
    risk = _crit(result, "risk")
    # utility 0.5625 (see above); exposure = 100 * (1 - 0.5625) = 43.75
    assert _close(risk.utility, 0.5625)
    assert _close(risk.score, 43.75)
    # contribution uses utility: 100 * 2/8 * 0.5625 = 14.0625 (exposure would give 10.9375)
    assert _close(risk.contribution, 14.0625)

    # Only the risk criterion rated, no exposure at all: r1=0, r2=0 -> utility 1, exposure 0,
    # overall 100 * 2*1 / 2 = 100.
    only_risk = score_profile(_profile({"r1": 0, "r2": 0}), TINY)
    assert _crit(only_risk, "risk").score == 0.0
    assert _crit(only_risk, "risk").utility == 1.0
    assert only_risk.score == 100.0
    # Full exposure: r1=4, r2=4 -> utility 0, exposure 100, overall 0
    full = score_profile(_profile({"r1": 4, "r2": 4}), TINY)
    assert full.score == 0.0
    assert _crit(full, "risk").score == 100.0


def test_contributions_golden_and_add_up() -> None:
    result = score_profile(_profile(ALL_RATED), TINY)
    expected = {
        "a1": 15.625,  # share 5/8 * 1/4 = 5/32; 100 * 5/32 * 1 = 15.625
        "a2": 23.4375,  # share 5/8 * 3/4 = 15/32; 100 * 15/32 * 0.5 = 23.4375
        "b1": 1.5625,  # share 1/8 * 2/4 = 1/16; 100 * 1/16 * 0.25 = 1.5625
        "b2": 2.34375,  # share 1/8 * 1/4 = 1/32; 100 * 1/32 * 0.75 = 2.34375
        "b3": 0.0,  # utility 0
        "r1": 14.0625,  # share 2/8 * 3/4 = 3/16; 100 * 3/16 * 0.75 = 14.0625
        "r2": 0.0,  # utility 1 - 4/4 = 0
    }
    got = _contributions(result)
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert _close(got[key], value), key
    shares = {i.indicator.id: i.share for _, i in result.indicator_scores()}
    assert _close(shares["a1"], 5 / 32)
    assert _close(shares["r2"], 1 / 16)  # 2/8 * 1/4, rated but contributing nothing
    # criterion contributions: 39.0625 (15.625 + 23.4375), 3.90625 (1.5625 + 2.34375), 14.0625
    assert _close(_crit(result, "alpha").contribution, 39.0625)
    assert _close(_crit(result, "beta").contribution, 3.90625)
    assert _close(_crit(result, "risk").contribution, 14.0625)
    # 15.625 + 23.4375 + 1.5625 + 2.34375 + 0 + 14.0625 + 0 = 57.03125 = S
    assert math.isclose(sum(got.values()), result.score)
    assert math.isclose(sum(c.contribution for c in result.criteria), result.score)


def test_fully_unrated_criterion_weight_is_redistributed() -> None:
    ratings = {k: v for k, v in ALL_RATED.items() if not k.startswith("b")}
    result = score_profile(_profile(ratings), TINY)
    beta = _crit(result, "beta")
    # beta left out: S = 100 * (5*0.625 + 2*0.5625) / (5 + 2) = 100 * 4.25 / 7 = 60.714285...
    assert _close(result.score, 425 / 7)
    assert result.band == "mid"
    # coverage = 5/8 * 1 + 1/8 * 0 + 2/8 * 1 = 7/8
    assert _close(result.coverage, 0.875)
    assert result.coverage < 1
    assert beta.utility is None
    assert beta.score is None
    assert beta.coverage == 0.0
    assert beta.share == 0.0
    assert beta.contribution == 0.0
    assert beta.weight == 0.125  # nominal weight unchanged: 1/8
    assert all(i.share == 0.0 and i.contribution == 0.0 for i in beta.indicators)
    assert all(i.rating is None and i.utility is None for i in beta.indicators)
    # redistributed shares: alpha 5/7, risk 2/7
    assert _close(_crit(result, "alpha").share, 5 / 7)
    assert _close(_crit(result, "risk").share, 2 / 7)
    got = _contributions(result)
    assert _close(got["a1"], 100 * 5 / 7 * 1 / 4 * 1)  # = 17.857142...
    assert _close(got["a2"], 100 * 5 / 7 * 3 / 4 * 0.5)  # = 26.785714...
    assert _close(got["r1"], 100 * 2 / 7 * 3 / 4 * 0.75)  # = 16.071428...
    # 17.857142... + 26.785714... + 16.071428... = 60.714285...
    assert math.isclose(sum(got.values()), result.score)


def test_partially_ratedcriterion() -> None:
    ratings = {k: v for k, v in ALL_RATED.items() if k != "a2"}
    result = score_profile(_profile(ratings), TINY)
    alpha = _crit(result, "alpha")
    # alpha: only a1 (level 4, u=1) rated: U = 1*1 / 1 = 1; coverage = 1 / (1 + 3) = 0.25
    assert alpha.utility == 1.0
    assert alpha.score == 100.0
    assert alpha.coverage == 0.25
    # S = 100 * (5*1 + 1*0.3125 + 2*0.5625) / 8 = 100 * 6.4375 / 8 = 80.46875
    assert _close(result.score, 80.46875)
    # coverage = 5/8 * 1/4 + 1/8 * 1 + 2/8 * 1 = 5/32 + 12/32 = 17/32 = 0.53125, below the
    # default min_coverage 0.6: the score stands, provisional, and the band says so
    assert _close(result.coverage, 0.53125)
    assert result.band == "insufficient" and result.provisional
    assert alpha.insufficient and not _crit(result, "risk").insufficient
    relaxed = score_profile(_profile(ratings), TINY.with_min_coverage(0.5))
    assert relaxed.band == "high" and relaxed.score == result.score
    got = _contributions(result)
    # a1 takes all of alpha's share: 100 * 5/8 * 1/1 * 1 = 62.5; a2 unrated adds nothing
    assert _close(got["a1"], 62.5)
    assert got["a2"] == 0.0
    # 62.5 + 1.5625 + 2.34375 + 0 + 14.0625 + 0 = 80.46875
    assert math.isclose(sum(got.values()), result.score)


@pytest.mark.parametrize(
    ("level", "score", "band"),
    [
        (4, 100.0, "high"),  # only a1 rated: S = 100 * 4/4 = 100
        (3, 75.0, "high"),  # S = 100 * 3/4 = 75, exactly the min of "high"
        (2, 50.0, "mid"),  # S = 100 * 2/4 = 50, exactly the min of "mid"
        (1, 25.0, "low"),  # S = 100 * 1/4 = 25
        (0, 0.0, "low"),  # S = 0, the min of "low"
    ],
)
def test_band_thresholds_from_scores(level: int, score: float, band: str) -> None:
    # one indicator rated is little coverage: min_coverage 0 bands by the score alone
    result = score_profile(_profile({"a1": level}), TINY.with_min_coverage(0))
    assert result.score == score
    assert result.band == band


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (100.0, "high"),
        (75.0, "high"),
        (math.nextafter(75.0, 0.0), "mid"),
        (50.0, "mid"),
        (math.nextafter(50.0, 0.0), "low"),
        (0.0, "low"),
    ],
)
def test_band_boundaries(score: float, band: str) -> None:
    assert TINY.band(score) == band


def test_nothing_rated_raises() -> None:
    with pytest.raises(NothingRated) as raised:
        score_profile(_profile({}), TINY)
    assert str(raised.value) == "no indicator of the criteria set is rated, so there is no score"


def test_geometric_has_no_contributions_rated_or_not() -> None:
    # Points do not add up under a product: every contribution is None, not 0 and not a share.
    result = score_profile(_profile({"a1": 4, "b1": 2, "r1": 1}), TINY, "geometric")
    assert [c.contribution for c in result.criteria] == [None, None, None]
    assert [i.contribution for _, i in result.indicator_scores()] == [None] * 7
    # alpha: U = 1, beta: 1/2, risk: 3/4; S = 100 * 1^(5/8) * (1/2)^(1/8) * (3/4)^(2/8)
    assert _close(result.score, 100 * 0.5 ** (1 / 8) * 0.75 ** (2 / 8))
    arithmetic = score_profile(_profile({"a1": 4, "b1": 2, "r1": 1}), TINY)
    # Unrated indicators add 0 points under the arithmetic mean.
    assert [i.contribution for _, i in arithmetic.indicator_scores()] == [
        62.5, 0.0, 6.25, 0.0, 0.0, 18.75, 0.0,
    ]  # fmt: skip


def test_only_unknown_indicators_rated_raises() -> None:
    with pytest.raises(NothingRated):
        score_profile(_profile({"zz_unknown": 4, "other_thing": 0}), TINY)


def test_unknown_indicators_are_ignored() -> None:
    with_unknown = score_profile(_profile({**ALL_RATED, "zz_unknown": 0}), TINY)
    without = score_profile(_profile(ALL_RATED), TINY)
    assert with_unknown.score == without.score
    assert with_unknown.coverage == without.coverage
    assert [c.score for c in with_unknown.criteria] == [c.score for c in without.criteria]


def test_full_coverage_is_exactly_one_with_any_weights() -> None:
    cs = _criteria_set(
        [
            criterion("c0", "benefit", 1, [("x0", 1)]),
            criterion("c1", "benefit", 3, [("x1", 1)]),
            criterion("c2", "risk", 0.1, [("x2", 1)]),
        ]
    )
    result = score_profile(_profile({"x0": 2, "x1": 2, "x2": 2}), cs)
    assert [c.coverage for c in result.criteria] == [1.0, 1.0, 1.0]
    assert result.coverage <= 1.0
    assert result.coverage == 1.0


# --------------------------------------------------------------------------------------------
# Properties over the default criteria

DEFAULT = load_criteria()
DEFAULT_IDS = list(DEFAULT.indicators)
DIRECTION = {ident: crit.direction for ident, (crit, _) in DEFAULT.indicators.items()}

levels = st.integers(min_value=0, max_value=4)
confidences = st.sampled_from(["low", "medium", "high"])


def _rating(level: int, confidence: str) -> dict[str, Any]:
    return {"level": level, "confidence": confidence, "evidence": "some evidence"}


def _profile_from_items(items: list[tuple[str, int, str]]) -> Profile:
    ratings = {ident: _rating(level, conf) for ident, level, conf in items}
    return Profile.model_validate({**PROFILE_FIELDS, "ratings": ratings})


@st.composite
def rating_items(draw: st.DrawFn, ids: list[str]) -> list[tuple[str, int, str]]:
    """A non-empty subset of *ids* (sometimes all of them) with random levels and confidences."""
    chosen = draw(
        st.one_of(
            st.permutations(ids),
            st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True),
        )
    )
    return [(ident, draw(levels), draw(confidences)) for ident in chosen]


def _best(ident: str, direction: str) -> int:
    return 4 if direction == "benefit" else 0


def _with_level(
    items: list[tuple[str, int, str]], ident: str, level: int
) -> list[tuple[str, int, str]]:
    return [(i, level if i == ident else lv, c) for i, lv, c in items]


@settings(deadline=None)
@given(rating_items(DEFAULT_IDS))
def test_scores_are_within_bounds(items: list[tuple[str, int, str]]) -> None:
    result = score_profile(_profile_from_items(items), DEFAULT)
    assert 0.0 <= result.score <= 100.0
    for crit in result.criteria:
        assert crit.score is None or 0.0 <= crit.score <= 100.0
        assert crit.utility is None or 0.0 <= crit.utility <= 1.0
        assert 0.0 <= crit.coverage <= 1.0
    enough = result.coverage >= DEFAULT.min_coverage - 1e-9
    capped, _ = capped_band(DEFAULT.band(result.score), result.counted_ratings(), DEFAULT)
    assert result.band == (capped if enough else "insufficient")
    if enough and not result.capped_by:
        assert result.band == DEFAULT.band(result.score)


def _counted_levels(items: list[tuple[str, int, str]], cs: CriteriaSet) -> dict[str, int]:
    """The levels that count: indicators outside the profile's kind dropped, each gated level
    lowered to its gate's level (gates in file order)."""
    kind = PROFILE_FIELDS["kind"]
    levels = {ident: level for ident, level, _ in items if kind in cs.indicators[ident][1].kinds}
    for gate in cs.gates:
        if gate.indicator in levels:
            for ident in gate.gated:
                if ident in levels:
                    levels[ident] = min(levels[ident], levels[gate.indicator])
    return levels


def _raise_moves_the_score(
    items: list[tuple[str, int, str]], cs: CriteriaSet, method: Method
) -> None:
    """Raising any rated level below 4 by one must move the score: up for a benefit indicator,
    down for a risk one (every weight is positive). Under the geometric method a criterion at
    utility 0 holds the score at 0, so there it moves only when no other criterion is at 0."""
    direction = {ident: crit.direction for ident, (crit, _) in cs.indicators.items()}
    criterion_of = {ident: crit.id for ident, (crit, _) in cs.indicators.items()}
    base = score_profile(_profile_from_items(items), cs, method)
    for ident, level, _ in items:
        if level == 4:
            continue
        changed = _with_level(items, ident, level + 1)
        raised = score_profile(_profile_from_items(changed), cs, method)
        if _counted_levels(changed, cs) == _counted_levels(items, cs):
            # Outside the profile's kind, or held down by a gate: nothing counted changed.
            assert raised.score == base.score, ident
            continue
        others_at_zero = any(
            c.utility == 0.0 for c in raised.criteria if c.criterion.id != criterion_of[ident]
        )
        if method == "geometric" and others_at_zero:
            assert raised.score == base.score == 0.0, ident
        elif direction[ident] == "benefit":
            assert raised.score > base.score, ident
        else:
            assert raised.score < base.score, ident


@settings(deadline=None)
@given(rating_items(DEFAULT_IDS), st.sampled_from(METHODS))
def test_raising_a_benefit_raises_raising_a_risk_lowers(
    items: list[tuple[str, int, str]], method: Method
) -> None:
    _raise_moves_the_score(items, DEFAULT, method)


def test_raising_moves_the_score_golden() -> None:
    # TINY, all rated: S = 57.03125 (see test_all_rated_golden). a2 2 -> 3 adds
    # 100 * 5/8 * 3/4 * 1/4 = 11.71875; r1 1 -> 2 takes 100 * 2/8 * 3/4 * 1/4 = 4.6875.
    base = score_profile(_profile(ALL_RATED), TINY).score
    up = score_profile(_profile({**ALL_RATED, "a2": 3}), TINY).score
    down = score_profile(_profile({**ALL_RATED, "r1": 2}), TINY).score
    assert _close(up - base, 11.71875)
    assert _close(base - down, 4.6875)


def test_all_best_is_exactly_100_and_all_worst_exactly_0() -> None:
    best = [(i, _best(i, DIRECTION[i]), "high") for i in DEFAULT_IDS]
    worst = [(i, 4 - _best(i, DIRECTION[i]), "low") for i in DEFAULT_IDS]
    top = score_profile(_profile_from_items(best), DEFAULT)
    bottom = score_profile(_profile_from_items(worst), DEFAULT)
    assert top.score == 100.0
    assert top.band == "robust"
    assert bottom.score == 0.0
    assert bottom.band == "fragile"
    for crit in top.criteria:
        assert crit.score == (0.0 if crit.criterion.direction == "risk" else 100.0)
    for crit in bottom.criteria:
        assert crit.score == (100.0 if crit.criterion.direction == "risk" else 0.0)


@settings(deadline=None)
@given(rating_items(DEFAULT_IDS))
def test_best_and_worst_subsets_are_exact(items: list[tuple[str, int, str]]) -> None:
    best = [(i, _best(i, DIRECTION[i]), c) for i, _, c in items]
    worst = [(i, 4 - _best(i, DIRECTION[i]), c) for i, _, c in items]
    assert score_profile(_profile_from_items(best), DEFAULT).score == 100.0
    assert score_profile(_profile_from_items(worst), DEFAULT).score == 0.0


@settings(deadline=None)
@given(rating_items(DEFAULT_IDS))
def test_contributions_add_up_to_the_score(items: list[tuple[str, int, str]]) -> None:
    result = score_profile(_profile_from_items(items), DEFAULT)
    total = sum(i.contribution for _, i in result.indicator_scores())
    assert math.isclose(total, result.score, rel_tol=1e-9, abs_tol=1e-9)
    by_criterion = sum(c.contribution for c in result.criteria)
    assert math.isclose(by_criterion, result.score, rel_tol=1e-9, abs_tol=1e-9)
    for crit in result.criteria:
        inner = sum(i.contribution for i in crit.indicators)
        assert math.isclose(inner, crit.contribution, rel_tol=1e-9, abs_tol=1e-9)


@settings(deadline=None)
@given(st.data())
def test_order_of_ratings_does_not_matter(data: st.DataObject) -> None:
    items = data.draw(rating_items(DEFAULT_IDS))
    shuffled = data.draw(st.permutations(items))
    first = score_profile(_profile_from_items(items), DEFAULT)
    second = score_profile(_profile_from_items(shuffled), DEFAULT)
    assert list(first.profile.ratings) == [i for i, _, _ in items]
    assert list(second.profile.ratings) == [i for i, _, _ in shuffled]
    assert second.score == first.score
    assert second.coverage == first.coverage
    assert second.band == first.band
    assert second.criteria == first.criteria


def _oracle(items: list[tuple[str, int, str]], cs: CriteriaSet, method: Method) -> float:
    """The README's formula written out again, in exact fractions where it can be: an
    independent implementation to check score_profile against (kinds and gates included)."""
    levels = _counted_levels(items, cs)
    used: list[tuple[Fraction, Fraction]] = []
    for crit in cs.criteria:
        rated = [(Fraction(i.weight), levels[i.id]) for i in crit.indicators if i.id in levels]
        if not rated:
            continue
        benefit = crit.direction == "benefit"
        utilities = [(w, Fraction(lv, 4) if benefit else 1 - Fraction(lv, 4)) for w, lv in rated]
        u = sum(w * value for w, value in utilities) / sum(w for w, _ in rated)
        used.append((Fraction(crit.weight), u))
    total = sum(w for w, _ in used)
    if method == "arithmetic":
        return float(100 * sum(w * u for w, u in used) / total)
    return 100 * math.prod(float(u) ** float(w / total) for w, u in used)


@settings(deadline=None)
@given(rating_items(DEFAULT_IDS), st.sampled_from(METHODS))
def test_score_agrees_with_an_independent_implementation(
    items: list[tuple[str, int, str]], method: Method
) -> None:
    result = score_profile(_profile_from_items(items), DEFAULT, method)
    assert math.isclose(result.score, _oracle(items, DEFAULT, method), rel_tol=1e-9, abs_tol=1e-9)


@settings(deadline=None)
@given(rating_items(DEFAULT_IDS))
def test_coverage_in_unit_range_and_one_only_when_all_rated(
    items: list[tuple[str, int, str]],
) -> None:
    result = score_profile(_profile_from_items(items), DEFAULT)
    assert 0.0 <= result.coverage <= 1.0
    everything = len(items) == len(DEFAULT_IDS)
    assert (result.coverage == 1.0) == everything
    for crit in result.criteria:
        all_in = all(i.indicator.id in result.profile.ratings for i in crit.indicators)
        assert (crit.coverage == 1.0) == all_in


# --------------------------------------------------------------------------------------------
# Properties with random weights

weights = st.floats(min_value=0.01, max_value=100, allow_nan=False)


@st.composite
def weighted_sets(draw: st.DrawFn) -> CriteriaSet:
    n_benefit = draw(st.integers(min_value=1, max_value=3))
    n_risk = draw(st.integers(min_value=0, max_value=2))
    criteria = []
    for k in range(n_benefit + n_risk):
        n_indicators = draw(st.integers(min_value=1, max_value=3))
        criteria.append(
            criterion(
                f"c{k}",
                "benefit" if k < n_benefit else "risk",
                draw(weights),
                [(f"c{k}-i{j}", draw(weights)) for j in range(n_indicators)],
            )
        )
    return _criteria_set(criteria)


@settings(deadline=None)
@given(st.data())
def test_random_weights_bounds_monotonicity_and_extremes(data: st.DataObject) -> None:
    cs = data.draw(weighted_sets())
    ids = list(cs.indicators)
    direction = {ident: crit.direction for ident, (crit, _) in cs.indicators.items()}
    items = data.draw(rating_items(ids))
    result = score_profile(_profile_from_items(items), cs)

    assert result.score >= 0.0
    assert result.score <= 100.0
    for crit in result.criteria:
        assert crit.score is None or 0.0 <= crit.score <= 100.0
        assert crit.utility is None or 0.0 <= crit.utility <= 1.0
    assert math.isclose(
        sum(i.contribution for _, i in result.indicator_scores()),
        result.score,
        rel_tol=1e-9,
        abs_tol=1e-9,
    )

    assert math.isclose(result.score, _oracle(items, cs, "arithmetic"), rel_tol=1e-9, abs_tol=1e-9)
    _raise_moves_the_score(items, cs, "arithmetic")
    _raise_moves_the_score(items, cs, "geometric")

    best = score_profile(
        _profile_from_items([(i, _best(i, direction[i]), c) for i, _, c in items]), cs
    )
    worst = score_profile(
        _profile_from_items([(i, 4 - _best(i, direction[i]), c) for i, _, c in items]), cs
    )
    assert worst.score == 0.0
    assert best.score == 100.0
    # each criterion's own utility stays exact at the extremes, whatever the weights
    for crit in best.criteria:
        assert crit.utility in (None, 1.0)
        assert crit.score in (None, 0.0 if crit.criterion.direction == "risk" else 100.0)
    for crit in worst.criteria:
        assert crit.utility in (None, 0.0)
        assert crit.score in (None, 100.0 if crit.criterion.direction == "risk" else 0.0)


def _all_best_set(criterion_weights: list[float]) -> CriteriaSet:
    return _criteria_set(
        [
            criterion(f"c{k}", "risk" if k % 2 else "benefit", w, [(f"x{k}", 1.0), (f"y{k}", 2.5)])
            for k, w in enumerate(criterion_weights)
        ]
    )


def test_decimal_criterion_weights_all_best_is_exactly_100() -> None:
    cs = _all_best_set([0.1, 0.7])
    # c0 benefit: x0, y0 at 4 -> U = 1; c1 risk: x1, y1 at 0 -> U = 1
    # S = 100 * (0.1*1 + 0.7*1) / (0.1 + 0.7) = 100 exactly (as documented)
    result = score_profile(_profile({"x0": 4, "y0": 4, "x1": 0, "y1": 0}), cs)
    assert [c.utility for c in result.criteria] == [1.0, 1.0]  # holds
    assert result.score <= 100.0
    assert result.score == 100.0


@settings(deadline=None)
@given(st.lists(weights, min_size=1, max_size=5))
@example([0.1, 0.7])
def test_random_weights_all_best_is_exactly_100(criterion_weights: list[float]) -> None:
    cs = _all_best_set(criterion_weights)
    direction = {ident: crit.direction for ident, (crit, _) in cs.indicators.items()}
    best = [(i, _best(i, direction[i]), "high") for i in cs.indicators]
    result = score_profile(_profile_from_items(best), cs)
    assert result.score <= 100.0
    assert result.score == 100.0


# --------------------------------------------------------------------------------------------
# Kinds, gates and caps, on the tiny model


def _tiny_with(**model: Any) -> CriteriaSet:
    data = TINY.model_dump()
    data.update(model)
    return CriteriaSet.model_validate(data)


def _levels(result: ProfileScore) -> dict[str, tuple[int | None, int | None]]:
    """Each indicator's counted level and the level as rated when a gate lowered it."""
    return {
        i.indicator.id: (i.rating.level if i.rating else None, i.gated_from)
        for _, i in result.indicator_scores()
    }


def test_gates_lower_to_the_consent_level_and_skip_an_unrated_consent() -> None:
    # The first gate's consent (b3) is unrated: no limit from it, and the second gate still
    # applies. b1 = 2 lowers a1 from 4 to 2; a2 at 2 is not above consent, so it is not gated.
    gated = _tiny_with(
        gates=[
            {"indicator": "b3", "gated": ["a2"], "reason": "first"},
            {"indicator": "b1", "gated": ["a1", "a2"], "reason": "second"},
        ]
    )
    result = score_profile(_profile({"a1": 4, "a2": 2, "b1": 2, "b2": 4}), gated)
    levels = _levels(result)
    assert (levels["a1"], levels["a2"], levels["b1"]) == ((2, 4), (2, None), (2, None))
    # alpha: (1 * 2/4 + 3 * 2/4) / 4 = 1/2; beta: (2 * 2/4 + 1 * 1) / 3 = 2/3; risk unrated.
    # S = 100 * (5 * 1/2 + 1 * 2/3) / 6 = 1900 / 36.
    assert _close(result.score, 1900 / 36)
    assert result.counted_ratings()["a1"].level == 2
    # Without the second gate, a1 counts at 4: 100 * (5 * 5/8 + 2/3) / 6.
    ungated = score_profile(_profile({"a1": 4, "a2": 2, "b1": 2, "b2": 4}), TINY)
    assert _close(ungated.score, 100 * (5 * 5 / 8 + 2 / 3) / 6)
    assert _levels(ungated)["a1"] == (4, None)


def test_the_lowest_binding_cap_gives_the_band_and_every_lowering_cap_is_named() -> None:
    # All benefits 4, r1 = 3 and r2 = 2: risk utility (3 * 1/4 + 1 * 1/2) / 4 = 5/16,
    # S = 100 * (5 + 1 + 2 * 5/16) / 8 = 82.8125, "high" by score.
    capped = _tiny_with(
        caps=[
            {"indicator": "r1", "at_least": 3, "band": "mid", "reason": "holds, lowers"},
            {"indicator": "r2", "at_least": 2, "band": "low", "reason": "holds, lowers most"},
            {"indicator": "r1", "at_least": 1, "band": "high", "reason": "holds, lowers nothing"},
            {"indicator": "r2", "at_most": 1, "band": "low", "reason": "does not hold"},
            {"indicator": "b3", "at_most": 1, "band": "low", "reason": "unrated"},
        ]
    )
    ratings = {"a1": 4, "a2": 4, "b1": 4, "b2": 4, "r1": 3, "r2": 2}
    result = score_profile(_profile(ratings), capped)
    assert result.score == 82.8125
    assert result.band == "low"
    assert [cap.reason for cap in result.capped_by] == ["holds, lowers", "holds, lowers most"]
    assert result.band_text == "low (capped by r1 >= 3, r2 >= 2)"
    # The same profile without the caps keeps its own band and names no cap.
    plain = score_profile(_profile(ratings), TINY)
    assert (plain.band, plain.capped_by, plain.band_text) == ("high", (), "high")


def test_a_kind_the_indicator_leaves_out_makes_it_n_a_with_a_reason() -> None:
    # b3 applies to multilateral alliances only: for a defence cooperation agreement it is
    # n/a, out of the means and out of the coverage, whatever the profile says of it.
    indicators = TINY.model_dump()["criteria"]
    indicators[1]["indicators"][2]["kinds"] = ["multilateral"]
    kinded = _tiny_with(criteria=indicators)
    profile = Profile.model_validate(
        {
            **PROFILE_FIELDS,
            "kind": "defense_cooperation_agreement",
            "ratings": {
                key: {"level": level, "confidence": "high", "evidence": "e"}
                for key, level in {"a1": 4, "a2": 4, "b1": 2, "b3": 0}.items()
            },
        }
    )
    result = score_profile(profile, kinded)
    b2, b3 = (i for _, i in result.indicator_scores() if i.indicator.id in ("b2", "b3"))
    assert (b2.state, b3.state) == ("pending", "n/a")
    assert b3.not_applicable is not None
    assert b3.not_applicable.evidence == (
        "the criteria model does not apply this indicator to a defense cooperation agreement"
    )
    # b3's 0 is not counted: beta = b1 alone = 1/2; S = 100 * (5 * 1 + 1 * 1/2) / 6.
    assert _close(result.score, 100 * 5.5 / 6)
    # Coverage: rated over applicable weight, 5 * 1 + 1 * 2/4 over 5 * 1 + 1 * 3/4 + 2 * 1.
    assert _close(result.coverage, 5.5 / 7.75)
    assert _close(_crit(result, "beta").coverage, 2 / 3)
    # As a multilateral alliance b3 counts: beta = (2 * 2/4 + 1 * 0) / 3 = 1/3.
    multilateral = score_profile(profile.model_copy(update={"kind": "multilateral"}), kinded)
    assert _close(multilateral.score, 100 * (5 + 1 / 3) / 6)


def test_below_allows_rounding_and_nothing_more() -> None:
    assert not below(0.6, 0.6)
    assert not below(0.6 - COVERAGE_TOLERANCE, 0.6)  # exactly the tolerance: not below
    assert below(0.6 - 2 * COVERAGE_TOLERANCE, 0.6)
    assert not below(1.0, 0.6)
