"""Which criteria model reads a profile: the built-in one it names (``criteria:``), the default
when it names none, or ``--criteria``; mismatches, unknown names and batches that mix models."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from allyeval import api
from allyeval.cli.app import app
from allyeval.core import selection
from allyeval.core.builtin import BUILTIN_MODELS
from allyeval.core.errors import ProfileError
from allyeval.core.loader import builtin_criteria, load_criteria
from allyeval.core.selection import criteria_for, load_profile_and_criteria, named_model
from conftest import EXAMPLES, MINIMAL_PROFILE

Write = Callable[[str, str], Path]
runner = CliRunner()
ROOT = Path(__file__).parent.parent
TREATY = EXAMPLES / "treaty-design" / "nato-1949.yaml"
NATO = EXAMPLES / "nato.yaml"

# The 1949 North Atlantic Treaty by hand (treaty-design weights 25/30/20/15/10):
# obligations (4*3 + 3*2 + 4*2) / (4*7) = 26/28; military_integration (0*3 + 1*2 + 0*2 + 1*1) / 32
# = 3/32; institutions (3*3 + 3*2) / 20 = 0.75; material_support (1*3 + 0*2) / 20 = 0.15;
# obligation_limits (risk): utilities 1 - 2/4 (weight 3) and 1 (weight 2) -> 3.5/5 = 0.7.
# overall = 25*26/28 + 30*3/32 + 20*0.75 + 15*0.15 + 10*0.7 = 50.2768
TREATY_SCORE = 25 * 26 / 28 + 30 * 3 / 32 + 20 * 0.75 + 15 * 0.15 + 10 * 0.7

TREATY_PROFILE = """\
id: small-pact
criteria: treaty-design
name: Small Pact
kind: bilateral
members: [US, GB]
established: 1950
formal_basis: treaty
region: Nowhere
as_of: 1950-01-01
summary: A small treaty-design profile for tests.
ratings:
  military_support: {level: 4, confidence: high, evidence: A defence clause.}
  integrated_command: {level: 0, confidence: high, evidence: Nothing on command.}
