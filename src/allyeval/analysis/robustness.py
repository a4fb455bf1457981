"""Would the ranking hold under other weights? Weight sampling in the manner of SMAA.

The criterion utilities of each profile stay as rated; only the criterion weights move. Each
sample draws a weight vector, scores every profile with ``scoring.aggregate`` (same method,
same rule for unrated criteria: their weight is shared among the rated ones) and ranks them
(equal scores share a rank: 1, 2, 2, 4).

* **Around the file's weights** (default, ``spread`` s): each weight is multiplied by an
  independent factor uniform on [1 - s, 1 + s], then the weights are renormalised. With s = 0
  every sample is the nominal ranking.
* **Anywhere** (``simplex``): weight vectors uniform on the simplex, Dirichlet(1, ..., 1),
  drawn as independent -ln(U) normalised, as SMAA does when nothing is known of the weights.
* **Indicator weights too** (``indicator_spread`` t > 0): in each sample every indicator weight
  is also multiplied by a factor uniform on [1 - t, 1 + t], and each criterion's utility is the
  weighted mean of its rated indicators' utilities (as counted, after the consent gate) under
  those weights. With t = 0 the criterion utilities stay as rated.
* **Either method** (``mixed_methods``): each sample combines the criteria by the arithmetic or
  the geometric mean with equal probability, so the acceptabilities show whether the ranking
  depends on the choice of aggregation as well.

What is reported:

* **rank acceptability**: per profile, the share of samples at each rank;
* **central weights**: per profile, the mean (normalised) weight vector over the samples in
  which it ranks first, None when it never does: the weights that favour it most typically;
* **remove one criterion**: the nominal ranking with one criterion left out (the others keep
  their weights, renormalised), and which profiles change rank;
* **effective weight** of each criterion: its share of the variance of the overall score across
  the given profiles. With t_pc the points criterion c adds to profile p's score (its actual
  share times 100 times its utility, so unrated criteria and renormalised weights count as the
  scoring counts them) and S_p = sum_c t_pc, share_c = Cov(t_c, S) / Var(S). The shares add up
  to 1 and may be negative (a criterion that narrows the differences). The geometric score is a
  product, so there the same decomposition is applied to ln S_p = sum_c s_pc ln U_pc. None when
  the variance is 0 (all profiles score the same) or a logarithm is undefined (a score of 0).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import fsum

from allyeval.analysis.comparison import labels_for
from allyeval.core.models import Criterion
from allyeval.core.ranks import competition_ranks
from allyeval.core.scoring import Method, ProfileScore, aggregate
from allyeval.core.uncertainty import DEFAULT_SAMPLES

DEFAULT_SPREAD = 0.25


@dataclass(frozen=True, slots=True)
class Standing:
    """One profile's place under sampled weights."""

    label: str
    path: str
    result: ProfileScore
    rank: int
    """Nominal rank (the criteria file's weights)."""
    acceptability: tuple[float, ...]
    """Share of samples at rank 1, 2, ..., n."""
    central_weights: tuple[float, ...] | None
    """Mean weight vector (criteria order) over the samples where it ranks first."""


@dataclass(frozen=True, slots=True)
class Removal:
    """The nominal ranking with one criterion left out."""

    criterion: Criterion
    scores: tuple[float | None, ...]
    """Per profile; None when the profile rated nothing else."""
    ranks: tuple[int | None, ...]
    changed: tuple[int, ...]
    """Indices of the profiles whose rank differs from the nominal ranking."""


@dataclass(frozen=True, slots=True)
class EffectiveWeight:
    criterion: Criterion
    nominal: float
    """The criterion's nominal share of the weight."""
    share: float | None
    """Share of the variance of the overall score (log score for geometric); None: undefined."""


@dataclass(frozen=True, slots=True)
class Robustness:
    standings: tuple[Standing, ...]
    """In the order the files were given."""
    criteria: tuple[Criterion, ...]
    removals: tuple[Removal, ...]
    effective_weights: tuple[EffectiveWeight, ...]
    effective_note: str | None
    """Why effective weights are undefined, when they are."""
    simplex: bool
    spread: float
    method: Method
    seed: int
    samples: int
    indicator_spread: float = 0.0
    mixed_methods: bool = False


