"""How far a score is from the next band up and down, and what it would take to get there:
the fewest one-level rating changes that reach the band, the biggest moves first."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from allyeval.core.models import MAX_LEVEL
from allyeval.core.scoring import ProfileScore, score_profile
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


def band_reach(result: ProfileScore) -> tuple[Reach | None, Reach | None]:
    """(up, down): the next band above and below the score's band (None at either end).

    The band is the score's band, also for a provisional score (band ``insufficient``): rating
    changes move the score, not the coverage. Under the arithmetic mean each step moves the
    score by a fixed amount, so taking the biggest move each time gives the fewest steps; under
    the geometric mean it is the same greedy search, which is then an estimate."""
    bands = result.criteria_set.bands
    names = [band.name for band in bands]
    index = names.index(result.criteria_set.band(result.score))
    up = down = None
    if index > 0:
        target = bands[index - 1]
        up = Reach("up", target.name, target.min, target.min - result.score,
                   _steps(result, +1, lambda s: s >= target.min))  # fmt: skip
    if index < len(bands) - 1:
        floor = bands[index].min
        down = Reach("down", bands[index + 1].name, floor, result.score - floor,
                     _steps(result, -1, lambda s: s < floor))  # fmt: skip
    return up, down


def _steps(
    result: ProfileScore, sign: int, reached: Callable[[float], bool]
) -> tuple[Step, ...] | None:
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
    steps: list[Step] = []
    while not reached(score):
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
        score += current * sign
        if (after := gain(key)) is not None:
            heapq.heappush(queue, (-after, position, key))
    return tuple(steps)


def _rescored(result: ProfileScore, levels: dict[str, int]) -> ProfileScore:
    changed, _ = with_levels(result.profile, levels, result.criteria_set)
    return score_profile(changed, result.criteria_set, result.method)
