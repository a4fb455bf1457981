"""The ``score`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from allyeval.cli import options as opt
from allyeval.cli.common import Commands, examples, run
from allyeval.core.formats import AggregationMethod, Format

app = Commands()


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
            help="Output format (html is a self-contained report, svg its main chart alone).",
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
    min_coverage: opt.MinCoverage = None,
    strict: opt.Strict = False,
    stale_years: opt.StaleYears = None,
    max_bytes: opt.MaxBytes = opt.MAX_BYTES,
    quiet: opt.Quiet = False,
    color: opt.Color = None,
) -> None:
    """Score partnership profiles and print a report for each.

    Several files give a report each and a ranking at the end. A profile with too little of
    its applicable weight rated is banded 'insufficient'. Warnings go to stderr. Exit codes:
    0 success, 1 a --fail-under threshold was not met, 2 usage or input error.
    """
    from allyeval.cli.runner import ScoreOptions, run_score

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
        min_coverage=min_coverage,
        strict=strict,
        stale_years=stale_years,
    )
    run(lambda: run_score(options))
