"""plainyaml: the safe, surprise-free subset of YAML that profiles and criteria are read with."""

from __future__ import annotations

import datetime as dt
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from allyeval.core import plainyaml
from allyeval.core.plainyaml import MAX_DEPTH, MAX_NODES, YamlProblem, compose, construct, locate

PLAIN_ONLY = (
    "is not allowed: a profile holds plain data only "
    "(mappings, lists, strings, numbers, booleans, dates, null)"
)


def load(text: str) -> Any:
    node = compose(text)
    assert node is not None
    return construct(node)


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as info:
        load(text)
    return info.value


# --------------------------------------------------------------------------------------------
# Values


def test_yaml_11_booleans_stay_strings() -> None:
    text = "a: NO\nb: yes\nc: on\nd: off\ne: y\nf: n\ng: Yes\nh: ON\n"
    assert load(text) == {
        "a": "NO",
        "b": "yes",
        "c": "on",
        "d": "off",
        "e": "y",
        "f": "n",
        "g": "Yes",
        "h": "ON",
    }


def test_true_and_false_are_booleans() -> None:
    data = load("a: true\nb: false\nc: True\nd: FALSE\ne: [true, NO]\n")
    assert data == {"a": True, "b": False, "c": True, "d": False, "e": [True, "NO"]}
    assert all(type(data[k]) is bool for k in "abcd")


def test_plain_scalars_and_null() -> None:
    assert load("i: 3\nf: 2.5\ns: text\nn: null\ne:\nq: '3'\n") == {
        "i": 3,
        "f": 2.5,
        "s": "text",
        "n": None,
        "e": None,
        "q": "3",
    }


def test_dates_become_dates() -> None:
    data = load("as_of: 2024-03-01\nlist: [1999-12-31]\n")
    assert data == {"as_of": dt.date(2024, 3, 1), "list": [dt.date(1999, 12, 31)]}
    assert type(data["as_of"]) is dt.date


def test_empty_document_composes_to_none() -> None:
    assert compose("") is None
    assert compose("# only a comment\n") is None


# --------------------------------------------------------------------------------------------
# Duplicate keys


def test_duplicate_key_at_top_level() -> None:
    exc = problem("a: 1\nb: 2\na: 3\n")
    assert exc.message == "duplicate key 'a' (first given on line 1); keep one of them"
    assert (exc.line, exc.column) == (3, 1)


def test_duplicate_key_nested() -> None:
    exc = problem("top:\n  x: 1\n  y: 2\n\n  x: 3\n")
    assert exc.message == "duplicate key 'x' (first given on line 2); keep one of them"
    assert (exc.line, exc.column) == (5, 3)
    assert str(exc) == exc.message


def test_same_key_in_different_mappings_is_fine() -> None:
    assert load("a: {x: 1}\nb: {x: 2}\n") == {"a": {"x": 1}, "b": {"x": 2}}


# --------------------------------------------------------------------------------------------
# Tags


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ('x: !!python/object/apply:os.system ["echo hi"]\n', "!!python/object/apply:os.system"),
        ("x: !!binary aGVsbG8=\n", "!!binary"),
        ("x: !!set {a, b}\n", "!!set"),
        ("x: !foo bar\n", "!foo"),
        ("x: !!omap [a: 1]\n", "!!omap"),
    ],
)
def test_non_plain_tags_are_refused(text: str, tag: str) -> None:
    exc = problem(text)
    assert exc.message == f"the tag {tag!r} {PLAIN_ONLY}"
    assert (exc.line, exc.column) == (1, 4)


