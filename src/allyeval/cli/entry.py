"""The ``allyeval`` console script: imports the CLI inside the interrupt guard, so Ctrl-C even
during start-up ends with exit 130 and one line, never a traceback."""

from __future__ import annotations

import sys

from allyeval.core.errors import EXIT_INTERRUPTED


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        # Answered before Typer is imported: version checks in scripts should cost nothing.
        from allyeval.core.version import __version__

        print(f"allyeval {__version__}")
        return
    try:
        from allyeval.cli.app import app

        app()
    except KeyboardInterrupt:
        print("allyeval: interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
