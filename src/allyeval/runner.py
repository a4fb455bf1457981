"""The work behind ``allyeval score``: load, score and render each file, streaming the output."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass

from allyeval.errors import (
    EXIT_BELOW_THRESHOLD,
    EXIT_INPUT_ERROR,
    EXIT_OK,
    InputError,
    Problem,
    UsageError,
)
from allyeval.formats import AggregationMethod, Format
from allyeval.limits import MAX_BYTES
from allyeval.loader import STDIN, load_criteria, load_profile
from allyeval.output import check_not_an_input, open_output
from allyeval.render import renderer_for
from allyeval.report import Report, build_report
from allyeval.scoring import NothingRated

DEFAULT_WIDTH = 100


@dataclass(frozen=True)
class ScoreOptions:
    files: list[str]
    output_format: Format = Format.table
    output: str | None = None
    criteria: str | None = None
    fail_under: float | None = None
    color: bool | None = None
    """None: colour when writing to a terminal and NO_COLOR is not set."""
    max_bytes: int = MAX_BYTES
    method: AggregationMethod = AggregationMethod.arithmetic


def diagnose(message: str) -> None:
    """Write one diagnostic line to standard error."""
    print(message, file=sys.stderr, flush=True)


def wants_color(options: ScoreOptions) -> bool:
    if options.color is not None:
        return options.color and options.output is None
    return options.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def terminal_width() -> int:
    if sys.stdout.isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else DEFAULT_WIDTH


def score_one(path: str, options: ScoreOptions, criteria_set: object) -> Report:
    from allyeval.models import CriteriaSet

    assert isinstance(criteria_set, CriteriaSet)
    profile = load_profile(path, criteria_set, max_bytes=options.max_bytes)
    try:
        return build_report(path, profile, criteria_set, options.method.value)
    except NothingRated:
        raise InputError(
            [
                Problem(
                    "<stdin>" if path == STDIN else path,
                    f"rates no indicator of the criteria set {criteria_set.name!r}; "
                    "nothing to score (see 'ratings' in the README)",
                    field="ratings",
                )
            ]
        ) from None


def run_score(options: ScoreOptions) -> int:
    """Score every file; report the good ones even when some fail. Returns the exit code."""
    if options.files.count(STDIN) + (options.criteria == STDIN) > 1:
        raise UsageError("'-' (standard input) can be given only once")
    check_not_an_input(options.output, options.files)
    criteria_set = load_criteria(options.criteria, max_bytes=options.max_bytes)
    renderer = renderer_for(
        options.output_format,
        criteria_set,
        color=wants_color(options),
        width=terminal_width(),
        method=options.method.value,
    )
    failed = below = 0
    with open_output(options.output) as out:
        out.write(renderer.begin())
        for path in options.files:
            try:
                report = score_one(path, options, criteria_set)
            except InputError as exc:
                failed += 1
                for problem in exc.problems:
                    diagnose(str(problem))
                continue
            out.write(renderer.report(report))
            if options.fail_under is not None and report.result.score < options.fail_under:
                below += 1
                diagnose(
                    f"allyeval: {report.path}: score {report.result.score:.2f} is below "
                    f"--fail-under {options.fail_under:g}"
                )
        out.write(renderer.end())
        out.flush()
    if failed:
        return EXIT_INPUT_ERROR
    return EXIT_BELOW_THRESHOLD if below else EXIT_OK
