"""The analysis commands: compare, robustness, trend and agree."""

from __future__ import annotations

from typing import Annotated

import typer

from allyeval.cli import options as opt
from allyeval.cli.common import Commands, examples, run
from allyeval.core.formats import AggregationMethod, Format

app = Commands()

FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="Output format (not every command has every format; html is a self-contained "
        "report, svg its main chart alone).",
        case_sensitive=False,
    ),
]


@app.command(
    epilog=examples(
        "allyeval compare examples/us-japan.yaml examples/aukus.yaml",
        "allyeval compare examples/*.yaml -f json | jq '.outranking[] | select(.probability < .9)'",
        "allyeval compare examples/nato.yaml examples/csto.yaml -f html -o nato-csto.html",
    )
)
def compare(
    files: opt.Files,
    output_format: FormatOption = Format.table,
    output: opt.Output = None,
    criteria: opt.Criteria = None,
    method: opt.Method = AggregationMethod.arithmetic,
    seed: opt.Seed = 0,
    samples: opt.Samples = 10_000,
    min_coverage: opt.MinCoverage = None,
    strict: opt.Strict = False,
    stale_years: opt.StaleYears = None,
    max_bytes: opt.MaxBytes = opt.MAX_BYTES,
    color: opt.Color = None,
) -> None:
    """Compare partnerships side by side: scores, criteria and indicators with the gap to the
    leader, a ranking with rank intervals, and the probability that one outranks another
    given the confidence of the ratings (formats: table, json, csv, markdown, html, svg)."""
    from allyeval.cli.analysis_runs import CompareOptions, run_compare

    options = CompareOptions(
        files=files,
        output_format=output_format.value,
        output=opt.path_text(output),
        criteria=opt.path_text(criteria),
        method=method,
        seed=seed,
        samples=samples,
        color=color,
        max_bytes=max_bytes,
        min_coverage=min_coverage,
        strict=strict,
        stale_years=stale_years,
    )
    run(lambda: run_compare(options))


@app.command(
    epilog=examples(
        "allyeval robustness examples/*.yaml",
        "allyeval robustness examples/*.yaml --simplex --samples 20000 -f json",
        "allyeval robustness examples/us-japan.yaml examples/aukus.yaml --spread 0.5",
    )
)
def robustness(
    files: opt.Files,
    output_format: FormatOption = Format.table,
    output: opt.Output = None,
    criteria: opt.Criteria = None,
    method: opt.Method = AggregationMethod.arithmetic,
    spread: Annotated[
        float,
        typer.Option(
            "--spread",
            help="Each criterion weight is multiplied by a factor drawn from "
            "[1 - SPREAD, 1 + SPREAD].",
            metavar="SPREAD",
        ),
    ] = 0.25,
    simplex: Annotated[
        bool,
        typer.Option("--simplex", help="Draw weights uniformly from all possible weights (SMAA)."),
    ] = False,
    indicator_spread: Annotated[
        float,
        typer.Option(
            "--indicator-spread",
            help="Also multiply each indicator weight by a factor drawn from "
            "[1 - SPREAD, 1 + SPREAD] (0: indicator weights as in the file).",
            metavar="SPREAD",
        ),
    ] = 0.0,
    mixed_methods: Annotated[
        bool,
        typer.Option(
            "--mixed-methods",
            help="Combine the criteria in each sample by the arithmetic or the geometric mean, "
            "at random.",
        ),
    ] = False,
    seed: opt.Seed = 0,
    samples: opt.Samples = 10_000,
    min_coverage: opt.MinCoverage = None,
    strict: opt.Strict = False,
    stale_years: opt.StaleYears = None,
    max_bytes: opt.MaxBytes = opt.MAX_BYTES,
    color: opt.Color = None,
) -> None:
    """Would the ranking hold under other weights? Rank acceptability, central weights,
    leaving out each criterion, and each criterion's effective weight (formats: table, json,
    markdown, html, svg)."""
    from allyeval.cli.analysis_runs import RobustnessOptions, run_robustness

    options = RobustnessOptions(
        files=files,
        output_format=output_format.value,
        output=opt.path_text(output),
        criteria=opt.path_text(criteria),
        method=method,
        seed=seed,
        samples=samples,
        spread=spread,
        simplex=simplex,
        indicator_spread=indicator_spread,
        mixed_methods=mixed_methods,
        color=color,
        max_bytes=max_bytes,
        min_coverage=min_coverage,
        strict=strict,
        stale_years=stale_years,
    )
    run(lambda: run_robustness(options))


