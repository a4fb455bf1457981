"""render/json_text.py: indented JSON written by allyeval itself must be, byte for byte, what
``json.dumps(indent=2, ensure_ascii=False)`` writes (every JSON report is built with it)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyeval.render.json_text import indented

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(),  # NaN and infinities included: written as json writes them
    st.text(),
)
KEYS = st.one_of(st.text(), st.integers(-1000, 1000), st.floats(), st.booleans(), st.none())
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(KEYS, inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_the_same_text_as_the_standard_library(value: object) -> None:
    assert indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=100, deadline=None)
@given(VALUES)
def test_a_nested_record_starts_each_line_with_the_indentation_given(value: object) -> None:
    """JSON output streams each report as an item of one array: its lines after the first are
    indented two spaces more, as the standard library indents the whole array."""
    whole = json.dumps([value], indent=2, ensure_ascii=False)
    assert whole == "[\n  " + indented(value, "\n  ") + "\n]"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({}, "{}"),
        ([], "[]"),
        ({"a": []}, '{\n  "a": []\n}'),
        (
            {2: -0.0, True: math.inf, None: "\u2028"},
            '{\n  "2": -0.0,\n  "true": Infinity,\n  "null": "\u2028"\n}',
        ),
        ([1.5, "é", None], '[\n  1.5,\n  "é",\n  null\n]'),
    ],
)  # fmt: skip
def test_hand_written_cases(value: object, expected: str) -> None:
    assert indented(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({(1, 2): 1}, "keys must be str, int, float, bool or None, not tuple"),
        ({"a": {1, 2}}, "Object of type set is not JSON serializable"),
        ([b"x"], "Object of type bytes is not JSON serializable"),
    ],
)
def test_what_json_cannot_hold_is_refused(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        indented(value)
    with pytest.raises(TypeError, match=message):
        json.dumps(value, indent=2)