"""
# obligations 1.0 (weight 25), military_integration 0 (weight 30), the rest unrated:
# 100 * 25 / 55 = 45.45...


def invoke(*args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin)


# finding the model ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: x\ncriteria: treaty-design\n", "treaty-design"),
        ("criteria: 'treaty-design'  # the model\nid: x\n", "treaty-design"),
        ('id: x\ncriteria: "allyeval-default"\n', "allyeval-default"),
        ("id: x\ncriteria: null\n", None),
        ("id: x\ncriteria:\n", None),
        ("id: x\nname: no model named\n", None),
        ("{id: x, criteria: treaty-design}\n", "treaty-design"),
        ("id: x\nsummary: the criteria are not named here\n", None),
        ("id: x\nsummary: >-\n  text\n  criteria: indented, so not a key\n", None),
        ("  id: x\n  criteria: treaty-design\n", "treaty-design"),  # an indented document
        ("id: x\n&m criteria: treaty-design\n", "treaty-design"),
        ("id: x\n!!str criteria: treaty-design\n", "treaty-design"),
        ("id: x\n? criteria\n: treaty-design\n", "treaty-design"),
        ("{id: x,\n criteria: treaty-design}\n", "treaty-design"),
        ("--- {id: x, criteria: treaty-design}\n", "treaty-design"),
        ("id: x\r'criteria': treaty-design # old line ends\r", "treaty-design"),
        ("id: x\u2028criteria: treaty-design\n", "treaty-design"),
        ("id: x\nsummary: membership criteria\n", None),
        ("id: x\nsubcriteria: treaty-design\n", None),
    ],
)
def test_named_model(text: str, expected: str | None) -> None:
    assert named_model(text) == expected


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("id: x\nsummary: the Copenhagen criteria and the criteria of 1995\n", False),
        ("id: x\nratings:\n  a:\n    evidence: meets the criteria\n", False),
        ("id: x\ncriteria_note: a key that only starts like the model's\n", True),
        ("id: x\n  criteria: in a block, maybe a key\n", True),
    ],
)
def test_the_profile_is_parsed_only_where_criteria_could_be_a_key(
    monkeypatch: pytest.MonkeyPatch, text: str, parsed: bool
) -> None:
    """A profile whose evidence mentions criteria is not parsed a second time just to find
    the model it names; one where the word starts a line is."""
    calls: list[str] = []
    real = selection.parse

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(selection, "parse", counted)
    assert named_model(text) is None
    assert calls == ([text] if parsed else [])


def test_criteria_for_picks_the_built_in_model() -> None:
    assert criteria_for("id: x\n", "p.yaml").name == "allyeval-default"
    assert criteria_for("criteria: treaty-design\n", "p.yaml") is builtin_criteria("treaty-design")


def test_unknown_model_is_located_and_suggests() -> None:
    with pytest.raises(ProfileError) as exc:
        criteria_for("id: x\ncriteria: treaty-desing\n", "p.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "p.yaml:2:11: error: criteria: no built-in criteria model 'treaty-desing' (did you "
        "mean 'treaty-design'?); the built-in models are allyeval-default, treaty-design (or "
        "give the model's file with --criteria FILE)"
    ]


def test_built_in_models_load_and_differ() -> None:
    assert list(BUILTIN_MODELS) == ["allyeval-default", "treaty-design"]
    default, treaty = (builtin_criteria(name) for name in BUILTIN_MODELS)
    assert default is load_criteria()
    assert treaty is load_criteria("treaty-design")  # a built-in name where no such file exists
    assert set(default.indicators).isdisjoint(treaty.indicators)


def test_a_file_named_like_a_model_is_read_as_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (ROOT / "criteria" / "treaty-design.yaml").read_text(encoding="utf-8")
    Path("treaty-design").write_text(text.replace('version: "1.0"', 'version: "9"'), "utf-8")
    assert load_criteria("treaty-design").version == "9"


# score ----------------------------------------------------------------------------------


def test_score_uses_the_model_the_profile_names() -> None:
    result = invoke("score", str(TREATY), "-f", "json")
    assert result.exit_code == 0, result.stderr
    [record] = json.loads(result.stdout)
    assert record["score"] == round(TREATY_SCORE, 2) == 50.28
    assert record["band"] == "institutionalised"
    assert record["coverage"] == 1.0
    assert record["provenance"]["criteria"]["name"] == "treaty-design"


def test_scoring_the_treaty_profile_with_the_practice_model_is_an_error() -> None:
    result = invoke("score", str(TREATY), "--criteria", str(ROOT / "criteria" / "default.yaml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{TREATY}:6:11: error: criteria: the profile is rated against the criteria model "
        "'treaty-design', but the criteria given are 'allyeval-default'; leave out --criteria "
        "to use the built-in model\n"
    )


def test_scoring_a_practice_profile_with_treaty_design_is_an_error() -> None:
    result = invoke("score", str(NATO), "--criteria", "treaty-design")
    assert result.exit_code == 2
    assert result.stderr == (
        f"{NATO}:2:1: error: criteria: the profile names no criteria model, so it is rated "
        "against the default 'allyeval-default', but the criteria given are 'treaty-design'; "
        "add 'criteria: treaty-design' if it was rated against them\n"
    )


def test_a_profile_naming_another_model_needs_its_file(write: Write) -> None:
    custom = (ROOT / "criteria" / "default.yaml").read_text(encoding="utf-8")
    criteria = write("mine.yaml", custom.replace("name: allyeval-default", "name: mine"))
    profile = write("p.yaml", MINIMAL_PROFILE.replace("name: Test", "criteria: mine\nname: Test"))
    result = invoke("score", str(profile))
    assert result.exit_code == 2
    assert "error: criteria: no built-in criteria model 'mine'" in result.stderr
    assert invoke("score", str(profile), "--criteria", str(criteria)).exit_code == 0
    other = invoke("score", str(profile), "--criteria", str(ROOT / "criteria" / "default.yaml"))
    assert other.exit_code == 2
    assert other.stderr.endswith(
        "error: criteria: the profile is rated against the criteria model 'mine', but the "
        "criteria given are 'allyeval-default'; give that model's file with --criteria FILE\n"
    )


def test_a_profile_naming_no_model_still_takes_a_renamed_copy(write: Write) -> None:
    custom = (ROOT / "criteria" / "default.yaml").read_text(encoding="utf-8")
    criteria = write("mine.yaml", custom.replace("name: allyeval-default", "name: mine"))
    profile = write("p.yaml", MINIMAL_PROFILE)
    assert invoke("score", str(profile), "--criteria", str(criteria)).exit_code == 0


def test_standard_input_names_its_model() -> None:
    result = invoke("score", "-", "-f", "json", stdin=TREATY_PROFILE)
    assert result.exit_code == 0, result.stderr
    [record] = json.loads(result.stdout)
    assert record["score"] == round(100 * 25 / 55, 2)
    assert record["provenance"]["criteria"]["name"] == "treaty-design"


def test_mixed_batch_ranks_within_each_model() -> None:
    result = invoke("score", str(NATO), str(TREATY), str(EXAMPLES / "us-japan.yaml"))
    assert result.exit_code == 0, result.stderr
    ranking = result.stdout[result.stdout.index("These profiles") :]
    assert " ".join(ranking.split()).startswith(
        "These profiles are rated against 2 different criteria models, whose scores cannot be "
        "compared: each model's profiles are ranked separately."
    )
    default = ranking.index("Ranking: allyeval-default")
    treaty = ranking.index("Ranking: treaty-design")
    assert default < ranking.index("85.4") < ranking.index("73.9") < treaty
    assert treaty < ranking.index("50.3")
    assert "1   North Atlantic Treaty" in ranking[treaty:]  # first of its own model


def test_one_model_batch_ranks_as_before() -> None:
    result = invoke("score", str(NATO), str(EXAMPLES / "us-japan.yaml"))
    assert "\nRanking " in result.stdout
    assert "Ranking:" not in result.stdout and "different criteria models" not in result.stdout


def test_mixed_batch_csv_names_each_rows_model() -> None:
    result = invoke("score", str(NATO), str(TREATY), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["criteria_name"], r["criteria_version"]) for r in rows] == [
        ("nato", "allyeval-default", "2.0"),
        ("nato-treaty-1949", "treaty-design", "1.0"),
    ]
    assert rows[0]["criteria_sha256"] != rows[1]["criteria_sha256"]
    assert rows[0]["interoperability"] == "91.67" and rows[0]["institutions"] == ""
    assert rows[1]["institutions"] == "75.0" and rows[1]["interoperability"] == ""


def test_mixed_batch_markdown_has_a_ranking_and_provenance_per_model() -> None:
    result = invoke("score", str(NATO), str(TREATY), "-f", "markdown")
    assert "## Ranking: allyeval-default" in result.stdout
    assert "## Ranking: treaty-design" in result.stdout
    assert result.stdout.count("_Scored with allyeval") == 2


# the analysis commands refuse to compare across models ----------------------------------


@pytest.mark.parametrize("command", ["compare", "robustness", "trend"])
def test_analysis_of_a_mixed_batch_is_refused(command: str) -> None:
    result = invoke(command, str(NATO), str(TREATY))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"allyeval: error: {command} needs profiles rated against one criteria model, and these "
        f"name 2 (allyeval-default: {NATO}; treaty-design: {TREATY}); their scores cannot be "
        "compared\n"
    )


def test_compare_uses_the_model_both_profiles_name(write: Write) -> None:
    second = write("second.yaml", TREATY_PROFILE)
    result = invoke("compare", str(TREATY), str(second), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["provenance"]["criteria"]["name"] == "treaty-design"


# validate, criteria --list, init ----------------------------------------------------------


def test_validate_reads_each_profile_with_its_model() -> None:
    result = invoke("validate", str(NATO), str(TREATY))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines() == [
        f"{NATO}: ok (29 of 29 indicators rated)",
        f"{TREATY}: ok (13 of 13 indicators rated, criteria treaty-design)",
    ]


def test_validate_with_criteria_reports_the_mismatch() -> None:
    result = invoke("validate", str(TREATY), "--criteria", str(ROOT / "criteria" / "default.yaml"))
    assert result.exit_code == 2
    assert "error: criteria: the profile is rated against the criteria model 'treaty-design'" in (
        result.stdout
    )


def test_criteria_list() -> None:
    result = invoke("criteria", "--list", "-f", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [(r["name"], r["criteria"], r["indicators"]) for r in records] == [
        ("allyeval-default", 6, 29),
        ("treaty-design", 5, 13),
    ]
    assert records[0]["used_for"] == "profiles that name no model"
    assert records[1]["used_for"] == "criteria: treaty-design"
    table = invoke("criteria", "--list").stdout
    assert "Built-in criteria models" in table and "treaty-design" in table
    assert "| `treaty-design` | 1.0 |" in invoke("criteria", "--list", "-f", "markdown").stdout


def test_criteria_list_takes_no_id() -> None:
    result = invoke("criteria", "--list", "trust")
    assert result.exit_code == 2
    assert result.stderr == (
        "allyeval: error: --list shows the built-in models; give it no ID and no --criteria\n"
    )


def test_criteria_shows_a_built_in_model_by_name() -> None:
    result = invoke("criteria", "--criteria", "treaty-design", "integrated_command")
    assert result.exit_code == 0
    assert "An integrated command in peace and war" in result.stdout


def test_init_for_treaty_design_names_the_model(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    assert invoke("init", "-o", str(path), "--criteria", "treaty-design").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "\ncriteria: treaty-design\n" in text
    assert "  integrated_command:" in text
    # An unfilled template is read with the model it names: its only problems are the facts
    # still to fill in (no model mismatch, no unknown indicator).
    checked = invoke("validate", str(path))
    assert checked.exit_code == 2
    problems = [line for line in checked.output.splitlines() if ": error: " in line]
    assert problems and all("not filled in" in line for line in problems), checked.output
    default = tmp_path / "default.yaml"
    assert invoke("init", "-o", str(default)).exit_code == 0
    assert "criteria:" not in default.read_text(encoding="utf-8").split("ratings:")[0]


# the Python API ---------------------------------------------------------------------------


def test_api_reads_a_profile_with_its_model() -> None:
    profile = api.load_profile(TREATY)
    assert profile.criteria == "treaty-design"
    assert api.score(profile).score == pytest.approx(TREATY_SCORE)
    loaded, criteria = load_profile_and_criteria(str(TREATY), None)
    assert loaded == profile and criteria.name == "treaty-design"
