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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate, repeat
from operator import mul, truediv

from allyeval.core.models import MAX_LEVEL, Confidence
from allyeval.core.scoring import CriterionScore, ProfileScore

SPREADS: dict[Confidence, tuple[tuple[int, int], ...]] = {
    "high": ((0, 1),),
    "medium": ((-1, 1), (0, 2), (1, 1)),
    "low": ((-2, 1), (-1, 2), (0, 3), (1, 2), (2, 1)),
}
"""Per confidence: (offset from the given level, weight); a weight over the sum is a probability."""

FINEST_GRID = 10**6
"""Grid steps per point below which coefficients are rounded (see the module docstring)."""

DEFAULT_LEVEL = 0.9
DEFAULT_SAMPLES = 10_000

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


def exact(weight: float) -> Fraction:
    """A weight as the decimal the analyst wrote (0.1 is 1/10, not the nearest binary float)."""
    return Fraction(repr(weight))


# --------------------------------------------------------------------------------------------
# Exact distributions on an integer grid


@dataclass(frozen=True, slots=True)
class Distribution:
    """A quantity taking the value ``k * step`` with probability ``count / total``."""

    step: Fraction
    grid: tuple[int, ...]
    """Grid positions k, ascending."""
    counts: tuple[int, ...]
    total: int

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
        index = min(bisect_left(list(accumulate(self.counts)), needed), len(self.grid) - 1)
        return self.grid[index] * self.step.numerator / self.step.denominator

    def interval(self, level: float = DEFAULT_LEVEL) -> tuple[float, float]:
        """The central *level* interval: from the (1-level)/2 to the (1+level)/2 percentile."""
        low, high = interval_quantiles(level)
        return self.quantile(low), self.quantile(high)

    def on_step(self, step: Fraction) -> Distribution:
        """The same distribution on a finer *step* (self.step must be a multiple of it)."""
        scale = self.step / step
        if scale.denominator != 1:
            raise ValueError(f"{self.step} is not a multiple of {step}")
        grid = tuple(map(mul, self.grid, repeat(int(scale))))
        return Distribution(step, grid, self.counts, self.total)


def interval_quantiles(level: float) -> tuple[Fraction, Fraction]:
    """The two percentiles bounding a central *level* interval, exactly (0.9 -> 1/20, 19/20)."""
    if not 0 < level < 1:
        raise ValueError(f"an interval level must be between 0 and 1, got {level}")
    tail = (1 - exact(level)) / 2
    return tail, 1 - tail


def linear_distribution(terms: Iterable[Term]) -> Distribution:
    """The exact distribution of ``sum(coefficient * level)`` over independent uncertain levels.

    Terms with the same coefficient are summed first (a small convolution of levels); then the
    groups are convolved on the grid, those with the same denominator together (they share a
    coarse sub-grid, so the running distribution stays small: 3x faster on the examples).
    """
    groups: dict[Fraction, tuple[dict[int, int], int]] = {}
    for coefficient, level, confidence in terms:
        counts, total = _spread_counts(level, confidence)
        previous = groups.get(coefficient)
        if previous is not None:
            counts, total = _add(previous[0], counts), previous[1] * total
        groups[coefficient] = counts, total
    if not groups:
        return Distribution(Fraction(1), (0,), (1,), 1)
    step, multiples = _grid([*groups])
    distribution: dict[int, int] = {0: 1}
    grand_total = 1
    for coefficient in sorted(groups, key=lambda c: (c.denominator, c)):
        counts, total = groups[coefficient]
        scale = multiples[coefficient]
        distribution = _add(distribution, {scale * s: c for s, c in counts.items()})
        grand_total *= total
    grid = tuple(sorted(distribution))
    return Distribution(step, grid, tuple(map(distribution.__getitem__, grid)), grand_total)


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
    denominator = math.lcm(*(c.denominator for c in coefficients))
    if denominator > FINEST_GRID:
        # Weights that are not short decimals: round each coefficient to a millionth of a point.
        denominator = FINEST_GRID
        scaled = {c: round(c * denominator) for c in coefficients}
    else:
        scaled = {c: int(c * denominator) for c in coefficients}
    common = math.gcd(*scaled.values()) or 1
    return Fraction(common, denominator), {c: m // common for c, m in scaled.items()}


def common_step(distributions: Iterable[Distribution]) -> Fraction:
    """The coarsest step every distribution's step is a whole multiple of."""
    steps = list(distributions)
    return Fraction(
        math.gcd(*(d.step.numerator for d in steps)),
        math.lcm(*(d.step.denominator for d in steps)),
    )


def score_distribution(result: ProfileScore) -> Distribution:
    """The exact distribution of the overall score (arithmetic method only)."""
    if result.method != "arithmetic":
        raise ValueError("the overall score has an exact distribution only for 'arithmetic'")
    return linear_distribution(_overall_terms(result))


def _overall_terms(result: ProfileScore) -> list[Term]:
    rated = [c for c in result.criteria if c.utility is not None]
    used_weight = sum((exact(c.criterion.weight) for c in rated), Fraction(0))
    terms = []
    for crit in rated:
        share = exact(crit.criterion.weight) / used_weight
        for coefficient, level, confidence in _criterion_terms(crit):
            # Points are 25 * s_i * v_i with v_i = level (benefit) or 4 - level (risk). The
            # spreads are symmetric, so 4 - level spreads exactly like a rating at 4 - level.
            v = MAX_LEVEL - level if crit.criterion.direction == "risk" else level
            terms.append((share * coefficient, v, confidence))
    return terms


def _criterion_terms(crit: CriterionScore) -> list[Term]:
    """Terms of the criterion's own-scale score: 25 * w_i / sum(w) per level of indicator i."""
    rated = [(exact(i.indicator.weight), i.rating) for i in crit.indicators if i.rating]
    rated_weight = sum((w for w, _ in rated), Fraction(0))
    return [(25 * w / rated_weight, r.level, r.confidence) for w, r in rated]


def criterion_distribution(crit: CriterionScore) -> Distribution | None:
    """The exact distribution of a criterion's own-scale score (exposure for risk); None if
    unrated. Exact under either method: within a criterion indicators are always averaged."""
    if crit.utility is None:
        return None
    return linear_distribution(_criterion_terms(crit))


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
        return score_distribution(result).interval(level)
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
    for crit in result.criteria:
        distribution = criterion_distribution(crit)
        intervals[crit.criterion.id] = (
            None if distribution is None else distribution.interval(level)
        )
    return intervals
