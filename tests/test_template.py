"""cli/template.py: no text from a criteria file or the command line can add a key to the
profile ``allyeval init`` writes, whichever YAML parser reads it back."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from allyeval.cli.app import app
from allyeval.cli.template import InitOptions, profile_template
from allyeval.core.errors import ProfileError
from allyeval.core.loader import load_criteria, profile_from_text
from allyeval.core.models import CriteriaSet

PARSERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]
PROFILE_KEYS = [
    "id", "name", "kind", "members", "member_codes", "established", "formal_basis", "region",
    "as_of", "summary", "ratings",
]  # fmt: skip
PENDING = {"level": None, "confidence": None, "evidence": "", "sources": []}
runner = CliRunner()


def hostile_criteria(criteria_set: CriteriaSet, text: str) -> CriteriaSet:
    """*criteria_set* with *text* in every free text that the template shows, built without
    validation: the template must be safe on its own, not only behind the loader."""
    criteria = []
    for criterion in criteria_set.criteria:
        indicators = [
            indicator.model_copy(
                update={
                    "name": text,
                    "question": text,
                    "rubric": dict.fromkeys(indicator.rubric, text),
                }
            )
            for indicator in criterion.indicators
        ]
        criteria.append(criterion.model_copy(update={"name": text, "indicators": indicators}))
    return criteria_set.model_copy(update={"version": text, "criteria": criteria})


def read_back(text: str, loader: Any) -> dict[str, Any]:
    data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, from PARSERS
    assert isinstance(data, dict)
    return data


INJECTIONS = [
    "rubric\u2028id: injected",
    "rubric\u2029level: 4",
    "rubric\x85level: 4",
    "rubric\rlevel: 4",
    "rubric\nlevel: 4\n  trust:\n    level: 4",
    "1.0\njoint_exercises: {level: 4}",
    "x\x1b[2J\x07 # \t\x0b\x0c\ufeff\u202e",
]


@pytest.mark.parametrize("text", INJECTIONS)
@pytest.mark.parametrize("loader", PARSERS)
def test_criteria_text_cannot_add_a_key_to_the_template(
    criteria_set: CriteriaSet, text: str, loader: Any
) -> None:
    template = profile_template(hostile_criteria(criteria_set, text), InitOptions())
    data = read_back(template, loader)
    assert list(data) == PROFILE_KEYS
    assert data["ratings"] == dict.fromkeys(criteria_set.indicators, PENDING)
    clean = profile_template(criteria_set, InitOptions())
    assert data_lines(template) == data_lines(clean)


def data_lines(template: str) -> list[str]:
    """The data of each line (comments cut off), split where any YAML parser ends a line."""
    for other_break in "\r\x85\u2028\u2029":
        template = template.replace(other_break, "\n")
    lines = (line.split(" #")[0].strip() for line in template.split("\n"))
    return [line for line in lines if line and not line.startswith("#")]


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=40))
def test_no_text_in_the_criteria_changes_the_templates_keys(text: str) -> None:
    criteria_set = load_criteria()
    template = profile_template(hostile_criteria(criteria_set, text), InitOptions())
    for loader in PARSERS:
        data = read_back(template, loader)
        assert list(data) == PROFILE_KEYS
        assert data["ratings"] == dict.fromkeys(criteria_set.indicators, PENDING)


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(st.characters(blacklist_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1),
    member=st.text(st.characters(blacklist_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1),
)
def test_a_name_and_members_read_back_exactly(name: str, member: str) -> None:
    options = InitOptions(name=name, members=[member])
    template = profile_template(load_criteria(), options)
    for loader in PARSERS:
        data = read_back(template, loader)
        assert (data["name"], data["members"]) == (name, [member])


def test_unicode_names_stay_readable_in_the_template(criteria_set: CriteriaSet) -> None:
    options = InitOptions(name='Déjà "vu" \\ pact', members=["Ïx"])
    lines = profile_template(criteria_set, options).splitlines()
    assert 'name: "Déjà \\"vu\\" \\\\ pact"' in lines
    assert any(line.startswith('members: ["Ïx"]') for line in lines)


def test_a_version_with_a_line_break_stays_in_its_comment(criteria_set: CriteriaSet) -> None:
    hostile = criteria_set.model_copy(update={"version": "1.0\njoint_exercises: {level: 4}"})
    template = profile_template(hostile, InitOptions())
    assert (
        "ratings:  # criteria allyeval-default 1.0 joint_exercises: {level: 4}"
        in template.splitlines()
    )


def test_a_line_separator_in_a_rubric_is_a_space_in_the_comment(
    criteria_set: CriteriaSet,
) -> None:
    template = profile_template(
        hostile_criteria(criteria_set, "rubric\u2028id: injected"), InitOptions()
    )
    assert "  # 0 - rubric id: injected" in template.splitlines()
    assert "\u2028" not in template


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--name", "Pact\u2028x"], "--name contains the line separator U+2028 at character 5"),
        (["--name", "a\nb"], "--name contains a line break U+000A at character 2"),
        (["--member", "US", "--member", "N\x1bO"],
         "--member contains the control character U+001B at character 2"),
    ],
)  # fmt: skip
def test_init_refuses_control_characters_on_the_command_line(
    args: list[str], expected: str
) -> None:
    result = runner.invoke(app, ["init", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"allyeval: error: {expected}; use printable text\n"


def test_a_tabbed_name_in_the_template_is_valid_text(criteria_set: CriteriaSet) -> None:
    options = InitOptions(name="Tab\tpact", members=["US"])
    with pytest.raises(ProfileError) as info:  # the facts are left for the analyst
        profile_from_text(profile_template(criteria_set, options), "p.yaml", criteria_set)
    assert {p.field for p in info.value.problems} == {
        "established", "formal_basis", "region", "as_of", "summary"
    }  # fmt: skip
    assert read_back(profile_template(criteria_set, options), yaml.SafeLoader)["name"] == (
        "Tab\tpact"
    )
