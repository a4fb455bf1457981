"""How far a score is from the next band up and down, and what it would take to get there:
the fewest one-level rating changes that reach the band, the biggest moves first."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from operator import mul
from typing import Literal, NamedTuple

from allyeval.core.applicability import excluded_by_kind
from allyeval.core.models import INSUFFICIENT, MAX_LEVEL, Cap, Rating
from allyeval.core.scoring import ProfileScore, capped_band, score_profile

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


Way = tuple[Step, ...] | None
"""The steps to a band, or None when there is no way there."""


def band_of(result: ProfileScore) -> str:
    """The band rating changes can move: the profile's band, caps included, and for a
    provisional score (band ``insufficient``) the band its score and caps would give, since
    rating changes move the score, not the coverage."""
    if result.band != INSUFFICIENT:
        return result.band
    criteria_set = result.criteria_set
    return capped_band(criteria_set.band(result.score), _scored(result), criteria_set)[0]


def _scored(result: ProfileScore) -> dict[str, Rating]:
    """The ratings that count (a level the model does not apply to the kind is scored n/a,
    and moving it would change nothing), by indicator id."""
    excluded = excluded_by_kind(result.profile, result.criteria_set)
    return {key: r for key, r in result.profile.rated.items() if key not in excluded}


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
    rated = _Rated.of(result)
    # The fast arithmetic evaluation where there is one (it scores every change as scoring
    # does: test_reach_evaluation.py checks it against scoring again and bit for bit against
    # the plain formula, gates and caps included), else scoring again at each step.
    evaluators = _fast_evaluator(result, rated) or _rescoring(result, rated)

    def search(sign: int, reached: Callable[[int], bool], forced: dict[str, int]) -> Way:
        return _steps(result, rated, evaluators, sign, reached, forced)

    up = down = None
    if rank > 0:
        target = bands[rank - 1]
        forced = _cap_steps(result, rank - 1)
        up = Reach("up", target.name, target.min, target.min - result.score,
                   search(+1, lambda r: r <= rank - 1, forced))  # fmt: skip
    if rank < len(bands) - 1:
        floor = bands[rank].min
        ways = [search(-1, lambda r: r >= rank + 1, {})]
        for cap in criteria_set.caps:
            if criteria_set.band_rank(cap.band) > rank:
                trigger = _trigger(result, cap)
                if trigger is not None:
                    ways.append(search(-1, lambda r: r >= rank + 1, trigger))
        found = [way for way in ways if way is not None]
        down = Reach("down", bands[rank + 1].name, floor, result.score - floor,
                     min(found, key=len) if found else None)  # fmt: skip
    return up, down


@dataclass(frozen=True, slots=True)
class _Rated:
    """What the search moves: the rated indicators of the criteria, in the profile's order,
    with their levels as rated, where they stand in the criteria (which breaks ties between
    equal moves) and which way raises the score (+1 benefit, -1 risk). The search keeps its
    levels as a list in this order."""

    keys: tuple[str, ...]
    levels: tuple[int, ...]
    order: tuple[int, ...]
    raising: tuple[int, ...]
    index: dict[str, int]
    """Each key's position in *keys*."""

    @staticmethod
    def of(result: ProfileScore) -> _Rated:
        indicators = result.criteria_set.indicators
        order = {key: position for position, key in enumerate(indicators)}
        rated = _scored(result)
        keys = tuple(key for key in rated if key in order)
        return _Rated(
            keys,
            tuple(rated[key].level for key in keys),
            tuple(order[key] for key in keys),
            tuple(1 if indicators[key][0].direction == "benefit" else -1 for key in keys),
            {key: k for k, key in enumerate(keys)},
        )

    def changes(self, levels: list[int], extra: tuple[int, int] | None) -> dict[str, int]:
        """The levels that differ from the ratings, by id, then *extra* (position, level)."""
        moved = {key: v for key, v, o in zip(self.keys, levels, self.levels, strict=True) if v != o}
        return moved if extra is None else moved | {self.keys[extra[0]]: extra[1]}


