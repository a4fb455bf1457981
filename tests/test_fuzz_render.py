"""The renderer fuzz harness (``fuzz/fuzz_render.py``) without atheris: its invariants over
its seed corpus and a few inputs made by hand, so the harness cannot rot between fuzz runs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

FUZZ = Path(__file__).parent.parent / "fuzz"
SEEDS = sorted((FUZZ / "corpus-render").iterdir())


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_render", FUZZ / "fuzz_render.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = _harness()


def test_the_seed_corpus_covers_every_group_and_route() -> None:
    modes = [seed.read_bytes()[0] for seed in SEEDS]
    assert len(SEEDS) >= 30
    groups = len(harness.hostile.GROUPS)
    assert {(mode & 0x07) % groups for mode in modes} == set(range(groups))
    assert all(any(mode & flag for mode in modes) for flag in (0x08, 0x10, 0x20))


@pytest.mark.parametrize("seed", SEEDS, ids=[seed.name for seed in SEEDS])
def test_seed(seed: Path) -> None:
    harness.run_one(seed.read_bytes())


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00",
        b"\x01\xff\xfe invalid UTF-8 \xc3",
        b"\x3a" + b"\x1b]8;;javascript:alert(1)\x1b\\x\x1b]8;;\x1b\\",
        b"\x21" + b'"\\e[2J [/] <script>',
        b"\x0c" + "\u202e\u2028\x85".encode(),
    ],
)
def test_made_by_hand(data: bytes) -> None:
    harness.run_one(data)
