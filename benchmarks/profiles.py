"""Realistic generated profiles for benchmarks: every indicator rated, with a sentence of
evidence and a source each (about 5 KB), in any number; deterministic for a given seed."""

from __future__ import annotations

import random
from pathlib import Path

from allyeval.core.loader import load_criteria

KINDS = ["bilateral", "multilateral", "defense_cooperation_agreement", "strategic_dialogue"]
MEMBERS = ["US", "GB", "FR", "DE", "JP", "AU", "IN", "NO", "PL", "IL", "KR", "CA", "IT", "ES"]


def profile_text(number: int, rng: random.Random) -> str:
    criteria_set = load_criteria()
    members = rng.sample(MEMBERS, rng.randint(2, 6))
    lines = [
        f"id: generated-{number:05d}",
        f"name: Generated partnership {number}",
        f"kind: {rng.choice(KINDS)}",
        "members: [" + ", ".join(f'"{m}"' for m in members) + "]",
        f"established: {rng.randint(1949, 2021)}",
        f"formal_basis: {rng.choice(['treaty', 'mou', 'none'])}",
        "region: Indo-Pacific",
        f"as_of: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "summary: >-",
        "  A generated partnership used to measure how fast allyeval scores many profiles;",
        "  its ratings are random and mean nothing.",
        "ratings:",
    ]
    kind = lines[2].removeprefix("kind: ")
    for indicator_id, (_, indicator) in criteria_set.indicators.items():
        n = rng.randint(1, 999)
        # An indicator the model does not apply to this kind is rated n/a, as an analyst would.
        level = rng.randint(0, 4) if kind in indicator.kinds else "n/a"
        lines += [
            f"  {indicator_id}:",
            f"    level: {level}",
            f"    confidence: {rng.choice(['low', 'medium', 'high'])}",
            f"    evidence: A sentence naming an exercise, a treaty article or an event ({n}).",
            f"    sources: [Official publication of a member state ({rng.randint(1990, 2024)})]",
        ]
    return "\n".join(lines) + "\n"


def write_profiles(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """Write *count* generated profiles into *folder* and return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"generated-{number:05d}.yaml"
        path.write_text(profile_text(number, rng), encoding="utf-8")
        paths.append(path)
    return paths
