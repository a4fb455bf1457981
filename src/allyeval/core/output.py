"""Where a report goes: standard output, or a file written atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from allyeval.core.errors import UsageError


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


@contextmanager
def open_output(output: str | None) -> Iterator[TextIO]:
    """Yield the stream to write the report to.

    A file is written to a temporary file beside it and renamed over it only when the block
    finishes without an exception, so a failed run leaves any previous file untouched.
    """
    if output is None or output == "-":
        yield sys.stdout
        return
    target = Path(output)
    if target.is_dir():
        raise UsageError(f"--output {output} is a directory; name a file")
    try:
        handle_fd, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise UsageError(f"cannot write --output {output}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle_fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
