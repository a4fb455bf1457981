"""What keeps ``allyeval score`` quick to start: the app builds only the command it runs,
the scripting formats never import rich, and one file is read and parsed once. Each must
leave what the user sees unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from allyeval.cli import runner
from allyeval.cli.app import app, app_for
from allyeval.core import loader

ROOT = Path(__file__).resolve().parent.parent
NATO = str(ROOT / "examples" / "nato.yaml")


def _names(application: typer.Typer) -> list[str]:
    group = get_command(application)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(group.commands)


ALL = _names(app)


def test_the_whole_app_has_every_command() -> None:
    assert {"score", "compare", "robustness", "trend", "agree", "validate", "init"} <= set(ALL)
    assert {"criteria", "schema", "import"} <= set(ALL)


@pytest.mark.parametrize("name", ALL)
def test_a_command_runs_in_an_app_of_its_own(name: str) -> None:
    alone = app_for([name, "--help"])
    assert alone is not app
    assert _names(alone) == [name]
    runner_ = CliRunner()
    whole = runner_.invoke(app, [name, "--help"], prog_name="allyeval")
    single = runner_.invoke(alone, [name, "--help"], prog_name="allyeval")
    assert (single.exit_code, single.output) == (whole.exit_code, whole.output)


@pytest.mark.parametrize(
    "args", [[], ["--help"], ["-h"], ["--version"], ["scor", "x.yaml"], ["--bogus", "score"]]
)
def test_anything_but_a_command_gets_the_whole_app(args: list[str]) -> None:
    assert app_for(args) is app


@pytest.mark.parametrize(
    "args",
    [
        ["score", NATO, "--format", "csv"],
        ["score", NATO, "--format", "xml"],
        ["score", "--bogus", NATO],
        ["score"],
        ["import", "atop", "--help"],
        ["validate", NATO],
    ],
)
def test_a_command_alone_answers_as_the_whole_app(args: list[str]) -> None:
    runner_ = CliRunner()
    whole = runner_.invoke(app, args, prog_name="allyeval")
    single = runner_.invoke(app_for(args), args, prog_name="allyeval")
    assert (single.exit_code, single.output) == (whole.exit_code, whole.output)


def test_json_and_csv_import_neither_rich_nor_the_bounded_grid() -> None:
    """rich (about 20 ms) lays out the terminal formats, and the bounded grid serves only
    criteria files too fine for the exact one: the scripting formats of one profile need
    neither (nor numpy, see test_vectorised.py)."""
    code = (
        "import sys\n"
        "from allyeval.cli.entry import main\n"
        "for fmt in ('json', 'csv', 'jsonl'):\n"
        "    sys.argv = ['allyeval', 'score', sys.argv[1], '--format', fmt]\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "found = [m for m in sys.modules\n"
        "         if m.split('.')[0] == 'rich' or m == 'allyeval.core.grid']\n"
        "assert not found, found\n"
    )
    done = subprocess.run([sys.executable, "-c", code, NATO], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_one_file_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    read = runner.read_text

    def counted(path: str, **options: int) -> str:
        reads.append(path)
        return read(path, **options)

    monkeypatch.setattr(runner, "read_text", counted)
    monkeypatch.setattr("allyeval.core.selection.read_text", counted)
    result = CliRunner().invoke(app, ["score", NATO, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert reads == [NATO]


def test_a_text_is_parsed_once_for_the_same_text_object() -> None:
    text = Path(NATO).read_text(encoding="utf-8")
    first = loader.parse(text, NATO, "profile")
    assert loader.parse(text, NATO, "profile") is first
    copy = "".join(list(text))  # equal, another object: parsed again
    assert copy is not text
    again = loader.parse(copy, NATO, "profile")
    assert again is not first and again[0] == first[0]
    other = loader.parse(copy, "other.yaml", "profile")  # another name: parsed again
    assert other is not again
    loader.parse(copy, "other.yaml", "criteria")  # each kind keeps its own last text
    assert loader.parse(copy, "other.yaml", "profile") is other


def test_a_failed_parse_is_not_remembered() -> None:
    text = "a: [1\n"
    for _ in range(2):
        with pytest.raises(loader.ProfileError):
            loader.parse(text, "bad.yaml", "profile")


@pytest.mark.parametrize(("preset", "expected"), [(None, "__all__"), ("", ""), ("foo", "foo")])
def test_the_console_script_skips_the_plugin_search_unless_told(
    preset: str | None, expected: str
) -> None:
    code = (
        "import os, sys\n"
        "from allyeval.cli.entry import main\n"
        "sys.argv = ['allyeval', 'score', sys.argv[1], '--format', 'csv']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(repr(os.environ['PYDANTIC_DISABLE_PLUGINS']), file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if preset is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = preset
    done = subprocess.run(
        [sys.executable, "-c", code, NATO], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == repr(expected)
