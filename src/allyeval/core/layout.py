"""Where a linear score's terms fall on a grid, whatever their levels: the terms grouped by
coefficient, the coarsest step every coefficient is a whole multiple of (each coefficient
rounded to a millionth of a point when the weights need a finer one), and an estimate of what
the exact convolution on that grid would cost. The engines (``distribution``, ``vectorised``,
``grid``) choose between them by it; a layout is remembered for the profiles that share it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from allyeval.core.models import Confidence

FINEST_GRID = 10**6
"""Grid steps per point below which coefficients are rounded (see the module docstring)."""

EXACT_BITS = 512
"""Largest exact total (in bits, ``4^m * 9^n``) convolved exactly: beyond, every addition
works on numbers of dozens of machine words (hundreds of uncertain ratings)."""

SPREAD_BITS: dict[Confidence, float] = {"high": 0.0, "medium": 2.0, "low": math.log2(9)}
"""Bits each rating adds to the exact counts' total (4 for medium, 9 for low)."""


class Coefficient(Fraction):
    """A coefficient of the score (points per level) that works out its hash once: a Fraction
    works it out (a modular inverse of its denominator) at every dictionary lookup, which
    dominated the grouping of a criteria model with thousands of unlike weights."""

    __slots__ = ("_hash",)

    def __hash__(self) -> int:  # type: ignore[override]
        try:
            return self._hash
        except AttributeError:
            self._hash: int = Fraction.__hash__(self)
            return self._hash


Term = tuple[Fraction, int, Confidence]
"""(coefficient >= 0, level as given, confidence): the term ``coefficient * level``."""


def exact_work(terms: Sequence[Term]) -> float:
    """An estimate of the exact convolution's cost: dictionary updates, scaled by how many
    machine words the counts take."""
    layout = layout_of(terms)
    if layout is None:
        return 0.0
    bits = sum(SPREAD_BITS[confidence] for _, _, confidence in terms)
    return scaled_work(layout.cost, bits)


def grid_work(sizes: dict[Fraction, int], multiples: dict[Fraction, int], bits: float) -> float:
    """``exact_work`` from the number of terms per coefficient, their multiples of the grid's
    step and the counts' total in bits."""
    return scaled_work(grid_cost(sizes, multiples), bits)


def _grid_order(coefficient: Fraction) -> tuple[int, int]:
    """Coefficients by denominator, then by value (the numerator, for one denominator)."""
    return coefficient.denominator, coefficient.numerator


def grid_cost(sizes: dict[Fraction, int], multiples: dict[Fraction, int]) -> float:
    """``grid_work`` before the counts' size is taken into account (it depends only on the
    coefficients, so a batch of profiles rating the same indicators can keep it)."""
    work, support, cells = 0.0, 1, 1
    for coefficient in sorted(sizes, key=_grid_order):
        n = sizes[coefficient]
        work += 10 * n * n + support * (4 * n + 1)
        cells += 4 * n * multiples[coefficient]
        support = min(support * (4 * n + 1), cells)
    return work


def scaled_work(cost: float, bits: float) -> float:
    """``grid_work`` from ``grid_cost`` and the counts' total in bits."""
    return math.inf if bits > EXACT_BITS else cost * (1 + bits / 64)


def coefficient_positions(terms: Sequence[Term]) -> dict[Fraction, list[int]]:
    """The positions of the terms of each coefficient, in order of first appearance. (Hashing a
    Fraction is slow, so terms are first grouped by the coefficient object, then equal objects
    merged.)"""
    by_object: dict[int, tuple[Fraction, list[int]]] = {}
    for position, term in enumerate(terms):
        entry = by_object.get(id(term[0]))
        if entry is None:
            entry = by_object[id(term[0])] = (term[0], [])
        entry[1].append(position)
    # Equal values merged by (numerator, denominator), which hashes far faster than a Fraction
    # (whose hash is a modular inverse of its denominator, worked out at every call).
    merged: dict[tuple[int, int], tuple[Fraction, list[int]]] = {}
    for coefficient, group in by_object.values():
        key = (coefficient.numerator, coefficient.denominator)
        entry = merged.get(key)
        if entry is None:
            merged[key] = (coefficient, group)
        else:
            entry[1].extend(group)
    return dict(merged.values())


