"""Several analysts' ratings of one partnership: how far they agree, where they differ, and the
consensus they add up to.

The profiles must describe the same partnership (same ``id``) as of the same date (``as_of``).
Each is one rater's; a rater is named by the profile's ``rated_by`` or, failing that, by its
file. The analysis gives:

- **alpha**: Krippendorff's ordinal alpha (see :mod:`allyeval.analysis.alpha`) over every
  indicator rated by at least two raters, and per criterion, each with a bootstrap interval;
- **disagreements**: every indicator whose levels span two or more levels, each rater's rating
  side by side, with the points it moves the score: the consensus profile scored with that
  indicator at the lowest rater's level and at the highest (other indicators at consensus);
  largest spread first, then the most points;
- **scores**: each rater's overall and criterion scores, and their spread (highest - lowest);
- **consensus**: the profile :mod:`allyeval.analysis.consensus` builds, scored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from allyeval.analysis.alpha import Alpha, Unit, estimate
from allyeval.analysis.consensus import consensus_profile, rated
from allyeval.core.models import Criterion, Indicator, MetadataValue, Profile, Rating
from allyeval.core.scoring import Method, ProfileScore, score_profile

DISAGREEMENT = 2
"""Levels apart at which raters disagree (one level apart is a difference of judgement)."""
LEVEL = 0.95
"""The bootstrap interval's level."""


class NotOnePartnership(ValueError):
    """The profiles are not of one partnership as of one date, or two share a rater;
    ``path`` names the file to blame."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True, slots=True)
class Rater:
    label: str
    path: str
    result: ProfileScore


@dataclass(frozen=True, slots=True)
class CriterionAgreement:
    criterion: Criterion
    alpha: Alpha
    scores: tuple[float | None, ...]
    """Each rater's score of the criterion, in rater order (None: the rater rated none of it)."""
    spread: float | None
    """Highest minus lowest score (None when fewer than two raters scored the criterion)."""


@dataclass(frozen=True, slots=True)
class Disagreement:
    criterion: Criterion
    indicator: Indicator
    ratings: tuple[Rating | None, ...]
    """Each rater's rating, in rater order (None: not rated)."""
    spread: int
    score_at_lowest: float
    """The consensus profile's score with this indicator at the lowest rater's level."""
    score_at_highest: float

    @property
    def points(self) -> float:
        """Score at the highest rating minus score at the lowest (negative for a risk)."""
        return self.score_at_highest - self.score_at_lowest


@dataclass(frozen=True, slots=True)
class Agreement:
    raters: tuple[Rater, ...]
    alpha: Alpha
    criteria: tuple[CriterionAgreement, ...]
    disagreements: tuple[Disagreement, ...]
    spread: float
    """Highest minus lowest overall score among the raters."""
    not_rated: int
    """Rater-indicator pairs without a level (pending, n/a or absent)."""
    consensus: ProfileScore
    method: Method
    seed: int
    samples: int
    level: float = LEVEL


def rater_labels(profiles: Sequence[Profile], paths: Sequence[str]) -> list[str]:
    """Each profile's rater: its ``rated_by``, else its file name without ``.yaml``/``.yml``,
    else (no file, or standard input) "rater N". Raises NotOnePartnership when two profiles
    name the same rater."""
    labels = []
    for position, (profile, path) in enumerate(zip(profiles, paths, strict=True)):
        name = PurePath(path).name if path and path != "-" else ""
        # A file name that is not UTF-8 comes as lone surrogates; the label is written into
        # the consensus profile's text, which must be valid Unicode.
        name = re.sub("[\ud800-\udfff]", "\ufffd", name)
        for suffix in (".yaml", ".yml"):
            name = name.removesuffix(suffix)
        labels.append(profile.rated_by or name or f"rater {position + 1}")
    for position, label in enumerate(labels):
        if label in labels[:position]:
            other = paths[labels.index(label)] or f"profile {labels.index(label) + 1}"
            raise NotOnePartnership(
                f"rater {label!r} also rated {other}; agreement needs one profile per rater "
                "(set rated_by: to tell the raters apart)",
                paths[position],
            )
    return labels


def check_one_partnership(profiles: Sequence[Profile], paths: Sequence[str]) -> None:
    """Raise NotOnePartnership unless every profile has the first one's id and as_of."""
    first = profiles[0]
    for profile, path in zip(profiles[1:], paths[1:], strict=True):
        if profile.id != first.id:
            raise NotOnePartnership(
                f"id {profile.id!r} differs from {first.id!r} in {paths[0]}; "
                "agree compares raters of one partnership",
                path,
            )
        if profile.as_of != first.as_of:
            raise NotOnePartnership(
                f"as_of {profile.as_of.isoformat()} differs from {first.as_of.isoformat()} in "
                f"{paths[0]}; agree compares ratings of one date (use trend across dates)",
                path,
            )


