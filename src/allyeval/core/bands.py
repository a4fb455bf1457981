"""How likely each band is, given the uncertainty of the ratings.

The score's distribution comes from :mod:`allyeval.core.uncertainty` (exact for the arithmetic
method, seeded draws for the geometric one). Each possible score is banded as the point score
is: by the criteria's bands, then limited by the caps whose condition holds on the levels as
rated (a cap's condition is read from the rating, not drawn: a cap answers what the analyst
found, and drawing it would turn one rating's confidence into a band limit the analyst did not
state). A provisional profile (coverage below ``min_coverage``) is ``insufficient`` whatever
its score, so its only band is ``insufficient``, with probability 1.
"""

from __future__ import annotations

from fractions import Fraction

from allyeval.core.models import INSUFFICIENT
from allyeval.core.scoring import ProfileScore, capped_band
from allyeval.core.uncertainty import DEFAULT_SAMPLES, sampled_scores, score_distribution


def band_probabilities(
    result: ProfileScore, *, seed: int = 0, samples: int = DEFAULT_SAMPLES
) -> dict[str, float]:
    """The probability of each band (every band of the criteria, in their order, listed even
    at 0), or ``{"insufficient": 1.0}`` for a provisional profile."""
    if result.provisional:
        return {INSUFFICIENT: 1.0}
    criteria_set = result.criteria_set
    ratings = result.counted_ratings()
    weights: dict[str, Fraction] = {band.name: Fraction(0) for band in criteria_set.bands}
    if result.method == "arithmetic":
        distribution = score_distribution(result)
        pairs = zip(distribution.values(), distribution.probabilities(), strict=True)
    else:
        draws = sampled_scores(result, seed=seed, samples=samples)
        pairs = zip(draws, [Fraction(1, len(draws))] * len(draws), strict=True)
    for value, probability in pairs:
        band, _ = capped_band(criteria_set.band(value), ratings, criteria_set)
        weights[band] += probability
    return {name: float(weight) for name, weight in weights.items()}