def test_python_tag_runs_nothing(tmp_path: Any) -> None:
    marker = tmp_path / "ran"
    with pytest.raises(YamlProblem):
        load(f'x: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert not marker.exists()


# --------------------------------------------------------------------------------------------
# Bounds


def _billion_laughs() -> str:
    text = "a: &a [" + ", ".join(['"lol"'] * 9) + "]\n"
    previous = "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    return text


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(YamlProblem) as info:
        compose(_billion_laughs())
    assert time.perf_counter() - start < 2.0
    assert MAX_NODES == 200_000
    assert info.value.message == ("expands to more than 200,000 values (through aliases?); refused")
    assert info.value.line is not None


def test_a_few_aliases_are_fine() -> None:
    assert load("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


DEEP_MESSAGE = f"nested more than {MAX_DEPTH} levels deep; a profile is far flatter than that"


def test_nesting_at_max_depth_is_fine() -> None:
    # the outer list is depth 1, so MAX_DEPTH brackets hold an empty list at depth MAX_DEPTH
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    value = load(text)
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == []


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 10_000])
def test_flow_nesting_deeper_than_max_depth(depth: int) -> None:
    with pytest.raises(YamlProblem) as info:
        compose("[" * depth + "]" * depth)
    assert info.value.message == DEEP_MESSAGE
    # the first node too deep is the (MAX_DEPTH + 1)th bracket
    assert (info.value.line, info.value.column) == (1, MAX_DEPTH + 1)


def test_block_nesting_deeper_than_max_depth() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 10)) + "  " * 60 + "end\n"
    with pytest.raises(YamlProblem) as info:
        compose(text)
    assert info.value.message == DEEP_MESSAGE
    assert info.value.line is not None


_DEEP_SCRIPT = """
import sys
from allyeval.core import plainyaml
depth = int(sys.argv[1])
try:
    plainyaml.compose("[" * depth + "]" * depth)
except plainyaml.YamlProblem as exc:
    print(exc.message)
"""


def _limit_stack() -> None:  # pragma: no cover - runs in the child process
    soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    limit = 8 * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_STACK, (limit, hard))


