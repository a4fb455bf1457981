"""The ``allyeval`` console script: imports the CLI inside the interrupt guard, so Ctrl-C even
during start-up ends with exit 130 and one line, never a traceback. Standard output is flushed
inside the guard too, so that a full disk or a closed pipe under ``--help`` or ``--version``
is one line (or, for a pipe, silence), not a traceback at exit."""

from __future__ import annotations

import os
import sys

from allyeval.core.errors import EXIT_BROKEN_PIPE, EXIT_INPUT_ERROR, EXIT_INTERRUPTED

INTERRUPTED = "allyeval: interrupted"


def main() -> None:
    try:
        try:
            _run()
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        from allyeval.core.output import silence_stdout

        silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    except OSError as exc:
        from allyeval.core.output import silence_stdout

        silence_stdout()
        print(
            f"allyeval: error: cannot write to standard output: {exc.strerror or exc}",
            file=sys.stderr,
        )
        sys.exit(EXIT_INPUT_ERROR)


def _run() -> None:
    # allyeval validates its own files with pydantic; looking for pydantic plugins reads the
    # metadata of every installed package (2 ms here, more in a large environment) to find
    # none that could serve it. A user who sets the variable keeps the choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.argv[1:] == ["--version"]:
        # Answered before Typer is imported: version checks in scripts should cost nothing.
        from allyeval.core.version import __version__

        print(f"allyeval {__version__}")
        return
    from allyeval.cli import common
    from allyeval.cli.app import app_for

    try:
        app_for(sys.argv[1:])()
    except SystemExit as exc:
        # Typer turns a Ctrl-C that comes before a command's own handler (while it parses the
        # options) into a silent exit 130: the line is still owed.
        if exc.code == EXIT_INTERRUPTED and not common.interrupt_reported:
            print(INTERRUPTED, file=sys.stderr)
        raise
