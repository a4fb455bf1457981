"""Pairwise outranking probabilities for many profiles: floats with a proven error bound,
and the exact fraction only where the bound could change what is shown.

``compare`` shows, for every pair, P(i outranks j) to four decimals (JSON) and as a whole
percentage said the likelier way round, and P(i = j) to four decimals. Exactly, each pair
costs a pass over both distributions in big-integer arithmetic: 20,000 pairs of 200
profiles took a minute. Here each distribution is turned into floats once (every float is
its exact fraction rounded once), each pair is a float dot product over the common bulk of
the two distributions, with a bound on its error that covers the rounding and the tails
left out, and the pair is worked out exactly only when the two ends of that bound would be
shown differently (a value sitting on a rounding boundary, a profile against an identical
one at exactly 1/2). Each part of what is shown is monotone in the probability within one
way round, so equal ends mean the exact value is shown the same. The float, not the
fraction, is then the pair's probability: equal to the exact one to far more digits than
any renderer shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from allyeval.analysis.outranking import (
    Dense,
    Sparse,
    dense,
    estimated_outranking,
    estimated_sparse_outranking,
    pairwise_outranking,
    sparse,
)
from allyeval.core.scoring import ProfileScore
from allyeval.core.uncertainty import Distribution, common_step, score_distribution

MAX_DENSE = 1 << 17
"""Most grid positions of one profile's floats on its own grid (else: on its values)."""


@dataclass(frozen=True, slots=True)
class Floats:
    """A profile's distribution in floats for the pairwise probabilities: on its own grid
    (for profiles sharing it) and, when the profiles' grids differ, on its values."""

    step: Fraction
    dense: Dense | None
    sparse: Sparse | None
    least: int
    most: int
    """Its least and greatest value, on the grid shared by all the profiles."""
    smallest: float


def float_distributions(distributions: list[Distribution]) -> list[Floats]:
    if not distributions:
        return []
    common = common_step(distributions)
    mixed = len({d.step for d in distributions}) > 1
    floats = []
    for d in distributions:
        scale = int(d.step / common)
        small = d.grid[-1] - d.grid[0] < MAX_DENSE
        floats.append(
            Floats(
                d.step,
                dense(d, d.step) if small else None,
                sparse(d, common) if mixed or not small else None,
                d.grid[0] * scale,
                d.grid[-1] * scale,
                1 / d.total,
            )
        )
    return floats


def _estimate(a: Floats, b: Floats) -> tuple[float, float, float, float]:
    if a.step == b.step and a.dense is not None and b.dense is not None:
        return estimated_outranking(a.dense, b.dense)
    assert a.sparse is not None and b.sparse is not None
    return estimated_sparse_outranking(a.sparse, b.sparse)


def probabilities(
    results: Sequence[ProfileScore], floats: list[Floats], i: int, j: int
) -> tuple[float, float]:
    """P(i outranks j) and P(i = j): the floats when they are certain to show as the exact
    values would, else the exact values."""
    a, b = floats[i], floats[j]
    # Whether a probability is 0 or 1 is known exactly from the least and greatest values;
    # a non-zero one is at least 1 / (2 * total_a * total_b): a quarter of that, in floats,
    # is a safe floor (0 when it underflows: then the exact value decides).
    least = a.smallest * b.smallest * 0.25
    floor = least if a.most >= b.least else 0.0
    probability, error, tie, tie_error = _estimate(a, b)
    low, high = max(probability - error, floor), min(probability + error, 1.0)
    if probability > 0.5 and shown(low) != shown(high):
        # Near 1 the complement is known to a relative precision: work from it.
        complement, error, _, _ = _estimate(b, a)
        probability = 1.0 - complement
        low, high = 1.0 - (complement + error), 1.0 - max(complement - error, 0.0)
    tie_floor = least if tie > 0 else 0.0
    tie_low, tie_high = max(tie - tie_error, tie_floor), tie + tie_error
    if shown(low) == shown(high) and round(tie_low, 4) == round(tie_high, 4):
        return probability, tie
    exact = pairwise_outranking([score_distribution(results[i]), score_distribution(results[j])])
    return float(exact[0, 1][0]), float(exact[0, 1][1])


def shown(probability: float) -> tuple[object, ...]:
    """Everything a renderer shows of a probability: four decimals (JSON), which way round it
    is said, and the whole percentage said (with "<1%" and ">99%" for a share that is not 0
    or 1), as ``render.common.percent`` does."""
    said = 1 - probability if probability < 0.5 else probability
    return (round(probability, 4), probability < 0.5, f"{said:.0%}", said > 0, said < 1)
