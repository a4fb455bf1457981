"""Small criteria and profiles built in code, for tests that need exact, hand-checked weights."""

from __future__ import annotations

from typing import Any


def indicator(ident: str, weight: float) -> dict[str, Any]:
    return {
        "id": ident,
        "name": f"Indicator {ident}",
        "weight": weight,
        "question": f"How is {ident}?",
        "rubric": {level: f"{ident} at level {level}" for level in range(5)},
        "recommendation": f"Improve {ident}.",
        "source": {"file": "doc.txt", "section": "Section"},
    }


def criterion(
    ident: str, direction: str, weight: float, indicators: list[tuple[str, float]]
) -> dict[str, Any]:
    return {
        "id": ident,
        "name": f"Criterion {ident}",
        "description": f"What {ident} measures.",
        "direction": direction,
        "weight": weight,
        "source": {"file": "doc.txt", "section": "Section"},
        "indicators": [indicator(i, w) for i, w in indicators],
    }