@app.command(
    epilog=examples(
        "allyeval trend examples/nato-series/*.yaml examples/nato.yaml",
        "allyeval trend examples/nato-series/*.yaml examples/nato.yaml -f csv",
    )
)
def trend(
    files: opt.Files,
    output_format: FormatOption = Format.table,
    output: opt.Output = None,
    criteria: opt.Criteria = None,
    method: opt.Method = AggregationMethod.arithmetic,
    allow_mixed: Annotated[
        bool,
        typer.Option("--allow-mixed", help="Accept profiles of different partnerships (ids)."),
    ] = False,
    min_coverage: opt.MinCoverage = None,
    strict: opt.Strict = False,
    stale_years: opt.StaleYears = None,
    max_bytes: opt.MaxBytes = opt.MAX_BYTES,
    color: opt.Color = None,
) -> None:
    """One partnership over time: overall and criterion scores by date, a chart, and the
    largest changes between assessments with the indicators behind them (formats: table,
    json, csv, markdown, html, svg)."""
    from allyeval.cli.analysis_runs import TrendOptions, run_trend

    options = TrendOptions(
        files=files,
        output_format=output_format.value,
        output=opt.path_text(output),
        criteria=opt.path_text(criteria),
        method=method,
        allow_mixed=allow_mixed,
        color=color,
        max_bytes=max_bytes,
        min_coverage=min_coverage,
        strict=strict,
        stale_years=stale_years,
    )
    run(lambda: run_trend(options))


@app.command(
    epilog=examples(
        "allyeval agree examples/agreement/*.yaml",
        "allyeval agree examples/agreement/*.yaml --consensus -o quad-consensus.yaml",
        "allyeval agree ratings/*.yaml --fail-under-alpha 0.667 -f json",
    )
)
def agree(
    files: opt.Files,
    output_format: FormatOption = Format.table,
    output: opt.Output = None,
    criteria: opt.Criteria = None,
    method: opt.Method = AggregationMethod.arithmetic,
    consensus: Annotated[
        bool,
        typer.Option(
            "--consensus",
            help="Write the consensus profile (YAML: median levels, attributed evidence) "
            "instead of the report.",
        ),
    ] = False,
    fail_under_alpha: Annotated[
        float | None,
        typer.Option(
            "--fail-under-alpha",
            metavar="ALPHA",
            help="Exit 1 if Krippendorff's alpha over all indicators is below ALPHA "
            "(or undefined).",
        ),
    ] = None,
    seed: opt.Seed = 0,
    samples: opt.Samples = 10_000,
    max_bytes: opt.MaxBytes = opt.MAX_BYTES,
    color: opt.Color = None,
) -> None:
    """Several analysts' profiles of one partnership (same id and as_of): Krippendorff's
    alpha (ordinal) with a bootstrap interval, overall and per criterion, the indicators they
    rate two or more levels apart, and their scores side by side; --consensus writes the
    consensus profile (formats: table, json, markdown, html, svg)."""
    from allyeval.cli.agreement_run import AgreeOptions, run_agree

    options = AgreeOptions(
        files=files,
        output_format=output_format.value,
        output=opt.path_text(output),
        criteria=opt.path_text(criteria),
        method=method,
        seed=seed,
        samples=samples,
        consensus=consensus,
        fail_under_alpha=fail_under_alpha,
        color=color,
        max_bytes=max_bytes,
    )
    run(lambda: run_agree(options))
