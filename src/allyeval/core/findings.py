"""What a briefing says about a score: strengths, weaknesses and recommendations.

All three are drawn from the rated indicators, weighted by how much each moves the overall
score, so the list an analyst reads is the list that explains the number:

* a **strength** is an indicator whose utility is at least 0.75 (a benefit rated 3-4, a risk
  rated 0-1), ordered by the points it adds (its share times its utility);
* a **weakness** is an indicator whose utility is at most 0.25 (a benefit rated 0-1, a risk
  rated 3-4), ordered by the points it costs (its share times 1 - utility);
* a **recommendation** is the rubric's recommendation for the indicators that cost the most
  points among those with utility at most 0.5.

Ties keep the order of the criteria file. Unrated criteria are listed as gaps in coverage
(not those whose every indicator is rated n/a: nothing is missing there).
"""

from __future__ import annotations

from dataclasses import dataclass

from allyeval.core.scoring import CriterionScore, IndicatorScore, ProfileScore

MAX_ITEMS = 3


@dataclass(frozen=True, slots=True)
class Finding:
    criterion_id: str
    indicator_id: str
    indicator_name: str
    level: int
    points: float
    """Points added (strength) or lost (weakness, recommendation) on the 0-100 scale."""
    text: str


@dataclass(frozen=True, slots=True)
class Findings:
    strengths: tuple[Finding, ...]
    weaknesses: tuple[Finding, ...]
    recommendations: tuple[Finding, ...]
    unrated_criteria: tuple[str, ...]


def _gained(item: IndicatorScore) -> float:
    return 100.0 * item.share * (item.utility or 0.0)


def _lost(item: IndicatorScore) -> float:
    return 100.0 * item.share * (1.0 - (item.utility or 0.0))


def _finding(crit: CriterionScore, item: IndicatorScore, points: float, text: str) -> Finding:
    assert item.rating is not None
    return Finding(
        crit.criterion.id, item.indicator.id, item.indicator.name, item.rating.level, points, text
    )


def find(result: ProfileScore) -> Findings:
    """Strengths, weaknesses and recommendations of a scored profile."""
    rated = [
        (order, crit, item)
        for order, (crit, item) in enumerate(result.indicator_scores())
        if item.utility is not None
    ]
    strong = sorted(
        (r for r in rated if r[2].utility is not None and r[2].utility >= 0.75),
        key=lambda r: (-_gained(r[2]), r[0]),
    )
    weak = sorted(
        (r for r in rated if r[2].utility is not None and r[2].utility <= 0.5),
        key=lambda r: (-_lost(r[2]), r[0]),
    )
    return Findings(
        strengths=tuple(
            _finding(c, i, _gained(i), i.rating.evidence if i.rating else "")
            for _, c, i in strong[:MAX_ITEMS]
        ),
        weaknesses=tuple(
            _finding(c, i, _lost(i), i.rating.evidence if i.rating else "")
            for _, c, i in [r for r in weak if r[2].utility is not None and r[2].utility <= 0.25][
                :MAX_ITEMS
            ]
        ),
        recommendations=tuple(
            _finding(c, i, _lost(i), i.indicator.recommendation) for _, c, i in weak[:MAX_ITEMS]
        ),
        unrated_criteria=tuple(
            c.criterion.id for c in result.criteria if c.utility is None and c.applicable
        ),
    )
