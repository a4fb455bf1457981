"""Several partnerships side by side: who leads, by how much, on what, and how surely.

The **leader** is the profile with the highest overall score; among equal scores, the one first
by id (then by content), so that the order of the files never changes who leads. Every
difference is a profile's value minus the leader's.

A gap in overall score between the leader and another profile is **explained** (arithmetic
method) by the indicators' contribution differences: the leader's points from an indicator minus
the other profile's, which add up to the gap; the three largest in absolute value are named.
Under the geometric method points do not add up, so no indicator explanation is given.

**How surely** comes from the confidence of the ratings (see ``allyeval.core.uncertainty``): for
each pair the probability that one outranks the other (exact for arithmetic, sampled for
geometric), and for each profile the 5th-95th percentile of its rank over seeded draws of every
profile's score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from allyeval.analysis.outranking import (
    Dense,
    count_quantile,
    dense,
    rank_counts,
    sampled_outranking,
)
from allyeval.analysis.pairwise import probabilities
from allyeval.core.models import Confidence, Criterion, Indicator
from allyeval.core.ranks import competition_ranks
from allyeval.core.scoring import Method, ProfileScore
from allyeval.core.uncertainty import (
    DEFAULT_LEVEL,
    DEFAULT_SAMPLES,
    interval_quantiles,
    sample_interval,
    sampled_scores,
    score_distribution,
    shown_distribution,
)

MAX_DRIVERS = 3


@dataclass(frozen=True, slots=True)
class Contender:
    """One profile in the comparison, with where it stands."""

    label: str
    """The profile's id, or id and file when the same id is given twice."""
    path: str
    result: ProfileScore
    rank: int
    """Competition rank of the overall score (1, 2, 2, 4)."""
    difference: float
    """Overall score minus the leader's."""
    interval: tuple[float, float]
    """Central interval of the overall score at the comparison's level."""
    rank_interval: tuple[int, int]
    """5th-95th percentile of the rank over the draws (for level 0.9)."""
    first: float
    """Share of the draws in which the profile ranks first (ties included)."""


@dataclass(frozen=True, slots=True)
class CriterionRow:
    criterion: Criterion
    scores: tuple[float | None, ...]
    """Own-scale score per profile (exposure for a risk criterion); None when unrated."""
    differences: tuple[float | None, ...]
    """Score minus the leader's (for risk: more exposure is worse); None if either unrated."""
    leaders: tuple[int, ...]
    """Indices of the profiles with the best utility on this criterion (several when tied)."""


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    criterion: Criterion
    indicator: Indicator
    levels: tuple[int | None, ...]
    confidences: tuple[Confidence | None, ...]
    points: tuple[float | None, ...]
    """Contribution per profile (None under the geometric method)."""
    point_differences: tuple[float | None, ...]
    """Contribution minus the leader's (None under the geometric method)."""
    level_differences: tuple[int | None, ...]
    """Level minus the leader's level; None if either is unrated."""


@dataclass(frozen=True, slots=True)
class Driver:
    """An indicator behind a gap: the leader's points from it minus the other profile's."""

    criterion_id: str
    indicator_id: str
    indicator_name: str
    points: float


@dataclass(frozen=True, slots=True)
class Gap:
    """Why the leader is ahead of one other profile."""

    other: int
    points: float
    """Leader's overall score minus the other's."""
    drivers: tuple[Driver, ...] | None
    """Up to three largest contribution differences; None under the geometric method."""


@dataclass(frozen=True, slots=True)
class Outranking:
    """How likely *first* ranks above *second* (ties count half), given rating confidence."""

    first: int
    second: int
    probability: float
    tie: float
    """Probability of an exact tie (arithmetic); share of tied draws (geometric)."""
    exact: bool


@dataclass(frozen=True, slots=True)
class Comparison:
    contenders: tuple[Contender, ...]
    """In the order the files were given (the columns)."""
    leader: int
    ranking: tuple[int, ...]
    """Indices by rank; tied profiles by id, so file order does not matter."""
    criteria: tuple[CriterionRow, ...]
    indicators: tuple[IndicatorRow, ...]
    gaps: tuple[Gap, ...]
    outrankings: tuple[Outranking, ...]
    method: Method
    level: float
    seed: int
    samples: int


