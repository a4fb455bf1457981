"""The terminal report: rich tables with score bars; plain text when not on a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from allyeval.core.findings import Finding
from allyeval.core.models import INSUFFICIENT, CriteriaSet
from allyeval.core.report import Report
from allyeval.core.scoring import CriterionScore
from allyeval.core.sources import Source, cite
from allyeval.render.common import make_console
from allyeval.render.ranking import MIXED_MODELS, RankedEntry, comparability_line, rank_by_model
from allyeval.render.records import band_probabilities_text, points_text
from allyeval.render.safe import data_text

BAR_CELLS = 10
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


def coverage_text(coverage: float, insufficient: bool) -> Text:
    """A coverage figure, marked where it is below the criteria's min_coverage."""
    text = Text(f"{coverage:.0%}")
    if insufficient:
        text.append(" insufficient", style="magenta")
    return text


def bibliography_table(report: Report) -> Table:
    """The numbered sources of one report."""
    grid = Table(title="Sources", title_justify="left", box=None, show_header=False)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for entry in report.bibliography:
        grid.add_row(f"[{entry.number}]", data_text(entry.text))
    return grid


def bar(score: float, cells: int = BAR_CELLS) -> str:
    """A 0-100 score as a bar of *cells* characters."""
    filled = round(score / 100 * cells)
    return "█" * filled + "░" * (cells - filled)


def _interval_text(interval: tuple[float, float] | None) -> str:
    return "" if interval is None else f"{interval[0]:.1f}–{interval[1]:.1f}"


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
        parts = [
            self._header(report),
            self._criteria_table(report),
            "",
            self._indicator_table(report),
            self._findings(report),
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

    def _ranked(self, ranked: list[RankedEntry], title: str) -> Table:
        table = Table(title=data_text(title), title_justify="left", box=box.SIMPLE_HEAD)
        for column, justify in [
            ("Rank", "right"), ("Partnership", "left"), ("Score", "right"),
            ("Band", "left"), ("Coverage", "right"), ("File", "left"),
        ]:  # fmt: skip
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for entry in ranked:
            model = self._models.get(entry.criteria, self._criteria_set)
            table.add_row(
                str(entry.rank),
                data_text(entry.name),
                f"{entry.score:.1f}",
                data_text(entry.band_text, band_style(entry.band, model)),
                f"{entry.coverage:.0%}",
                data_text(entry.path),
            )
        return table

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
            Rule(data_text(f"{profile.name} ({profile.id})", "bold"), align="left"),
            data_text(" · ".join(facts), "dim"),
            data_text(report.path, "dim"),
            headline,
            data_text(
                f"Band probabilities: {band_probabilities_text(report.band_probabilities)}", "dim"
            ),
            "",
        )

    def _criteria_table(self, report: Report) -> Table:
        table = Table(expand=False, box=box.SIMPLE_HEAD, show_edge=False)
        table.add_column("Criterion", no_wrap=True)
        table.add_column("Weight", justify="right")
        table.add_column("Score", no_wrap=True)
        table.add_column("90% interval", justify="right", no_wrap=True)
        table.add_column("Coverage", justify="right")
        table.add_column("Points", justify="right")
        for crit in report.result.criteria:
            table.add_row(
                data_text(
                    crit.criterion.name + (" (risk)" if crit.criterion.direction == "risk" else "")
                ),
                f"{crit.weight:.0%}",
                self._score_cell(crit),
                _interval_text(report.criterion_intervals[crit.criterion.id]),
                coverage_text(crit.coverage, crit.insufficient),
                f"{points_text(crit.contribution)}",
            )
        table.add_section()
        table.add_row("Overall", "", "", _interval_text(report.interval),
                      coverage_text(report.result.coverage, report.result.provisional),
                      Text(f"{report.result.score:.1f}", style="bold"))  # fmt: skip
        return table

    def _score_cell(self, crit: CriterionScore) -> Text:
        if crit.score is None:
            return Text("not rated", style="dim italic")
        risk = crit.criterion.direction == "risk"
        return Text.assemble(
            (bar(crit.score), "red" if risk else "green"),
            f" {crit.score:5.1f}",
        )

    def _indicator_table(self, report: Report) -> Table:
        table = Table(title="Indicators", title_justify="left", expand=True, box=box.SIMPLE_HEAD)
        table.add_column("Indicator", ratio=3)
        table.add_column("Level", justify="right", no_wrap=True)
        table.add_column("Conf.", no_wrap=True)
        table.add_column("Points", justify="right", no_wrap=True)
        table.add_column("Evidence (sources)", ratio=6)
        for crit in report.result.criteria:
            table.add_row(data_text(crit.criterion.name, "bold"), "", "", "", "")
            for item in crit.indicators:
                rating = item.rating
                cited = report.references.get(item.indicator.id, ())
                if item.not_applicable is not None:
                    reason = data_text(item.not_applicable.evidence, "dim")
                    sources = self._sources(item.not_applicable.sources, cited)
                    reason.append_text(data_text(sources, "dim"))
                    table.add_row(data_text(f"  {item.indicator.name}"), "n/a", "", "", reason)
                    continue
                if rating is None:
                    table.add_row(data_text(f"  {item.indicator.name}"), "–", "", "",
                                  Text("not rated", style="dim italic"))  # fmt: skip
                    continue
                evidence = data_text(rating.evidence)
                evidence.append_text(data_text(self._sources(rating.sources, cited), "dim"))
                if item.gated_from is not None:
                    evidence.append(
                        f" (rated {item.gated_from}/4; counted at the consent level)", style="dim"
                    )
                table.add_row(
                    data_text(f"  {item.indicator.name}"),
                    f"{rating.level}/4",
                    rating.confidence,
                    f"{points_text(item.contribution)}",
                    evidence,
                )
        return table

    def _sources(self, sources: list[str | Source], cited: tuple[int, ...]) -> str:
        if not sources:
            return ""
        if self._references:
            return " " + "".join(f"[{number}]" for number in cited)
        return f" ({'; '.join(cite(source) for source in sources)})"

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
        if findings.unrated_criteria:
            parts.append(
                data_text(
                    "Not rated at all (left out of the score): "
                    + ", ".join(findings.unrated_criteria),
                    "yellow",
                )
            )
        return Group(*parts)