def robustness(
    results: Sequence[ProfileScore],
    *,
    paths: Sequence[str] | None = None,
    spread: float = DEFAULT_SPREAD,
    simplex: bool = False,
    seed: int = 0,
    samples: int = DEFAULT_SAMPLES,
    indicator_spread: float = 0.0,
    mixed_methods: bool = False,
) -> Robustness:
    """Sample criterion weights (and optionally indicator weights and the aggregation method)
    and report how each profile's rank holds up."""
    if len(results) < 2:
        raise ValueError("weight robustness needs at least two profiles")
    if not 0 <= spread < 1:
        raise ValueError(f"spread must be at least 0 and below 1, got {spread}")
    if samples < 1:
        raise ValueError(f"samples must be at least 1, got {samples}")
    if not 0 <= indicator_spread < 1:
        raise ValueError(f"indicator spread must be at least 0 and below 1, got {indicator_spread}")
    method = results[0].method
    if any(r.method != method or r.criteria_set != results[0].criteria_set for r in results):
        raise ValueError("profiles must be scored with the same criteria set and method")
    paths = list(paths) if paths is not None else [r.profile.id for r in results]
    criteria = tuple(results[0].criteria_set.criteria)
    utilities = [_rated_utilities(r) for r in results]
    draw = Draw(spread, simplex, indicator_spread, mixed_methods)
    counts, first_weights = _sample(results, utilities, criteria, method, draw, seed, samples)
    nominal = competition_ranks([r.score for r in results])
    labels = labels_for(results, paths)
    standings = tuple(
        Standing(
            label=labels[i],
            path=paths[i],
            result=result,
            rank=nominal[i],
            acceptability=tuple(c / samples for c in counts[i]),
            central_weights=_mean(first_weights[i], counts[i][0]),
        )
        for i, result in enumerate(results)
    )
    shares, note = effective_weights(results)
    return Robustness(
        standings=standings,
        criteria=criteria,
        removals=tuple(_removal(utilities, criteria, c, method, nominal) for c in criteria),
        effective_weights=tuple(
            EffectiveWeight(c.criterion, c.weight, None if shares is None else shares[k])
            for k, c in enumerate(results[0].criteria)
        ),
        effective_note=note,
        simplex=simplex,
        spread=spread,
        method=method,
        seed=seed,
        samples=samples,
        indicator_spread=indicator_spread,
        mixed_methods=mixed_methods,
    )


@dataclass(frozen=True, slots=True)
class Draw:
    """What each sample redraws."""

    spread: float
    simplex: bool
    indicator_spread: float
    mixed_methods: bool


def _indicator_utilities(
    result: ProfileScore,
) -> tuple[tuple[int, tuple[tuple[float, float], ...]], ...]:
    """(criterion position, ((indicator weight, utility as counted), ...)) per rated criterion."""
    return tuple(
        (k, tuple((i.indicator.weight, i.utility) for i in c.indicators if i.utility is not None))
        for k, c in enumerate(result.criteria)
        if c.utility is not None
    )


def _redrawn(
    indicators: tuple[tuple[int, tuple[tuple[float, float], ...]], ...],
    rand: Callable[[], float],
    spread: float,
) -> tuple[tuple[int, float], ...]:
    """Criterion utilities under indicator weights each multiplied by a factor in 1 ± spread."""
    low, width = 1.0 - spread, 2.0 * spread
    out = []
    for k, pairs in indicators:
        weights = [w * (low + width * rand()) for w, _ in pairs]
        out.append(
            (k, fsum(w * u for w, (_, u) in zip(weights, pairs, strict=True)) / fsum(weights))
        )
    return tuple(out)


def _rated_utilities(result: ProfileScore) -> tuple[tuple[int, float], ...]:
    """(criterion position, utility) of each rated criterion: what stays fixed."""
    return tuple((k, c.utility) for k, c in enumerate(result.criteria) if c.utility is not None)


