"""The analyst's workflow commands: validate, init, criteria, schema, HTML/SVG reports, the
Python API."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from allyeval.cli.app import app
from allyeval.cli.template import InitOptions, profile_template
from conftest import EXAMPLES, MINIMAL_PROFILE

ROOT = Path(__file__).parent.parent
runner = CliRunner()


def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


# validate ------------------------------------------------------------------------------


def test_validate_examples() -> None:
    files = sorted(str(p) for p in [*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("*/*.yaml")])
    result = invoke("validate", *files, "--strict")
    assert result.exit_code == 0, result.stdout
    assert result.stderr == ""  # no warning either
    lines = result.stdout.splitlines()
    assert len(lines) == len(files) >= 12
    assert f"{EXAMPLES / 'quad.yaml'}: ok (21 of 29 indicators rated, 7 n/a)" in lines
    assert f"{EXAMPLES / 'triple-entente.yaml'}: ok (27 of 29 indicators rated, 1 n/a)" in lines


def test_validate_reports_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL_PROFILE.replace("level: 4", "level: 7").replace("  trust:", "  trusts:"))
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL_PROFILE)
    result = invoke("validate", str(good), str(bad))
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{good}: ok (3 of 29 indicators rated)",
        f"{bad}:12:12: error: ratings.joint_exercises.level: "
        "level must be a whole number from 0 to 4, got 7",
        f"{bad}:16:3: error: ratings.trusts: unknown indicator 'trusts' (did you mean 'trust'?)",
    ]


def test_validate_json_for_editors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL_PROFILE.replace("kind: bilateral", "kind: pact"))
    result = invoke("validate", str(bad), str(EXAMPLES / "nato.yaml"), "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == [
        {
            "file": str(bad),
            "line": 3,
            "column": 7,
            "field": "kind",
            "severity": "error",
            "message": "input should be 'bilateral', 'multilateral', "
            "'defense_cooperation_agreement' or 'strategic_dialogue', got 'pact'",
        }
    ]
    ok = invoke("validate", str(EXAMPLES / "nato.yaml"), "-f", "json")
    assert ok.exit_code == 0
    assert ok.stdout == "[]\n"


def test_validate_criteria_on_its_own(tmp_path: Path) -> None:
    result = invoke("validate", "--criteria", str(ROOT / "criteria" / "default.yaml"))
    assert result.exit_code == 0
    assert result.stdout.endswith(": ok (criteria allyeval-default 2.0, 29 indicators)\n")
    broken = tmp_path / "c.yaml"
    broken.write_text("name: x\n")
    result = invoke("validate", "--criteria", str(broken), "-f", "json")
    assert result.exit_code == 2
    fields = {p["field"] for p in json.loads(result.stdout)}
    assert fields == {"version", "title", "bands", "criteria"}


def test_validate_needs_something() -> None:
    result = invoke("validate")
    assert result.exit_code == 2
    assert result.stderr == (
        "allyeval: error: give at least one profile, or --criteria FILE to check on its own\n"
    )


# init ----------------------------------------------------------------------------------


FILLED_IN = {
    "established:  # the year the partnership began": "established: 2021",
    "formal_basis:  # treaty | mou | none": "formal_basis: none",
    "region:\n": "region: Indo-Pacific\n",
    "as_of:  # the date this assessment describes, YYYY-MM-DD": "as_of: 2024-12-31",
    "summary:  # what the partnership is and what this assessment covers": "summary: AUKUS.",
}


def test_init_leaves_the_facts_empty_and_validate_says_not_filled_in(tmp_path: Path) -> None:
    target = tmp_path / "aukus.yaml"
    result = invoke("init", "-o", str(target), "--name", "AUKUS", "--kind", "multilateral",
                    "-m", "AU", "-m", "GB", "-m", "US")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "id: aukus\n" in text
    assert 'members: ["AU", "GB", "US"]' in text
    assert "# 4 - Exercises every year at the scale" in text  # the rubric, as comments
    check = invoke("validate", str(target))
    assert check.exit_code == 2
    assert check.stdout == "".join(
        f"{target}:{line}: error: {field}: not filled in\n"
        for line, field in [("15:13", "established"), ("16:14", "formal_basis"),
                            ("17:8", "region"), ("18:7", "as_of"), ("19:9", "summary")]
    )  # fmt: skip
    assert invoke("score", str(target)).exit_code == 2
    for empty, given in FILLED_IN.items():
        assert empty in text
        text = text.replace(empty, given)
    target.write_text(text, encoding="utf-8")
    check = invoke("validate", str(target))
    assert check.exit_code == 0, check.stdout
    assert "0 of 29 indicators rated" in check.stdout
    # Not scorable until a level is filled in ...
    assert invoke("score", str(target)).exit_code == 2
    # ... and scorable once one is (banded insufficient: one indicator is little evidence).
    filled = text.replace(
        '  joint_exercises:\n    level:\n    confidence:\n    evidence: ""',
        '  joint_exercises:\n    level: 3\n    confidence: high\n    evidence: "Talisman Sabre."',
    )
    assert filled != text
    target.write_text(filled, encoding="utf-8")
    scored = invoke("score", str(target), "-f", "json")
    assert scored.exit_code == 0, scored.stderr
    [record] = json.loads(scored.stdout)
    assert (record["score"], record["band"]) == (75.0, "insufficient")


def test_an_unnamed_template_asks_for_every_fact(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    assert invoke("init", "-o", str(target)).exit_code == 0
    check = invoke("validate", str(target))
    assert check.exit_code == 2
    fields = [line.split(": ")[-2] for line in check.stdout.splitlines()]
    assert fields == ["id", "name", "members", "established", "formal_basis", "region",
                      "as_of", "summary"]  # fmt: skip
    assert all(line.endswith(": not filled in") for line in check.stdout.splitlines())


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    target.write_text("mine\n")
    result = invoke("init", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"allyeval: error: {target} exists; use --force to overwrite it\n"
    assert target.read_text() == "mine\n"
    assert invoke("init", "-o", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("# A partnership profile for allyeval")


def test_init_to_stdout_and_template_leaves_the_date_to_fill() -> None:
    result = invoke("init", "--name", "Test Dialogue")
    assert result.exit_code == 0
    assert "id: test-dialogue" in result.stdout
    from allyeval.core.loader import load_criteria

    options = InitOptions(name="X")
    assert "\nas_of:  # the date" in profile_template(load_criteria(), options)


# criteria ------------------------------------------------------------------------------


def test_criteria_table_lists_everything() -> None:
    result = invoke("criteria")
    assert result.exit_code == 0
    for ident in ["operational_success", "challenge_exposure", "joint_exercises", "cyber_defence"]:
        assert ident in result.stdout
    assert "20.0%" in result.stdout  # a criterion's effective weight
    assert "(risk)" in result.stdout


def test_criteria_one_indicator_in_full() -> None:
    result = invoke("criteria", "trust", "--format", "markdown")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("## Trust and mutual respect (`trust`)\n")
    assert "weight 2 within it, 3.3% of the overall score" in out
    assert "| 0 | Open mistrust" in out
    assert "**Recommendation.**" in out
    assert "section “Key Attributes of Effective Partnerships”" in out


def test_criteria_json_effective_weights_sum_to_one() -> None:
    record = json.loads(invoke("criteria", "-f", "json").stdout)
    shares = [i["effective_weight"] for c in record["criteria"] for i in c["indicators"]]
    assert sum(shares) == pytest.approx(1.0, abs=1e-3)
    assert record["provenance"]["criteria"]["name"] == "allyeval-default"


def test_criteria_one_criterion_keeps_overall_weights() -> None:
    record = json.loads(invoke("criteria", "adaptability", "-f", "json").stdout)
    assert [c["id"] for c in record["criteria"]] == ["adaptability"]
    assert record["criteria"][0]["effective_weight"] == 0.15


def test_criteria_unknown_id_suggests() -> None:
    result = invoke("criteria", "interop")
    assert result.exit_code == 2
    assert result.stderr == (
        "allyeval: error: no criterion or indicator 'interop' (did you mean 'interoperability'?)\n"
    )


# schema --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["profile", "criteria"])
def test_shipped_schemas_are_in_sync_with_the_models(kind: str) -> None:
    result = invoke("schema", kind)
    assert result.exit_code == 0
    shipped = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert result.stdout == shipped, "run: allyeval schema {kind} -o schemas/{kind}.schema.json"


def test_shipped_treaty_design_profile_schema_is_in_sync() -> None:
    result = invoke("schema", "profile", "--criteria", "treaty-design")
    assert result.exit_code == 0
    shipped = (ROOT / "schemas" / "treaty-design-profile.schema.json").read_text(encoding="utf-8")
    assert result.stdout == shipped, (
        "run: allyeval schema profile --criteria treaty-design "
        "-o schemas/treaty-design-profile.schema.json"
    )
    assert "integrated_command" in json.loads(shipped)["properties"]["ratings"]["properties"]


def _as_json_data(path: Path) -> object:
    # The YAML language server reads YAML 1.2: dates stay strings, keys stay as written.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))


def test_examples_start_with_the_schema_and_conform_to_it() -> None:
    schema = json.loads((ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
    paths = sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("*/*.yaml"))
    assert len(paths) >= 12
    treaty_schema = json.loads(
        (ROOT / "schemas" / "treaty-design-profile.schema.json").read_text(encoding="utf-8")
    )
    for path in paths:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        data = _as_json_data(path)
        # A profile rated against treaty-design points at that model's schema.
        treaty = isinstance(data, dict) and data.get("criteria") == "treaty-design"
        name = "treaty-design-profile" if treaty else "profile"
        assert (path.parent / match.group(1)).resolve() == ROOT / "schemas" / f"{name}.schema.json"
        jsonschema.validate(data, treaty_schema if treaty else schema)


def test_schema_catches_what_the_loader_catches() -> None:
    schema = json.loads((ROOT / "schemas" / "profile.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(MINIMAL_PROFILE.replace("  trust:", "  trusts:"))
    data["as_of"] = "2024-01-01"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


@pytest.mark.parametrize("name", ["default.yaml", "treaty-design.yaml"])
def test_criteria_file_conforms_to_its_schema(name: str) -> None:
    schema = json.loads((ROOT / "schemas" / "criteria.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(_as_json_data(ROOT / "criteria" / name), schema)


# conventions ---------------------------------------------------------------------------


def test_no_progress_bar_or_notes_in_a_pipe() -> None:
    files = [str(EXAMPLES / "nato.yaml")] * 30
    result = invoke("score", *files, "-f", "csv")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_quiet_silences_fail_under_notes(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(MINIMAL_PROFILE)
    result = invoke("score", str(path), "--fail-under", "99", "-q", "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == ""


def test_jobs_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    files = sorted(str(p) for p in EXAMPLES.glob("*.yaml")) * 3
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n")
    files.insert(5, str(bad))
    one = invoke("score", *files, "-f", "jsonl", "--jobs", "1")
    two = invoke("score", *files, "-f", "jsonl", "--jobs", "2")
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert len(one.stdout.splitlines()) == len(files) - 1


def test_an_outcome_carries_its_report_only_to_a_ranking(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker sends each outcome back to the parent: for a format without a ranking it must
    not carry the whole report (profile, criteria, distributions), which made --jobs 2 slower
    than --jobs 1 (every outcome pickled with its report)."""
    import pickle
    from dataclasses import fields

    from allyeval.cli import runner
    from allyeval.core.report import build_report
    from allyeval.core.selection import read_profile_and_criteria

    seen: list[runner.Outcome] = []
    real = runner._outcomes

    def spy(options: runner.ScoreOptions, scorer: runner._Scorer, jobs: int) -> Any:
        for outcome in real(options, scorer, jobs):
            seen.append(outcome)
            yield outcome

    monkeypatch.setattr(runner, "_outcomes", spy)
    nato = str(EXAMPLES / "nato.yaml")
    for output_format in ("csv", "json", "jsonl"):
        assert invoke("score", nato, "-f", output_format).exit_code == 0
        entry = seen.pop().entry
        assert entry is not None and entry.report is None
    assert invoke("score", nato, "-f", "csv").exit_code == 0
    assert len(pickle.dumps(seen.pop())) < 3_000
    expected = build_report(nato, *read_profile_and_criteria(nato, None)[:2]).interval
    for output_format in ("table", "markdown"):
        assert invoke("score", nato, "-f", output_format).exit_code == 0
        entry = seen.pop().entry
        assert entry is not None and entry.report is not None  # its interval is shown
        # ...kept without the distributions it was worked out from (a batch keeps every one)
        assert entry.interval == expected
        assert "distribution" not in vars(entry.report)
        assert set(vars(entry.report)) - {f.name for f in fields(entry.report)} == {"interval"}


