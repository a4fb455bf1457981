"""Rating states (rated, pending, n/a) and coverage-aware bands: golden cases by hand,
hypothesis properties with n/a, and the band ``insufficient`` in every output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from allyeval.cli.app import app
from allyeval.core.errors import CriteriaError
from allyeval.core.loader import criteria_from_text, load_criteria, profile_from_text
from allyeval.core.models import CriteriaSet, Profile
from allyeval.core.scoring import ProfileScore, score_profile
from builders import criterion
from conftest import MINIMAL_PROFILE

runner = CliRunner()

TINY = CriteriaSet.model_validate(
    {
        "name": "tiny",
        "version": "1",
        "title": "Tiny test criteria",
        "bands": [
            {"name": "high", "min": 75},
            {"name": "mid", "min": 50},
            {"name": "low", "min": 0},
        ],
        "criteria": [
            criterion("alpha", "benefit", 5, [("a1", 1), ("a2", 3)]),
            criterion("beta", "benefit", 1, [("b1", 2), ("b2", 1), ("b3", 1)]),
            criterion("risk", "risk", 2, [("r1", 3), ("r2", 1)]),
        ],
    }
)
FIELDS: dict[str, Any] = {
    "id": "p",
    "name": "P",
    "kind": "bilateral",
    "members": ["US", "GB"],
    "established": 1990,
    "formal_basis": "treaty",
    "region": "Nowhere",
    "as_of": dt.date(2024, 1, 1),
    "summary": "Made up for tests.",
}
NA = {"level": "n/a", "evidence": "Did not exist in that era."}


def _rated(level: int) -> dict[str, Any]:
    return {"level": level, "confidence": "high", "evidence": "e"}


def _profile(ratings: dict[str, Any]) -> Profile:
    return Profile.model_validate({**FIELDS, "ratings": ratings})


def _crit(result: ProfileScore, ident: str) -> Any:
    return next(c for c in result.criteria if c.criterion.id == ident)


# --------------------------------------------------------------------------------------------
# Golden cases


def test_not_applicable_is_renormalised_away_and_does_not_lower_coverage() -> None:
    ratings = {
        "a1": _rated(4),
        "a2": NA,
        "b1": _rated(2),
        "b2": {"level": None},
        "b3": NA,
        "r1": _rated(1),
        "r2": NA,
    }
    result = score_profile(_profile(ratings), TINY)
    # alpha: a1 only applicable, u = 1; beta: b1 rated (u = 0.5), b2 pending; risk: r1, u = 0.75
    # S = 100 * (5*1 + 1*0.5 + 2*0.75) / 8 = 87.5
    assert result.score == 87.5
    assert [_crit(result, c).coverage for c in ("alpha", "beta", "risk")] == [1.0, 2 / 3, 1.0]
    # coverage = sum(W_c * rated_c) / sum(W_c * applicable_c)
    #          = (5*1/4 + 1*2/4 + 2*3/4) / (5*1/4 + 1*3/4 + 2*3/4) = 3.25 / 3.5 = 13/14
    assert math.isclose(result.coverage, 13 / 14)
    assert result.band == "high"
    states = {i.indicator.id: i.state for _, i in result.indicator_scores()}
    assert states == {"a1": "rated", "a2": "n/a", "b1": "rated", "b2": "pending",
                      "b3": "n/a", "r1": "rated", "r2": "n/a"}  # fmt: skip
    # the same ratings with n/a left pending: the same score, but coverage 3.25/8
    pending = {k: v for k, v in ratings.items() if v is not NA}
    as_pending = score_profile(_profile(pending), TINY)
    assert as_pending.score == result.score
    assert math.isclose(as_pending.coverage, 3.25 / 8)
    assert as_pending.band == "insufficient"


def test_a_criterion_with_every_indicator_not_applicable_is_left_out_and_not_a_gap() -> None:
    result = score_profile(_profile({"a1": _rated(2), "a2": _rated(2), "r1": NA, "r2": NA}), TINY)
    risk = _crit(result, "risk")
    assert risk.score is None and risk.coverage == 1.0 and not risk.applicable
    assert risk.share == 0.0 and not risk.insufficient
    # beta is applicable and unrated: (5*1) / (5*1 + 1*1) of the applicable weight is rated
    assert math.isclose(result.coverage, 5 / 6)
    from allyeval.core.findings import find

    assert find(result).unrated_criteria == ("beta",)


@pytest.mark.parametrize(
    ("minimum", "band"), [(0.0, "high"), (0.5, "high"), (0.53125, "high"), (0.54, "insufficient")]
)
def test_min_coverage_is_the_edge_of_the_insufficient_band(minimum: float, band: str) -> None:
    # coverage 17/32 = 0.53125 (as in test_scoring's partly rated case); reaching it is enough
    ratings = {"a1": _rated(4), "b1": _rated(1), "b2": _rated(2), "b3": _rated(0)}
    ratings |= {"r1": _rated(1), "r2": _rated(1)}
    result = score_profile(_profile(ratings), TINY.with_min_coverage(minimum))
    assert result.coverage == 0.53125
    assert result.band == band


def test_criteria_file_min_coverage_is_validated() -> None:
    default = load_criteria()
    assert default.min_coverage == 0.6
    too_high = yaml.safe_dump(default.model_dump() | {"min_coverage": 1.5})
    with pytest.raises(CriteriaError) as error:
        criteria_from_text(too_high, "c.yaml")
    assert str(error.value).endswith(
        "error: min_coverage: input should be less than or equal to 1, got 1.5"
    )
    renamed = default.model_dump()
    renamed["bands"][-1]["name"] = "insufficient"
    with pytest.raises(CriteriaError) as error:
        criteria_from_text(yaml.safe_dump(renamed), "c.yaml")
    assert str(error.value).endswith(
        "error: no band may be named 'insufficient': allyeval gives that band to profiles "
        "whose coverage is below min_coverage"
    )


# --------------------------------------------------------------------------------------------
# Properties with n/a

DEFAULT = load_criteria().with_min_coverage(0)
DEFAULT_IDS = list(DEFAULT.indicators)
STATES = st.one_of(st.integers(0, 4), st.just("n/a"), st.just(None))


@st.composite
def states(draw: st.DrawFn) -> dict[str, int | str | None]:
    """Every indicator rated, n/a or pending; at least one rated."""
    chosen = {ident: draw(STATES) for ident in DEFAULT_IDS}
    if not any(isinstance(v, int) for v in chosen.values()):
        chosen[draw(st.sampled_from(DEFAULT_IDS))] = draw(st.integers(0, 4))
    return chosen


def _entry(value: int | str | None) -> dict[str, Any]:
    if value is None:
        return {"level": None}
    if value == "n/a":
        return NA
    return _rated(int(value))


def _score(chosen: dict[str, int | str | None]) -> ProfileScore:
    return score_profile(_profile({k: _entry(v) for k, v in chosen.items()}), DEFAULT)


@settings(deadline=None, max_examples=60)
@given(states())
def test_bounds_and_coverage_with_not_applicable(chosen: dict[str, int | str | None]) -> None:
    result = _score(chosen)
    assert 0.0 <= result.score <= 100.0
    assert 0.0 < result.coverage <= 1.0
    assert (result.coverage == 1.0) == (None not in chosen.values())


@settings(deadline=None, max_examples=60)
@given(states(), st.data())
def test_monotonic_with_not_applicable(
    chosen: dict[str, int | str | None], data: st.DataObject
) -> None:
    rated = [k for k, v in chosen.items() if isinstance(v, int) and v < 4]
    if not rated:
        return
    ident = data.draw(st.sampled_from(rated))
    before = _score(chosen).score
    after = _score(chosen | {ident: int(chosen[ident] or 0) + 1}).score
    risk = DEFAULT.indicators[ident][0].direction == "risk"
    assert (after <= before + 1e-9) if risk else (after >= before - 1e-9)


@settings(deadline=None, max_examples=40)
@given(states())
def test_extremes_are_exact_with_not_applicable(chosen: dict[str, int | str | None]) -> None:
    def extreme(best: bool) -> dict[str, int | str | None]:
        result = {}
        for ident, value in chosen.items():
            risk = DEFAULT.indicators[ident][0].direction == "risk"
            level = (0 if risk else 4) if best else (4 if risk else 0)
            result[ident] = level if isinstance(value, int) else value
        return result

    assert _score(extreme(True)).score == 100.0
    assert _score(extreme(False)).score == 0.0


@settings(deadline=None, max_examples=40)
@given(states(), st.randoms())
def test_order_independent_with_not_applicable(
    chosen: dict[str, int | str | None], random: Any
) -> None:
    items = list(chosen.items())
    random.shuffle(items)
    shuffled = _score(dict(items))
    original = _score(chosen)
    assert (shuffled.score, shuffled.coverage, shuffled.band) == (
        original.score,
        original.coverage,
        original.band,
    )


@settings(deadline=None, max_examples=40)
@given(states())
def test_not_applicable_scores_like_pending_and_covers_at_least_as_much(
    chosen: dict[str, int | str | None],
) -> None:
    as_pending = {k: (None if v == "n/a" else v) for k, v in chosen.items()}
    result, pending = _score(chosen), _score(as_pending)
    assert result.score == pending.score
    assert result.coverage >= pending.coverage - 1e-12


# --------------------------------------------------------------------------------------------
# Loading and output

CRITERIA = load_criteria()
NA_PROFILE = MINIMAL_PROFILE + (
    "  cyber_defence:\n"
    "    level: n/a\n"
    "    evidence: No military computer networks existed in 1914.\n"
    "    sources: [A history of signals]\n"
)


def test_level_na_needs_evidence_saying_why() -> None:
    text = MINIMAL_PROFILE + "  cyber_defence:\n    level: n/a\n"
    with pytest.raises(Exception) as error:
        profile_from_text(text, "p.yaml", CRITERIA)
    assert str(error.value) == (
        "p.yaml:25:5: error: ratings.cyber_defence.evidence: "
        "level n/a needs evidence saying why the indicator does not apply"
    )


def test_a_misspelt_na_says_how_to_write_it() -> None:
    text = MINIMAL_PROFILE.replace("level: 2", "level: NA")
    with pytest.raises(Exception) as error:
        profile_from_text(text, "p.yaml", CRITERIA)
    assert str(error.value) == (
        "p.yaml:17:12: error: ratings.trust.level: level must be a whole number from 0 to 4, "
        "got 'NA' (write n/a for an indicator that does not apply)"
    )


def test_json_gives_every_indicator_a_state(write: Any) -> None:
    path = write("p.yaml", NA_PROFILE)
    result = runner.invoke(app, ["score", str(path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    [record] = json.loads(result.stdout)
    indicators = {i["id"]: i for c in record["criteria"] for i in c["indicators"]}
    assert indicators["joint_exercises"]["state"] == "rated"
    assert indicators["readiness"]["state"] == "pending"
    cyber = indicators["cyber_defence"]
    assert (cyber["state"], cyber["level"], cyber["contribution"]) == ("n/a", None, 0.0)
    assert cyber["evidence"] == "No military computer networks existed in 1914."
    assert cyber["references"] == [2]
    # cyber_defence (weight 1 of interoperability's 12) leaves the applicable weight
    assert record["coverage"] == round(
        (0.2 * 2 / 9 + 0.2 * 2 / 12 + 0.15 * 3 / 11) / (1 - 0.2 * 1 / 12), 4
    )


def test_table_and_markdown_show_na_not_missing(write: Any) -> None:
    path = write("p.yaml", NA_PROFILE)
    table = runner.invoke(app, ["score", str(path)]).stdout
    assert "Cyber defence" in table and " n/a " in table
    markdown = runner.invoke(app, ["score", str(path), "-f", "markdown"]).stdout
    assert (
        "| Interoperability: Cyber defence cooperation | n/a | | | not applicable: No military "
        "computer networks existed in 1914. | [2] |" in markdown
    )


def _ranked_twice(write: Any, *extra: str, fmt: str = "csv") -> str:
    first = write("a.yaml", MINIMAL_PROFILE)
    second = write("b.yaml", MINIMAL_PROFILE.replace("id: test-pact", "id: test-pact-2"))
    result = runner.invoke(app, ["score", str(first), str(second), "-f", fmt, *extra])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_insufficient_band_in_csv_and_min_coverage_override(write: Any) -> None:
    rows = _ranked_twice(write).splitlines()[2:]
    assert all(",75.0,insufficient,,0.1187," in row for row in rows)
    relaxed = _ranked_twice(write, "--min-coverage", "0.1").splitlines()[2:]
    assert all(",75.0,robust,,0.1187," in row for row in relaxed)


def test_min_coverage_out_of_range_is_a_usage_error(write: Any) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    result = runner.invoke(app, ["score", str(path), "--min-coverage", "1.5"])
    assert result.exit_code == 2
    assert result.stderr == "allyeval: error: --min-coverage must be from 0 to 1, got 1.5\n"


def test_insufficient_in_the_ranking_compare_and_trend(write: Any) -> None:
    table = _ranked_twice(write, fmt="table")
    ranking = table[table.index("Ranking") :]
    assert ranking.count("insufficient") == 2
    first = write("a.yaml", MINIMAL_PROFILE)
    later = write("b.yaml", MINIMAL_PROFILE.replace("as_of: 2024-01-01", "as_of: 2024-06-01"))
    compare = runner.invoke(app, ["compare", str(first), str(later), "-f", "json"])
    assert compare.exit_code == 0, compare.stderr
    assert [p["band"] for p in json.loads(compare.stdout)["profiles"]] == ["insufficient"] * 2
    trend = runner.invoke(app, ["trend", str(first), str(later), "-f", "csv"])
    assert trend.exit_code == 0, trend.stderr
    rows = list(csv.DictReader(io.StringIO(trend.stdout)))
    assert [row["band"] for row in rows] == ["insufficient"] * 2
    relaxed = runner.invoke(
        app, ["trend", str(first), str(later), "-f", "csv", "--min-coverage", "0"]
    )
    relaxed_rows = list(csv.DictReader(io.StringIO(relaxed.stdout)))
    assert [row["band"] for row in relaxed_rows] == ["robust"] * 2
