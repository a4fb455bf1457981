"""The terms of a linear score: each rated indicator's points per level of its rating.

With the arithmetic method the overall score is ``sum_i 25 * s_i * v_i`` (``s_i`` the
indicator's share of the score, ``v_i`` its level, or 4 - level for a risk criterion) and a
criterion's own-scale score is ``sum_i 25 * w_i / sum(w) * level_i``: each term is a
(coefficient, level, confidence). The coefficients are exact rationals, from the weights as
the decimals written in the criteria file, and they are remembered: profiles rating the same
indicators get the very same coefficient objects, which lets the engines remember their
layout (``allyeval.core.layout``).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from functools import lru_cache
from types import MappingProxyType

from allyeval.core.distribution import exact
from allyeval.core.layout import Coefficient, Term
from allyeval.core.models import MAX_LEVEL
from allyeval.core.scoring import CriterionScore, ProfileScore


def overall_terms(result: ProfileScore) -> list[Term]:
    rated = [c for c in result.criteria if c.utility is not None]
    scales = _overall_coefficients(tuple((c.criterion.weight, _rated_weights(c)) for c in rated))
    terms = []
    for crit, scaled in zip(rated, scales, strict=True):
        risk = crit.criterion.direction == "risk"
        for indicator in crit.indicators:
            if rating := indicator.rating:
                # Points are 25 * s_i * v_i with v_i = level (benefit) or 4 - level (risk). The
                # spreads are symmetric, so 4 - level spreads exactly like a rating at 4 - level.
                v = MAX_LEVEL - rating.level if risk else rating.level
                terms.append((scaled[indicator.indicator.weight], v, rating.confidence))
    return terms


def _rated_weights(crit: CriterionScore) -> tuple[float, ...]:
    """The weights (as written) of the criterion's rated indicators, in order."""
    return tuple(i.indicator.weight for i in crit.indicators if i.rating)


@lru_cache(maxsize=256)
def _overall_coefficients(
    rated: tuple[tuple[float, tuple[float, ...]], ...],
) -> tuple[Mapping[float, Fraction], ...]:
    """Per rated criterion (its weight, its rated indicators' weights): the overall score's
    points per level, by indicator weight. Remembered: in a batch most profiles rate the same
    indicators, and the same coefficient objects let ``vectorised`` reuse their grid."""
    used_weight = sum((exact(weight) for weight, _ in rated), Fraction(0))
    scales = []
    for weight, weights in rated:
        share = exact(weight) / used_weight
        scales.append({w: _times(share, c) for w, c in _coefficients_of(weights).items()})
    return tuple(scales)


def _coefficients(crit: CriterionScore) -> Mapping[float, Fraction]:
    """Per indicator weight (as written): 25 * w / sum(w) over the rated indicators."""
    return _coefficients_of(_rated_weights(crit))


@lru_cache(maxsize=256)
def _coefficients_of(weights: tuple[float, ...]) -> Mapping[float, Fraction]:
    counts: dict[float, int] = {}
    for weight in weights:
        counts[weight] = counts.get(weight, 0) + 1
    rated_weight = sum((exact(w) * n for w, n in counts.items()), Fraction(0))
    points = 25 / rated_weight
    return MappingProxyType({w: _times(points, exact(w)) for w in counts})


def _times(a: Fraction, b: Fraction) -> Coefficient:
    """``a * b`` as a Coefficient, reduced once."""
    return Coefficient(a.numerator * b.numerator, a.denominator * b.denominator)


def criterion_terms(crit: CriterionScore) -> list[Term]:
    """Terms of the criterion's own-scale score: 25 * w_i / sum(w) per level of indicator i."""
    coefficients = _coefficients(crit)
    return [
        (coefficients[i.indicator.weight], i.rating.level, i.rating.confidence)
        for i in crit.indicators
        if i.rating
    ]