def test_very_deep_nesting_does_not_crash_the_interpreter() -> None:
    # 400,000 levels = 800,000 bytes, still under loader.MAX_BYTES (1,000,000)
    done = subprocess.run(
        [sys.executable, "-c", _DEEP_SCRIPT, "400000"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_stack,
    )
    assert done.returncode == 0, f"child ended with {done.returncode}"
    assert done.stdout.strip() == DEEP_MESSAGE


_PURE_DEEP_SCRIPT = """
import yaml
from pathlib import Path
del yaml.CSafeLoader
from allyeval.core import plainyaml
assert not plainyaml.HAS_LIBYAML
for depth in (51, 1_000, 10_000, 300_000):
    try:
        plainyaml.compose("[" * depth + "]" * depth)
    except plainyaml.YamlProblem as exc:
        print(exc.line, exc.column, exc.message)
"""


def test_deep_nesting_message_with_the_pure_python_parser() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PURE_DEEP_SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.stderr == ""
    assert done.stdout.splitlines() == [f"1 {MAX_DEPTH + 1} {DEEP_MESSAGE}"] * 4


class _StopsAtTenFlowLevels(plainyaml._PlainLoader):  # type: ignore[misc,valid-type]
    """Stands in for a libyaml that gives up early with its own message, as libyaml 0.2.6
    (bundled with PyYAML 6.0.4) does at 1,000 flow levels."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._levels = 0

    def get_event(self) -> Any:
        event = super().get_event()
        if isinstance(event, yaml.CollectionStartEvent):
            self._levels += 1
            if self._levels > 10:
                raise yaml.parser.ParserError(None, None, "exceeded maximum nesting depth")
        return event


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 10_000])
def test_deep_nesting_message_does_not_depend_on_the_libyaml_limit(
    depth: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plainyaml, "_PlainLoader", _StopsAtTenFlowLevels)
    monkeypatch.setattr(plainyaml, "HAS_LIBYAML", True)
    with pytest.raises(YamlProblem) as info:
        compose("[" * depth + "]" * depth)
    assert (info.value.line, info.value.column, info.value.message) == (
        1,
        MAX_DEPTH + 1,
        DEEP_MESSAGE,
    )


def test_other_errors_of_a_deep_document_keep_the_parser_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 20 levels: not too deep, so the fast parser's own message stands
    monkeypatch.setattr(plainyaml, "_PlainLoader", _StopsAtTenFlowLevels)
    monkeypatch.setattr(plainyaml, "HAS_LIBYAML", True)
    with pytest.raises(YamlProblem) as info:
        compose("[" * 20 + "]" * 20 + " " * 3000)
    assert info.value.message == "not valid YAML: exceeded maximum nesting depth"


# --------------------------------------------------------------------------------------------
# Numbers: decimal only

NOT_DECIMAL = (
    "is not a plain decimal number; write numbers like 1975, -2 or 0.5 "
    "(no 0x, 0o, 0b, '_', ':', '+' or leading zeros), and text in quotes"
)


@pytest.mark.parametrize(
    "text",
    ["32:55", "1:30:00", "0b11", "0x3", "0o7", "0_3", "1_000", "+3", "007", "-07",
     "1.", ".5", "+1.5", "1_0.5", "190:20:30.15", "0x_1"],
)  # fmt: skip
def test_numbers_other_than_plain_decimals_are_refused(text: str) -> None:
    exc = problem(f"a:\n  b: [1, {text}]\n")
    assert exc.message == f"{text!r} {NOT_DECIMAL}"
    assert (exc.line, exc.column, exc.path) == (2, 10, ["a", "b", 1])


@pytest.mark.parametrize(
    ("text", "value"),
    [("1975", 1975), ("-2", -2), ("0", 0), ("-0", 0), ("0.5", 0.5), ("-2.25", -2.25),
     ("1e3", 1000.0), ("1.5E-2", 0.015), ("1.0e+2", 100.0), (".inf", float("inf")),
     ("-.inf", float("-inf")), ("1.0.2", "1.0.2"), ("0x", "0x"), ("1:2:x", "1:2:x"),
     ("+", "+"), ("0X3", "0X3"), ("12ab", "12ab"), ("2024-01-01", dt.date(2024, 1, 1))],
)  # fmt: skip
def test_plain_decimals_are_numbers_and_other_words_are_text(text: str, value: object) -> None:
    loaded = load(f"a: {text}\n")["a"]
    assert loaded == value
    assert type(loaded) is type(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [("!!int 0x3", "'0x3' is not a valid int (write it in decimal digits)"),
     ("!!int 3.5", "'3.5' is not a valid int (invalid literal for int() with base 10: '3.5')"),
     ("!!float 1_0", "'1_0' is not a valid float (write it in decimal digits)")],
)  # fmt: skip
def test_explicit_number_tags_take_decimals_only(text: str, message: str) -> None:
    assert problem(f"a: {text}\n").message == message


def test_a_quoted_number_form_is_text() -> None:
    assert load("a: '32:55'\nb: \"0x3\"\n") == {"a": "32:55", "b": "0x3"}


# --------------------------------------------------------------------------------------------
# Invalid YAML


def test_unclosed_bracket_has_a_position() -> None:
    exc = problem("x: [1, 2\n")
    assert exc.message.startswith("not valid YAML: ")
    assert (exc.line, exc.column) == (2, 1)


def test_bad_indentation_has_a_position() -> None:
    exc = problem("a: 1\n  b: 2\nc: 3\n")
    assert exc.message.startswith("not valid YAML: ")
    assert exc.line == 2
    assert exc.column is not None


def test_two_documents_are_refused() -> None:
    exc = problem("a: 1\n---\nb: 2\n")
    assert exc.message.startswith("not valid YAML: ")
    assert exc.line == 2


def test_invalid_date_has_a_position() -> None:
    node = compose("name: x\nas_of: 2024-13-01\n")
    assert node is not None
    with pytest.raises(YamlProblem) as info:
        construct(node)
    assert info.value.message.startswith("'2024-13-01' is not a valid date (")
    assert "month" in info.value.message
    assert (info.value.line, info.value.column) == (2, 8)


# --------------------------------------------------------------------------------------------
# locate

DOC = """\
name: Alpha
ratings:
  trust:
    level: 3
    evidence: text
members:
  - A
  - B
"""


@pytest.fixture(scope="module")
def root() -> Any:
    node = compose(DOC)
    assert node is not None
    return node


def test_locate_values(root: Any) -> None:
    assert locate(root, ["name"]) == (1, 7)
    assert locate(root, ["ratings", "trust", "level"]) == (4, 12)
    assert locate(root, ["ratings", "trust", "evidence"]) == (5, 15)
    assert locate(root, ["ratings"]) == (3, 3)  # a mapping value starts at its first key


def test_locate_keys(root: Any) -> None:
    assert locate(root, ["name"], key=True) == (1, 1)
    assert locate(root, ["ratings", "trust"], key=True) == (3, 3)
    assert locate(root, ["ratings", "trust", "level"], key=True) == (4, 5)
    assert locate(root, ["members"], key=True) == (6, 1)


def test_locate_list_items(root: Any) -> None:
    assert locate(root, ["members", 0]) == (7, 5)
    assert locate(root, ["members", 1]) == (8, 5)
    # a list item has no key: key=True gives the item itself
    assert locate(root, ["members", 1], key=True) == (8, 5)


def test_locate_root(root: Any) -> None:
    assert locate(root, []) == (1, 1)


def test_locate_missing_path_gives_nearest_parent(root: Any) -> None:
    # 'confidence' is missing from ratings.trust: the trust mapping (first key line 4)
    assert locate(root, ["ratings", "trust", "confidence"]) == (4, 5)
    # with key=True: the key of the deepest step found, 'trust'
    assert locate(root, ["ratings", "trust", "confidence"], key=True) == (3, 3)
    # missing top-level field: the root mapping
    assert locate(root, ["summary"]) == (1, 1)
    # list index out of range: the list itself
    assert locate(root, ["members", 5]) == (7, 3)
    # a path through a scalar stops at the scalar
    assert locate(root, ["name", "deeper"]) == (1, 7)


def test_locate_integer_keys_match_by_text() -> None:
    node = compose("rubric:\n  0: none\n  4: full\n")
    assert node is not None
    assert locate(node, ["rubric", 4]) == (3, 6)
    assert locate(node, ["rubric", 4], key=True) == (3, 3)


def test_merge_keys_may_override_but_explicit_keys_may_not_repeat() -> None:
    merged = construct(compose("base: &b {x: 1, y: 1}\nc:\n  <<: *b\n  x: 2\n"))
    assert merged["c"] == {"x": 2, "y": 1}
    with pytest.raises(YamlProblem) as info:
        construct(compose("base: &b {x: 1}\nc:\n  <<: *b\n  y: 1\n  y: 2\n"))
    assert (info.value.line, info.value.column) == (5, 3)
    assert info.value.message == "duplicate key 'y' (first given on line 4); keep one of them"


def test_keys_equal_once_constructed_are_duplicates() -> None:
    with pytest.raises(YamlProblem) as info:
        construct(compose("1: a\n1.0: b\n"))
    assert info.value.message == "duplicate key 1.0 (first given on line 1); keep one of them"


DIRECT_CASES = [
    "a: 1\nb: [x, -2, ~, '3']\nc: {d: null, e: ''}\n",
    "n: 0\nm: -0\nbig: 123456789012345678901234567890\n",
    "f: 1.5\ng: true\nh: 2024-01-02\ni: .inf\n",
    "f: -0.0\ng: 1e3\nh: -2.5E-2\ni: 0.10\nj: !!float 7\nk: !!float '1.5'\n",
    "a: True\nb: FALSE\nc: !!bool 'true'\nd: !!bool yes\ne: !!bool 'no'\nf: tRUE\n",
    "a: 2024-02-29\nb: 1999-12-31\nc: !!timestamp '2024-01-02'\n",
    "a: 2023-02-29\n",  # no such day: the constructor's message
    "a: 2024-13-01\n",
    "a: 2024-1-2 10:00:00\nb: 2024-01-02T10:00:00Z\n",  # with a time: the constructor's
    "a: !!timestamp 2024-1-2\n",
    "a: -.inf\nb: .NaN\n",
    "s: !!str 12\nk: !!int '7'\n",
    "<<: {a: 1}\nb: 2\n",
    "a: &x [1, 2]\nb: *x\n",
    "? [1, 2]\n: x\n",
    "1: one\nnull: two\n",
    "t: !!str {a: b}\n",
    "u: !!null [1]\n",
    "a: 1\na: 2\n",
    "v: 0x1F\n",
    "w: !custom x\n",
    # Keys of the plain kinds are built directly too (a criteria file's rubric has levels).
    "0: none\n1: low\n4: full\n",
    "true: x\nfalse: y\n~: z\n2024-01-02: d\n1.5: f\n",
    "1: a\ntrue: b\n",  # equal once built: the constructor's duplicate key
    "-0: a\n0: b\n",
    "0x1F: hex\n",
    "? !!str 1\n: quoted\n1: plain\n",
]


@pytest.mark.parametrize("text", DIRECT_CASES)
def test_the_direct_construction_builds_what_the_constructor_builds(text: str) -> None:
    """``construct`` builds plain trees itself and leaves the rest to PyYAML's constructor:
    either way the data, or the error, is the constructor's."""
    node = plainyaml.compose(text)
    assert node is not None
    try:
        expected: object = plainyaml._construct(node)
    except plainyaml.YamlProblem as problem:
        expected = ("error", problem.message, problem.line, problem.column)
    try:
        found: object = plainyaml.construct(node)
    except plainyaml.YamlProblem as problem:
        found = ("error", problem.message, problem.line, problem.column)
    assert found == expected
    assert repr(found) == repr(expected)  # -0 stays 0, 1 stays an int, not a float


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-(10**20), 10**20),
            st.floats(allow_nan=False),
            st.dates(),
            st.text(max_size=5),
        ),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.one_of(
                    st.text(max_size=4),
                    st.integers(-100, 100),
                    st.booleans(),
                    st.none(),
                    st.dates(),
                ),
                inner,
                max_size=3,
            )
        ),
        max_leaves=12,
    )
)
def test_direct_construction_matches_on_drawn_documents(value: object) -> None:
    text = yaml.safe_dump({"root": value}, allow_unicode=True, sort_keys=False)
    node = plainyaml.compose(text)
    assert node is not None
    found = plainyaml.construct(node)
    assert found == plainyaml._construct(node)
    assert repr(found) == repr(plainyaml._construct(node))


