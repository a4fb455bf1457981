"""The built-in models compiled into ``allyeval.core.builtin_data`` are their YAML files,
read faster: the same data, the same models, and the YAML itself whenever the two differ."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from allyeval.core import builtin_data, loader
from allyeval.core.builtin import BUILTIN_MODELS
from allyeval.core.loader import builtin_criteria, compiled_model, criteria_from_text, parse
from allyeval.core.models import CriteriaSet

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "src" / "allyeval" / "criteria"
STALE = "the compiled criteria are stale: run python scripts/compile_criteria.py"


@pytest.mark.parametrize("file", sorted(set(BUILTIN_MODELS.values())))
def test_each_built_in_model_is_compiled_from_its_file_as_shipped(file: str) -> None:
    text = (CRITERIA / file).read_text(encoding="utf-8")
    digest, data = builtin_data.MODELS[file]
    assert digest == hashlib.sha256(text.encode("utf-8")).hexdigest(), STALE
    assert data == parse(text, file, "criteria")[0], STALE
    assert compiled_model(file, text) is data


def test_only_built_in_models_are_compiled() -> None:
    assert set(builtin_data.MODELS) == set(BUILTIN_MODELS.values())


def test_the_script_writes_the_module_as_committed() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import compile_criteria; print(compile_criteria.compiled(), end='')",
        ],
        cwd=ROOT / "scripts",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    module = ROOT / "src" / "allyeval" / "core" / "builtin_data.py"
    assert done.stdout == module.read_text(encoding="utf-8"), STALE


@pytest.mark.parametrize("name", list(BUILTIN_MODELS))
def test_a_compiled_model_is_the_model_its_file_gives(name: str) -> None:
    file = BUILTIN_MODELS[name]
    from_yaml = criteria_from_text((CRITERIA / file).read_text(encoding="utf-8"), file)
    builtin_criteria.cache_clear()
    try:
        compiled = builtin_criteria(name)
    finally:
        builtin_criteria.cache_clear()
    assert compiled == from_yaml
    assert compiled.digest == from_yaml.digest


def _read_treaty_design(
    monkeypatch: pytest.MonkeyPatch, models: dict[str, tuple[str, dict[str, Any]]] | None = None
) -> tuple[CriteriaSet, list[str]]:
    """The treaty-design model read afresh (with *models* as the compiled data, if given), and
    the paths of the YAML files parsed on the way."""
    if models is not None:
        monkeypatch.setattr(builtin_data, "MODELS", models)
    parsed: list[str] = []
    original = loader.criteria_from_text

    def spy(text: str, path: str) -> Any:
        parsed.append(path)
        return original(text, path)

    monkeypatch.setattr(loader, "criteria_from_text", spy)
    builtin_criteria.cache_clear()
    try:
        return builtin_criteria("treaty-design"), parsed
    finally:
        builtin_criteria.cache_clear()


def test_an_unchanged_file_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    _, parsed = _read_treaty_design(monkeypatch)
    assert parsed == []


def test_a_changed_file_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    stale = {file: ("0" * 64, data) for file, (_, data) in builtin_data.MODELS.items()}
    model, parsed = _read_treaty_design(monkeypatch, stale)
    assert parsed == ["<allyeval>/criteria/treaty-design.yaml"]
    assert model.name == "treaty-design"


def test_compiled_data_the_models_refuse_gives_the_files_own_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = {
        file: (digest, {**data, "min_coverage": "most"})
        for file, (digest, data) in builtin_data.MODELS.items()
    }
    model, parsed = _read_treaty_design(monkeypatch, broken)
    assert parsed == ["<allyeval>/criteria/treaty-design.yaml"]
    assert model.min_coverage != "most"
