"""What-if ratings: a profile with some levels changed, for one run only (``--set``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from allyeval.core.errors import UsageError
from allyeval.core.models import LEVELS, CriteriaSet, Profile, Rating


@dataclass(frozen=True, slots=True)
class Override:
    """One rating changed for this run: the indicator, its level in the file and the new one."""

    indicator_id: str
    indicator_name: str
    before: int | None
    """The level in the file (None: not rated or n/a there)."""
    after: int


def parse_settings(settings: Sequence[str], criteria_set: CriteriaSet) -> dict[str, int]:
    """``INDICATOR=LEVEL`` strings as {indicator id: level}; a UsageError (one line) names the
    first that is malformed, names no indicator of *criteria_set* or gives no level 0-4."""
    known = criteria_set.indicators
    levels: dict[str, int] = {}
    for setting in settings:
        indicator, equals, level = setting.partition("=")
        indicator, level = indicator.strip(), level.strip()
        if not equals or not indicator:
            raise UsageError(f"--set {setting!r}: expected INDICATOR=LEVEL, e.g. joint_exercises=3")
        if indicator not in known:
            raise UsageError(
                f"--set {setting!r}: {criteria_set.name} has no indicator {indicator!r}"
                " (allyeval criteria lists them)"
            )
        if level not in {str(n) for n in LEVELS}:
            raise UsageError(f"--set {setting!r}: the level must be 0, 1, 2, 3 or 4")
        levels[indicator] = int(level)
    return levels


def with_levels(
    profile: Profile, levels: Mapping[str, int], criteria_set: CriteriaSet
) -> tuple[Profile, tuple[Override, ...]]:
    """*profile* with each indicator of *levels* rated at that level, and what changed.

    A rating keeps its confidence, evidence and sources; an indicator not rated in the file
    (or rated n/a) becomes a medium-confidence rating whose evidence says it is a what-if."""
    known = criteria_set.indicators
    ratings = dict(profile.ratings)
    overrides = []
    for indicator, level in levels.items():
        current = ratings.get(indicator)
        if isinstance(current, Rating):
            before: int | None = current.level
            ratings[indicator] = current.model_copy(update={"level": level})
        else:
            before = None
            ratings[indicator] = Rating(
                level=level,
                confidence="medium",
                evidence="What-if level set on the command line (--set); no evidence.",
            )
        overrides.append(Override(indicator, known[indicator][1].name, before, level))
    # A new instance rather than a copy, since the profile caches its ratings by kind; every
    # value in it is already valid (the levels are checked by their Rating).
    data = {name: getattr(profile, name) for name in type(profile).model_fields}
    changed = Profile.model_construct(profile.model_fields_set, **(data | {"ratings": ratings}))
    return changed, tuple(overrides)
