"""Score distributions on a bounded grid, for weights whose exact grid is too costly.

The exact engine (``allyeval.core.uncertainty``) convolves integer counts on the coarsest grid
every coefficient is a multiple of. Its cost grows with that grid (the least common multiple
of the weights' denominators: millions of cells for weights such as 1.5/2.5/3.5) and with the
size of the counts (``9^n`` for n low-confidence ratings: thousands of digits for thousands of
indicators). When the estimated cost is too high the distribution is computed here instead:

* **Parts.** A part is an independent quantity ``coefficient * k`` with ``k`` an integer and
  the probability of each ``k`` a float: the sum of the levels of the ratings that share one
  coefficient, or a whole criterion's distribution scaled by its share of the score.
* **One grid of at most ``MAX_CELLS`` cells.** When every coefficient is a whole multiple of
  a step that fits, that step is used and every value is exact. Otherwise the step is the
  score's range over ``MAX_CELLS``, and each value of a part is moved to the nearest cell: the
  sum then differs from the true one by at most the sum of the parts' half-cells, which is
  recorded as the distribution's ``error`` (a bound on how far any value, and so any
  percentile, can be from the exact one).
* **Floats, with the negligible tails cut.** Probabilities are floats; after each convolution
  the tails holding less than ``TAIL`` of the mass are dropped, so the work follows the
  distribution's spread, not its range.

Cost: one convolution (numpy, on arrays of at most ``MAX_CELLS`` cells) per part, so one
distribution is bounded whatever the weights. A value moved to its nearest cell is found in
floats, and the recorded error allows for their rounding.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

Cells: TypeAlias = npt.NDArray[np.float64]

MAX_CELLS = 2048
"""Cells of a bounded grid (over the score's whole range), unless it can afford more."""

FINEST_CELLS = 1 << 16
"""Most cells of a bounded grid: parts of a few values each (one rating per coefficient) get up
to this many where their budget allows, as each value moved to a cell adds half a cell to
the error."""

BOUNDED_WORK = 8_000_000
"""Budget of a bounded grid with fine cells, in cell updates (values times cells): about
10 ms here at worst (a sparse kernel's shifted copies). A criterion gets its share of it
(``uncertainty.criterion_share``)."""

TAIL = 2.0**-60
"""Mass dropped from each end after a convolution (far below what any display shows)."""


@dataclass(frozen=True, slots=True)
class Part:
    """An independent quantity: ``coefficient * (start + j)`` with probability ``probs[j]``."""

    coefficient: Fraction
    start: int
    probs: Sequence[float] | Cells
    error: Fraction = Fraction(0)
    """How far each of its values may already be from the exact one."""


@dataclass(frozen=True, slots=True)
class Bounded:
    """A distribution on the grid ``step * (start + j)`` with float probabilities."""

    step: Fraction
    start: int
    probs: Cells
    error: Fraction
    """Largest possible distance of any value from the exact one (0: values are exact)."""


def convolve(a: Sequence[float], b: Sequence[float], stride: int = 1) -> list[float]:
    """The distribution of X + stride * Y for independent X ~ *a* and Y ~ *b* (offsets 0)."""
    return _convolved(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64), stride)


def _convolved(a: Cells, b: Cells, stride: int = 1) -> list[float]:
    return list(_convolve(a, b, stride).tolist())


def _convolve(a: Cells, b: Cells, stride: int = 1) -> Cells:
    """:func:`convolve` on arrays: numpy's direct convolution (no FFT, so no cell gains
    noise), each result within a few units in the last place of the exact sum."""
    if stride > 1 and len(b) > 1:
        spaced = np.zeros((len(b) - 1) * stride + 1)
        spaced[::stride] = b
        b = spaced
    return np.convolve(a, b)


