"""``allyeval import atop``: ATOP rows into draft profiles, checked against real rows.

The fixture holds four real alliances typed in from ATOP 4.01 (NATO 3180, the Warsaw Pact 3285,
the US-Japan treaty 3375 and the German-Soviet pact of 1939, 2470) with their member rows and
the COW states they need; ``expected/`` holds the profiles reviewed by hand. Where the full
data set is present (``../shared/data``), every one of its 745 alliances is imported too.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from allyeval.atop.data import release_of, whole_number
from allyeval.atop.drafts import render_profile_yaml
from allyeval.atop.importer import run_import_atop
from allyeval.atop.mapping import formality, military_institutionalization
from allyeval.core import plainyaml
from allyeval.core.errors import InputError, UsageError
from allyeval.core.loader import profile_from_text, read_profile
from allyeval.core.models import CriteriaSet, Profile, Rating
from allyeval.core.report import build_report

FIXTURE = Path(__file__).parent / "fixtures" / "atop"
EXPECTED = FIXTURE / "expected"
ALLIANCES = FIXTURE / "alliances.csv"
MEMBERS = FIXTURE / "members.csv"
STATES = FIXTURE / "states.csv"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

NEVER_RATED = {
    "joint_exercises",
    "collaborative_missions",
    "crisis_response",
    "trust",
    "voluntary_participation",
    "resilience",
    "strategic_reassessment",
    "emerging_threats",
    "integrated_communications",
    "cyber_defence",
    "public_support",
    "diplomatic_relations",
    "legitimacy",
    "regional_stability",
    "compatibility_gaps",
    "external_pressure",
    "resource_constraints",
}
"""Practice-based indicators that treaty text cannot speak to: always left for the analyst."""


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "profiles"


def run(alliances: Path, out: Path, **options: Any) -> int:
    return run_import_atop(str(alliances), str(out), **options)


def run_fixture(out: Path, **options: Any) -> int:
    options.setdefault("members_csv", str(MEMBERS))
    options.setdefault("states_csv", str(STATES))
    return run(ALLIANCES, out, **options)


def read_yaml(text: str) -> Any:
    node = plainyaml.compose(text)
    assert node is not None
    return plainyaml.construct(node)


def rated(profile: Profile) -> dict[str, Rating]:
    """The profile's ratings; an import writes only complete ones (a level and evidence)."""
    ratings = {key: rating for key, rating in profile.ratings.items() if isinstance(rating, Rating)}
    assert len(ratings) == len(profile.ratings)
    return ratings


def load(path: Path, criteria_set: CriteriaSet) -> Profile:
    return profile_from_text(path.read_text(encoding="utf-8"), str(path), criteria_set)


def rewrite_csv(
    source: Path, target: Path, change: Callable[[list[list[str]]], list[list[str]]]
) -> Path:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(change(rows))
    return target


def set_cell(rows: list[list[str]], atopid: str, column: str, value: str) -> list[list[str]]:
    position = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == atopid:
            row[position] = value
    return rows


# --- the fixture, end to end --------------------------------------------------------------


