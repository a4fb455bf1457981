"""The ``allyeval`` Typer app: the one place every command is registered.

The command modules (``score_command``, ``analysis_commands``, ``tool_commands``) declare plain
functions and never import this module, so there is no import cycle. Only typer and the small
option modules are imported here; each command imports the scoring core when it runs, so
``allyeval --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from allyeval.cli import analysis_commands, score_command, tool_commands
from allyeval.core.version import __version__


def _app() -> typer.Typer:
    app = typer.Typer(
        name="allyeval",
        help="Score strategic military partnerships against transparent, documented criteria.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(main_options)
    return app


def _version(value: bool) -> None:
    if value:
        print(f"allyeval {__version__}")
        raise typer.Exit()


def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Score strategic military partnerships against transparent, documented criteria.

    Example: allyeval score examples/nato.yaml
    """


COMMANDS = (score_command.app, analysis_commands.app, tool_commands.app)

app = _app()
for commands in COMMANDS:
    commands.register_on(app)


def app_for(args: list[str]) -> typer.Typer:
    """The app to run with *args*: when they start with a command's name, an app with that
    command alone, which behaves the same for it (Typer builds every command's options
    before it runs one: about 10 ms of allyeval's start, most of it for commands not run);
    otherwise the whole app (help, options alone, a mistyped command)."""
    if args and not args[0].startswith("-"):
        alone = _app()
        for commands in COMMANDS:
            if commands.register_on(alone, only=args[0]):
                return alone
    return app
