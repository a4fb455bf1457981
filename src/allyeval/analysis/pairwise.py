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

from allyeval.analysis.outranking import (
    Dense,
    dense,
    estimated_outranking,
    pairwise_outranking,
)
from allyeval.core.scoring import ProfileScore
from allyeval.core.uncertainty import Distribution, score_distribution


def float_distributions(distributions: list[Distribution]) -> list[Dense]:
    """Each distribution as floats on its own grid, for ``probabilities``."""
    return [dense(d) for d in distributions]


def probabilities(
    results: Sequence[ProfileScore], floats: list[Dense], i: int, j: int
) -> tuple[float, float]:
    """P(i outranks j) and P(i = j): the floats when they are certain to show as the exact
    values would, else the exact values."""
    a, b = floats[i], floats[j]
    # Whether the chance is 0 or 1 is known exactly from the least and greatest values.
    possible = a.high * a.step >= b.low * b.step
    certain = a.low * a.step > b.high * b.step
    probability, error, tie, tie_error = estimated_outranking(a, b)
    if a.same(b):  # the same distribution (a profile against a copy): exactly one half
        probability, error = 0.5, 0.0
    low, high = probability - error, probability + error
    if probability > 0.5 and shown(low) != shown(high):
        # Near 1 the complement is known to a relative precision: work from it.
        complement, error, _, _ = estimated_outranking(b, a)
        probability = 1.0 - complement
        low, high = 1.0 - (complement + error), 1.0 - (complement - error)
    if shown(low) != shown(high) or round(max(tie - tie_error, 0.0), 4) != round(
        tie + tie_error, 4
    ):
        exact = pairwise_outranking(
            [score_distribution(results[i]), score_distribution(results[j])]
        )
        probability, tie = float(exact[0, 1][0]), float(exact[0, 1][1])
    return within(probability, possible, certain), tie


def within(probability: float, possible: bool, certain: bool) -> float:
    """*probability* as the renderers must see it: 0 only when it is impossible, 1 only when
    certain, and otherwise strictly between (a chance of 1 - 1e-30 is 1.0 as a float; kept
    just under 1 it is shown as ">99%", never as a certainty)."""
    if not possible:
        return 0.0
    if certain:
        return 1.0
    return min(max(probability, 5e-324), 1.0 - 2.0**-53)


def shown(probability: float) -> tuple[object, ...]:
    """What a renderer shows of a probability, besides whether it is 0 or 1 (known exactly,
    see ``within``): four decimals (JSON), which way round it is said, and the whole
    percentage said."""
    said = 1 - probability if probability < 0.5 else probability
    return (round(probability, 4), probability < 0.5, f"{said:.0%}")