def trim(start: int, probs: Cells) -> tuple[int, Cells]:
    """Drop the cells at either end holding together less than TAIL of the mass."""
    size = len(probs)
    if size <= 1:
        return start, probs
    low = min(int(np.searchsorted(np.cumsum(probs), TAIL)), size - 1)
    high = max(size - int(np.searchsorted(np.cumsum(probs[::-1]), TAIL)), low + 1)
    return start + low, probs[low:high]


def level_sum(spreads: Sequence[tuple[int, Sequence[float]]]) -> tuple[int, list[float]]:
    """The distribution of a sum of independent levels, each (lowest level, probabilities).

    Identical spreads (same level, same confidence) are summed by repeated squaring, so a
    thousand equally rated indicators cost a dozen convolutions, not a thousand.
    """
    start, probs = _level_sum(spreads)
    return start, list(probs.tolist())


def _level_sum(spreads: Sequence[tuple[int, Sequence[float]]]) -> tuple[int, Cells]:
    copies: dict[tuple[float, ...], int] = {}
    start = 0
    for low, spread in spreads:
        # Spreads of the same shape at different levels are shifts of one another: their sum
        # is the sum of one shape, shifted by the sum of their lowest levels.
        key = tuple(spread)
        copies[key] = copies.get(key, 0) + 1
        start += low
    probs = np.ones(1)
    for spread, count in sorted(copies.items(), key=lambda item: item[1]):
        power_start, power = _power(0, np.asarray(spread, dtype=np.float64), count)
        start, probs = trim(start + power_start, _convolve(probs, power))
    return start, probs


def _power(low: int, spread: Cells, count: int) -> tuple[int, Cells]:
    """The sum of *count* independent copies of one spread, by repeated squaring."""
    start, probs = 0, np.ones(1)
    base_start, base = low, spread
    while True:
        if count & 1:
            start, probs = trim(start + base_start, _convolve(probs, base))
        count >>= 1
        if not count:
            return start, probs
        base_start, base = trim(2 * base_start, _convolve(base, base))


def cells_for(parts: Sequence[Part], share: float = 1.0) -> int:
    """The cells a bounded grid of *parts* can afford: MAX_CELLS, or more (up to FINEST_CELLS)
    when every part has a few values and *share* of BOUNDED_WORK pays for them."""
    if any(len(part.probs) > SHORT for part in parts):
        return MAX_CELLS
    values = sum(len(part.probs) for part in parts) or 1
    return int(min(FINEST_CELLS, max(MAX_CELLS, BOUNDED_WORK * share / values)))


def combine(
    parts: Sequence[Part],
    exact_step: Fraction | None,
    cells: int = MAX_CELLS,
    multiples: Sequence[int] | None = None,
) -> Bounded:
    """The distribution of the sum of independent *parts* on a grid of at most *cells*.

    *exact_step* is a step every part's coefficient is a whole multiple of (None if there is
    none worth using); it is used when the score's range fits in *cells* of it. *multiples*:
    each part's coefficient over *exact_step*, when known (the same grid, in integers).
    """
    step, ratios = _cells_per_level(parts, exact_step, cells, multiples)
    error = sum((p.error for p in parts if p.error), Fraction(0))
    if parts and all(len(part.probs) <= SHORT for part in parts):
        return _combine_short(parts, step, ratios, error)
    start, probs = 0, np.ones(1)
    moved = 0  # parts whose values were moved to their nearest cell
    largest = 0.0  # the largest value of those, in cells
    order = sorted(range(len(parts)), key=lambda i: len(parts[i].probs))
    for number, index in enumerate(order, start=1):
        part = parts[index]
        multiple, ratio = ratios[index]
        if multiple is not None:
            start += multiple * part.start
            if multiple and len(part.probs) <= SHORT:
                offsets = [multiple * j for j in range(len(part.probs))]
                probs = _shifted_sum(probs, offsets, part.probs)
            elif multiple:
                probs = _convolve(probs, np.asarray(part.probs, dtype=np.float64), multiple)
        else:
            first, spread, highest = _to_cells(ratio, part.start, part.probs)
            moved += 1
            largest = max(largest, highest)
            start += first
            if len(part.probs) <= SHORT:
                values = np.flatnonzero(spread)
                probs = _shifted_sum(probs, values.tolist(), spread[values])
            else:
                probs = _convolve(probs, spread)
        if number % TRIM_EVERY == 0:
            start, probs = trim(start, probs)
    start, probs = trim(start, probs)
    if moved:
        # Each moved value is off by at most half a cell, plus the floats' rounding.
        error += step * moved * (Fraction(1, 2) + Fraction(largest) * SLACK)
    return Bounded(step, start, probs, error)


