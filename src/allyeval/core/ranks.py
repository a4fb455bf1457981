"""Competition ranking: equal scores share the best rank (1, 2, 2, 4)."""

from __future__ import annotations

from collections.abc import Sequence


def competition_ranks(scores: Sequence[float]) -> list[int]:
    """Ranks of *scores*, highest first; equal scores share the best rank (1, 2, 2, 4)."""
    first: dict[float, int] = {}
    for position, score in enumerate(sorted(scores, reverse=True), start=1):
        first.setdefault(score, position)
    return [first[score] for score in scores]