def test_fixture_import_writes_exactly_the_reviewed_profiles(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_fixture(out) == 0
    expected = sorted(path.name for path in EXPECTED.glob("*.yaml"))
    assert expected == ["atop-2470.yaml", "atop-3180.yaml", "atop-3285.yaml", "atop-3375.yaml"]
    assert sorted(path.name for path in out.iterdir()) == expected
    for name in expected:
        assert (out / name).read_bytes() == (EXPECTED / name).read_bytes(), name
    assert capsys.readouterr().err == f"allyeval: wrote 4 profiles to {out} (0 rows skipped)\n"


def test_same_input_gives_byte_identical_files(tmp_path: Path) -> None:
    assert run_fixture(tmp_path / "a") == 0
    assert run_fixture(tmp_path / "b") == 0
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_imported_profiles_validate_and_score(criteria_set: CriteriaSet) -> None:
    profiles = {path.stem: load(path, criteria_set) for path in EXPECTED.glob("*.yaml")}
    for name, profile in profiles.items():
        report = build_report(name, profile, criteria_set)
        assert 0 < report.result.score <= 100
        assert rated(profile)["formal_commitment"].sources == [
            f"ATOP 4.01 (Leeds et al. 2002), alliance atopid={name.removeprefix('atop-')}"
        ]
    nato, warsaw = profiles["atop-3180"], profiles["atop-3285"]
    us_japan, pact_1939 = profiles["atop-3375"], profiles["atop-2470"]
    levels = {name: {k: r.level for k, r in rated(p).items()} for name, p in profiles.items()}
    # NATO: public treaty, defence clause limited to Europe and North America (defcon=1),
    # the North Atlantic Council (organ1=3, military purpose), bases (base=3).
    assert levels["atop-3180"] == {
        "formal_commitment": 3,
        "governance_review": 3,
        "command_and_control": 2,
        "deterrence": 3,
        "strategic_divergence": 1,
        "sovereignty_concerns": 1,
    }
    founders = "USA CAN UKG NTH BEL LUX FRN POR ITA NOR DEN ICE"
    assert nato.members == founders.split()
    assert (nato.established, nato.ended, nato.as_of) == (1949, None, dt.date(2016, 12, 31))
    assert (nato.kind, nato.formal_basis, nato.region) == (
        "multilateral",
        "treaty",
        "Americas, Europe",
    )
    assert nato.name == "ATOP 3180: multilateral defence pact of 12 members, 1949-"
    # Warsaw Pact: integrated command (intcom=1) names West Germany as the threat (statthr1=260).
    assert levels["atop-3285"]["command_and_control"] == 4
    assert rated(warsaw)["command_and_control"].confidence == "medium"
    assert levels["atop-3285"]["strategic_objectives"] == 3
    assert "statthr1=260" in rated(warsaw)["strategic_objectives"].evidence
    assert (warsaw.ended, warsaw.as_of) == (1991, dt.date(1991, 7, 1))
    warsaw_report = build_report("3285", warsaw, criteria_set)
    interoperability = {c.criterion.id: c for c in warsaw_report.result.criteria}[
        "interoperability"
    ]
    assert interoperability.score == pytest.approx(80.0)  # (3 x 4/4 + 2 x 2/4) / 5
    # US-Japan: unconditional defence clause with the SOFA as companion agreement (compag=1).
    assert levels["atop-3375"]["formal_commitment"] == 4
    assert levels["atop-3375"]["strategic_divergence"] == 2  # asymm=1
    assert us_japan.name == "ATOP 3375: bilateral defence pact, USA and JPN, 1960-"
    # The German-Soviet pact: neutrality and non-aggression only, with a secret protocol.
    assert levels["atop-2470"] == {"formal_commitment": 2, "strategic_divergence": 1}
    assert pact_1939.metadata["atop_pubsecr"] == 1
    assert (pact_1939.formal_basis, pact_1939.members) == ("treaty", ["GMY", "RUS"])
    assert pact_1939.metadata["atop_formality"] == 1
    assert pact_1939.metadata["atop_military_institutionalization"] == 0


def test_no_high_confidence_and_practice_indicators_left_unrated(
    criteria_set: CriteriaSet,
) -> None:
    for path in EXPECTED.glob("*.yaml"):
        profile = load(path, criteria_set)
        assert {r.confidence for r in rated(profile).values()} <= {"low", "medium"}
        assert not NEVER_RATED & set(profile.ratings)


def test_the_yaml_reads_back_as_written() -> None:
    for path in EXPECTED.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(
            "# Draft profile imported from ATOP 4.01 by allyeval; "
            "practice-based indicators are left for an analyst to rate.\n"
        )
        data = read_yaml(text)
        assert render_profile_yaml(data) == text


def test_no_like_strings_stay_strings() -> None:
    profile = {
        "id": "x",
        "members": ["NO", "yes", "on", "null", "1949", 'say "hi"'],
        "summary": "word " * 60 + "end",
        "metadata": {"flag": True, "nothing": None, "count": 3, "text": "off"},
    }
    data = read_yaml(render_profile_yaml(profile))
    assert data == profile


# --- members, dates and names ---------------------------------------------------------------


def test_without_a_member_file_members_come_from_mem1_to_mem59(
    out: Path, criteria_set: CriteriaSet
) -> None:
    assert run_fixture(out, members_csv=None) == 0
    nato = load(out / "atop-3180.yaml", criteria_set)
    assert len(nato.members) == 30  # every state ever a member, with no dates
    assert nato.members[:3] == ["USA", "CAN", "UKG"] and "TUR" in nato.members
    assert {"GMY", "GFR"} <= set(nato.members)
    assert nato.metadata["members_on"] is None
    assert "Members at any time (mem1..mem59)" in nato.summary


def test_without_a_state_list_members_are_cow_codes(out: Path, criteria_set: CriteriaSet) -> None:
    assert run_fixture(out, states_csv=None) == 0
    us_japan = load(out / "atop-3375.yaml", criteria_set)
    assert us_japan.members == ["COW 2", "COW 740"]
    assert us_japan.name == "ATOP 3375: bilateral defence pact, COW 2 and COW 740, 1960-"


def test_as_of_year_sets_members_and_date(out: Path, criteria_set: CriteriaSet) -> None:
    assert run_fixture(out, as_of_year=1990) == 0
    warsaw = load(out / "atop-3285.yaml", criteria_set)
    # Albania left in 1968 and the GDR on 3 October 1990: neither is a member on 31 December.
    assert warsaw.members == ["POL", "HUN", "CZE", "BUL", "ROM", "RUS"]
    assert warsaw.as_of == dt.date(1990, 12, 31)
    assert warsaw.metadata["members_on"] == "1990-12-31"
    # An as-of year outside an alliance's life is held to its start or end.
    pact_1939 = load(out / "atop-2470.yaml", criteria_set)
    assert pact_1939.as_of == dt.date(1941, 6, 22)
    nato = load(out / "atop-3180.yaml", criteria_set)
    # West Germany's seat passed to united Germany on 3 October 1990.
    assert len(nato.members) == 16 and "GMY" in nato.members and "GFR" not in nato.members


def test_as_of_year_after_the_data_stops_at_its_last_year(
    out: Path, criteria_set: CriteriaSet
) -> None:
    assert run_fixture(out, as_of_year=2030, ids=[3180]) == 0
    nato = load(out / "atop-3180.yaml", criteria_set)
    assert nato.as_of == dt.date(2016, 12, 31)
    assert len(nato.members) == 29 and "MNG" in nato.members and "GFR" not in nato.members


def test_as_of_year_must_be_a_year(out: Path) -> None:
    with pytest.raises(UsageError, match="--as-of 99 is not a year"):
        run_fixture(out, as_of_year=99)


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("4.0100002", ("4.01", 2016)),
        ("5.1", ("5.1", 2018)),
        ("5.0", ("5.0", 2018)),
        (None, ("4.01", 2016)),
        ("unknown", ("4.01", 2016)),
    ],
)
def test_release_and_last_year_from_the_version_column(
    version: str | None, expected: tuple[str, int]
) -> None:
    assert release_of(version) == expected


