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

from bisect import bisect_right

from allyeval.core.models import INSUFFICIENT
from allyeval.core.scoring import ProfileScore
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
    names = [band.name for band in criteria_set.bands]
    # The caps that hold do not depend on the score: the lowest of their bands bounds them all.
    capped = [
        criteria_set.band_rank(cap.band)
        for cap in criteria_set.caps
        if cap.indicator in ratings and cap.holds(ratings[cap.indicator].level)
    ]
    floor = max(capped, default=0)
    # Band k (0: the highest) holds the scores from its min up to the next band's min.
    mins = [band.min for band in reversed(criteria_set.bands)]  # ascending, from 0
    last = len(names) - 1

    def rank(value: float) -> int:
        return max(last - (bisect_right(mins, value) - 1), floor)

    counts = [0] * len(names)
    if result.method == "arithmetic":
        distribution = score_distribution(result)
        for value, count in zip(distribution.values(), distribution.counts, strict=True):
            counts[rank(value)] += count
        total = distribution.total
    else:
        draws = sampled_scores(result, seed=seed, samples=samples)
        for value in draws:
            counts[rank(value)] += 1
        total = len(draws)
    return {name: count / total for name, count in zip(names, counts, strict=True)}
