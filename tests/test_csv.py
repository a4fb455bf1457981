"""CSV output: RFC 4180 header first, provenance on every row, formula cells neutralised."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from allyeval.cli.app import app
from allyeval.core.printable import printable
from allyeval.render.csv import csv_text, neutralise_cell
from conftest import EXAMPLES, MINIMAL_PROFILE

runner = CliRunner()
HOSTILE_NAME = '=HYPERLINK("http://x")'


def _rows(args: list[str]) -> list[dict[str, str]]:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "\\rcmd"),  # a carriage return is shown as an escape, never written raw
        ("a\nb\x1b", "a\\nb\\x1b"),
        ("NATO", "NATO"),
        ("a=b", "a=b"),
        ("", ""),
        (-1.5, -1.5),
        (-3, -3),
        (None, None),
    ],
)
def test_neutralise_cell(value: object, expected: object) -> None:
    assert neutralise_cell(value) == expected


@given(st.text())
def test_no_text_cell_reads_back_as_a_formula(text: str) -> None:
    (cell,) = next(csv.reader(io.StringIO(csv_text([[text]]), newline="")))
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    shown = printable(text).replace("\n", "\\n")  # one line, control characters escaped
    assert cell in (shown, "'" + shown)


def test_the_header_is_the_first_line_for_csv_reader(tmp_path: Path) -> None:
    scores = tmp_path / "scores.csv"
    args = ["score", str(EXAMPLES / "nato.yaml"), str(EXAMPLES / "quad.yaml"), "-f", "csv"]
    assert runner.invoke(app, [*args, "-o", str(scores)]).exit_code == 0
    command = "import csv,sys; print(next(csv.reader(sys.stdin)))"
    with scores.open(encoding="utf-8") as stdin:
        printed = subprocess.run(
            [sys.executable, "-c", command], stdin=stdin, capture_output=True, text=True, check=True
        ).stdout
    assert printed.startswith(
        "['id', 'name', 'path', 'as_of', 'score', 'band', 'capped_by', 'coverage', "
    )
    assert printed.endswith("'criteria_sha256', 'method']\n")


def test_a_formula_name_is_neutralised_in_score_compare_and_trend(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        MINIMAL_PROFILE.replace("name: Test Pact", f"name: '{HOSTILE_NAME}'"), encoding="utf-8"
    )
    later = tmp_path / "later.yaml"
    later.write_text(
        MINIMAL_PROFILE.replace("name: Test Pact", "name: '@later'").replace(
            "as_of: 2024-01-01", "as_of: 2025-01-01"
        ),
        encoding="utf-8",
    )
    (score,) = _rows(["score", str(hostile), "-f", "csv"])
    assert score["name"] == "'" + HOSTILE_NAME
    trend = _rows(["trend", str(hostile), str(later), "-f", "csv"])
    assert [row["name"] for row in trend] == ["'" + HOSTILE_NAME, "'@later"]
    assert trend[1]["change"] == "0.0"
    # compare has no name column: its labels are ids, which cannot start with a formula
    compare = _rows(["compare", str(hostile), str(later), "-f", "csv"])
    assert {row["profile"] for row in compare} == {f"test-pact ({hostile})", f"test-pact ({later})"}


def test_negative_numbers_stay_numbers() -> None:
    args = ["compare", str(EXAMPLES / "us-japan.yaml"), str(EXAMPLES / "aukus.yaml"), "-f", "csv"]
    rows = _rows(args)
    differences = [row["difference"] for row in rows if row["difference"].startswith("-")]
    assert differences and all(float(d) < 0 for d in differences)
    assert not any(row["difference"].startswith("'") for row in rows)


def test_every_compare_row_carries_its_provenance() -> None:
    args = ["compare", str(EXAMPLES / "us-japan.yaml"), str(EXAMPLES / "aukus.yaml"), "-f", "csv"]
    rows = _rows([*args, "--seed", "7", "--samples", "500"])
    assert {(r["method"], r["seed"], r["samples"]) for r in rows} == {("arithmetic", "7", "500")}
    assert len({r["criteria_sha256"] for r in rows}) == 1
