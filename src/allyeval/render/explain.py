"""Explanations shared by the terminal and Markdown: how far the next band is and what it
would take, what a ``--set`` changed, and which neighbours in a ranking are tied."""

from __future__ import annotations

import json
from typing import Any

from allyeval.analysis.outranking import pairwise_outranking, sampled_outranking
from allyeval.analysis.reach import Reach, Step, band_reach
from allyeval.core.report import Report
from allyeval.core.uncertainty import sampled_scores, score_distribution
from allyeval.render.common import dumps, signed
from allyeval.render.ranking import RankedEntry
from allyeval.render.safe import cell

TIE_BELOW = 0.9
"""Neighbours in a ranking whose chance of outranking is below this are shown as tied."""
TIE_MARK = "≈"
TIE_NOTE = (
    f"{TIE_MARK} tied with the profile above: the chance that the one above really outranks "
    f"it is below {TIE_BELOW:.0%}, given the confidence of the ratings."
)


def steps_text(steps: tuple[Step, ...]) -> str:
    """Steps on one indicator as one move: ``Collaborative missions 1→4 (+5.0)``."""
    by_indicator: dict[str, list[Step]] = {}
    for step in steps:
        by_indicator.setdefault(step.indicator_id, []).append(step)
    parts = []
    for moves in by_indicator.values():
        gained = sum(step.points for step in moves)
        parts.append(f"{moves[0].indicator_name} {moves[0].before}→{moves[-1].after}"
                     f" ({signed(gained)})")  # fmt: skip
    return ", ".join(parts)


def reach_line(reach: Reach) -> str:
    where = "up" if reach.direction == "up" else "down"
    entering = "at" if reach.direction == "up" else "below"
    head = (
        f"Next band {where}: {reach.band} {entering} {reach.threshold:g},"
        f" {reach.distance:.1f} points away"
    )
    if reach.distance <= 0:
        head = (
            f"Next band {where}: {reach.band}; the score already reaches {reach.threshold:g},"
            " but a cap holds"
        )
    if reach.steps is None:
        return head + "; no set of rating changes reaches it."
    count = len(reach.steps)
    changes = "one-level rating change" + ("" if count == 1 else "s")
    return f"{head}; it would take {count} {changes}: {steps_text(reach.steps)}."


def reach_lines(report: Report) -> list[str]:
    """A line for the next band up and one for the next band down (none at either end)."""
    return [reach_line(reach) for reach in band_reach(report.result) if reach is not None]


REACH_LEGEND = (
    "What it would take: the fewest one-level rating changes that reach the band, "
    "biggest move first; 1→3 is two changes."
)


def override_line(report: Report) -> str | None:
    """What ``--set`` changed, and the score before and after (None without overrides)."""
    if report.before is None:
        return None
    moves = ", ".join(
        f"{o.indicator_name} ({o.indicator_id}) "
        + ("unrated" if o.before is None else str(o.before))
        + f"→{o.after}"
        for o in report.overrides
    )
    before, after = report.before, report.result
    return (
        f"What-if for this run only (--set; the file is unchanged): {moves}. Score"
        f" {before.score:.1f} ({before.band}) before, {after.score:.1f} ({after.band}) after,"
        f" {signed(after.score - before.score)} points."
    )


def tied_with_previous(ranked: list[RankedEntry]) -> list[bool]:
    """For each entry of a ranking, whether the chance that the entry above outranks it is
    below ``TIE_BELOW``: exact for the arithmetic mean, from seeded draws otherwise."""
    tied = [False]
    for above, below in zip(ranked, ranked[1:], strict=False):
        tied.append(_chance(above, below) < TIE_BELOW)
    return tied


def _chance(above: RankedEntry, below: RankedEntry) -> float:
    a, b = above.report, below.report
    if a is None or b is None:
        return 1.0
    if a.result.method == "arithmetic" and b.result.method == "arithmetic":
        pair = [score_distribution(a.result), score_distribution(b.result)]
        return float(pairwise_outranking(pair)[0, 1][0])
    draws = [sampled_scores(r.result, seed=r.seed, samples=r.samples) for r in (a, b)]
    return sampled_outranking(draws[0], draws[1])[0]


def with_what_if(text: str, output_format: str, records: list[dict[str, Any]]) -> str:
    """A compare report with what ``--set`` changed: lines before a table or Markdown
    report, a ``what_if`` field in JSON."""
    if output_format == "json":
        return dumps(json.loads(text) | {"what_if": records})
    lines = [
        f"What-if for this run only (--set; the files are unchanged): {r['id']} "
        + ", ".join(
            f"{o['indicator']} {'unrated' if o['file_level'] is None else o['file_level']}"
            f"→{o['level']}"
            for o in r["overrides"]
        )
        + f"; score {r['score_before']:.1f} ({r['band_before']}) before,"
        f" {r['score_after']:.1f} ({r['band_after']}) after."
        for r in records
    ]
    if output_format == "markdown":
        lines = [f"- {cell(line)}" for line in lines]
    return "\n".join(lines) + "\n\n" + text
