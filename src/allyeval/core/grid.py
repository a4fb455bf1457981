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

Cost: each convolution is one multiplication of integers of at most ``MAX_CELLS`` slots of
about 17 bytes (see ``convolve``), and there is one per part, so one distribution is bounded
whatever the weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import repeat
from operator import mul

MAX_CELLS = 2048
"""Most cells of a bounded grid (over the score's whole range)."""

TAIL = 2.0**-60
"""Mass dropped from each end after a convolution (far below what any display shows)."""

BITS = 64
"""Fixed-point precision of a probability inside a convolution."""
SCALE = float(2**BITS)
SQUARE = float(2 ** (2 * BITS))


@dataclass(frozen=True, slots=True)
class Part:
    """An independent quantity: ``coefficient * (start + j)`` with probability ``probs[j]``."""

    coefficient: Fraction
    start: int
    probs: list[float]
    error: Fraction = Fraction(0)
    """How far each of its values may already be from the exact one."""


@dataclass(frozen=True, slots=True)
class Bounded:
    """A distribution on the grid ``step * (start + j)`` with float probabilities."""

    step: Fraction
    start: int
    probs: list[float]
    error: Fraction
    """Largest possible distance of any value from the exact one (0: values are exact)."""


def convolve(a: Sequence[float], b: Sequence[float], stride: int = 1) -> list[float]:
    """The distribution of X + stride * Y for independent X ~ *a* and Y ~ *b* (offsets 0).

    Done as one multiplication of two big integers (Kronecker substitution): each
    probability becomes a BITS-bit fixed-point integer in its own slot, wide enough that the
    slots of the product never carry into each other, so CPython's C multiplication does
    the whole convolution; each result is within ``len(a) * 2**-BITS`` of the float one.
    """
    if stride > 1 and len(b) > 1:
        spaced = [0.0] * ((len(b) - 1) * stride + 1)
        spaced[::stride] = b
        b = spaced
    if len(b) == 1 or len(a) == 1:
        weight, other = (b[0], a) if len(b) == 1 else (a[0], b)
        return list(map(mul, other, repeat(weight)))
    width = (2 * BITS + min(len(a), len(b)).bit_length() + 7) // 8
    product = _pack(a, width) * _pack(b, width)
    size = len(a) + len(b) - 1
    data = product.to_bytes(size * width, "little")
    return [
        int.from_bytes(data[i : i + width], "little") / SQUARE
        for i in range(0, size * width, width)
    ]


def _pack(probs: Sequence[float], width: int) -> int:
    """Probabilities as fixed-point integers, each in a slot of *width* bytes."""
    slots = [int(x).to_bytes(width, "little") for x in map(mul, probs, repeat(SCALE))]
    return int.from_bytes(b"".join(slots), "little")


def trim(start: int, probs: list[float]) -> tuple[int, list[float]]:
    """Drop the cells at either end holding together less than TAIL of the mass."""
    low, mass = 0, 0.0
    while low < len(probs) - 1 and mass + probs[low] < TAIL:
        mass += probs[low]
        low += 1
    high, mass = len(probs), 0.0
    while high > low + 1 and mass + probs[high - 1] < TAIL:
        mass += probs[high - 1]
        high -= 1
    return start + low, probs[low:high]


def level_sum(spreads: Sequence[tuple[int, Sequence[float]]]) -> tuple[int, list[float]]:
    """The distribution of a sum of independent levels, each (lowest level, probabilities).

    Identical spreads (same level, same confidence) are summed by repeated squaring, so a
    thousand equally rated indicators cost a dozen convolutions, not a thousand.
    """
    copies: dict[tuple[float, ...], int] = {}
    start = 0
    for low, spread in spreads:
        # Spreads of the same shape at different levels are shifts of one another: their sum
        # is the sum of one shape, shifted by the sum of their lowest levels.
        key = tuple(spread)
        copies[key] = copies.get(key, 0) + 1
        start += low
    probs = [1.0]
    for spread, count in sorted(copies.items(), key=lambda item: item[1]):
        power_start, power = _power(0, list(spread), count)
        start, probs = trim(start + power_start, convolve(probs, power))
    return start, probs


def _power(low: int, spread: list[float], count: int) -> tuple[int, list[float]]:
    """The sum of *count* independent copies of one spread, by repeated squaring."""
    start, probs = 0, [1.0]
    base_start, base = low, spread
    while True:
        if count & 1:
            start, probs = trim(start + base_start, convolve(probs, base))
        count >>= 1
        if not count:
            return start, probs
        base_start, base = trim(2 * base_start, convolve(base, base))


def combine(parts: Sequence[Part], exact_step: Fraction | None) -> Bounded:
    """The distribution of the sum of independent *parts* on a grid of at most MAX_CELLS.

    *exact_step* is a step every part's coefficient is a whole multiple of (None if there is
    none worth using); it is used when the score's range fits in MAX_CELLS of it.
    """
    span = sum((p.coefficient * (p.start + len(p.probs) - 1) for p in parts), Fraction(0))
    low = sum((p.coefficient * p.start for p in parts), Fraction(0))
    width = span - low
    if exact_step is not None and width <= exact_step * MAX_CELLS:
        step = exact_step
    else:
        step = max(width / MAX_CELLS, Fraction(1, 10**9))
    error = sum((p.error for p in parts), Fraction(0))
    start, probs = 0, [1.0]
    for part in sorted(parts, key=lambda p: len(p.probs)):
        ratio = part.coefficient / step
        if ratio.denominator == 1:
            multiple = int(ratio)
            start += multiple * part.start
            probs = convolve(probs, part.probs, multiple) if multiple else probs
        else:
            # Each value to its nearest cell: off by at most half a cell.
            error += step / 2
            top, bottom = ratio.numerator, ratio.denominator  # nearest cell, in integers
            cells = [
                (2 * k * top + bottom) // (2 * bottom)
                for k in range(part.start, part.start + len(part.probs))
            ]
            first = cells[0]
            spread = [0.0] * (cells[-1] - first + 1)
            for cell, probability in zip(cells, part.probs, strict=True):
                spread[cell - first] += probability
            start += first
            probs = convolve(probs, spread)
        start, probs = trim(start, probs)
    return Bounded(step, start, probs, error)
