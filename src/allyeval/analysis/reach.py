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
    up = down = None
    if rank > 0:
        target = bands[rank - 1]

        def above(moved: ProfileScore) -> bool:
            return criteria_set.band_rank(band_of(moved)) <= rank - 1

        forced = _cap_steps(result, rank - 1, lift=True)
        up = Reach("up", target.name, target.min, target.min - result.score,
                   _steps(result, +1, above, forced))  # fmt: skip
    if rank < len(bands) - 1:
        floor = bands[rank].min

        def below(moved: ProfileScore) -> bool:
            return criteria_set.band_rank(band_of(moved)) >= rank + 1

        ways = [_steps(result, -1, below, {})]
        for cap in criteria_set.caps:
            if criteria_set.band_rank(cap.band) > rank:
                trigger = _trigger(result, cap)
                if trigger is not None:
                    ways.append(_steps(result, -1, below, trigger))
        found = [way for way in ways if way is not None]
        down = Reach("down", bands[rank + 1].name, floor, result.score - floor,
                     min(found, key=len) if found else None)  # fmt: skip
    return up, down


def _cap_steps(result: ProfileScore, target: int, *, lift: bool) -> dict[str, int]:
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
    reached: Callable[[ProfileScore], bool],
    forced: dict[str, int],
) -> tuple[Step, ...] | None:
    """Steps that reach: first the *forced* levels, one level at a time, then the biggest
    move each time."""
    criteria_set = result.criteria_set
    directions = {
        indicator.id: (1 if criterion.direction == "benefit" else -1) * sign
        for criterion in criteria_set.criteria
        for indicator in criterion.indicators
    }
    order = {key: position for position, key in enumerate(directions)}
    original = {key: r.level for key, r in result.profile.rated.items() if key in directions}
    levels = dict(original)
    score = result.score
    current_result = result
    steps: list[Step] = []
    for key, goal in forced.items():
        while levels[key] != goal:
            before = levels[key]
            levels[key] = before + (1 if goal > before else -1)
            changes = {k: v for k, v in levels.items() if v != original[k]}
            current_result = _rescored(result, changes)
            steps.append(Step(key, criteria_set.indicators[key][1].name, before, levels[key],
                              current_result.score - score))  # fmt: skip
            score = current_result.score

    def gain(key: str) -> float | None:
        """What the next step of *key* moves the score by, in the wanted direction."""
        level = levels[key] + directions[key]
        if not 0 <= level <= MAX_LEVEL:
            return None
        changes = {k: v for k, v in levels.items() if v != original[k]} | {key: level}
        return (_rescored(result, changes).score - score) * sign

    # Lazy greedy: a step's gain is re-checked only when it comes to the top. Under the
    # arithmetic mean gains never change, so this is the plain biggest-move-first search
    # with one rescoring per step instead of one per indicator and step.
    queue = [(-g, order[key], key) for key in original if (g := gain(key)) is not None]
    heapq.heapify(queue)
    while not reached(current_result):
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
        before = levels[key]
        levels[key] = before + directions[key]
        steps.append(Step(key, criteria_set.indicators[key][1].name, before, levels[key],
                          current * sign))  # fmt: skip
        current_result = _rescored(result, {k: v for k, v in levels.items() if v != original[k]})
        score = current_result.score
        if (after := gain(key)) is not None:
            heapq.heappush(queue, (-after, position, key))
    return tuple(steps)


def _rescored(result: ProfileScore, levels: dict[str, int]) -> ProfileScore:
    changed, _ = with_levels(result.profile, levels, result.criteria_set)
    return score_profile(changed, result.criteria_set, result.method)
