"""``allyeval import atop`` reading its files and writing its folder: every message exact.

Through the command line (CliRunner) where the message is the point: one line on stderr, exit
code 2, nothing on stdout. The ATOP files are the small fixture of ``tests/fixtures/atop``
(four real alliances), rewritten where a test needs a damaged or unusual file.
"""

from __future__ import annotations

import csv
import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from allyeval.atop import importer
from allyeval.atop.importer import run_import_atop
from allyeval.cli.app import app
from allyeval.core.errors import InputError, UsageError

FIXTURE = Path(__file__).parent / "fixtures" / "atop"
EXPECTED = FIXTURE / "expected"
ALLIANCES = FIXTURE / "alliances.csv"
MEMBERS = FIXTURE / "members.csv"
STATES = FIXTURE / "states.csv"
ALL = ["atop-2470.yaml", "atop-3180.yaml", "atop-3285.yaml", "atop-3375.yaml"]

runner = CliRunner()


def cli(*args: str | Path) -> Any:
    return runner.invoke(app, ["import", "atop", *(str(a) for a in args)])


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(target: Path, rows: list[list[str]]) -> Path:
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return target


def rewrite(
    source: Path, target: Path, change: Callable[[list[list[str]]], list[list[str]]]
) -> Path:
    return write_rows(target, change(rows_of(source)))


def written(out: Path) -> list[str]:
    return sorted(path.name for path in out.iterdir())


def same_as_expected(out: Path, *names: str) -> bool:
    return all((out / n).read_bytes() == (EXPECTED / n).read_bytes() for n in names)


# --- the options -----------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["999", "3000", "-5"])
def test_an_as_of_year_outside_1000_to_2999_is_refused(tmp_path: Path, year: str) -> None:
    result = cli(ALLIANCES, "-o", tmp_path / "out", "--as-of", year)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"allyeval: error: --as-of {year} is not a year between 1000 and 2999\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("year", [1000, 2999])
def test_the_first_and_last_years_allowed_are_accepted(tmp_path: Path, year: int) -> None:
    code = run_import_atop(
        str(ALLIANCES), str(tmp_path / "out"), members_csv=str(MEMBERS), ids=[3375],
        as_of_year=year,
    )  # fmt: skip
    assert code == 0
    assert written(tmp_path / "out") == ["atop-3375.yaml"]


def test_a_model_that_is_not_known_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as raised:
        run_import_atop(str(ALLIANCES), str(tmp_path / "out"), model="practise")
    assert str(raised.value) == "--model 'practise' is not one of practice, treaty-design"
    assert not (tmp_path / "out").exists()


def test_an_empty_id_list_imports_every_alliance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = run_import_atop(
        str(ALLIANCES), str(out), members_csv=str(MEMBERS), states_csv=str(STATES), ids=[]
    )
    assert code == 0
    assert written(out) == ALL
    assert same_as_expected(out, *ALL)
    assert capsys.readouterr().err == f"allyeval: wrote 4 profiles to {out} (0 rows skipped)\n"


def test_ids_not_in_the_file_are_each_reported_in_order_and_fail_the_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli(ALLIANCES, "--members", MEMBERS, "--states", STATES, "-o", out,
                 "--id", "9999", "--id", "3375", "--id", "42")  # fmt: skip
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{ALLIANCES}: error: alliance 42 (--id) is not in the file",
        f"{ALLIANCES}: error: alliance 9999 (--id) is not in the file",
        f"allyeval: wrote 1 profile to {out} (0 rows skipped)",
    ]
    assert written(out) == ["atop-3375.yaml"]
    assert same_as_expected(out, "atop-3375.yaml")


# --- the summary line and the files written --------------------------------------------------


def test_a_clean_import_through_the_cli_says_only_the_summary_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli(ALLIANCES, "--members", MEMBERS, "--states", STATES, "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"allyeval: wrote 4 profiles to {out} (0 rows skipped)\n"
    assert written(out) == ALL
    assert same_as_expected(out, *ALL)


def test_one_profile_one_row_skipped_and_one_file_kept_are_singular(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "atop-3180.yaml").write_text("kept\n", encoding="utf-8")

    def repeat(rows: list[list[str]]) -> list[list[str]]:
        return [r for r in rows if r[0] != "3285"] + [rows[4][:1] + ["x"]]

    broken = rewrite(ALLIANCES, tmp_path / "a.csv", repeat)
    result = cli(broken, "--members", MEMBERS, "--states", STATES, "-o", out, "--id", "3180",
                 "--id", "3375")  # fmt: skip
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{broken}:5: error: atopid 3375 is already on line 4",
        f"allyeval: {out / 'atop-3180.yaml'} exists; use --force to overwrite",
        f"allyeval: wrote 1 profile to {out} (1 row skipped, 1 existing file kept)",
    ]
    assert (out / "atop-3180.yaml").read_text(encoding="utf-8") == "kept\n"