# --- selecting, overwriting ------------------------------------------------------------------


def test_id_imports_only_the_alliances_asked_for(out: Path) -> None:
    assert run_fixture(out, ids=[3375]) == 0
    assert [path.name for path in out.iterdir()] == ["atop-3375.yaml"]
    assert (out / "atop-3375.yaml").read_bytes() == (EXPECTED / "atop-3375.yaml").read_bytes()


def test_an_id_not_in_the_file_is_reported(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_fixture(out, ids=[3375, 9999]) == 2
    assert f"{ALLIANCES}: error: alliance 9999 (--id) is not in the file" in capsys.readouterr().err
    assert [path.name for path in out.iterdir()] == ["atop-3375.yaml"]


def test_an_existing_file_is_kept_without_force(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out.mkdir()
    (out / "atop-3180.yaml").write_text("my own edits\n", encoding="utf-8")
    assert run_fixture(out) == 2
    err = capsys.readouterr().err
    assert f"allyeval: {out / 'atop-3180.yaml'} exists; use --force to overwrite\n" in err
    assert err.endswith(
        f"allyeval: wrote 3 profiles to {out} (0 rows skipped, 1 existing file kept)\n"
    )
    assert (out / "atop-3180.yaml").read_text(encoding="utf-8") == "my own edits\n"
    assert (out / "atop-3285.yaml").read_bytes() == (EXPECTED / "atop-3285.yaml").read_bytes()
    assert run_fixture(out, force=True) == 0
    assert (out / "atop-3180.yaml").read_bytes() == (EXPECTED / "atop-3180.yaml").read_bytes()
    assert not [path for path in out.iterdir() if path.name.endswith(".tmp")]


def test_output_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="is a file"):
        run_fixture(target)


# --- bad input -------------------------------------------------------------------------------


def test_malformed_rows_are_reported_and_skipped(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def damage(rows: list[list[str]]) -> list[list[str]]:
        set_cell(rows, "3180", "intcom", "x")  # line 3
        set_cell(rows, "3285", "begyr", "")  # line 4
        set_cell(rows, "3285", "milcon", "7")
        return rows

    broken = rewrite_csv(ALLIANCES, tmp_path / "atop4_01a.csv", damage)
    assert run(broken, out, members_csv=str(MEMBERS), states_csv=str(STATES)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{broken}:3: error: column 'intcom': expected a whole number, got 'x'",
        f"{broken}:4: error: column 'begyr': missing value",
        f"{broken}:4: error: column 'milcon': expected 0-3, got '7'",
        f"allyeval: wrote 2 profiles to {out} (2 rows skipped)",
    ]
    assert sorted(path.name for path in out.iterdir()) == ["atop-2470.yaml", "atop-3375.yaml"]
    assert (out / "atop-3375.yaml").read_bytes() == (EXPECTED / "atop-3375.yaml").read_bytes()


def test_a_short_row_and_a_bad_member_row_are_reported(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    short = rewrite_csv(
        ALLIANCES, tmp_path / "a.csv", lambda rows: [r[:50] if r[0] == "2470" else r for r in rows]
    )
    members = rewrite_csv(
        MEMBERS, tmp_path / "m.csv", lambda rows: set_cell(rows, "3375", "yrent", "196O")
    )
    assert run(short, out, members_csv=str(members), states_csv=str(STATES)) == 2
    err = capsys.readouterr().err
    assert f"{short}:2: error: the row has 50 fields but the header has 134\n" in err
    assert f"{members}:54: error: column 'yrent': expected a whole number, got '196O'\n" in err
    assert f"{members}:55: error: column 'yrent'" in err
    assert "(3 rows skipped)" in err
    # Bad member rows are skipped; US-Japan, left without member rows, uses mem1 and mem2.
    assert sorted(path.name for path in out.iterdir()) == [
        "atop-3180.yaml",
        "atop-3285.yaml",
        "atop-3375.yaml",
    ]


def test_a_missing_required_column_is_one_error(tmp_path: Path, out: Path) -> None:
    def drop(rows: list[list[str]]) -> list[list[str]]:
        position = rows[0].index("begyr")
        return [row[:position] + row[position + 1 :] for row in rows]

    broken = rewrite_csv(ALLIANCES, tmp_path / "a.csv", drop)
    with pytest.raises(InputError) as raised:
        run(broken, out)
    assert [str(p) for p in raised.value.problems] == [
        f"{broken}:1: error: missing required column 'begyr' in the header"
    ]
    assert not out.exists()


def test_a_missing_input_file_is_one_error(tmp_path: Path, out: Path) -> None:
    with pytest.raises(InputError) as raised:
        run(tmp_path / "nowhere.csv", out)
    assert str(raised.value) == f"{tmp_path / 'nowhere.csv'}: error: no such file"
    with pytest.raises(InputError, match="no such file"):
        run_fixture(out, states_csv=str(tmp_path / "states.csv"))


def test_atop_5_style_headers_are_accepted(tmp_path: Path, out: Path) -> None:
    """Upper-case names, spaces, a new column and no cowid/cow4id: the same profiles."""

    def restyle(rows: list[list[str]]) -> list[list[str]]:
        header = rows[0]
        keep = [i for i, name in enumerate(header) if name not in ("cowid", "cow4id")]
        rows = [[row[i] for i in keep] + ["0"] for row in rows]
        rows[0] = [f" {name.upper()} " for name in rows[0][:-1]] + ["INVALID"]
        return rows

    alliances = rewrite_csv(ALLIANCES, tmp_path / "atop5_1a.csv", restyle)
    members = rewrite_csv(MEMBERS, tmp_path / "atop5_1m.csv", restyle)
    assert run(alliances, out, members_csv=str(members), states_csv=str(STATES)) == 0
    for path in EXPECTED.glob("*.yaml"):
        assert (out / path.name).read_bytes() == path.read_bytes()


# --- Leeds and Anac (2005) -------------------------------------------------------------------

ZERO = dict.fromkeys(
    ("milcon", "intcom", "base", "milaid", "subord", "contrib", "orgpurp1", "orgpurp2"), 0
)


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ({"milcon": 3}, 2),
        ({"intcom": 1}, 2),
        ({"base": 1}, 2),
        ({"base": 3, "milcon": 2}, 2),
        ({"milcon": 2}, 1),
        ({"milaid": 3}, 1),
        ({"milaid": 4}, 1),
        ({"subord": 2}, 1),
        ({"contrib": 1}, 1),
        ({"orgpurp1": 1}, 1),
        ({"orgpurp2": 4}, 1),
        ({}, 0),
        ({"milcon": 1, "milaid": 2, "orgpurp1": 3}, 0),  # contact, aid and a body: none military
        ({"intcom": None, "base": None}, 0),  # a missing code among others does not count
        ({"intcom": None, "milaid": 3}, 1),
        (dict.fromkeys(ZERO), None),  # every input missing
    ],
)
def test_military_institutionalization(codes: dict[str, int | None], expected: int | None) -> None:
    assert military_institutionalization(ZERO | codes) == expected


@pytest.mark.parametrize(
    ("estmode", "pubsecr", "organ1", "organ2", "expected"),
    [
        (1, 0, 3, 0, 2),  # public treaty and formal organisation
        (1, 1, 0, 2, 2),  # secret provisions only: still a public treaty
        (1, 0, 1, 0, 1),  # organ code 1 is not a formal organisation
        (1, 2, 2, 0, 1),  # a secret treaty, with an organisation
        (0, 0, 3, 0, 1),  # not a formal treaty, with an organisation
        (0, 2, 0, 0, 0),
        (None, 0, 3, 0, None),  # the treaty form could add a point
        (0, None, 0, 0, 0),  # pubsecr cannot matter without a treaty
        (1, None, 0, 0, None),
        (1, 0, 3, None, 2),  # organ1 already counts
        (1, 0, 0, None, None),
    ],
)
def test_formality(
    estmode: int | None,
    pubsecr: int | None,
    organ1: int | None,
    organ2: int | None,
    expected: int | None,
) -> None:
    codes = {"estmode": estmode, "pubsecr": pubsecr, "organ1": organ1, "organ2": organ2}
    assert formality(codes) == expected


# --- the full ATOP 4.01 data, where present ---------------------------------------------------


def _code(row: dict[str, str], name: str) -> int | None:
    return int(row[name]) if row[name].strip() else None


def published_institutionalization(row: dict[str, str]) -> int | None:
    """Leeds and Anac (2005) as the data README states it, written out again for the test."""
    names = ("milcon", "intcom", "base", "milaid", "subord", "contrib", "orgpurp1", "orgpurp2")
    codes = {name: _code(row, name) for name in names}
    if set(codes.values()) == {None}:
        return None
    high = {("milcon", 3), ("intcom", 1), ("base", 1), ("base", 2), ("base", 3)}
    medium = {("milcon", 2), ("milaid", 3), ("milaid", 4), ("subord", 1), ("subord", 2)}
    medium |= {("contrib", 1), ("orgpurp1", 1), ("orgpurp1", 4), ("orgpurp2", 1), ("orgpurp2", 4)}
    present = set(codes.items())
    return 2 if present & high else 1 if present & medium else 0


def published_formality(row: dict[str, str]) -> int | None:
    """The formality rule over every way the missing codes could be filled in: known only
    if all of them give the same value."""
    choices = {"estmode": (0, 1), "pubsecr": (0, 1, 2), "organ1": range(4), "organ2": range(4)}
    options: list[Sequence[int]] = []
    for name, every in choices.items():
        known = _code(row, name)
        options.append(every if known is None else (known,))
    results = {
        int(estmode == 1 and pubsecr != 2) + int(organ1 >= 2 or organ2 >= 2)
        for estmode, pubsecr, organ1, organ2 in itertools.product(*options)
    }
    return results.pop() if len(results) == 1 else None


@pytest.mark.skipif(not SHARED.exists(), reason="the shared ATOP data is not present")
def test_the_full_atop_data_imports_validates_and_scores(
    tmp_path: Path, criteria_set: CriteriaSet, capsys: pytest.CaptureFixture[str]
) -> None:
    alliances = SHARED / "atop" / "atop4_01a.csv"
    code = run_import_atop(
        str(alliances),
        str(tmp_path),
        members_csv=str(SHARED / "atop" / "atop4_01m.csv"),
        states_csv=str(SHARED / "cow" / "states2016.csv"),
    )
    assert code == 0
    assert (
        capsys.readouterr().err == f"allyeval: wrote 745 profiles to {tmp_path} (0 rows skipped)\n"
    )
    with alliances.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 745
    highest = 0.0
    for row in rows:
        path = tmp_path / f"atop-{row['atopid']}.yaml"
        profile, warnings = read_profile(str(path), criteria_set)
        assert warnings == [], row["atopid"]
        report = build_report(str(path), profile, criteria_set)
        assert 0 < report.result.coverage < 1 and 0 <= report.result.score <= 100
        # drafts rate only what the treaty text shows: never enough to band them
        assert report.result.band == "insufficient", row["atopid"]
        highest = max(highest, report.result.coverage)
        assert profile.metadata["atop_military_institutionalization"] == (
            published_institutionalization(row)
        ), row["atopid"]
        assert profile.metadata["atop_formality"] == published_formality(row), row["atopid"]
        assert {r.confidence for r in rated(profile).values()} <= {"low", "medium"}
        assert "formal_commitment" in profile.ratings
        assert not NEVER_RATED & set(profile.ratings)
        assert profile.established == int(row["begyr"])
        assert profile.ended == (int(row["endyr"]) or None)
    assert highest < criteria_set.min_coverage
    nato = load(tmp_path / "atop-3180.yaml", criteria_set)
    assert nato.metadata["atop_military_institutionalization"] == 2
    assert nato.metadata["atop_formality"] == 2


# --- hostile cells (issue: numbers bounded, text made safe, versions checked) ----------------


def test_a_number_too_long_for_python_is_a_bad_row(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = "1" * 5_000  # Python's int() refuses more than 4,300 digits with a ValueError
    broken = rewrite_csv(
        ALLIANCES, tmp_path / "a.csv", lambda rows: set_cell(rows, "3180", "begyr", huge)
    )
    members = rewrite_csv(
        MEMBERS, tmp_path / "m.csv", lambda rows: set_cell(rows, "3375", "yrent", "9" * 19)
    )
    assert run(broken, out, members_csv=str(members), states_csv=str(STATES)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"{broken}:3: error: column 'begyr': expected a whole number, got "
        f"'{'1' * 40}'... (5,000 characters)"
    )
    assert err[1] == (
        f"{members}:54: error: column 'yrent': expected a whole number, got '{'9' * 19}'"
    )
    assert "Traceback" not in "".join(err)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3180", 3180), ("-2", -2), ("3.0", 3), ("9" * 18, int("9" * 18)), ("9" * 19, None),
     ("٣", None), ("3.5", None), ("", None), ("1e3", None)],
)  # fmt: skip
def test_whole_numbers_are_ascii_digits_and_bounded(text: str, expected: int | None) -> None:
    assert whole_number(text) == expected


