"""How likely one profile outranks another, and where each ranks among several.

**Outranking.** "A outranks B" has probability ``P(A > B) + P(A = B) / 2``: a tie counts half
for each, so that ``P(A outranks B) + P(B outranks A) = 1`` and a profile against itself gives
exactly 1/2. Profiles are independent of each other. For the arithmetic method it is computed
exactly from the two exact score distributions (``allyeval.core.uncertainty``), in integer counts;
for the geometric method it is the share of paired draws.

**Ranks** are competition ranks (1, 2, 2, 4: equal scores share the best rank), counted over
the draws; a rank interval is the pair of percentiles of that count (the smallest rank whose
cumulative share reaches q).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate, repeat
from operator import mul
from typing import TYPE_CHECKING, Any

from allyeval.core.uncertainty import Distribution, common_step

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]

# numpy is imported where it is used, not here: scoring one profile reaches this module (a
# ranking's ties) and never needs numpy, which takes longer to import than the scoring.


def outranking(a: Distribution, b: Distribution) -> tuple[Fraction, Fraction]:
    """For independent A and B: P(A outranks B) = P(A > B) + P(A = B) / 2, and P(A = B)."""
    return pairwise_outranking([a, b])[0, 1]


def pairwise_outranking(
    distributions: Sequence[Distribution],
) -> dict[tuple[int, int], tuple[Fraction, Fraction]]:
    """For every pair i < j of independent scores: P(i outranks j) and P(i = j), exactly."""
    step = common_step(distributions)
    on_step = [d.on_step(step) for d in distributions]
    # Per distribution, once: below[m] = count of its m least values; its count at each value.
    below = [[0, *accumulate(d.counts)] for d in on_step]
    at = [dict(zip(d.grid, d.counts, strict=True)) for d in on_step]
    result = {}
    for i, a in enumerate(on_step):
        for j in range(i + 1, len(on_step)):
            b = on_step[j]
            denominator = a.total * b.total
            # Walk the smaller distribution through the larger one: P(A > B) = 1 - P(B > A)
            # - P(A = B), exactly, in counts.
            if len(a.grid) <= len(b.grid):
                above, tie = _above_and_tie(a, b, below[j], at[j])
            else:
                below_a, tie = _above_and_tie(b, a, below[i], at[i])
                above = denominator - below_a - tie
            result[i, j] = Fraction(2 * above + tie, 2 * denominator), Fraction(tie, denominator)
    return result


def _above_and_tie(
    a: Distribution, b: Distribution, below_b: list[int], at_b: dict[int, int]
) -> tuple[int, int]:
    """Counts (over a.total * b.total) of A above B and of A equal to B."""
    # A below B's least value is never above it; A above B's greatest value always is.
    start = bisect_left(a.grid, b.grid[0])
    stop = bisect_right(a.grid, b.grid[-1])
    above = sum(a.counts[stop:]) * b.total
    if start == stop:
        return above, 0
    overlap, counts = a.grid[start:stop], a.counts[start:stop]
    positions = map(bisect_left, repeat(b.grid), overlap)
    above += sum(map(mul, counts, map(below_b.__getitem__, positions)))
    tie = sum(map(mul, counts, map(at_b.get, overlap, repeat(0))))
    return above, tie


def sampled_outranking(a: Sequence[float], b: Sequence[float]) -> tuple[float, float]:
    """From paired draws: the share with A above B plus half the ties, and the share of ties."""
    import numpy as np

    first, second = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    above = int(np.count_nonzero(first > second))
    tie = int(np.count_nonzero(first == second))
    return (2 * above + tie) / (2 * len(a)), tie / len(a)


def rank_counts(columns: Sequence[Sequence[float]]) -> list[list[int]]:
    """Per profile (a column of draws), how many draws put it at rank 1, 2, ...

    Competition ranks of every draw at once: each row sorted (highest first), a value's rank
    is one more than the position of the first value equal to it."""
    import numpy as np

    n = len(columns)
    if not n or not len(columns[0]):
        return [[0] * n for _ in range(n)]
    rows = -np.asarray(columns, dtype=np.float64).T  # draws x profiles, lowest first
    order = np.argsort(rows, axis=1, kind="stable")
    ordered = np.take_along_axis(rows, order, axis=1)
    positions = np.arange(n)
    # The position of the first of each run of equal values, carried along the run.
    starts = np.where(ordered[:, 1:] != ordered[:, :-1], positions[1:], 0)
    first = np.maximum.accumulate(np.concatenate([np.zeros((len(rows), 1), int), starts], 1), 1)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, first, axis=1)
    counts = np.bincount((positions * n + ranks).ravel(), minlength=n * n)
    rows_out: list[list[int]] = counts.reshape(n, n).tolist()
    return rows_out


def count_quantile(counts: Sequence[int], q: Fraction) -> int:
    """The smallest rank (1-based position in *counts*) whose cumulative share reaches *q*."""
    needed = -(-q.numerator * sum(counts) // q.denominator)
    return min(bisect_left(list(accumulate(counts)), needed), len(counts) - 1) + 1


# --------------------------------------------------------------------------------------------
# Many profiles: float arithmetic with a proven error bound, exact where a bound is too wide

ULP = 2.0**-52
"""Twice the unit roundoff of a float: a bound on one rounding's relative error, with room."""

