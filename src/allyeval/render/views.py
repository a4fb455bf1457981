"""What the HTML and SVG reports show, as plain data: numbers already rounded for reading,
text still raw (the templates escape it). Built from the same reports and analysis results as
every other format; how it looks is in ``charts`` and the templates."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from allyeval.core.findings import Finding
from allyeval.core.models import CriteriaSet, Criterion
from allyeval.core.report import Report
from allyeval.core.scoring import CriterionScore
from allyeval.render.common import percent
from allyeval.render.ranking import RankedEntry, rank
from allyeval.render.records import points_text


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


def criterion_label(criterion: Criterion) -> str:
    """A criterion's name, with a note when a higher score is worse."""
    if criterion.direction == "risk":
        return f"{criterion.name} (risk: lower is better)"
    return criterion.name


def bands(criteria_set: CriteriaSet) -> tuple[BandMark, ...]:
    return tuple(BandMark(b.name, b.min) for b in criteria_set.bands)


def interval_text(interval: tuple[float, float] | None) -> str:
    return "–" if interval is None else f"{interval[0]:.1f}–{interval[1]:.1f}"


def source(text: str) -> Source:
    """A source as text, and as a link when it is a single http or https address."""
    parts = urlsplit(text) if " " not in text.strip() else None
    if parts is not None and parts.scheme in ("http", "https") and parts.netloc:
        return Source(text, text.strip())
    return Source(text, None)


def _criterion_view(crit: CriterionScore, interval: tuple[float, float] | None) -> CriterionView:
    indicators = tuple(
        IndicatorView(
            name=item.indicator.name,
            level="not rated" if item.rating is None else f"{item.rating.level}/4",
            confidence="" if item.rating is None else item.rating.confidence,
            points=points_text(item.contribution),
            evidence="" if item.rating is None else item.rating.evidence,
            sources=() if item.rating is None else tuple(source(s) for s in item.rating.sources),
        )
        for item in crit.indicators
    )
    return CriterionView(
        name=crit.criterion.name,
        direction="risk: lower is better" if crit.criterion.direction == "risk" else "benefit",
        weight=percent(crit.share),
        score=points_text(crit.score),
        interval=interval_text(interval),
        coverage=percent(crit.coverage),
        points=points_text(crit.contribution),
        indicators=indicators,
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
        band=result.band,
        interval=interval_text(report.interval),
        coverage=percent(result.coverage),
        criteria=tuple(_criterion_view(c, intervals[c.criterion.id]) for c in result.criteria),
        bars=tuple(bars),
        strengths=views(findings.strengths, "+"),
        weaknesses=views(findings.weaknesses, "−"),
        recommendations=views(findings.recommendations, "up to +"),
        unrated=tuple(findings.unrated_criteria),
    )


def ranking_points(
    entries: list[RankedEntry], intervals: dict[str, tuple[float, float]]
) -> tuple[RankPoint, ...]:
    """The ranking with each profile's 90% interval (*intervals* by path and id)."""
    return tuple(
        RankPoint(e.rank, e.id, e.name, e.score, *intervals[f"{e.path}\0{e.id}"], e.band)
        for e in rank(entries)
    )
