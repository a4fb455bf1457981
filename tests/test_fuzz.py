"""Property-based fuzzing through the CLI: whatever the bytes, allyeval ends with exit 0, 1 or
2 and never a traceback.

The normal test run tries a few dozen inputs per strategy. For a long run (documented in the
README) set ALLYEVAL_FUZZ_EXAMPLES, e.g. ``ALLYEVAL_FUZZ_EXAMPLES=5000 python -m pytest
tests/test_fuzz.py``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from allyeval.cli.app import app
from conftest import EXAMPLES

EXAMPLES_COUNT = int(os.environ.get("ALLYEVAL_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES_COUNT,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEEDS = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.yaml"))]
CRITERIA = (Path(__file__).parent.parent / "criteria" / "default.yaml").read_bytes()
runner = CliRunner()


def assert_clean_outcome(args: list[str], data: bytes) -> None:
    result = runner.invoke(app, args, input=data)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert result.stderr.strip(), "exit 2 must say why"
        assert all(": error: " in line for line in result.stderr.splitlines())


def score_stdin(data: bytes) -> None:
    assert_clean_outcome(["score", "-", "--format", "json", "--fail-under", "50"], data)


@FUZZ
@given(st.binary(max_size=2_000))
def test_random_bytes(data: bytes) -> None:
    score_stdin(data)


scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
keys = st.sampled_from(
    ["id", "name", "kind", "members", "established", "ended", "formal_basis", "region", "as_of",
     "summary", "ratings", "level", "confidence", "evidence", "sources", "trust", "metadata"]
) | st.text(max_size=10)  # fmt: skip
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=30,
)


@FUZZ
@given(documents)
def test_random_yaml_documents(document: Any) -> None:
    score_stdin(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


TOKENS = [b"[", b"{", b"- ", b": ", b"&a ", b"*a", b"!!", b"\n", b"  ", b"NO", b".nan", b"~",
          b"#", b"'", b'"', b"\t", b"!!int ", b"!!bool ", b"!!float ", b"!!timestamp ",
          b"!!str ", b"!!null ", b"<<: ", b"? "]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        position = draw(st.integers(min_value=0, max_value=max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "delete", "insert", "duplicate"]))
        if action == "flip" and data:
            data[position] = draw(st.integers(min_value=0, max_value=255))
        elif action == "delete":
            del data[position : position + draw(st.integers(min_value=1, max_value=40))]
        elif action == "insert":
            data[position:position] = draw(st.sampled_from(TOKENS))
        else:
            end = position + draw(st.integers(min_value=1, max_value=200))
            data[position:position] = data[position:end]
    return bytes(data)


@FUZZ
@given(mutated(SEEDS))
def test_mutated_examples(data: bytes) -> None:
    score_stdin(data)


@FUZZ
@given(mutated([CRITERIA]))
def test_mutated_criteria(data: bytes) -> None:
    assert_clean_outcome(["score", str(EXAMPLES / "nato.yaml"), "--criteria", "-"], data)