STRIDED = 64
"""Grid ratios (denominator) up to which a sum over two grids is one strided dot product per
residue rather than a gather of every position."""

BULK = 2.0**-60
"""Mass left out at either end of a distribution's bulk (see ``estimated_outranking``)."""


@dataclass(frozen=True, slots=True, eq=False)
class Dense:
    """A distribution as floats on every position ``k * step`` from *low* to *high*: the
    probability of each value, of the values below it, and of it and the values above it.
    Each float is the exact fraction of integer counts, rounded once. The bulk, *first* to
    *last*, leaves out at most BULK of the mass at each end."""

    step: Fraction
    low: int
    high: int
    mass: Floats
    below: Floats
    top: Floats
    first: int
    last: int

    def same(self, other: Dense) -> bool:
        """Whether both are the same distribution (a profile and a copy of it)."""
        import numpy as np

        return self is other or (
            (self.step, self.low, self.high) == (other.step, other.low, other.high)
            and np.array_equal(self.mass, other.mass)
        )

    def below_at(self, k: int) -> float:
        """P(X < k * step)."""
        return 0.0 if k <= self.low else 1.0 if k > self.high else self.below[k - self.low]

    def top_at(self, k: int) -> float:
        """P(X >= k * step)."""
        return 1.0 if k <= self.low else 0.0 if k > self.high else self.top[k - self.low]


def dense(distribution: Distribution) -> Dense:
    """*distribution* as floats on its own grid (see Dense)."""
    import numpy as np

    low, high, total = distribution.grid[0], distribution.grid[-1], distribution.total
    counts = [0] * (high - low + 1)
    for k, count in zip(distribution.grid, distribution.counts, strict=True):
        counts[k - low] = count
    cumulative = [0, *accumulate(counts)]
    below = np.array([c / total for c in cumulative[:-1]])
    top = np.array([(total - c) / total for c in cumulative[:-1]])
    first = max(int(np.searchsorted(below, BULK, "right")) - 1, 0)  # P(X < first) <= BULK
    # P(X > last) = top[last + 1] <= BULK: the last position whose top is above BULK
    last = max(first, len(top) - 1 - int(np.searchsorted(top[::-1], BULK, "right")))
    mass = np.array([c / total for c in counts])
    return Dense(distribution.step, low, high, mass, below, top, low + first, low + last)