@pytest.mark.parametrize("version", ["nan", "inf", "-inf", "1e308", "4.01x", "0.5", "400"])
def test_a_version_that_is_not_a_release_number_is_a_bad_row(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str], version: str
) -> None:
    broken = rewrite_csv(
        ALLIANCES, tmp_path / "a.csv", lambda rows: set_cell(rows, "3375", "version", version)
    )
    assert run(broken, out, members_csv=str(MEMBERS), states_csv=str(STATES)) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{broken}:5: error: column 'version': expected an ATOP release number such as 4.01 or "
        f"5.1, got {version!r}",
        f"allyeval: wrote 3 profiles to {out} (1 row skipped)",
    ]
    assert not (out / "atop-3375.yaml").exists()


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("United\x7fStates", "contains the control character U+007F at character 7"),
        ("United\x9b2JStates", "contains the C1 control character U+009B at character 7"),
        ("United\x85States", "contains the next-line character (NEL) U+0085 at character 7"),
        ("United\u2028id: x", "contains the line separator U+2028 at character 7"),
        ("United\u202eStates", "contains the bidirectional control character U+202E at "
         "character 7"),
    ],
)  # fmt: skip
def test_control_characters_in_the_state_list_make_a_bad_row_and_every_draft_validates(
    tmp_path: Path,
    out: Path,
    capsys: pytest.CaptureFixture[str],
    criteria_set: CriteriaSet,
    name: str,
    why: str,
) -> None:
    def hostile(rows: list[list[str]]) -> list[list[str]]:
        for row in rows:
            if row[1] == "2":
                row[2] = name
        return rows

    states = rewrite_csv(STATES, tmp_path / "s.csv", hostile)
    assert run(ALLIANCES, out, members_csv=str(MEMBERS), states_csv=str(states)) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{states}:2: error: column 'statenme': {why}; only printable text is allowed"
    assert err[-1] == f"allyeval: wrote 4 profiles to {out} (1 row skipped)"
    for path in sorted(out.iterdir()):
        profile = load(path, criteria_set)
        text = path.read_text(encoding="utf-8")
        assert "\x7f" not in text and "\x85" not in text and "\u2028" not in text
        assert profile.id == path.stem


