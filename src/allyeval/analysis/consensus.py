"""Several raters' profiles of one partnership merged into one consensus profile.

Per indicator, over the raters who gave it a level:

- **level**: the median level; with an even number of raters the lower of the two middle
  levels (a consensus should not claim more than half the raters saw);
- **confidence**: the median of the raters' confidences (low < medium < high, the lower on a
  tie), then capped by how far the raters' levels spread: a spread of 1 level is at most
  ``medium`` ("could be a level off"), of 2 or more at most ``low`` ("could be two levels
  off"), the meanings the uncertainty model gives those words;
- **evidence**: each rater's text, attributed ("analyst-a (level 2, high): ..."), one line
  each; the text as it is when every rater wrote the same words;
- **sources**: the union, in the order they first appear.

Descriptive fields (name, members, summary...) come from the first profile; the metadata is the
first profile's with the raters and the alpha added. Indicators no rater rated are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from allyeval.core.models import Confidence, CriteriaSet, MetadataValue, Profile, Rating

CONFIDENCES: tuple[Confidence, ...] = ("low", "medium", "high")
SPREAD_CAPS: dict[int, Confidence] = {0: "high", 1: "medium"}
"""The highest confidence a consensus level keeps for a spread of raters' levels (else low)."""


def rated(entry: object) -> Rating | None:
    """The rating if *entry* gives a level, else None.

    The one test of "rated" for agreement and consensus: a pending rating (empty level) and a
    not-applicable one are both "not rated", never a disagreement.
    """
    if isinstance(entry, Rating) and isinstance(entry.level, int):
        return entry
    return None


def lower_median(values: Sequence[int]) -> int:
    """The median of *values*; with an even count, the lower of the two middle values."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def consensus_confidence(ratings: Sequence[Rating]) -> Confidence:
    """The raters' median confidence, capped by the spread of their levels (see above)."""
    median = CONFIDENCES[lower_median([CONFIDENCES.index(r.confidence) for r in ratings])]
    levels = [r.level for r in ratings]
    cap = SPREAD_CAPS.get(max(levels) - min(levels), "low")
    return CONFIDENCES[min(CONFIDENCES.index(median), CONFIDENCES.index(cap))]


def consensus_rating(labels: Sequence[str], ratings: Sequence[Rating | None]) -> Rating | None:
    """One indicator's consensus rating from each rater's (None: that rater did not rate it)."""
    given = [(label, r) for label, r in zip(labels, ratings, strict=True) if r is not None]
    if not given:
        return None
    texts = {r.evidence for _, r in given}
    if len(texts) == 1:
        evidence = texts.pop()
    else:
        evidence = "\n".join(
            f"{label} (level {r.level}, {r.confidence}): {r.evidence}" for label, r in given
        )
    # Built from validated ratings, so not validated again: the text rules (core/text.py)
    # hold already, and a caller's model built without the loader must not end in a traceback.
    return Rating.model_construct(
        level=lower_median([r.level for _, r in given]),
        confidence=consensus_confidence([r for _, r in given]),
        evidence=evidence,
        sources=list(dict.fromkeys(source for _, r in given for source in r.sources)),
    )


def consensus_profile(
    profiles: Sequence[Profile],
    labels: Sequence[str],
    criteria_set: CriteriaSet,
    notes: dict[str, MetadataValue],
) -> Profile:
    """The consensus of *profiles* (rated by *labels*), with *notes* added to its metadata."""
    ratings: dict[str, Rating] = {}
    for indicator_id in criteria_set.indicators:
        entries = [rated(p.ratings.get(indicator_id)) for p in profiles]
        merged = consensus_rating(labels, entries)
        if merged is not None:
            ratings[indicator_id] = merged
    first = profiles[0]
    fields: dict[str, Any] = {
        name: getattr(first, name) for name in type(first).model_fields if name != "ratings"
    }
    fields |= {
        "rated_by": "consensus of " + ", ".join(labels),
        "ratings": ratings,
        "metadata": {**first.metadata, **notes},
    }
    return Profile.model_construct(**fields)
