"""How wide the terminal is, and whether to colour: the two facts reports are laid out by."""

from __future__ import annotations

import os
import shutil
import sys

from allyeval.core.limits import MAX_WIDTH, MIN_WIDTH

DEFAULT_WIDTH = 100


def wants_color(color: bool | None, output: str | None) -> bool:
    if output is not None:
        return False
    if color is not None:
        return color
    return _stdout_is_a_terminal() and not os.environ.get("NO_COLOR")


def terminal_width() -> int:
    """The width reports are laid out for: the terminal's (or COLUMNS when not writing to a
    terminal, else 100), kept from MIN_WIDTH to MAX_WIDTH, where every number is shown whole
    (a report laid out for ten million columns would be gigabytes of spaces)."""
    if _stdout_is_a_terminal():
        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    else:
        columns = os.environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) > 0 else DEFAULT_WIDTH
    return max(MIN_WIDTH, min(width, MAX_WIDTH))


def _stdout_is_a_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()  # None when started with >&-