def test_an_overlong_state_name_is_a_bad_row(
    tmp_path: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    states = rewrite_csv(
        STATES,
        tmp_path / "s.csv",
        lambda rows: [rows[0], rows[1][:2] + ["x" * 101] + rows[1][3:], *rows[2:]],
    )
    assert run(ALLIANCES, out, members_csv=str(MEMBERS), states_csv=str(states)) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{states}:2: error: column 'statenme': longer than 100 characters: "
        f"'{'x' * 40}'... (101 characters)",
        f"allyeval: wrote 4 profiles to {out} (1 row skipped)",
    ]


@settings(max_examples=60, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40))
@example(text="a\n")  # a plain word and a line break: "$" matches before it, quote it
def test_any_text_in_a_draft_reads_back_exactly(text: str) -> None:
    profile = {"id": "x", "name": text, "members": [text, "NO"], "metadata": {"note": text}}
    assert read_yaml(render_profile_yaml(profile)) == profile


def test_a_draft_that_would_not_read_back_is_a_bad_row_not_a_file(
    out: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from allyeval.atop import importer

    monkeypatch.setattr(importer, "render_profile_yaml", lambda profile: "id: other\n")
    assert run_fixture(out, ids=[3375]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{ALLIANCES}:5: error: alliance 3375: the draft profile would not read back as written"
    )
    assert not out.exists() or not list(out.iterdir())


def test_text_that_is_not_utf8_is_located_on_its_own_line(tmp_path: Path, out: Path) -> None:
    """The CSV reader decodes the file ahead of the rows it gives, so the line it has reached
    when the decoding fails is not the bad one: the message names the line that is."""
    lines = ALLIANCES.read_bytes().splitlines(keepends=True)
    broken = tmp_path / "a.csv"
    broken.write_bytes(b"".join([*lines, *lines[1:] * 40, b"3999,caf\xe9\n", lines[1]]))
    with pytest.raises(InputError) as raised:
        run(broken, out, members_csv=str(MEMBERS))
    bad_line = len(lines) + 40 * (len(lines) - 1) + 1
    assert [str(p) for p in raised.value.problems] == [
        f"{broken}:{bad_line}: error: is not UTF-8 text; save it as UTF-8"
    ]
    marked = tmp_path / "b.csv"  # a byte order mark does not count as a bad character
    marked.write_bytes(b"\xef\xbb\xbf" + lines[0] + b"3999,caf\xe9\n")
    with pytest.raises(InputError) as raised:
        run(marked, out, members_csv=str(MEMBERS))
    assert [str(p) for p in raised.value.problems] == [
        f"{marked}:2: error: is not UTF-8 text; save it as UTF-8"
    ]