# the Python API ------------------------------------------------------------------------


def test_python_api_matches_the_cli() -> None:
    import allyeval

    criteria = allyeval.load_criteria()
    result = allyeval.score(allyeval.load_profile(EXAMPLES / "nato.yaml", criteria), criteria)
    cli = json.loads(invoke("score", str(EXAMPLES / "nato.yaml"), "-f", "json").stdout)[0]
    assert allyeval.as_record(result, str(EXAMPLES / "nato.yaml")) == cli
    geometric = allyeval.score(result.profile, method="geometric")
    assert geometric.score < result.score
    with pytest.raises(AttributeError):
        allyeval.no_such_thing  # noqa: B018


def test_a_worker_ends_at_once_when_its_pool_is_terminated() -> None:
    """A worker process takes SIGTERM's default action: the parent's handler (which removes
    the parent's temporary output file) must not decide whether a pool's worker ends, or a
    worker blocked on the task queue hangs the parent at the end of a batch."""
    import signal

    from allyeval.cli import workers

    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGTERM, lambda *_: None)  # a handler, as the parent has during -o
    try:
        workers.start_worker(None)
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
        workers._task = None


def test_the_models_named_are_read_alike_by_one_process_or_several(tmp_path: Path) -> None:
    """A large batch reads the files for the models they name in worker processes: the same
    models in the same order (first named first), files it cannot read left for scoring."""
    from allyeval.cli.runner import models_named

    treaty = sorted(p for p in EXAMPLES.rglob("*.yaml") if "criteria: treaty-design" in
                    p.read_text("utf-8"))  # fmt: skip
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(MINIMAL_PROFILE + "criteria: no-such-model\n", encoding="utf-8")
    files = [str(tmp_path / "missing.yaml"), str(unknown), str(treaty[0]),
             str(EXAMPLES / "nato.yaml"), str(tmp_path)]  # fmt: skip
    one = models_named(files, 1_000_000, 1)
    two = models_named(files, 1_000_000, 2)
    assert (
        [m.name for m in one[0]]
        == [m.name for m in two[0]]
        == [
            "treaty-design",
            "allyeval-default",
        ]
    )
    assert one[1] == two[1] == {}
    assert [m.name for m in models_named(files[:2], 1_000_000, 2)[0]] == ["allyeval-default"]
