"""core/text.py: text from an input file is printable text, line breaks only where a field holds
prose; every way YAML lets a control character in is refused with a located error."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from allyeval.cli.app import app
from allyeval.core import plainyaml
from allyeval.core.errors import CriteriaError, ProfileError
from allyeval.core.loader import criteria_from_text, profile_from_text
from allyeval.core.models import CriteriaSet
from allyeval.core.text import first_forbidden, problem_with
from conftest import EXAMPLES, MINIMAL_PROFILE

P = MINIMAL_PROFILE
SUMMARY = "summary: A small profile for tests."
CRITERIA = (Path(__file__).parent.parent / "criteria" / "default.yaml").read_text(encoding="utf-8")
PRINTABLE = "only printable text is allowed"
runner = CliRunner()

# (name, profile text, expected stderr with {f} for the file name)
PROFILE_CASES = [
    ("escape-in-name", P.replace("name: Test Pact", 'name: "Test\\e[2J Pact"'),
     "{f}:2:7: error: name: contains the control character U+001B at character 5; " + PRINTABLE),
    ("csi-in-region", P.replace("region: North Atlantic", 'region: "North \\x9b31m"'),
     "{f}:7:9: error: region: contains the C1 control character U+009B at character 7; "
     + PRINTABLE),
    ("nel-in-member", P.replace('[US, "NO"]', '[US, "N\\NO"]'),
     "{f}:4:15: error: members[1]: contains the next-line character (NEL) U+0085 at character 2; "
     + PRINTABLE),
    ("line-separator-in-summary", P.replace(SUMMARY, 'summary: "A\\u2028small"'),
     "{f}:9:10: error: summary: contains the line separator U+2028 at character 2; "
     + PRINTABLE),
    ("paragraph-separator-in-evidence",
     P.replace("evidence: Some friction.", 'evidence: "Some\\u2029friction."'),
     "{f}:19:15: error: ratings.trust.evidence: contains the paragraph separator U+2029 at "
     "character 5; " + PRINTABLE),
    ("bidi-override-in-source", P.replace("[Exercise fact sheet]", '["fact \\u202Eteehs"]'),
     "{f}:15:15: error: ratings.joint_exercises.sources[0]: contains the bidirectional control "
     "character U+202E at character 6; " + PRINTABLE),
    ("bidi-isolate-in-name", P.replace("name: Test Pact", 'name: "Test \\u2066Pact"'),
     "{f}:2:7: error: name: contains the bidirectional control character U+2066 at character 6; "
     + PRINTABLE),
    ("del-in-evidence", P.replace("evidence: Some friction.", 'evidence: "Some\\x7f"'),
     "{f}:19:15: error: ratings.trust.evidence: contains the control character U+007F at "
     "character 5; " + PRINTABLE),
    ("carriage-return-in-summary", P.replace(SUMMARY, 'summary: "A\\rsmall"'),
     "{f}:9:10: error: summary: contains the control character U+000D at character 2; "
     + PRINTABLE),
    ("newline-in-region", P.replace("region: North Atlantic", 'region: "North\\n# Atlantic"'),
     "{f}:7:9: error: region: must be a single line; found a line break U+000A at character 6"),
    ("literal-block-in-name", P.replace("name: Test Pact", "name: |\n  Test\n  Pact"),
     "{f}:2:7: error: name: must be a single line; found a line break U+000A at character 5"),
    ("escape-in-metadata", P + 'metadata:\n  note: "\\e]52;c;cHduZWQ=\\a"\n',
     "{f}:25:9: error: metadata.note: contains the control character U+001B at character 1; "
     + PRINTABLE),
    ("escape-in-metadata-key", P + 'metadata:\n  "n\\eote": x\n',
     "{f}:25:3: error: metadata.n\\x1bote: contains the control character U+001B at character 2; "
     + PRINTABLE),
    ("escape-in-pending-evidence", P + "  readiness:\n    level:\n    evidence: \"x\\e\"\n",
     "{f}:26:15: error: ratings.readiness.evidence: contains the control character U+001B at "
     "character 2; " + PRINTABLE),
]  # fmt: skip


def folded(text: str, key: str, start: str, replacement: str) -> str:
    """*text* with the first folded ``key: >-`` block whose text begins with *start* (two or
    three lines) replaced by the line *replacement*."""
    block = re.compile(rf"{key}: >-\n( +){start}[^\n]*\n(?:\1[^\n]*\n)*")
    return block.sub(lambda _: replacement + "\n", text, count=1)


# (name, criteria text, expected stderr with {f} for the file name)
CRITERIA_CASES = [
    ("newline-in-version", CRITERIA.replace('version: "2.0"', 'version: "2.0\\n2,=1+1"'),
     "{f}:11:10: error: version: must be a single line; found a line break U+000A at character "
     "4"),
    ("escape-in-rubric", CRITERIA.replace(
        "0: No combined exercises", '0: "\\e]8;;https://x.test\\e\\\\No"\n          #', 1),
     "{f}:94:14: error: criteria[0].indicators[0].rubric[0]: contains the control character "
     "U+001B at character 1; " + PRINTABLE),
    ("line-separator-in-question",
     folded(CRITERIA, "question", "How frequent", 'question: "How\\u2028frequent?"'),
     "{f}:90:19: error: criteria[0].indicators[0].question: contains the line separator U+2028 "
     "at character 4; " + PRINTABLE),
    ("newline-in-criterion-name", CRITERIA.replace(
        "name: Operational success", 'name: "Operational\\nsuccess"', 1),
     "{f}:78:11: error: criteria[0].name: must be a single line; found a line break U+000A at "
     "character 12"),
    ("escape-in-cap-reason",
     folded(CRITERIA, "reason", "Serious divergence", 'reason: "\\x9b2J"'),
     "{f}:33:13: error: caps[0].reason: contains the C1 control character U+009B at character 1; "
     + PRINTABLE),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "expected"), PROFILE_CASES, ids=[c[0] for c in PROFILE_CASES]
)
def test_control_characters_in_a_profile(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["score", str(path), "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr == expected.format(f=path) + "\n"
    assert result.stdout == "[]\n"


@pytest.mark.parametrize(
    ("name", "content", "expected"), CRITERIA_CASES, ids=[c[0] for c in CRITERIA_CASES]
)
def test_control_characters_in_criteria(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["score", str(EXAMPLES / "nato.yaml"), "--criteria", str(path)])
    assert result.exit_code == 2
    assert result.stderr == expected.format(f=path) + "\n"


def test_a_file_name_with_a_control_character_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "csto\x1b]0;owned\x07.yaml"
    path.write_text(P, encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    shown = str(tmp_path) + "/csto\\x1b]0;owned\\x07.yaml"
    index = len(str(tmp_path)) + 6
    assert result.stderr == (
        f"{shown}: error: the file name contains the control character U+001B at character "
        f"{index}; rename the file\n"
    )


def test_a_file_name_with_a_line_break_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a\nb.yaml"
    path.write_text(P, encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{tmp_path}/a\\nb.yaml: error: the file name contains a line break U+000A at character "
        f"{len(str(tmp_path)) + 3}; rename the file\n"
    )


def test_tabs_and_prose_line_breaks_are_text(criteria_set: CriteriaSet) -> None:
    text = (
        P.replace("name: Test Pact", 'name: "Test\\tPact"')
        .replace("summary: A small profile for tests.", "summary: |\n  Two\n  lines.")
        .replace("region: North Atlantic", "region: >\n  North\n  Atlantic\n")
    )
    profile = profile_from_text(text, "p.yaml", criteria_set)
    assert profile.name == "Test\tPact"
    assert profile.summary == "Two\nlines."
    assert profile.region == "North Atlantic"  # folded: one line


def test_the_pure_python_parser_lets_a_lone_surrogate_in_and_the_loader_refuses_it(
    criteria_set: CriteriaSet,
) -> None:
    text = P.replace("name: Test Pact", 'name: "Test \\ud800"')
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert node is not None  # no error from the parser itself
    with pytest.raises(ProfileError) as info:
        profile_from_text(text, "p.yaml", criteria_set)
    # libyaml stops at the escape; without it, the loader's own rule does
    assert [str(p) for p in info.value.problems] in (
        [
            "p.yaml:2:7: error: name: contains half of a surrogate pair (not a character) U+D800 "
            "at character 6; " + PRINTABLE
        ],
        [
            "p.yaml:2:15: error: not valid YAML: found invalid Unicode character escape code "
            "(while parsing a quoted scalar)"
        ],
    )
    assert problem_with("Test \ud800", prose=True) == (
        "contains half of a surrogate pair (not a character) U+D800 at character 6; " + PRINTABLE
    )


# --------------------------------------------------------------------------------------------
# Properties: every string field, every forbidden character


FORBIDDEN = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x1F).filter(lambda c: c not in "\t\n"),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
    st.sampled_from("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
)
ALLOWED = (
    st.text(
        st.characters(blacklist_categories=["Cc", "Cs", "Zl", "Zp"]).filter(
            lambda c: first_forbidden(c, prose=False) is None
        )
        | st.just("\t"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
PROSE_FIELDS = {"summary", "evidence", "description", "question", "recommendation"}


def _profile_data() -> dict[str, Any]:
    data = yaml.safe_load(P)
    data["metadata"] = {"note": "a note", "count": 3}
    data["ratings"]["readiness"] = {"level": None, "evidence": "not yet", "sources": ["s"]}
    return data


def _criteria_data() -> dict[str, Any]:
    return yaml.safe_load(CRITERIA)


def _string_fields(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """The path of every free-text string in *data* (not ids, not choices from a list)."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _string_fields(value, (*path, key))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _string_fields(value, (*path, i))]
    fixed = ("id", "kind", "formal_basis", "confidence", "direction", "indicator", "band")
    lists_of_ids = ("bands", "gated", "kinds")
    if isinstance(data, str) and path[-1] not in fixed and not set(lists_of_ids) & set(path):
        return [path]
    return []


