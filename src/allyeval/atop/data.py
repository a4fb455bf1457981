"""Reading the ATOP and Correlates of War CSV files: their columns, rows and records.

Pure functions, no input or output: the columns the import reads and the codes each accepts,
CSV cells in and alliance, membership and state records out, with a problem (file and line)
for every bad cell. Opening the files and reporting problems is :mod:`allyeval.atop.importer`'s
work; turning the records into profiles is :mod:`allyeval.atop.drafts`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from allyeval.core.errors import Problem
from allyeval.core.text import describe, first_forbidden


@dataclass(frozen=True, slots=True)
class Column:
    """A column the import reads, with the codes it accepts."""

    name: str
    low: int
    high: int | None = None
    required: bool = False


# Runs only at import, to build the column tables, before mutmut can switch a mutant on
# (docs/testing.md): every test that reads a row checks what it builds.
def _columns(
    spec: str,
    low: int,
    high: int | None,
    *,
    required: bool = False,  # pragma: no mutate
) -> list[Column]:
    return [Column(name, low, high, required) for name in spec.split()]  # pragma: no mutate


ALLIANCE_COLUMNS: tuple[Column, ...] = (
    Column("atopid", 1, None, required=True),
    Column("begyr", 1000, 2999, required=True),
    Column("begmo", 0, 12),
    Column("begday", 0, 31),
    Column("endyr", 0, 2999, required=True),
    Column("endmo", 0, 12),
    Column("endday", 0, 31),
    Column("ineffect", 0, 1),
    Column("bilat", 0, 1, required=True),
    Column("estmode", 0, 1),
    Column("pubsecr", 0, 2),
    *_columns("defense offense neutral nonagg consul", 0, 1, required=True),
    Column("conditio", 0, 1),
    Column("defcon", 0, 1),
    Column("asymm", 0, 1),
    # Codes whose full range the import does not depend on: any whole number from 0.
    *_columns("specthrt statthr1 statthr2", 0, None),
    Column("milcon", 0, 3),
    Column("milaid", 0, 4),
    Column("intcom", 0, 1),
    Column("subord", 0, 2),
    Column("organ1", 0, 3),
    Column("orgpurp1", 0, None),
    Column("organ2", 0, 3),
    Column("orgpurp2", 0, None),
    Column("base", 0, 3),
    Column("contrib", 0, 1),
    Column("compag", 0, None),
)
"""Every ATOP variable the import reads; all of them are recorded in the profile's metadata."""

MEMBER_COLUMNS: tuple[Column, ...] = (
    *_columns("atopid member", 1, None, required=True),
    *_columns("yrent", 1000, 2999, required=True),
    *_columns("yrexit", 0, 2999, required=True),
    *_columns("moent moexit", 0, 12),
    *_columns("dayent dayexit", 0, 31),
)
STATE_COLUMNS = ("ccode", "stateabb", "statenme")

MEMBER_SLOT = re.compile(r"^mem([0-9]{1,4})$")
MAX_DIGITS = 18
"""Longest whole number read from a cell: every ATOP and COW code has at most 6 digits, and
Python refuses to convert more than 4,300 digits at all."""
RELEASE = re.compile(r"^[1-9][0-9]?(?:\.[0-9]{1,12})?$")
"""The ``version`` column: ATOP's release, written like 4.0100002, 5.1 or 5.0."""
MAX_ABBREVIATION = 10
MAX_STATE_NAME = 100
"""Longest state abbreviation and name taken from the COW state list (the longest real ones
are 3 and 32 characters): the names end up in every draft's name and member list."""
_WHOLE = re.compile(rf"(-?[0-9]{{1,{MAX_DIGITS}}})(?:\.0*)?")
SHOWN = 40
"""How much of a bad cell a message shows."""
MISSING = frozenset({"", ".", "na"})
"""How a missing value is written: empty (ATOP's CSV), ``.`` (Stata) or ``NA`` (R)."""

DATA_END_YEAR = {4: 2016, 5: 2018}
"""The last year each ATOP release covers: a profile of an alliance in force is as of then."""
DEFAULT_RELEASE = "4.01"


@dataclass(frozen=True, slots=True)
class Alliance:
    """One row of the alliance-level file."""

    atopid: int
    line: int
    values: dict[str, int | None]
    listed_members: tuple[int, ...]
    """COW codes in mem1, mem2...: every state that was ever a member, with no dates."""
    version: str | None


@dataclass(frozen=True, slots=True)
class Membership:
    """One row of the member-level file: a state in an alliance (phase) between two dates."""

    atopid: int
    member: int
    entered: tuple[int, int, int]
    left: tuple[int, int, int] | None


@dataclass(frozen=True, slots=True)
class State:
    code: int
    abbreviation: str
    name: str


@dataclass(frozen=True, slots=True)
class Row:
    """The cells of one CSV row and where it is, for problems that name file and line."""

    file: str
    line: int
    cells: Sequence[str]

    def problem(self, message: str) -> Problem:
        return Problem(self.file, message, self.line)

    def cell(self, index: Mapping[str, int], name: str) -> str | None:
        position = index.get(name)
        if position is None or position >= len(self.cells):
            return None
        return self.cells[position].strip()


def column_index(header: Sequence[str]) -> dict[str, int]:
    """Column positions by name, matched without regard to case or surrounding spaces."""
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        index.setdefault(name.strip().lower(), position)
    return index


def missing_columns(index: Mapping[str, int], required: Iterable[str]) -> list[str]:
    return [name for name in required if name not in index]


def required_names(columns: Iterable[Column]) -> list[str]:
    return [column.name for column in columns if column.required]


