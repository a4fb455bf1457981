"""Markdown for wikis and briefing notes: the same report as the terminal, as tables."""

from __future__ import annotations

from collections.abc import Sequence

from allyeval.core.models import CriteriaSet
from allyeval.core.provenance import provenance_line
from allyeval.core.report import Report
from allyeval.render.ranking import MIXED_MODELS, RankedEntry, comparability_line, rank_by_model
from allyeval.render.records import band_probabilities_text, points_text
from allyeval.render.safe import cell, code


def _coverage(coverage: float, insufficient: bool) -> str:
    return f"{coverage:.0%}" + (" (insufficient)" if insufficient else "")


class MarkdownRenderer:
    opening = ""
    separator = ""
    ranks = True
    streams = True

    def __init__(
        self,
        criteria_set: CriteriaSet,
        method: str = "arithmetic",
        others: Sequence[CriteriaSet] = (),
    ) -> None:
        self._criteria_set = criteria_set
        self._method = method
        self._models = [criteria_set, *others]

    def begin(self) -> str:
        return ""

    def item(self, report: Report) -> str:
        result = report.result
        profile = result.profile
        band = (
            "insufficient evidence, score provisional" if result.provisional else result.band_text
        )
        lines = [
            f"## {cell(profile.name)}",
            "",
            f"**Score {result.score:.1f} / 100, {cell(band)}** (90% interval"
            f" {report.interval[0]:.1f}–{report.interval[1]:.1f}), coverage {result.coverage:.0%}."
            f" {profile.kind.replace('_', ' ').capitalize()}, {len(profile.members)} members"
            f" ({cell(', '.join(profile.members))}), established {profile.established}"
            + (f", ended {profile.ended}" if profile.ended else "")
            + f"; formal basis: {profile.formal_basis}; {cell(profile.region)};"
            f" as of {profile.as_of.isoformat()}. Source file: {code(report.path)}.",
            "",
            f"Band probabilities: {cell(band_probabilities_text(report.band_probabilities))}.",
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
                f" | {score} | {span} | {_coverage(crit.coverage, crit.insufficient)}"
                f" | {points_text(crit.contribution)} |"
            )
        overall = f"{report.interval[0]:.1f}–{report.interval[1]:.1f}"
        lines.append(
            f"| **Overall** | | | | {overall} | {_coverage(result.coverage, result.provisional)}"
            f" | **{result.score:.1f}** |"
        )
        lines += [
            "",
            "| Indicator | Level | Confidence | Points | Evidence | Sources |",
            "|---|--:|---|--:|---|---|",
        ]
        for crit, item in result.indicator_scores():
            rating = item.rating
            name = f"{cell(crit.criterion.name)}: {cell(item.indicator.name)}"
            cited = ", ".join(f"[{n}]" for n in report.references.get(item.indicator.id, ()))
            if item.not_applicable is not None:
                reason = cell(item.not_applicable.evidence)
                lines.append(f"| {name} | n/a | | | not applicable: {reason} | {cited} |")
                continue
            if rating is None:
                lines.append(f"| {name} | – | | | not rated | |")
                continue
            gate = (
                ""
                if item.gated_from is None
                else f" (rated {item.gated_from}/4; counted at the consent level)"
            )
            lines.append(
                f"| {name} | {rating.level}/4 | {rating.confidence}"
                f" | {points_text(item.contribution)} | {cell(rating.evidence)}{gate} | {cited} |"
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
        if report.bibliography:
            lines += ["", "**Sources**", ""]
            lines += [f"{entry.number}. {cell(entry.text)}" for entry in report.bibliography]
        return "\n".join(lines) + "\n\n"

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        lines = []
        groups = rank_by_model(ranking)
        if len(groups) > 1:
            lines += [MIXED_MODELS.format(count=len(groups)), ""]
        for name, ranked in groups:
            if len(groups) == 1 and len(ranked) < 2:
                break
            lines += [
                "## Ranking" + (f": {cell(name)}" if len(groups) > 1 else ""),
                "",
                "| Rank | Partnership | Score | Band | Coverage |",
                "|--:|---|--:|---|--:|",
            ]
            lines += [
                f"| {e.rank} | {cell(e.name)} | {e.score:.1f} | {cell(e.band_text)}"
                f" | {e.coverage:.0%} |"
                for e in ranked
            ]
            note = comparability_line(ranking)
            lines += ["", note] if note else []
            lines.append("")
        lines += [
            f"_Scored with {cell(provenance_line(model, self._method))}._" for model in self._models
        ]
        return "\n".join(lines) + "\n"
