"""The compare, robustness and trend workers end to end: every format, provenance, determinism,
usage and input errors; on the example profiles."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from allyeval.cli.analysis_runs import (
    CompareOptions,
    RobustnessOptions,
    TrendOptions,
    run_compare,
    run_robustness,
    run_trend,
)
from allyeval.core.errors import InputError, UsageError
from allyeval.core.formats import AggregationMethod
from allyeval.core.loader import load_criteria
from allyeval.core.provenance import provenance_line
from conftest import EXAMPLES

PAIR = [str(EXAMPLES / "us-japan.yaml"), str(EXAMPLES / "aukus.yaml")]
ALL = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
SAMPLES = 300
Runner = Callable[[str, list[str], Path], str]


def _series(tmp_path: Path) -> list[str]:
    """Three assessments of AUKUS: the example, and two earlier ones with lower ratings (its
    dated sources made plain text, since an assessment cannot cite later documents)."""
    text = (EXAMPLES / "aukus.yaml").read_text(encoding="utf-8")
    text = re.sub(r'\{title: ("[^"]*"), date: [^}]*\}', r"\1", text)
    paths = []
    for year, exercises in [(2024, 2), (2022, 1), (2023, 2)]:
        changed = re.sub(r"^as_of: .*$", f"as_of: {year}-12-31", text, flags=re.M)
        changed = changed.replace(
            "  joint_exercises:\n    level: 2", f"  joint_exercises:\n    level: {exercises}"
        )
        path = tmp_path / f"aukus-{year}.yaml"
        path.write_text(changed, encoding="utf-8")
        paths.append(str(path))
    return paths


def _compare(fmt: str, files: list[str], out: Path, **kw: object) -> str:
    options = CompareOptions(files=files, output_format=fmt, output=str(out), samples=SAMPLES, **kw)  # type: ignore[arg-type]
    assert run_compare(options) == 0
    return out.read_text(encoding="utf-8")


def _robustness(fmt: str, files: list[str], out: Path, **kw: object) -> str:
    options = RobustnessOptions(
        files=files, output_format=fmt, output=str(out), samples=SAMPLES, **kw
    )  # type: ignore[arg-type]
    assert run_robustness(options) == 0
    return out.read_text(encoding="utf-8")


def _trend(fmt: str, files: list[str], out: Path, **kw: object) -> str:
    options = TrendOptions(files=files, output_format=fmt, output=str(out), **kw)  # type: ignore[arg-type]
    assert run_trend(options) == 0
    return out.read_text(encoding="utf-8")


COMMANDS: dict[str, tuple[Runner, tuple[str, ...]]] = {
    "compare": (_compare, ("table", "json", "csv", "markdown")),
    "robustness": (_robustness, ("table", "json", "markdown")),
    "trend": (_trend, ("table", "json", "csv", "markdown")),
}
CASES = [(command, fmt) for command, (_, formats) in COMMANDS.items() for fmt in formats]


def _inputs(command: str, tmp_path: Path) -> list[str]:
    return _series(tmp_path) if command == "trend" else PAIR


@pytest.mark.parametrize("method", ["arithmetic", "geometric"])
@pytest.mark.parametrize(("command", "fmt"), CASES)
def test_every_format_renders_with_its_provenance(
    command: str, fmt: str, method: str, tmp_path: Path
) -> None:
    run, _ = COMMANDS[command]
    sampled = command != "trend"
    text = run(fmt, _inputs(command, tmp_path), tmp_path / "out", method=AggregationMethod(method))
    line = provenance_line(
        load_criteria(), method, 0 if sampled else None, SAMPLES if sampled else None
    )
    if fmt == "json":
        record = json.loads(text)
        assert record["provenance"]["method"] == method
        assert record["provenance"].get("samples") == (SAMPLES if sampled else None)
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) > 1
        for row in rows:
            assert row["method"] == method and row["criteria_sha256"] == load_criteria().digest
            assert row.get("samples") == (str(SAMPLES) if sampled else None)
    elif fmt == "markdown":
        last = text.rstrip("\n").splitlines()[-1]
        assert last.startswith("_") and last.endswith(f"{line}._")
    else:
        assert " ".join(line.split()) in " ".join(text.split())


def test_compare_json_fields(tmp_path: Path) -> None:
    record = json.loads(_compare("json", PAIR, tmp_path / "out.json"))
    assert record["leader"] == "us-japan"
    assert [p["profile"] for p in record["profiles"]] == ["us-japan", "aukus"]
    japan, aukus = record["profiles"]
    # each number rounded from the exact value, so the rounded ones agree to a hundredth
    assert aukus["difference"] == pytest.approx(aukus["score"] - japan["score"], abs=0.011)
    assert japan["difference"] == 0.0
    assert japan["interval"][0] <= japan["score"] <= japan["interval"][1]
    assert record["outranking"][0]["exact"] is True
    assert len(record["gaps"][0]["drivers"]) == 3


def test_csv_reads_back_header_first(tmp_path: Path) -> None:
    text = _compare("csv", PAIR, tmp_path / "out.csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    overall = [r for r in rows if r["row"] == "overall"]
    assert [r["profile"] for r in overall] == ["us-japan", "aukus"]
    assert overall[0]["rank"] == "1" and overall[1]["rank"] == "2"


@pytest.mark.parametrize(("command", "fmt"), [("compare", "json"), ("robustness", "json")])
def test_same_seed_byte_identical_other_seed_differs(
    command: str, fmt: str, tmp_path: Path
) -> None:
    run, _ = COMMANDS[command]
    files = ALL[:5]
    extra = {"simplex": True} if command == "robustness" else {}
    first = run(fmt, files, tmp_path / "a", seed=11, **extra)
    assert run(fmt, files, tmp_path / "b", seed=11, **extra) == first
    assert run(fmt, files, tmp_path / "c", seed=12, **extra) != first


def test_terminal_views_fit_80_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    grid = _robustness("table", ALL, tmp_path / "r")
    chart = _trend("table", _series(tmp_path), tmp_path / "t")
    for text in (grid, chart):
        assert max(len(line) for line in text.splitlines()) <= 80
    # the acceptability grid: one row per profile, a cell per rank
    nato = next(line for line in grid.splitlines() if line.startswith("nato "))
    assert "%" in nato and any(block in nato for block in "▁▂▃▄▅▆▇█")
    # the chart: one bar per date, oldest first
    dates = [line.split()[0] for line in chart.splitlines() if re.match(r"\d{4}-\d\d-\d\d ", line)]
    assert dates[:3] == ["2022-12-31", "2023-12-31", "2024-12-31"]


# --------------------------------------------------------------------------------------------
# Usage and input errors


@pytest.mark.parametrize(
    ("run", "options", "message"),
    [
        (run_compare, CompareOptions(files=PAIR[:1]), "at least 2 profiles"),
        (run_robustness, RobustnessOptions(files=PAIR[:1]), "at least 2 profiles"),
        (run_trend, TrendOptions(files=PAIR[:1]), "at least 2 profiles"),
        (run_compare, CompareOptions(files=PAIR, output_format="jsonl"), "no --format jsonl"),
        (run_robustness, RobustnessOptions(files=PAIR, output_format="csv"), "no --format csv"),
        (run_compare, CompareOptions(files=PAIR, samples=0), "--samples"),
        (run_robustness, RobustnessOptions(files=PAIR, spread=1.0), "--spread"),
        (run_compare, CompareOptions(files=["-", "-"]), "standard input"),
    ],
)
def test_usage_errors(run: Callable[[object], int], options: object, message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        run(options)


def test_a_bad_input_stops_the_command_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    out.write_text("previous", encoding="utf-8")
    missing = str(tmp_path / "missing.yaml")
    code = run_compare(
        CompareOptions(files=[*PAIR, missing], output_format="json", output=str(out))
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "missing.yaml: error: no such file" in err
    assert "compare needs every input" in err
    assert out.read_text(encoding="utf-8") == "previous"


def test_output_naming_the_criteria_file_is_refused(tmp_path: Path) -> None:
    criteria = tmp_path / "criteria.yaml"
    criteria.write_text("x", encoding="utf-8")
    options = CompareOptions(files=PAIR, criteria=str(criteria), output=str(criteria))
    with pytest.raises(UsageError, match="also an input"):
        run_compare(options)


def test_trend_of_different_partnerships_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="ids us-japan, aukus") as raised:
        run_trend(TrendOptions(files=PAIR, output=str(tmp_path / "out")))
    assert raised.value.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_trend_with_allow_mixed_and_same_date(tmp_path: Path) -> None:
    # us-japan and aukus are both as of 2024-12-31: even mixed, their order is unknown.
    with pytest.raises(InputError, match="as_of 2024-12-31"):
        run_trend(TrendOptions(files=PAIR, allow_mixed=True, output=str(tmp_path / "out")))
    nato = str(EXAMPLES / "nato.yaml")  # as of 2024-07-11
    text = _trend("json", [PAIR[1], nato], tmp_path / "out.json", allow_mixed=True)
    assert json.loads(text)["ids"] == ["nato", "aukus"]