def _grid(coefficients: list[Fraction]) -> tuple[Fraction, dict[Fraction, int]]:
    """The coarsest step on which every coefficient is a whole multiple, and those multiples."""
    denominator = _common_denominator(coefficients)
    if denominator > FINEST_GRID:
        # Weights that are not short decimals: round each coefficient to a millionth of a point.
        denominator = FINEST_GRID
        scaled = {c: _nearest(c.numerator * denominator, c.denominator) for c in coefficients}
    else:  # c * denominator is a whole number
        scaled = {c: c.numerator * (denominator // c.denominator) for c in coefficients}
    common = math.gcd(*scaled.values()) or 1
    return Fraction(common, denominator), {c: m // common for c, m in scaled.items()}


def _nearest(numerator: int, denominator: int) -> int:
    """``round(Fraction(numerator, denominator))`` (half to even) in integers."""
    whole, remainder = divmod(numerator, denominator)
    if 2 * remainder > denominator or (2 * remainder == denominator and whole % 2):
        return whole + 1
    return whole


def _common_denominator(coefficients: Iterable[Fraction]) -> int:
    """The least common multiple of the denominators, or any number above FINEST_GRID once
    it is past it (thousands of unlike weights would make it thousands of digits long)."""
    denominator = 1
    for coefficient in coefficients:
        denominator = math.lcm(denominator, coefficient.denominator)
        if denominator > FINEST_GRID:
            return denominator
    return denominator


@dataclass(frozen=True, slots=True)
class Layout:
    """What a distribution's terms share whatever their levels: the positions of the terms of
    each distinct coefficient (in order of first appearance), its multiple of the grid's
    step, the step, and the work before the counts' size (``grid_cost``)."""

    coefficients: tuple[Fraction, ...]
    groups: tuple[tuple[int, ...], ...]
    values: tuple[Fraction, ...]
    """The distinct coefficients, one per group."""
    multiples: tuple[int, ...]
    step: Fraction
    cost: float
    rounded: bool
    """Whether the coefficients were rounded to the finest grid (so the multiples are not
    exact): the weights need a finer grid than ``FINEST_GRID``."""
    widest: int
    """The most cells the grid can take whatever the levels (every rating spread over five)."""
    most_updates: int
    """An upper bound of the cell updates of numpy's convolution on it (``vectorised``)."""


_LAYOUTS: dict[tuple[int, ...], Layout] = {}
LAYOUTS_KEPT = 1024


def layout_of(terms: Sequence[Term]) -> Layout | None:
    """The terms' layout (None without terms), remembered by the identity of their coefficient
    objects: profiles rating the same indicators get the very same coefficients (see
    ``uncertainty.overall_terms``), and hashing a Fraction costs more than the rest of this.
    The layout keeps its coefficients alive, so no other object can take one's identity while
    it is remembered."""
    key = tuple([id(term[0]) for term in terms])
    found = _LAYOUTS.get(key)
    if found is not None:
        return found
    positions = coefficient_positions(terms)
    if not positions:
        return None
    step, multiples = _grid(list(positions))
    rounded = _common_denominator(positions) > FINEST_GRID
    widest = 1 + sum(4 * len(group) * multiples[c] for c, group in positions.items())
    sizes = {coefficient: len(group) for coefficient, group in positions.items()}
    if len(_LAYOUTS) >= LAYOUTS_KEPT:
        _LAYOUTS.clear()
    found = _LAYOUTS[key] = Layout(
        coefficients=tuple(term[0] for term in terms),
        groups=tuple(tuple(group) for group in positions.values()),
        values=tuple(positions),
        multiples=tuple(multiples[coefficient] for coefficient in positions),
        step=step,
        cost=grid_cost(sizes, multiples),
        rounded=rounded,
        widest=widest,
        most_updates=sum(4 * n + 1 for n in sizes.values()) * widest,
    )
    return found
