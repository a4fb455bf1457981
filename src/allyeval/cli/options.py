"""The options several commands share, declared once (as sqlite-utils' ``output_options``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from allyeval.core.formats import AggregationMethod
from allyeval.core.limits import MAX_BYTES as MAX_BYTES  # the default of --max-bytes
from allyeval.core.limits import MAX_SAMPLES

Files = Annotated[
    list[str],
    typer.Argument(
        metavar="FILE",
        help="Partnership profiles (YAML). '-' reads one from standard input.",
        show_default=False,
    ),
]
Output = Annotated[
    str | None,  # a str, not a Path: Path("out/") would silently drop the slash
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically: a failed run leaves it untouched) instead of stdout.",
    ),
]
Criteria = Annotated[
    Path | None,
    typer.Option(
        "--criteria",
        "-c",
        metavar="FILE",
        help="Criteria file to use instead of the built-in model the profiles name (the "
        "default if none), or a built-in model's name (treaty-design).",
    ),
]
Method = Annotated[
    AggregationMethod,
    typer.Option(
        "--method",
        "-m",
        help="How criteria combine: arithmetic (compensatory) or geometric (a weak criterion "
        "cannot be bought back by a strong one); within a criterion, indicators are averaged "
        "under both.",
        case_sensitive=False,
    ),
]
MaxBytes = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        min=1,
        metavar="N",
        help="Refuse input files larger than N bytes, before parsing them.",
    ),
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print no progress bar and no notes on stderr.")
]
Color = Annotated[
    bool | None,
    typer.Option(
        "--color/--no-color",
        help="Force colour on or off (default: on for a terminal unless NO_COLOR is set).",
        show_default=False,
    ),
]
MAX_SEED = 2**53 - 1
"""The largest integer every JSON reader (JavaScript, jq) holds exactly: seeds go into reports."""
Seed = Annotated[
    int,
    typer.Option(
        "--seed",
        min=0,
        max=MAX_SEED,
        metavar="N",
        help=f"Seed of the sampling, 0 to {MAX_SEED} (same seed, same output).",
    ),
]
Samples = Annotated[
    int,
    typer.Option(
        "--samples",
        min=100,
        max=MAX_SAMPLES,
        metavar="N",
        help="Number of draws where sampling is used.",
    ),
]


def path_text(path: Path | str | None) -> str | None:
    return None if path is None else str(path)


MinCoverage = Annotated[
    float | None,
    typer.Option(
        "--min-coverage",
        metavar="X",
        help="Band a profile 'insufficient' when less than X (0-1) of the applicable weight "
        "is rated (default: the criteria file's min_coverage).",
        show_default=False,
    ),
]
Strict = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (exit 2).")]
StaleYears = Annotated[
    int | None,
    typer.Option(
        "--stale-years",
        metavar="N",
        help="Warn about sources dated more than N years before the profile's as_of.",
        show_default=False,
    ),
]
Settings = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="INDICATOR=LEVEL",
        help="What-if: rate INDICATOR at LEVEL (0-4) for this run only; the file is never "
        "changed and the report shows the score before and after. Repeatable.",
        show_default=False,
    ),
]