PROFILE_FIELDS = _string_fields(_profile_data())
CRITERIA_FIELDS = [p for p in _string_fields(_criteria_data()) if p != ("name",)]  # an id


def _set(data: Any, path: tuple[str | int, ...], value: str) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _field(path: tuple[str | int, ...]) -> str:
    return "".join(
        f"[{step}]" if isinstance(step, int) else f".{step}" if i else step
        for i, step in enumerate(path)
    )


def _is_prose(path: tuple[str | int, ...]) -> bool:
    return path[-1] in PROSE_FIELDS or "rubric" in path


def _refused(
    load: Any, data: dict[str, Any], path: tuple[str | int, ...], text: str, error: type
) -> list[str]:
    _set(data, path, text)
    document = yaml.safe_dump(data, allow_unicode=False, width=1_000_000)
    with pytest.raises(error) as info:
        load(document)
    root = plainyaml.compose(document)
    assert root is not None
    line, column = plainyaml.locate(root, list(path))
    field = _field(path)
    return [str(p) for p in info.value.problems if p.line == line and p.column == column] + [
        f"{line}:{column} {field}"
    ]


@settings(max_examples=60, deadline=None)
@given(
    field=st.sampled_from(PROFILE_FIELDS),
    before=ALLOWED,
    bad=FORBIDDEN | st.just("\n"),
    after=ALLOWED,
)
def test_any_forbidden_character_in_any_profile_string_is_refused_where_it_is(
    criteria_set: CriteriaSet, field: tuple[str | int, ...], before: str, bad: str, after: str
) -> None:
    if bad == "\n" and _is_prose(field):
        bad = "\x1b"
    found = _refused(
        lambda text: profile_from_text(text, "p.yaml", criteria_set),
        _profile_data(),
        field,
        before + bad + after,
        ProfileError,
    )
    where, name = found[-1].split(" ")
    expected = problem_with(before + bad + after, prose=_is_prose(field))
    assert f"p.yaml:{where}: error: {name}: {expected}" in found[:-1]