def canonical_order(results: Sequence[ProfileScore], paths: Sequence[str]) -> list[int]:
    """Indices ordered by profile id, content, then file name: the same whatever order the
    files come in."""
    pairs = zip(results, paths, strict=True)
    keys = [(r.profile.id, r.profile.model_dump_json(), path) for r, path in pairs]
    return sorted(range(len(results)), key=keys.__getitem__)


def compare(
    results: Sequence[ProfileScore],
    *,
    paths: Sequence[str] | None = None,
    seed: int = 0,
    samples: int = DEFAULT_SAMPLES,
    level: float = DEFAULT_LEVEL,
) -> Comparison:
    """Compare scored profiles (all scored with the same criteria set and method)."""
    if len(results) < 2:
        raise ValueError("a comparison needs at least two profiles")
    method = results[0].method
    if any(r.method != method or r.criteria_set != results[0].criteria_set for r in results):
        raise ValueError("profiles must be scored with the same criteria set and method")
    paths = list(paths) if paths is not None else [r.profile.id for r in results]
    order = canonical_order(results, paths)
    scores = [r.score for r in results]
    ranks = competition_ranks(scores)
    ranking = tuple(sorted(order, key=lambda i: ranks[i]))
    leader = ranking[0]
    # Of each distribution only its interval, its draws and its floats for the pairs are
    # kept: the exact counts (a tuple of big integers each) are let go at once.
    intervals: list[tuple[float, float]] = []
    draws: list[list[float]] = []
    floats: list[Dense] = []
    for result, copy in zip(results, _copies(results, paths), strict=True):
        distribution = score_distribution(result) if method == "arithmetic" else None
        draws.append(
            sampled_scores(result, seed=seed, samples=samples, distribution=distribution, copy=copy)
        )
        if distribution is None:
            intervals.append(sample_interval(draws[-1], level))
        else:
            # Reports show the exact interval where the bounded grid is not exact: so here.
            shown = shown_distribution(result, distribution) if distribution.error else None
            intervals.append((shown or distribution).interval(level))
            floats.append(dense(distribution))
    contenders = _contenders(results, paths, ranks, leader, intervals, draws, level)
    return Comparison(
        contenders=contenders,
        leader=leader,
        ranking=ranking,
        criteria=_criterion_rows(results, leader),
        indicators=_indicator_rows(results, leader),
        gaps=tuple(_gap(results, leader, other) for other in ranking if other != leader),
        outrankings=_outrankings(results, floats, draws),
        method=method,
        level=level,
        seed=seed,
        samples=samples,
    )


def _copies(results: Sequence[ProfileScore], paths: Sequence[str]) -> list[int]:
    """For each profile, how many identical profiles come before it (by file name, not file
    order): a profile compared with itself is two independent draws, not one."""
    keys = [(r.profile.model_dump_json(), path) for r, path in zip(results, paths, strict=True)]
    copies = [0] * len(results)
    seen: dict[str, int] = {}
    for index in sorted(range(len(results)), key=keys.__getitem__):
        content = keys[index][0]
        copies[index] = seen.get(content, 0)
        seen[content] = copies[index] + 1
    return copies


def labels_for(results: Sequence[ProfileScore], paths: Sequence[str]) -> list[str]:
    """A name per profile for columns and JSON: its id; with the file when an id is repeated;
    and a number when the same file is given twice."""
    ids = [r.profile.id for r in results]
    named = [i if ids.count(i) == 1 else f"{i} ({p})" for i, p in zip(ids, paths, strict=True)]
    labels = []
    for position, label in enumerate(named):
        repeat = named[:position].count(label)
        labels.append(label if named.count(label) == 1 else f"{label} #{repeat + 1}")
    return labels


def _contenders(
    results: Sequence[ProfileScore],
    paths: Sequence[str],
    ranks: list[int],
    leader: int,
    intervals: list[tuple[float, float]],
    draws: list[list[float]],
    level: float,
) -> tuple[Contender, ...]:
    low, high = interval_quantiles(level)
    labels = labels_for(results, paths)
    counts = rank_counts(draws)
    contenders = []
    for index, result in enumerate(results):
        contenders.append(
            Contender(
                label=labels[index],
                path=paths[index],
                result=result,
                rank=ranks[index],
                difference=result.score - results[leader].score,
                interval=intervals[index],
                rank_interval=(
                    count_quantile(counts[index], low),
                    count_quantile(counts[index], high),
                ),
                first=counts[index][0] / len(draws[index]),
            )
        )
    return tuple(contenders)


