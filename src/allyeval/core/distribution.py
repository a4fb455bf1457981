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

from allyeval.core.models import MAX_LEVEL, Confidence

if TYPE_CHECKING:  # the bounded grid is imported only when a distribution needs it
    from allyeval.core.grid import Part

SPREADS: dict[Confidence, tuple[tuple[int, int], ...]] = {
    "high": ((0, 1),),
    "medium": ((-1, 1), (0, 2), (1, 1)),
    "low": ((-2, 1), (-1, 2), (0, 3), (1, 2), (2, 1)),
}
"""Per confidence: (offset from the given level, weight); a weight over the sum is a probability."""

DEFAULT_LEVEL = 0.9

FINEST_GRID = 10**6
"""Grid steps per point below which coefficients are rounded (see the module docstring)."""

EXACT_WORK = 30_000_000
"""Estimated cost (``exact_work``) above which a distribution goes on a bounded grid (about
50 ms on the development machine; the default criteria need at most a tenth of it)."""

EXACT_BITS = 512
"""Largest exact total (in bits, ``4^m * 9^n``) convolved exactly: beyond, every addition
works on numbers of dozens of machine words (hundreds of uncertain ratings)."""

CERTAIN = 1e-9
"""How close to a percentile's level a float cumulative probability may come before the
percentile is recomputed exactly (the floats are within about 1e-12 of the exact values)."""

FIXED_POINT = 2**62
"""Float probabilities become integer counts out of about this many."""

SPREAD_BITS: dict[Confidence, float] = {"high": 0.0, "medium": 2.0, "low": math.log2(9)}
"""Bits each rating adds to the exact counts' total (4 for medium, 9 for low)."""


class Bucketed(Protocol):
    """A score distribution, exact or from the vectorised engine: its interval, and how
    likely each range of scores is."""

    def interval(self, level: float = ...) -> tuple[float, float]: ...

    def bucket_probabilities(self, bounds: Sequence[float]) -> list[float]: ...


Term = tuple[Fraction, int, Confidence]
"""(coefficient >= 0, level as given, confidence): the term ``coefficient * level``."""


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


def linear_distribution(terms: Iterable[Term]) -> Distribution:
    """The distribution of ``sum(coefficient * level)`` over independent uncertain levels:
    exact when that costs at most EXACT_WORK, else on a bounded grid (module docstring)."""
    terms = tuple(terms)
    if exact_work(terms) <= EXACT_WORK:
        return exact_distribution(terms)
    return bounded_distribution(_level_parts(terms), terms)


def exact_work(terms: Sequence[Term]) -> float:
    """An estimate of the exact convolution's cost: dictionary updates, scaled by how many
    machine words the counts take."""
    sizes = {c: len(group) for c, group in _by_coefficient(terms).items()}
    if not sizes:
        return 0.0
    bits = sum(SPREAD_BITS[confidence] for _, _, confidence in terms)
    return grid_work(sizes, _grid([*sizes])[1], bits)


def grid_work(sizes: dict[Fraction, int], multiples: dict[Fraction, int], bits: float) -> float:
    """``exact_work`` from the number of terms per coefficient, their multiples of the grid's
    step and the counts' total in bits."""
    return scaled_work(grid_cost(sizes, multiples), bits)


def _grid_order(coefficient: Fraction) -> tuple[int, int]:
    """Coefficients by denominator, then by value (the numerator, for one denominator)."""
    return coefficient.denominator, coefficient.numerator


def grid_cost(sizes: dict[Fraction, int], multiples: dict[Fraction, int]) -> float:
    """``grid_work`` before the counts' size is taken into account (it depends only on the
    coefficients, so a batch of profiles rating the same indicators can keep it)."""
    work, support, cells = 0.0, 1, 1
    for coefficient in sorted(sizes, key=_grid_order):
        n = sizes[coefficient]
        work += 10 * n * n + support * (4 * n + 1)
        cells += 4 * n * multiples[coefficient]
        support = min(support * (4 * n + 1), cells)
    return work


def scaled_work(cost: float, bits: float) -> float:
    """``grid_work`` from ``grid_cost`` and the counts' total in bits."""
    return math.inf if bits > EXACT_BITS else cost * (1 + bits / 64)


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
        distribution = _add(distribution, {scale * s: c for s, c in counts.items()})
        grand_total *= total
    grid = tuple(sorted(distribution))
    return Distribution(step, grid, tuple(map(distribution.__getitem__, grid)), grand_total)