@settings(max_examples=40, deadline=None)
@given(field=st.sampled_from(CRITERIA_FIELDS), before=ALLOWED, bad=FORBIDDEN, after=ALLOWED)
def test_any_forbidden_character_in_any_criteria_string_is_refused_where_it_is(
    field: tuple[str | int, ...], before: str, bad: str, after: str
) -> None:
    found = _refused(
        lambda text: criteria_from_text(text, "c.yaml"),
        _criteria_data(),
        field,
        before + bad + after,
        CriteriaError,
    )
    where, name = found[-1].split(" ")
    expected = problem_with(before + bad + after, prose=True)
    assert f"c.yaml:{where}: error: {name}: {expected}" in found[:-1]


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from([f for f in PROFILE_FIELDS if f[0] != "members"]), text=ALLOWED)
def test_any_allowed_text_round_trips_in_any_free_text_profile_string(
    criteria_set: CriteriaSet, field: tuple[str | int, ...], text: str
) -> None:
    data = _profile_data()
    _set(data, field, text)
    for allow_unicode in (False, True):
        document = yaml.safe_dump(data, allow_unicode=allow_unicode, width=1_000_000)
        loaded = profile_from_text(document, "p.yaml", criteria_set).model_dump(warnings=False)
        for step in field:
            loaded = loaded[step]
        assert loaded == text


def test_no_refused_character_is_printable() -> None:
    """``problem_with`` passes a printable text without looking further: that is right only
    if no character the rules refuse is printable, checked here for every code point."""
    refused = [
        chr(code)
        for code in range(0x110000)
        if first_forbidden(chr(code), prose=True) is not None
        or first_forbidden(chr(code), prose=False) is not None
    ]
    # C0 but tab (line feed among them), DEL and C1, U+2028-9, bidi controls, surrogates
    assert len(refused) == 31 + 33 + 2 + 5 + 4 + 2048
    assert not any(char.isprintable() for char in refused)
    assert problem_with("printable text, even with\u00a0odd spaces", prose=False) is None
