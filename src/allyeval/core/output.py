"""Where a report goes: standard output, or a file written so that a previous one is never lost.

The rule for ``-o FILE`` (see "Security and robustness" in the README):

- A regular file (or a link to one) is written to a temporary file beside it and renamed over
  it only when the run finishes and produced a report; the previous file keeps its mode.
- A target that is not a regular file (a device such as ``/dev/null``, a FIFO, a terminal) or
  that names an open descriptor (``/dev/stdout``, ``/dev/fd/N``) is written directly: renaming
  over it would replace the device or the link instead of writing to it.
- A path ending in ``/`` or naming a folder is refused before any work is done.
- SIGTERM and SIGINT remove the temporary file before the signal takes its usual course.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from allyeval.core.errors import OutputError, UsageError

DESCRIPTOR_PATHS = ("/proc/", "/dev/fd/")
"""Paths that name an already open descriptor: written to, never renamed over."""
CLEANUP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
Handler = Callable[[int, FrameType | None], Any] | int


def check_output(output: str | None, inputs: list[str]) -> None:
    """Refuse, before any work, an output path that names a folder or one of the inputs."""
    if output is None or output == "-":
        return
    _check_not_a_folder(output)
    check_not_an_input(output, inputs)


def check_not_an_input(output: str | None, inputs: list[str]) -> None:
    """Refuse an output file that is one of the inputs: writing it would destroy that input.

    The same file can hide behind another path or a link, so existing files are compared by
    device and inode (one ``stat`` each: cheap even for thousands of inputs).
    """
    if output is None or output == "-":
        return
    target = os.path.abspath(output)
    try:
        status = os.stat(output)
        identity: tuple[int, int] | None = (status.st_dev, status.st_ino)
    except OSError:
        identity = None
    for name in inputs:
        if name == "-":
            continue
        same = os.path.abspath(name) == target
        if not same and identity is not None:
            try:
                other = os.stat(name)
            except OSError:
                continue
            same = (other.st_dev, other.st_ino) == identity
        if same:
            raise UsageError(f"--output {output} is also an input file; choose another file")


def _check_not_a_folder(output: str) -> None:
    if not output:
        raise UsageError("--output needs a file name ('-' for standard output)")
    if output.endswith(("/", os.sep)):
        raise UsageError(f"--output {output} ends with '/'; name a file, not a folder")
    if os.path.isdir(output):
        raise UsageError(f"--output {output} is a directory; name a file")


class Destination:
    """The stream a report is written to; a failed write is an OutputError, one line on
    stderr and exit 2, never a traceback. ``keep_previous`` asks that an existing file be
    left as it was (a run that produced nothing must not replace a report)."""

    def __init__(self, stream: TextIO, name: str, *, replaces: bool = False) -> None:
        self._stream = stream
        self.name = name
        self.replaces = replaces
        """Whether the report replaces a file only when complete (a regular file)."""
        self.keep = False

    def write(self, text: str) -> None:
        try:
            self._stream.write(text)
        except UnicodeEncodeError as exc:
            raise OutputError(_unencodable(exc, self._stream.encoding)) from None
        except BrokenPipeError:
            raise  # the reader went away: handled quietly by the command runner
        except OSError as exc:
            raise self._failed(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._failed(exc) from None

    def keep_previous(self) -> bool:
        """Leave a previous file as it was; False when the report was not going to a file
        that is replaced (standard output, a device, a FIFO: what was written is gone)."""
        self.keep = True
        return self.replaces

    def _failed(self, exc: OSError) -> OutputError:
        if self._stream is sys.stdout:
            silence_stdout()
        return OutputError(f"cannot write {self.name}: {exc.strerror or exc}")


def _unencodable(exc: UnicodeEncodeError, encoding: str | None) -> str:
    character = exc.object[exc.start]
    return (
        f"the encoding of standard output ({encoding or exc.encoding}) cannot represent "
        f"U+{ord(character):04X}; set PYTHONIOENCODING=utf-8 or write to a file with -o "
        "(always UTF-8)"
    )


def silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's own flush at exit does not fail
    again on what is still buffered (and print a second complaint)."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


@contextmanager
def open_output(output: str | None) -> Iterator[Destination]:
    """Yield the destination to write the report to (see the module's rule for files).

    On an exception, or when the writer called ``keep_previous``, a previous file is left
    byte for byte as it was.
    """
    if output is None or output == "-":
        if sys.stdout is None:
            raise OutputError("cannot write the report: standard output is closed")
        yield Destination(sys.stdout, "the report to standard output")
        return
    _check_not_a_folder(output)
    direct, appending = _direct_target(output)
    if direct:
        with _open_direct(output, appending) as handle:
            destination = Destination(handle, f"--output {output}")
            yield destination
            destination.flush()
        return
    yield from _replace_atomically(output, Path(os.path.realpath(output)))


def _direct_target(output: str) -> tuple[bool, bool]:
    """Whether *output* must be written in place, and whether by appending (a regular file
    behind an open descriptor, e.g. ``-o /dev/stdout >> log``, must not be truncated)."""
    try:
        status = os.stat(output)
    except OSError:
        return False, False
    regular = stat.S_ISREG(status.st_mode)
    if _names_a_descriptor(output):
        return True, regular
    return not regular, False


def _names_a_descriptor(output: str) -> bool:
    """Whether *output*, or a link on the way to its target, is under /proc or /dev/fd."""
    path = os.path.abspath(output)
    for _ in range(40):  # the kernel's own limit on links followed
        if path.startswith(DESCRIPTOR_PATHS):
            return True
        if not os.path.islink(path):
            return False
        path = os.path.abspath(os.path.join(os.path.dirname(path), os.readlink(path)))
    return False


@contextmanager
def _open_direct(output: str, appending: bool) -> Iterator[TextIO]:
    flags = os.O_WRONLY | (os.O_APPEND if appending else 0)
    try:
        descriptor = os.open(output, flags)
    except OSError as exc:
        raise UsageError(f"cannot write --output {output}: {exc.strerror or exc}") from None
    handle = os.fdopen(descriptor, "w", encoding="utf-8", newline="")
    try:
        yield handle
    finally:
        _close_quietly(handle)


def _close_quietly(handle: TextIO) -> None:
    """Close *handle*; the report was flushed before, so closing fails only after a write
    that failed and was reported already (the close would retry the same buffered text)."""
    try:
        handle.close()
    except OSError:
        pass


def _replace_atomically(output: str, target: Path) -> Iterator[Destination]:
    try:
        previous: os.stat_result | None = os.stat(target)
    except OSError:
        previous = None
    temporaries: list[str] = []
    with _removed_on_signal(temporaries):
        with _signals_held():  # so that no signal falls between creating and recording it
            try:
                handle_fd, temporary = tempfile.mkstemp(
                    prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
                )
            except OSError as exc:
                message = f"cannot write --output {output}: {exc.strerror or exc}"
                raise UsageError(message) from None
            temporaries.append(temporary)
        try:
            handle = os.fdopen(handle_fd, "w", encoding="utf-8", newline="")
            try:
                destination = Destination(handle, f"--output {output}", replaces=True)
                yield destination
                destination.flush()
            finally:
                _close_quietly(handle)
            if destination.keep:
                Path(temporary).unlink()
                return
            _take_over(temporary, previous)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _take_over(temporary: str, previous: os.stat_result | None) -> None:
    """Give the new file the mode (and, where allowed, the owner) of the one it replaces; a
    new file gets the mode the umask allows, as the shell's ``>`` would."""
    if previous is None:
        os.chmod(temporary, 0o666 & ~_umask())
        return
    os.chmod(temporary, stat.S_IMODE(previous.st_mode))
    current = os.stat(temporary)
    if (current.st_uid, current.st_gid) != (previous.st_uid, previous.st_gid):
        try:
            os.chown(temporary, previous.st_uid, previous.st_gid)
        except OSError:
            pass  # only root may give a file away; the mode is kept all the same


@contextmanager
def _removed_on_signal(temporaries: list[str]) -> Iterator[None]:
    """Remove the files in *temporaries* if SIGTERM or SIGINT arrives, then let the signal
    act as it would have: the previous handler runs (Ctrl-C still ends with exit 130), or
    the default ends the process by that signal. Handlers are restored when the block ends.

    Worker processes forked inside the block inherit the handler; it removes nothing there
    (the file is the parent's) and just passes the signal on.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()
    previous: dict[int, Handler] = {}

    def handle(signum: int, frame: FrameType | None) -> None:
        if os.getpid() == owner:
            for temporary in temporaries:
                Path(temporary).unlink(missing_ok=True)
        before = previous[signum]
        signal.signal(signum, before)
        if callable(before):
            before(signum, frame)
            return
        os.kill(os.getpid(), signum)  # the default action: end by this signal

    for signum in CLEANUP_SIGNALS:
        current = signal.getsignal(signum)
        if current is None or current == signal.SIG_IGN:
            continue  # ignored stays ignored; a handler set outside Python cannot be restored
        previous[signum] = current
        signal.signal(signum, handle)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGTERM and SIGINT back for the block; one that arrived meanwhile acts after it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, CLEANUP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
