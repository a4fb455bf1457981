"""How far a score could move if the analyst's less confident ratings are off.

**Confidence as a spread of plausible levels.** Each rating's confidence becomes a small
triangular distribution around the level the analyst gave:

=========  =========================================  ============================
confidence plausible levels                           probabilities
=========  =========================================  ============================
high       the level as given                         1
medium     level - 1, level, level + 1                1/4, 1/2, 1/4
low        level - 2, level - 1, ..., level + 2       1/9, 2/9, 3/9, 2/9, 1/9
=========  =========================================  ============================

Medium confidence reads "could be a level off", low "could be two levels off"; the spreads are
triangular because the level the analyst chose stays the most likely one, and symmetric because
a rating is as likely to be too high as too low. Levels are clipped to 0-4: the probability of a
level beyond an end moves to that end level (a low-confidence 0 is 0 with probability 6/9).
Ratings are independent of each other, and so are profiles.

**Exact where the score is linear.** With the arithmetic method the overall score is a sum of
independent terms, ``S = sum_i 25 * s_i * v_i``, where ``s_i`` is the indicator's share of the
score and ``v_i`` its level (benefit) or ``4 - level`` (risk); a criterion's own-scale score is
``sum_i 25 * w_i / sum(w) * level_i``. The weights are read back as the decimals written in the
criteria file (``Fraction(repr(weight))``), so every coefficient is a rational number and the
score lives on an integer grid: its distribution is computed exactly by convolution, with
probabilities as integer counts over ``4^m * 9^n``. Only when the weights need a grid finer than
a millionth of a point is each coefficient (points per level) rounded to a millionth: an error
of at most 2e-6 points per rated indicator, far below the 0.01 printed. A criterion's score is
a weighted mean within the criterion, so criterion intervals are exact under either method.

**Bounded whatever the weights.** Before convolving, the work is estimated from the grid and
the size of the counts. When it is over ``EXACT_WORK``, what reports show
(:func:`shown_distribution`) comes from the same exact grid in float probabilities
(``allyeval.core.vectorised``, numpy) while that grid fits; :func:`score_distribution`, and
reports where the grid does not fit either (weights such as 1.5/2.5/3.5, whose common grid has
millions of cells, or thousands of indicators), compute the distribution on a bounded grid
with float probabilities instead (``allyeval.core.grid``): the overall score from its
criteria's distributions, each criterion from its indicators. When the values still fit on
their exact grid they stay exact, and a percentile whose cumulative probability comes within
``CERTAIN`` of the percentile's level is recomputed exactly, so the interval is the exact
one; otherwise every value is within the distribution's ``error`` (a proven bound, at most a
few hundredths of a point per criterion) of the exact one.

**Sampled where it is not, and for ranks.** The geometric mean of criteria is not linear: its
overall score is sampled, drawing each criterion's utility from that criterion's exact
distribution and combining them exactly as ``scoring.aggregate`` does. Ranks among several
profiles are sampled under either method, each profile's score drawn from its exact
distribution (inverse CDF) or as just described. Each profile draws from its own stream,
``random.Random`` seeded with the seed and a hash of the profile's content, so its draws depend
neither on the other profiles nor on the order of the files: same seed, same output. Exact
results are never silently replaced by sampled ones, nor the other way round.

**Percentiles and intervals.** The q-th percentile is the smallest value whose cumulative
probability is at least q (for samples: at least q of the sorted draws are at or below it). A
``level`` interval runs from the ``(1 - level) / 2`` to the ``(1 + level) / 2`` percentile: the
90% interval is (5th, 95th percentile). The point score need not lie inside it: eight
low-confidence ratings at 0 can only be under-rated, and all eight being right is unlikely.

How likely one profile outranks another, and ranks among several: ``allyeval.analysis.outranking``.
"""

from __future__ import annotations

import hashlib
import math
import random
from bisect import bisect_right
from collections.abc import Callable, Sequence
from fractions import Fraction
from itertools import accumulate, repeat
from operator import truediv
from typing import TYPE_CHECKING, TypeVar

from allyeval.core.distribution import (
    CERTAIN,
    DEFAULT_LEVEL,
    EXACT_WORK,
    SPREADS,
    Bucketed,
    Distribution,
    bounded_distribution,
    common_step,
    criterion_part,
    exact,
    exact_distribution,
    interval_quantiles,
    level_distribution,
    level_spread,
    linear_distribution,
)
from allyeval.core.layout import FINEST_GRID, Term, exact_work
from allyeval.core.models import MAX_LEVEL
from allyeval.core.scoring import CriterionScore, ProfileScore
from allyeval.core.terms import criterion_terms, overall_terms

if TYPE_CHECKING:
    from allyeval.core.vectorised import FloatDistribution

DEFAULT_SAMPLES = 10_000

