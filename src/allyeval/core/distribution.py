"""The distribution of a linear score, exactly on its grid or on a bounded one.

What the distributions mean, and when each engine is used, is described in
``allyeval.core.uncertainty``; this module holds the arithmetic.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache, lru_cache
from itertools import accumulate, pairwise, repeat
from operator import mul, truediv
from typing import TYPE_CHECKING, Protocol

from allyeval.core.layout import (
    FINEST_GRID,
    Term,
    _common_denominator,
    _grid,
    _grid_order,
    coefficient_positions,
    exact_work,
    layout_of,
)
from allyeval.core.models import MAX_LEVEL, Confidence

if TYPE_CHECKING:  # the bounded grid and numpy are imported only when a distribution needs them
    from allyeval.core.grid import Part
    from allyeval.core.vectorised import FloatDistribution

SPREADS: dict[Confidence, tuple[tuple[int, int], ...]] = {
    "high": ((0, 1),),
    "medium": ((-1, 1), (0, 2), (1, 1)),
    "low": ((-2, 1), (-1, 2), (0, 3), (1, 2), (2, 1)),
}
"""Per confidence: (offset from the given level, weight); a weight over the sum is a probability."""

DEFAULT_LEVEL = 0.9

EXACT_WORK = 6_000_000
"""Estimated cost (``exact_work``) above which a distribution leaves the exact engine: 10 to
30 ms on the development machine, depending on how large the counts grow. A profile under the
default criteria needs at most about 4.5 million for its overall score and a few hundred for a
criterion. A criterion gets its share of it (``uncertainty.criterion_share``), so that a
profile's intervals stay bounded however many criteria the model has."""

CERTAIN = 1e-9
"""How close to a percentile's level a float cumulative probability may come before the
percentile is recomputed exactly (the floats are within about 1e-12 of the exact values)."""

FIXED_POINT = 2**62
"""Float probabilities become integer counts out of about this many."""


class Bucketed(Protocol):
    """A score distribution, exact or from the vectorised engine: its interval, and how
    likely each range of scores is."""

    def interval(self, level: float = ...) -> tuple[float, float]: ...

    def bucket_probabilities(self, bounds: Sequence[float]) -> list[float]: ...


def level_spread(level: int, confidence: Confidence) -> dict[int, Fraction]:
    """The plausible levels of a rating and their exact probabilities, clipped to 0-4."""
    counts, total = _spread_counts(level, confidence)
    return {value: Fraction(count, total) for value, count in sorted(counts.items())}


def _spread_counts(level: int, confidence: Confidence) -> tuple[dict[int, int], int]:
    counts: dict[int, int] = {}
    for offset, weight in SPREADS[confidence]:
        clipped = min(max(level + offset, 0), MAX_LEVEL)  # mass beyond an end moves to the end
        counts[clipped] = counts.get(clipped, 0) + weight
    return counts, sum(counts.values())


@lru_cache(maxsize=4096)
def exact(weight: float) -> Fraction:
    """A weight as the decimal the analyst wrote (0.1 is 1/10, not the nearest binary float)."""
    return Fraction(repr(weight))


