"""The scoring formula: pure functions from a profile and a criteria set to a score.

For a rated indicator i with level L (0-4), its utility is u = L / 4 for a benefit criterion
and u = 1 - L / 4 for a risk criterion (more exposure, less utility).

A criterion's utility is the weighted mean of its rated indicators' utilities, using the
indicator weights (w) of the rated indicators only:       U_c = sum(w_i * u_i) / sum(w_i)
The overall score is the weighted mean of the rated criteria's utilities, using the criterion
weights (W) of the criteria with at least one rated indicator:
                                                           S = 100 * sum(W_c * U_c) / sum(W_c)
A criterion's reported score is 100 * U_c for a benefit criterion and its exposure,
100 * (1 - U_c), for a risk criterion, so that each reads on its own scale.

Missing ratings (left out, or listed with an empty level) are left out of both means (they
neither help nor hurt) and show as coverage. Indicators rated ``n/a`` (not applicable to the
partnership's era or form) are left out of both means too, but also out of the coverage, which
is the rated share of the *applicable* weight: per criterion, rated w over applicable w; overall,
sum(W_c * rated_c) / sum(W_c * applicable_c), where rated_c and applicable_c are the rated and
applicable shares of the criterion's indicator weight. A criterion with every indicator n/a is
left out like an unrated one and counts as fully covered.

A profile whose coverage is below the criteria's ``min_coverage`` has the band
``insufficient`` whatever its score (the score is kept and is provisional); a criterion whose
own coverage is below it is marked ``insufficient`` too.

**Kinds, gates and caps** (declared in the criteria file). An indicator whose ``kinds`` leave
out the profile's kind is n/a for it, whatever the profile says. A gate limits the credit of
its ``gated`` indicators by the level of its gate indicator: with consent rated g, a gated
indicator rated L counts as min(L, g) (its reported ``gated_from`` keeps L); with the gate
indicator unrated or n/a, no limit applies. A cap sets the highest band a profile can have
when its condition holds on the rated level (``strategic_divergence >= 3``): the band is the
lower of the score's band and the caps' bands, and ``capped_by`` names the caps that lowered
it. Neither changes the score itself: a cap limits what the score may be called.

Each indicator's ``contribution`` is the points it adds to S; the contributions add up to S.
Dividing by the sum of weights last (rather than normalising weights first) keeps the extremes
exact: all utilities 1 give exactly 100 and all utilities 0 give exactly 0.

With ``method="geometric"`` the criteria are combined by a weighted geometric mean instead,
                                                           S = 100 * prod(U_c ** (W_c / sum(W_c)))
so a strong criterion cannot make up for a weak one, and a criterion at utility 0 makes the
overall score 0 (no floor: that is what "non-compensatory" means). Indicators within a
criterion are still averaged arithmetically. Points do not add up under a product, so
contributions are None for this method.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import fsum, prod
from typing import Literal

from allyeval.core.models import (
    INSUFFICIENT,
    MAX_LEVEL,
    Cap,
    CriteriaSet,
    Criterion,
    Indicator,
    NotApplicableRating,
    Profile,
    Rating,
)

Method = Literal["arithmetic", "geometric"]
METHODS: tuple[Method, ...] = ("arithmetic", "geometric")
RatingState = Literal["rated", "pending", "n/a"]
COVERAGE_TOLERANCE = 1e-9
"""Coverage is a ratio of float sums: 0.6 computed as 0.59999999 still reaches 0.6."""


def below(coverage: float, min_coverage: float) -> bool:
    """Whether *coverage* falls short of *min_coverage* (beyond rounding)."""
    return coverage < min_coverage - COVERAGE_TOLERANCE


class NothingRated(ValueError):
    """The profile rates no indicator of the criteria set, so it has no score."""


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    indicator: Indicator
    rating: Rating | None
    utility: float | None
    share: float
    """The indicator's share of the overall score (0-1); 0 when unrated."""
    contribution: float | None
    """Points (0-100 scale) this indicator adds to the overall score (None: geometric)."""
    not_applicable: NotApplicableRating | None = None
    gated_from: int | None = None
    """The level as rated when a gate lowered it (``rating.level`` is the level counted)."""

    @property
    def state(self) -> RatingState:
        if self.rating is not None:
            return "rated"
        return "n/a" if self.not_applicable is not None else "pending"


