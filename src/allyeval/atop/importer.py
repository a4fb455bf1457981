"""The work behind ``allyeval import atop``: ATOP CSV files in, one draft profile per alliance out.

Every input is read and checked before anything is written. A bad row is reported on stderr
(file, line and column) and skipped while the import goes on; the exit code is 2 at the end
if any row failed, an ``--id`` was not found or an existing profile was kept. A missing file
or a header without a required column stops the import at once (an InputError).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from allyeval.atop.data import (
    ALLIANCE_COLUMNS,
    MEMBER_COLUMNS,
    STATE_COLUMNS,
    Alliance,
    Membership,
    Row,
    State,
    column_index,
    member_slots,
    missing_columns,
    parse_alliance,
    parse_membership,
    parse_state,
    required_names,
    whole_number,
)
from allyeval.atop.drafts import MODELS, PRACTICE, build_profile, render_profile_yaml
from allyeval.atop.treaty_mapping import TREATY_MODEL
from allyeval.core import plainyaml
from allyeval.core.builtin import DEFAULT_MODEL
from allyeval.core.errors import EXIT_INPUT_ERROR, EXIT_OK, InputError, Problem, UsageError
from allyeval.core.loader import builtin_criteria
from allyeval.core.models import Profile
from allyeval.core.output import open_output


@dataclass
class Tally:
    """What went wrong so far; any of it makes the exit code 2."""

    rows_skipped: int = 0
    other_failures: int = 0
    written: int = 0
    kept: list[str] = field(default_factory=list)

    def skip(self, problems: Sequence[Problem]) -> None:
        self.rows_skipped += 1
        for problem in problems:
            _diagnose(str(problem))


def _diagnose(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_import_atop(
    alliance_csv: str,
    output_dir: str,
    *,
    members_csv: str | None = None,
    states_csv: str | None = None,
    ids: list[int] | None = None,
    as_of_year: int | None = None,
    force: bool = False,
    model: str = PRACTICE,
) -> int:
    """Write ``atop-<id>.yaml`` into *output_dir* for each alliance, rated against *model*
    (``practice`` or ``treaty-design``); return the exit code."""
    if as_of_year is not None and not 1000 <= as_of_year <= 2999:
        raise UsageError(f"--as-of {as_of_year} is not a year between 1000 and 2999")
    if model not in MODELS:
        raise UsageError(f"--model {model!r} is not one of {', '.join(MODELS)}")
    tally = Tally()
    wanted = set(ids) if ids else None
    states = _read_states(states_csv, tally) if states_csv else None
    alliances = _read_alliances(alliance_csv, wanted, tally, with_member_file=bool(members_csv))
    memberships = _read_memberships(members_csv, set(alliances), tally) if members_csv else None
    target = _output_folder(output_dir)
    for alliance in alliances.values():
        rows = None if memberships is None else memberships.get(alliance.atopid, [])
        text = _profile_text(alliance, alliance_csv, rows, states, as_of_year, tally, model)
        if text is not None:
            _write(target / f"atop-{alliance.atopid}.yaml", text, force, tally)
    _summarise(output_dir, tally)
    failed = tally.rows_skipped or tally.other_failures or tally.kept
    return EXIT_INPUT_ERROR if failed else EXIT_OK


def _profile_text(
    alliance: Alliance,
    path: str,
    memberships: list[Membership] | None,
    states: dict[int, State] | None,
    as_of_year: int | None,
    tally: Tally,
    model: str = PRACTICE,
) -> str | None:
    where = Row(path, alliance.line, ())
    try:
        profile = build_profile(
            alliance, memberships=memberships, states=states, as_of_year=as_of_year, model=model
        )
        # A draft that allyeval itself would refuse is a bug here, not the analyst's problem
        # later: check it against the same model the loader uses before writing it.
        draft = Profile.model_validate(profile)
        criteria = builtin_criteria(TREATY_MODEL if model == TREATY_MODEL else DEFAULT_MODEL)
        unknown = sorted(set(profile["ratings"]) - set(criteria.indicators))
        if unknown:
            raise ValueError(f"rates {', '.join(unknown)}, not in the criteria {criteria.name}")
        text = render_profile_yaml(profile)
        # ...and that what is written reads back as that same profile
        if _read_back(text) != draft:
            raise ValueError("the draft profile would not read back as written")
    except ValueError as exc:  # pydantic's ValidationError is a ValueError too
        tally.skip([where.problem(f"alliance {alliance.atopid}: {_why(exc)}")])
        return None
    return text


def _read_back(text: str) -> Profile | None:
    try:
        node = plainyaml.compose(text)
        return None if node is None else Profile.model_validate(plainyaml.construct(node))
    except (plainyaml.YamlProblem, ValidationError):
        return None


def _why(exc: ValueError) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        place = ".".join(str(step) for step in first["loc"])
        return f"the draft profile would not be valid ({place}: {first['msg']})"
    return str(exc)


def _write(path: Path, text: str, force: bool, tally: Tally) -> None:
    if path.exists() and not force:
        tally.kept.append(str(path))
        _diagnose(f"allyeval: {path} exists; use --force to overwrite")
        return
    with open_output(str(path)) as handle:
        handle.write(text)
    tally.written += 1


def _summarise(output_dir: str, tally: Tally) -> None:
    skipped = tally.rows_skipped
    line = (
        f"allyeval: wrote {tally.written} profile{'' if tally.written == 1 else 's'} "
        f"to {output_dir} ({skipped} row{'' if skipped == 1 else 's'} skipped"
    )
    if tally.kept:
        line += f", {len(tally.kept)} existing file{'' if len(tally.kept) == 1 else 's'} kept"
    _diagnose(line + ")")


def _output_folder(output_dir: str) -> Path:
    target = Path(output_dir)
    if target.exists() and not target.is_dir():
        raise UsageError(f"-o {output_dir} is a file; name a folder for the profiles")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create -o {output_dir}: {exc.strerror or exc}") from None
    return target


# --- reading -------------------------------------------------------------------------------


def _read_alliances(
    path: str, wanted: set[int] | None, tally: Tally, *, with_member_file: bool
) -> dict[int, Alliance]:
    """The alliances to import, by ATOP id, in file order; bad rows reported and skipped."""
    alliances: dict[int, Alliance] = {}
    first_line: dict[int, int] = {}
    with _csv_rows(path) as (header, rows):
        index = _check_header(path, header, required_names(ALLIANCE_COLUMNS))
        if not with_member_file and not member_slots(index):
            raise InputError(
                [Problem(path, "has no mem1, mem2... columns; give the member file (--members)", 1)]
            )
        for row in rows:
            atopid = _atopid(row, index)
            if atopid is None:
                pass  # unreadable: parse_alliance reports it, whatever --id asks for
            elif wanted is not None and atopid not in wanted:
                continue
            elif atopid in first_line:
                message = f"atopid {atopid} is already on line {first_line[atopid]}"
                tally.skip([row.problem(message)])
                continue
            else:
                first_line[atopid] = row.line
            parsed = parse_alliance(row, header, index)
            if isinstance(parsed, Alliance):
                alliances[parsed.atopid] = parsed
            else:
                tally.skip(parsed)
    for atopid in sorted((wanted or set()) - set(first_line)):
        tally.other_failures += 1
        _diagnose(str(Problem(path, f"alliance {atopid} (--id) is not in the file")))
    return alliances


def _atopid(row: Row, index: dict[str, int]) -> int | None:
    return whole_number(row.cell(index, "atopid") or "")


def _read_memberships(path: str, atopids: set[int], tally: Tally) -> dict[int, list[Membership]]:
    """Member rows of the alliances being imported; the others are not read at all."""
    found: dict[int, list[Membership]] = {}
    with _csv_rows(path) as (header, rows):
        index = _check_header(path, header, required_names(MEMBER_COLUMNS))
        for row in rows:
            atopid = _atopid(row, index)
            if atopid is not None and atopid not in atopids:
                continue
            parsed = parse_membership(row, header, index)
            if isinstance(parsed, Membership):
                found.setdefault(parsed.atopid, []).append(parsed)
            else:
                tally.skip(parsed)
    return found


def _read_states(path: str, tally: Tally) -> dict[int, State]:
    """COW states by code; a code listed for several periods keeps its first row."""
    states: dict[int, State] = {}
    with _csv_rows(path) as (header, rows):
        index = _check_header(path, header, list(STATE_COLUMNS))
        for row in rows:
            parsed = parse_state(row, header, index)
            if isinstance(parsed, State):
                states.setdefault(parsed.code, parsed)
            else:
                tally.skip(parsed)
    return states


def _check_header(path: str, header: Sequence[str], required: list[str]) -> dict[str, int]:
    """Column positions by name; one error naming every required column that is missing."""
    index = column_index(header)
    missing = missing_columns(index, required)
    if missing:
        names = ", ".join(repr(name) for name in missing)
        plural = "s" if len(missing) > 1 else ""
        raise InputError(
            [Problem(path, f"missing required column{plural} {names} in the header", 1)]
        )
    return index


@contextmanager
def _csv_rows(path: str) -> Iterator[tuple[list[str], Iterator[Row]]]:
    """The header (cells as written) and the non-empty rows of a UTF-8 CSV file."""
    handle = _open(path)
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError([Problem(path, "is empty: no header row")]) from None
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError([_unreadable(path, exc, 1)]) from None

        def rows() -> Iterator[Row]:
            try:
                for cells in reader:
                    if any(cell.strip() for cell in cells):
                        yield Row(path, reader.line_num, cells)
            except (csv.Error, UnicodeDecodeError) as exc:
                raise InputError([_unreadable(path, exc, reader.line_num)]) from None

        yield header, rows()


def _unreadable(path: str, exc: Exception, line: int) -> Problem:
    """Why the file cannot be read, at the CSV reader's *line*; text that is not UTF-8 is
    located on its own line (the reader decodes ahead of the rows it has given)."""
    if isinstance(exc, UnicodeDecodeError):
        return Problem(path, "is not UTF-8 text; save it as UTF-8", _first_line_not_utf8(path))
    return Problem(path, f"is not a readable CSV file: {exc}", line)


def _first_line_not_utf8(path: str) -> int | None:
    """The number of the first line of *path* that is not UTF-8 (a line feed is never part of
    a longer UTF-8 sequence, so each line decodes on its own; a byte order mark is UTF-8)."""
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return None  # pragma: no cover - the file changed since it was read


def _open(path: str) -> TextIO:
    try:
        return open(path, encoding="utf-8-sig", newline="")  # closed by _csv_rows
    except FileNotFoundError:
        raise InputError([Problem(path, "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(path, "is a directory, not a CSV file")]) from None
    except PermissionError:
        raise InputError([Problem(path, "cannot be read: permission denied")]) from None
    except OSError as exc:
        raise InputError([Problem(path, f"cannot be read: {exc.strerror or exc}")]) from None
