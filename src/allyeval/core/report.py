"""A scored profile as the renderers see it: where it came from, its score and its findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from allyeval.core.errors import Problem
from allyeval.core.findings import Findings, find
from allyeval.core.loader import display
from allyeval.core.models import CriteriaSet, Profile
from allyeval.core.scoring import CriterionScore, Method, ProfileScore, score_profile
from allyeval.core.sources import Source, cite

if TYPE_CHECKING:
    from allyeval.core.bands import Bucketed
    from allyeval.core.whatif import Override

Interval = tuple[float, float]
Engine = Literal["exact", "vectorised"]
APART_YEARS = 25
"""Assessments further apart than this describe different strategic worlds."""


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of a report's bibliography: a source, numbered, and the ratings citing it."""

    number: int
    source: str | Source
    indicators: tuple[str, ...]

    @property
    def text(self) -> str:
        return cite(self.source)


def bibliography(profile: Profile, order: Sequence[str]) -> tuple[Reference, ...]:
    """Every source of *profile*, numbered in the order the report shows the ratings
    (*order*: indicator ids); a source cited by several ratings is one entry."""
    position = {ident: k for k, ident in enumerate(order)}
    cited = sorted(profile.sources(), key=lambda item: position.get(item[0], len(position)))
    entries: dict[str, tuple[str | Source, list[str]]] = {}
    for indicator, source in cited:
        entry = entries.setdefault(cite(source), (source, []))
        if indicator not in entry[1]:
            entry[1].append(indicator)
    return tuple(
        Reference(number, source, tuple(indicators))
        for number, (source, indicators) in enumerate(entries.values(), start=1)
    )


def kind_of(profile: Profile) -> str:
    """What sort of partnership a profile describes, for the comparability note."""
    if profile.kind in ("bilateral", "multilateral"):
        return (
            "treaty alliance" if profile.formal_basis == "treaty" else "alliance without a treaty"
        )
    return profile.kind.replace("_", " ")


def comparability(profiles: Sequence[tuple[str, dt.date]]) -> str | None:
    """One line saying why a ranking of these (kind, as_of) profiles mixes different things,
    or None when they are alike."""
    kinds = sorted({kind for kind, _ in profiles})
    dates = [as_of for _, as_of in profiles]
    reasons = []
    if len(kinds) > 1:
        reasons.append(f"they differ in kind ({', '.join(kinds)})")
    earliest, latest = min(dates), max(dates)
    if (latest - earliest).days > APART_YEARS * 365.25:
        reasons.append(
            f"they are assessed more than {APART_YEARS} years apart "
            f"({earliest.isoformat()} to {latest.isoformat()})"
        )
    if not reasons:
        return None
    return "Comparability: " + " and ".join(reasons) + "; this ranking mixes different things."


