"""Every example as the terminal shows it at 60, 80, 120 and 200 columns, and in Markdown and
CSV, against reviewed snapshots (syrupy): a layout change is a diff to read, not a surprise.

One file per snapshot, trailing spaces removed, so that each stays small and readable.
Update them with ``pytest tests/test_snapshots.py --snapshot-update`` and review the diff."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode
from typer.testing import CliRunner

from allyeval.cli.app import app

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (ROOT / "examples").rglob("*.yaml")
    if "agreement" not in p.parts
)
AGREEMENT = sorted(
    p.relative_to(ROOT).as_posix() for p in (ROOT / "examples/agreement").glob("*.yaml")
)
SERIES = sorted(
    p.relative_to(ROOT).as_posix() for p in (ROOT / "examples/nato-series").glob("*.yaml")
)
TOP = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*.yaml"))
WIDTHS = (60, 80, 120, 200)
runner = CliRunner()


class TextSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    file_extension = "txt"


@pytest.fixture
def text_snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(TextSnapshot)


@pytest.fixture(autouse=True)
def _from_the_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in the reports are relative, the same on every machine."""
    monkeypatch.chdir(ROOT)


def _output(width: int, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def _name(path: str) -> str:
    return Path(path).with_suffix("").as_posix().removeprefix("examples/").replace("/", "-")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("example", EXAMPLES, ids=_name)
def test_score_terminal(
    example: str, width: int, text_snapshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _output(width, monkeypatch, "score", example) == text_snapshot


@pytest.mark.parametrize("output_format", ["markdown", "csv"])
@pytest.mark.parametrize("example", EXAMPLES, ids=_name)
def test_score_documents(
    example: str, output_format: str, text_snapshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _output(100, monkeypatch, "score", example, "-f", output_format) == text_snapshot


COMMANDS = {
    "ranking": ("score", *TOP),
    "compare": ("compare", *TOP),
    "robustness": ("robustness", *TOP),
    "trend": ("trend", *SERIES),
    "agree": ("agree", *AGREEMENT),
    "criteria": ("criteria",),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_commands_terminal(
    command: str, width: int, text_snapshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _output(width, monkeypatch, *COMMANDS[command])
    if command == "ranking":  # the reports are snapshotted one by one above
        text = text[text.index("\nRanking") :]
    assert text == text_snapshot
