"""The package layout is the architecture: each layer imports only the layers below it, and
modules stay small. (CI also runs import-linter on the same contract, from pyproject.toml.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "allyeval"

# Each layer and the layers it may import; the root package (``allyeval``) is not a layer.
ALLOWED = {
    "core": {"core"},
    "analysis": {"analysis", "core"},
    "render": {"render", "analysis", "core"},
    "atop": {"atop", "core"},
    "cli": {"cli", "render", "atop", "analysis", "core"},
}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "allyeval" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in ALLOWED else None


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_only_its_own_layer_and_those_below(path: Path) -> None:
    layer = path.relative_to(PACKAGE).parts[0]
    if layer not in ALLOWED:
        return  # the package root: api.py, __init__.py, __main__.py sit above every layer
    bad = []
    for line, module in _imports(path):
        if module in ("allyeval", "allyeval.api"):
            bad.append(f"line {line}: {module} (the package root is above every layer)")
        target = _layer(module)
        if target is not None and target not in ALLOWED[layer]:
            bad.append(f"line {line}: {module}")
    assert bad == [], f"{layer}/ may import only {sorted(ALLOWED[layer])}"


def test_the_checker_sees_a_violation() -> None:
    # The rule above must be able to fail: an import of cli from core is caught.
    assert _layer("allyeval.cli.app") == "cli"
    assert "cli" not in ALLOWED["core"]


GENERATED = {"core/builtin_data.py"}
"""Data written by a script (scripts/compile_criteria.py), not code: its size is its data's."""


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if str(p.relative_to(PACKAGE)) not in GENERATED],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_modules_stay_small(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"{path.name} has {lines} lines; split it by what it does"
