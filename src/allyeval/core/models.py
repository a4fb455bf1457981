"""The data allyeval reads: a criteria set and partnership profiles, validated strictly.

Both are written by hand, so every model forbids unknown fields (a typo is an error, not a
silently ignored key) and numbers are taken only where a number is meant.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from allyeval.core.sources import Source, SourceEntry
from allyeval.core.text import Prose, Text, check_metadata, check_prose

LEVELS = (0, 1, 2, 3, 4)
MAX_LEVEL = LEVELS[-1]

Identifier = Annotated[
    str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)
]
Weight = Annotated[float, Field(gt=0, le=1_000_000, allow_inf_nan=False, strict=True)]
"""Relative weights: only their ratios matter, so a bound keeps every sum finite."""
Level = Annotated[int, Field(ge=0, le=MAX_LEVEL, strict=True)]
Year = Annotated[int, Field(ge=1000, le=2999, strict=True)]
Direction = Literal["benefit", "risk"]
Confidence = Literal["low", "medium", "high"]
Kind = Literal["bilateral", "multilateral", "defense_cooperation_agreement", "strategic_dialogue"]
FormalBasis = Literal["treaty", "mou", "none"]
MetadataValue = Annotated[str | int | float | bool | None, AfterValidator(check_metadata)]
MemberCodes = Literal["iso", "cow"]
NOT_APPLICABLE = "n/a"
INSUFFICIENT = "insufficient"
"""The band of a profile whose coverage is below the criteria's ``min_coverage``."""
DEFAULT_MIN_COVERAGE = 0.6


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, cache_strings="keys")


class SourceRef(_Strict):
    """Where in the source documents an indicator or criterion comes from."""

    file: Text
    section: Text


class Document(_Strict):
    file: Text
    title: Text


class Band(_Strict):
    """A named score range: a profile is in the first band whose ``min`` its score reaches."""

    name: Identifier
    min: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False, strict=True)]


KINDS: tuple[Kind, ...] = (
    "bilateral",
    "multilateral",
    "defense_cooperation_agreement",
    "strategic_dialogue",
)


class Indicator(_Strict):
    id: Identifier
    name: Text
    weight: Weight
    question: Prose
    rubric: dict[Level, Prose]
    recommendation: Prose
    source: SourceRef
    key_terms: list[Text] = []
    """Words of the source section the indicator is drawn from (a test finds one there)."""
    added: dict[Level, Text] = {}
    """Per level, the thresholds of its anchor that are the modeller's, not the documents'."""
    applicability: Text | None = None
    """When to rate the indicator ``n/a`` and when to leave it unrated."""
    kinds: list[Kind] = list(KINDS)
    """The kinds of partnership the indicator applies to; for the others it is ``n/a``."""

    @model_validator(mode="after")
    def _rubric_has_every_level(self) -> Indicator:
        missing = [level for level in LEVELS if level not in self.rubric]
        if missing:
            raise ValueError(
                f"rubric of {self.id!r} must describe every level 0-4; "
                f"missing {', '.join(map(str, missing))}"
            )
        return self


class Criterion(_Strict):
    id: Identifier
    name: Text
    description: Prose
    direction: Direction
    weight: Weight
    source: SourceRef
    indicators: Annotated[list[Indicator], Field(min_length=1)]


class Cap(_Strict):
    """A band limit no score can average away: when the indicator's level is at least
    ``at_least`` (or at most ``at_most``), the band is at most ``band``."""

    indicator: Identifier
    at_least: Level | None = None
    at_most: Level | None = None
    band: Identifier
    reason: Text

    @model_validator(mode="after")
    def _one_bound(self) -> Cap:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError(
                f"the cap on {self.indicator!r} needs exactly one of 'at_least' and 'at_most'"
            )
        return self

    @property
    def condition(self) -> str:
        """The condition as people read it: ``strategic_divergence >= 3``."""
        if self.at_least is not None:
            return f"{self.indicator} >= {self.at_least}"
        return f"{self.indicator} <= {self.at_most}"

    def holds(self, level: int) -> bool:
        if self.at_least is not None:
            return level >= self.at_least
        return self.at_most is not None and level <= self.at_most


class Gate(_Strict):
    """Credit for the ``gated`` indicators is limited by the level of ``indicator``: each
    counts at most at that level (integration imposed without consent is not partnership)."""

    indicator: Identifier
    gated: Annotated[list[Identifier], Field(min_length=1)]
    reason: Text


