"""At 60, 80, 120 and 200 columns every number of a report is shown whole: the terminal
output of each command holds every figure of its JSON, no line is wider than the terminal
and nothing is cut with an ellipsis."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from allyeval.cli.app import app
from allyeval.render.common import percent

EXAMPLES = Path(__file__).parent.parent / "examples"
PROFILES = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
SERIES = sorted(str(p) for p in (EXAMPLES / "nato-series").glob("*.yaml"))
RATERS = sorted(str(p) for p in (EXAMPLES / "agreement").glob("*.yaml"))
WIDTHS = (60, 80, 120, 200)
runner = CliRunner()


def _run(width: int, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _tokens(text: str) -> set[str]:
    """Every number-like token of *text*: 51.3, 45.7–57.6 split in two, 100%, +2.5."""
    return set(re.findall(r"[<>+-]?\d+(?:\.\d+)?%?", text.replace("–", " ")))


def _check_layout(text: str, width: int) -> None:
    assert "…" not in text
    widest = max(len(line.rstrip()) for line in text.splitlines())
    assert widest <= width


def _one(value: float) -> str:
    return f"{value:.2f}"  # as the JSON has it; _shown allows for the one-decimal rounding


def _shown(number: str, found: set[str], text: str) -> bool:
    """Whether *number* (from the JSON, rounded to 2 decimals) is in the output; the output
    rounds the exact value, so 1.25 in JSON may be shown as 1.2 or 1.3."""
    if "/" in number or number.endswith("%"):
        return number in (text if "/" in number else found)
    sign = "+" if number.startswith("+") else ""
    value = float(number)
    return any(
        f"{sign}{v:.1f}".replace("+-", "-") in found or f"{v:.1f}" in found
        for v in (value - 0.006, value, value + 0.006)
    )


def _score_numbers(record: dict[str, Any]) -> Iterator[str]:
    yield _one(record["score"])
    yield from map(_one, record["interval"])
    yield percent(record["coverage"])
    for crit in record["criteria"]:
        if crit["score"] is not None:
            yield _one(crit["score"])
            yield from map(_one, crit["interval"])
        yield f"{crit['weight']:.0%}"
        if crit["contribution"] is not None:
            yield _one(crit["contribution"])
        for item in crit["indicators"]:
            if item["level"] is not None:
                yield f"{item['level']}/4"
            if item["contribution"] is not None and item["state"] == "rated":
                yield _one(item["contribution"])


@pytest.mark.parametrize("width", WIDTHS)
def test_score_shows_every_number_of_the_json(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    records = json.loads(_run(width, monkeypatch, "score", *PROFILES, "--format", "json"))
    text = _run(width, monkeypatch, "score", *PROFILES)
    _check_layout(text, width)
    # Each report on its own, so that a number cut in one is not found in another.
    reports = re.split(r"\n(?=\S.* \([a-z0-9-]+\)(?: ─+)?\n)", text)
    for record in records:
        report = next(r for r in reports if f"({record['id']})" in r.splitlines()[0] + r)
        found = _tokens(report)
        missing = [n for n in _score_numbers(record) if not _shown(n, found, report)]
        assert not missing, (record["id"], missing)
        assert record["band"].upper() in report


@pytest.mark.parametrize("width", WIDTHS)
def test_compare_shows_every_number_of_the_json(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = json.loads(_run(width, monkeypatch, "compare", *PROFILES, "--format", "json"))
    text = _run(width, monkeypatch, "compare", *PROFILES)
    _check_layout(text, width)
    found = _tokens(text)
    numbers = []
    for profile in record["profiles"]:
        numbers += [_one(profile["score"]), *map(_one, profile["interval"])]
        assert profile["band"] in text
    for row in record["criteria"]:
        numbers += [_one(v["score"]) for v in row["values"] if v["score"] is not None]
    for row in record["indicators"]:
        numbers += [_one(v["points"]) for v in row["values"] if v["points"] is not None]
    for gap in record["gaps"]:
        numbers.append(_one(gap["points"]))
        numbers += [f"{c['points']:+.2f}" for c in gap["criteria"]]
    numbers += [percent(max(o["probability"], 1 - o["probability"])) for o in record["outranking"]]
    missing = [n for n in numbers if not _shown(n, found, text)]
    assert not missing


@pytest.mark.parametrize("width", WIDTHS)
def test_trend_shows_every_number_of_the_json(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    record = json.loads(_run(width, monkeypatch, "trend", *SERIES, "--format", "json"))
    text = _run(width, monkeypatch, "trend", *SERIES)
    _check_layout(text, width)
    found = _tokens(text)
    numbers = []
    for assessment in record["assessments"]:
        numbers.append(_one(assessment["score"]))
        numbers += [_one(v) for v in assessment["criteria"].values() if v is not None]
    for step in record["steps"]:
        numbers.append(f"{step['change']:+.2f}")
    assert not [n for n in numbers if not _shown(n, found, text)]


@pytest.mark.parametrize("width", WIDTHS)
def test_agree_shows_every_number_of_the_json(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _run(width, monkeypatch, "agree", *RATERS)
    _check_layout(text, width)
    record = json.loads(_run(width, monkeypatch, "agree", *RATERS, "--format", "json"))
    shown = [float(t) for t in _tokens(text) if not t.endswith("%")]
    numbers = [record["score_spread"]]
    for row in [record, *record["criteria"]]:
        alpha = row["alpha"]
        numbers += [alpha[key] for key in ("value", "low", "high")]
    for row in record["criteria"]:
        numbers += [s["score"] for s in row["scores"]] + [row["spread"]]
    # The JSON rounds to 4 decimals and the table from the exact value: allow for that.
    assert not [n for n in numbers if not any(abs(n - v) <= 0.051 for v in shown)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "args",
    [
        ("robustness", *PROFILES),
        ("criteria",),
        ("criteria", "joint_exercises"),
    ],
    ids=["robustness", "criteria", "criteria-indicator"],
)
def test_other_commands_fit(
    width: int, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    _check_layout(_run(width, monkeypatch, *args), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_validate_lines_are_whole(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # One line per file, never wrapped, so that it can be searched; the terminal folds it.
    text = _run(width, monkeypatch, "validate", *PROFILES)
    assert "…" not in text
    assert len(text.splitlines()) == len(PROFILES)


def test_width_is_kept_from_60_to_250(monkeypatch: pytest.MonkeyPatch) -> None:
    narrow = _run(20, monkeypatch, "score", PROFILES[0])
    assert max(len(line.rstrip()) for line in narrow.splitlines()) == 60
    wide = _run(1000, monkeypatch, "score", PROFILES[0])
    assert max(len(line.rstrip()) for line in wide.splitlines()) <= 250