def _combine_short(
    parts: Sequence[Part], step: Fraction, ratios: Sequence[Ratio], error: Fraction
) -> Bounded:
    """:func:`combine` for parts of a few values each (one rating per coefficient, as with
    unlike weights): every part's cells found at once, then one convolution per part."""
    count, longest = len(parts), max(len(part.probs) for part in parts)
    probs = np.zeros((count, longest))
    levels = np.zeros((count, longest))
    for i, part in enumerate(parts):
        size = len(part.probs)
        probs[i, :size] = part.probs
        levels[i, :size] = np.arange(part.start, part.start + size)
        levels[i, size:] = part.start + size - 1  # padding: the last value again, with 0
    per_level = np.array([ratio for _, ratio in ratios])
    whole = [multiple for multiple, _ in ratios]
    found = np.floor(levels * per_level[:, None] + 0.5).astype(np.int64)
    for i, multiple in enumerate(whole):
        if multiple is not None:  # exactly on the grid: no rounding at all
            found[i] = levels[i].astype(np.int64) * multiple
    first = found.min(axis=1)
    offsets = found - first[:, None]
    widths = (offsets.max(axis=1) + 1).tolist()
    # The narrow kernels (most of them) built at once, one row each; a wide one (fine cells,
    # a large coefficient) is added as shifted copies at its offsets, which are distinct.
    span = DENSE * longest
    narrow = [w <= span for w in widths]
    keep = np.repeat(np.asarray(narrow), longest)
    flat = np.repeat(np.arange(count) * span, longest) + np.where(keep, offsets.ravel(), 0)
    weights = np.where(keep, probs.ravel(), 0.0)
    kernels = np.bincount(flat, weights=weights, minlength=count * span).reshape(count, span)
    start, cells = int(first.sum()), np.ones(1)
    order = np.argsort([len(part.probs) for part in parts], kind="stable")
    for number, i in enumerate(order.tolist(), start=1):
        if narrow[i]:
            cells = np.convolve(cells, kernels[i, : widths[i]])
        else:
            cells = _shifted_sum(cells, offsets[i].tolist(), probs[i])
        if number % TRIM_EVERY == 0:
            start, cells = trim(start, cells)
    start, cells = trim(start, cells)
    moved = [i for i, multiple in enumerate(whole) if multiple is None]
    if moved:
        # Each moved value is off by at most half a cell, plus the floats' rounding.
        sizes = np.abs(levels[moved]).max(axis=1) * np.abs(per_level[moved])
        largest = Fraction(float(sizes.max()))
        error += step * len(moved) * (Fraction(1, 2) + largest * SLACK)
    return Bounded(step, start, cells, error)


Ratio = tuple[int | None, float]
"""A part's cells per level: the whole number when it is one, and as a float."""