def member_slots(index: Mapping[str, int]) -> list[str]:
    """The ``memN`` columns in numeric order (ATOP 4.01 has mem1..mem59)."""
    slots = [name for name in index if MEMBER_SLOT.match(name)]
    return sorted(slots, key=lambda name: int(name[3:]))


def whole_number(text: str) -> int | None:
    """The whole number in *text* (ASCII digits, at most MAX_DIGITS of them), else None."""
    match = _WHOLE.fullmatch(text)
    # "3.0", as some statistics packages write codes, is 3
    return int(match.group(1)) if match else None


def shown(text: str) -> str:
    """*text* for a message: quoted, and cut short with its length if it is long."""
    if len(text) <= SHOWN:
        return repr(text)
    return f"{text[:SHOWN]!r}... ({len(text):,} characters)"


def read_codes(
    row: Row, index: Mapping[str, int], columns: Iterable[Column]
) -> tuple[dict[str, int | None], list[Problem]]:
    """The columns' codes from one row, None where missing; a problem for each bad one."""
    values: dict[str, int | None] = {}
    problems: list[Problem] = []
    for column in columns:
        text = row.cell(index, column.name)
        values[column.name] = None
        if text is None or text.lower() in MISSING:
            if column.required:
                problems.append(row.problem(f"column {column.name!r}: missing value"))
            continue
        number = whole_number(text)
        if number is None:
            problems.append(
                row.problem(f"column {column.name!r}: expected a whole number, got {shown(text)}")
            )
        elif number < column.low or (column.high is not None and number > column.high):
            allowed = (
                f"{column.low}-{column.high}" if column.high is not None else f">= {column.low}"
            )
            problems.append(
                row.problem(f"column {column.name!r}: expected {allowed}, got {text!r}")
            )
        else:
            values[column.name] = number
    return values, problems


def check_width(row: Row, header: Sequence[str]) -> list[Problem]:
    """A row with fewer or more fields than the header cannot be read column by column."""
    if len(row.cells) == len(header):
        return []
    return [row.problem(f"the row has {len(row.cells)} fields but the header has {len(header)}")]


def parse_alliance(
    row: Row, header: Sequence[str], index: Mapping[str, int]
) -> Alliance | list[Problem]:
    """An alliance from one row of the alliance file, or every problem the row has."""
    if problems := check_width(row, header):
        return problems
    values, problems = read_codes(row, index, ALLIANCE_COLUMNS)
    # 0 as well as an empty cell marks an unused slot.
    slots = [Column(name, 0) for name in member_slots(index)]
    listed, slot_problems = read_codes(row, index, slots)
    problems += slot_problems
    begyr, endyr = values["begyr"], values["endyr"]
    if begyr is not None and endyr and endyr < begyr:
        problems.append(row.problem(f"column 'endyr': {endyr} is before begyr {begyr}"))
    version = row.cell(index, "version")
    if version is not None and version.lower() not in MISSING and not RELEASE.match(version):
        problems.append(
            row.problem(
                f"column 'version': expected an ATOP release number such as 4.01 or 5.1, "
                f"got {shown(version)}"
            )
        )
    if problems or values["atopid"] is None:
        return problems
    members = tuple(dict.fromkeys(code for code in listed.values() if code))
    if version is not None and version.lower() in MISSING:
        version = None
    return Alliance(values["atopid"], row.line, values, members, version)


def parse_membership(
    row: Row, header: Sequence[str], index: Mapping[str, int]
) -> Membership | list[Problem]:
    if problems := check_width(row, header):
        return problems
    values, problems = read_codes(row, index, MEMBER_COLUMNS)
    atopid, member, yrent, yrexit = (values[n] for n in ("atopid", "member", "yrent", "yrexit"))
    if problems or atopid is None or member is None or yrent is None or yrexit is None:
        return problems
    entered = (yrent, values["moent"] or 1, values["dayent"] or 1)
    left = (yrexit, values["moexit"] or 12, values["dayexit"] or 31) if yrexit else None
    return Membership(atopid, member, entered, left)


def parse_state(row: Row, header: Sequence[str], index: Mapping[str, int]) -> State | list[Problem]:
    if problems := check_width(row, header):
        return problems
    code, problems = read_codes(row, index, [Column("ccode", 1, None, True)])
    texts = {name: row.cell(index, name) or "" for name in STATE_COLUMNS[1:]}
    for name, text in texts.items():
        problems += [row.problem(f"column {name!r}: {why}") for why in _text_problems(name, text)]
    if problems or code["ccode"] is None:
        return problems
    return State(code["ccode"], texts["stateabb"], texts["statenme"])


def _text_problems(column: str, text: str) -> list[str]:
    """Why a state's abbreviation or name cannot go into a profile as it is, if it cannot."""
    longest = MAX_ABBREVIATION if column == "stateabb" else MAX_STATE_NAME
    if not text:
        return ["missing value"]
    if len(text) > longest:
        return [f"longer than {longest} characters: {shown(text)}"]
    bad = first_forbidden(text, prose=False)
    if bad is not None:
        return [f"contains {describe(text, bad)}; only printable text is allowed"]
    return []


def release_of(version: str | None) -> tuple[str, int]:
    """ATOP's release ("4.01") and its last year, from the ``version`` column ("4.0100002")."""
    if version is None or not RELEASE.match(version):
        return DEFAULT_RELEASE, DATA_END_YEAR[4]
    number = float(version)
    label = f"{number:.2f}"
    label = label[:-1] if label.endswith("0") else label
    return label, DATA_END_YEAR[5 if number >= 5 else 4]
