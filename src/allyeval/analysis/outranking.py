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
from fractions import Fraction
from itertools import accumulate, repeat
from operator import eq, gt, mul

from allyeval.core.ranks import competition_ranks
from allyeval.core.uncertainty import Distribution, common_step


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
    above = sum(map(gt, a, b))
    tie = sum(map(eq, a, b))
    return (2 * above + tie) / (2 * len(a)), tie / len(a)


def rank_counts(columns: Sequence[Sequence[float]]) -> list[list[int]]:
    """Per profile (a column of draws), how many draws put it at rank 1, 2, ..."""
    n = len(columns)
    counts = [[0] * n for _ in range(n)]
    for row in zip(*columns, strict=True):
        for index, rank in enumerate(competition_ranks(row)):
            counts[index][rank - 1] += 1
    return counts


def count_quantile(counts: Sequence[int], q: Fraction) -> int:
    """The smallest rank (1-based position in *counts*) whose cumulative share reaches *q*."""
    needed = -(-q.numerator * sum(counts) // q.denominator)
    return min(bisect_left(list(accumulate(counts)), needed), len(counts) - 1) + 1
