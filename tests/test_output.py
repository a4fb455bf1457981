"""Where a report goes (core/output.py): ``-o`` never loses a file, writes to devices, FIFOs
and /dev/stdout in place, and every output error is one line on stderr with exit 2."""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from allyeval.cli.app import app
from allyeval.core.output import _removed_on_signal
from conftest import MINIMAL_PROFILE

Write = Callable[[str, str], Path]
PREVIOUS = "previous report, kept byte for byte\n"
CRITERIA = Path(__file__).parent.parent / "criteria" / "default.yaml"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def allyeval(*args: str, **settings: object) -> subprocess.Popen[bytes]:
    """The command as a user starts it: a process of its own, ``python -m allyeval``."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "FORCE_COLOR"}}
    env.update(settings.pop("env", {}))  # type: ignore[call-overload]
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "allyeval", *args], env=env, **settings
    )


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, err = process.communicate(timeout=60)
    return process.returncode, err.decode() if err else ""


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


# -- the run produced nothing: the previous file stays ----------------------------------------


@pytest.mark.parametrize("output_format", ["json", "table", "csv", "markdown", "html"])
def test_run_scoring_nothing_leaves_the_previous_file(
    write: Write, tmp_path: Path, output_format: str
) -> None:
    target = write("out.txt", PREVIOUS)
    bad = write("bad.yaml", "id: [unclosed\n")
    result = invoke("score", str(bad), str(tmp_path / "nope.yaml"), "-f", output_format,
                    "-o", str(target))  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"allyeval: no profile was scored, so --output {target} was not written"
    )
    assert target.read_bytes() == PREVIOUS.encode()
    assert leftovers(tmp_path) == []


def test_run_scoring_nothing_creates_no_file(write: Write, tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    result = invoke("score", str(tmp_path / "nope.yaml"), "-f", "json", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{tmp_path / 'nope.yaml'}: error: no such file\n"
        f"allyeval: no profile was scored, so --output {target} was not written\n"
    )
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_partial_failure_writes_the_profiles_that_scored(write: Write, tmp_path: Path) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    target = write("out.json", PREVIOUS)
    result = invoke("score", str(good), str(tmp_path / "nope.yaml"), "-f", "json",
                    "-o", str(target))  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nope.yaml'}: error: no such file\n"
    assert [r["path"] for r in json.loads(target.read_text(encoding="utf-8"))] == [str(good)]


@pytest.mark.parametrize("output_format", ["html", "svg"])
def test_document_of_a_run_scoring_nothing_is_empty(tmp_path: Path, output_format: str) -> None:
    result = invoke("score", str(tmp_path / "nope.yaml"), "-f", output_format)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"{tmp_path / 'nope.yaml'}: error: no such file\n"


def test_stdout_of_a_run_scoring_nothing_is_still_the_empty_report(tmp_path: Path) -> None:
    result = invoke("score", str(tmp_path / "nope.yaml"), "-f", "json")
    assert result.exit_code == 2
    assert result.stdout == "[]\n"


# -- the file keeps what it was: mode, link ---------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_existing_file_keeps_its_mode(write: Write, tmp_path: Path, mode: int) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    target = write("out.json", PREVIOUS)
    target.chmod(mode)
    result = invoke("score", str(good), "-f", "json", "-o", str(target))
    assert result.exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert json.loads(target.read_text(encoding="utf-8"))[0]["id"] == "test-pact"


def test_new_file_gets_the_mode_the_umask_allows(write: Write, tmp_path: Path) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    target = tmp_path / "new.json"
    old = os.umask(0o027)
    try:
        result = invoke("score", str(good), "-f", "json", "-o", str(target))
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_link_to_a_file_stays_a_link(write: Write, tmp_path: Path) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    real = write("2024.json", PREVIOUS)
    link = tmp_path / "latest.json"
    link.symlink_to(real.name)
    result = invoke("score", str(good), "-f", "json", "-o", str(link))
    assert result.exit_code == 0
    assert link.is_symlink() and os.readlink(link) == real.name
    assert json.loads(real.read_text(encoding="utf-8"))[0]["id"] == "test-pact"
    assert leftovers(tmp_path) == []


# -- targets that are not regular files are written in place ----------------------------------


def test_dev_null_is_written_not_replaced(write: Write) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(good), "-o", os.devnull)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_fifo_is_written_not_replaced(write: Write, tmp_path: Path) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read)
    reader.start()
    result = invoke("score", str(good), "-f", "json", "-o", str(fifo))
    reader.join(timeout=60)
    assert result.exit_code == 0
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0])[0]["score"] == 75.0
    assert leftovers(tmp_path) == []


def test_dev_stdout_appends_to_the_file_the_shell_opened(write: Write, tmp_path: Path) -> None:
    """``allyeval ... -o /dev/stdout >> log``: written through the link, appended, the link
    left alone (renaming over it as root would replace /dev/stdout itself)."""
    good = write("p.yaml", MINIMAL_PROFILE)
    log = write("log.csv", "earlier line\n")
    with open(log, "ab") as appended:
        process = allyeval("score", str(good), "-f", "csv", "-o", "/dev/stdout", stdout=appended,
                           stderr=subprocess.PIPE, cwd=tmp_path)  # fmt: skip
        code, err = finish(process)
    assert (code, err) == (0, "")
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "earlier line"
    assert lines[1].startswith("id,name,path,")
    assert lines[2].startswith("test-pact,Test Pact,")
    assert os.path.islink("/dev/stdout")


# -- refused before any work ------------------------------------------------------------------


def test_path_ending_in_a_slash_is_refused(write: Write, tmp_path: Path) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    target = f"{tmp_path / 'x'}/"
    for command in (["score", str(good)], ["compare", str(good), str(good)]):
        result = invoke(*command, "-o", target)
        assert result.exit_code == 2
        assert result.stderr == (
            f"allyeval: error: --output {target} ends with '/'; name a file, not a folder\n"
        )
    assert not (tmp_path / "x").exists()


def test_existing_folder_is_refused(write: Write, tmp_path: Path) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    (tmp_path / "reports").mkdir()
    result = invoke("score", str(good), "-o", str(tmp_path / "reports"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"allyeval: error: --output {tmp_path / 'reports'} is a directory; name a file\n"
    )


def test_init_refuses_a_path_ending_in_a_slash(tmp_path: Path) -> None:
    target = f"{tmp_path / 'new'}/"
    result = invoke("init", "-o", target, "--name", "X", "--kind", "bilateral", "-m", "US",
                    "-m", "GB")  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        f"allyeval: error: --output {target} ends with '/'; name a file, not a folder\n"
    )


def test_init_says_a_folder_is_a_folder_before_it_says_it_exists(tmp_path: Path) -> None:
    """An existing folder is not a file --force could overwrite: say what is wrong with it."""
    (tmp_path / "drafts").mkdir()
    for target, problem in [
        (f"{tmp_path / 'drafts'}/", "ends with '/'; name a file, not a folder"),
        (str(tmp_path / "drafts"), "is a directory; name a file"),
    ]:
        for force in ([], ["--force"]):
            result = invoke("init", "-o", target, *force)
            assert result.exit_code == 2
            assert result.stderr == f"allyeval: error: --output {target} {problem}\n"
    assert list((tmp_path / "drafts").iterdir()) == []


# -- signals: no temporary file is left -------------------------------------------------------


def _blocked_run(tmp_path: Path, good: Path, target: Path) -> subprocess.Popen[bytes]:
    """A run that has its temporary file open and waits on standard input: 'nope.yaml'
    fails first (its line on stderr says the run is under way), then '-' blocks. (With
    --criteria the files are read in order; without it, every file is read first to find the
    model it names, before the output is opened.)"""
    process = allyeval("score", "nope.yaml", "-", str(good), "-f", "json", "-o", str(target),
                       "--criteria", str(CRITERIA), stdin=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=tmp_path)  # fmt: skip
    assert process.stderr is not None
    ready, _, _ = select.select([process.stderr], [], [], 60)
    if not ready:  # never hang the suite: fail instead
        process.kill()
        pytest.fail("the run never reported the first file")
    assert process.stderr.readline() == b"nope.yaml: error: no such file\n"
    assert len(leftovers(tmp_path)) == 1
    return process


def test_sigterm_mid_write_removes_the_temporary_file(write: Write, tmp_path: Path) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    target = write("out.json", PREVIOUS)
    process = _blocked_run(tmp_path, good, target)
    process.send_signal(signal.SIGTERM)
    code, err = finish(process)
    assert code == -signal.SIGTERM
    assert err == ""
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == PREVIOUS.encode()


def test_sigint_mid_write_removes_the_temporary_file(write: Write, tmp_path: Path) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    target = write("out.json", PREVIOUS)
    process = _blocked_run(tmp_path, good, target)
    process.send_signal(signal.SIGINT)
    code, err = finish(process)
    assert (code, err) == (130, "allyeval: interrupted\n")
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == PREVIOUS.encode()


def test_signal_handlers_are_restored_after_the_write(write: Write, tmp_path: Path) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    before = [signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)]
    assert invoke("score", str(good), "-o", str(tmp_path / "out.txt")).exit_code == 0
    assert [signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)] == before


def test_forked_child_leaves_the_parents_temporary_file(tmp_path: Path) -> None:
    """Worker processes forked during the write inherit the handler (and a pool may end them
    with SIGTERM): in them it must remove nothing, and still end by the signal."""
    temporary = tmp_path / ".out.json.x.tmp"
    temporary.write_text("partial", encoding="utf-8")
    ready, started = os.pipe()
    with _removed_on_signal([str(temporary)]):
        child = os.fork()
        if child == 0:  # pragma: no cover - the child ends by the signal below
            # Only now: a signal that arrives while fork is still setting the child up is lost.
            os.write(started, b"!")
            signal.pause()
            os._exit(0)
        assert os.read(ready, 1) == b"!"
        os.kill(child, signal.SIGTERM)
        _, status = os.waitpid(child, 0)
    os.close(ready)
    os.close(started)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
    assert temporary.read_text(encoding="utf-8") == "partial"


def test_parallel_scoring_into_a_file(write: Write, tmp_path: Path) -> None:
    files = [str(write(f"p{i}.yaml", MINIMAL_PROFILE)) for i in range(4)]
    target = tmp_path / "out.jsonl"
    result = invoke("score", *files, "-f", "jsonl", "--jobs", "2", "-q", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert len(target.read_text(encoding="utf-8").splitlines()) == 4


# -- output errors: one line, exit 2, no traceback --------------------------------------------


def test_closed_stdout(write: Write, tmp_path: Path) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    process = allyeval("score", str(good), stderr=subprocess.PIPE,
                       preexec_fn=lambda: os.close(1))  # fmt: skip
    assert finish(process) == (
        2,
        "allyeval: error: cannot write the report: standard output is closed\n",
    )


def test_full_disk_on_stdout(write: Write) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    with open("/dev/full", "wb") as full:
        process = allyeval("score", str(good), stdout=full, stderr=subprocess.PIPE)
        assert finish(process) == (
            2,
            "allyeval: error: cannot write the report to standard output: "
            "No space left on device\n",
        )


def test_full_disk_on_output_file(write: Write) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    process = allyeval("score", str(good), "-o", "/dev/full", stderr=subprocess.PIPE)
    assert finish(process) == (
        2,
        "allyeval: error: cannot write --output /dev/full: No space left on device\n",
    )


def test_stdout_encoding_that_cannot_hold_the_text(write: Write) -> None:
    good = write("p.yaml", MINIMAL_PROFILE.replace("name: Test Pact", "name: Ålliance"))
    process = allyeval("score", str(good), "-f", "csv", stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env={"PYTHONIOENCODING": "ascii"})  # fmt: skip
    assert finish(process) == (
        2,
        "allyeval: error: the encoding of standard output (ascii) cannot represent U+00C5; "
        "set PYTHONIOENCODING=utf-8 or write to a file with -o (always UTF-8)\n",
    )


def test_output_file_is_utf8_whatever_stdout_encoding(write: Write, tmp_path: Path) -> None:
    good = write("p.yaml", MINIMAL_PROFILE.replace("name: Test Pact", "name: Ålliance"))
    target = tmp_path / "out.csv"
    process = allyeval("score", str(good), "-f", "csv", "-o", str(target),
                       stderr=subprocess.PIPE, env={"PYTHONIOENCODING": "ascii"})  # fmt: skip
    assert finish(process) == (0, "")
    assert ",Ålliance," in target.read_text(encoding="utf-8")


def test_analysis_output_error_is_one_line(write: Write) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    with open("/dev/full", "wb") as full:
        process = allyeval("compare", str(good), str(good), "-f", "json", stdout=full,
                           stderr=subprocess.PIPE)  # fmt: skip
        assert finish(process) == (
            2,
            "allyeval: error: cannot write the report to standard output: "
            "No space left on device\n",
        )


def test_error_writing_the_temporary_file_keeps_the_previous_one(
    write: Write, tmp_path: Path
) -> None:
    """A real write error on the temporary file (the file-size limit stands in for a full
    disk: Python ignores SIGXFSZ, so the write fails with EFBIG)."""
    good = write("p.yaml", MINIMAL_PROFILE)
    target = write("out.json", PREVIOUS)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2_000, 2_000))

    process = allyeval("score", str(good), "-f", "json", "-o", str(target),
                       stderr=subprocess.PIPE, preexec_fn=small_files)  # fmt: skip
    assert finish(process) == (
        2,
        f"allyeval: error: cannot write --output {target}: File too large\n",
    )
    assert target.read_bytes() == PREVIOUS.encode()
    assert leftovers(tmp_path) == []


def test_empty_output_name_is_refused(write: Write) -> None:
    good = write("p.yaml", MINIMAL_PROFILE)
    result = invoke("score", str(good), "-o", "")
    assert result.exit_code == 2
    assert (
        result.stderr == "allyeval: error: --output needs a file name ('-' for standard output)\n"
    )


@pytest.mark.parametrize("args", [["--version"], ["score", "--help"]])
def test_help_and_version_on_a_full_disk(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        process = allyeval(*args, stdout=full, stderr=subprocess.PIPE)
        assert finish(process) == (
            2,
            "allyeval: error: cannot write to standard output: No space left on device\n",
        )
