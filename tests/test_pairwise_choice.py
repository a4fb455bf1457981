"""How ``pairwise.probabilities`` chooses between the float estimate, its complement and the
exact fractions: the float estimate is replaced by a stub saying what the floats found, and
the exact path is counted, so each decision is seen on its own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from typing import Any
from unittest import mock

from allyeval.analysis import pairwise
from allyeval.analysis.outranking import dense
from allyeval.core.uncertainty import Distribution

STEP = Fraction(1)


def _floats(values: dict[int, int]) -> Any:
    grid = tuple(sorted(values))
    return dense(Distribution(STEP, grid, tuple(values[k] for k in grid), sum(values.values())))


OVERLAPPING = [_floats({0: 1, 2: 1}), _floats({1: 1, 3: 1})]
"""Two distributions whose supports interleave: neither 0 nor 1 is certain."""

EXACT = (Fraction(2, 7), Fraction(1, 9))
"""What the stubbed exact path answers (P outranks, P tie)."""


class Calls:
    """What the stubs were asked: the float estimates (their arguments) and the exact sums."""

    def __init__(self) -> None:
        self.floats: list[tuple[Any, ...]] = []
        self.exact: list[Any] = []


@contextmanager
def stubbed(*estimates: tuple[float, float, float, float]) -> Iterator[Calls]:
    """``estimated_outranking`` answering *estimates* in turn, and the exact path counted."""
    calls = Calls()
    answers = iter(estimates)

    def floats(a: Any, b: Any) -> tuple[float, float, float, float]:
        calls.floats.append((a, b))
        return next(answers)

    def exact(distributions: Any) -> dict[tuple[int, int], tuple[Fraction, Fraction]]:
        calls.exact.append(distributions)
        return {(0, 1): EXACT}

    with (
        mock.patch.object(pairwise, "estimated_outranking", side_effect=floats),
        mock.patch.object(pairwise, "pairwise_outranking", side_effect=exact),
        mock.patch.object(pairwise, "score_distribution", side_effect=lambda result: result),
    ):
        yield calls


def _probabilities(floats: list[Any] | None = None) -> tuple[float, float]:
    return pairwise.probabilities(["first", "second"], floats or OVERLAPPING, 0, 1)  # type: ignore[list-item]


def test_a_certain_float_estimate_is_kept() -> None:
    with stubbed((0.3, 1e-12, 0.25, 1e-12)) as calls:
        assert _probabilities() == (0.3, 0.25)
    assert calls.exact == [] and len(calls.floats) == 1


def test_near_a_rounding_edge_above_one_half_the_complement_decides() -> None:
    # 0.70005 +- 1e-4 straddles four decimals (0.7 / 0.7001); the complement, 0.29994 with a
    # tiny error, does not: 1 - 0.29994 is kept, with no exact sums.
    with stubbed((0.70005, 1e-4, 0.0, 0.0), (0.29994, 1e-13, 0.0, 0.0)) as calls:
        probability, tie = _probabilities()
    assert probability == 1.0 - 0.29994 and tie == 0.0
    assert calls.exact == []
    assert calls.floats == [(OVERLAPPING[0], OVERLAPPING[1]), (OVERLAPPING[1], OVERLAPPING[0])]


def test_a_complement_still_in_doubt_goes_to_the_exact_sums() -> None:
    with stubbed((0.70005, 1e-4, 0.0, 0.0), (0.29995, 1e-4, 0.0, 0.0)) as calls:
        assert _probabilities() == (float(EXACT[0]), float(EXACT[1]))
    assert len(calls.exact) == 1 and len(calls.floats) == 2


def test_below_one_half_no_complement_is_tried() -> None:
    with stubbed((0.30005, 1e-4, 0.0, 0.0)) as calls:
        assert _probabilities() == (float(EXACT[0]), float(EXACT[1]))
    assert len(calls.floats) == 1 and len(calls.exact) == 1


def test_a_tie_in_doubt_goes_to_the_exact_sums() -> None:
    # The probability is clear; the tie, 0.00005 +- 1e-6, straddles four decimals.
    with stubbed((0.3, 1e-12, 0.00005, 1e-6)) as calls:
        assert _probabilities() == (float(EXACT[0]), float(EXACT[1]))
    assert len(calls.exact) == 1


def test_a_tie_near_zero_is_not_in_doubt_below_zero() -> None:
    # A tie of 1e-7 +- 1e-6 would reach below 0: it is still shown as 0.0 either way.
    with stubbed((0.3, 1e-12, 1e-7, 1e-6)) as calls:
        assert _probabilities() == (0.3, 1e-7)
    assert calls.exact == []


def test_a_profile_against_a_copy_is_one_half_whatever_the_floats_say() -> None:
    copy = _floats({0: 1, 2: 1})
    with stubbed((0.49, 0.2, 0.25, 1e-12)) as calls:
        assert _probabilities([copy, _floats({0: 1, 2: 1})]) == (0.5, 0.25)
    assert calls.exact == []


def test_zero_and_one_come_from_the_supports_not_the_floats() -> None:
    below, above = _floats({0: 1, 1: 1}), _floats({5: 1, 6: 1})
    with stubbed((0.2, 1e-12, 0.0, 0.0), (0.8, 1e-12, 0.0, 0.0)) as calls:
        assert _probabilities([below, above]) == (0.0, 0.0)  # cannot outrank at all
        assert _probabilities([above, below]) == (1.0, 0.0)  # always outranks
    assert calls.exact == []
    # Touching supports (A's greatest is B's least): possible both ways, certain neither way,
    # so floats that say 1 or 0 are kept strictly inside.
    touching = [_floats({0: 1, 1: 1}), _floats({1: 1, 2: 1})]
    with stubbed((0.0, 0.0, 0.0, 0.0), (1.0, 0.0, 0.0, 0.0)):
        assert _probabilities(touching)[0] == 5e-324
        assert _probabilities(touching[::-1])[0] == 1.0 - 2.0**-53


def test_just_above_one_half_the_complement_is_tried_too() -> None:
    with stubbed((0.55005, 1e-4, 0.0, 0.0), (0.44994, 1e-13, 0.0, 0.0)) as calls:
        assert _probabilities()[0] == 1.0 - 0.44994
    assert len(calls.floats) == 2 and calls.exact == []


def test_the_complement_is_in_doubt_on_either_side_of_its_error() -> None:
    # 1 - (0.299951 +- 2e-6) runs from 0.700047 to 0.700051: 0.7 at one end, 0.7001 at the
    # other, though 1 - 0.299951 itself shows as 0.7. The exact sums decide.
    with stubbed((0.70005, 1e-4, 0.0, 0.0), (0.299951, 2e-6, 0.0, 0.0)) as calls:
        assert _probabilities() == (float(EXACT[0]), float(EXACT[1]))
    assert len(calls.exact) == 1


def test_a_clear_tie_with_more_than_four_decimals_is_kept() -> None:
    # 0.123456 +- 1e-12 is 0.1235 at both ends: no doubt, though its fifth decimal differs
    # from what four decimals show (both ends must be compared at four decimals).
    with stubbed((0.3, 1e-12, 0.123456, 1e-12)) as calls:
        assert _probabilities() == (0.3, 0.123456)
    assert calls.exact == []
