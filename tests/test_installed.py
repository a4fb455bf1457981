"""The installed ``allyeval`` command, run as a user runs it: a separate process, outside the
source tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, MINIMAL_PROFILE

BIN = Path(sys.executable).parent
COMMAND = shutil.which("allyeval", path=str(BIN)) or shutil.which("allyeval")


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    assert COMMAND, "the allyeval console script is not installed"
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "FORCE_COLOR"}}
    return subprocess.run(
        [COMMAND, *args], cwd=cwd, input=stdin, capture_output=True, text=True, env=env,
        timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.skipif(COMMAND is None, reason="allyeval is not installed as a command")
def test_installed_command_scores_every_example(tmp_path: Path) -> None:
    examples = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 8
    result = run("score", *examples, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    records = json.loads(result.stdout)
    assert [r["path"] for r in records] == examples
    for record in records:
        for field in ["id", "name", "path", "as_of", "score", "band", "coverage", "criteria"]:
            assert field in record
        assert 0 <= record["score"] <= 100
        for criterion in record["criteria"]:
            for field in ["id", "name", "direction", "weight", "score", "coverage", "indicators"]:
                assert field in criterion
            for indicator in criterion["indicators"]:
                assert set(indicator) >= {"id", "level", "confidence", "weight", "contribution"}


@pytest.mark.skipif(COMMAND is None, reason="allyeval is not installed as a command")
def test_installed_command_uses_packaged_criteria(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(MINIMAL_PROFILE, encoding="utf-8")
    result = run("score", "p.yaml", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("id,name,path,as_of,score,")
    assert result.stdout.splitlines()[1].startswith("test-pact,Test Pact,p.yaml,2024-01-01,75.0,")


@pytest.mark.skipif(COMMAND is None, reason="allyeval is not installed as a command")
def test_installed_command_bad_input_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: x\nname: [unclosed\n", encoding="utf-8")
    for args, message in [
        (["score", "missing.yaml"], "missing.yaml: error: no such file\n"),
        (["score", "."], ".: error: is a directory, not a YAML file\n"),
        (["score", "/dev/null"], "/dev/null: error: is empty\n"),
        (
            ["score", "broken.yaml"],
            "broken.yaml:3:1: error: not valid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence)\n",
        ),
    ]:
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert result.stderr == message
        assert result.stdout == ""


@pytest.mark.skipif(COMMAND is None, reason="allyeval is not installed as a command")
def test_python_dash_m_and_quiet_broken_pipe(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "allyeval", "--version"], capture_output=True, text=True,
        cwd=tmp_path, check=False,
    )  # fmt: skip
    assert result.returncode == 0
    assert result.stdout.startswith("allyeval ")
    examples = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    assert COMMAND
    pipeline = subprocess.run(
        f"'{COMMAND}' score {' '.join(examples)} | head -1", shell=True, capture_output=True,
        text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert pipeline.stderr == ""
    assert len(pipeline.stdout.splitlines()) == 1


def test_pure_python_parser_fallback(tmp_path: Path) -> None:
    """Without libyaml, the same report comes out, after one warning line."""
    script = (
        "import sys, yaml\n"
        "del yaml.CSafeLoader\n"
        "from allyeval.cli.entry import main\n"
        "sys.argv = ['allyeval', *sys.argv[1:]]\n"
        "main()\n"
    )
    args = ["score", str(EXAMPLES / "quad.yaml"), "-f", "json"]
    fallback = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                              text=True, cwd=tmp_path, check=False)  # fmt: skip
    normal = subprocess.run([sys.executable, "-m", "allyeval", *args], capture_output=True,
                            text=True, cwd=tmp_path, check=False)  # fmt: skip
    assert fallback.returncode == normal.returncode == 0
    assert fallback.stdout == normal.stdout
    assert fallback.stderr == (
        "allyeval: warning: PyYAML was built without libyaml; parsing with the slower "
        "pure-Python parser\n"
    )


@pytest.mark.skipif(COMMAND is None, reason="allyeval is not installed as a command")
def test_installed_command_finds_its_html_templates(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(MINIMAL_PROFILE, encoding="utf-8")
    result = run("score", "p.yaml", "--format", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "<title>Test Pact: partnership assessment</title>" in result.stdout
    assert "@page { size: A4" in result.stdout
