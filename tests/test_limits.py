"""The bounds of core/limits.py beyond the input files: processes, width, and how many
profiles one document or analysis takes. Each is refused or capped with a clear message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from allyeval.cli.app import app
from allyeval.cli.runner import available_cores, terminal_width
from allyeval.core.limits import MAX_ANALYSED_PROFILES, MAX_DOCUMENT_PROFILES, MAX_WIDTH
from allyeval.render.common import make_console
from conftest import MINIMAL_PROFILE

Write = Callable[[str, str], Path]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def invoke_with(*args: str, columns: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": columns})


def test_the_limits_are_the_documented_numbers() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert (MAX_WIDTH, MAX_DOCUMENT_PROFILES, MAX_ANALYSED_PROFILES) == (250, 1_000, 500)
    for number in ("**250**", "**1,000** profiles", "**500** profiles", "**1,000,000** draws"):
        assert number in readme


def test_jobs_beyond_the_cores_are_capped_with_a_note(write: Write) -> None:
    files = [str(write(f"p{i}.yaml", MINIMAL_PROFILE)) for i in range(3)]
    cores = available_cores()
    capped = invoke("score", *files, "-f", "jsonl", "--jobs", "10000")
    one = invoke("score", *files, "-f", "jsonl", "--jobs", "1")
    assert capped.exit_code == 0
    assert capped.stderr == (
        f"allyeval: note: --jobs 10000 is more than the {cores} "
        f"core{'s' if cores > 1 else ''} available; using {cores}\n"
    )
    assert capped.stdout == one.stdout


def test_jobs_note_is_silenced_by_quiet(write: Write) -> None:
    path = str(write("p.yaml", MINIMAL_PROFILE))
    result = invoke("score", path, path, "-f", "jsonl", "--jobs", "10000", "-q")
    assert (result.exit_code, result.stderr) == (0, "")


def test_available_cores_follow_the_affinity() -> None:
    import os

    assert available_cores() == len(os.sched_getaffinity(0))


@pytest.mark.parametrize("columns", ["10000000", "251", "99999999999999999999"])
def test_width_is_capped(monkeypatch: pytest.MonkeyPatch, write: Write, columns: str) -> None:
    # COLUMNS is set only around each run: pytest's own report reads it too.
    path = str(write("p.yaml", MINIMAL_PROFILE))
    at_cap = invoke_with("score", path, columns="250")
    result = invoke_with("score", path, columns=columns)
    assert result.exit_code == 0
    assert max(len(line) for line in at_cap.stdout.splitlines()) == MAX_WIDTH  # COLUMNS read
    assert result.stdout == at_cap.stdout
    with monkeypatch.context() as env:
        env.setenv("COLUMNS", columns)
        assert terminal_width() == MAX_WIDTH


def test_width_below_the_cap_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert terminal_width() == 80


def test_every_console_is_capped() -> None:
    assert make_console(color=False, width=10_000_000).width == MAX_WIDTH
    assert make_console(color=False, width=120).width == 120


def test_analysis_width_is_capped(write: Write) -> None:
    path = str(write("p.yaml", MINIMAL_PROFILE))
    other = str(write("q.yaml", MINIMAL_PROFILE.replace("id: test-pact", "id: other")))
    for command in ("compare", "robustness"):
        result = invoke_with(command, path, other, columns="10000000")
        assert result.exit_code == 0, result.stderr
        assert max(len(line) for line in result.stdout.splitlines()) <= MAX_WIDTH


@pytest.mark.parametrize("output_format", ["html", "svg"])
def test_documents_take_a_bounded_number_of_profiles(write: Write, output_format: str) -> None:
    path = str(write("p.yaml", MINIMAL_PROFILE))
    result = invoke("score", *[path] * (MAX_DOCUMENT_PROFILES + 1), "-f", output_format)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"allyeval: error: --format {output_format} puts at most 1,000 profiles in one "
        "document, got 1,001; split the batch, or use table, json, csv or markdown, which "
        "have no such limit\n"
    )


def test_streaming_formats_have_no_profile_limit(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.yaml")
    result = invoke("score", *[missing] * (MAX_DOCUMENT_PROFILES + 1), "-f", "jsonl")
    assert result.exit_code == 2
    assert result.stderr == f"{missing}: error: no such file\n" * (MAX_DOCUMENT_PROFILES + 1)


@pytest.mark.parametrize("command", ["compare", "robustness", "trend", "agree"])
def test_analyses_take_a_bounded_number_of_profiles(write: Write, command: str) -> None:
    path = str(write("p.yaml", MINIMAL_PROFILE))
    result = invoke(command, *[path] * (MAX_ANALYSED_PROFILES + 1))
    assert result.exit_code == 2
    assert result.stderr == (
        f"allyeval: error: {command} takes at most 500 profiles at once, got 501; "
        "score larger batches with 'allyeval score'\n"
    )