@dataclass(frozen=True)
class Report:
    path: str
    result: ProfileScore
    seed: int = 0
    """Seed of the sampling behind the intervals (used by the geometric method only)."""
    samples: int = 10_000
    overrides: tuple[Override, ...] = ()
    """Ratings changed for this run only (``--set``)."""
    before: ProfileScore | None = None
    """The score without the overrides (None when there are none)."""
    engine: Engine = "exact"
    """Which engine works out the intervals: ``vectorised`` (numpy) for batches. Both show
    the same numbers (see ``allyeval.core.vectorised``)."""

    @property
    def profile(self) -> Profile:
        return self.result.profile

    def for_ranking(self) -> Report:
        """This report without what it has worked out but its interval: what a ranking keeps
        of each profile until the end of a batch (distributions are large; the chance that one
        entry outranks the next is worked out again from the score)."""
        slim = replace(self)
        slim.__dict__["interval"] = self.interval  # where cached_property keeps its value
        return slim

    @cached_property
    def distribution(self) -> Bucketed:
        """The distribution of the overall score (arithmetic method only)."""
        if self.engine == "vectorised":
            from allyeval.core.vectorised import score_float_distribution

            return score_float_distribution(self.result)
        from allyeval.core.uncertainty import shown_distribution

        return shown_distribution(self.result)

    @cached_property
    def interval(self) -> Interval:
        """The 90% interval of the overall score, from the confidence of the ratings."""
        if self.result.method == "arithmetic":
            return self.distribution.interval()
        from allyeval.core.uncertainty import score_interval

        return score_interval(self.result, seed=self.seed, samples=self.samples)

    @cached_property
    def criterion_distributions(self) -> dict[str, Bucketed | None]:
        """The distribution of each criterion's score, on its own scale (None if unrated)."""
        distribution: Callable[[CriterionScore, float], Bucketed | None]
        if self.engine == "vectorised":
            from allyeval.core.vectorised import criterion_float_distribution as distribution
        else:
            from allyeval.core.uncertainty import shown_criterion_distribution as distribution
        from allyeval.core.uncertainty import criterion_share

        share = criterion_share(self.result)
        return {c.criterion.id: distribution(c, share) for c in self.result.criteria}

    @cached_property
    def criterion_intervals(self) -> dict[str, Interval | None]:
        """The 90% interval of each criterion's score, on its own scale (None if unrated)."""
        found = self.criterion_distributions
        return {key: None if d is None else d.interval() for key, d in found.items()}

    def interval_error(self) -> float:
        """How far an end of a shown interval may be from the exact one, at most, in points
        (0: exact), over the distributions worked out so far: the bounded grid's proven error,
        for weights whose exact grid is too costly (``allyeval.core.grid``)."""
        found = [
            self.__dict__.get("distribution"),  # where cached_property keeps its value
            *self.__dict__.get("criterion_distributions", {}).values(),
        ]
        return max((float(getattr(d, "error", 0)) for d in found if d is not None), default=0.0)

    @cached_property
    def band_probabilities(self) -> dict[str, float]:
        """The probability of each band, from the distribution behind the interval."""
        from allyeval.core.bands import band_probabilities

        arithmetic = self.result.method == "arithmetic" and not self.result.provisional
        return band_probabilities(
            self.result,
            seed=self.seed,
            samples=self.samples,
            distribution=self.distribution if arithmetic else None,
        )

    @property
    def sampled(self) -> bool:
        """Whether the intervals come from sampling (geometric) rather than exactly."""
        return self.result.method != "arithmetic"

    @cached_property
    def bibliography(self) -> tuple[Reference, ...]:
        """Every source of the profile, numbered in the order the ratings are shown."""
        order = [item.indicator.id for _, item in self.result.indicator_scores()]
        return bibliography(self.profile, order)

    @cached_property
    def references(self) -> dict[str, tuple[int, ...]]:
        """The bibliography numbers each rating cites, by indicator id."""
        cited: dict[str, list[int]] = {}
        for entry in self.bibliography:
            for indicator in entry.indicators:
                cited.setdefault(indicator, []).append(entry.number)
        return {key: tuple(numbers) for key, numbers in cited.items()}

    @cached_property
    def findings(self) -> Findings:
        """Strengths, weaknesses and recommendations, worked out only for formats that show them."""
        return find(self.result)


def build_report(
    path: str,
    profile: Profile,
    criteria_set: CriteriaSet,
    method: Method = "arithmetic",
    *,
    seed: int = 0,
    samples: int = 10_000,
    engine: Engine = "exact",
) -> Report:
    result = score_profile(profile, criteria_set, method)
    return Report(path, result, seed, samples, engine=engine)


APPROXIMATE_FROM = 0.005
"""A proven error (points) from which the intervals shown are said to be approximate: half
of the last decimal JSON prints."""


def approximate_intervals(report: Report) -> Problem | None:
    """A warning when the intervals *report* has shown are not exact but within a proven
    error of the exact ones (None when they are exact). It is about what is shown, not about
    the input, so --strict does not make it an error."""
    error = report.interval_error()
    if error < APPROXIMATE_FROM:
        return None
    return Problem(
        display(report.path),
        f"the 90% intervals are within {error:.2f} points of the exact ones, not exact: the "
        "criteria's weights need a finer grid than allyeval works out in bounded time (see "
        "'Uncertainty from confidence' in the README)",
        severity="warning",
    )