@dataclass(frozen=True, slots=True)
class Distribution:
    """A quantity taking the value ``k * step`` with probability ``count / total``."""

    step: Fraction
    grid: tuple[int, ...]
    """Grid positions k, ascending."""
    counts: tuple[int, ...]
    total: int
    error: Fraction = Fraction(0)
    """Largest possible distance of a value from the exact one (0 on an exact grid)."""
    source: tuple[Term, ...] | None = None
    """The terms, when the counts are rounded floats (bounded grid): to recompute exactly."""

    def values(self) -> list[float]:
        """Each grid value as the nearest float (``k * step`` exactly, then rounded once)."""
        top, bottom = self.step.numerator, self.step.denominator
        return list(map(truediv, map(mul, self.grid, repeat(top)), repeat(bottom)))

    def probabilities(self) -> list[Fraction]:
        return [Fraction(count, self.total) for count in self.counts]

    def quantile(self, q: Fraction) -> float:
        """The smallest value whose cumulative probability is at least *q* (0 < q <= 1)."""
        # cumulative / total >= q  <=>  cumulative >= ceil(q * total), all in integers
        needed = -(-q.numerator * self.total // q.denominator)
        cumulative = list(accumulate(self.counts))
        index = min(bisect_left(cumulative, needed), len(self.grid) - 1)
        if self.source is not None and not self.error:
            # Float counts on the exact grid: certain unless the cumulative probability at
            # the chosen value, or just below it, is within CERTAIN of q.
            margin = self.total * CERTAIN
            before = cumulative[index - 1] if index else 0
            if cumulative[index] - needed <= margin or needed - before <= margin:
                return exact_distribution(self.source).quantile(q)
        return self.grid[index] * self.step.numerator / self.step.denominator

    def interval(self, level: float = DEFAULT_LEVEL) -> tuple[float, float]:
        """The central *level* interval: from the (1-level)/2 to the (1+level)/2 percentile."""
        low, high = interval_quantiles(level)
        return self.quantile(low), self.quantile(high)

    def bucket_probabilities(self, bounds: Sequence[float]) -> list[float]:
        """The probability of each bucket ``bounds[j] <= value < bounds[j + 1]`` (ascending
        *bounds*; the first bucket also takes any value below ``bounds[0]``, the last every
        value from ``bounds[-1]``), each value compared as the float ``values()`` gives."""
        top, bottom = self.step.numerator, self.step.denominator
        cuts = [0]
        for bound in bounds[1:]:
            cuts.append(bisect_left(self.grid, bound, key=lambda k: k * top / bottom))
        cuts.append(len(self.grid))
        return [sum(self.counts[a:b]) / self.total for a, b in pairwise(cuts)]

    def on_step(self, step: Fraction) -> Distribution:
        """The same distribution on a finer *step* (self.step must be a multiple of it)."""
        scale = self.step / step
        if scale.denominator != 1:
            raise ValueError(f"{self.step} is not a multiple of {step}")
        grid = tuple(map(mul, self.grid, repeat(int(scale))))
        return Distribution(step, grid, self.counts, self.total)


@lru_cache(maxsize=16)
def interval_quantiles(level: float) -> tuple[Fraction, Fraction]:
    """The two percentiles bounding a central *level* interval, exactly (0.9 -> 1/20, 19/20)."""
    if not 0 < level < 1:
        raise ValueError(f"an interval level must be between 0 and 1, got {level}")
    tail = (1 - exact(level)) / 2
    return tail, 1 - tail


def linear_distribution(terms: Iterable[Term], share: float = 1.0) -> Distribution:
    """The distribution of ``sum(coefficient * level)`` over independent uncertain levels:
    exact when that costs at most *share* of EXACT_WORK, else on a bounded grid (module
    docstring) as fine as *share* of its budget allows."""
    terms = tuple(terms)
    if exact_work(terms) <= EXACT_WORK * share:
        return exact_distribution(terms)
    return level_distribution(terms, share)


def level_distribution(terms: tuple[Term, ...], share: float = 1.0) -> Distribution:
    """``sum(coefficient * level)`` on a bounded grid, from each coefficient's sum of levels."""
    from allyeval.core.grid import Part, cells_for, level_sum

    layout = layout_of(terms)
    if layout is None:
        return exact_distribution(terms)
    parts = []
    for coefficient, group in zip(layout.values, layout.groups, strict=True):
        if len(group) == 1:  # one rating: its spread as it is
            low, spread = _float_spread(terms[group[0]][1], terms[group[0]][2])
            parts.append(Part(coefficient, low, list(spread)))
        else:
            spreads = [_float_spread(terms[i][1], terms[i][2]) for i in group]
            parts.append(Part(coefficient, *level_sum(spreads)))
    grid = None if layout.rounded else (layout.step, layout.multiples)
    return bounded_distribution(parts, terms, cells_for(parts, share), grid)


def exact_distribution(terms: Iterable[Term]) -> Distribution:
    """The exact distribution of ``sum(coefficient * level)``, whatever it costs.

    Terms with the same coefficient are summed first (a small convolution of levels); then the
    groups are convolved on the grid, those with the same denominator together (they share a
    coarse sub-grid, so the running distribution stays small: 3x faster on the examples).
    """
    groups: dict[Fraction, tuple[dict[int, int], int]] = {}
    for coefficient, group in _by_coefficient(terms).items():
        counts, total = {0: 1}, 1
        for _, level, confidence in group:
            spread, size = _spread_counts(level, confidence)
            counts, total = _add(counts, spread), total * size
        groups[coefficient] = counts, total
    if not groups:
        return Distribution(Fraction(1), (0,), (1,), 1)
    step, multiples = _grid([*groups])
    distribution: dict[int, int] = {0: 1}
    grand_total = 1
    for coefficient in sorted(groups, key=_grid_order):
        counts, total = groups[coefficient]
        scale = multiples[coefficient]
        if scale:
            distribution = _add(distribution, {scale * s: c for s, c in counts.items()})
        else:  # a coefficient below half a step of the finest grid: all its values are 0
            distribution = {k: c * total for k, c in distribution.items()}
        grand_total *= total
    grid = tuple(sorted(distribution))
    return Distribution(step, grid, tuple(map(distribution.__getitem__, grid)), grand_total)


def _by_coefficient(terms: Iterable[Term]) -> dict[Fraction, list[Term]]:
    """The terms grouped by coefficient, in order of first appearance."""
    terms = tuple(terms)
    return {c: [terms[i] for i in group] for c, group in coefficient_positions(terms).items()}


@cache
def _float_spread(level: int, confidence: Confidence) -> tuple[int, tuple[float, ...]]:
    """The spread of a rating as (lowest level, probabilities of consecutive levels)."""
    counts, total = _spread_counts(level, confidence)
    low = min(counts)
    return low, tuple(counts.get(v, 0) / total for v in range(low, max(counts) + 1))


def _exact_step(coefficients: list[Fraction]) -> Fraction | None:
    """The coarsest step all *coefficients* are whole multiples of, if it is not absurdly fine."""
    if _common_denominator(coefficients) > FINEST_GRID:
        return None
    return _grid(coefficients)[0]


def bounded_distribution(
    parts: list[Part],
    source: tuple[Term, ...],
    cells: int | None = None,
    grid: tuple[Fraction, Sequence[int]] | None = None,
) -> Distribution:
    """The sum of *parts* on a bounded grid of at most *cells* (default ``grid.MAX_CELLS``);
    *grid*: the step every part's coefficient is a whole multiple of, and those multiples, if
    known (else worked out here, if there is a step worth using)."""
    import numpy as np

    from allyeval.core.grid import MAX_CELLS, combine

    if grid is None:
        exact_step = _exact_step([p.coefficient for p in parts])
        bounded = combine(parts, exact_step, cells or MAX_CELLS)
    else:
        bounded = combine(parts, grid[0], cells or MAX_CELLS, grid[1])
    # Each probability as a count out of about FIXED_POINT, rounded half to even as round()
    # rounds a float (the product is exact: FIXED_POINT is a power of two).
    counts = np.rint(bounded.probs * FIXED_POINT).astype(np.int64)
    kept = np.flatnonzero(counts > 0)
    kept_counts = tuple(counts[kept].tolist())
    return Distribution(
        bounded.step,
        tuple((kept + bounded.start).tolist()),
        kept_counts,
        sum(kept_counts),
        bounded.error,
        source,
    )


def criterion_part(distribution: Distribution | FloatDistribution, share: Fraction) -> Part:
    """A criterion's utility distribution (in points) as a part of the overall score: from the
    exact engine, the bounded grid or numpy's floats on the exact grid (``vectorised``)."""
    import numpy as np

    from allyeval.core.grid import Part

    if isinstance(distribution, Distribution):
        grid = np.asarray(distribution.grid, dtype=np.int64)
        total = distribution.total
        if total < 2**53:  # every count and the total exact as floats: one correct rounding
            chances = np.asarray(distribution.counts, dtype=np.float64) / total
        elif total < 2**63:  # the bounded grid's counts (out of about 2**62): within an ulp
            chances = np.asarray(distribution.counts, dtype=np.int64) / total
        else:
            chances = np.asarray([count / total for count in distribution.counts])
        step, error = distribution.step, distribution.error
    else:  # floats on the exact grid: P(value <= k) for its k, so each value's is a difference
        grid = distribution.keys.astype(np.int64)
        chances = np.diff(distribution.cumulative, prepend=0.0)
        step, error = distribution.step, Fraction(0)
    low = int(grid[0])
    probs = np.zeros(int(grid[-1]) - low + 1)
    probs[grid - low] = chances
    return Part(share * step, low, probs, share * error)


def _add(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    """The counts of the sum of two independent grid quantities."""
    if len(a) < len(b):
        a, b = b, a
    out: dict[int, int] = {}
    get = out.get
    for kb, cb in b.items():
        for ka, ca in a.items():
            key = ka + kb
            out[key] = get(key, 0) + ca * cb
    return out


def common_step(distributions: Iterable[Distribution]) -> Fraction:
    """The coarsest step every distribution's step is a whole multiple of."""
    steps = list(distributions)
    return Fraction(
        math.gcd(*(d.step.numerator for d in steps)),
        math.lcm(*(d.step.denominator for d in steps)),
    )
