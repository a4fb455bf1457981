"""The score command through Typer's CliRunner: formats, exit codes, files and streams."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from allyeval.cli.app import app
from allyeval.core.loader import load_criteria
from allyeval.core.version import __version__
from conftest import MINIMAL_PROFILE

Write = Callable[[str, str], Path]
runner = CliRunner()

# The minimal profile by hand (default criteria weights 20/20/15/20/10/15):
# operational_success: only joint_exercises (level 4) rated -> utility 1.0, score 100
# objective_alignment: only trust (level 2) rated -> utility 0.5, score 50
# challenge_exposure: only strategic_divergence (level 1) -> exposure 25, utility 0.75
# overall = 100 * (20*1.0 + 20*0.5 + 15*0.75) / (20 + 20 + 15) = 100 * 41.25 / 55 = 75.0
MINIMAL_SCORE = 75.0


def invoke(*args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin)


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"allyeval {__version__}\n"


def test_help_lists_score_with_example() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "score" in result.stdout
    result = invoke("score", "-h")
    assert result.exit_code == 0
    assert "allyeval score examples/nato.yaml" in result.stdout
    assert "exact (unrounded) score" in " ".join(result.stdout.split())


def test_table_report(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(path))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Test Pact (test-pact)" in out
    # three ratings are 12% of the weight: the score stands, marked provisional
    assert "Score 75.0 / 100  INSUFFICIENT EVIDENCE (score provisional)" in out
    assert "Challenge exposure (risk)" in out
    assert "Annual combined exercises." in out
    assert "Strengths" in out and "Recommendations" in out
    assert "\x1b[" not in out  # no colour codes outside a terminal
    assert result.stderr == ""


def test_json_fields_and_values(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    [record] = json.loads(result.stdout)
    assert record["id"] == "test-pact"
    assert record["path"] == str(path)
    assert record["as_of"] == "2024-01-01"
    assert record["score"] == MINIMAL_SCORE
    assert record["band"] == "insufficient" and record["provisional"] is True
    # coverage: 0.2*2/9 + 0.2*2/12 + 0.15*3/11
    assert record["coverage"] == round(0.2 * 2 / 9 + 0.2 * 2 / 12 + 0.15 * 3 / 11, 4)
    criteria = {c["id"]: c for c in record["criteria"]}
    assert list(criteria) == [
        "operational_success",
        "objective_alignment",
        "adaptability",
        "interoperability",
        "diplomatic_outcomes",
        "challenge_exposure",
    ]
    risk = criteria["challenge_exposure"]
    assert risk["direction"] == "risk"
    assert risk["score"] == 25.0
    assert risk["weight"] == 0.15
    assert criteria["adaptability"]["score"] is None
    assert criteria["adaptability"]["coverage"] == 0.0
    exercises = criteria["operational_success"]["indicators"][0]
    assert exercises == {
        "id": "joint_exercises",
        "name": "Joint exercises",
        "state": "rated",
        "level": 4,
        "gated_from": None,
        "confidence": "high",
        "weight": round(2 / 9, 4),
        "share": round(20 / 55, 4),
        "contribution": round(100 * 20 / 55, 2),
        "evidence": "Annual combined exercises.",
        "sources": ["Exercise fact sheet"],
        "references": [1],
        "source": {
            "file": "000_3a9c782b11395cf3.txt",
            "section": "Evaluating the Effectiveness of Military Partnerships",
        },
    }
    assert sum(c["contribution"] for c in record["criteria"]) == pytest.approx(75.0, abs=0.02)


def test_intervals_from_confidence(write: Write) -> None:
    # By hand: overall = 100 * (20*1 + 20*L/4 + 15*(1 - E/4)) / 55 = 63.64 + 9.09 L - 6.82 E
    # trust is medium at 2: L = 1, 2, 3 with 1/4, 1/2, 1/4;
    # strategic_divergence is low at 1: E = 0, 1, 2, 3 with 3/9, 3/9, 2/9, 1/9 (-1 clipped to 0).
    # Lowest: L=1, E=3 -> 52.27 (p 1/36); next L=1, E=2 -> 59.09 (p 1/18): cumulative 0.083,
    # so the 5th percentile is 59.09. Highest: L=3, E=0 -> 90.91 (p 1/12 > 0.05): 95th = 90.91.
    path = write("p.yaml", MINIMAL_PROFILE)
    [record] = json.loads(invoke("score", str(path), "-f", "json").stdout)
    assert record["interval"] == [59.09, 90.91]
    intervals = {c["id"]: c["interval"] for c in record["criteria"]}
    assert intervals["operational_success"] == [100.0, 100.0]  # high confidence: no spread
    assert intervals["objective_alignment"] == [25.0, 75.0]
    assert intervals["challenge_exposure"] == [0.0, 75.0]  # exposure, on its own scale
    assert intervals["adaptability"] is None
    assert "seed" not in record["provenance"]  # exact: nothing was sampled
    geometric = json.loads(invoke("score", str(path), "-f", "json", "-m", "geometric",
                                  "--seed", "7").stdout)[0]  # fmt: skip
    assert geometric["provenance"]["seed"] == 7
    assert geometric["provenance"]["samples"] == 10_000
    again = invoke("score", str(path), "-f", "json", "-m", "geometric", "--seed", "7").stdout
    assert json.loads(again)[0] == geometric


def test_json_is_byte_identical_and_matches_plain_dump(write: Write) -> None:
    first = write("a.yaml", MINIMAL_PROFILE)
    second = write("b.yaml", MINIMAL_PROFILE.replace("id: test-pact", "id: other"))
    one = invoke("score", str(first), str(second), "-f", "json").stdout
    two = invoke("score", str(first), str(second), "-f", "json").stdout
    assert one == two
    assert one == json.dumps(json.loads(one), indent=2, ensure_ascii=False) + "\n"
    assert [r["id"] for r in json.loads(one)] == ["test-pact", "other"]


def test_jsonl_is_the_same_records_one_per_line(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    as_json = json.loads(invoke("score", str(path), str(path), "-f", "json").stdout)
    lines = invoke("score", str(path), str(path), "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json


def test_jsonl_lines_are_compact_and_keep_non_ascii_text() -> None:
    """Each line as ``json.dumps(record, ensure_ascii=False, separators=(",", ":"))``."""
    example = str(Path(__file__).parent.parent / "examples" / "triple-entente.yaml")
    lines = invoke("score", example, "-f", "jsonl").stdout.splitlines()
    compact = json.dumps(json.loads(lines[0]), ensure_ascii=False, separators=(",", ":"))
    assert lines == [compact]
    assert "é" in compact


def test_csv_one_row_per_profile(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(path), "-f", "csv")
    assert result.exit_code == 0
    raw = result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == [
        "id", "name", "path", "as_of", "score", "band", "capped_by", "coverage",
        "operational_success", "objective_alignment", "adaptability",
        "interoperability", "diplomatic_outcomes", "challenge_exposure",
        "allyeval_version", "criteria_name", "criteria_version", "criteria_sha256", "method",
    ]  # fmt: skip
    # Each value under its own header, in order (the installed-command test is not needed).
    assert list(csv.reader(io.StringIO(raw, newline="")))[1][:8] == [
        "test-pact", "Test Pact", str(path), "2024-01-01", "75.0", "insufficient", "", "0.1187",
    ]  # fmt: skip
    assert (row["allyeval_version"], row["criteria_name"], row["criteria_version"]) == (
        __version__,
        "allyeval-default",
        "2.0",
    )
    assert row["criteria_sha256"] == load_criteria().digest
    assert row["method"] == "arithmetic"
    assert row["score"] == "75.0"
    assert row["operational_success"] == "100.0"
    assert row["objective_alignment"] == "50.0"
    assert row["adaptability"] == ""
    assert row["challenge_exposure"] == "25.0"


def test_markdown_report(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(path), str(path), "-f", "markdown")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("## Test Pact\n")
    assert "**Score 75.0 / 100, insufficient evidence, score provisional**" in out
    assert (
        "| Challenge exposure | risk | 15% | 25.0 | 0.0–75.0 | 27% (insufficient) | 20.5 |" in out
    )
    assert "| **Overall** | | | | 59.1–90.9 | 12% (insufficient) | **75.0** |" in out
    assert (
        "| Operational success: Joint exercises | 4/4 | high | 36.4 "
        "| Annual combined exercises. | [1] |" in out
    )
    assert "**Sources**\n\n1. Exercise fact sheet\n" in out
    assert "## Ranking" in out
    assert "| 1 | Test Pact | 75.0 | insufficient | 12% |" in out
    # A tie: the same profile twice shares the rank and is marked as not distinguishable.
    assert "| 1 | Test Pact | 75.0 | insufficient | 12% | 59.1–90.9 |\n| ≈1 | Test Pact" in out
    assert out.rstrip().endswith(
        f"_Scored with allyeval {__version__}; criteria allyeval-default 2.0 "
        f"(sha256 {load_criteria().digest[:16]}); method arithmetic._"
    )


def test_several_files_rank_at_the_end(write: Write) -> None:
    strong = write("a.yaml", MINIMAL_PROFILE)
    weak = write(
        "b.yaml", MINIMAL_PROFILE.replace("level: 4", "level: 0").replace("Test Pact", "Weak Pact")
    )
    result = invoke("score", str(weak), str(strong))
    assert result.exit_code == 0
    ranking = result.stdout[result.stdout.index("Ranking") :]
    assert ranking.index("Test Pact") < ranking.index("Weak Pact")
    assert ranking.index("1") < ranking.index("Test Pact") < ranking.index("2")


def test_stdin(write: Write) -> None:
    result = invoke("score", "-", "-f", "json", stdin=MINIMAL_PROFILE)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["path"] == "-"
    result = invoke("score", "-", "-", stdin=MINIMAL_PROFILE)
    assert result.exit_code == 2
    assert result.stderr == "allyeval: error: '-' (standard input) can be given only once\n"


def test_stdin_error_names_stdin() -> None:
    result = invoke("score", "-", stdin="id: [\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("<stdin>:2:1: error: not valid YAML")


@pytest.mark.parametrize(("threshold", "code"), [("75", 0), ("75.01", 1), ("0", 0), ("100", 1)])
def test_fail_under_compares_exact_score(write: Write, threshold: str, code: int) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(path), "-f", "json", "--fail-under", threshold)
    assert result.exit_code == code
    if code:
        assert result.stderr == (
            f"allyeval: {path}: score 75.00 is below --fail-under {float(threshold):g}\n"
        )


def test_fail_under_uses_unrounded_score(write: Write) -> None:
    # joint_exercises 4 (w2) and collaborative_missions 1 (w3): 100*(2*1 + 3*0.25)/5 = 55.0
    # plus readiness 3 (w2): 100*(2 + 0.75 + 2*0.75)/7 = 60.714285...
    text = MINIMAL_PROFILE.split("  trust:")[0] + (
        "  collaborative_missions: {level: 1, confidence: low, evidence: x}\n"
        "  readiness: {level: 3, confidence: low, evidence: x}\n"
    )
    path = write("p.yaml", text)
    record = json.loads(invoke("score", str(path), "-f", "json").stdout)[0]
    assert record["score"] == 60.71
    assert invoke("score", str(path), "--fail-under", "60.714").exit_code == 0
    assert invoke("score", str(path), "--fail-under", "60.7143").exit_code == 1


def test_fail_under_out_of_range_is_usage_error(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(path), "--fail-under", "101")
    assert result.exit_code == 2
    assert "Invalid value for '--fail-under'" in result.stderr


@pytest.mark.parametrize(
    ("command", "seed", "expected"),
    [
        ("score", "9007199254740992", "9007199254740991"),
        ("compare", "18446744073709551616", "9007199254740991"),
        ("score", "-1", "0"),
    ],
)
def test_seed_beyond_what_json_readers_hold_exactly_is_a_usage_error(
    write: Write, command: str, seed: str, expected: str
) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    files = [str(path)] * (2 if command == "compare" else 1)
    result = invoke(command, *files, "-m", "geometric", "--seed", seed)
    assert result.exit_code == 2
    assert result.stdout == ""
    # the wording of the range is click's or pydantic's, depending on typer's version
    assert "Invalid value for '--seed'" in result.stderr
    assert expected in result.stderr


def test_the_largest_seed_is_written_exactly(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(path), "-f", "json", "-m", "geometric", "--seed", str(2**53 - 1))
    assert result.exit_code == 0
    assert '"seed": 9007199254740991' in result.stdout
    assert json.loads(result.stdout)[0]["provenance"]["seed"] == 2**53 - 1


def test_bad_file_among_good_ones(write: Write) -> None:
    good = write("good.yaml", MINIMAL_PROFILE)
    bad = write("bad.yaml", MINIMAL_PROFILE.replace("level: 4", "level: 7"))
    result = invoke("score", str(good), str(bad), str(good), "-f", "jsonl")
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == (
        f"{bad}:12:12: error: ratings.joint_exercises.level: "
        "level must be a whole number from 0 to 4, got 7\n"
    )
    assert "Traceback" not in result.stderr


def test_input_error_beats_fail_under(write: Write) -> None:
    good = write("good.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(good), str(good.parent / "missing.yaml"), "--fail-under", "99")
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.yaml", "{p}: error: no such file\n"),
        (lambda d: d, "{p}: error: is a directory, not a YAML file\n"),
    ],
)
def test_path_errors(tmp_path: Path, make: Callable[[Path], Path], message: str) -> None:
    path = make(tmp_path)
    result = invoke("score", str(path))
    assert result.exit_code == 2
    assert result.stderr == message.format(p=path)
    assert result.stdout == ""


def test_nothing_rated_is_an_input_error(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE.split("ratings:")[0])
    result = invoke("score", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}: error: ratings: rates no indicator of the criteria set 'allyeval-default'; "
        "nothing to score (see 'ratings' in the README)\n"
    )


def test_unknown_format_is_usage_error(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(path), "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_output_file_written_atomically(write: Write, tmp_path: Path) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    target = tmp_path / "out.json"
    result = invoke("score", str(path), "-f", "json", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))[0]["score"] == MINIMAL_SCORE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "p.yaml"]


def test_output_untouched_when_run_fails(write: Write, tmp_path: Path) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    target = write("out.json", "previous report\n")
    result = invoke(
        "score", str(path), "-o", str(target), "--criteria", str(tmp_path / "nope.yaml")
    )
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nope.yaml'}: error: no such file\n"
    assert target.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "p.yaml"]


def test_output_naming_an_input_is_refused(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(path), "-o", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"allyeval: error: --output {path} is also an input file; choose another file\n"
    )
    assert path.read_text(encoding="utf-8") == MINIMAL_PROFILE


def test_output_into_missing_folder(write: Write, tmp_path: Path) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    target = tmp_path / "no" / "out.json"
    result = invoke("score", str(path), "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"allyeval: error: cannot write --output {target}: No such file or directory\n"
    )


def test_inputs_are_never_modified(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    before = path.stat().st_mtime_ns
    for fmt in ["table", "json", "jsonl", "csv", "markdown"]:
        assert invoke("score", str(path), "-f", fmt).exit_code == 0
    assert path.read_text(encoding="utf-8") == MINIMAL_PROFILE
    assert path.stat().st_mtime_ns == before


def test_custom_criteria_changes_the_score(write: Write, tmp_path: Path) -> None:
    criteria = (Path(__file__).parent.parent / "criteria" / "default.yaml").read_text(
        encoding="utf-8"
    )
    # Weight objective_alignment (the second criterion) 40 instead of 20:
    # 100 * (20*1.0 + 40*0.5 + 15*0.75) / (20 + 40 + 15) = 100 * 51.25 / 75 = 68.333...
    custom = write(
        "c.yaml",
        criteria.replace("weight: 20\n", "weight: 40\n", 2).replace(
            "weight: 40\n", "weight: 20\n", 1
        ),
    )
    path = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(path), "-f", "json", "--criteria", str(custom))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["score"] == 68.33


def test_forced_colour(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE)
    assert "\x1b[" in invoke("score", str(path), "--color").stdout
    assert "\x1b[" not in invoke("score", str(path), "--no-color").stdout


def test_interrupt_is_exit_130_with_one_line(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import allyeval.cli.runner

    path = write("p.yaml", MINIMAL_PROFILE)
    target = write("out.json", "previous\n")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(allyeval.cli.runner, "build_report", interrupted)
    result = invoke("score", str(path), "-f", "json", "-o", str(target))
    assert result.exit_code == 130
    assert result.stderr == "allyeval: interrupted\n"
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "p.yaml"]


def test_without_libyaml_one_warning_line_and_the_same_report(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from allyeval.core import plainyaml

    path = write("p.yaml", MINIMAL_PROFILE)
    with_c = invoke("score", str(path), "-f", "json")
    monkeypatch.setattr(plainyaml, "HAS_LIBYAML", False)
    without = invoke("score", str(path), "-f", "json")
    assert without.exit_code == 0
    assert without.stderr == (
        "allyeval: warning: PyYAML was built without libyaml; parsing with the slower "
        "pure-Python parser\n"
    )
    assert without.stdout == with_c.stdout
    assert invoke("score", str(path), "-q").stderr == ""
