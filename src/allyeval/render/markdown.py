"""Markdown for wikis and briefing notes: the same report as the terminal, as tables."""

from __future__ import annotations

from allyeval.core.models import CriteriaSet
from allyeval.core.provenance import provenance_line
from allyeval.core.report import Report
from allyeval.render.ranking import RankedEntry, rank
from allyeval.render.records import points_text
from allyeval.render.safe import cell, code


class MarkdownRenderer:
    opening = ""
    separator = ""
    ranks = True
    streams = True

    def __init__(self, criteria_set: CriteriaSet, method: str = "arithmetic") -> None:
        self._criteria_set = criteria_set
        self._method = method

    def begin(self) -> str:
        return ""

    def item(self, report: Report) -> str:
        result = report.result
        profile = result.profile
        lines = [
            f"## {cell(profile.name)}",
            "",
            f"**Score {result.score:.1f} / 100, {cell(result.band)}** (90% interval"
            f" {report.interval[0]:.1f}–{report.interval[1]:.1f}), coverage {result.coverage:.0%}."
            f" {profile.kind.replace('_', ' ').capitalize()}, {len(profile.members)} members"
            f" ({cell(', '.join(profile.members))}), established {profile.established}"
            + (f", ended {profile.ended}" if profile.ended else "")
            + f"; formal basis: {profile.formal_basis}; {cell(profile.region)};"
            f" as of {profile.as_of.isoformat()}. Source file: {code(report.path)}.",
            "",
            "| Criterion | Direction | Weight | Score | 90% interval | Coverage | Points |",
            "|---|---|--:|--:|--:|--:|--:|",
        ]
        for crit in result.criteria:
            score = "not rated" if crit.score is None else f"{crit.score:.1f}"
            interval = report.criterion_intervals[crit.criterion.id]
            span = "" if interval is None else f"{interval[0]:.1f}–{interval[1]:.1f}"
            lines.append(
                f"| {cell(crit.criterion.name)} | {crit.criterion.direction} | {crit.weight:.0%}"
                f" | {score} | {span} | {crit.coverage:.0%} | {points_text(crit.contribution)} |"
            )
        overall = f"{report.interval[0]:.1f}–{report.interval[1]:.1f}"
        lines.append(
            f"| **Overall** | | | | {overall} | {result.coverage:.0%} | **{result.score:.1f}** |"
        )
        lines += [
            "",
            "| Indicator | Level | Confidence | Points | Evidence | Sources |",
            "|---|--:|---|--:|---|---|",
        ]
        for crit, item in result.indicator_scores():
            rating = item.rating
            name = f"{cell(crit.criterion.name)}: {cell(item.indicator.name)}"
            if rating is None:
                lines.append(f"| {name} | – | | | not rated | |")
                continue
            lines.append(
                f"| {name} | {rating.level}/4 | {rating.confidence}"
                f" | {points_text(item.contribution)} | {cell(rating.evidence)}"
                f" | {cell('; '.join(rating.sources))} |"
            )
        findings = report.findings
        for title, items in [
            ("Strengths", findings.strengths),
            ("Weaknesses", findings.weaknesses),
            ("Recommendations", findings.recommendations),
        ]:
            if items:
                lines += ["", f"**{title}**", ""]
                lines += [
                    f"- **{cell(f.indicator_name)}** (level {f.level}/4, {f.points:.1f} points):"
                    f" {cell(f.text)}"
                    for f in items
                ]
        if findings.unrated_criteria:
            lines += ["", f"Not rated at all: {cell(', '.join(findings.unrated_criteria))}."]
        return "\n".join(lines) + "\n\n"

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        lines = []
        if len(ranking) > 1:
            lines += [
                "## Ranking",
                "",
                "| Rank | Partnership | Score | Band | Coverage |",
                "|--:|---|--:|---|--:|",
            ]
            lines += [
                f"| {e.rank} | {cell(e.name)} | {e.score:.1f} | {cell(e.band)} | {e.coverage:.0%} |"
                for e in rank(ranking)
            ]
            lines.append("")
        footer = provenance_line(self._criteria_set, self._method)
        lines.append(f"_Scored with {cell(footer)}._")
        return "\n".join(lines) + "\n"
