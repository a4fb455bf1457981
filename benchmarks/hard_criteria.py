"""Criteria files whose weights make an exact grid large, and a fully rated profile for each.

Three files under ``tests/fixtures/criteria/`` (written by this script, committed) stress the
interval engine: ordinary decimal weights (1.5, 2.5, 3.5), integer indicator weights 1-13
inside criteria weighted 7-23, and 3,000 equally weighted indicators. Their common-denominator
grid is far finer than the default criteria's, which made the old exact convolution take
30-60 s and gigabytes for one profile.

    python benchmarks/hard_criteria.py   # rewrite the three files (deterministic)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "criteria"
NAMES = ("decimal-weights", "integer-weights", "many-indicators")
LEVELS = (0, 1, 2, 3, 4, 2, 3, 1)
CONFIDENCES = ("low", "medium", "low", "high", "medium")


def _indicator(ident: str, weight: float) -> dict[str, Any]:
    return {
        "id": ident,
        "name": f"Indicator {ident}",
        "weight": weight,
        "question": f"How is {ident}?",
        "rubric": {level: f"Level {level}." for level in range(5)},
        "recommendation": f"Improve {ident}.",
        "source": {"file": "doc.txt", "section": "Section"},
    }


def _criteria(name: str, weights: list[tuple[float, list[float]]]) -> dict[str, Any]:
    return {
        "name": name,
        "version": "1",
        "title": f"Criteria with hard weights ({name})",
        "documents": [{"file": "doc.txt", "title": "A document"}],
        "bands": [{"name": "high", "min": 60}, {"name": "low", "min": 0}],
        "criteria": [
            {
                "id": f"c{c}",
                "name": f"Criterion {c}",
                "description": f"What criterion {c} measures.",
                "direction": "risk" if c == len(weights) - 1 else "benefit",
                "weight": weight,
                "source": {"file": "doc.txt", "section": "Section"},
                "indicators": [_indicator(f"c{c}_i{i}", w) for i, w in enumerate(inner)],
            }
            for c, (weight, inner) in enumerate(weights)
        ],
    }


def criteria_data(name: str) -> dict[str, Any]:
    """The criteria file *name* (one of NAMES) as plain data."""
    if name == "decimal-weights":
        cycle = (1.5, 2.5, 3.5)
        sizes = (4, 5, 5, 5, 4, 5)
        return _criteria(
            name,
            [
                (cycle[c % 3], [cycle[(c + i) % 3] for i in range(size)])
                for c, size in enumerate(sizes)
            ],
        )
    if name == "integer-weights":
        outer = (7, 11, 13, 17, 19, 23)
        return _criteria(
            name,
            [
                (float(weight), [float(1 + (3 * c + 5 * i) % 13) for i in range(5)])
                for c, weight in enumerate(outer)
            ],
        )
    if name == "many-indicators":
        return _criteria(name, [(float(w), [1.0] * 500) for w in (20, 20, 15, 20, 10, 15)])
    raise ValueError(name)


def profile_data(criteria: dict[str, Any], number: int = 0) -> dict[str, Any]:
    """A profile rating every indicator of *criteria*, mostly with low or medium confidence."""
    ratings = {}
    k = number
    for crit in criteria["criteria"]:
        for ind in crit["indicators"]:
            ratings[ind["id"]] = {
                "level": LEVELS[k % len(LEVELS)],
                "confidence": CONFIDENCES[(k // 3) % len(CONFIDENCES)],
                "evidence": "Generated for a benchmark.",
                "sources": ["A source"],
            }
            k += 1
    return {
        "id": f"hard-{number}",
        "name": f"Hard profile {number}",
        "kind": "bilateral",
        "members": ["US", "GB"],
        "established": 2000,
        "formal_basis": "treaty",
        "region": "Europe",
        "as_of": "2024-01-01",
        "summary": "A generated profile.",
        "ratings": ratings,
    }


def main() -> None:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        data = criteria_data(name)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        (FIXTURES / f"{name}.yaml").write_text(text, encoding="utf-8")
        profile = yaml.safe_dump(profile_data(data), sort_keys=False, width=100)
        (FIXTURES / f"{name}-profile.yaml").write_text(profile, encoding="utf-8")


if __name__ == "__main__":
    main()