def _level_parts(terms: Sequence[Term]) -> list[Part]:
    """One part per coefficient: the float distribution of the sum of its levels."""
    from allyeval.core.grid import Part, level_sum

    return [
        Part(c, *level_sum([_float_spread(level, confidence) for _, level, confidence in group]))
        for c, group in _by_coefficient(terms).items()
    ]


def _by_coefficient(terms: Iterable[Term]) -> dict[Fraction, list[Term]]:
    """The terms grouped by coefficient, in order of first appearance."""
    terms = tuple(terms)
    return {c: [terms[i] for i in group] for c, group in coefficient_positions(terms).items()}


def coefficient_positions(terms: Sequence[Term]) -> dict[Fraction, list[int]]:
    """The positions of the terms of each coefficient, in order of first appearance. (Hashing a
    Fraction is slow, so terms are first grouped by the coefficient object, then equal objects
    merged.)"""
    by_object: dict[int, tuple[Fraction, list[int]]] = {}
    for position, term in enumerate(terms):
        entry = by_object.get(id(term[0]))
        if entry is None:
            entry = by_object[id(term[0])] = (term[0], [])
        entry[1].append(position)
    # Equal values merged by (numerator, denominator), which hashes far faster than a Fraction
    # (whose hash is a modular inverse of its denominator, worked out at every call).
    merged: dict[tuple[int, int], tuple[Fraction, list[int]]] = {}
    for coefficient, group in by_object.values():
        key = (coefficient.numerator, coefficient.denominator)
        entry = merged.get(key)
        if entry is None:
            merged[key] = (coefficient, group)
        else:
            entry[1].extend(group)
    return dict(merged.values())


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


def bounded_distribution(parts: list[Part], source: tuple[Term, ...]) -> Distribution:
    from allyeval.core.grid import combine

    bounded = combine(parts, _exact_step([p.coefficient for p in parts]))
    pairs = [
        (bounded.start + j, count)
        for j, p in enumerate(bounded.probs)
        if (count := round(p * FIXED_POINT)) > 0
    ]
    return Distribution(
        bounded.step,
        tuple(k for k, _ in pairs),
        tuple(c for _, c in pairs),
        sum(c for _, c in pairs),
        bounded.error,
        source,
    )


def criterion_part(distribution: Distribution, share: Fraction) -> Part:
    """A criterion's utility distribution (in points) as a part of the overall score."""
    from allyeval.core.grid import Part

    low, high = distribution.grid[0], distribution.grid[-1]
    probs = [0.0] * (high - low + 1)
    for k, count in zip(distribution.grid, distribution.counts, strict=True):
        probs[k - low] = count / distribution.total
    return Part(share * distribution.step, low, probs, share * distribution.error)


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


def _grid(coefficients: list[Fraction]) -> tuple[Fraction, dict[Fraction, int]]:
    """The coarsest step on which every coefficient is a whole multiple, and those multiples."""
    denominator = _common_denominator(coefficients)
    if denominator > FINEST_GRID:
        # Weights that are not short decimals: round each coefficient to a millionth of a point.
        denominator = FINEST_GRID
        scaled = {c: round(c * denominator) for c in coefficients}
    else:
        scaled = {c: int(c * denominator) for c in coefficients}
    common = math.gcd(*scaled.values()) or 1
    return Fraction(common, denominator), {c: m // common for c, m in scaled.items()}


def _common_denominator(coefficients: Iterable[Fraction]) -> int:
    """The least common multiple of the denominators, or any number above FINEST_GRID once
    it is past it (thousands of unlike weights would make it thousands of digits long)."""
    denominator = 1
    for coefficient in coefficients:
        denominator = math.lcm(denominator, coefficient.denominator)
        if denominator > FINEST_GRID:
            return denominator
    return denominator


def common_step(distributions: Iterable[Distribution]) -> Fraction:
    """The coarsest step every distribution's step is a whole multiple of."""
    steps = list(distributions)
    return Fraction(
        math.gcd(*(d.step.numerator for d in steps)),
        math.lcm(*(d.step.denominator for d in steps)),
    )