class CriteriaSet(_Strict):
    """The evaluation model: criteria, their indicators, weights, rubrics and score bands."""

    name: Identifier
    version: Text
    title: Text
    documents: list[Document] = []
    min_coverage: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False, strict=True)] = (
        DEFAULT_MIN_COVERAGE
    )
    """Below this coverage a profile's band is ``insufficient``, whatever its score."""
    bands: Annotated[list[Band], Field(min_length=1)]
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    caps: list[Cap] = []
    """Band limits that hold whatever the score (see :class:`Cap`)."""
    gates: list[Gate] = []
    """Indicators whose credit another indicator limits (see :class:`Gate`)."""
    retired: dict[Identifier, Text] = {}
    """Indicators of an earlier version of the model, each with what it became: a rating for
    one is an error that says so."""

    @model_validator(mode="after")
    def _consistent(self) -> CriteriaSet:
        seen: set[str] = set()
        items: list[Criterion | Indicator] = [*self.criteria]
        items += [i for c in self.criteria for i in c.indicators]
        for item in items:
            if item.id in seen:
                raise ValueError(f"id {item.id!r} is used twice; ids must be unique")
            seen.add(item.id)
        if not any(c.direction == "benefit" for c in self.criteria):
            raise ValueError("at least one criterion must have direction 'benefit'")
        mins = [band.min for band in self.bands]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            raise ValueError("bands must be listed from the highest 'min' down, each different")
        if mins[-1] != 0:
            raise ValueError("the last band must have 'min: 0' so that every score has a band")
        if any(band.name == INSUFFICIENT for band in self.bands):
            raise ValueError(
                f"no band may be named {INSUFFICIENT!r}: allyeval gives that band to profiles "
                "whose coverage is below min_coverage"
            )
        self._check_caps_and_gates(seen)
        return self

    def _check_caps_and_gates(self, ids: set[str]) -> None:
        names = [band.name for band in self.bands]
        direction = {i.id: c.direction for c in self.criteria for i in c.indicators}
        for cap in self.caps:
            if cap.indicator not in direction:
                raise ValueError(f"cap on unknown indicator {cap.indicator!r}")
            if cap.band not in names:
                raise ValueError(f"cap on {cap.indicator!r} names unknown band {cap.band!r}")
        for gate in self.gates:
            for ident in (gate.indicator, *gate.gated):
                if ident not in direction:
                    raise ValueError(f"gate names unknown indicator {ident!r}")
            for ident in gate.gated:
                if direction[ident] != "benefit" or ident == gate.indicator:
                    raise ValueError(
                        f"gate on {ident!r}: only other indicators of benefit criteria can be gated"
                    )
        for ident in self.retired:
            if ident in ids:
                raise ValueError(f"{ident!r} is both an indicator and retired")

    def band_rank(self, name: str) -> int:
        """Position of a band from the top (0: the highest band)."""
        return [band.name for band in self.bands].index(name)

    def with_min_coverage(self, value: float) -> CriteriaSet:
        """The same criteria with another ``min_coverage`` (validated, with its own digest)."""
        return CriteriaSet.model_validate({**self.model_dump(), "min_coverage": value})

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the criteria's content (not of the file: comments and layout don't count)."""
        canonical = json.dumps(
            self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @cached_property
    def indicators(self) -> dict[str, tuple[Criterion, Indicator]]:
        """Every indicator by id, with its criterion, in the file's order."""
        return {i.id: (c, i) for c in self.criteria for i in c.indicators}

    def band(self, score: float) -> str:
        """The name of the band *score* (0-100, unrounded) falls in."""
        return next(band.name for band in self.bands if score >= band.min)


class Rating(_Strict):
    """An analyst's rating of one indicator, with the evidence that supports it."""

    level: Level
    confidence: Confidence
    evidence: Prose
    sources: list[SourceEntry] = []


class NotApplicableRating(_Strict):
    """An indicator that does not apply to the partnership in its era (``level: n/a``), with
    the evidence saying why. It is left out of the score and of the coverage."""

    level: Literal["n/a"]
    evidence: Prose
    confidence: Confidence | None = None
    sources: list[SourceEntry] = []


class PendingRating(_Strict):
    """An indicator listed with an empty level (as ``allyeval init`` writes it): not yet rated.

    It counts as missing, like an indicator left out, until a level is filled in."""

    level: None
    confidence: Confidence | None = None
    evidence: Annotated[str, AfterValidator(check_prose)] | None = None
    sources: list[SourceEntry] = []


def _rating_kind(value: object) -> str:
    if isinstance(value, PendingRating | NotApplicableRating):  # when serialising
        return "pending" if isinstance(value, PendingRating) else NOT_APPLICABLE
    if isinstance(value, dict) and "level" in value:
        if value["level"] is None:
            return "pending"
        if value["level"] == NOT_APPLICABLE:
            return NOT_APPLICABLE
    return "rated"


RatingEntry = Annotated[
    Annotated[Rating, Tag("rated")]
    | Annotated[PendingRating, Tag("pending")]
    | Annotated[NotApplicableRating, Tag(NOT_APPLICABLE)],
    Discriminator(_rating_kind),
]
RATING_TAGS = ("rated", "pending", NOT_APPLICABLE)


class Profile(_Strict):
    """One partnership as of one date, with the analyst's ratings keyed by indicator id."""

    id: Identifier
    criteria: Identifier | None = None
    """The name of the criteria model the ratings are against; None: the default model."""
    name: Text
    kind: Kind
    members: Annotated[list[Text], Field(min_length=1)]
    member_codes: MemberCodes = "iso"
    established: Year
    ended: Year | None = None
    formal_basis: FormalBasis
    region: Text
    as_of: dt.date
    rated_by: Text | None = None
    """Who rated the profile (an analyst, a team); ``allyeval agree`` names raters by it."""
    summary: Prose
    ratings: dict[Text, RatingEntry] = {}
    metadata: dict[Text, MetadataValue] = {}

    @cached_property
    def rated(self) -> dict[str, Rating]:
        """The ratings that have a level, by indicator id (pending ones left out)."""
        return {key: r for key, r in self.ratings.items() if isinstance(r, Rating)}

    @cached_property
    def not_applicable(self) -> dict[str, NotApplicableRating]:
        """The indicators rated ``n/a``, by indicator id."""
        return {key: r for key, r in self.ratings.items() if isinstance(r, NotApplicableRating)}

    def sources(self) -> list[tuple[str, str | Source]]:
        """Every source of every rating, as (indicator id, source), in the file's order."""
        return [
            (key, source)
            for key, entry in self.ratings.items()
            if not isinstance(entry, PendingRating)
            for source in entry.sources
        ]

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        duplicates = sorted({m for m in self.members if self.members.count(m) > 1})
        if duplicates:
            raise ValueError(f"members listed twice: {', '.join(duplicates)}")
        if self.ended is not None and self.ended < self.established:
            raise ValueError(f"ended ({self.ended}) is before established ({self.established})")
        return self
