"""The floor for allyeval's start-up: a minimal Typer app of one command that takes a list of
files and a --format option, imports the four runtime dependencies at the top and prints one
line. allyeval's start-up is measured as a ratio to this app's."""

from __future__ import annotations

from typing import Annotated

import pydantic  # noqa: F401
import rich.console  # noqa: F401
import typer
import yaml  # noqa: F401

app = typer.Typer()


@app.command()
def score(
    files: Annotated[list[str], typer.Argument()],
    output_format: Annotated[str, typer.Option("--format")] = "table",
) -> None:
    print(f"{len(files)} files, format {output_format}")


if __name__ == "__main__":
    app()
