"""The terminal report: rich tables with score bars; plain text when not on a terminal."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from allyeval.core.findings import Finding
from allyeval.core.models import CriteriaSet
from allyeval.core.report import Report
from allyeval.core.scoring import CriterionScore
from allyeval.render.common import make_console
from allyeval.render.ranking import RankedEntry, rank
from allyeval.render.records import points_text
from allyeval.render.safe import data_text

BAR_CELLS = 10
BAND_STYLES = {"robust": "bold green", "effective": "bold cyan", "strained": "bold yellow"}
FALLBACK_BAND_STYLE = "bold red"


def band_style(band: str, criteria_set: CriteriaSet) -> str:
    lowest = criteria_set.bands[-1].name
    return FALLBACK_BAND_STYLE if band == lowest else BAND_STYLES.get(band, "bold")


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

    def __init__(self, criteria_set: CriteriaSet, *, color: bool, width: int) -> None:
        self._criteria_set = criteria_set
        self._console = make_console(color=color, width=width)

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
        return [
            self._header(report),
            self._criteria_table(report),
            "",
            self._indicator_table(report),
            self._findings(report),
        ]

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        table = self.ranking_table(ranking)
        return "" if table is None else "\n" + self._text(table)

    def ranking_table(self, ranking: list[RankedEntry]) -> Table | None:
        """The ranking of several profiles (None for fewer than two)."""
        if len(ranking) < 2:
            return None
        table = Table(title="Ranking", title_justify="left", box=box.SIMPLE_HEAD)
        for column, justify in [
            ("Rank", "right"), ("Partnership", "left"), ("Score", "right"),
            ("Band", "left"), ("Coverage", "right"), ("File", "left"),
        ]:  # fmt: skip
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for entry in rank(ranking):
            table.add_row(
                str(entry.rank),
                data_text(entry.name),
                f"{entry.score:.1f}",
                data_text(entry.band, band_style(entry.band, self._criteria_set)),
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
            data_text(result.band.upper(), band_style(result.band, self._criteria_set)),
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
                f"{crit.coverage:.0%}",
                f"{points_text(crit.contribution)}",
            )
        table.add_section()
        table.add_row("Overall", "", "", _interval_text(report.interval),
                      f"{report.result.coverage:.0%}",
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
                if rating is None:
                    table.add_row(data_text(f"  {item.indicator.name}"), "–", "", "",
                                  Text("not rated", style="dim italic"))  # fmt: skip
                    continue
                evidence = data_text(rating.evidence)
                if rating.sources:
                    evidence.append_text(data_text(f" ({'; '.join(rating.sources)})", "dim"))
                table.add_row(
                    data_text(f"  {item.indicator.name}"),
                    f"{rating.level}/4",
                    rating.confidence,
                    f"{points_text(item.contribution)}",
                    evidence,
                )
        return table

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
