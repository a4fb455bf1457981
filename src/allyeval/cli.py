"""The ``allyeval`` command line: options in, one worker call, errors mapped to exit codes.

Only typer and the small option modules are imported here; each command imports the scoring
core when it runs, so ``allyeval --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Annotated, NoReturn

import typer

from allyeval import __version__
from allyeval import cli_options as opt
from allyeval.errors import EXIT_INTERRUPTED, AllyevalError
from allyeval.formats import AggregationMethod, Format

EXIT_BROKEN_PIPE = 141

app = typer.Typer(
    name="allyeval",
    help="Score strategic military partnerships against transparent, documented criteria.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"allyeval {__version__}")
        raise typer.Exit()


@app.callback()
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


def run(work: Callable[[], int]) -> NoReturn:
    """Run *work* and exit with its code; known errors become one line on stderr."""
    try:
        code = work()
    except AllyevalError as exc:
        for line in str(exc).splitlines():
            print(line if ": error: " in line else f"allyeval: error: {line}", file=sys.stderr)
        code = exc.exit_code
    except KeyboardInterrupt:
        print("allyeval: interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_BROKEN_PIPE
    raise typer.Exit(code)


def examples(*lines: str) -> str:
    """An epilog listing example commands, kept as written by the help formatter."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


@app.command(
    epilog=examples(
        "allyeval score examples/nato.yaml",
        "allyeval score examples/*.yaml --format json | jq '.[] | {id, score, band}'",
        "allyeval score profiles/*.yaml --format csv -o scores.csv --fail-under 50",
        "allyeval score examples/nato.yaml --format html -o nato.html",
    )
)
def score(
    files: opt.Files,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="Output format (html and svg are self-contained documents).",
            case_sensitive=False,
        ),
    ] = Format.table,
    output: opt.Output = None,
    criteria: opt.Criteria = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            min=0,
            max=100,
            help="Exit 1 if any profile's exact (unrounded) score is below SCORE.",
            metavar="SCORE",
        ),
    ] = None,
    method: opt.Method = AggregationMethod.arithmetic,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Score in N processes (default: one per core for batches of 500 files or "
            "more). The output is the same, in the same order.",
            show_default=False,
        ),
    ] = None,
    seed: opt.Seed = 0,
    samples: opt.Samples = 10_000,
    max_bytes: opt.MaxBytes = opt.MAX_BYTES,
    quiet: opt.Quiet = False,
    color: opt.Color = None,
) -> None:
    """Score partnership profiles and print a report for each.

    Several files give a report each and a ranking at the end. Exit codes: 0 success,
    1 a --fail-under threshold was not met, 2 usage or input error.
    """
    from allyeval.runner import ScoreOptions, run_score

    options = ScoreOptions(
        files=files,
        output_format=output_format,
        output=opt.path_text(output),
        criteria=opt.path_text(criteria),
        fail_under=fail_under,
        color=color,
        max_bytes=max_bytes,
        method=method,
        jobs=jobs,
        quiet=quiet,
        seed=seed,
        samples=samples,
    )
    run(lambda: run_score(options))


# The other commands register themselves on ``app`` when imported.
from allyeval import cli_analysis, cli_tools  # noqa: E402, F401
