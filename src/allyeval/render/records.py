"""Reports as plain, JSON-ready records: the field names scripts depend on (see README)."""

from __future__ import annotations

from typing import Any

from allyeval.core.findings import Finding
from allyeval.core.provenance import provenance
from allyeval.core.report import Reference, Report
from allyeval.core.scoring import CriterionScore, IndicatorScore
from allyeval.core.sources import cite


def points(value: float) -> float:
    """A score or contribution on the 0-100 scale, as printed: two decimals."""
    return round(value, 2)


def optional_points(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def points_text(value: float | None) -> str:
    """Points for people to read: one decimal, or a dash where points do not apply."""
    return "–" if value is None else f"{value:.1f}"


def band_probabilities_text(probabilities: dict[str, float]) -> str:
    """``robust 12%, effective 80%, strained 8%, fragile 0%`` (each rounded to a percent)."""
    return ", ".join(f"{name} {p:.0%}" for name, p in probabilities.items())


def fraction(value: float) -> float:
    """A weight, share or coverage (0-1), as printed: four decimals."""
    return round(value, 4)


def report_record(report: Report) -> dict[str, Any]:
    result = report.result
    profile = result.profile
    return {
        "id": profile.id,
        "name": profile.name,
        "path": report.path,
        "kind": profile.kind,
        "members": list(profile.members),
        "member_codes": profile.member_codes,
        "established": profile.established,
        "ended": profile.ended,
        "formal_basis": profile.formal_basis,
        "region": profile.region,
        "as_of": profile.as_of.isoformat(),
        "score": points(result.score),
        "interval": interval_record(report.interval),
        "band": result.band,
        "capped_by": [cap.condition for cap in result.capped_by],
        "band_probabilities": {
            name: fraction(p) + 0.0 for name, p in report.band_probabilities.items()
        },
        "provisional": result.provisional,
        "method": result.method,
        "coverage": fraction(result.coverage),
        "provenance": provenance(
            result.criteria_set,
            result.method,
            report.seed if report.sampled else None,
            report.samples if report.sampled else None,
        ),
        "criteria": [
            _criterion_record(c, report.criterion_intervals[c.criterion.id], report.references)
            for c in result.criteria
        ],
        "findings": {
            "strengths": [_finding_record(f) for f in report.findings.strengths],
            "weaknesses": [_finding_record(f) for f in report.findings.weaknesses],
            "recommendations": [_finding_record(f) for f in report.findings.recommendations],
            "unrated_criteria": list(report.findings.unrated_criteria),
        },
        "bibliography": [reference_record(entry) for entry in report.bibliography],
    }


def reference_record(entry: Reference) -> dict[str, Any]:
    """A bibliography entry: its number, the citation as one line, and its parts."""
    source = entry.source
    record: dict[str, Any] = {"number": entry.number, "text": entry.text}
    if not isinstance(source, str):
        record |= source.model_dump(exclude_none=True)
    return record | {"indicators": list(entry.indicators)}


def interval_record(interval: tuple[float, float] | None) -> list[float] | None:
    return None if interval is None else [points(interval[0]), points(interval[1])]


def _criterion_record(
    crit: CriterionScore,
    interval: tuple[float, float] | None,
    references: dict[str, tuple[int, ...]],
) -> dict[str, Any]:
    total = sum(i.indicator.weight for i in crit.indicators)
    return {
        "id": crit.criterion.id,
        "name": crit.criterion.name,
        "direction": crit.criterion.direction,
        "weight": fraction(crit.weight),
        "share": fraction(crit.share),
        "score": optional_points(crit.score),
        "interval": interval_record(interval),
        "coverage": fraction(crit.coverage),
        "insufficient": crit.insufficient,
        "contribution": optional_points(crit.contribution),
        "indicators": [
            _indicator_record(i, total, references.get(i.indicator.id, ())) for i in crit.indicators
        ],
    }


def _indicator_record(
    item: IndicatorScore, criterion_weight: float, references: tuple[int, ...]
) -> dict[str, Any]:
    rating = item.rating or item.not_applicable
    return {
        "id": item.indicator.id,
        "name": item.indicator.name,
        "state": item.state,
        "level": item.rating.level if item.rating else None,
        "gated_from": item.gated_from,
        "confidence": rating.confidence if rating else None,
        "weight": fraction(item.indicator.weight / criterion_weight),
        "share": fraction(item.share),
        "contribution": optional_points(item.contribution),
        "evidence": rating.evidence if rating else None,
        "sources": [cite(source) for source in rating.sources] if rating else [],
        "references": list(references),
        "source": {"file": item.indicator.source.file, "section": item.indicator.source.section},
    }


def _finding_record(finding: Finding) -> dict[str, Any]:
    return {
        "criterion": finding.criterion_id,
        "indicator": finding.indicator_id,
        "level": finding.level,
        "points": points(finding.points),
        "text": finding.text,
    }
