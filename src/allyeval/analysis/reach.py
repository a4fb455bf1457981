"""How far a score is from the next band up and down, and what it would take to get there:
the fewest one-level rating changes that reach the band, the biggest moves first."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from allyeval.core.models import INSUFFICIENT, MAX_LEVEL, Cap
from allyeval.core.scoring import ProfileScore, capped_band, score_profile
from allyeval.core.whatif import with_levels

Direction = Literal["up", "down"]


@dataclass(frozen=True, slots=True)
class Step:
    """One rating moved one level; *points* is what the overall score gains (up) or loses
    (down, negative) by it, after the steps before it."""

    indicator_id: str
    indicator_name: str
    before: int
    after: int
    points: float


@dataclass(frozen=True, slots=True)
class Reach:
    """The next band in one direction and the way there."""

    direction: Direction
    band: str
    """The band that would be reached."""
    threshold: float
    """The score that enters it: its ``min`` (up), or just under the current band's (down)."""
    distance: float
    """Points between the score and *threshold* (always positive)."""
    steps: tuple[Step, ...] | None
    """The fewest one-level changes that get there, biggest move first; None when even every
    rating at its extreme does not."""


def band_of(result: ProfileScore) -> str:
    """The band rating changes can move: the profile's band, caps included, and for a
    provisional score (band ``insufficient``) the band its score and caps would give, since
    rating changes move the score, not the coverage."""
    if result.band != INSUFFICIENT:
        return result.band
    criteria_set = result.criteria_set
    return capped_band(criteria_set.band(result.score), result.profile.rated, criteria_set)[0]


def band_reach(result: ProfileScore) -> tuple[Reach | None, Reach | None]:
    """(up, down): the next band above and below the profile's band (None at either end).

    The fewest changes: under the arithmetic mean each step moves the score by a fixed
    amount, so after the steps a cap makes unavoidable (going up: lowering every level that
    caps the band below the target), taking the biggest move each time gives the fewest steps;
    going down, the cheaper of that and of triggering a cap. Under the geometric mean and with
    consent gates the same search is an estimate."""
    criteria_set = result.criteria_set
    bands = criteria_set.bands
    rank = criteria_set.band_rank(band_of(result))
    fast = _fast_evaluator(result)
    up = down = None
    if rank > 0:
        target = bands[rank - 1]
        forced = _cap_steps(result, rank - 1)
        up = Reach("up", target.name, target.min, target.min - result.score,
                   _search(result, +1, lambda r: r <= rank - 1, forced, fast))  # fmt: skip
    if rank < len(bands) - 1:
        floor = bands[rank].min
        ways = [_search(result, -1, lambda r: r >= rank + 1, {}, fast)]
        for cap in criteria_set.caps:
            if criteria_set.band_rank(cap.band) > rank:
                trigger = _trigger(result, cap)
                if trigger is not None:
                    ways.append(_search(result, -1, lambda r: r >= rank + 1, trigger, fast))
        found = [way for way in ways if way is not None]
        down = Reach("down", bands[rank + 1].name, floor, result.score - floor,
                     min(found, key=len) if found else None)  # fmt: skip
    return up, down


Evaluate = Callable[[dict[str, int]], tuple[float, int]]
"""Levels (changed ones only) -> the score and the rank of the band they give."""


def _search(
    result: ProfileScore,
    sign: int,
    reached: Callable[[int], bool],
    forced: dict[str, int],
    fast: Evaluate | None,
) -> tuple[Step, ...] | None:
    """The steps, found with the *fast* arithmetic evaluation where there is one (it scores
    every change as scoring does: ``test_reach.py`` checks it against scoring again on the
    shipped models, gates and caps included), else by scoring again at each step."""
    if fast is not None:
        return _steps(result, sign, reached, forced, fast)
    return _steps(result, sign, reached, forced, lambda levels: _rescored_rank(result, levels))


def _rescored_rank(result: ProfileScore, levels: dict[str, int]) -> tuple[float, int]:
    moved = _rescored(result, levels)
    return moved.score, moved.criteria_set.band_rank(band_of(moved))