def _criterion_rows(results: Sequence[ProfileScore], leader: int) -> tuple[CriterionRow, ...]:
    rows = []
    for position, crit in enumerate(results[leader].criteria):
        per_profile = [r.criteria[position] for r in results]
        best = max((c.utility for c in per_profile if c.utility is not None), default=None)
        lead_score = crit.score
        rows.append(
            CriterionRow(
                criterion=crit.criterion,
                scores=tuple(c.score for c in per_profile),
                differences=tuple(
                    None if c.score is None or lead_score is None else c.score - lead_score
                    for c in per_profile
                ),
                leaders=tuple(
                    i for i, c in enumerate(per_profile) if best is not None and c.utility == best
                ),
            )
        )
    return tuple(rows)


def _indicator_rows(results: Sequence[ProfileScore], leader: int) -> tuple[IndicatorRow, ...]:
    items = [r.indicator_scores() for r in results]
    rows = []
    for position, (crit, lead) in enumerate(items[leader]):
        per_profile = [profile_items[position][1] for profile_items in items]
        additive = results[leader].method == "arithmetic"
        lead_level = lead.rating.level if lead.rating else None
        rows.append(
            IndicatorRow(
                criterion=crit.criterion,
                indicator=lead.indicator,
                levels=tuple(i.rating.level if i.rating else None for i in per_profile),
                confidences=tuple(i.rating.confidence if i.rating else None for i in per_profile),
                points=tuple(i.contribution if additive else None for i in per_profile),
                point_differences=tuple(
                    (i.contribution or 0.0) - (lead.contribution or 0.0) if additive else None
                    for i in per_profile
                ),
                level_differences=tuple(
                    None if i.rating is None or lead_level is None else i.rating.level - lead_level
                    for i in per_profile
                ),
            )
        )
    return tuple(rows)


def contribution_drivers(base: ProfileScore, other: ProfileScore) -> tuple[Driver, ...] | None:
    """The indicators whose contribution differs most, *other* minus *base*, largest first
    (equal sizes in the criteria file's order; no zero differences); None when points do
    not add up (the geometric method)."""
    if base.method != "arithmetic":
        return None
    pairs = zip(base.indicator_scores(), other.indicator_scores(), strict=True)
    differences = [
        Driver(
            crit.criterion.id,
            before.indicator.id,
            before.indicator.name,
            (after.contribution or 0.0) - (before.contribution or 0.0),
        )
        for (crit, before), (_, after) in pairs
    ]
    ordered = sorted(range(len(differences)), key=lambda k: -abs(differences[k].points))
    return tuple(differences[k] for k in ordered[:MAX_DRIVERS] if differences[k].points != 0.0)


def _gap(results: Sequence[ProfileScore], leader: int, other: int) -> Gap:
    """The leader's lead over *other* and the indicators that explain most of it."""
    points = results[leader].score - results[other].score
    return Gap(other, points, contribution_drivers(results[other], results[leader]))


def _outrankings(
    results: Sequence[ProfileScore], floats: list[Dense], draws: list[list[float]]
) -> tuple[Outranking, ...]:
    """Every pair (i before j in file order): from the distributions when there are some
    (arithmetic), else from the draws (geometric).

    From the distributions, each probability is first worked out in floats with a proven
    error bound (``estimated_outranking``); when everything shown of it (four decimals, a
    percentage either way round, which way round) is the same at both ends of the bound, that
    is what the exact value shows too, and the float is kept. Otherwise, and only for that
    pair, the exact fraction is computed.
    """
    outrankings = []
    for i in range(len(draws)):
        for j in range(i + 1, len(draws)):
            if floats:
                probability, tie = probabilities(results, floats, i, j)
                outrankings.append(Outranking(i, j, probability, tie, True))
            else:
                share, tied = sampled_outranking(draws[i], draws[j])
                outrankings.append(Outranking(i, j, share, tied, False))
    return tuple(outrankings)
