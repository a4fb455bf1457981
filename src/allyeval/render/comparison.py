"""``allyeval compare`` as text: table (terminal), JSON, CSV or Markdown.

JSON and CSV are for scripts: every number rounded the same way (points to 2 decimals,
probabilities and shares to 4), profiles in file order, a provenance record. The terminal and
Markdown views are in ``allyeval.render.comparison_text``.
"""

from __future__ import annotations

from typing import Any

from allyeval.analysis.comparison import Comparison, Contender, Driver
from allyeval.core.models import CriteriaSet
from allyeval.core.provenance import provenance, provenance_line
from allyeval.core.report import comparability, kind_of
from allyeval.render.common import check_format, console_text, dumps, json_points, json_share
from allyeval.render.csv import PROVENANCE_COLUMNS, SAMPLING_COLUMNS, csv_text, provenance_cells

FORMATS = ("table", "json", "csv", "markdown")
CSV_COLUMNS = (
    "profile", "path", "row", "criterion", "indicator", "level", "confidence",
    "score", "points", "difference", "rank", "low", "high",
)  # fmt: skip


def render(
    result: Comparison,
    output_format: str,
    *,
    color: bool,
    width: int,
    criteria_set: CriteriaSet,
    method: str,
    seed: int,
    samples: int,
) -> str:
    """The whole comparison in *output_format* (table, json, csv or markdown)."""
    name = check_format(output_format, FORMATS, "compare")
    if name == "json":
        return dumps(comparison_record(result, provenance(criteria_set, method, seed, samples)))
    if name == "csv":
        return comparison_csv(result, provenance_cells(criteria_set, method, seed, samples))
    from allyeval.render.comparison_text import markdown, parts

    footer = provenance_line(criteria_set, method, seed, samples)
    if name == "markdown":
        return markdown(result, criteria_set, footer)
    return console_text(*parts(result, criteria_set, footer, width), color=color, width=width)


def comparability_note(result: Comparison) -> str | None:
    """The line under the ranking when the profiles differ in kind or era."""
    profiles = [c.result.profile for c in result.contenders]
    return comparability([(kind_of(profile), profile.as_of) for profile in profiles])


def comparison_record(result: Comparison, origin: dict[str, Any]) -> dict[str, Any]:
    """The comparison as JSON-ready data (see the README for the fields)."""
    labels = [c.label for c in result.contenders]
    leader = result.contenders[result.leader]
    return {
        "method": result.method,
        "level": result.level,
        "seed": result.seed,
        "samples": result.samples,
        "provenance": origin,
        "leader": leader.label,
        "comparability": comparability_note(result),
        "profiles": [_contender_record(c) for c in result.contenders],
        "ranking": [
            {
                "rank": result.contenders[i].rank,
                "profile": labels[i],
                "score": json_points(result.contenders[i].result.score),
            }
            for i in result.ranking
        ],
        "criteria": [
            {
                "id": row.criterion.id,
                "name": row.criterion.name,
                "direction": row.criterion.direction,
                "leaders": [labels[i] for i in row.leaders],
                "values": [
                    {
                        "profile": labels[i],
                        "score": json_points(row.scores[i]),
                        "difference": json_points(row.differences[i]),
                    }
                    for i in range(len(labels))
                ],
            }
            for row in result.criteria
        ],
        "indicators": [
            {
                "criterion": row.criterion.id,
                "id": row.indicator.id,
                "name": row.indicator.name,
                "values": [
                    {
                        "profile": labels[i],
                        "level": row.levels[i],
                        "confidence": row.confidences[i],
                        "points": json_points(row.points[i]),
                        "points_difference": json_points(row.point_differences[i]),
                        "level_difference": row.level_differences[i],
                    }
                    for i in range(len(labels))
                ],
            }
            for row in result.indicators
        ],
        "gaps": [
            {
                "profile": labels[gap.other],
                "points": json_points(gap.points),
                "drivers": None if gap.drivers is None else [_driver(d) for d in gap.drivers],
            }
            for gap in result.gaps
        ],
        "outranking": [
            {
                "first": labels[o.first],
                "second": labels[o.second],
                "probability": json_share(o.probability),
                "tie": json_share(o.tie),
                "exact": o.exact,
            }
            for o in result.outrankings
        ],
    }


def _contender_record(contender: Contender) -> dict[str, Any]:
    profile = contender.result.profile
    low, high = contender.interval
    return {
        "profile": contender.label,
        "id": profile.id,
        "name": profile.name,
        "path": contender.path,
        "as_of": profile.as_of.isoformat(),
        "score": json_points(contender.result.score),
        "band": contender.result.band,
        "capped_by": [cap.condition for cap in contender.result.capped_by],
        "coverage": json_share(contender.result.coverage),
        "rank": contender.rank,
        "difference": json_points(contender.difference),
        "interval": [json_points(low), json_points(high)],
        "rank_interval": list(contender.rank_interval),
        "first": json_share(contender.first),
    }


def _driver(driver: Driver) -> dict[str, Any]:
    return {
        "criterion": driver.criterion_id,
        "indicator": driver.indicator_id,
        "name": driver.indicator_name,
        "points": json_points(driver.points),
    }


def comparison_csv(result: Comparison, origin: list[Any]) -> str:
    """One row per profile and item (overall, criterion, indicator), each ending with the
    provenance cells *origin*, after the header."""
    rows: list[list[object]] = [[*CSV_COLUMNS, *PROVENANCE_COLUMNS, *SAMPLING_COLUMNS]]
    for index, contender in enumerate(result.contenders):
        low, high = contender.interval
        who = [contender.label, contender.path]
        rows.append(
            [*who, "overall", "", "", "", "", json_points(contender.result.score), "",
             json_points(contender.difference), contender.rank,
             json_points(low), json_points(high)]
        )  # fmt: skip
        for crit_row, crit in zip(result.criteria, contender.result.criteria, strict=True):
            rows.append(
                [*who, "criterion", crit_row.criterion.id, "", "", "",
                 _blank(json_points(crit.score)), _blank(json_points(crit.contribution)),
                 _blank(json_points(crit_row.differences[index])), "", "", ""]
            )  # fmt: skip
        for row in result.indicators:
            rows.append(
                [*who, "indicator", row.criterion.id, row.indicator.id,
                 _blank(row.levels[index]), _blank(row.confidences[index]), "",
                 _blank(json_points(row.points[index])),
                 _blank(json_points(row.point_differences[index])), "", "", ""]
            )  # fmt: skip
    return csv_text(row if k == 0 else [*row, *origin] for k, row in enumerate(rows))


def _blank(value: object) -> object:
    return "" if value is None else value