class _Evaluator(NamedTuple):
    """One search's levels (a list in :class:`_Rated` order, changed only by *move*) and how
    it scores them."""

    levels: list[int]
    score_with: Callable[[int, int], float]
    """The score with the level at a position changed (the levels stay as they are)."""
    move: Callable[[int, int], tuple[float, int]]
    """Change the level at a position: the score and the rank of the band it gives."""


Evaluators = Callable[[], _Evaluator]
"""A new evaluator, at the levels as rated, for each search."""


def _rescored_rank(result: ProfileScore, levels: dict[str, int]) -> tuple[float, int]:
    moved = _rescored(result, levels)
    return moved.score, moved.criteria_set.band_rank(band_of(moved))


def _rescoring(result: ProfileScore, rated: _Rated) -> Evaluators:
    """Evaluators that score each change by scoring the changed profile again."""

    def start() -> _Evaluator:
        levels = list(rated.levels)

        def move(k: int, level: int) -> tuple[float, int]:
            levels[k] = level
            return _rescored_rank(result, rated.changes(levels, None))

        return _Evaluator(
            levels,
            lambda k, level: _rescored_rank(result, rated.changes(levels, (k, level)))[0],
            move,
        )

    return start


def _fast_evaluator(result: ProfileScore, rated: _Rated) -> Evaluators | None:
    """Under the arithmetic mean the score is each counted level's utility times the
    indicator's share of the score (the rated set, hence the shares, never changes): scoring
    a change is a sum, not a new profile. None for the geometric mean.

    A search keeps the terms of that sum for its levels, and a change replaces the terms it
    changes, gates included: the sum adds the same terms in the same order as summing every
    level again would, so the same levels always give the same float, bit for bit."""
    if result.method != "arithmetic":
        return None
    criteria_set = result.criteria_set
    # score = constant + sum of slope * counted level (a risk's utility falls with its level)
    slope: dict[str, float] = {}
    constant = 0.0
    for criterion in result.criteria:
        risk = criterion.criterion.direction == "risk"
        for item in criterion.indicators:
            share = item.share * 100.0
            slope[item.indicator.id] = -share / MAX_LEVEL if risk else share / MAX_LEVEL
            if risk:
                constant += share
    slopes = [slope[key] for key in rated.keys]
    index = rated.index
    # Gates as scoring applies them, in order; one whose gate is not rated changes nothing.
    gates = [
        (index[g.indicator], [index[i] for i in g.gated if i in index])
        for g in criteria_set.gates
        if g.indicator in index
    ]
    is_gate = [False] * len(slopes)
    for gate, _ in gates:
        is_gate[gate] = True
    mins = [band.min for band in criteria_set.bands]
    caps = [(criteria_set.band_rank(cap.band), index[cap.indicator], cap)
            for cap in criteria_set.caps if cap.indicator in index]  # fmt: skip

    def counted(levels: list[int]) -> tuple[list[int], list[int]]:
        """The levels as scored, after the gates, and the lowest gate over each."""
        moved = levels.copy()
        ceilings = [MAX_LEVEL] * len(moved)
        for gate, gated in gates:
            ceiling = moved[gate]
            for k in gated:
                if moved[k] > ceiling:
                    moved[k] = ceiling
                if ceilings[k] > ceiling:
                    ceilings[k] = ceiling
        return moved, ceilings

    def on_edge(value: float) -> bool:
        # On a band's edge rounding decides: the scoring itself is asked.
        for low in mins:  # a loop, not any(): this runs for every move the search weighs
            if -1e-7 < value - low < 1e-7:
                return True
        return False

    def start() -> _Evaluator:
        levels = list(rated.levels)
        after, ceilings = counted(levels)
        terms: list[float] = list(map(mul, slopes, after))

        def score_with(k: int, level: int) -> float:
            if is_gate[k]:  # a gate: its level may change what others count
                changed = levels.copy()
                changed[k] = level
                value: float = constant + sum(map(mul, slopes, counted(changed)[0]))
            else:  # the gates over it stay as they are: one term changes, for this sum only
                kept = terms[k]
                terms[k] = slopes[k] * (level if level < ceilings[k] else ceilings[k])
                value = constant + sum(terms)
                terms[k] = kept
            if on_edge(value):
                return _rescored_rank(result, rated.changes(levels, (k, level)))[0]
            return value

        def move(k: int, level: int) -> tuple[float, int]:
            nonlocal after, ceilings
            levels[k] = level
            after, ceilings = counted(levels)
            terms[:] = map(mul, slopes, after)
            value = constant + sum(terms)
            if on_edge(value):
                return _rescored_rank(result, rated.changes(levels, None))
            band = next((k for k, low in enumerate(mins) if value >= low), len(mins) - 1)
            for cap_rank, j, cap in caps:
                if cap_rank > band and cap.holds(after[j]):
                    band = cap_rank
            return value, band

        return _Evaluator(levels, score_with, move)

    initial: float = constant + sum(map(mul, slopes, counted(list(rated.levels))[0]))
    if on_edge(initial):
        initial = _rescored_rank(result, {})[0]
    if abs(initial - result.score) > 1e-6:
        return None  # a scoring rule this does not know: score again instead
    return start


