"""``allyeval agree`` as text: table (terminal), JSON or Markdown.

The view data (what is shown: rows of plain values, in order) is built here apart from its
presentation, so that every format shows the same facts: JSON straight from the record, the
terminal and Markdown views in :mod:`allyeval.render.agreement_text`. Alphas are rounded to
three decimals for people and four in JSON, points as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allyeval.analysis.agreement import Agreement, Disagreement
from allyeval.analysis.alpha import Alpha, reading
from allyeval.core.models import CriteriaSet
from allyeval.core.provenance import provenance, provenance_line
from allyeval.core.sources import cite
from allyeval.render.common import check_format, dumps, json_points, json_share
from allyeval.render.records import points_text

FORMATS = ("table", "json", "markdown")
CONSENSUS_RULE = (
    "Consensus: the lower median of the raters' levels (the lower of the two middle levels on "
    "a tie); confidence the raters' median, at most medium for a spread of 1 level and low for "
    "2 or more."
)


def render(
    result: Agreement,
    output_format: str,
    *,
    color: bool,
    width: int,
    criteria_set: CriteriaSet,
    method: str,
    seed: int,
    samples: int,
) -> str:
    """The whole agreement report in *output_format* (table, json or markdown)."""
    name = check_format(output_format, FORMATS, "agree")
    if name == "json":
        return dumps(agreement_record(result, provenance(criteria_set, method, seed, samples)))
    from allyeval.render.agreement_text import markdown, table

    view = agreement_view(result, provenance_line(criteria_set, method, seed, samples))
    if name == "markdown":
        return markdown(view)
    return table(view, color=color, width=width)


# The view: what the table and Markdown show, as plain values ----------------------------


@dataclass(frozen=True, slots=True)
class AlphaRow:
    name: str
    alpha: str
    interval: str
    reading: str
    indicators: int
    left_out: int


@dataclass(frozen=True, slots=True)
class ScoreRow:
    name: str
    scores: tuple[str, ...]
    """One per rater, then the consensus."""
    spread: str


@dataclass(frozen=True, slots=True)
class RaterRating:
    rater: str
    level: str
    confidence: str
    evidence: str


@dataclass(frozen=True, slots=True)
class DisagreementView:
    heading: str
    effect: str
    ratings: tuple[RaterRating, ...]


@dataclass(frozen=True, slots=True)
class AgreementView:
    title: str
    summary: tuple[str, ...]
    alphas: tuple[AlphaRow, ...]
    raters: tuple[str, ...]
    scores: tuple[ScoreRow, ...]
    disagreements: tuple[DisagreementView, ...]
    notes: tuple[str, ...]


def alpha_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def interval_text(alpha: Alpha) -> str:
    if alpha.interval is None:
        return "–"
    low, high = alpha.interval
    return f"{low:.3f} to {high:.3f}"


def agreement_view(result: Agreement, footer: str) -> AgreementView:
    """What the terminal and Markdown views show, in order."""
    first = result.raters[0].result.profile
    names = tuple(r.label for r in result.raters)
    alpha = result.alpha
    summary = [
        f"Krippendorff's alpha (ordinal): {alpha_text(alpha.value)}, "
        f"{result.level:.0%} interval {interval_text(alpha)} ({reading(alpha.value)}).",
        f"Over {alpha.units} indicators rated by at least two raters ({alpha.values} ratings); "
        f"{alpha.left_out} left out (rated by fewer than two); {result.not_rated} of "
        f"{len(names) * (alpha.units + alpha.left_out)} ratings not given (pending, n/a or "
        "absent), none of them counted as a disagreement.",
        "Krippendorff: rely on alpha >= 0.800; from 0.667 draw only tentative conclusions; "
        "below 0.667, none.",
    ]
    alphas = [_alpha_row("All indicators", alpha)]
    alphas += [_alpha_row(c.criterion.name, c.alpha) for c in result.criteria]
    consensus = result.consensus
    scores = [
        ScoreRow(
            "Overall",
            (*(points_text(r.result.score) for r in result.raters), points_text(consensus.score)),
            points_text(result.spread),
        )
    ]
    for position, row in enumerate(result.criteria):
        label = row.criterion.name + (" (risk)" if row.criterion.direction == "risk" else "")
        own = (
            *(points_text(s) for s in row.scores),
            points_text(consensus.criteria[position].score),
        )
        scores.append(ScoreRow(label, own, points_text(row.spread)))
    return AgreementView(
        title=f"Agreement: {first.name} ({first.id}), as of {first.as_of.isoformat()}, "
        f"{len(names)} raters",
        summary=tuple(summary),
        alphas=tuple(alphas),
        raters=names,
        scores=tuple(scores),
        disagreements=tuple(_disagreement_view(d, names) for d in result.disagreements),
        notes=(CONSENSUS_RULE, footer),
    )


def _alpha_row(name: str, alpha: Alpha) -> AlphaRow:
    return AlphaRow(
        name, alpha_text(alpha.value), interval_text(alpha), reading(alpha.value),
        alpha.units, alpha.left_out,
    )  # fmt: skip


def _disagreement_view(found: Disagreement, names: tuple[str, ...]) -> DisagreementView:
    levels = [r.level for r in found.ratings if r is not None]
    moved = abs(found.points)
    return DisagreementView(
        heading=f"{found.indicator.name} ({found.criterion.name}): levels {min(levels)} to "
        f"{max(levels)}, {found.spread} apart",
        effect=f"moves the consensus score {moved:.1f} points: "
        f"{points_text(found.score_at_lowest)} at level {min(levels)}, "
        f"{points_text(found.score_at_highest)} at level {max(levels)}",
        ratings=tuple(
            RaterRating(name, "–", "–", "not rated")
            if rating is None
            else RaterRating(name, str(rating.level), rating.confidence, rating.evidence)
            for name, rating in zip(names, found.ratings, strict=True)
        ),
    )


# JSON -------------------------------------------------------------------------------------


def _alpha_record(alpha: Alpha) -> dict[str, Any]:
    low, high = alpha.interval if alpha.interval is not None else (None, None)
    return {
        "value": json_share(alpha.value),
        "low": json_share(low),
        "high": json_share(high),
        "reading": reading(alpha.value),
        "indicators": alpha.units,
        "left_out": alpha.left_out,
        "ratings": alpha.values,
        "draws": alpha.draws,
    }


def agreement_record(result: Agreement, origin: dict[str, Any]) -> dict[str, Any]:
    """The agreement as JSON-ready data (see the README for the fields)."""
    first = result.raters[0].result.profile
    names = [r.label for r in result.raters]
    consensus = result.consensus
    return {
        "id": first.id,
        "name": first.name,
        "as_of": first.as_of.isoformat(),
        "method": result.method,
        "level": result.level,
        "seed": result.seed,
        "samples": result.samples,
        "provenance": origin,
        "raters": [
            {
                "rater": r.label,
                "path": r.path,
                "score": json_points(r.result.score),
                "band": r.result.band,
                "capped_by": [cap.condition for cap in r.result.capped_by],
                "coverage": json_share(r.result.coverage),
            }
            for r in result.raters
        ],
        "alpha": _alpha_record(result.alpha),
        "not_rated": result.not_rated,
        "score_spread": json_points(result.spread),
        "criteria": [
            {
                "id": row.criterion.id,
                "name": row.criterion.name,
                "direction": row.criterion.direction,
                "alpha": _alpha_record(row.alpha),
                "scores": [
                    {"rater": name, "score": json_points(score)}
                    for name, score in zip(names, row.scores, strict=True)
                ],
                "spread": json_points(row.spread),
                "consensus": json_points(consensus.criteria[position].score),
            }
            for position, row in enumerate(result.criteria)
        ],
        "disagreements": [_disagreement_record(d, names) for d in result.disagreements],
        "consensus": {
            "score": json_points(consensus.score),
            "band": consensus.band,
            "capped_by": [cap.condition for cap in consensus.capped_by],
            "coverage": json_share(consensus.coverage),
            "levels": {key: rating.level for key, rating in consensus.profile.rated.items()},
        },
    }


def _disagreement_record(found: Disagreement, names: list[str]) -> dict[str, Any]:
    return {
        "criterion": found.criterion.id,
        "indicator": found.indicator.id,
        "name": found.indicator.name,
        "spread": found.spread,
        "score_at_lowest": json_points(found.score_at_lowest),
        "score_at_highest": json_points(found.score_at_highest),
        "points": json_points(found.points),
        "ratings": [
            {
                "rater": name,
                "level": None if rating is None else rating.level,
                "confidence": None if rating is None else rating.confidence,
                "evidence": None if rating is None else rating.evidence,
                "sources": [] if rating is None else [cite(s) for s in rating.sources],
            }
            for name, rating in zip(names, found.ratings, strict=True)
        ],
    }
