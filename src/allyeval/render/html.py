"""HTML and SVG reports: a document for a briefing, and the chart alone for a slide.

The HTML comes from Jinja2 templates (``templates/``) with autoescaping on, since every string
in a profile is untrusted; the charts are SVG drawn in Python (``charts``), escaped by the XML
serialiser. The document is one self-contained file: inline CSS and SVG, no script, and a
Content-Security-Policy that lets the page load nothing, not even a font or an image.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from allyeval.analysis.agreement import Agreement
from allyeval.analysis.comparison import Comparison
from allyeval.analysis.robustness import Robustness
from allyeval.analysis.trend import Trend
from allyeval.core.errors import UsageError
from allyeval.core.models import CriteriaSet
from allyeval.core.printable import printable
from allyeval.core.provenance import provenance_line
from allyeval.core.report import Report
from allyeval.core.version import __version__
from allyeval.render import charts
from allyeval.render.agreement import agreement_view
from allyeval.render.analysis_views import compare_view, robustness_view, trend_view
from allyeval.render.ranking import MIXED_MODELS, RankedEntry, comparability_line, rank_by_model
from allyeval.render.svg import standalone
from allyeval.render.views import (
    ProfileView,
    RankPoint,
    bands,
    criterion_label,
    profile_view,
    ranking_points,
)

STYLESHEET = "report.css"


def _printable(value: Any) -> Any:
    """Every value a template prints: text with unsafe characters shown as escapes (the
    second wall behind the loader); markup we made (CSS, SVG) as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("allyeval.render", "templates"),
        autoescape=True,
        finalize=_printable,
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


def _page(template: str, *, title: str, provenance: list[str], **context: Any) -> str:
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


@dataclass(frozen=True, slots=True)
class _Overview:
    """The ranking of one criteria model's profiles, with its charts."""

    title: str
    ranking: tuple[RankPoint, ...]
    ranking_chart: Markup
    side_by_side: Markup
    comparability: str | None


class HtmlRenderer:
    """``allyeval score --format html|svg``: one document for every profile given."""

    opening = ""
    separator = ""
    ranks = True
    streams = False

    def __init__(
        self,
        criteria_set: CriteriaSet,
        kind: str,
        *,
        method: str = "arithmetic",
        others: Sequence[CriteriaSet] = (),
    ) -> None:
        self._models = {model.name: model for model in (criteria_set, *others)}
        self._kind = kind
        self._method = method
        self._profiles: list[tuple[ProfileView, CriteriaSet]] = []
        self._intervals: dict[str, tuple[float, float]] = {}
        self._sampling: tuple[int, int] | None = None

    def begin(self) -> str:
        return ""

    def item(self, report: Report) -> str:
        self._profiles.append((profile_view(report), report.result.criteria_set))
        self._intervals[f"{report.path}\0{report.profile.id}"] = report.interval
        if report.sampled:
            self._sampling = (report.seed, report.samples)
        return ""

    def _overview(self, model: CriteriaSet, entries: list[RankedEntry], title: str) -> _Overview:
        points = ranking_points(entries, self._intervals)
        views = [view for view, used in self._profiles if used.name == model.name]
        criteria = [bar.label for bar in views[0].bars[:-1]]
        values = [[view.bars[k].value for view in views] for k in range(len(criteria))]
        return _Overview(
            title,
            points,
            _svg(charts.ranking(points, bands(model), f"{title} with 90% intervals")),
            _svg(
                charts.grouped_bars(
                    criteria, [v.name for v in views], values, "Criteria side by side"
                )
            ),  # fmt: skip
            comparability_line(entries),
        )

    def end(self, ranking: list[RankedEntry], count: int) -> str:
        if not self._profiles:
            return ""  # nothing was scored: no document (and -o keeps the previous file)
        groups = rank_by_model(ranking)
        mixed = len(groups) > 1
        overviews = [
            self._overview(self._models[name], entries, f"Ranking: {name}" if mixed else "Ranking")
            for name, entries in groups
            if len(entries) > 1
        ]
        if self._kind == "svg":
            if mixed:
                raise UsageError(
                    f"--format svg draws one chart, and these profiles are rated against "
                    f"{len(groups)} different criteria models; score each model's profiles "
                    "separately, or use --format html"
                )
            if overviews:
                return standalone(str(overviews[0].ranking_chart))
            view, model = self._profiles[0]
            return standalone(_profile_chart(view, model))
        profiles = [(view, _svg(_profile_chart(view, model))) for view, model in self._profiles]
        first = profiles[0][0]
        title = (
            f"{first.name}: partnership assessment"
            if len(profiles) == 1
            else f"Partnership assessment: {len(profiles)} partnerships"
        )
        used = [self._models[name] for name, _ in groups]
        return _page(
            "score.html.j2",
            title=title,
            provenance=[
                provenance_line(model, self._method, *(self._sampling or ())) for model in used
            ],
            models=used,
            mixed_note=MIXED_MODELS.format(count=len(groups)) if mixed else "",
            profiles=profiles,
            overviews=overviews,
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
    provenance = [provenance_line(criteria_set, method, seed, samples)]
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


def _agreement_document(result: Agreement, kind: str, provenance: list[str]) -> str:
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
    view = agreement_view(result, provenance[0])
    return _page(
        "agree.html.j2",
        title=view.title,
        provenance=provenance,
        view=view,
        side_by_side=_svg(side_by_side),
    )
