"""render/json_text.py: indented JSON written by allyeval itself must be, byte for byte, what
``json.dumps(indent=2, ensure_ascii=False)`` writes (every JSON report is built with it)."""

from __future__ import annotations

import json
import math
from enum import IntEnum, StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyeval.render import json_text
from allyeval.render.json_text import indented


class Level(IntEnum):
    HIGH = 3


class Kind(StrEnum):
    TREATY = "treaty [formal]"


class Share(float):
    """json writes a float subclass with ``float.__repr__``, never with its own repr."""

    def __repr__(self) -> str:
        return "share"


class Count(int):
    def __repr__(self) -> str:
        return "count"


class Record(dict[object, object]):
    pass


class Row(list[object]):
    pass


TEXT = st.text(st.characters(exclude_categories=()))  # every code point, lone surrogates too
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(),  # NaN and infinities included: written as json writes them
    TEXT,
    st.sampled_from([Level.HIGH, Kind.TREATY]),
    st.floats().map(Share),
    st.integers(-(10**6), 10**6).map(Count),
)
KEYS = st.one_of(
    TEXT,
    st.integers(-1000, 1000),
    st.floats(),
    st.booleans(),
    st.none(),
    st.sampled_from([Level.HIGH, Kind.TREATY]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(KEYS, inner, max_size=4)
        | st.lists(inner, max_size=3).map(Row)
        | st.dictionaries(KEYS, inner, max_size=3).map(Record)
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
        ([True, -0.0, math.nan, -math.inf], '[\n  true,\n  -0.0,\n  NaN,\n  -Infinity\n]'),
        ({"a": [[], {}], "b": ({},)},
         '{\n  "a": [\n    [],\n    {}\n  ],\n  "b": [\n    {}\n  ]\n}'),
        ({"t": False, "n": None, "f": math.nan}, '{\n  "t": false,\n  "n": null,\n  "f": NaN\n}'),
        ([Share(0.5), Count(2), Level.HIGH], '[\n  0.5,\n  2,\n  3\n]'),
        ({Kind.TREATY: Share(1e300), Level.HIGH: Count(-1)},
         '{\n  "treaty [formal]": 1e+300,\n  "3": -1\n}'),
        ("a\"\\\n\x1b\u2028", '"a\\"\\\\\\n\\u001b\u2028"'),
        (12345678901234567890, "12345678901234567890"),
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


@pytest.mark.parametrize("depth", [1, 2, 70, 150])
def test_deep_nesting(depth: int) -> None:
    """Deeper than the cache of each depth's indentation holds (64): those depths are made anew."""
    value: object = ["leaf", 1.5, None]
    for level in range(depth):
        value = {"level": level, "inner": value} if level % 2 else [value, level, "x"]
    assert indented(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert indented(value, "\n    ") == json.dumps([[value]], indent=2, ensure_ascii=False)[10:-6]


def test_plain_items_are_written_in_their_containers_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """The speed of indented JSON: a string, an int, a finite float or None inside a container
    is written in the loop over its items, without a call of its own; only containers and the
    unusual (a bool, NaN, a subclass) go through ``_write`` again, and only a key that is not a
    string through ``_key``."""
    calls: list[object] = []
    write = json_text._write

    def counted(value: object, newline: str, out: object) -> None:
        calls.append(value)
        write(value, newline, out)  # type: ignore[arg-type]

    keys: list[object] = []
    key = json_text._key

    def counted_key(value: object) -> str:
        keys.append(value)
        return key(value)

    monkeypatch.setattr(json_text, "_write", counted)
    monkeypatch.setattr(json_text, "_key", counted_key)
    inner = ["x", 2, 2.5, None]
    value = {"s": "x", "i": 1, "f": 1.5, "n": None, "l": inner, "b": True, "c": Count(1), 7: 0}
    assert indented(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert calls[:2] == [value, inner]
    assert [repr(call) for call in calls[2:]] == ["True", "count"]
    assert keys == [7]  # a string key is written in the loop too
    calls.clear()
    text = indented([inner, math.inf])
    assert text == '[\n  [\n    "x",\n    2,\n    2.5,\n    null\n  ],\n  Infinity\n]'
    assert calls[1:] == [inner, math.inf]
