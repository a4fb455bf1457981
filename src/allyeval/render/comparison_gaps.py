"""Why the leader of a comparison is ahead: the gap by criterion (points that add up to the
whole gap), then the indicators that drive it and the share of the gap they explain."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from allyeval.analysis.comparison import Comparison, Gap
from allyeval.render.common import json_points, json_share, percent, signed
from allyeval.render.safe import cell, data_text

GAPS_TITLE = "What explains the gaps (leader's points minus the other's)"
GAPS_LEGEND = (
    "By criterion: the leader's points minus the other's, adding up to the gap. Drivers: the "
    "indicators with the largest differences, and the share of the gap they add up to."
)
GEOMETRIC = "points do not add up under the geometric mean (use --method arithmetic)"


def criterion_gaps(result: Comparison, gap: Gap) -> list[tuple[str, float]] | None:
    """(criterion name, leader's points minus the other's) per criterion, summing to the
    gap; None under the geometric mean, where points do not add up."""
    lead = result.contenders[result.leader].result
    other = result.contenders[gap.other].result
    if lead.method != "arithmetic":
        return None
    return [
        (mine.criterion.name, (mine.contribution or 0.0) - (theirs.contribution or 0.0))
        for mine, theirs in zip(lead.criteria, other.criteria, strict=True)
    ]


def drivers_share(gap: Gap) -> tuple[float, float | None] | None:
    """What the listed drivers add up to, and that as a share of the gap (None: no gap)."""
    if gap.drivers is None:
        return None
    total = sum(d.points for d in gap.drivers)
    return total, (total / gap.points if gap.points else None)


def gap_lines(result: Comparison) -> list[tuple[str, list[str]]]:
    """Per profile behind the leader: a headline and the lines explaining it."""
    lead = result.contenders[result.leader].label
    out = []
    for gap in result.gaps:
        other = result.contenders[gap.other].label
        head = f"{lead} ahead of {other} by {gap.points:.1f} points"
        by_criterion = criterion_gaps(result, gap)
        share = drivers_share(gap)
        if by_criterion is None or gap.drivers is None or share is None:
            out.append((head, [GEOMETRIC]))
            continue
        lines = ["By criterion: " + ", ".join(f"{n} {signed(p)}" for n, p in by_criterion)]
        if gap.drivers:
            total, fraction = share
            drivers = ", ".join(f"{d.indicator_name} {signed(d.points)}" for d in gap.drivers)
            part = "" if fraction is None else f", {percent(fraction)} of the gap"
            lines.append(f"Drivers: {drivers} (together {signed(total)}{part})")
        out.append((head, lines))
    return out


def gap_section(result: Comparison) -> RenderableType:
    """The terminal view: each headline with its explanation indented under it."""
    parts: list[RenderableType] = [Text(GAPS_TITLE, style="bold")]
    for head, lines in gap_lines(result):
        parts.append(data_text(f"  {head}", "bold"))
        parts += [Padding(data_text(line), (0, 0, 0, 4)) for line in lines]
    parts.append(Text(GAPS_LEGEND, style="dim"))
    return Group(*parts)


def gap_markdown(result: Comparison) -> list[str]:
    lines = ["### What explains the gaps", ""]
    for head, explanation in gap_lines(result):
        lines.append(f"- **{cell(head)}**")
        lines += [f"  - {cell(line)}" for line in explanation]
    return [*lines, "", GAPS_LEGEND]


def gap_record(result: Comparison, gap: Gap) -> dict[str, Any]:
    """The JSON fields added to a gap: by criterion, and the share the drivers explain."""
    by_criterion = criterion_gaps(result, gap)
    share = drivers_share(gap)
    ids = [c.criterion.id for c in result.contenders[result.leader].result.criteria]
    return {
        "criteria": None
        if by_criterion is None
        else [
            {"criterion": ident, "points": json_points(points)}
            for ident, (_, points) in zip(ids, by_criterion, strict=True)
        ],
        "drivers_share": None if share is None else json_share(share[1]),
    }