def _dot(x: Floats, y: Floats) -> Any:
    """The sum of products of two float arrays, in this thread: numpy's ``dot`` hands long
    vectors to a multi-threaded BLAS, whose threads cost more to wake (hundreds of
    microseconds on a busy machine) than the sum itself. The error bound of
    ``estimated_outranking`` holds for any order of summation."""
    return (x * y).sum()


def estimated_outranking(a: Dense, b: Dense) -> tuple[float, float, float, float]:
    """P(A outranks B) and P(A = B) in floats, each with a proven bound on its error.

    The sums run over A's positions k whose value lies in both bulks: A above B is
    sum P(A = k) * P(B < k), with P(B < k) read on B's grid at the first position not below
    k; A equal to B needs a value on both grids, every ``rb``-th position of A (the steps
    are in the ratio ``ra / rb``). Below the common bulk, A above or equal to B needs both
    below its start: at most P(A < start) * P(B < start), one of which is at most BULK;
    above it, A is above B except with probability at most P(A > end) * P(B > end). Every
    float going in is within a relative ULP/2 of its exact value; a product adds one
    rounding and a sum of n non-negative terms at most n more, so each sum is within
    (n + 4) * ULP relatively. Without a common value the answer is exact: 0 or 1.
    """
    import numpy as np

    ratio = a.step / b.step  # a position k of A is the value k * ratio on B's grid
    ra, rb = ratio.numerator, ratio.denominator
    if a.high * ra < b.low * rb or b.high * rb < a.low * ra:
        return (1.0 if a.low * ra > b.high * rb else 0.0), 0.0, 0.0, 0.0
    start = max(a.first, -(-b.first * rb // ra))
    stop = min(a.last, b.last * rb // ra)
    above = tie = 0.0
    terms = 0
    if start <= stop:
        masses = a.mass[start - a.low : stop - a.low + 1]
        if ra == rb == 1:
            above = float(_dot(masses, b.below[start - b.low : stop - b.low + 1]))
            tie = float(_dot(masses, b.mass[start - b.low : stop - b.low + 1]))
        elif rb <= STRIDED:
            # B's index of the first position not below k is ceil(k * ra / rb) - low, which
            # grows by ra every rb positions: one strided dot product per residue.
            for r in range(min(rb, stop - start + 1)):
                index = -(-(start + r) * ra // rb) - b.low
                ours = masses[r::rb]
                above += float(_dot(ours, b.below[index : index + ra * len(ours) : ra]))
        else:
            offset = rb - 1 - b.low * rb
            numerators = np.arange(start * ra + offset, stop * ra + offset + 1, ra)
            above = float(_dot(masses, b.below[numerators // rb]))
        if ra != 1 or rb != 1:
            first_common = -(-start // rb) * rb
            if first_common <= stop:
                ours = a.mass[first_common - a.low : stop - a.low + 1 : rb]
                theirs = b.mass[first_common // rb * ra - b.low :: ra]
                common = min(len(ours), len(theirs))
                tie = float(_dot(ours[:common], theirs[:common]))
        terms = stop - start + 1
    # Past the common bulk (from A's position *end*) A is above B unless B is at least as high
    # as A's value at *end*; before it (below *start*), A is at least as high as B only if B
    # is at most A's value at start - 1. One of each product is a tail of at most BULK.
    end = stop + 1 if start <= stop else start
    above += a.top_at(end)
    low_b, high_b = (start - 1) * ra // rb + 1, -(-end * ra // rb)
    outside = a.below_at(start) * b.below_at(low_b) + a.top_at(end) * b.top_at(high_b)
    relative = (terms + 4) * ULP
    # *outside* is rounded too (a product of floats, a sum): it may be a little below the mass
    # it bounds, so it carries the same relative margin.
    tie_error = tie * relative + outside * (1 + relative) + 1e-300
    above_error = above * relative + outside * (1 + relative) + 1e-300
    probability = above + tie / 2
    return probability, above_error + tie_error / 2 + probability * ULP, tie, tie_error