def _cells_per_level(
    parts: Sequence[Part],
    exact_step: Fraction | None,
    cells: int,
    multiples: Sequence[int] | None,
) -> tuple[Fraction, list[Ratio]]:
    """The grid's step, and each part's cells per level on it: the exact step when the
    values' range fits in *cells* of it, else that range over *cells*."""
    if exact_step is None:
        # Unlike weights (no common step worth using): Fractions of thousands of digits
        # would cost more than the convolutions, so the step is chosen in floats (any step
        # will do: every value is moved to its nearest cell, and the error says how far).
        range_points = math.fsum(float(p.coefficient) * (len(p.probs) - 1) for p in parts)
        step = Fraction(max(range_points / cells, 1e-9))
        return step, [(None, float(p.coefficient) / float(step)) for p in parts]
    if multiples is not None:
        # In integers: part i is multiples[i] steps a level, the range `width` steps.
        width = sum(m * (len(p.probs) - 1) for m, p in zip(multiples, parts, strict=True))
        if width <= cells:
            return exact_step, [(m, float(m)) for m in multiples]
        step = exact_step * Fraction(width, cells)
        if step >= Fraction(1, 10**9):
            return step, [
                ((m * cells) // width if (m * cells) % width == 0 else None, m * cells / width)
                for m in multiples
            ]
    span = sum((p.coefficient * (p.start + len(p.probs) - 1) for p in parts), Fraction(0))
    low = sum((p.coefficient * p.start for p in parts), Fraction(0))
    width_points = span - low
    if width_points <= exact_step * cells:
        step = exact_step
    else:
        step = max(width_points / cells, Fraction(1, 10**9))
    ratios: list[Ratio] = []
    for part in parts:
        exact_ratio = part.coefficient / step
        whole = int(exact_ratio) if exact_ratio.denominator == 1 else None
        ratios.append((whole, float(exact_ratio)))
    return step, ratios


TRIM_EVERY = 32
"""Parts convolved between two trims of the negligible tails (an array of the bounded grid
stays within its range however rarely it is trimmed; trimming costs more than the
convolution of a small part)."""


def _to_cells(ratio: float, start: int, probs: Sequence[float] | Cells) -> tuple[int, Cells, float]:
    """A part's values ``ratio * k`` (in cells; k from *start*, one per probability) each
    moved to the nearest cell: the first cell, the probabilities from it, and the largest
    value's size in cells. The nearest cell is found in floats: ``k * ratio`` is then off by
    at most a few units in the last place of the value (the caller's error allows for it)."""
    levels = np.arange(start, start + len(probs), dtype=np.float64)
    found = np.floor(levels * ratio + 0.5).astype(np.int64)
    first = int(found.min())
    weights = np.asarray(probs, dtype=np.float64)
    spread = np.asarray(np.bincount(found - first, weights=weights), dtype=np.float64)
    largest = max(abs(start), abs(start + len(probs) - 1)) * abs(ratio)
    return first, spread, largest


def _shifted_sum(probs: Cells, offsets: Sequence[int], weights: Sequence[float] | Cells) -> Cells:
    """*probs* convolved with a kernel of a few values at *offsets* (from 0). A narrow kernel
    goes to numpy's convolution; a wide, sparse one (fine cells, a large coefficient) is one
    shifted, scaled copy of *probs* per value, which costs the values, not the width."""
    width = max(offsets) + 1
    if width <= DENSE * len(offsets):
        kernel = np.zeros(width)
        for offset, weight in zip(offsets, weights, strict=True):
            kernel[offset] += weight
        return np.convolve(probs, kernel)
    size = len(probs)
    out = np.zeros(size + width - 1)
    scaled = np.empty(size)
    for offset, weight in zip(offsets, weights, strict=True):
        if weight:
            np.multiply(probs, weight, out=scaled)
            window = out[offset : offset + size]
            np.add(window, scaled, out=window)
    return out


DENSE = 8
"""A kernel at most this many times wider than its values is convolved whole (numpy's
convolution does about ten cell updates in the time of one shifted copy's)."""


SHORT = 16
"""Parts up to this many values (one rating's spread, a few ratings' sum) are added one value
at a time; longer ones are convolved whole."""


SLACK = Fraction(1, 2**50)
"""Relative error allowed for a value worked out in floats: at most three roundings (the
coefficient, its ratio to the step, the product), each half a unit in the last place."""
