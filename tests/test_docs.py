"""The README is part of the interface: its commands and field lists must match the tool."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from allyeval.cli.app import app
from conftest import EXAMPLES
from readme_examples import examples_table

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_documents_every_json_field() -> None:
    result = CliRunner().invoke(app, ["score", str(EXAMPLES / "quad.yaml"), "-f", "json"])
    record = json.loads(result.stdout)[0]
    spans = re.findall(r"`([a-z_.\[\]]+)`", README)
    documented = {part for span in spans for part in re.split(r"[^a-z_]+", span) if part}
    fields = set(record) | set(record["criteria"][0]) | set(record["findings"])
    fields |= set(record["criteria"][0]["indicators"][0])
    fields |= set(record["findings"]["strengths"][0])
    assert fields - documented == set()


def test_readme_has_the_two_setup_commands() -> None:
    assert ".venv/bin/pip install . && .venv/bin/allyeval score examples/nato.yaml" in README
    assert '.venv/bin/pip install ".[test]" && .venv/bin/python -m pytest' in README


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    runner = CliRunner()
    top = runner.invoke(app, ["--help"]).stdout
    commands = re.findall(r"^  ([a-z]+)  ", top.split("Commands:")[1], flags=re.M)
    assert commands
    for command in commands:
        text = runner.invoke(app, [command, "--help"]).stdout
        assert f"allyeval {command} " in text.split("Examples:")[1], command
        assert f"allyeval {command} " in README, command


def test_readme_exit_codes_match_the_code() -> None:
    from allyeval.core import errors

    for code in (errors.EXIT_OK, errors.EXIT_BELOW_THRESHOLD, errors.EXIT_INPUT_ERROR):
        assert f"| {code} |" in README
    assert f"| {errors.EXIT_INTERRUPTED} |" in README


def test_readme_examples_table_is_what_the_tool_prints() -> None:
    table = examples_table()
    assert table.count("\n") == 2 + len(list(EXAMPLES.glob("*.yaml")))
    assert "\n" + table + "\n" in README


def test_readme_documents_the_new_bibliography_and_state_fields() -> None:
    text = (EXAMPLES / "quad.yaml").as_posix()
    record = json.loads(CliRunner().invoke(app, ["score", text, "-f", "json"]).stdout)[0]
    assert set(record["bibliography"][0]) <= {
        "number", "text", "title", "date", "publisher", "url", "accessed", "indicators"
    }  # fmt: skip
    for field in ("bibliography", "provisional", "member_codes", "state", "references"):
        assert f"`{field}`" in README


def test_every_public_import_the_readme_shows_works() -> None:
    import importlib

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    imports = re.findall(r"^from (allyeval[\w.]*) import ([\w, ]+)$", readme, re.MULTILINE)
    assert imports, "the README shows at least one import"
    names = re.findall(r"`allyeval\.(\w+)", readme)
    import allyeval

    for module, listed in imports:
        loaded = importlib.import_module(module)
        for name in (n.strip() for n in listed.split(",")):
            assert hasattr(loaded, name), f"from {module} import {name}"
    for name in names:
        if name[0].isupper() or name in ("as_record", "compare"):
            assert hasattr(allyeval, name), f"allyeval.{name}"