def test_plural_counts_in_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("atop-3180.yaml", "atop-3285.yaml"):
        (out / name).write_text("kept\n", encoding="utf-8")

    def damage(rows: list[list[str]]) -> list[list[str]]:
        for row in rows[1:]:
            if row[0] in ("2470", "3375"):
                row[3] = "x"  # begyr
        return rows

    broken = rewrite(ALLIANCES, tmp_path / "a.csv", damage)
    result = cli(broken, "--members", MEMBERS, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"allyeval: wrote 0 profiles to {out} (2 rows skipped, 2 existing files kept)"
    )


def test_one_profile_written_and_nothing_skipped(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli(ALLIANCES, "--members", MEMBERS, "-o", out, "--id", "2470")
    assert result.exit_code == 0
    assert result.stderr == f"allyeval: wrote 1 profile to {out} (0 rows skipped)\n"


def test_force_overwrites_every_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ALL:
        (out / name).write_text("old\n", encoding="utf-8")
    result = cli(ALLIANCES, "--members", MEMBERS, "--states", STATES, "-o", out, "--force")
    assert result.exit_code == 0
    assert result.stderr == f"allyeval: wrote 4 profiles to {out} (0 rows skipped)\n"
    assert same_as_expected(out, *ALL)


def test_the_output_folder_and_its_parents_are_created_or_reused(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "profiles"
    assert cli(ALLIANCES, "--members", MEMBERS, "-o", out, "--id", "3375").exit_code == 0
    assert written(out) == ["atop-3375.yaml"]
    again = cli(ALLIANCES, "--members", MEMBERS, "-o", out, "--id", "2470")
    assert again.exit_code == 0
    assert written(out) == ["atop-2470.yaml", "atop-3375.yaml"]


def test_an_output_folder_that_is_a_file_is_one_error(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("mine\n", encoding="utf-8")
    result = cli(ALLIANCES, "--members", MEMBERS, "-o", target)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"allyeval: error: -o {target} is a file; name a folder for the profiles\n"
    )
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_an_output_folder_that_cannot_be_created_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    target = tmp_path / "file" / "profiles"
    result = cli(ALLIANCES, "--members", MEMBERS, "-o", target)
    assert result.exit_code == 2
    assert result.stderr == f"allyeval: error: cannot create -o {target}: Not a directory\n"


# --- the header ------------------------------------------------------------------------------


def test_missing_columns_are_named_together_in_file_order(tmp_path: Path) -> None:
    def drop(rows: list[list[str]]) -> list[list[str]]:
        gone = {rows[0].index("endyr"), rows[0].index("begyr")}
        return [[cell for i, cell in enumerate(row) if i not in gone] for row in rows]

    broken = rewrite(ALLIANCES, tmp_path / "a.csv", drop)
    result = cli(broken, "--members", MEMBERS, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{broken}:1: error: missing required columns 'begyr', 'endyr' in the header\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_member_file_and_a_state_list_without_their_columns(tmp_path: Path) -> None:
    # without cowid, cow4id and member
    members = rewrite(MEMBERS, tmp_path / "m.csv", lambda rows: [r[:1] + r[4:] for r in rows])
    result = cli(ALLIANCES, "--members", members, "-o", tmp_path / "out")
    assert result.stderr == f"{members}:1: error: missing required column 'member' in the header\n"
    states = rewrite(STATES, tmp_path / "s.csv", lambda rows: [r[1:] for r in rows])
    result = cli(ALLIANCES, "--states", states, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == (
        f"{states}:1: error: missing required column 'stateabb' in the header\n"
    )


def test_without_mem_columns_the_member_file_is_needed(tmp_path: Path) -> None:
    def drop_members(rows: list[list[str]]) -> list[list[str]]:
        keep = [i for i, name in enumerate(rows[0]) if not name.startswith("mem")]
        return [[row[i] for i in keep] for row in rows]

    alliances = rewrite(ALLIANCES, tmp_path / "a.csv", drop_members)
    result = cli(alliances, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{alliances}:1: error: has no mem1, mem2... columns; give the member file (--members)\n"
    )
    out = tmp_path / "with"
    assert cli(alliances, "--members", MEMBERS, "--states", STATES, "-o", out).exit_code == 0
    assert written(out) == ALL
    assert same_as_expected(out, "atop-3180.yaml", "atop-3285.yaml", "atop-2470.yaml")


# --- opening and reading the files -----------------------------------------------------------


def test_a_folder_given_as_a_file_is_one_error(tmp_path: Path) -> None:
    result = cli(FIXTURE, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"{FIXTURE}: error: is a directory, not a CSV file\n"
    result = cli(ALLIANCES, "--states", FIXTURE, "-o", tmp_path / "out")
    assert result.stderr == f"{FIXTURE}: error: is a directory, not a CSV file\n"


def test_a_missing_member_file_is_one_error(tmp_path: Path) -> None:
    result = cli(ALLIANCES, "--members", tmp_path / "m.csv", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'm.csv'}: error: no such file\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "cannot be read: permission denied"),
        (OSError(errno.EIO, "Input/output error"), "cannot be read: Input/output error"),
        (OSError("the disk went away"), "cannot be read: the disk went away"),
    ],
)
def test_a_file_that_cannot_be_opened_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str
) -> None:
    """Root reads a file whatever its mode, so the error is raised by a stand-in ``open``."""

    def refuse(path: str, *args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(importer, "open", refuse, raising=False)
    result = cli(ALLIANCES, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"{ALLIANCES}: error: {message}\n"


def test_files_are_opened_as_utf8_without_newline_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, dict[str, Any]]] = []

    def spy(path: str, *args: Any, **kwargs: Any) -> Any:
        seen.append((path, kwargs))
        return open(path, *args, **kwargs)  # noqa: SIM115 (closed by the importer)

    monkeypatch.setattr(importer, "open", spy, raising=False)
    out = tmp_path / "out"
    assert run_import_atop(str(ALLIANCES), str(out), states_csv=str(STATES), ids=[3375]) == 0
    assert seen == [(str(STATES), {"encoding": "utf-8-sig", "newline": ""}),
                    (str(ALLIANCES), {"encoding": "utf-8-sig", "newline": ""})]  # fmt: skip


def test_a_file_saved_with_a_byte_order_mark_reads_the_same(tmp_path: Path) -> None:
    """Excel writes UTF-8 with a byte order mark; left on, it would hide the first column."""
    alliances = tmp_path / "a.csv"
    alliances.write_bytes(b"\xef\xbb\xbf" + ALLIANCES.read_bytes())
    members = tmp_path / "m.csv"
    members.write_bytes(b"\xef\xbb\xbf" + MEMBERS.read_bytes())
    out = tmp_path / "out"
    result = cli(alliances, "--members", members, "--states", STATES, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert written(out) == ALL


def test_a_line_break_inside_a_quoted_cell_is_read_as_written(tmp_path: Path) -> None:
    """newline="" hands the csv module the file's own line ends: a CR LF quoted inside a state
    name is reported as the carriage return it starts with, on the line where the row ends."""
    states = tmp_path / "s.csv"
    text = STATES.read_text(encoding="utf-8").replace(
        "USA,2,United States of America,", 'USA,2,"United\r\nStates",'
    )
    states.write_bytes(text.encode("utf-8"))
    result = cli(ALLIANCES, "--members", MEMBERS, "--states", states, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{states}:3: error: column 'statenme': contains the control character U+000D at "
        "character 7; only printable text is allowed"
    )


def test_an_empty_file_has_no_header(tmp_path: Path) -> None:
    empty = tmp_path / "a.csv"
    empty.write_bytes(b"")
    result = cli(empty, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"{empty}: error: is empty: no header row\n"


def test_a_file_that_is_not_utf8_is_one_error_on_the_line_at_fault(tmp_path: Path) -> None:
    latin = tmp_path / "s.csv"
    latin.write_bytes(STATES.read_bytes().replace(b"Canada", b"Canad\xe1"))
    result = cli(ALLIANCES, "--states", latin, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"{latin}:3: error: is not UTF-8 text; save it as UTF-8\n"


def test_a_file_that_is_not_utf8_on_its_last_line_is_located_there(tmp_path: Path) -> None:
    """The decoder reads 8 KiB at a time, ahead of the rows: the bad byte at the end of a
    member file longer than that is still reported on its own line."""
    members = tmp_path / "m.csv"
    raw = MEMBERS.read_bytes()
    assert len(raw) > 9000
    last = raw.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    members.write_bytes(raw.replace(last, last.replace(b"4.01", b"4.0\xff")))
    result = cli(ALLIANCES, "--members", members, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"{members}:55: error: is not UTF-8 text; save it as UTF-8\n"
    assert not (tmp_path / "out").exists()


def test_a_cell_beyond_the_csv_field_limit_is_one_error(tmp_path: Path) -> None:
    huge = "x" * 200_000
    header = rewrite(STATES, tmp_path / "h.csv", lambda rows: [[*rows[0][:-1], huge], *rows[1:]])
    result = cli(ALLIANCES, "--states", header, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == (
        f"{header}:1: error: is not a readable CSV file: field larger than field limit (131072)\n"
    )

    def long_name(rows: list[list[str]]) -> list[list[str]]:
        return [*rows[:4], [*rows[4][:2], huge, *rows[4][3:]], *rows[5:]]

    body = rewrite(STATES, tmp_path / "b.csv", long_name)
    result = cli(ALLIANCES, "--states", body, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == (
        f"{body}:5: error: is not a readable CSV file: field larger than field limit (131072)\n"
    )
    assert not (tmp_path / "out").exists()


def test_blank_rows_are_skipped_and_lines_still_counted(tmp_path: Path) -> None:
    def pad(rows: list[list[str]]) -> list[list[str]]:
        blank = [" "] * len(rows[0])
        return [rows[0], [], blank, rows[1], rows[2], blank, rows[3], [*rows[4][:3], "x"]]

    alliances = rewrite(ALLIANCES, tmp_path / "a.csv", pad)
    out = tmp_path / "out"
    result = cli(alliances, "--members", MEMBERS, "--states", STATES, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{alliances}:8: error: the row has 4 fields but the header has 134",
        f"allyeval: wrote 3 profiles to {out} (1 row skipped)",
    ]
    assert same_as_expected(out, "atop-2470.yaml", "atop-3180.yaml", "atop-3285.yaml")


# --- rows --------------------------------------------------------------------------------------


def test_a_repeated_atopid_keeps_the_first_row_and_reads_on(tmp_path: Path) -> None:
    def repeat(rows: list[list[str]]) -> list[list[str]]:
        nato = [*rows[2]]
        nato[3] = "1951"  # begyr: a different row with the same id
        return [rows[0], rows[1], rows[2], nato, rows[3], rows[4]]

    alliances = rewrite(ALLIANCES, tmp_path / "a.csv", repeat)
    out = tmp_path / "out"
    result = cli(alliances, "--members", MEMBERS, "--states", STATES, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{alliances}:4: error: atopid 3180 is already on line 3",
        f"allyeval: wrote 4 profiles to {out} (1 row skipped)",
    ]
    assert written(out) == ALL
    assert same_as_expected(out, *ALL)


def test_an_unreadable_atopid_is_reported_even_when_other_ids_are_asked_for(
    tmp_path: Path,
) -> None:
    def damage(rows: list[list[str]]) -> list[list[str]]:
        rows[2][0] = "NATO"
        return rows

    alliances = rewrite(ALLIANCES, tmp_path / "a.csv", damage)
    out = tmp_path / "out"
    result = cli(alliances, "--members", MEMBERS, "-o", out, "--id", "3375")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{alliances}:3: error: column 'atopid': expected a whole number, got 'NATO'",
        f"allyeval: wrote 1 profile to {out} (1 row skipped)",
    ]
    assert written(out) == ["atop-3375.yaml"]


def test_member_rows_of_alliances_not_imported_are_not_read(tmp_path: Path) -> None:
    def damage(rows: list[list[str]]) -> list[list[str]]:
        position = rows[0].index("yrent")
        for row in rows[1:]:
            if row[0] != "3375":
                row[position] = "x"
        return rows

    members = rewrite(MEMBERS, tmp_path / "m.csv", damage)
    out = tmp_path / "out"
    result = cli(ALLIANCES, "--members", members, "--states", STATES, "-o", out, "--id", "3375")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"allyeval: wrote 1 profile to {out} (0 rows skipped)\n"
    assert same_as_expected(out, "atop-3375.yaml")


def test_the_member_rows_give_the_members_not_the_mem_columns(tmp_path: Path) -> None:
    """NATO's mem1..mem59 list every state that ever joined; its member rows say who was a
    member on the date of the profile. Rows for other alliances before and after are skipped,
    not the end of reading."""
    out = tmp_path / "out"
    result = cli(ALLIANCES, "--members", MEMBERS, "--states", STATES, "-o", out, "--id", "3180")
    assert result.exit_code == 0, result.stderr
    assert same_as_expected(out, "atop-3180.yaml")
    without = tmp_path / "without"
    assert cli(ALLIANCES, "--states", STATES, "-o", without, "--id", "3180").exit_code == 0
    assert (without / "atop-3180.yaml").read_bytes() != (out / "atop-3180.yaml").read_bytes()


def test_a_state_listed_twice_keeps_its_first_row(tmp_path: Path) -> None:
    def twice(rows: list[list[str]]) -> list[list[str]]:
        usa = [*rows[1]]
        usa[0], usa[2] = "UXA", "Another Name"
        return [rows[0], rows[1], usa, *rows[2:]]

    states = rewrite(STATES, tmp_path / "s.csv", twice)
    out = tmp_path / "out"
    result = cli(ALLIANCES, "--members", MEMBERS, "--states", states, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert same_as_expected(out, *ALL)


def test_bad_state_rows_are_counted_once_each(tmp_path: Path) -> None:
    def damage(rows: list[list[str]]) -> list[list[str]]:
        rows[1][1] = "x"
        rows[2][0], rows[2][2] = "", ""
        return rows

    states = rewrite(STATES, tmp_path / "s.csv", damage)
    out = tmp_path / "out"
    result = cli(ALLIANCES, "--members", MEMBERS, "--states", states, "-o", out, "--id", "2470")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{states}:2: error: column 'ccode': expected a whole number, got 'x'",
        f"{states}:3: error: column 'stateabb': missing value",
        f"{states}:3: error: column 'statenme': missing value",
        f"allyeval: wrote 1 profile to {out} (2 rows skipped)",
    ]


# --- drafts that allyeval itself would refuse (a bug in the draft builder, reported) --------


def _break_drafts(
    monkeypatch: pytest.MonkeyPatch, change: Callable[[dict[str, Any]], None]
) -> None:
    """Make the draft builder hand on each profile after *change* (a bug in the builder)."""
    build = importer.build_profile

    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        profile = build(*args, **kwargs)
        change(profile)
        return profile

    monkeypatch.setattr(importer, "build_profile", broken)


def test_a_draft_the_profile_model_refuses_is_a_bad_row_naming_the_first_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(profile: dict[str, Any]) -> None:
        first = next(iter(profile["ratings"]))
        profile["ratings"][first]["level"] = 9
        profile["members"] = []

    _break_drafts(monkeypatch, broken)
    out = tmp_path / "out"
    result = cli(ALLIANCES, "--members", MEMBERS, "-o", out, "--id", "3375")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{ALLIANCES}:5: error: alliance 3375: the draft profile would not be valid (members: "
        "List should have at least 1 item after validation, not 0)",
        f"allyeval: wrote 0 profiles to {out} (1 row skipped)",
    ]
    assert written(out) == []


def test_a_draft_nested_field_is_named_with_dots(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(profile: dict[str, Any]) -> None:
        profile["ratings"]["formal_commitment"]["level"] = 9

    _break_drafts(monkeypatch, broken)
    result = cli(ALLIANCES, "--members", MEMBERS, "-o", tmp_path / "out", "--id", "3375")
    assert result.stderr.splitlines()[0] == (
        f"{ALLIANCES}:5: error: alliance 3375: the draft profile would not be valid "
        "(ratings.formal_commitment.rated.level: Input should be less than or equal to 4)"
    )


def test_a_draft_rating_indicators_outside_its_criteria_is_a_bad_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(profile: dict[str, Any]) -> None:
        rating = next(iter(profile["ratings"].values()))
        profile["ratings"]["zeta_made_up"] = dict(rating)
        profile["ratings"]["alpha_made_up"] = dict(rating)

    _break_drafts(monkeypatch, broken)
    out = tmp_path / "out"
    result = cli(ALLIANCES, "--members", MEMBERS, "-o", out, "--id", "2470")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{ALLIANCES}:2: error: alliance 2470: rates alpha_made_up, zeta_made_up, not in the "
        "criteria allyeval-default",
        f"allyeval: wrote 0 profiles to {out} (1 row skipped)",
    ]


def test_a_draft_that_reads_back_as_nothing_is_a_bad_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "render_profile_yaml", lambda profile: "# nothing\n")
    result = cli(ALLIANCES, "--members", MEMBERS, "-o", tmp_path / "out", "--id", "3375")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{ALLIANCES}:5: error: alliance 3375: the draft profile would not read back as written"
    )


def test_treaty_design_drafts_are_checked_against_the_treaty_design_criteria(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    result = cli(ALLIANCES, "--members", MEMBERS, "--states", STATES, "-o", out,
                 "--model", "treaty-design")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    reviewed = FIXTURE / "expected-treaty-design"
    for name in ALL:
        assert (out / name).read_bytes() == (reviewed / name).read_bytes()


def test_errors_reading_raise_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(InputError) as raised:
        run_import_atop(str(ALLIANCES), str(out), members_csv=str(tmp_path / "none.csv"))
    assert str(raised.value) == f"{tmp_path / 'none.csv'}: error: no such file"
    assert not out.exists()
