"""Every command's --help names values in words, never as Python types."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from allyeval.cli.app import app

runner = CliRunner()
PYTHON_TYPES = re.compile(r"<[^>]*>|list\[|\bint\b|\bstr\b|\bfloat\b|\brange\b|\{\w+\}")


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    children = getattr(command, "commands", {})
    if not children:
        return [path]
    found = []
    for name, child in sorted(children.items()):
        found += _commands(child, (*path, name))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def _help(path: tuple[str, ...]) -> str:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_command_is_checked() -> None:
    assert {" ".join(path) for path in COMMANDS} >= {
        "score", "compare", "robustness", "trend", "validate", "init", "criteria", "schema",
        "import atop",
    }  # fmt: skip


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_has_no_python_types(path: tuple[str, ...]) -> None:
    text = _help(path)
    options = text.split("Examples:")[0]
    assert PYTHON_TYPES.findall(options.replace("[default:", "")) == []


@pytest.mark.parametrize(
    ("path", "lines"),
    [
        (("score",), ["Usage: allyeval score [OPTIONS] FILE...", "  FILE...  Partnership",
                      "  --fail-under SCORE ", "  -j, --jobs N ", "  --seed N ", "  --samples N ",
                      "  -f, --format [table|json|jsonl|csv|markdown|html|svg]\n",
                      "[default: 10000; 100 to 1000000]", "below SCORE.  [0 to 100]"]),
        (("validate",), ["Usage: allyeval validate [OPTIONS] [FILE...]", "  FILE...  Profiles"]),
        (("criteria",), ["Usage: allyeval criteria [OPTIONS] [ID]", "  ID  An indicator"]),
        (("init",), ["  -m, --member CODE ", "  --name NAME "]),
        (("import", "atop"), ["Usage: allyeval import atop [OPTIONS] ALLIANCE_CSV",
                              "  --id ATOPID ", "  --as-of YEAR "]),
    ],
)  # fmt: skip
def test_metavars_read_as_words(path: tuple[str, ...], lines: list[str]) -> None:
    text = _help(path)
    for line in lines:
        assert line in text
