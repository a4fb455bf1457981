"""Errors allyeval reports to the analyst, each with the exit code it ends the run with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from yaml.nodes import Node

EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1
EXIT_INPUT_ERROR = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input file, located as precisely as the input allows."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    severity: Literal["error", "warning"] = "error"
    """A warning does not stop the run (unless --strict makes it an error)."""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return _one_line(f"{where}: {self.severity}: {what}")


def _one_line(text: str) -> str:
    """*text* with control characters escaped, so that one problem is always one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class YamlProblem(Exception):
    """The text is not a plain-data YAML document; carries the 1-based position if known, and
    the path of the value at fault where one value is."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        *,
        node: Node | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.node = node
        self.path: list[str | int] | None = None

    @property
    def field(self) -> str | None:
        """The path of the value at fault as messages name fields (``a.b[0].c``), if known."""
        return field_name(self.path) if self.path else None


def field_name(path: Sequence[str | int]) -> str:
    """A field path as messages name it: ``ratings.trust.sources[0].title``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


class AllyevalError(Exception):
    """Base of every error allyeval reports without a traceback."""

    exit_code = EXIT_INPUT_ERROR


class UsageError(AllyevalError):
    """The command line asks for something allyeval will not do."""


class OutputError(AllyevalError):
    """The report could not be written: standard output closed, a full disk, an encoding that
    cannot hold the text. A write error, so exit 2 like any other error, never a traceback."""


class InputError(AllyevalError):
    """An input file (profile or criteria) is unreadable or invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(
            problems, key=lambda p: (p.line or 0, p.column or 0, p.field or "", p.message)
        )
        super().__init__("\n".join(str(p) for p in self.problems))


class ProfileError(InputError):
    """A partnership profile is unreadable or invalid."""


class CriteriaError(InputError):
    """A criteria file is unreadable or invalid."""