@dataclass(frozen=True, slots=True)
class CriterionScore:
    criterion: Criterion
    weight: float
    """Nominal share of the criterion in the overall score (its weight over all weights)."""
    share: float
    """Share actually used: 0 when no indicator is rated, renormalised over rated criteria."""
    utility: float | None
    score: float | None
    """0-100 on the criterion's own scale (exposure for a risk criterion); None when unrated."""
    coverage: float
    """Rated share of the applicable indicator weight (1 when no indicator applies)."""
    contribution: float | None
    indicators: tuple[IndicatorScore, ...]
    insufficient: bool = False
    """Whether the coverage is below the criteria's ``min_coverage``."""

    @property
    def applicable(self) -> bool:
        """Whether any indicator of the criterion applies (is not rated n/a)."""
        return any(i.not_applicable is None for i in self.indicators)


@dataclass(frozen=True, slots=True)
class ProfileScore:
    profile: Profile
    criteria_set: CriteriaSet
    score: float
    band: str
    coverage: float
    criteria: tuple[CriterionScore, ...]
    method: Method = "arithmetic"
    capped_by: tuple[Cap, ...] = ()
    """The caps that lowered the band below the score's own band."""

    def indicator_scores(self) -> list[tuple[CriterionScore, IndicatorScore]]:
        return [(c, i) for c in self.criteria for i in c.indicators]

    @property
    def capped_note(self) -> str | None:
        """``capped by strategic_divergence >= 3`` when caps lowered the band, else None."""
        if not self.capped_by:
            return None
        return "capped by " + ", ".join(cap.condition for cap in self.capped_by)

    @property
    def band_text(self) -> str:
        """The band as people read it, with the caps that lowered it."""
        note = self.capped_note
        return f"{self.band} ({note})" if note else self.band

    def counted_ratings(self) -> dict[str, Rating]:
        """The ratings as scored (after kinds and gates), by indicator id."""
        return {i.indicator.id: i.rating for _, i in self.indicator_scores() if i.rating}

    @property
    def provisional(self) -> bool:
        """Whether the score rests on too little of the evidence (band ``insufficient``)."""
        return self.band == INSUFFICIENT


def utility(level: int, direction: str) -> float:
    """A rating's level as a 0-1 utility: higher is always better for the partnership."""
    normalised = level / MAX_LEVEL
    return 1.0 - normalised if direction == "risk" else normalised


@dataclass(frozen=True, slots=True)
class _Tally:
    utility: float | None
    rated: float
    """Rated share of the criterion's indicator weight."""
    applicable: float
    """Applicable (not n/a) share of the criterion's indicator weight."""

    @property
    def coverage(self) -> float:
        return self.rated / self.applicable if self.applicable else 1.0


def _criterion_utility(
    criterion: Criterion, ratings: dict[str, Rating], not_applicable: Mapping[str, object]
) -> _Tally:
    rated = [(i.weight, ratings[i.id]) for i in criterion.indicators if i.id in ratings]
    total = fsum(i.weight for i in criterion.indicators)
    applicable = fsum(i.weight for i in criterion.indicators if i.id not in not_applicable)
    if not rated:
        return _Tally(None, 0.0, applicable / total)
    rated_weight = fsum(w for w, _ in rated)
    value = fsum(w * utility(r.level, criterion.direction) for w, r in rated) / rated_weight
    return _Tally(value, rated_weight / total, applicable / total)


def aggregate(weighted: Sequence[tuple[float, float]], method: Method = "arithmetic") -> float:
    """The 0-1 aggregate of (weight, utility) pairs: a weighted arithmetic or geometric mean."""
    total = fsum(weight for weight, _ in weighted)
    if method == "geometric":
        return float(prod(value ** (weight / total) for weight, value in weighted))
    return fsum(weight * value for weight, value in weighted) / total


