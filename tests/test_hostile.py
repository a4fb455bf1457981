"""Text from a file is data everywhere: the hostile corpus (``hostile.py``) through every
command and format, via the CLI and, past the loader, straight into the renderers."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from allyeval.cli.app import app
from allyeval.core.loader import load_criteria, load_profile
from allyeval.core.models import CriteriaSet, Profile
from conftest import MINIMAL_PROFILE
from hostile import (
    CONTROL,
    LOADABLE,
    UNSAFE,
    UnsafeOutput,
    check_output,
    dated,
    hostile,
    markdown_shape,
    render_everything,
)

runner = CliRunner()
CRITERIA = Path(__file__).parent.parent / "criteria" / "default.yaml"
TEXT_FIELDS = ("name", "description", "question", "recommendation", "version", "title")
SAMPLES = ["--samples", "100"]
COMMANDS: list[tuple[str, list[str], tuple[str, ...]]] = [
    ("score", ["A", "B"], ("table", "json", "jsonl", "csv", "markdown", "html", "svg")),
    ("compare", ["A", "B", *SAMPLES], ("table", "json", "csv", "markdown", "html", "svg")),
    ("robustness", ["A", "B", *SAMPLES], ("table", "json", "markdown", "html", "svg")),
    ("trend", ["A", "A2"], ("table", "json", "csv", "markdown", "html", "svg")),
    ("agree", ["A", "R", *SAMPLES], ("table", "json", "markdown", "html", "svg")),
    ("validate", ["A", "B"], ("text", "json")),
    ("criteria", [], ("table", "json", "markdown")),
    ("criteria", ["joint_exercises"], ("table", "json", "markdown")),
]
CASES = [(command, args, fmt) for command, args, formats in COMMANDS for fmt in formats]


def _texts(node: Any, payload: str) -> Any:
    """The default criteria with *payload* as every text (ids and numbers kept)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "rubric":
                out[key] = dict.fromkeys(value, payload)
            elif key in TEXT_FIELDS or key in ("file", "section"):
                out[key] = payload
            else:
                out[key] = _texts(value, payload)
        return out
    if isinstance(node, list):
        return [_texts(item, payload) for item in node]
    return node


def _profile(payload: str, ident: str, as_of: str, rater: str | None = None) -> dict[str, Any]:
    data = yaml.safe_load(MINIMAL_PROFILE)
    data.update(id=ident, name=payload, region=payload, summary=payload, as_of=as_of)
    if rater is not None:
        data["rated_by"] = rater
        for rating in data["ratings"].values():
            rating["level"] = 4 - rating["level"]
    data["metadata"] = {payload: payload}
    for rating in data["ratings"].values():
        rating.update(evidence=payload, sources=[payload, "=1+1"])
    return data


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], dict[str, str]]:
    """Files with *payload* in every text field, under paths that are hostile too; relative
    paths, so a path cell in CSV starts with the hostile part."""
    monkeypatch.chdir(tmp_path)

    def make(payload: str) -> dict[str, str]:
        names = {
            "A": "=HYPERLINK(1) [draft] [/bold].yaml",
            "A2": "drafts[/quad] <script>.yaml",
            "B": "csto [link=javascript:alert(1)]x[/link].yaml",
            "C": "criteria [/].yaml",
            "R": "rater <b>[/].yaml",
        }
        _dump(tmp_path / names["A"], _profile(payload, "hostile", "2024-01-01"))
        _dump(tmp_path / names["A2"], _profile(payload, "hostile", "2025-01-01"))
        _dump(tmp_path / names["B"], _profile(payload, "other", "2024-01-01"))
        _dump(tmp_path / names["R"], _profile(payload, "hostile", "2024-01-01", payload))
        criteria = yaml.safe_load(CRITERIA.read_text())
        bands, name = criteria["bands"], criteria["name"]  # identifiers
        criteria = _texts(criteria, payload)
        criteria.update(bands=bands, name=name)
        _dump(tmp_path / names["C"], criteria)
        return names

    return make


def _run(command: str, args: list[str], fmt: str, names: dict[str, str]) -> Any:
    files = [names.get(arg, arg) for arg in args]
    return runner.invoke(app, [command, *files, "-c", names["C"], "-f", fmt])


def _kind(fmt: str) -> str:
    return "table" if fmt == "text" else fmt


_plain_shapes: dict[tuple[str, str, str], list[str]] = {}


@pytest.mark.parametrize("payload", LOADABLE, ids=[f"loadable{i}" for i in range(len(LOADABLE))])
def test_loadable_text_through_every_command_and_format(
    corpus: Callable[[str], dict[str, str]], payload: str
) -> None:
    names = corpus(payload)
    for command, args, fmt in CASES:
        result = _run(command, args, fmt, names)
        where = f"{command} {' '.join(args)} -f {fmt}"
        assert result.exit_code == 0, (where, result.stderr, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), where
        check_output(_kind(fmt), result.stdout)
        assert not UNSAFE.search(result.stderr), where
        if fmt == "markdown":
            key = (command, " ".join(args), fmt)
            if key not in _plain_shapes:
                plain = corpus("Plain text")
                _plain_shapes[key] = markdown_shape(_run(command, args, fmt, plain).stdout)
                corpus(payload)
            assert markdown_shape(result.stdout) == _plain_shapes[key], where
    # The consensus of two raters is a profile that reads back.
    consensus = ["agree", names["A"], names["R"], *SAMPLES, "--consensus", "-o", "agreed.yaml"]
    assert runner.invoke(app, consensus).exit_code == 0
    check_output("yaml", Path("agreed.yaml").read_text(encoding="utf-8"))
    assert runner.invoke(app, ["validate", "-c", names["C"], "agreed.yaml"]).exit_code == 0
    # JSON keeps the text exactly.
    records = json.loads(_run("score", ["A", "B"], "json", names).stdout)
    assert records[0]["name"] == payload.strip()  # the loader strips surrounding space
    assert records[0]["path"] == names["A"]


