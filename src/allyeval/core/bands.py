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

from allyeval.core.distribution import Bucketed as Bucketed
from allyeval.core.models import INSUFFICIENT
from allyeval.core.scoring import ProfileScore
from allyeval.core.uncertainty import DEFAULT_SAMPLES, sampled_scores, score_distribution


def band_probabilities(
    result: ProfileScore,
    *,
    seed: int = 0,
    samples: int = DEFAULT_SAMPLES,
    distribution: Bucketed | None = None,
) -> dict[str, float]:
    """The probability of each band (every band of the criteria, in their order, listed even
    at 0), or ``{"insufficient": 1.0}`` for a provisional profile. Pass the score's
    *distribution* (arithmetic method) when it is already known, to save computing it again."""
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
    probabilities = [0.0] * len(names)
    if result.method == "arithmetic":
        # Bucket j holds the scores from mins[j]: band last - j, or the cap's band for every
        # bucket from the cap's band up, which is one bucket from there.
        bounds = mins[: last - floor + 1]
        chances = (distribution or score_distribution(result)).bucket_probabilities(bounds)
        for j, chance in enumerate(chances):
            probabilities[last - j] = chance
    else:
        draws = sampled_scores(result, seed=seed, samples=samples)
        counts = [0] * len(names)
        for value in draws:
            counts[max(last - (bisect_right(mins, value) - 1), floor)] += 1
        probabilities = [count / len(draws) for count in counts]
    return dict(zip(names, probabilities, strict=True))
