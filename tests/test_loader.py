"""Loading profiles and criteria: every error names the file, line, column and field."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from allyeval.core.builtin import BUILTIN_MODELS
from allyeval.core.errors import CriteriaError, ProfileError
from allyeval.core.loader import (
    builtin_criteria,
    load_criteria,
    load_profile,
    profile_from_text,
    read_text,
)
from allyeval.core.models import CriteriaSet
from conftest import MINIMAL_PROFILE

Write = Callable[[str, str], Path]


def messages(
    exc: pytest.ExceptionInfo[ProfileError] | pytest.ExceptionInfo[CriteriaError],
) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_minimal_profile_loads(criteria_set: CriteriaSet) -> None:
    profile = profile_from_text(MINIMAL_PROFILE, "p.yaml", criteria_set)
    assert profile.id == "test-pact"
    assert profile.members == ["US", "NO"]
    assert profile.ratings["joint_exercises"].level == 4
    assert profile.ratings["joint_exercises"].sources == ["Exercise fact sheet"]
    assert profile.ratings["trust"].sources == []


def test_norway_survives_unquoted(criteria_set: CriteriaSet) -> None:
    text = MINIMAL_PROFILE.replace('[US, "NO"]', "[US, NO, DK, IS]")
    profile = profile_from_text(text, "p.yaml", criteria_set)
    assert profile.members == ["US", "NO", "DK", "IS"]


def test_yes_on_off_are_strings_where_strings_are_meant(criteria_set: CriteriaSet) -> None:
    text = MINIMAL_PROFILE.replace("region: North Atlantic", "region: on")
    assert profile_from_text(text, "p.yaml", criteria_set).region == "on"


def test_unknown_indicator_suggests_nearest(criteria_set: CriteriaSet) -> None:
    text = MINIMAL_PROFILE.replace("  trust:", "  trusts:")
    with pytest.raises(ProfileError) as exc:
        profile_from_text(text, "p.yaml", criteria_set)
    assert messages(exc) == [
        "p.yaml:16:3: error: ratings.trusts: unknown indicator 'trusts' (did you mean 'trust'?)"
    ]


def test_unknown_indicator_without_close_match(criteria_set: CriteriaSet) -> None:
    text = MINIMAL_PROFILE.replace("  trust:", "  zzz:")
    with pytest.raises(ProfileError) as exc:
        profile_from_text(text, "p.yaml", criteria_set)
    assert messages(exc) == ["p.yaml:16:3: error: ratings.zzz: unknown indicator 'zzz'"]


def test_all_errors_reported_at_once_in_line_order(criteria_set: CriteriaSet) -> None:
    text = (
        MINIMAL_PROFILE.replace("kind: bilateral", "kind: bilaterl")
        .replace("level: 4", "level: 5")
        .replace("confidence: medium", "confidence: sure")
        .replace("summary:", "sumary:")
        .replace("level: 1", "level: 1.5")
    )
    with pytest.raises(ProfileError) as exc:
        profile_from_text(text, "p.yaml", criteria_set)
    assert messages(exc) == [
        "p.yaml:1:1: error: summary: missing required field 'summary'",
        "p.yaml:3:7: error: kind: input should be 'bilateral', 'multilateral', "
        "'defense_cooperation_agreement' or 'strategic_dialogue', got 'bilaterl'",
        "p.yaml:9:1: error: sumary: unknown field 'sumary' (did you mean 'summary'?)",
        "p.yaml:12:12: error: ratings.joint_exercises.level: "
        "level must be a whole number from 0 to 4, got 5",
        "p.yaml:18:17: error: ratings.trust.confidence: "
        "input should be 'low', 'medium' or 'high', got 'sure'",
        "p.yaml:21:12: error: ratings.strategic_divergence.level: "
        "level must be a whole number from 0 to 4, got 1.5",
    ]


@pytest.mark.parametrize(
    ("level", "shown"),
    [
        ("-1", "-1"),
        ("true", "true"),
        ('"3"', "'3'"),
        (".nan", "nan"),
        (".inf", "inf"),
    ],
)
def test_level_must_be_whole_number_in_range(
    criteria_set: CriteriaSet, level: str, shown: str
) -> None:
    text = MINIMAL_PROFILE.replace("level: 4", f"level: {level}")
    with pytest.raises(ProfileError) as exc:
        profile_from_text(text, "p.yaml", criteria_set)
    assert messages(exc)[0].endswith(
        f"ratings.joint_exercises.level: level must be a whole number from 0 to 4, got {shown}"
    )


def test_empty_level_means_not_yet_rated(criteria_set: CriteriaSet) -> None:
    text = MINIMAL_PROFILE.replace("level: 2\n", "level:\n")
    profile = profile_from_text(text, "p.yaml", criteria_set)
    assert profile.ratings["trust"].level is None
    assert set(profile.rated) == {"joint_exercises", "strategic_divergence"}


def test_pending_rating_still_checks_its_fields(criteria_set: CriteriaSet) -> None:
    text = MINIMAL_PROFILE.replace("level: 2\n", "level:\n").replace(
        "confidence: medium", "confidence: sure"
    )
    with pytest.raises(ProfileError) as exc:
        profile_from_text(text, "p.yaml", criteria_set)
    assert messages(exc) == [
        "p.yaml:18:17: error: ratings.trust.confidence: "
        "input should be 'low', 'medium' or 'high', got 'sure'"
    ]


def test_level_left_out_is_an_error(criteria_set: CriteriaSet) -> None:
    text = MINIMAL_PROFILE.replace("    level: 2\n", "")
    with pytest.raises(ProfileError) as exc:
        profile_from_text(text, "p.yaml", criteria_set)
    assert messages(exc) == [
        "p.yaml:17:5: error: ratings.trust.level: missing required field 'level'"
    ]


def test_unknown_rating_field_suggests_nearest(criteria_set: CriteriaSet) -> None:
    text = MINIMAL_PROFILE.replace("evidence: Some friction.", "evidence: x\n    sorces: [a]")
    with pytest.raises(ProfileError) as exc:
        profile_from_text(text, "p.yaml", criteria_set)
    assert messages(exc) == [
        "p.yaml:20:5: error: ratings.trust.sorces: unknown field 'sorces' (did you mean 'sources'?)"
    ]


def test_empty_evidence_and_bad_id(criteria_set: CriteriaSet) -> None:
    text = MINIMAL_PROFILE.replace("id: test-pact", "id: Test Pact").replace(
        "evidence: Some friction.", 'evidence: "  "'
    )
    with pytest.raises(ProfileError) as exc:
        profile_from_text(text, "p.yaml", criteria_set)
    assert messages(exc) == [
        "p.yaml:1:5: error: id: use only lowercase letters, digits, '-' and '_', "
        "starting with a letter or digit, got 'Test Pact'",
        "p.yaml:19:15: error: ratings.trust.evidence: must not be empty, got '  '",
    ]


def test_duplicate_members_and_dates(criteria_set: CriteriaSet) -> None:
    text = MINIMAL_PROFILE.replace('[US, "NO"]', "[US, US]").replace(
        "established: 1950", "established: 1950\nended: 1940"
    )
    with pytest.raises(ProfileError) as exc:
        profile_from_text(text, "p.yaml", criteria_set)
    assert messages(exc) == ["p.yaml:1:1: error: members listed twice: US"]


def test_duplicate_rating_is_an_error(criteria_set: CriteriaSet) -> None:
    text = MINIMAL_PROFILE + "  trust:\n    level: 4\n    confidence: high\n    evidence: x\n"
    with pytest.raises(ProfileError) as exc:
        profile_from_text(text, "p.yaml", criteria_set)
    assert messages(exc) == [
        "p.yaml:24:3: error: duplicate key 'trust' (first given on line 16); keep one of them"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "p.yaml: error: is empty"),
        ("# only a comment\n\n", "p.yaml: error: holds only comments, no YAML content"),
        (
            "- a\n- b\n",
            "p.yaml:1:1: error: the top level must be a mapping of profile fields "
            "(key: value), not a list",
        ),
        (
            "just text\n",
            "p.yaml:1:1: error: the top level must be a mapping of profile fields "
            "(key: value), not a single value (str)",
        ),
        (
            "id: [x\n",
            "p.yaml:2:1: error: not valid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence)",
        ),
    ],
)
def test_documents_that_are_not_profiles(
    criteria_set: CriteriaSet, text: str, message: str
) -> None:
    with pytest.raises(ProfileError) as exc:
        profile_from_text(text, "p.yaml", criteria_set)
    assert messages(exc) == [message]


def test_missing_file_and_directory(tmp_path: Path, criteria_set: CriteriaSet) -> None:
    with pytest.raises(ProfileError) as exc:
        load_profile(str(tmp_path / "absent.yaml"), criteria_set)
    assert messages(exc) == [f"{tmp_path / 'absent.yaml'}: error: no such file"]
    with pytest.raises(ProfileError) as exc:
        load_profile(str(tmp_path), criteria_set)
    assert messages(exc) == [f"{tmp_path}: error: is a directory, not a YAML file"]


def test_encodings(tmp_path: Path) -> None:
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfid: x\n")
    assert read_text(str(bom)) == "id: x\n"
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: Déjà\n".encode("latin-1"))
    with pytest.raises(ProfileError) as exc:
        read_text(str(latin))
    assert messages(exc) == [
        f"{latin}: error: is not UTF-8 text (invalid byte at offset 7); save it as UTF-8"
    ]
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"id: x\n\x00\x01")
    with pytest.raises(ProfileError) as exc:
        read_text(str(binary))
    assert messages(exc) == [
        f"{binary}: error: contains NUL bytes: this is a binary file, not YAML text"
    ]


def test_oversized_file_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * 200 + "\n", encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        read_text(str(big), max_bytes=100)
    assert messages(exc) == [f"{big}: error: is larger than 100 bytes; refused before parsing"]


def test_default_criteria_shape(criteria_set: CriteriaSet) -> None:
    assert [c.id for c in criteria_set.criteria] == [
        "operational_success",
        "objective_alignment",
        "adaptability",
        "interoperability",
        "diplomatic_outcomes",
        "challenge_exposure",
    ]
    assert [c.direction for c in criteria_set.criteria] == ["benefit"] * 5 + ["risk"]
    for criterion in criteria_set.criteria:
        assert 3 <= len(criterion.indicators) <= 7
        for indicator in criterion.indicators:
            assert sorted(indicator.rubric) == [0, 1, 2, 3, 4]
            assert indicator.question.endswith("?")
            assert indicator.source.file in {d.file for d in criteria_set.documents}


SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the shared source documents are not here")
@pytest.mark.parametrize("model", sorted(BUILTIN_MODELS))
def test_every_source_section_is_a_heading_of_its_document(model: str) -> None:
    criteria_set = builtin_criteria(model)
    headings = {
        path.name: set(path.read_text(encoding="utf-8").splitlines())
        for path in SOURCES.glob("*.txt")
    }
    assert {d.file for d in criteria_set.documents} <= set(headings)
    for criterion in criteria_set.criteria:
        for item in [criterion, *criterion.indicators]:
            assert item.source.section in headings[item.source.file], item.id


def section_text(document: str, heading: str) -> str:
    """The text under *heading* up to the next heading (a short line not ending a sentence)."""
    lines = document.splitlines()
    body = []
    for line in lines[lines.index(heading) + 1 :]:
        text = line.strip()
        is_heading = (
            text
            and len(text) < 90
            and not text.endswith((".", ":"))
            and not text.startswith(("-", "See also"))
            and not text[0].isdigit()
        )
        if is_heading:
            break
        body.append(line)
    return "\n".join(body)


def test_section_text_stops_at_the_next_heading() -> None:
    document = "Intro\nA sentence.\n- a point\nNext heading\nMore text."
    assert section_text(document, "Intro") == "A sentence.\n- a point"


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the shared source documents are not here")
def test_every_indicator_section_contains_one_of_its_key_terms(criteria_set: CriteriaSet) -> None:
    documents = {path.name: path.read_text(encoding="utf-8") for path in SOURCES.glob("*.txt")}
    for _, indicator in criteria_set.indicators.values():
        text = section_text(documents[indicator.source.file], indicator.source.section).lower()
        assert indicator.key_terms, indicator.id
        found = [term for term in indicator.key_terms if term.lower() in text]
        assert found, f"{indicator.id}: none of {indicator.key_terms} in its section"


CRITERIA = (Path(__file__).parent.parent / "criteria" / "default.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "          2: >-\n            Recurring exercises",
            "          9: >-\n            Recurring exercises",
            "rubric[9]: input should be less than or equal to 4, got 9",
        ),
        ("    weight: 20\n", "    weight: -20\n", "input should be greater than 0, got -20"),
        ("    weight: 20\n", "    weight: .nan\n", "input should be a finite number, got nan"),
        (
            "    direction: risk",
            "    direction: bad",
            "input should be 'benefit' or 'risk', got 'bad'",
        ),
        (
            "  - id: trust\n",
            "  - id: readiness\n",
            "id 'readiness' is used twice (first on line 148); ids must be unique",
        ),
        (
            "{name: fragile, min: 0}",
            "{name: fragile, min: 10}",
            "the last band must have 'min: 0' so that every score has a band",
        ),
    ],
)
def test_criteria_errors(write: Write, old: str, new: str, message: str) -> None:
    assert old in CRITERIA, old
    path = write("criteria.yaml", CRITERIA.replace(old, new, 1))
    with pytest.raises(CriteriaError) as exc:
        load_criteria(str(path))
    assert any(m.endswith(message) for m in messages(exc)), messages(exc)


def test_criteria_rubric_that_skips_a_level(write: Write) -> None:
    text, count = re.subn(
        r"          2: >-\n            Recurring exercises.*?\n(?=          3:)",
        "",
        CRITERIA,
        count=1,
        flags=re.S,
    )
    assert count == 1
    with pytest.raises(CriteriaError) as exc:
        load_criteria(str(write("criteria.yaml", text)))
    assert [m.split(": error: ")[1] for m in messages(exc)] == [
        "criteria[0].indicators[0]: rubric of 'joint_exercises' must describe every level 0-4; "
        "missing 2"
    ]


def test_criteria_file_can_change_weights(write: Write) -> None:
    path = write("criteria.yaml", CRITERIA.replace("    weight: 20\n", "    weight: 40\n", 1))
    custom = load_criteria(str(path))
    assert custom.criteria[0].weight == 40
