"""Krippendorff's alpha for ordinal ratings, and a seeded bootstrap interval for it.

The units are indicators, the values their levels (0-4), one per rater who rated the unit.
Following Krippendorff (2011, "Computing Krippendorff's Alpha-Reliability"), only pairable units
count (those with at least two values). Each unit u with m_u values adds to the coincidence
matrix, for every ordered pair of values c, k from two different raters, 1 / (m_u - 1):

    o_ck = sum over units of  n_uc * (n_uk - [c = k]) / (m_u - 1)

With n_c = sum_k o_ck (how often value c was given in pairable units) and n = sum_c n_c, the
ordinal distance between two levels counts the values between them:

    delta2_ck = (sum_{g = c..k} n_g  -  (n_c + n_k) / 2) ** 2

and alpha = 1 - (n - 1) * sum(o_ck * delta2_ck) / sum(n_c * n_k * delta2_ck).

Alpha is 1 when every pairable unit's values agree, about 0 when they agree as often as chance
would, and negative when they disagree systematically. It is undefined (None) when there is no
pairable unit, or when all pairable values are the same level: with no variation, agreement
cannot be told from chance.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from allyeval.core.models import LEVELS
from allyeval.core.uncertainty import sample_interval

VALUES = len(LEVELS)
Unit = Sequence[int]
"""The levels the raters gave one indicator (raters who did not rate it left out)."""
Coincidences = tuple[float, ...]
"""A VALUES x VALUES coincidence matrix, row by row."""


RELIABLE = 0.8
"""Krippendorff's (2004/2018) guidance: rely on data with alpha at least .800 ..."""
TENTATIVE = 0.667
"""... and draw only tentative conclusions from alpha between .667 and .800; below, none."""


def reading(value: float | None) -> str:
    """How Krippendorff's guidance reads *value*: reliable, tentative, unreliable, undefined."""
    if value is None:
        return "undefined"
    if value >= RELIABLE:
        return "reliable"
    return "tentative" if value >= TENTATIVE else "unreliable"


def coincidences(unit: Unit) -> Coincidences:
    """What one unit adds to the coincidence matrix (all zero if it is not pairable)."""
    matrix = [0.0] * (VALUES * VALUES)
    if len(unit) < 2:
        return tuple(matrix)
    counts = [unit.count(value) for value in range(VALUES)]
    pairs = len(unit) - 1
    for c in range(VALUES):
        for k in range(VALUES):
            matrix[c * VALUES + k] = counts[c] * (counts[k] - (c == k)) / pairs
    return tuple(matrix)


def alpha_of(matrix: Sequence[float]) -> float | None:
    """Ordinal alpha from a coincidence matrix, or None where it is undefined."""
    totals = [sum(matrix[c * VALUES : (c + 1) * VALUES]) for c in range(VALUES)]
    n = sum(totals)
    observed = expected = 0.0
    # Each unordered pair of levels once: both sums are half the full symmetric sums.
    for c in range(VALUES):
        between = totals[c] / 2
        for k in range(c + 1, VALUES):
            distance = (between + totals[k] / 2) ** 2
            observed += matrix[c * VALUES + k] * distance
            expected += totals[c] * totals[k] * distance
            between += totals[k]
    if n <= 1 or expected <= 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def krippendorff_alpha(units: Sequence[Unit]) -> float | None:
    """Ordinal Krippendorff's alpha of *units* (each the levels given to one indicator)."""
    return alpha_of(_sum([coincidences(unit) for unit in units]))


@dataclass(frozen=True, slots=True)
class Alpha:
    """Alpha over a set of indicators, with its bootstrap interval and what it rests on."""

    value: float | None
    """None: undefined (no indicator rated by two raters, or no variation in the levels)."""
    interval: tuple[float, float] | None
    """The central bootstrap interval; None when alpha is undefined in every draw."""
    units: int
    """Indicators rated by at least two raters: the ones alpha is computed over."""
    left_out: int
    """Indicators rated by fewer than two raters (pending, n/a or absent): not counted."""
    values: int
    """Levels given in the counted indicators (Krippendorff's n)."""
    draws: int
    """Bootstrap draws in which alpha was defined (the interval is taken over these)."""


def estimate(units: Sequence[Unit], *, seed: int, samples: int, level: float = 0.95) -> Alpha:
    """Alpha of *units* and its bootstrap interval at *level*.

    The bootstrap resamples the pairable units (indicators) with replacement, *samples* times,
    from ``random.Random(seed)``, and takes the percentiles of alpha over the draws in which it
    is defined (the same percentile rule as the score intervals).
    """
    pairable = [unit for unit in units if len(unit) >= 2]
    matrices = [coincidences(unit) for unit in pairable]
    value = alpha_of(_sum(matrices))
    draws = _bootstrap(matrices, seed, samples) if value is not None else []
    return Alpha(
        value=value,
        interval=sample_interval(draws, level) if draws else None,
        units=len(pairable),
        left_out=len(units) - len(pairable),
        values=sum(len(unit) for unit in pairable),
        draws=len(draws),
    )


def _bootstrap(matrices: list[Coincidences], seed: int, samples: int) -> list[float]:
    rng = random.Random(f"allyeval-agree:{seed}")
    size = len(matrices)
    # Units with the same levels add the same matrix, and a matrix has few non-zero cells:
    # summing by kind over those cells keeps each draw cheap.
    kinds = list(dict.fromkeys(matrices))
    kind_of = [kinds.index(matrix) for matrix in matrices]
    cells = [[(cell, value) for cell, value in enumerate(kind) if value] for kind in kinds]
    results: list[float] = []
    for _ in range(samples):
        counts = [0] * len(kinds)
        for position in rng.choices(range(size), k=size):
            counts[kind_of[position]] += 1
        matrix = [0.0] * (VALUES * VALUES)
        for count, kind_cells in zip(counts, cells, strict=True):
            for cell, share in kind_cells if count else ():
                matrix[cell] += count * share
        drawn = alpha_of(matrix)
        if drawn is not None:
            results.append(drawn)
    return results


def _sum(matrices: Sequence[Coincidences]) -> list[float]:
    return [sum(matrix[cell] for matrix in matrices) for cell in range(VALUES * VALUES)]