@pytest.mark.parametrize("payload", LOADABLE[:12], ids=[f"init{i}" for i in range(12)])
def test_init_with_hostile_criteria_writes_only_blanks_to_fill(
    corpus: Callable[[str], dict[str, str]], payload: str
) -> None:
    names = corpus(payload)
    result = runner.invoke(app, ["init", "-c", names["C"], "--name", payload, "-o", "new.yaml"])
    assert result.exit_code == 0, result.stderr
    # init leaves the facts blank on purpose: those are the only errors, so no text of the
    # criteria or the name became a key or a value of the new profile.
    check = runner.invoke(app, ["validate", "-c", names["C"], "new.yaml"])
    errors = check.stdout.splitlines()[1:]
    assert errors, check.stdout + check.stderr
    assert all(line.endswith(": not filled in") for line in errors), check.stdout


@pytest.mark.parametrize(
    "payload",
    [p for p in CONTROL if "\ud800" not in p],
    ids=[f"control{i}" for i in range(len(CONTROL) - 1)],
)
def test_control_characters_in_files_never_reach_the_output(
    corpus: Callable[[str], dict[str, str]], payload: str
) -> None:
    """Whether the loader refuses them (exit 2, one located line each) or not, no output
    carries them raw."""
    names = corpus(payload)
    for command, args, fmt in CASES:
        result = _run(command, args, fmt, names)
        where = f"{command} {' '.join(args)} -f {fmt}"
        assert result.exit_code in (0, 2), (where, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), where
        assert "Traceback" not in result.stderr
        assert not UNSAFE.search(result.stderr), where
        if result.exit_code == 0:
            check_output(_kind(fmt), result.stdout)
        else:
            assert all(": error: " in line for line in result.stderr.splitlines()), where
            assert not UNSAFE.search(result.stdout), where


# --------------------------------------------------------------------------------------------
# The second wall: models that hold what the loader refuses, rendered directly


@pytest.fixture(scope="module")
def models() -> tuple[CriteriaSet, Profile]:
    criteria_set = load_criteria()
    return criteria_set, load_profile(
        str(Path(__file__).parent.parent / "examples" / "nato.yaml"), criteria_set
    )


@pytest.mark.parametrize("payload", [*CONTROL, *LOADABLE[:8]])
def test_renderers_escape_what_the_loader_would_refuse(
    models: tuple[CriteriaSet, Profile], payload: str
) -> None:
    criteria_set, profile = models
    # Lone surrogates reach allyeval only in paths (undecodable bytes in a file name): YAML
    # refuses them, and the digest and the comparison order hash UTF-8.
    text = re.sub("[\ud800-\udfff]", "", payload)
    bad_criteria = hostile(criteria_set, text)
    bad = hostile(profile, text)
    profiles = [
        dated(bad, dt.date(2020, 1, 1), "x" + text),
        dated(bad, dt.date(2021, 1, 1), "x" + text),
        dated(bad, dt.date(2021, 1, 1), "y" + text),
    ]
    paths = [f"a{payload}.yaml", f"b{payload}.yaml", f"{payload}.yaml"]
    outputs = render_everything(profiles, bad_criteria, paths)
    kinds = {"table", "json", "jsonl", "csv", "markdown", "html", "svg", "yaml"}
    assert {kind for kind, _ in outputs} == kinds
    for kind, text in outputs:
        check_output(kind, text)


def test_colour_codes_are_the_only_escapes_in_a_coloured_terminal(
    models: tuple[CriteriaSet, Profile],
) -> None:
    criteria_set, profile = models
    payload = CONTROL[0] + CONTROL[3]
    bad = hostile(profile, payload)
    profiles = [dated(bad, dt.date(2020 + k, 1, 1), "x") for k in range(3)]
    outputs = render_everything(
        profiles, hostile(criteria_set, payload), ["a", "b", "c"], color=True
    )
    tables = [text for kind, text in outputs if kind == "table"]
    assert all("\x1b[" in text for text in tables)  # coloured indeed
    for text in tables:
        check_output("table", text, color=True)
    with pytest.raises(UnsafeOutput):
        check_output("table", tables[0], color=False)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("table", "name \x1b]8;;http://x\x1b\\"),
        ("table", "name \u202e"),
        ("json", '{"a": "\u2028"}'),
        ("csv", "# c\nid,name\nx,=HYPERLINK(1)\n"),
        ("csv", "# c\nid,name\nx,y\n# forged\n"),
        ("csv", "# c\nid,name\nx,y,z\n"),
        ("markdown", "| a |\n|---|\n| <script>alert(1)</script> |\n"),
        ("markdown", "[x](https://example.org)\n"),
        ("html", '<a href="javascript:alert(1)">x</a>'),
        ("html", "<script>alert(1)</script>"),
        ("html", '<span onclick="x">y</span>'),
        ("svg", "<svg><text>\x01</text></svg>"),
        ("svg", "<svg><text>a</svg>"),
        ("svg", "<svg><script>alert(1)</script></svg>"),
    ],
)
def test_the_invariants_catch_unsafe_output(kind: str, text: str) -> None:
    """The checks above can fail: each of these breaks one."""
    with pytest.raises((UnsafeOutput, json.JSONDecodeError)):
        check_output(kind, text)
