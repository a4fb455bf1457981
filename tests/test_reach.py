"""What it would take to reach the next band, checked against a brute-force search."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from allyeval.analysis.reach import band_of, band_reach
from allyeval.core.models import CriteriaSet, Profile
from allyeval.core.scoring import score_profile
from builders import criterion

FIELDS: dict[str, Any] = {
    "id": "test-profile",
    "name": "Test partnership",
    "kind": "bilateral",
    "members": ["A", "B"],
    "established": 1990,
    "formal_basis": "treaty",
    "region": "Nowhere",
    "as_of": "2024-01-01",
    "summary": "A partnership made up for tests.",
}


BANDS = [{"name": "high", "min": 70}, {"name": "mid", "min": 45}, {"name": "low", "min": 0}]


def _criteria(weights: list[int], risk_weight: int, cap: int | None = None) -> CriteriaSet:
    caps = [] if cap is None else [
        {"indicator": "r0", "at_least": cap, "band": "mid", "reason": "Too exposed to be high."}
    ]  # fmt: skip
    return CriteriaSet.model_validate(
        {
            "caps": caps,
            "name": "tiny",
            "version": "1",
            "title": "Tiny",
            "bands": BANDS,
            "criteria": [
                criterion("good", "benefit", 3, [(f"g{k}", w) for k, w in enumerate(weights)]),
                criterion("risk", "risk", risk_weight, [("r0", 1)]),
            ],
        }
    )


def _profile(levels: dict[str, int]) -> Profile:
    ratings = {k: {"level": v, "confidence": "medium", "evidence": "e"} for k, v in levels.items()}
    return Profile.model_validate(FIELDS | {"ratings": ratings})


def _fewest(criteria: CriteriaSet, levels: dict[str, int], reached: Any) -> int | None:
    """Brute force: the least total of level changes over every rating vector that reaches
    (*reached* takes the rescored profile)."""
    keys = list(levels)
    best = None
    for vector in itertools.product(range(5), repeat=len(keys)):
        cost = sum(abs(v - levels[k]) for k, v in zip(keys, vector, strict=True))
        if best is not None and cost >= best:
            continue
        moved = score_profile(_profile(dict(zip(keys, vector, strict=True))), criteria)
        if reached(moved):
            best = cost
    return best


@settings(max_examples=40, deadline=None)
@given(
    weights=st.lists(st.integers(1, 4), min_size=1, max_size=3),
    risk_weight=st.integers(1, 3),
    data=st.data(),
)
def test_fewest_changes_match_brute_force(weights: list[int], risk_weight: int, data: Any) -> None:
    criteria = _criteria(weights, risk_weight)
    keys = [f"g{k}" for k in range(len(weights))] + ["r0"]
    levels = {k: data.draw(st.integers(0, 4)) for k in keys}
    result = score_profile(_profile(levels), criteria)
    up, down = band_reach(result)
    bands = {b.name: b.min for b in criteria.bands}
    current = criteria.band(result.score)
    if current == "high":
        assert up is None
    else:
        assert up is not None and up.threshold > result.score
        assert up.distance == up.threshold - result.score
        expected = _fewest(criteria, levels, lambda m: m.score >= up.threshold)
        assert (None if up.steps is None else len(up.steps)) == expected
        if up.steps:
            gains = [round(s.points, 9) for s in up.steps]
            assert gains == sorted(gains, reverse=True)  # biggest move first
            moved = dict(levels) | {s.indicator_id: s.after for s in up.steps}
            assert score_profile(_profile(moved), criteria).score >= up.threshold
    if current == "low":
        assert down is None
    else:
        assert down is not None and down.threshold == bands[current]
        expected = _fewest(criteria, levels, lambda m: m.score < down.threshold)
        assert (None if down.steps is None else len(down.steps)) == expected


@settings(max_examples=40, deadline=None)
@given(
    weights=st.lists(st.integers(1, 4), min_size=1, max_size=2),
    cap=st.integers(1, 4),
    data=st.data(),
)
def test_fewest_changes_with_a_cap_match_brute_force(
    weights: list[int], cap: int, data: Any
) -> None:
    """A cap (r0 at or above *cap*: at most "mid") counts: lifting it can be what it takes."""
    criteria = _criteria(weights, 2, cap)
    keys = [f"g{k}" for k in range(len(weights))] + ["r0"]
    levels = {k: data.draw(st.integers(0, 4)) for k in keys}
    result = score_profile(_profile(levels), criteria)
    rank = criteria.band_rank(band_of(result))
    up, down = band_reach(result)
    if up is not None:
        expected = _fewest(criteria, levels, lambda m: criteria.band_rank(band_of(m)) < rank)
        assert (None if up.steps is None else len(up.steps)) == expected
    if down is not None:
        expected = _fewest(criteria, levels, lambda m: criteria.band_rank(band_of(m)) > rank)
        assert (None if down.steps is None else len(down.steps)) == expected


def test_hand_computed_case() -> None:
    # good: g0 alone, weight 3; risk r0 weight 1. Score = 100 * (3 * g0/4 + (1 - r0/4)) / 4.
    criteria = _criteria([1], 1)
    result = score_profile(_profile({"g0": 2, "r0": 2}), criteria)
    assert result.score == 50.0  # (3 * 0.5 + 0.5) / 4
    up, down = band_reach(result)
    assert up is not None and up.band == "high" and up.distance == 20.0
    # A step of g0 adds 18.75, of r0 6.25: 68.75 after one step, so two; g0 twice is the
    # biggest move.
    assert up.steps is not None
    assert [(s.indicator_id, s.before, s.after, s.points) for s in up.steps] == [
        ("g0", 2, 3, 18.75),
        ("g0", 3, 4, 18.75),
    ]
    assert down is not None and down.band == "low" and down.threshold == 45
    assert down.steps is not None and [(s.indicator_id, s.after) for s in down.steps] == [("g0", 1)]