def _sample(
    results: Sequence[ProfileScore],
    utilities: list[tuple[tuple[int, float], ...]],
    criteria: tuple[Criterion, ...],
    method: Method,
    draw: Draw,
    seed: int,
    samples: int,
) -> tuple[list[list[int]], list[list[float]]]:
    """Rank counts per profile and, per profile, the summed weights of samples it leads."""
    rng = random.Random(seed)
    rand = rng.random
    base = [c.weight for c in criteria]
    n, m = len(utilities), len(criteria)
    counts = [[0] * n for _ in range(n)]
    first_weights = [[0.0] * m for _ in range(n)]
    low, width = 1.0 - draw.spread, 2.0 * draw.spread
    indicators = [_indicator_utilities(r) for r in results] if draw.indicator_spread else []
    for _ in range(samples):
        if draw.simplex:
            raw = [-math.log(1.0 - rand()) for _ in base]
        else:
            # Unnormalised on purpose: aggregate() normalises over the rated criteria itself,
            # and with spread 0 this is exactly the nominal scoring (ties stay ties).
            raw = [w * (low + width * rand()) for w in base]
        current = utilities
        if draw.indicator_spread:
            current = [_redrawn(i, rand, draw.indicator_spread) for i in indicators]
        chosen: Method = method
        if draw.mixed_methods:
            chosen = "geometric" if rand() < 0.5 else "arithmetic"
        scores = [aggregate([(raw[k], u) for k, u in rated], chosen) for rated in current]
        ranks = competition_ranks(scores)
        total = fsum(raw)
        for index, rank in enumerate(ranks):
            counts[index][rank - 1] += 1
            if rank == 1:
                sums = first_weights[index]
                for k in range(m):
                    sums[k] += raw[k] / total
    return counts, first_weights


def _mean(sums: list[float], count: int) -> tuple[float, ...] | None:
    return None if count == 0 else tuple(s / count for s in sums)


def _removal(
    utilities: list[tuple[tuple[int, float], ...]],
    criteria: tuple[Criterion, ...],
    dropped: Criterion,
    method: Method,
    nominal: list[int],
) -> Removal:
    position = criteria.index(dropped)
    scores: list[float | None] = []
    for rated in utilities:
        kept = [(criteria[k].weight, u) for k, u in rated if k != position]
        scores.append(100.0 * aggregate(kept, method) if kept else None)
    scored = [i for i, s in enumerate(scores) if s is not None]
    ranked = competition_ranks([s for s in scores if s is not None])
    ranks: list[int | None] = [None] * len(scores)
    for i, rank in zip(scored, ranked, strict=True):
        ranks[i] = rank
    changed = tuple(i for i, rank in enumerate(ranks) if rank != nominal[i])
    return Removal(dropped, tuple(scores), tuple(ranks), changed)


def effective_weights(results: Sequence[ProfileScore]) -> tuple[list[float] | None, str | None]:
    """Each criterion's share of the variance of the overall score across *results*, or None
    and the reason it is undefined. See the module docstring for the definition."""
    if results[0].method == "arithmetic":
        parts = [[100.0 * c.share * (c.utility or 0.0) for c in r.criteria] for r in results]
    else:
        if any(c.utility == 0.0 for r in results for c in r.criteria):
            return None, "a profile has a criterion at utility 0 (score 0 under the geometric mean)"
        parts = [
            [c.share * math.log(c.utility) if c.utility is not None else 0.0 for c in r.criteria]
            for r in results
        ]
    totals = [fsum(p) for p in parts]
    # Equal scores can differ in their last bits when their parts are summed: within rounding,
    # the variance is noise and its shares would be meaningless (and huge).
    if max(totals) - min(totals) <= 1e-9 * max(1.0, *map(abs, totals)):
        return None, "all profiles score the same"
    mean_total = fsum(totals) / len(totals)
    deviations = [t - mean_total for t in totals]
    variance = fsum(d * d for d in deviations)
    shares = []
    for k in range(len(parts[0])):
        column = [p[k] for p in parts]
        mean_k = fsum(column) / len(column)
        shares.append(fsum((x - mean_k) * d for x, d in zip(column, deviations, strict=True)))
    return [s / variance for s in shares], None
