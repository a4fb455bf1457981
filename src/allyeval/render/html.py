"""HTML and SVG reports: a document for a briefing, and the chart alone for a slide.

The HTML comes from Jinja2 templates (``templates/``) with autoescaping on, since every string
in a profile is untrusted; the charts are SVG drawn in Python (``charts``), escaped by the XML
serialiser. The document is one self-contained file: inline CSS and SVG, no script, and a
Content-Security-Policy that lets the page load nothing, not even a font or an image.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from allyeval.analysis.agreement import Agreement
from allyeval.analysis.comparison import Comparison
from allyeval.analysis.robustness import Robustness
from allyeval.analysis.trend import Trend
from allyeval.core.models import CriteriaSet
from allyeval.core.provenance import provenance_line
from allyeval.core.report import Report
from allyeval.core.version import __version__
from allyeval.render import charts
from allyeval.render.agreement import agreement_view
from allyeval.render.analysis_views import compare_view, robustness_view, trend_view
from allyeval.render.ranking import RankedEntry
from allyeval.render.svg import standalone
from allyeval.render.views import (
    ProfileView,
    bands,
    criterion_label,
    profile_view,
    ranking_points,
)

STYLESHEET = "report.css"


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("allyeval.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _stylesheet() -> tuple[str, str]:
    """The CSS, and its SHA-256 in base64: the Content-Security-Policy allows exactly it."""
    css = resources.files("allyeval.render").joinpath("templates", STYLESHEET).read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return css, digest


def _page(template: str, *, title: str, provenance: str, **context: Any) -> str:
    css, style_digest = _stylesheet()
    return (
        _environment()
        .get_template(template)
        .render(
            title=title,
            provenance=provenance,
            version=__version__,
            css=Markup(css),  # our own file, not user data
            style_digest=style_digest,
            **context,
        )
    )


def _svg(markup: str) -> Markup:
    """A chart from ``charts``: already escaped by the XML serialiser."""
    return Markup(markup)


def _profile_chart(view: ProfileView, criteria_set: CriteriaSet) -> str:
    return charts.score_bars(view.bars, bands(criteria_set), f"{view.name}: score by criterion")


class HtmlRenderer:
    """``allyeval score --format html|svg``: one document for every profile given."""

    opening = ""
    separator = ""
    ranks = True
    streams = False

    def __init__(self, criteria_set: CriteriaSet, kind: str, *, method: str = "arithmetic") -> None:
        self._criteria_set = criteria_set
        self._kind = kind
        self._method = method
        self._profiles: list[ProfileView] = []
        self._intervals: dict[str, tuple[float, float]] = {}
        self._sampling: tuple[int, int] | None = None

    def begin(self) -> str:
        return ""

    def item(self, report: Report) -> str:
        self._profiles.append(profile_view(report))
        self._intervals[f"{report.path}\0{report.profile.id}"] = report.interval
        if report.sampled:
            self._sampling = (report.seed, report.samples)
        return ""

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        criteria_set = self._criteria_set
        thresholds = bands(criteria_set)
        points = ranking_points(ranking, self._intervals) if len(ranking) > 1 else ()
        ranking_chart = (
            charts.ranking(points, thresholds, "Ranking with 90% intervals") if points else ""
        )
        if self._kind == "svg":
            if ranking_chart:
                return standalone(ranking_chart)
            return standalone(_profile_chart(self._profiles[0], criteria_set))
        side_by_side = ""
        if len(self._profiles) > 1:
            side_by_side = charts.grouped_bars(
                [bar.label for bar in self._profiles[0].bars[:-1]],
                [p.name for p in self._profiles],
                [
                    [p.bars[k].value for p in self._profiles]
                    for k in range(len(self._profiles[0].bars) - 1)
                ],
                "Criteria side by side",
            )
        profiles = [(p, _svg(_profile_chart(p, criteria_set))) for p in self._profiles]
        title = (
            f"{self._profiles[0].name}: partnership assessment"
            if len(profiles) == 1
            else f"Partnership assessment: {len(profiles)} partnerships"
        )
        return _page(
            "score.html.j2",
            title=title,
            provenance=provenance_line(criteria_set, self._method, *(self._sampling or ())),
            criteria=criteria_set,
            profiles=profiles,
            ranking=points,
            ranking_chart=_svg(ranking_chart),
            side_by_side=_svg(side_by_side),
        )


def analysis_document(
    result: Comparison | Robustness | Trend | Agreement,
    kind: str,
    *,
    criteria_set: CriteriaSet,
    method: str,
    seed: int | None = None,
    samples: int | None = None,
) -> str:
    """The HTML document (or, for *kind* ``svg``, the main chart) of compare, robustness,
    trend or agree."""
    thresholds = bands(criteria_set)
    provenance = provenance_line(criteria_set, method, seed, samples)
    if isinstance(result, Agreement):
        return _agreement_document(result, kind, provenance)
    if isinstance(result, Comparison):
        compare = compare_view(result)
        side_by_side = charts.grouped_bars(
            compare.criteria, compare.profiles, compare.values, "Criteria side by side"
        )
        if kind == "svg":
            return standalone(side_by_side)
        return _page(
            "compare.html.j2",
            title="Comparison of " + ", ".join(compare.profiles),
            provenance=provenance,
            view=compare,
            ranking_chart=_svg(
                charts.ranking(compare.ranking, thresholds, "Ranking with 90% intervals")
            ),
            side_by_side=_svg(side_by_side),
        )
    if isinstance(result, Robustness):
        robust = robustness_view(result)
        heat = charts.heat_map(robust.profiles, robust.shares, "Rank acceptability")
        if kind == "svg":
            return standalone(heat)
        return _page(
            "robustness.html.j2",
            title="Weight robustness of the ranking",
            provenance=provenance,
            view=robust,
            heat_map=_svg(heat),
        )
    series = trend_view(result)
    line = charts.time_series(series.dates, series.days, series.scores, series.lows,
                              series.highs, thresholds, "Overall score by date")  # fmt: skip
    if kind == "svg":
        return standalone(line)
    return _page(
        "trend.html.j2",
        title=f"Trend: {series.title}",
        provenance=provenance,
        view=series,
        line_chart=_svg(line),
        small_lines=_svg(
            charts.small_lines(
                series.criteria, series.days, series.values, "Criterion scores by date"
            )
        ),  # fmt: skip
    )


def _agreement_document(result: Agreement, kind: str, provenance: str) -> str:
    """agree: the raters' criterion scores side by side with the consensus, and the tables."""
    raters = [r.label for r in result.raters]
    side_by_side = charts.grouped_bars(
        [criterion_label(row.criterion) for row in result.criteria],
        [*raters, "consensus"],
        [
            [*row.scores, result.consensus.criteria[k].score]
            for k, row in enumerate(result.criteria)
        ],
        "Criterion scores by rater",
    )
    if kind == "svg":
        return standalone(side_by_side)
    view = agreement_view(result, provenance)
    return _page(
        "agree.html.j2",
        title=view.title,
        provenance=provenance,
        view=view,
        side_by_side=_svg(side_by_side),
    )
