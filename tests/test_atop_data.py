"""Reading ATOP and Correlates of War rows (``atop/data.py``) one row at a time: the codes each
column accepts, missing values, partly known dates and the exact problem for each bad cell."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from allyeval.atop.data import (
    Alliance,
    Membership,
    Row,
    State,
    column_index,
    member_slots,
    parse_alliance,
    parse_membership,
    parse_state,
)

ALLIANCE = "atopid,begyr,endyr,bilat,defense,offense,neutral,nonagg,consul,conditio,mem1,mem2"
ALLIANCE_ROW = "9,1950,1960,1,1,0,0,0,0,0,2,20"


def parse(reader: Callable[..., Any], header: str, cells: Sequence[str]) -> Any:
    names = header.split(",")
    return reader(Row("f.csv", 2, list(cells)), names, column_index(names))


def messages(result: Any) -> list[str]:
    assert isinstance(result, list), result
    return [problem.message for problem in result]


def alliance(**cells: str) -> Any:
    names = ALLIANCE.split(",") + [name for name in cells if name not in ALLIANCE.split(",")]
    row = dict(zip(ALLIANCE.split(","), ALLIANCE_ROW.split(","), strict=True)) | cells
    return parse(parse_alliance, ",".join(names), [row.get(name, "") for name in names])


def test_member_slots_in_numeric_order() -> None:
    index = column_index(["atopid", "mem10", "mem2", "member", "mem1", "memo"])
    assert member_slots(index) == ["mem1", "mem2", "mem10"]


def test_an_alliance_row() -> None:
    read = alliance(mem2="0", version="4.0100002", conditio="NA")
    assert isinstance(read, Alliance)
    assert read.listed_members == (2,)  # 0 marks an unused slot
    assert read.version == "4.0100002"
    assert read.values["conditio"] is None  # NA: missing, not an error
    assert (read.values["begyr"], read.values["endyr"]) == (1950, 1960)


@pytest.mark.parametrize("missing", ["", ".", "NA", "na"])
def test_a_missing_version_is_none(missing: str) -> None:
    read = alliance(version=missing)
    assert isinstance(read, Alliance)
    assert read.version is None


def test_an_alliance_may_end_the_year_it_begins_but_not_before() -> None:
    assert isinstance(alliance(endyr="1950"), Alliance)
    assert messages(alliance(endyr="1949")) == ["column 'endyr': 1949 is before begyr 1950"]


MEMBER = "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit"


@pytest.mark.parametrize(
    ("cells", "entered", "left"),
    [
        ("9,2,1950,5,4,1960,6,30", (1950, 5, 4), (1960, 6, 30)),
        ("9,2,1950,0,,1960,,0", (1950, 1, 1), (1960, 12, 31)),  # unknown: first or last
        ("9,2,1950,5,,1960,2,", (1950, 5, 1), (1960, 2, 31)),
        ("9,2,1950,,4,0,,", (1950, 1, 4), None),  # yrexit 0: still a member
    ],
)
def test_membership_dates(
    cells: str, entered: tuple[int, int, int], left: tuple[int, int, int] | None
) -> None:
    assert parse(parse_membership, MEMBER, cells.split(",")) == Membership(9, 2, entered, left)


def test_required_cells_of_both_files() -> None:
    assert messages(alliance(defense="", consul="")) == [
        "column 'defense': missing value",
        "column 'consul': missing value",
    ]
    read = parse(parse_membership, MEMBER, "9,2,,,,NA,,".split(","))
    assert messages(read) == ["column 'yrent': missing value", "column 'yrexit': missing value"]


def test_a_bad_month_makes_the_membership_a_problem() -> None:
    read = parse(parse_membership, MEMBER, "9,2,1950,13,4,1960,6,30".split(","))
    assert messages(read) == ["column 'moent': expected 0-12, got '13'"]


def test_a_cell_past_the_end_of_a_short_row_is_missing() -> None:
    row = Row("f.csv", 2, [" a ", "b"])
    assert [row.cell({"x": 0, "y": 1, "z": 2}, name) for name in "xyzw"] == ["a", "b", None, None]


STATE = "ccode,stateabb,statenme"


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ("1,ABCDEFGHIJ,A name", State(1, "ABCDEFGHIJ", "A name")),  # 10 characters: the most
        ("1,ABC," + "n" * 100, State(1, "ABC", "n" * 100)),
        ("1,ABCDEFGHIJK,A name", ["column 'stateabb': longer than 10 characters: 'ABCDEFGHIJK'"]),
        ("1,ABC," + "n" * 101,
         [f"column 'statenme': longer than 100 characters: '{'n' * 40}'... (101 characters)"]),
        ("0,ABC,A name", ["column 'ccode': expected >= 1, got '0'"]),
        ("x" * 40 + ",ABC,A name", [f"column 'ccode': expected a whole number, got '{'x' * 40}'"]),
        ("x" * 41 + ",ABC,A name",
         [f"column 'ccode': expected a whole number, got '{'x' * 40}'... (41 characters)"]),
        (",ABC,A name", ["column 'ccode': missing value"]),
        ("x,,A name", ["column 'ccode': expected a whole number, got 'x'",
                       "column 'stateabb': missing value"]),
        ("2,ABC,", ["column 'statenme': missing value"]),
        ("2,ABC,A\nname", ["column 'statenme': contains a line break U+000A at character 2; only "
                           "printable text is allowed"]),
    ],
)  # fmt: skip
def test_state_rows(cells: str, expected: Any) -> None:
    read = parse(parse_state, STATE, cells.split(","))
    assert (read if isinstance(read, State) else messages(read)) == expected
