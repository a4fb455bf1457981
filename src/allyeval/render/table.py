"""The terminal report: rich tables with score bars; plain text when not on a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from allyeval.core.findings import Finding
from allyeval.core.models import INSUFFICIENT, CriteriaSet
from allyeval.core.report import Report
from allyeval.render.common import make_console
from allyeval.render.explain import (
    REACH_LEGEND,
    TIE_MARK,
    TIE_NOTE,
    override_line,
    reach_lines,
    tied_with_previous,
)
from allyeval.render.layout import heading
from allyeval.render.ranking import MIXED_MODELS, RankedEntry, comparability_line, rank_by_model
from allyeval.render.records import band_probabilities_text
from allyeval.render.safe import data_text
from allyeval.render.score_tables import (
    FINDINGS_LEGEND,
    criteria_table,
    indicator_table,
    interval_text,
)

FILES_FROM = 140
"""From this width the ranking also names each profile's file."""
RANKING_LEGEND = "90% interval: where the score lies given the confidence of the ratings."

BAND_STYLES = {
    "robust": "bold green",
    "effective": "bold cyan",
    "strained": "bold yellow",
    INSUFFICIENT: "bold magenta",
}
FALLBACK_BAND_STYLE = "bold red"


def band_style(band: str, criteria_set: CriteriaSet) -> str:
    lowest = criteria_set.bands[-1].name
    return FALLBACK_BAND_STYLE if band == lowest else BAND_STYLES.get(band, "bold")


def band_label(band: str) -> str:
    """A band as the headline shows it; a provisional score says why it is provisional."""
    if band == INSUFFICIENT:
        return "INSUFFICIENT EVIDENCE (score provisional)"
    return band.upper()


def bibliography_table(report: Report) -> Table:
    """The numbered sources of one report."""
    grid = Table(title="Sources", title_justify="left", box=None, show_header=False)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for entry in report.bibliography:
        grid.add_row(f"[{entry.number}]", data_text(entry.text))
    return grid


