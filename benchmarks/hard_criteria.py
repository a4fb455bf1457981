"""Criteria files whose weights make an exact grid large, and a fully rated profile for each.

Three files under ``tests/fixtures/criteria/`` (written by this script, committed) stress the
interval engine: ordinary decimal weights (1.5, 2.5, 3.5), integer indicator weights 1-13
inside criteria weighted 7-23, and 3,000 equally weighted indicators. Their common-denominator
grid is far finer than the default criteria's, which made the old exact convolution take
30-60 s and gigabytes for one profile. Four more are written where needed (``GENERATED``):
weights six orders of magnitude apart, random decimal weights in twelve criteria, 3,000
indicators weighted 1 to 3,000, and fifty criteria of sixty prime-weighted indicators.

    python benchmarks/hard_criteria.py   # rewrite the three files (deterministic)
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "criteria"
NAMES = ("decimal-weights", "integer-weights", "many-indicators")
"""The files written into ``tests/fixtures/criteria/`` (committed)."""
GENERATED = ("extreme-weights", "random-decimals", "unlike-weights", "many-criteria")
"""Files written where they are needed (:func:`write`): two of them are a megabyte each."""
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
    if name == "extreme-weights":
        # Weights six orders of magnitude apart, inside and across criteria.
        return _criteria(
            name,
            [
                (0.001, [1.0, 999.0, 0.01]),
                (1000.0, [0.003, 7.0, 11.0]),
                (3.3, [1.1, 2.2, 3.3, 4.4]),
            ],
        )
    if name == "random-decimals":
        # Twelve criteria of 2-30 indicators, every weight a random decimal of 2-3 places.
        rng = random.Random(7)
        return _criteria(
            name,
            [
                (
                    round(rng.uniform(0.1, 50), 2),
                    [round(rng.uniform(0.01, 20), 3) for _ in range(rng.randint(2, 30))],
                )
                for _ in range(12)
            ],
        )
    if name == "unlike-weights":
        # 3,000 indicators, no two weighted alike (1 to 3,000), in six criteria.
        return _criteria(
            name,
            [
                (float(w), [float(1 + i + 500 * c) for i in range(500)])
                for c, w in enumerate(PRIMES[:6])
            ],
        )
    if name == "many-criteria":
        # Fifty criteria of sixty indicators, every weight a prime.
        return _criteria(
            name,
            [
                (float(PRIMES[c]), [float(PRIMES[(13 * i + c) % 200]) for i in range(60)])
                for c in range(50)
            ],
        )
    raise ValueError(name)


PRIMES = [p for p in range(2, 1300) if all(p % q for q in range(2, int(p**0.5) + 1))]


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


def write(name: str, folder: Path) -> tuple[Path, Path]:
    """Write the criteria file *name* and its profile into *folder*; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    data = criteria_data(name)
    criteria, profile = folder / f"{name}.yaml", folder / f"{name}-profile.yaml"
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    criteria.write_text(text, encoding="utf-8")
    profile.write_text(
        yaml.safe_dump(profile_data(data), sort_keys=False, width=100), encoding="utf-8"
    )
    return criteria, profile


def main() -> None:
    for name in NAMES:
        write(name, FIXTURES)


if __name__ == "__main__":
    main()