__all__ = [
    "CERTAIN", "DEFAULT_LEVEL", "DEFAULT_SAMPLES", "EXACT_WORK", "FINEST_GRID", "SPREADS",
    "Distribution", "Draw", "Term", "common_step", "criterion_distribution",
    "criterion_intervals", "criterion_terms", "exact", "exact_distribution", "exact_work",
    "interval_quantiles", "level_spread", "linear_distribution", "overall_terms", "profile_rng",
    "sample_interval", "sample_quantile", "sampled_scores", "score_distribution", "score_draws",
    "score_interval",
]  # fmt: skip


def score_distribution(result: ProfileScore) -> Distribution:
    """The exact distribution of the overall score (arithmetic method only)."""
    if result.method != "arithmetic":
        raise ValueError("the overall score has an exact distribution only for 'arithmetic'")
    terms = overall_terms(result)
    if exact_work(terms) <= EXACT_WORK:
        return exact_distribution(terms)
    return _bounded_score(result, terms)


def _bounded_score(result: ProfileScore, terms: list[Term]) -> Distribution:
    """The overall score on a bounded grid, from its criteria's distributions as reports show
    them (each worked out once: the criterion intervals use the same ones)."""
    rated = [c for c in result.criteria if c.utility is not None]
    used_weight = sum((exact(c.criterion.weight) for c in rated), Fraction(0))
    share = criterion_share(result)
    parts = []
    for crit in rated:
        weight = exact(crit.criterion.weight) / used_weight
        parts.append(criterion_part(_shown_utility(crit, share), weight))
    return bounded_distribution(parts, tuple(terms))


def criterion_share(result: ProfileScore) -> float:
    """The share of the work budgets (``EXACT_WORK``, ``grid.BOUNDED_WORK``,
    ``vectorised.FLOAT_WORK``) each criterion of *result* gets: one over the rated criteria."""
    return 1 / max(1, sum(1 for c in result.criteria if c.utility is not None))


def shown_distribution(result: ProfileScore, bounded: Distribution | None = None) -> Bucketed:
    """The overall score's distribution as reports show it (interval, band probabilities):
    exact when that is cheap; else, while the exact grid fits, on it with float
    probabilities (numpy, imported only here; ``allyeval.core.vectorised``), which shows the
    exact interval where the bounded grid could be a hundredth off (a profile rating a few
    of the default criteria's indicators, all with low confidence, can need that); else on
    the bounded grid, as :func:`score_distribution` (*bounded*, when already computed)."""
    terms = overall_terms(result)
    if exact_work(terms) <= EXACT_WORK:
        return exact_distribution(terms)
    from allyeval.core.vectorised import float_distribution

    return float_distribution(terms) or bounded or _bounded_score(result, terms)


def shown_criterion_distribution(crit: CriterionScore, share: float = 1.0) -> Bucketed | None:
    """A criterion's distribution as reports show it (None if unrated), chosen as
    :func:`shown_distribution` chooses the overall score's, within *share* of the budgets
    (:func:`criterion_share`)."""
    if crit.utility is None:
        return None
    return _shown(crit, share, risk_as_utility=False)


def _shown_utility(crit: CriterionScore, share: float) -> Distribution | FloatDistribution:
    """The criterion's utility as reports would show it: its score, or 100 - exposure for a
    risk criterion (the same terms at 4 - level: the spreads are symmetric, so values moved
    to a cell stay within the recorded bound)."""
    return _shown(crit, share, risk_as_utility=crit.criterion.direction == "risk")


def _shown(
    crit: CriterionScore, share: float, risk_as_utility: bool
) -> Distribution | FloatDistribution:
    def work_out() -> Distribution | FloatDistribution:
        terms = criterion_terms(crit)
        if risk_as_utility:
            terms = [(c, MAX_LEVEL - level, conf) for c, level, conf in terms]
        if exact_work(terms) <= EXACT_WORK * share:
            return exact_distribution(terms)
        from allyeval.core.vectorised import float_distribution

        found = float_distribution(terms, share)
        return found if found is not None else level_distribution(tuple(terms), share)

    return _remembered(_SHOWN, (id(crit), share, risk_as_utility), crit, work_out)


_SHOWN: dict[tuple[int, float, bool], tuple[CriterionScore, Distribution | FloatDistribution]] = {}


def criterion_distribution(crit: CriterionScore) -> Distribution | None:
    """The exact distribution of a criterion's own-scale score (exposure for risk); None if
    unrated. Exact under either method: within a criterion indicators are always averaged."""
    if crit.utility is None:
        return None
    # A sampled score draws from each criterion's distribution for its interval and again for
    # its band probabilities: the last few are kept.
    return _remembered(_RECENT, id(crit), crit, lambda: linear_distribution(criterion_terms(crit)))


_Key = TypeVar("_Key")
_Found = TypeVar("_Found")
KEPT = 64
"""Criterion distributions kept in each of ``_RECENT`` and ``_SHOWN``."""


def _remembered(
    cache: dict[_Key, tuple[CriterionScore, _Found]],
    key: _Key,
    crit: CriterionScore,
    work_out: Callable[[], _Found],
) -> _Found:
    """What *work_out* gives for *crit*, remembered under *key* (which holds its id) with the
    criterion itself, so that its id is not reused while it is kept; the oldest of KEPT goes."""
    known = cache.get(key)
    if known is not None and known[0] is crit:
        return known[1]
    found = work_out()
    if len(cache) >= KEPT:
        del cache[next(iter(cache))]
    cache[key] = crit, found
    return found


