"""The intervals and band probabilities of many profiles, with numpy: what the exact engine
shows, at a fraction of its cost.

The exact engine (``allyeval.core.distribution``) convolves integer counts in dictionaries:
about 7 ms for one profile under the default criteria, whose grid has tens of thousands of
cells. Here the same convolution runs on the same exact grid (every value is exact), with
float probabilities, in numpy: the grid is one array of cells, and each group of ratings
sharing a coefficient adds one shifted, scaled copy of it per level the group can sum to.
numpy takes about 80 ms to import, so this engine is used for batches (``VECTORISED_FROM``
profiles or more), never for one profile.

**Exact to what is shown.** Every value is exact. Each cumulative probability is a float
within about 1e-10 of the exact one at worst (products of a few dozen floats, then a running
sum over at most ``MAX_CELLS`` values; about 1e-12 for the default criteria), inside
``CERTAIN`` = 1e-9. A percentile is the first value whose cumulative
probability reaches q: it is taken from the floats only when the floats leave no doubt (every
earlier cumulative probability is below q - CERTAIN and this one at least q + CERTAIN), and
recomputed by the exact engine otherwise. A band probability is kept only when anything within
CERTAIN of it is shown the same way (four decimals, a whole percentage); otherwise the exact
engine gives it. So a report reads the same whichever engine made it; an equivalence test
checks this on the examples and on drawn profiles.

Weights whose exact grid would be too large (see ``MAX_CELLS``) keep the pure-Python engine,
which bounds them (``allyeval.core.grid``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt

from allyeval.core.distribution import (
    CERTAIN,
    DEFAULT_LEVEL,
    Bucketed,
    _float_spread,
    exact_distribution,
    interval_quantiles,
)
from allyeval.core.grid import level_sum
from allyeval.core.layout import Layout, Term, layout_of
from allyeval.core.models import Confidence
from allyeval.core.scoring import CriterionScore, ProfileScore
from allyeval.core.uncertainty import (
    Distribution,
    criterion_terms,
    overall_terms,
    score_distribution,
    shown_criterion_distribution,
)

MAX_CELLS = 1 << 20
"""Cells of the exact grid (positions from the least to the greatest value) above which a
distribution is left to the pure-Python engine: a cumulative sum of at most this many floats
stays within about 1e-10 of the exact one, ten times inside ``CERTAIN``."""

FLOAT_WORK = 20_000_000
"""Cell updates (values added times the cells they are added to, ``_updates``) above which
the exact grid is left for the bounded one: up to about 40 ms here, for a grid too large for
the processor's caches (about 0.4 ns an update when it fits, 1 to 3 ns when it does not).
Under the default criteria a profile's overall score needs about a million at most with
mixed confidence, 8.5 million with 25 indicators rated at low confidence (the case of
``tests/test_shown_intervals.py``). Below it, floats on the exact grid still show the exact
interval, where the bounded grid could be some hundredths of a point off. A criterion gets
its share of it (``uncertainty.criterion_share``)."""


EXACT_FLOAT = 1 << 53
"""Integers below this are exact as floats (a value is ``position * numerator / denominator``)."""


@dataclass(frozen=True, slots=True)
class FloatDistribution:
    """A quantity taking the value ``keys[i] * step``, with cumulative probabilities as floats
    (see the module docstring for how close); *source*: its terms, to recompute it exactly."""

    step: Fraction
    keys: npt.NDArray[np.integer[Any]]
    cumulative: npt.NDArray[np.float64]
    """P(value <= keys[i] * step), for each i."""
    source: tuple[Term, ...]

    def quantile(self, q: Fraction) -> float:
        """The smallest value whose cumulative probability is at least *q* (as the exact
        engine gives it: from the floats when they are certain, else exactly)."""
        return self._quantiles((q,))[0]

    def interval(self, level: float = DEFAULT_LEVEL) -> tuple[float, float]:
        low, high = self._quantiles(interval_quantiles(level))
        return low, high

    def _quantiles(self, levels: Sequence[Fraction]) -> list[float]:
        """Each level's quantile: the first value whose cumulative probability is at least
        q - CERTAIN, taken from the floats when it is also the first at least q + CERTAIN
        (the floats leave no doubt), else from the exact engine. One search for them all."""
        targets = [q.numerator / q.denominator + side for q in levels for side in _SIDES]
        found = np.searchsorted(self.cumulative, targets).tolist()
        top, bottom = self.step.numerator, self.step.denominator
        values = []
        for q, first, last in zip(levels, found[::2], found[1::2], strict=True):
            if first == len(self.keys) or first != last:
                values.append(exact_distribution(self.source).quantile(q))
            else:
                values.append(int(self.keys[first]) * top / bottom)
        return values

    def bucket_probabilities(self, bounds: Sequence[float]) -> list[float]:
        """As ``Distribution.bucket_probabilities``: each bucket's probability, the float when
        it is certain to be shown as the exact one would be, else the exact one."""
        top, bottom = self.step.numerator, self.step.denominator
        values = (self.keys * top).astype(np.float64) / bottom  # as Python's k * top / bottom
        cuts = [0, *np.searchsorted(values, list(bounds[1:])).tolist(), len(self.keys)]
        chances = []
        for a, b in pairwise(cuts):
            start = 0.0 if a == 0 else float(self.cumulative[a - 1])
            end = 1.0 if b == len(self.keys) else float(self.cumulative[b - 1])
            chances.append(0.0 if a == b else min(max(end - start, 0.0), 1.0))
        if all(_shown(max(p - CERTAIN, 0.0)) == _shown(min(p + CERTAIN, 1.0)) for p in chances):
            return chances
        return exact_distribution(self.source).bucket_probabilities(bounds)


_SIDES = (-CERTAIN, CERTAIN)


def _shown(probability: float) -> tuple[float, str]:
    """What a report shows of a probability: four decimals (JSON), a whole percentage."""
    return round(probability, 4), f"{probability:.0%}"


def float_distribution(terms: Sequence[Term], share: float = 1.0) -> FloatDistribution | None:
    """The distribution of ``sum(coefficient * level)`` over independent uncertain levels, as
    floats on the exact grid; None where that grid is too large or too fine for floats, or
    costs more than *share* of FLOAT_WORK (the caller then takes the bounded grid, as one
    profile alone does: a batch must show what one profile shows, see
    ``uncertainty.shown_distribution``)."""
    terms = tuple(terms)
    layout = layout_of(terms)
    if layout is None:
        return None
    limit = FLOAT_WORK * share
    certain = layout.widest <= MAX_CELLS and layout.most_updates <= limit  # whatever the levels
    if not certain and _too_costly(terms, layout, share):
        return None
    parts = []
    low = 0
    for positions, multiple in zip(layout.groups, layout.multiples, strict=True):
        ratings = sorted([(terms[i][1], terms[i][2]) for i in positions])
        start, spread = _level_sum(tuple(ratings))
        low += multiple * start
        parts.append((len(spread), multiple, spread))
    cells = sum((n - 1) * multiple for n, multiple, _ in parts) + 1
    step = layout.step
    highest = abs(low) + cells
    if cells > MAX_CELLS or highest * step.numerator >= EXACT_FLOAT:
        return None
    if not certain and _updates(parts) > limit:
        return None
    if step.denominator >= EXACT_FLOAT:
        return None
    cell = _convolved(parts)
    keys = np.flatnonzero(cell)
    return FloatDistribution(step, keys + low, np.cumsum(cell[keys]), terms)


def _too_costly(terms: tuple[Term, ...], layout: Layout, share: float) -> bool:
    """Whether the exact grid is certain to be too large or too costly, judged before any
    sum of levels is worked out: a group of at most FEW_LEVELS ratings sums to exactly as many
    values as their spreads allow (a larger group, whose sum is trimmed, counts as one)."""
    sizes = []
    for positions, multiple in zip(layout.groups, layout.multiples, strict=True):
        if len(positions) > FEW_LEVELS:
            sizes.append((1, multiple, None))
            continue
        values = 1 + sum(len(_float_spread(terms[i][1], terms[i][2])[1]) - 1 for i in positions)
        sizes.append((values, multiple, None))
    cells = sum((n - 1) * multiple for n, multiple, _ in sizes) + 1
    return cells > MAX_CELLS or _updates(sizes) > FLOAT_WORK * share


def _updates(parts: Sequence[tuple[int, int, object]]) -> int:
    """The cell updates :func:`_convolved` makes for *parts* (values, multiple, spread): the
    first (fewest values) is placed, each value of every other one is added to every cell of
    the grid so far."""
    ordered = sorted(parts, key=lambda part: part[0])
    n, multiple, _ = ordered[0]
    width = updates = (n - 1) * multiple + 1
    for n, multiple, _ in ordered[1:]:
        updates += n * width
        width += (n - 1) * multiple
    return updates


def _convolved(
    parts: list[tuple[int, int, npt.NDArray[np.float64]]],
) -> npt.NDArray[np.float64]:
    """The probability of each cell of the grid (zero where no value falls), from each part's
    (number of levels, multiple of the step, probabilities): one shifted, scaled copy of the
    array so far per level of each part. The supports are dense on the grid (most cells hold
    a value), so this beats merging outer sums by position, about 2.5 times here."""
    # A part of multiple 0 (a coefficient below half a step of the finest grid) puts all its
    # values at 0: it changes nothing.
    ordered = sorted((part for part in parts if part[1]), key=lambda part: part[0])
    if not ordered:
        return np.ones(1)
    n, multiple, spread = ordered[0]
    cells: npt.NDArray[np.float64] = np.zeros((n - 1) * multiple + 1)
    cells[::multiple] = spread
    for n, multiple, spread in ordered[1:]:
        width = len(cells)
        merged = np.zeros(width + (n - 1) * multiple)
        for level, probability in enumerate(spread.tolist()):
            start = level * multiple
            merged[start : start + width] += probability * cells
        cells = merged
    return cells


@lru_cache(maxsize=4096)
def _level_sum(
    ratings: tuple[tuple[int, Confidence], ...],
) -> tuple[int, npt.NDArray[np.float64]]:
    """The distribution of a sum of levels (lowest sum, probabilities), remembered: a few
    levels convolved one by one (numpy, no cell dropped), many by repeated squaring
    (``grid.level_sum``)."""
    spreads = [_float_spread(level, conf) for level, conf in ratings]
    if len(spreads) > FEW_LEVELS:
        start, probs = level_sum(spreads)
        return start, np.asarray(probs, dtype=np.float64)
    start, summed = 0, np.ones(1)
    for low, spread in spreads:
        start += low
        summed = np.convolve(summed, spread)
    return start, summed


FEW_LEVELS = 16
"""Ratings sharing a coefficient up to which their levels are summed one by one."""


def score_float_distribution(result: ProfileScore) -> FloatDistribution | Distribution:
    """``uncertainty.score_distribution``, as floats where that one is exact."""
    return float_distribution(overall_terms(result)) or score_distribution(result)


def criterion_float_distribution(crit: CriterionScore, share: float = 1.0) -> Bucketed | None:
    """``uncertainty.shown_criterion_distribution``, as floats wherever the exact grid is
    affordable (*share*: of the budgets, ``uncertainty.criterion_share``)."""
    if crit.utility is None:
        return None
    found = float_distribution(criterion_terms(crit), share)
    if found is not None:
        return found
    return shown_criterion_distribution(crit, share)
