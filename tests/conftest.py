from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from allyeval.core.loader import load_criteria
from allyeval.core.models import CriteriaSet

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"

MINIMAL_PROFILE = """\
id: test-pact
name: Test Pact
kind: bilateral
members: [US, "NO"]
established: 1950
formal_basis: treaty
region: North Atlantic
as_of: 2024-01-01
summary: A small profile for tests.
ratings:
  joint_exercises:
    level: 4
    confidence: high
    evidence: Annual combined exercises.
    sources: [Exercise fact sheet]
  trust:
    level: 2
    confidence: medium
    evidence: Some friction.
  strategic_divergence:
    level: 1
    confidence: low
    evidence: Minor disagreements.
"""


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin the width and turn colour off so rich output is the same everywhere."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture(autouse=True)
def _fresh_shown_distributions() -> None:
    """Forget the criterion distributions remembered by an earlier test: a test that changes
    an engine's limit must see the engine it chose."""
    from allyeval.core import uncertainty

    uncertainty._SHOWN.clear()


@pytest.fixture(scope="session")
def criteria_set() -> CriteriaSet:
    return load_criteria()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write *text* to a file *name* in a fresh folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