_RECENT: dict[int, tuple[CriterionScore, Distribution]] = {}


# --------------------------------------------------------------------------------------------
# Drawing overall scores

Draw = Callable[[random.Random, int], list[float]]


def profile_rng(result: ProfileScore, seed: int, copy: int = 0) -> random.Random:
    """The random stream for one profile: from the seed and the profile's content only, so a
    profile draws the same scores whatever it is compared with and whatever the file order.
    *copy* numbers repeats of the same profile, so that each copy draws independently."""
    content = hashlib.sha256(result.profile.model_dump_json().encode("utf-8")).hexdigest()
    return random.Random(f"allyeval:{seed}:{content}:{copy}")


def _inverse_cdf(distribution: Distribution) -> tuple[list[float], list[float]]:
    cdf = list(map(truediv, accumulate(distribution.counts), repeat(distribution.total)))
    return cdf, distribution.values()


def _draw_from(cdf: list[float], values: list[float], rng: random.Random, n: int) -> list[float]:
    """*n* draws by inverse CDF (the first value whose cumulative probability exceeds U)."""
    if len(values) == 1:
        return [values[0]] * n
    uniforms = [rng.random() for _ in range(n)]
    return list(map(values.__getitem__, map(bisect_right, repeat(cdf), uniforms)))


def score_draws(result: ProfileScore, distribution: Distribution | None = None) -> Draw:
    """A function drawing *result*'s overall score n times under its method.

    Arithmetic: from the exact distribution of the score. Geometric: each rated criterion's
    utility from its exact distribution, combined exactly as ``scoring.aggregate`` does (the
    same factors ``utility ** (weight / total)``, multiplied in the same order). Pass the
    score's *distribution* when it is already known, to save computing it again.
    """
    if result.method == "arithmetic":
        cdf, values = _inverse_cdf(distribution or score_distribution(result))
        return lambda rng, n: _draw_from(cdf, values, rng, n)
    rated = [c for c in result.criteria if c.utility is not None]
    total = math.fsum(c.criterion.weight for c in rated)
    tables = []
    for crit in rated:
        distribution = criterion_distribution(crit)
        assert distribution is not None
        cdf, scores = _inverse_cdf(distribution)
        exponent = crit.criterion.weight / total
        risk = crit.criterion.direction == "risk"
        tables.append((cdf, [(1.0 - s / 100.0 if risk else s / 100.0) ** exponent for s in scores]))

    def draw(rng: random.Random, n: int) -> list[float]:
        columns = [_draw_from(cdf, factors, rng, n) for cdf, factors in tables]
        return [100.0 * float(math.prod(row)) for row in zip(*columns, strict=True)]

    return draw


def sampled_scores(
    result: ProfileScore,
    *,
    seed: int,
    samples: int,
    distribution: Distribution | None = None,
    copy: int = 0,
) -> list[float]:
    """*samples* draws of the overall score from the profile's seeded stream, in draw order."""
    return score_draws(result, distribution)(profile_rng(result, seed, copy), samples)


def sample_quantile(ordered: Sequence[float], q: Fraction) -> float:
    """The smallest draw with at least a share *q* of the (sorted) draws at or below it."""
    index = max(math.ceil(q * len(ordered)) - 1, 0)
    return ordered[index]


def sample_interval(draws: Sequence[float], level: float) -> tuple[float, float]:
    low, high = interval_quantiles(level)
    ordered = sorted(draws)
    return sample_quantile(ordered, low), sample_quantile(ordered, high)


def score_interval(
    result: ProfileScore,
    level: float = DEFAULT_LEVEL,
    *,
    seed: int = 0,
    samples: int = DEFAULT_SAMPLES,
) -> tuple[float, float]:
    """The central *level* interval of the overall score: exact for the arithmetic method,
    from *samples* seeded draws for the geometric one (same seed, same interval)."""
    if result.method == "arithmetic":
        return shown_distribution(result).interval(level)
    return sample_interval(sampled_scores(result, seed=seed, samples=samples), level)


def criterion_intervals(
    result: ProfileScore,
    level: float = DEFAULT_LEVEL,
    *,
    seed: int = 0,
    samples: int = DEFAULT_SAMPLES,
) -> dict[str, tuple[float, float] | None]:
    """Per criterion id, the central *level* interval of its own-scale score (exposure for a
    risk criterion); None for an unrated criterion. Always exact, under either method (a
    criterion averages its indicators arithmetically): *seed* and *samples* are accepted so
    that both interval functions take the same arguments, and are not used."""
    intervals: dict[str, tuple[float, float] | None] = {}
    share = criterion_share(result)
    for crit in result.criteria:
        distribution = shown_criterion_distribution(crit, share)
        intervals[crit.criterion.id] = (
            None if distribution is None else distribution.interval(level)
        )
    return intervals
