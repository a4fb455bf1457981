"""What a number needs to be reproduced months later: tool version, criteria, method, seed."""

from __future__ import annotations

from typing import Any

from allyeval.core.models import CriteriaSet
from allyeval.core.version import __version__


def provenance(
    criteria_set: CriteriaSet, method: str, seed: int | None = None, samples: int | None = None
) -> dict[str, Any]:
    """The provenance record carried by every JSON output."""
    record: dict[str, Any] = {
        "allyeval": __version__,
        "criteria": {
            "name": criteria_set.name,
            "version": criteria_set.version,
            "sha256": criteria_set.digest,
            "min_coverage": criteria_set.min_coverage,
        },
        "method": method,
    }
    if seed is not None:
        record["seed"] = seed
    if samples is not None:
        record["samples"] = samples
    return record


def provenance_line(
    criteria_set: CriteriaSet, method: str, seed: int | None = None, samples: int | None = None
) -> str:
    """The same facts in one line of prose, for CSV comments and Markdown footers."""
    text = (
        f"allyeval {__version__}; criteria {criteria_set.name} {criteria_set.version} "
        f"(sha256 {criteria_set.digest[:16]}); method {method}"
    )
    if seed is not None:
        text += f"; seed {seed}"
    if samples is not None:
        text += f"; {samples} samples"
    return text
