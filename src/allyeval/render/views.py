"""What the HTML and SVG reports show, as plain data: numbers already rounded for reading,
text still raw (the templates escape it). Built from the same reports and analysis results as
every other format; how it looks is in ``charts`` and the templates."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from allyeval.core import sources
from allyeval.core.findings import Finding
from allyeval.core.models import INSUFFICIENT, CriteriaSet, Criterion
from allyeval.core.report import Report
from allyeval.core.scoring import CriterionScore
from allyeval.render.common import percent
from allyeval.render.ranking import RankedEntry, rank
from allyeval.render.records import band_probabilities_text, points_text


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a bar chart: a score on 0-100 and its 90% interval."""

    label: str
    value: float | None
    low: float | None = None
    high: float | None = None
    strong: bool = False


@dataclass(frozen=True, slots=True)
class BandMark:
    name: str
    min: float


@dataclass(frozen=True, slots=True)
class RankPoint:
    rank: int
    label: str
    name: str
    score: float
    low: float
    high: float
    band: str


@dataclass(frozen=True, slots=True)
class Source:
    text: str
    url: str | None
    """Set only for an http or https address: nothing else becomes a link."""


@dataclass(frozen=True, slots=True)
class IndicatorView:
    name: str
    level: str
    confidence: str
    points: str
    evidence: str
    sources: tuple[Source, ...]
    references: str
    """The bibliography numbers this rating cites, as "[1, 3]" ("" if none)."""


@dataclass(frozen=True, slots=True)
class Reference:
    number: int
    source: Source


@dataclass(frozen=True, slots=True)
class CriterionView:
    name: str
    direction: str
    weight: str
    score: str
    interval: str
    coverage: str
    points: str
    indicators: tuple[IndicatorView, ...]
    insufficient: bool


@dataclass(frozen=True, slots=True)
class FindingView:
    name: str
    level: int
    points: str
    text: str


@dataclass(frozen=True, slots=True)
class ProfileView:
    """One scored profile, everything a briefing page shows about it."""

    id: str
    name: str
    facts: tuple[str, ...]
    path: str
    score: str
    band: str
    interval: str
    coverage: str
    criteria: tuple[CriterionView, ...]
    bars: tuple[Bar, ...]
    strengths: tuple[FindingView, ...]
    weaknesses: tuple[FindingView, ...]
    recommendations: tuple[FindingView, ...]
    unrated: tuple[str, ...]
    provisional: bool
    bibliography: tuple[Reference, ...]
    band_probabilities: str = ""
    """``robust 12%, effective 80%, ...`` from the distribution behind the interval."""


def band_text(band: str) -> str:
    """A band as a reader sees it; a provisional score says why it is provisional."""
    return "insufficient evidence (score provisional)" if band == INSUFFICIENT else band


def criterion_label(criterion: Criterion) -> str:
    """A criterion's name, with a note when a higher score is worse."""
    if criterion.direction == "risk":
        return f"{criterion.name} (risk: lower is better)"
    return criterion.name


def bands(criteria_set: CriteriaSet) -> tuple[BandMark, ...]:
    return tuple(BandMark(b.name, b.min) for b in criteria_set.bands)


def interval_text(interval: tuple[float, float] | None) -> str:
    return "–" if interval is None else f"{interval[0]:.1f}–{interval[1]:.1f}"


def source(entry: str | sources.Source) -> Source:
    """A source as text, and as a link when it is (or gives) a single http or https address."""
    text = sources.cite(entry)
    if isinstance(entry, sources.Source):
        return Source(text, entry.url if _is_web_address(entry.url) else None)
    return Source(text, text.strip() if _is_web_address(text) else None)


def _is_web_address(text: str | None) -> bool:
    if text is None or " " in text.strip():
        return False
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


_LEVELS = {"pending": "not rated", "n/a": "n/a"}


def _criterion_view(
    crit: CriterionScore,
    interval: tuple[float, float] | None,
    references: dict[str, tuple[int, ...]],
) -> CriterionView:
    indicators = []
    for item in crit.indicators:
        rating = item.rating or item.not_applicable
        cited = references.get(item.indicator.id, ())
        indicators.append(
            IndicatorView(
                name=item.indicator.name,
                level=f"{item.rating.level}/4" if item.rating else _LEVELS[item.state],
                confidence="" if item.rating is None else item.rating.confidence,
                points=points_text(item.contribution),
                evidence="" if rating is None else rating.evidence,
                sources=() if rating is None else tuple(source(s) for s in rating.sources),
                references="[" + ", ".join(map(str, cited)) + "]" if cited else "",
            )
        )
    return CriterionView(
        name=crit.criterion.name,
        direction="risk: lower is better" if crit.criterion.direction == "risk" else "benefit",
        weight=percent(crit.share),
        score=points_text(crit.score),
        interval=interval_text(interval),
        coverage=percent(crit.coverage),
        points=points_text(crit.contribution),
        indicators=tuple(indicators),
        insufficient=crit.insufficient,
    )


def profile_view(report: Report) -> ProfileView:
    result = report.result
    profile = result.profile
    facts = [profile.kind.replace("_", " "), f"{len(profile.members)} members: "
             + ", ".join(profile.members)]  # fmt: skip
    if profile.established is not None:
        facts.append(f"established {profile.established}")
    if profile.ended is not None:
        facts.append(f"ended {profile.ended}")
    facts += [f"formal basis: {profile.formal_basis}", profile.region,
              f"as of {profile.as_of.isoformat()}"]  # fmt: skip
    intervals = report.criterion_intervals
    low, high = report.interval
    bars = [
        Bar(criterion_label(c.criterion), c.score, *(intervals[c.criterion.id] or (None, None)))
        for c in result.criteria
    ]
    bars.append(Bar("Overall score", result.score, low, high, strong=True))
    findings = report.findings

    def views(items: tuple[Finding, ...], sign: str) -> tuple[FindingView, ...]:
        return tuple(
            FindingView(f.indicator_name, f.level, f"{sign}{f.points:.1f}", f.text) for f in items
        )

    return ProfileView(
        id=profile.id,
        name=profile.name,
        facts=tuple(f for f in facts if f),
        path=report.path,
        score=f"{result.score:.1f}",
        band=result.band_text if result.capped_by else band_text(result.band),
        interval=interval_text(report.interval),
        coverage=percent(result.coverage),
        criteria=tuple(
            _criterion_view(c, intervals[c.criterion.id], report.references)
            for c in result.criteria
        ),
        bars=tuple(bars),
        strengths=views(findings.strengths, "+"),
        weaknesses=views(findings.weaknesses, "−"),
        recommendations=views(findings.recommendations, "up to +"),
        unrated=tuple(findings.unrated_criteria),
        provisional=result.band == INSUFFICIENT,
        bibliography=tuple(Reference(e.number, source(e.source)) for e in report.bibliography),
        band_probabilities=band_probabilities_text(report.band_probabilities),
    )


def ranking_points(
    entries: list[RankedEntry], intervals: dict[str, tuple[float, float]]
) -> tuple[RankPoint, ...]:
    """The ranking with each profile's 90% interval (*intervals* by path and id)."""
    return tuple(
        RankPoint(
            e.rank,
            e.id,
            e.name,
            e.score,
            *intervals[f"{e.path}\0{e.id}"],
            e.band_text if e.capped_note else band_text(e.band),
        )
        for e in rank(entries)
    )