class TableRenderer:
    opening = ""
    separator = "\n"
    ranks = True
    streams = True

    def __init__(
        self,
        criteria_set: CriteriaSet,
        *,
        color: bool,
        width: int,
        others: Sequence[CriteriaSet] = (),
        references: bool = False,
    ) -> None:
        self._criteria_set = criteria_set
        self._models = {model.name: model for model in (criteria_set, *others)}
        self._console = make_console(color=color, width=width)
        self._references = references
        """Cite sources by bibliography number and end each report with the bibliography."""

    def _text(self, *renderables: RenderableType) -> str:
        with self._console.capture() as capture:
            for renderable in renderables:
                self._console.print(renderable)
        return capture.get()

    def begin(self) -> str:
        return ""

    def item(self, report: Report) -> str:
        return self._text(*self.renderables(report))

    def renderables(self, report: Report) -> list[RenderableType]:
        """The parts of one report, in order."""
        width = self._console.width
        parts = [
            self._header(report),
            criteria_table(report, width),
            "",
            indicator_table(report, width, self._references),
            "",
            self._findings(report),
            self._explanations(report),
        ]
        if self._references and report.bibliography:
            parts.append(bibliography_table(report))
        return parts

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        table = self.ranking_table(ranking)
        if table is None:
            return ""
        note = comparability_line(ranking)
        return "\n" + self._text(table, *([data_text(note)] if note else []))

    def _explanations(self, report: Report) -> RenderableType:
        lines = [data_text(line) for line in reach_lines(report)]
        if lines:
            lines.append(Text(REACH_LEGEND, style="dim"))
        if (what_if := override_line(report)) is not None:
            lines.insert(0, data_text(what_if, "yellow"))
        return Group(*lines)

    def ranking_table(self, ranking: list[RankedEntry]) -> RenderableType | None:
        """The ranking of several profiles (None for fewer than two); one ranking per criteria
        model when they were scored with different ones."""
        groups = rank_by_model(ranking)
        if len(groups) > 1:
            tables = [self._ranked(entries, f"Ranking: {name}") for name, entries in groups]
            return Group(Text(MIXED_MODELS.format(count=len(groups)), style="yellow"), *tables)
        if len(ranking) < 2:
            return None
        return self._ranked(groups[0][1], "Ranking")

    def _ranked(self, ranked: list[RankedEntry], title: str) -> RenderableType:
        table = Table(
            title=data_text(title), title_justify="left", box=box.SIMPLE_HEAD,
            show_edge=False, pad_edge=False,
        )  # fmt: skip
        table.add_column("Rank", justify="right", no_wrap=True)
        table.add_column("Partnership", overflow="fold")
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("90% interval", justify="right", no_wrap=True)
        # A band keeps its word on one line; a "capped by" note wraps under it.
        table.add_column("Band", overflow="fold")
        table.add_column("Coverage", justify="right", no_wrap=True)
        files = self._console.width >= FILES_FROM
        if files:
            table.add_column("File", overflow="fold")
        tied = tied_with_previous(ranked)
        for entry, tie in zip(ranked, tied, strict=True):
            model = self._models.get(entry.criteria, self._criteria_set)
            table.add_row(
                f"{TIE_MARK if tie else ''}{entry.rank}",
                data_text(entry.name),
                f"{entry.score:.1f}",
                interval_text(entry.interval),
                data_text(entry.band_text, band_style(entry.band, model)),
                f"{entry.coverage:.0%}",
                *([data_text(entry.path)] if files else []),
            )
        notes = [RANKING_LEGEND] + ([TIE_NOTE] if any(tied) else [])
        return Group(table, Text(" ".join(notes), style="dim"))

    def _header(self, report: Report) -> RenderableType:
        result = report.result
        profile = result.profile
        facts = [
            profile.kind.replace("_", " "),
            f"{len(profile.members)} members: {', '.join(profile.members)}",
            f"established {profile.established}"
            + (f", ended {profile.ended}" if profile.ended else ""),
            f"formal basis: {profile.formal_basis}",
            profile.region,
            f"as of {profile.as_of.isoformat()}",
        ]
        low, high = report.interval
        headline = Text.assemble(
            ("Score ", "bold"),
            (f"{result.score:.1f}", "bold"),
            " / 100  ",
            data_text(band_label(result.band), band_style(result.band, result.criteria_set)),
            data_text(f" ({result.capped_note})" if result.capped_note else "", "italic"),
            f"   90% interval {low:.1f}–{high:.1f}   coverage {result.coverage:.0%}",
            data_text(
                f"   criteria {result.criteria_set.name} {result.criteria_set.version}"
                + ("" if result.method == "arithmetic" else f", {result.method} mean"),
                "dim",
            ),
        )
        return Group(
            heading(data_text(f"{profile.name} ({profile.id})", "bold"), self._console.width),
            data_text(" · ".join(facts), "dim"),
            data_text(report.path, "dim"),
            headline,
            data_text(
                f"Band probabilities: {band_probabilities_text(report.band_probabilities)}", "dim"
            ),
            "",
        )

    def _findings(self, report: Report) -> RenderableType:
        findings = report.findings
        parts: list[RenderableType] = []

        def section(title: str, items: tuple[Finding, ...], sign: str, style: str) -> None:
            if not items:
                return
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            for item in items:
                grid.add_row(
                    Text(f" {sign}", style=style),
                    Text.assemble(
                        data_text(item.indicator_name, "bold"),
                        f" (level {item.level}/4, {sign}{item.points:.1f} points): ",
                        data_text(item.text),
                    ),
                )
            parts.extend([Text(title, style="bold"), grid])

        section("Strengths", findings.strengths, "+", "green")
        section("Weaknesses", findings.weaknesses, "-", "red")
        section("Recommendations", findings.recommendations, "→", "yellow")
        if parts:
            parts.append(Text(FINDINGS_LEGEND, style="dim"))
        if findings.unrated_criteria:
            parts.append(
                data_text(
                    "Not rated at all (left out of the score): "
                    + ", ".join(findings.unrated_criteria),
                    "yellow",
                )
            )
        return Group(*parts)