RESOLVE_CASES = ["", "~", "null", "n/a", "NO", "true", "False", "0", "-2", "1.5", "1e3", ".inf",
                 ".nan", "0x1F", "32:55", "+3", "007", ".5", "2024-01-02", "2024-1-2 10:00:00",
                 "<<", "=", "medium", "Some evidence, 1999."]  # fmt: skip


@pytest.mark.parametrize("value", RESOLVE_CASES)
@pytest.mark.parametrize("implicit", [(True, False), (False, True), (False, False)])
def test_the_loaders_resolve_gives_pyyamls_tags(value: str, implicit: tuple[bool, bool]) -> None:
    loader = plainyaml._PlainLoader("")
    try:
        for kind in (ScalarNode, SequenceNode, MappingNode):
            expected = yaml.resolver.BaseResolver.resolve(loader, kind, value, implicit)
            assert loader.resolve(kind, value, implicit) == expected
    finally:
        loader.dispose()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789-+.:_eExXoObBntruefalsNTFy~<= ", max_size=8) | st.text())
def test_resolve_matches_pyyaml_on_drawn_values(value: str) -> None:
    loader = plainyaml._PlainLoader("")
    try:
        expected = yaml.resolver.BaseResolver.resolve(loader, ScalarNode, value, (True, False))
        assert loader.resolve(ScalarNode, value, (True, False)) == expected
    finally:
        loader.dispose()


def test_the_loader_has_no_path_resolvers() -> None:
    """The loader skips PyYAML's path-resolver bookkeeping: right only while it has none."""
    assert plainyaml._PlainLoader.yaml_path_resolvers == {}


def test_a_criteria_file_is_built_without_the_constructor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped criteria (rubrics keyed by level) take the direct way: PyYAML's constructor
    took two thirds of allyeval's time to read them."""
    node = plainyaml.compose(
        (Path(__file__).resolve().parent.parent / "src/allyeval/criteria/default.yaml").read_text(
            encoding="utf-8"
        )
    )
    assert node is not None
    expected = plainyaml._construct(node)

    def refuse(node: object) -> None:
        raise AssertionError("sent to the constructor")

    monkeypatch.setattr(plainyaml, "_construct", refuse)
    assert plainyaml.construct(node) == expected