def _cap_steps(result: ProfileScore, target: int) -> dict[str, int]:
    """The levels the caps force: every cap that holds and allows no band as high as the
    *target* rank, moved to the nearest level where it no longer holds."""
    criteria_set = result.criteria_set
    rated = _scored(result)
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
    rating = _scored(result).get(cap.indicator)
    if rating is None or cap.holds(rating.level):
        return None
    return {cap.indicator: cap.at_least if cap.at_least is not None else (cap.at_most or 0)}


def _steps(
    result: ProfileScore,
    rated: _Rated,
    evaluators: Evaluators,
    sign: int,
    reached: Callable[[int], bool],
    forced: dict[str, int],
) -> Way:
    """Steps that reach: first the *forced* levels, one level at a time, then the biggest
    move each time (lazily: a step's move is checked again only when it comes to the top)."""
    criteria_set = result.criteria_set
    keys, order = rated.keys, rated.order
    moves = [direction * sign for direction in rated.raising]
    levels, score_with, move = evaluators()
    score, rank = result.score, criteria_set.band_rank(band_of(result))
    steps: list[Step] = []

    def take(k: int, level: int) -> None:
        nonlocal score, rank
        before = levels[k]
        new_score, rank = move(k, level)
        steps.append(Step(keys[k], criteria_set.indicators[keys[k]][1].name, before, level,
                          new_score - score))  # fmt: skip
        score = new_score

    for key, goal in forced.items():
        k = rated.index[key]
        while levels[k] != goal:
            take(k, levels[k] + (1 if goal > levels[k] else -1))

    def gain(k: int) -> float | None:
        level = levels[k] + moves[k]
        if not 0 <= level <= MAX_LEVEL:
            return None
        return (score_with(k, level) - score) * sign

    queue = [(-g, order[k], k) for k in range(len(keys)) if (g := gain(k)) is not None]
    heapq.heapify(queue)
    while not reached(rank):
        while queue:
            _, position, k = heapq.heappop(queue)
            current = gain(k)
            if current is None:
                continue
            if queue and current < -queue[0][0] - 1e-9:
                heapq.heappush(queue, (-current, position, k))
                continue
            break
        else:
            return None
        if current <= 1e-9:
            return None
        take(k, levels[k] + moves[k])
        if (after := gain(k)) is not None:
            heapq.heappush(queue, (-after, position, k))
    return tuple(steps)


def _rescored(result: ProfileScore, levels: dict[str, int]) -> ProfileScore:
    from allyeval.core.whatif import with_levels  # rescoring is the rare path

    changed, _ = with_levels(result.profile, levels, result.criteria_set)
    return score_profile(changed, result.criteria_set, result.method)