def _fast_evaluator(result: ProfileScore) -> Evaluate | None:
    """Under the arithmetic mean the score is each counted level's utility times the
    indicator's share of the score (the rated set, hence the shares, never changes): scoring
    a change is a sum, not a new profile. None for the geometric mean."""
    if result.method != "arithmetic":
        return None
    criteria_set = result.criteria_set
    risk = {
        indicator.id
        for criterion in criteria_set.criteria
        if criterion.direction == "risk"
        for indicator in criterion.indicators
    }
    # score = constant + sum of slope * counted level (a risk's utility falls with its level)
    slope: dict[str, float] = {}
    constant = 0.0
    for _, item in result.indicator_scores():
        key, share = item.indicator.id, item.share * 100.0
        slope[key] = -share / MAX_LEVEL if key in risk else share / MAX_LEVEL
        constant += share if key in risk else 0.0
    rated = {key: r.level for key, r in result.profile.rated.items() if key in slope}
    gates = [(g.indicator, tuple(g.gated)) for g in criteria_set.gates]
    mins = [band.min for band in criteria_set.bands]
    caps = [(cap, criteria_set.band_rank(cap.band)) for cap in criteria_set.caps]

    def evaluate(changes: dict[str, int]) -> tuple[float, int]:
        counted = rated | changes
        for gate, gated in gates:  # as scoring applies them, in order
            if gate in counted:
                ceiling = counted[gate]
                for ident in gated:
                    if ident in counted and counted[ident] > ceiling:
                        counted[ident] = ceiling
        score = constant + sum(slope[key] * level for key, level in counted.items())
        if any(abs(score - low) < 1e-7 for low in mins):
            # On a band's edge rounding decides: ask the scoring itself.
            return _rescored_rank(result, changes)
        rank = next((k for k, low in enumerate(mins) if score >= low), len(mins) - 1)
        for cap, cap_rank in caps:
            if cap_rank > rank and cap.indicator in counted and cap.holds(counted[cap.indicator]):
                rank = cap_rank
        return score, rank

    if abs(evaluate({})[0] - result.score) > 1e-6:
        return None  # a scoring rule this does not know: score again instead
    return evaluate


def _cap_steps(result: ProfileScore, target: int) -> dict[str, int]:
    """The levels the caps force: every cap that holds and allows no band as high as the
    *target* rank, moved to the nearest level where it no longer holds."""
    criteria_set = result.criteria_set
    rated = result.profile.rated
    forced: dict[str, int] = {}
    for cap in criteria_set.caps:
        if cap.indicator not in rated or criteria_set.band_rank(cap.band) <= target:
            continue
        level = forced.get(cap.indicator, rated[cap.indicator].level)
        if not cap.holds(level):
            continue
        forced[cap.indicator] = (
            cap.at_least - 1 if cap.at_least is not None else ((cap.at_most or 0) + 1)
        )
    return {k: v for k, v in forced.items() if 0 <= v <= MAX_LEVEL}


def _trigger(result: ProfileScore, cap: Cap) -> dict[str, int] | None:
    """The level that makes *cap* hold, nearest to the rating (None if not rated)."""
    rating = result.profile.rated.get(cap.indicator)
    if rating is None or cap.holds(rating.level):
        return None
    return {cap.indicator: cap.at_least if cap.at_least is not None else (cap.at_most or 0)}


def _steps(
    result: ProfileScore,
    sign: int,
    reached: Callable[[int], bool],
    forced: dict[str, int],
    evaluate: Evaluate,
) -> tuple[Step, ...] | None:
    """Steps that reach: first the *forced* levels, one level at a time, then the biggest
    move each time (lazily: a step's move is checked again only when it comes to the top)."""
    criteria_set = result.criteria_set
    directions = {
        indicator.id: (1 if criterion.direction == "benefit" else -1) * sign
        for criterion in criteria_set.criteria
        for indicator in criterion.indicators
    }
    order = {key: position for position, key in enumerate(directions)}
    original = {key: r.level for key, r in result.profile.rated.items() if key in directions}
    levels = dict(original)

    def changed(extra: dict[str, int] | None = None) -> dict[str, int]:
        return {k: v for k, v in levels.items() if v != original[k]} | (extra or {})

    score, rank = result.score, criteria_set.band_rank(band_of(result))
    steps: list[Step] = []

    def take(key: str, level: int) -> None:
        nonlocal score, rank
        before = levels[key]
        levels[key] = level
        new_score, rank = evaluate(changed())
        steps.append(Step(key, criteria_set.indicators[key][1].name, before, level,
                          new_score - score))  # fmt: skip
        score = new_score

    for key, goal in forced.items():
        while levels[key] != goal:
            take(key, levels[key] + (1 if goal > levels[key] else -1))

    def gain(key: str) -> float | None:
        level = levels[key] + directions[key]
        if not 0 <= level <= MAX_LEVEL:
            return None
        return (evaluate(changed({key: level}))[0] - score) * sign

    queue = [(-g, order[key], key) for key in original if (g := gain(key)) is not None]
    heapq.heapify(queue)
    while not reached(rank):
        while queue:
            _, position, key = heapq.heappop(queue)
            current = gain(key)
            if current is None:
                continue
            if queue and current < -queue[0][0] - 1e-9:
                heapq.heappush(queue, (-current, position, key))
                continue
            break
        else:
            return None
        if current <= 1e-9:
            return None
        take(key, levels[key] + directions[key])
        if (after := gain(key)) is not None:
            heapq.heappush(queue, (-after, position, key))
    return tuple(steps)


def _rescored(result: ProfileScore, levels: dict[str, int]) -> ProfileScore:
    changed, _ = with_levels(result.profile, levels, result.criteria_set)
    return score_profile(changed, result.criteria_set, result.method)