def score_profile(
    profile: Profile, criteria_set: CriteriaSet, method: Method = "arithmetic"
) -> ProfileScore:
    """Score *profile* against *criteria_set*; ratings of unknown indicators are ignored.

    Raises NothingRated if no indicator of the criteria set is rated.
    """
    not_applicable = {**profile.not_applicable, **_kind_exclusions(profile, criteria_set)}
    ratings = {k: r for k, r in profile.rated.items() if k not in not_applicable}
    gated_from = _apply_gates(ratings, criteria_set)
    per_criterion = [
        (c, _criterion_utility(c, ratings, not_applicable)) for c in criteria_set.criteria
    ]
    all_weight = fsum(c.weight for c in criteria_set.criteria)
    used = [(c, t.utility) for c, t in per_criterion if t.utility is not None]
    if not used:
        raise NothingRated("no indicator of the criteria set is rated, so there is no score")
    used_weight = fsum(c.weight for c, _ in used)
    overall = 100.0 * aggregate([(c.weight, u) for c, u in used], method)
    additive = method == "arithmetic"

    minimum = criteria_set.min_coverage
    criterion_scores = []
    for criterion, tally in per_criterion:
        crit_utility = tally.utility
        share = criterion.weight / used_weight if crit_utility is not None else 0.0
        criterion_scores.append(
            CriterionScore(
                criterion=criterion,
                weight=criterion.weight / all_weight,
                share=share,
                utility=crit_utility,
                score=None if crit_utility is None else _own_scale(crit_utility, criterion),
                coverage=tally.coverage,
                contribution=100.0 * share * (crit_utility or 0.0) if additive else None,
                indicators=_indicator_scores(
                    criterion, ratings, not_applicable, share, additive, gated_from
                ),
                insufficient=below(tally.coverage, minimum),
            )
        )
    applicable = fsum(c.weight * t.applicable for c, t in per_criterion)
    coverage = fsum(c.weight * t.rated for c, t in per_criterion) / applicable
    band, capped_by = INSUFFICIENT, tuple[Cap, ...]()
    if not below(coverage, minimum):
        band, capped_by = capped_band(criteria_set.band(overall), ratings, criteria_set)
    return ProfileScore(
        profile=profile,
        criteria_set=criteria_set,
        score=overall,
        band=band,
        coverage=coverage,
        criteria=tuple(criterion_scores),
        method=method,
        capped_by=capped_by,
    )


def _kind_exclusions(profile: Profile, criteria_set: CriteriaSet) -> dict[str, NotApplicableRating]:
    """The indicators the model does not apply to the profile's kind, as n/a ratings."""
    kind = profile.kind.replace("_", " ")
    return {
        indicator.id: NotApplicableRating(
            level="n/a", evidence=f"the criteria model does not apply this indicator to a {kind}"
        )
        for _, indicator in criteria_set.indicators.values()
        if profile.kind not in indicator.kinds
    }


def _apply_gates(ratings: dict[str, Rating], criteria_set: CriteriaSet) -> dict[str, int]:
    """Lower each gated rating to its gate's level, in place; the levels as rated, by id."""
    gated_from: dict[str, int] = {}
    for gate in criteria_set.gates:
        consent = ratings.get(gate.indicator)
        if consent is None:
            continue
        for ident in gate.gated:
            rating = ratings.get(ident)
            if rating is not None and rating.level > consent.level:
                gated_from.setdefault(ident, rating.level)
                ratings[ident] = rating.model_copy(update={"level": consent.level})
    return gated_from


def capped_band(
    band: str, ratings: Mapping[str, Rating], criteria_set: CriteriaSet
) -> tuple[str, tuple[Cap, ...]]:
    """The band after the caps whose condition holds, and the caps that lowered it."""
    binding = [
        cap
        for cap in criteria_set.caps
        if cap.indicator in ratings
        and cap.holds(ratings[cap.indicator].level)
        and criteria_set.band_rank(cap.band) > criteria_set.band_rank(band)
    ]
    if not binding:
        return band, ()
    lowest = max(binding, key=lambda cap: criteria_set.band_rank(cap.band))
    return lowest.band, tuple(binding)


def _own_scale(crit_utility: float, criterion: Criterion) -> float:
    return 100.0 * (1.0 - crit_utility if criterion.direction == "risk" else crit_utility)


def _indicator_scores(
    criterion: Criterion,
    ratings: dict[str, Rating],
    not_applicable: Mapping[str, NotApplicableRating],
    criterion_share: float,
    additive: bool,
    gated_from: Mapping[str, int],
) -> tuple[IndicatorScore, ...]:
    rated_weight = fsum(i.weight for i in criterion.indicators if i.id in ratings)
    result = []
    for indicator in criterion.indicators:
        rating = ratings.get(indicator.id)
        if rating is None:
            result.append(
                IndicatorScore(
                    indicator,
                    None,
                    None,
                    0.0,
                    0.0 if additive else None,
                    not_applicable.get(indicator.id),
                )
            )
            continue
        value = utility(rating.level, criterion.direction)
        share = criterion_share * indicator.weight / rated_weight
        points = 100.0 * share * value if additive else None
        result.append(
            IndicatorScore(
                indicator, rating, value, share, points, gated_from=gated_from.get(indicator.id)
            )
        )
    return tuple(result)