def agree(
    results: Sequence[ProfileScore],
    *,
    paths: Sequence[str] | None = None,
    seed: int = 0,
    samples: int = 10_000,
) -> Agreement:
    """The agreement of the raters of *results* (scored profiles of one partnership, each by
    another rater, all against one criteria set and method)."""
    if len(results) < 2:
        raise ValueError("agreement needs at least two raters")
    paths = list(paths) if paths is not None else [""] * len(results)
    profiles = [r.profile for r in results]
    check_one_partnership(profiles, paths)
    labels = rater_labels(profiles, paths)
    criteria_set, method = results[0].criteria_set, results[0].method
    raters = tuple(
        Rater(label, path, r) for label, path, r in zip(labels, paths, results, strict=True)
    )
    overall = estimate(_units(profiles, criteria_set.indicators), seed=seed, samples=samples)
    consensus = score_profile(
        consensus_profile(profiles, labels, criteria_set, _notes(labels, overall)),
        criteria_set,
        method,
    )
    criteria = tuple(
        _criterion(position, results, seed, samples)
        for position in range(len(criteria_set.criteria))
    )
    scores = [r.score for r in results]
    return Agreement(
        raters=raters,
        alpha=overall,
        criteria=criteria,
        disagreements=_disagreements(profiles, consensus),
        spread=max(scores) - min(scores),
        not_rated=sum(
            rated(p.ratings.get(i)) is None for p in profiles for i in criteria_set.indicators
        ),
        consensus=consensus,
        method=method,
        seed=seed,
        samples=samples,
    )


def _units(profiles: Sequence[Profile], indicator_ids: Iterable[str]) -> list[Unit]:
    units: list[Unit] = []
    for indicator_id in indicator_ids:
        levels = [rating.level for p in profiles if (rating := rated(p.ratings.get(indicator_id)))]
        units.append(levels)
    return units


def _criterion(
    position: int, results: Sequence[ProfileScore], seed: int, samples: int
) -> CriterionAgreement:
    criterion = results[0].criteria_set.criteria[position]
    ids = [i.id for i in criterion.indicators]
    scores = tuple(r.criteria[position].score for r in results)
    known = [s for s in scores if s is not None]
    return CriterionAgreement(
        criterion=criterion,
        alpha=estimate(_units([r.profile for r in results], ids), seed=seed, samples=samples),
        scores=scores,
        spread=max(known) - min(known) if len(known) >= 2 else None,
    )


def _disagreements(
    profiles: Sequence[Profile], consensus: ProfileScore
) -> tuple[Disagreement, ...]:
    found = []
    for criterion, indicator in consensus.criteria_set.indicators.values():
        ratings = tuple(rated(p.ratings.get(indicator.id)) for p in profiles)
        levels = [r.level for r in ratings if r is not None]
        if not levels or max(levels) - min(levels) < DISAGREEMENT:
            continue
        found.append(
            Disagreement(
                criterion=criterion,
                indicator=indicator,
                ratings=ratings,
                spread=max(levels) - min(levels),
                score_at_lowest=_score_with(consensus, indicator.id, min(levels)),
                score_at_highest=_score_with(consensus, indicator.id, max(levels)),
            )
        )
    # Stable sort: equal spread and points keep the criteria's order.
    found.sort(key=lambda d: (-d.spread, -abs(d.points)))
    return tuple(found)


def _score_with(base: ProfileScore, indicator_id: str, level: int) -> float:
    """*base*'s score with one indicator's level replaced."""
    profile = base.profile
    rating = profile.rated[indicator_id].model_copy(update={"level": level})
    # A new instance (not model_copy), so that no cached view of the old ratings survives; not
    # validated again, as its parts are (see consensus.py).
    fields = {name: getattr(profile, name) for name in Profile.model_fields}
    changed = Profile.model_construct(
        **(fields | {"ratings": {**profile.ratings, indicator_id: rating}})
    )
    return score_profile(changed, base.criteria_set, base.method).score


def _notes(labels: Sequence[str], alpha: Alpha) -> dict[str, MetadataValue]:
    """What the consensus profile records about how it was made."""
    low, high = alpha.interval if alpha.interval is not None else (None, None)
    return {
        "consensus_raters": ", ".join(labels),
        "consensus_rule": "lower median level; median confidence capped by the spread",
        "agreement_alpha": None if alpha.value is None else round(alpha.value, 4),
        "agreement_alpha_low": None if low is None else round(low, 4),
        "agreement_alpha_high": None if high is None else round(high, 4),
        "agreement_indicators": alpha.units,
    }
