"""The search for what it would take scores its moves with arithmetic instead of scoring each
changed profile again: checked here against scoring again, and bit for bit against the plain
formula (every level summed again, one dict per change) that it replaced, so that the steps and
their points stay exactly what they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import allyeval.analysis.reach as reach
from allyeval.analysis.reach import (
    _fast_evaluator,
    _Rated,
    _rescored_rank,
    _rescoring,
    band_of,
    band_reach,
)
from allyeval.core.applicability import excluded_by_kind
from allyeval.core.models import MAX_LEVEL, CriteriaSet, Profile
from allyeval.core.scoring import Method, NothingRated, ProfileScore, score_profile
from allyeval.core.selection import read_profile_and_criteria
from builders import criterion
from test_reach import BANDS, FIELDS

SHIPPED = sorted(
    path
    for path in (Path(__file__).parent.parent / "examples").rglob("*.yaml")
    if "agreement" not in path.parts
)
KINDS = ["bilateral", "multilateral", "defense_cooperation_agreement", "strategic_dialogue"]


def _reference(result: ProfileScore, changes: dict[str, int]) -> tuple[float, int]:
    """Score and band rank of *changes* as the search first computed them: the ratings that
    count merged with the changes in a dict, the gates applied in order, every level's term
    summed again."""
    criteria_set = result.criteria_set
    risk = {
        indicator.id
        for criterion in criteria_set.criteria
        if criterion.direction == "risk"
        for indicator in criterion.indicators
    }
    slope: dict[str, float] = {}
    constant = 0.0
    for _, item in result.indicator_scores():
        key, share = item.indicator.id, item.share * 100.0
        slope[key] = -share / MAX_LEVEL if key in risk else share / MAX_LEVEL
        constant += share if key in risk else 0.0
    excluded = excluded_by_kind(result.profile, criteria_set)  # scored n/a: not counted
    counted = {
        k: r.level for k, r in result.profile.rated.items() if k in slope and k not in excluded
    } | changes
    for gate in criteria_set.gates:
        if gate.indicator in counted:
            ceiling = counted[gate.indicator]
            for ident in gate.gated:
                if ident in counted and counted[ident] > ceiling:
                    counted[ident] = ceiling
    score = constant + sum(slope[key] * level for key, level in counted.items())
    mins = [band.min for band in criteria_set.bands]
    if any(abs(score - low) < 1e-7 for low in mins):
        return _rescored_rank(result, changes)
    rank = next((k for k, low in enumerate(mins) if score >= low), len(mins) - 1)
    for cap in criteria_set.caps:
        cap_rank = criteria_set.band_rank(cap.band)
        if cap_rank > rank and cap.indicator in counted and cap.holds(counted[cap.indicator]):
            rank = cap_rank
    return score, rank


def _walk(result: ProfileScore, data: Any, *, rescore: bool) -> None:
    """Draw moves and moves weighed (the search's two questions) and check each answer against
    the reference, bit for bit, and with *rescore* against scoring again."""
    rated = _Rated.of(result)
    start = _fast_evaluator(result, rated)
    assert start is not None
    levels, score_with, move = start()
    positions = st.integers(0, len(rated.keys) - 1)
    for _ in range(data.draw(st.integers(1, 6))):
        k, level = data.draw(positions), data.draw(st.integers(0, MAX_LEVEL))
        weighed = rated.changes(levels, (k, level))
        expected = _reference(result, weighed)
        assert score_with(k, level).hex() == expected[0].hex()
        if rescore:
            assert abs(score_with(k, level) - _rescored_rank(result, weighed)[0]) < 1e-9
        k, level = data.draw(positions), data.draw(st.integers(0, MAX_LEVEL))
        score, rank = move(k, level)
        assert levels[k] == level
        expected = _reference(result, rated.changes(levels, None))
        assert (score.hex(), rank) == (expected[0].hex(), expected[1])
        if rescore:
            again = _rescored_rank(result, rated.changes(levels, None))
            assert abs(score - again[0]) < 1e-9 and rank == again[1]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_fast_evaluation_scores_every_change_as_scoring_does(data: Any) -> None:
    """The search trusts its arithmetic: on every shipped example (both models, with their
    consent gate, caps and kinds), any sequence of changes gives the score and band that
    scoring the changed profile again gives, and exactly the float the plain formula gives."""
    path = data.draw(st.sampled_from(SHIPPED))
    profile, criteria_set, _ = read_profile_and_criteria(str(path), None)
    _walk(score_profile(profile, criteria_set), data, rescore=True)


def _gated_criteria(kinds: dict[str, list[str]]) -> CriteriaSet:
    """Two benefit criteria and a risk one; gates in a chain (b0 gates b1 and b2, b1 gates b3
    and c0, so what b0 does to b1 carries on), a cap of each kind, *kinds* on indicators."""
    criteria = [
        criterion("good", "benefit", 3, [("b0", 2), ("b1", 1), ("b2", 1), ("b3", 3)]),
        criterion("other", "benefit", 2, [("c0", 1), ("c1", 2)]),
        criterion("risk", "risk", 2, [("r0", 1), ("r1", 1)]),
    ]
    for item in criteria:
        for indicator in item["indicators"]:
            if indicator["id"] in kinds:
                indicator["kinds"] = kinds[indicator["id"]]
    return CriteriaSet.model_validate(
        {
            "name": "gated",
            "version": "1",
            "title": "Gated",
            "bands": BANDS,
            "criteria": criteria,
            "gates": [
                {"indicator": "b0", "gated": ["b1", "b2"], "reason": "r"},
                {"indicator": "b1", "gated": ["b3", "c0"], "reason": "r"},
            ],
            "caps": [
                {"indicator": "r0", "at_least": 3, "band": "mid", "reason": "r"},
                {"indicator": "c1", "at_most": 0, "band": "low", "reason": "r"},
            ],
        }
    )


def _profile(kind: str, levels: dict[str, int | str]) -> Profile:
    ratings = {
        key: {"level": level, "confidence": "medium", "evidence": "e"}
        for key, level in levels.items()
    }
    return Profile.model_validate(FIELDS | {"kind": kind, "ratings": ratings})


def _scored(
    kind: str,
    levels: dict[str, int | str],
    criteria_set: CriteriaSet,
    method: Method = "arithmetic",
) -> ProfileScore:
    try:
        return score_profile(_profile(kind, levels), criteria_set, method)
    except NothingRated:
        assume(False)
        raise


IDS = ["b0", "b1", "b2", "b3", "c0", "c1", "r0", "r1"]


@st.composite
def rated_profiles(draw: Any) -> dict[str, int | str]:
    """Levels for some indicators, in any order, some n/a."""
    keys = draw(st.permutations(IDS))
    chosen = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
    order = [key for key in keys if key in chosen]
    return {key: draw(st.integers(0, MAX_LEVEL) | st.just("n/a")) for key in order}


@settings(max_examples=200, deadline=None)
@given(data=st.data(), levels=rated_profiles(), kind=st.sampled_from(KINDS))
def test_chained_gates_and_caps_score_as_scoring_does(
    data: Any, levels: dict[str, int | str], kind: str
) -> None:
    """Gates in a chain, caps of both kinds, n/a ratings, an indicator left out by kind, and
    ratings in another order than the criteria's."""
    criteria_set = _gated_criteria({"r1": ["bilateral"]})
    _walk(_scored(kind, levels, criteria_set), data, rescore=True)


@settings(max_examples=100, deadline=None)
@given(data=st.data(), levels=rated_profiles(), kind=st.sampled_from(KINDS[1:]))
def test_a_gate_or_cap_left_out_by_kind_counts_for_nothing(
    data: Any, levels: dict[str, int | str], kind: str
) -> None:
    """A gate or a capped indicator the model leaves out for the profile's kind is scored n/a:
    the search neither applies nor moves it, so its sum always agrees with scoring."""
    criteria_set = _gated_criteria({"b1": ["bilateral"], "r0": ["bilateral"]})
    result = _scored(kind, levels, criteria_set)
    rated = _Rated.of(result)
    assert _fast_evaluator(result, rated) is not None
    if kind != "bilateral":
        assert {"b1", "r0"}.isdisjoint(rated.keys)
    _walk(result, data, rescore=True)
    for way in band_reach(result):
        if way is not None and way.steps is not None and kind != "bilateral":
            assert {"b1", "r0"}.isdisjoint(step.indicator_id for step in way.steps)


def test_a_level_the_model_does_not_apply_is_never_a_step() -> None:
    # b1 (a gate over b3 and c0) and r0 (capped at 3 or more) do not apply to a multilateral
    # partnership: scored n/a, they neither gate, cap the band nor offer a step. Found in the
    # default model: a strategic dialogue rating deterrence at 0 was told to raise it, for 0
    # points, before any step that moved the score.
    criteria_set = _gated_criteria({"b1": ["bilateral"], "r0": ["bilateral"]})
    levels: dict[str, int | str] = {
        "b0": 4, "b1": 0, "b2": 2, "b3": 2, "c0": 2, "c1": 2, "r0": 4, "r1": 1
    }  # fmt: skip
    result = score_profile(_profile("multilateral", levels), criteria_set)
    assert not result.capped_by and result.band == "mid"
    current = {k: v for k, v in levels.items() if isinstance(v, int)}
    for way in band_reach(result):
        assert way is not None and way.steps
        moved = dict(current)
        before = result.score
        for step in way.steps:
            assert step.indicator_id not in {"b1", "r0"}
            assert step.points != 0
            moved[step.indicator_id] = step.after
            after = score_profile(_profile("multilateral", dict(moved)), criteria_set).score
            assert step.points == pytest.approx(after - before, abs=1e-9)
            before = after


def test_a_sum_that_disagrees_with_the_score_means_scoring_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A scoring rule the sum does not know: here, as if the model applied b1 (a gate) to a
    # multilateral partnership, which scoring does not. The sum would lower b3 to b1's level
    # 1; it disagrees with the score (b3 counts 4), so every step is scored again.
    criteria_set = _gated_criteria({"b1": ["bilateral"]})
    result = score_profile(_profile("multilateral", {"b1": 1, "b3": 4}), criteria_set)
    assert result.score == 100.0
    monkeypatch.setattr(reach, "excluded_by_kind", lambda profile, criteria: set())
    assert _fast_evaluator(result, _Rated.of(result)) is None
    up, down = band_reach(result)
    assert up is None and down is not None and down.steps is not None
    # b3 4 -> 2: 100 * 2/4 = 50, below 70; scored again at each step, so 2 steps of 25.
    assert [(s.indicator_id, s.after, s.points) for s in down.steps] == [
        ("b3", 3, -25.0),
        ("b3", 2, -25.0),
    ]


def test_a_sum_on_a_bands_edge_is_checked_by_scoring_again() -> None:
    # As above with b1 at 0: the sum is 0, the edge of the lowest band, so scoring is asked
    # (25, as the score): the sum is trusted, as the search always did.
    criteria_set = _gated_criteria({"b1": ["bilateral"]})
    result = score_profile(_profile("multilateral", {"b1": 0, "b3": 1}), criteria_set)
    assert result.score == 25.0
    assert _fast_evaluator(result, _Rated.of(result)) is not None


def test_no_fast_evaluation_under_the_geometric_mean() -> None:
    criteria_set = _gated_criteria({})
    result = score_profile(_profile("bilateral", {"b3": 2, "c1": 2}), criteria_set, "geometric")
    assert _fast_evaluator(result, _Rated.of(result)) is None


@settings(max_examples=40, deadline=None)
@given(levels=rated_profiles(), kind=st.sampled_from(KINDS))
def test_under_the_geometric_mean_the_steps_are_scored_again(
    levels: dict[str, int | str], kind: str
) -> None:
    """Each step's points are what scoring the profile again after it gives, and the steps
    reach the band they say."""
    criteria_set = _gated_criteria({})
    result = _scored(kind, levels, criteria_set, "geometric")
    current = dict(result.profile.rated.items())
    rank = criteria_set.band_rank(band_of(result))
    for reach_ in band_reach(result):
        if reach_ is None or not reach_.steps:
            continue
        moved = {key: r.level for key, r in current.items()}
        score = result.score
        for step in reach_.steps:
            assert moved[step.indicator_id] == step.before
            moved[step.indicator_id] = step.after
            again = score_profile(_profile(kind, dict(levels) | moved), criteria_set, "geometric")
            assert step.points == again.score - score
            score = again.score
        reached = criteria_set.band_rank(band_of(again))
        assert reached < rank if reach_.direction == "up" else reached > rank


def test_the_slow_evaluation_scores_again() -> None:
    criteria_set = _gated_criteria({})

    def scored(levels: dict[str, int | str]) -> float:
        return score_profile(_profile("bilateral", levels), criteria_set).score

    result = score_profile(_profile("bilateral", {"c1": 2, "b0": 1, "b3": 4}), criteria_set)
    rated = _Rated.of(result)
    assert rated.keys == ("c1", "b0", "b3") and rated.order == (5, 0, 3)
    assert rated.raising == (1, 1, 1)
    levels, score_with, move = _rescoring(result, rated)()
    # good: (2 * 1/4 + 3 * 4/4) / 5 = 0.7, weight 3; other: c1 4/4, weight 2: 82.
    assert score_with(0, 4) == scored({"c1": 4, "b0": 1, "b3": 4}) == pytest.approx(82.0)
    assert levels == [2, 1, 4]
    # c1 at 0: 100 * 3 * 0.7 / 5 = 42, low, and capped low (c1 <= 0) anyway.
    assert move(0, 0) == (scored({"c1": 0, "b0": 1, "b3": 4}), 2)
    assert move(0, 0)[0] == pytest.approx(42.0)
    assert levels == [0, 1, 4]


def test_on_a_bands_edge_the_scoring_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sum within 1e-7 of a band's minimum is not trusted: the changed profile is scored
    again (here a stand-in that says what it was asked); elsewhere it never is."""
    criteria_set = _gated_criteria({})

    def scored(levels: dict[str, int | str]) -> float:
        return score_profile(_profile("bilateral", levels), criteria_set).score

    # good only: 100 * (2 * b0 + 3 * b3) / 20; 0 is the lowest band's minimum.
    result = score_profile(_profile("bilateral", {"b0": 1, "b3": 1}), criteria_set)
    assert result.score == 25.0
    start = _fast_evaluator(result, _Rated.of(result))
    assert start is not None
    asked: list[dict[str, int]] = []

    def rescored(_: ProfileScore, changes: dict[str, int]) -> tuple[float, int]:
        asked.append(changes)
        return -1.0, 7

    monkeypatch.setattr(reach, "_rescored_rank", rescored)
    levels, score_with, move = start()
    assert score_with(0, 0) == scored({"b0": 0, "b3": 1}) == 15.0 and asked == []
    score, rank = move(1, 0)  # 10, low (the sum and scoring differ in the last bit)
    assert (score, rank) == (pytest.approx(scored({"b0": 1, "b3": 0}), abs=1e-9), 2)
    assert asked == []
    assert score_with(0, 0) == -1.0 and asked == [{"b3": 0, "b0": 0}]
    assert move(0, 0) == (-1.0, 7) and asked[1:] == [{"b0": 0, "b3": 0}]
    assert levels == [0, 0]
    assert score_with(1, 1) == 15.0 and len(asked) == 2


def test_equal_moves_go_in_the_criteria_order() -> None:
    """Two moves that gain the same: the indicator listed first in the criteria goes first,
    whatever order the profile rates them in."""
    criteria_set = _gated_criteria({})
    # good only, b0 (weight 2) at 4, b1 and b2 (weight 1) at 0: 100 * 2 / 4 = 50, mid. Each
    # level of b1 or b2 adds 100 * 1/4 / 4 = 6.25 (b0 at 4 lowers neither): 70 takes 4 levels,
    # and at each step b1 and b2 gain the same, so b1, first in the criteria, takes them all.
    result = score_profile(_profile("bilateral", {"b2": 0, "b1": 0, "b0": 4}), criteria_set)
    assert result.score == 50.0
    up, _ = band_reach(result)
    assert up is not None and up.steps is not None
    assert [(s.indicator_id, s.after, s.points) for s in up.steps] == [
        ("b1", 1, 6.25),
        ("b1", 2, 6.25),
        ("b1", 3, 6.25),
        ("b1", 4, 6.25),
    ]


def test_only_a_gates_move_sums_every_level_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Weighing the move of an indicator that no gate reads replaces its one term (with the
    gates over it as they stand); a gate's move counts every level again, since it may change
    what the indicators it gates count. Both give the plain formula's float (checked above);
    this checks that the shortcut is the one taken."""
    criteria_set = _gated_criteria({})
    levels = {"b0": 2, "b1": 3, "b3": 4, "c1": 1}
    result = score_profile(_profile("bilateral", levels), criteria_set)
    start = _fast_evaluator(result, _Rated.of(result))
    assert start is not None
    _, score_with, _ = start()
    products: list[tuple[float, int]] = []

    def counting(slope: float, level: int) -> float:
        products.append((slope, level))
        return slope * level

    monkeypatch.setattr(reach, "mul", counting)
    # b3 under b1's gate (b1 3 lowered to 2 by b0): b3 at 3 counts 2.
    assert (
        score_with(2, 3)
        == score_profile(_profile("bilateral", levels | {"b3": 3}), criteria_set).score
    )
    assert score_with(3, 2) == _reference(result, {"c1": 2})[0]
    assert products == []
    assert score_with(1, 1) == _reference(result, {"b1": 1})[0]
    assert [level for _, level in products] == [2, 1, 1, 1]
    score_with(0, 4)
    assert [level for _, level in products[4:]] == [4, 3, 3, 1]


def test_under_the_arithmetic_mean_the_search_never_scores_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Away from the bands' edges the search only adds terms: scoring a changed profile again
    (about 0.1 ms each) is what it would take to be slow."""

    def refused(_: ProfileScore, __: dict[str, int]) -> tuple[float, int]:
        raise AssertionError("scored again")

    criteria_set = _gated_criteria({})
    levels = {"b0": 3, "b1": 3, "b3": 2, "c1": 2, "r0": 3}
    result = score_profile(_profile("bilateral", levels), criteria_set)
    assert result.band == "mid"  # and r0 at 3 would cap it at mid: up lowers r0 first
    monkeypatch.setattr(reach, "_rescored_rank", refused)
    up, down = band_reach(result)
    assert up is not None and up.steps is not None
    assert [(s.indicator_id, s.after) for s in up.steps] == [
        ("r0", 2),
        ("r0", 1),
        ("c1", 3),
        ("c1", 4),
    ]
    assert down is not None and down.steps is not None
    assert [(s.indicator_id, s.after) for s in down.steps] == [("c1", 1)]
