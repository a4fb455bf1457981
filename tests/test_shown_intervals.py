"""The intervals reports show are exact whenever the exact grid fits, even where the exact
engine's big integers would cost too much and the bounded grid would be a hundredth off.

The case: the default criteria with four indicators unrated and the other 25 at level 0 with
low confidence. The shares of 25 indicators make the exact grid fine and the counts wide, so
the exact engine's work passes its limit and ``score_distribution`` puts the score on the
bounded grid, whose interval is (16.87, 29.37); the exact one is (16.85, 29.37).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from typer.testing import CliRunner

from allyeval.analysis.comparison import compare
from allyeval.cli.app import app
from allyeval.core import uncertainty, vectorised
from allyeval.core.bands import band_probabilities
from allyeval.core.distribution import Distribution, exact_distribution, exact_work
from allyeval.core.loader import load_criteria
from allyeval.core.models import Profile
from allyeval.core.report import Report
from allyeval.core.scoring import ProfileScore, score_profile
from allyeval.core.uncertainty import (
    criterion_intervals,
    criterion_terms,
    overall_terms,
    score_distribution,
    score_interval,
    shown_criterion_distribution,
    shown_distribution,
)
from conftest import EXAMPLES

DEFAULT = load_criteria()
UNRATED = {"joint_exercises", "strategic_objectives", "resilience", "strategic_reassessment"}


def profile_data() -> dict[str, object]:
    return {
        "id": "low-confidence",
        "name": "A partnership rated with low confidence",
        "kind": "bilateral",
        "members": ["US", "JP"],
        "established": 1990,
        "formal_basis": "treaty",
        "region": "Nowhere",
        "as_of": "2024-01-01",
        "summary": "Most indicators rated at the bottom, none of them with any confidence.",
        "ratings": {
            key: {"level": 0, "confidence": "low", "evidence": f"little seen of {key}"}
            for key in DEFAULT.indicators
            if key not in UNRATED
        },
    }


@pytest.fixture(scope="module")
def result() -> ProfileScore:
    return score_profile(Profile.model_validate(profile_data()), DEFAULT)


def test_the_case_is_one_the_bounded_grid_gets_wrong(result: ProfileScore) -> None:
    bounded = score_distribution(result)
    assert bounded.error > 0
    exact = exact_distribution(overall_terms(result)).interval()
    assert [round(x, 2) for x in exact] == [16.85, 29.37]
    assert [round(x, 2) for x in bounded.interval()] == [16.87, 29.37]


@pytest.mark.parametrize("engine", ["exact", "vectorised"])
def test_both_engines_show_the_exact_interval_and_band_probabilities(
    result: ProfileScore, engine: str
) -> None:
    exact = exact_distribution(overall_terms(result))
    report = Report("p.yaml", result, engine=engine)  # type: ignore[arg-type]
    assert report.interval == exact.interval()
    assert report.band_probabilities == band_probabilities(result, distribution=exact)
    for crit in result.criteria:
        expected = None
        if crit.utility is not None:
            expected = exact_distribution(criterion_terms(crit)).interval()
        assert report.criterion_intervals[crit.criterion.id] == expected


def test_the_interval_functions_and_compare_agree(result: ProfileScore) -> None:
    exact = exact_distribution(overall_terms(result)).interval()
    assert score_interval(result) == exact
    assert criterion_intervals(result) == Report("p", result).criterion_intervals
    other = score_profile(Profile.model_validate(profile_data() | {"id": "other"}), DEFAULT)
    shown = compare([result, other])
    assert [c.interval for c in shown.contenders] == [exact, exact]


def test_numpy_is_used_only_past_the_exact_engines_limit(result: ProfileScore) -> None:
    nato = score_profile(
        Profile.model_validate(yaml.safe_load((EXAMPLES / "nato.yaml").read_text("utf-8"))),
        DEFAULT,
    )
    with mock.patch.object(
        vectorised, "float_distribution", wraps=vectorised.float_distribution
    ) as spy:
        Report("n", nato).interval  # noqa: B018 - computing it is the point
        assert spy.call_count == 0
        Report("p", result).interval  # noqa: B018
        assert spy.call_count == 1


def test_the_command_prints_the_exact_interval(tmp_path: Path) -> None:
    path = tmp_path / "low.yaml"
    path.write_text(yaml.safe_dump(profile_data()), encoding="utf-8")
    shown = CliRunner().invoke(app, ["score", str(path), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)[0]["interval"] == [16.85, 29.37]


def test_a_criterion_past_the_exact_limit_is_shown_from_its_exact_grid(
    result: ProfileScore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The criteria choose as the overall score does: with the exact engine's limit at
    nothing, each rated criterion comes from numpy on its exact grid (the same intervals),
    and from the pure-Python engine again where numpy refuses the grid."""
    rated = [c for c in result.criteria if c.utility is not None]
    expected = {c.criterion.id: exact_distribution(criterion_terms(c)).interval() for c in rated}
    returned: list[object] = []
    real = vectorised.float_distribution

    def recording(terms: Any, share: float = 1.0) -> Any:
        returned.append(real(terms, share))
        return returned[-1]

    monkeypatch.setattr(vectorised, "float_distribution", recording)
    monkeypatch.setattr(uncertainty, "EXACT_WORK", -1.0)
    assert {k: v for k, v in criterion_intervals(result).items() if v} == expected
    assert len(returned) == len(rated)
    assert all(isinstance(found, vectorised.FloatDistribution) for found in returned)
    returned.clear()
    uncertainty._SHOWN.clear()
    monkeypatch.setattr(vectorised, "MAX_CELLS", 1)
    assert {k: v for k, v in criterion_intervals(result).items() if v} == expected
    assert len(returned) == len(rated) and returned == [None] * len(rated)


def test_work_at_exactly_the_limit_stays_with_the_exact_engine(
    result: ProfileScore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At exactly ``EXACT_WORK`` the exact engine keeps the distribution (overall and per
    criterion); one float below, numpy takes it."""
    work = exact_work(overall_terms(result))
    monkeypatch.setattr(uncertainty, "EXACT_WORK", work)
    assert isinstance(shown_distribution(result), Distribution)
    monkeypatch.setattr(uncertainty, "EXACT_WORK", math.nextafter(work, 0.0))
    assert isinstance(shown_distribution(result), vectorised.FloatDistribution)
    crit = next(c for c in result.criteria if c.utility is not None)
    work = exact_work(criterion_terms(crit))
    monkeypatch.setattr(uncertainty, "EXACT_WORK", work)
    assert isinstance(shown_criterion_distribution(crit), Distribution)
    uncertainty._SHOWN.clear()
    monkeypatch.setattr(uncertainty, "EXACT_WORK", math.nextafter(work, 0.0))
    assert isinstance(shown_criterion_distribution(crit), vectorised.FloatDistribution)
