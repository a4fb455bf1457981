"""The ``allyeval`` console script: imports the CLI inside the interrupt guard, so Ctrl-C even
during start-up ends with exit 130 and one line, never a traceback."""

from __future__ import annotations

import sys

from allyeval.core.errors import EXIT_INTERRUPTED

INTERRUPTED = "allyeval: interrupted"


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        # Answered before Typer is imported: version checks in scripts should cost nothing.
        from allyeval.core.version import __version__

        print(f"allyeval {__version__}")
        return
    try:
        from allyeval.cli import common
        from allyeval.cli.app import app

        app()
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    except SystemExit as exc:
        # Typer turns a Ctrl-C that comes before a command's own handler (while it parses the
        # options) into a silent exit 130: the line is still owed.
        if exc.code == EXIT_INTERRUPTED and not common.interrupt_reported:
            print(INTERRUPTED, file=sys.stderr)
        raise
