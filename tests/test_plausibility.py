"""Plausibility and anachronism checks, dated sources, member codes, warnings and --strict,
the comparability note and the bibliography: each rule with its exact message."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from allyeval.cli.app import app
from allyeval.core import members, plausibility
from allyeval.core.sources import Source, first_day, last_day
from conftest import MINIMAL_PROFILE

Write = Callable[[str, str], Path]
runner = CliRunner()

SOURCE = """\
    sources:
      - title: Talisman Sabre 2023 fact sheet
        date: {date}
        publisher: Australian Department of Defence
        url: https://www.defence.gov.au/exercises/talisman-sabre-2023
"""
DATED = MINIMAL_PROFILE.replace("    sources: [Exercise fact sheet]\n", SOURCE)


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


def _one_error(write: Write, text: str, *extra: str) -> str:
    path = write("p.yaml", text)
    result = invoke("score", str(path), *extra)
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    return line.removeprefix(f"{path}:")


# --------------------------------------------------------------------------------------------
# Dates


def test_established_after_as_of_is_an_error(write: Write) -> None:
    text = MINIMAL_PROFILE.replace("established: 1950", "established: 2031").replace(
        "as_of: 2024-01-01", "as_of: 2025-01-01"
    )
    assert _one_error(write, text) == (
        "5:14: error: established: established (2031) is after as_of (2025-01-01): "
        "a partnership cannot be assessed before it began"
    )


def test_ended_before_established_is_an_error(write: Write) -> None:
    text = MINIMAL_PROFILE.replace("established: 1950", "established: 1950\nended: 1940")
    assert _one_error(write, text) == "1:1: error: ended (1940) is before established (1950)"


def test_as_of_after_today_is_an_error(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plausibility, "CLOCK", lambda: dt.date(2023, 12, 31))
    assert _one_error(write, MINIMAL_PROFILE) == (
        "8:8: error: as_of: as_of 2024-01-01 is in the future (today is 2023-12-31): "
        "an assessment describes a date that has passed"
    )
    monkeypatch.setattr(plausibility, "CLOCK", lambda: dt.date(2024, 1, 1))
    assert invoke("validate", str(write("p.yaml", MINIMAL_PROFILE))).exit_code == 0


def test_ended_after_as_of_is_a_warning(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE.replace("established: 1950", "established: 1950\n"
                                                     "ended: 2030"))  # fmt: skip
    result = invoke("validate", str(path))
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:6:8: warning: ended: ended (2030) is after as_of (2024-01-01): an assessment "
        "as of that date cannot know when the partnership ended\n"
    )
    assert result.stdout == f"{path}: ok (3 of 29 indicators rated, 1 warning)\n"


# --------------------------------------------------------------------------------------------
# Sources


def test_a_source_dated_after_as_of_is_an_error(write: Write) -> None:
    assert _one_error(write, DATED.format(date="2024-07")) == (
        "17:15: error: ratings.joint_exercises.sources[0].date: source 'Talisman Sabre 2023 "
        "fact sheet' is dated 2024-07, after as_of 2024-01-01: evidence cannot come from the "
        "future of the assessment"
    )


@pytest.mark.parametrize("date", ["2023", "2024", "2023-07", "2024-01-01", "2024-01"])
def test_a_source_that_could_predate_as_of_is_accepted(write: Write, date: str) -> None:
    result = invoke("validate", str(write("p.yaml", DATED.format(date=date))))
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize(
    ("date", "shown"), [("2023-13", "'2023-13'"), ("23", "'23'"), ("2023-02-30", "'2023-02-30'")]
)
def test_a_source_date_must_be_a_partial_date(write: Write, date: str, shown: str) -> None:
    text = DATED.format(date=f'"{date}"')
    assert _one_error(write, text) == (
        "17:15: error: ratings.joint_exercises.sources[0].date: must be a date written YYYY, "
        f"YYYY-MM or YYYY-MM-DD, got {shown}"
    )


def test_partial_dates_span_their_period() -> None:
    assert (first_day("1991-12"), last_day("1991-12")) == (dt.date(1991, 12, 1),
                                                           dt.date(1991, 12, 31))  # fmt: skip
    assert (first_day("2024"), last_day("2024-02")) == (dt.date(2024, 1, 1), dt.date(2024, 2, 29))
    source = Source(title="T", date="2020-05", publisher="P", url="https://x.org", accessed="2024")
    assert source.cite() == "P, T (2020-05), https://x.org, accessed 2024"


def test_evidence_naming_a_later_year_is_a_warning_and_strict_makes_it_an_error(
    write: Write,
) -> None:
    path = write("p.yaml", MINIMAL_PROFILE.replace("Some friction.", "Friction until 2026."))
    result = invoke("score", str(path), "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["id"] == "test-pact"
    message = (
        "19:15: {}: ratings.trust.evidence: evidence names 2026, after as_of 2024-01-01: "
        "is this hindsight the assessment could not have had?"
    )
    assert result.stderr == f"{path}:{message.format('warning')}\n"
    strict = invoke("score", str(path), "--strict")
    assert strict.exit_code == 2 and strict.stdout == ""
    assert strict.stderr == f"{path}:{message.format('error')}\n"
    validate = invoke("validate", str(path), "--strict")
    assert validate.exit_code == 2
    assert validate.stdout == f"{path}:{message.format('error')}\n"


def test_years_inside_numbers_are_not_years(write: Write) -> None:
    text = MINIMAL_PROFILE.replace("Some friction.", "Some 10,000 troops, 2100.5 km, 1990s.")
    result = invoke("validate", str(write("p.yaml", text)))
    assert (result.exit_code, result.stderr) == (0, "")


def test_stale_sources_warn_only_when_asked(write: Write) -> None:
    path = write("p.yaml", DATED.format(date="2012-06"))
    assert invoke("validate", str(path)).stderr == ""
    assert invoke("validate", str(path), "--stale-years", "12").stderr == ""
    result = invoke("validate", str(path), "--stale-years", "10")
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:17:15: warning: ratings.joint_exercises.sources[0].date: source 'Talisman "
        "Sabre 2023 fact sheet' is dated 2012-06, more than 10 years before as_of 2024-01-01 "
        "(--stale-years 10)\n"
    )


def test_validate_json_gives_each_problem_a_severity(write: Write) -> None:
    path = write("p.yaml", MINIMAL_PROFILE.replace("Some friction.", "Until 2030."))
    result = invoke("validate", str(path), "-f", "json")
    assert result.exit_code == 0
    [problem] = json.loads(result.stdout)
    assert problem["severity"] == "warning" and problem["field"] == "ratings.trust.evidence"
    assert result.stderr == ""


# --------------------------------------------------------------------------------------------
# Members


def test_an_unknown_member_suggests_the_nearest_code(write: Write) -> None:
    text = MINIMAL_PROFILE.replace('members: [US, "NO"]', "members: [US, UK]")
    assert _one_error(write, text) == (
        "4:15: error: members[1]: unknown member 'UK': not an ISO 3166-1 alpha-2 or "
        "ISO 3166-3 code (member_codes: iso) (did you mean 'GB'?)"
    )


@pytest.mark.parametrize(
    ("member", "scheme", "nearest"),
    [("Soviet Union", "iso", "SUHH"), ("East Germany", "iso", "DDDE"), ("SU", "iso", "SUHH"),
     ("Poland", "iso", "PL"), ("UK", "cow", "UKG"), ("USR", "cow", "USA")],
)  # fmt: skip
def test_nearest_codes(member: str, scheme: str, nearest: str) -> None:
    assert not members.is_valid(member, scheme)
    assert members.suggest(member, scheme) == nearest


@pytest.mark.parametrize(
    ("member", "scheme"),
    [("GB", "iso"), ("SUHH", "iso"), ("DDDE", "iso"), ("YUCS", "iso"), ("CSHH", "iso"),
     ("UKG", "cow"), ("RUS", "cow"), ("COW 8152", "cow"), ("USA (COW 2)", "cow")],
)  # fmt: skip
def test_valid_codes(member: str, scheme: str) -> None:
    assert members.is_valid(member, scheme)


def test_cow_labels_must_match_their_number() -> None:
    assert not members.is_valid("USA (COW 20)", "cow")
    assert not members.is_valid("UKG", "iso")


def test_cow_scheme_is_declared_in_the_profile(write: Write) -> None:
    text = MINIMAL_PROFILE.replace('members: [US, "NO"]', "members: [USA, NOR]\nmember_codes: cow")
    assert invoke("validate", str(write("p.yaml", text))).exit_code == 0
    assert invoke("validate", str(write("q.yaml", text.replace("cow", "iso")))).exit_code == 2


# --------------------------------------------------------------------------------------------
# Comparability and bibliography


def _scored(write: Write, *texts: str, fmt: str = "markdown") -> str:
    paths = [str(write(f"p{k}.yaml", text)) for k, text in enumerate(texts)]
    result = invoke("score", *paths, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_comparability_line_under_the_ranking(write: Write) -> None:
    alike = _scored(write, MINIMAL_PROFILE, MINIMAL_PROFILE)
    assert "Comparability" not in alike
    dialogue = MINIMAL_PROFILE.replace("kind: bilateral", "kind: strategic_dialogue")
    old = MINIMAL_PROFILE.replace("as_of: 2024-01-01", "as_of: 1989-01-01")
    mixed = _scored(write, MINIMAL_PROFILE, dialogue, old)
    assert (
        "\nComparability: they differ in kind (strategic dialogue, treaty alliance) and they are "
        "assessed more than 25 years apart (1989-01-01 to 2024-01-01); this ranking mixes "
        "different things.\n" in mixed
    )
    near = MINIMAL_PROFILE.replace("as_of: 2024-01-01", "as_of: 1999-01-02")
    assert "Comparability" not in _scored(write, MINIMAL_PROFILE, near)
    table = _scored(write, MINIMAL_PROFILE, dialogue, fmt="table")
    assert "Comparability: they differ in kind (strategic dialogue, treaty alliance)" in table


def test_compare_says_when_profiles_are_not_comparable(write: Write) -> None:
    first = write("a.yaml", MINIMAL_PROFILE)
    second = write("b.yaml", MINIMAL_PROFILE.replace("formal_basis: treaty", "formal_basis: mou"))
    result = invoke("compare", str(first), str(second), "-f", "json")
    assert json.loads(result.stdout)["comparability"] == (
        "Comparability: they differ in kind (alliance without a treaty, treaty alliance); "
        "this ranking mixes different things."
    )


def test_bibliography_numbers_every_source_once(write: Write) -> None:
    text = DATED.format(date="2023-07").replace(
        "    evidence: Some friction.\n",
        "    evidence: Some friction.\n    sources:\n      - Exercise fact sheet\n"
        "      - {title: Talisman Sabre 2023 fact sheet, date: 2023-07, publisher: Australian "
        "Department of Defence, url: 'https://www.defence.gov.au/exercises/talisman-sabre-2023'}\n",
    )
    markdown = _scored(write, text)
    cite = (
        "Australian Department of Defence, Talisman Sabre 2023 fact sheet (2023-07), "
        "https://www.defence.gov.au/exercises/talisman-sabre-2023"
    )
    assert f"**Sources**\n\n1. {cite}\n2. Exercise fact sheet\n" in markdown
    assert "| Annual combined exercises. | [1] |" in markdown
    assert "| Some friction. | [1], [2] |" in markdown
    [record] = json.loads(_scored(write, text, fmt="json"))
    assert record["bibliography"][0] == {
        "number": 1,
        "text": cite,
        "title": "Talisman Sabre 2023 fact sheet",
        "date": "2023-07",
        "publisher": "Australian Department of Defence",
        "url": "https://www.defence.gov.au/exercises/talisman-sabre-2023",
        "indicators": ["joint_exercises", "trust"],
    }
    html = _scored(write, text, fmt="html")
    assert "Sources" in html and "[1]" in html
    assert "Talisman Sabre 2023 fact sheet (2023-07)" in html
