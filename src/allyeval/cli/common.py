"""What every command shares: running the work with errors mapped to exit codes, the
examples epilog, and a record of the commands a module declares (registered by ``app``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import typer

from allyeval.cli.help import WordsCommand
from allyeval.core.errors import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, AllyevalError
from allyeval.core.output import silence_stdout
from allyeval.core.printable import printable

F = TypeVar("F", bound=Callable[..., Any])


class Commands:
    """The commands one module declares, with the decorator syntax of ``typer.Typer``.

    The module stays a list of plain functions; ``allyeval.cli.app`` registers them. So the app
    imports the command modules and never the other way round: no import cycle.
    """

    def __init__(self) -> None:
        self.commands: list[tuple[Callable[..., Any], dict[str, Any]]] = []
        self.groups: list[tuple[typer.Typer, str]] = []

    def command(self, **settings: Any) -> Callable[[F], F]:
        def record(function: F) -> F:
            self.commands.append((function, settings))
            return function

        return record

    def add_typer(self, group: typer.Typer, name: str) -> None:
        self.groups.append((group, name))

    def register_on(self, app: typer.Typer, only: str | None = None) -> bool:
        """Register every command (or with *only*, the command or group of that name alone) on
        *app*; whether any was."""
        found = False
        for function, settings in self.commands:
            if only is None or only == settings.get("name", _command_name(function)):
                app.command(**{"cls": WordsCommand, **settings})(function)
                found = True
        for group, name in self.groups:
            if only is None or only == name:
                app.add_typer(group, name=name)
                found = True
        return found


def _command_name(function: Callable[..., Any]) -> str:
    """The name Typer gives a command registered without one."""
    return function.__name__.lower().replace("_", "-")


interrupt_reported = False
"""Whether :func:`run` has told the user of a Ctrl-C (the console script tells it otherwise)."""


def run(work: Callable[[], int]) -> NoReturn:
    """Run *work* and exit with its code; known errors become one line on stderr."""
    try:
        code = work()
    except AllyevalError as exc:
        # Messages may quote a path or a name: escaped, so each line stays one line.
        for line in printable(str(exc)).split("\n"):
            print(line if ": error: " in line else f"allyeval: error: {line}", file=sys.stderr)
        code = exc.exit_code
    except KeyboardInterrupt:
        global interrupt_reported
        interrupt_reported = True
        print("allyeval: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        silence_stdout()
        code = EXIT_BROKEN_PIPE
    raise typer.Exit(code)


def examples(*lines: str) -> str:
    """An epilog listing example commands, kept as written by the help formatter."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)
