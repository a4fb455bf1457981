"""The work behind ``allyeval score``: load, score and render each file, streaming the output.

Files are scored in order, in this process or, for large batches, in worker processes
(``--jobs``); either way the output is written in the order the files were given and is
byte-identical, and each report is written as soon as it and those before it are done, so
memory stays flat however many files there are.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import partial

from allyeval.cli.terminal import terminal_width as terminal_width
from allyeval.cli.terminal import wants_color as wants_color
from allyeval.cli.workers import available_cores as available_cores
from allyeval.cli.workers import run_task, worker_pool
from allyeval.core.builtin import DEFAULT_MODEL
from allyeval.core.errors import (
    EXIT_BELOW_THRESHOLD,
    EXIT_INPUT_ERROR,
    EXIT_OK,
    InputError,
    Problem,
    UsageError,
)
from allyeval.core.formats import AggregationMethod, Format
from allyeval.core.limits import MAX_BYTES, MAX_DOCUMENT_PROFILES, MAX_WIDTH
from allyeval.core.loader import STDIN, builtin_criteria, display, load_criteria, read_text
from allyeval.core.models import CriteriaSet
from allyeval.core.output import check_output, open_output
from allyeval.core.plausibility import Checks
from allyeval.core.printable import one_line
from allyeval.core.report import Engine, Report, approximate_intervals, build_report
from allyeval.core.scoring import NothingRated, score_profile
from allyeval.core.selection import criteria_for, read_profile_and_criteria
from allyeval.render import Renderer, renderer_for
from allyeval.render.ranking import RankedEntry, summary_entry

PARALLEL_FROM = 500
"""Batches of at least this many files use one worker process per core unless --jobs says."""
CHUNK = 32
PROGRESS_FROM = 10
VECTORISED_FROM = 16
"""Batches of this many files or more work out intervals with numpy (``core.vectorised``):
importing it takes about as long as the exact engine spends on ten profiles."""
WHAT_IF_FORMATS = ("table", "markdown", "json", "jsonl")
"""The formats that say which ratings --set overrode."""


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
    jobs: int | None = None
    """None: one per core for batches of PARALLEL_FROM files or more, else 1."""
    quiet: bool = False
    seed: int = 0
    samples: int = 10_000
    """Seed and samples of the intervals where they are sampled (the geometric method)."""
    min_coverage: float | None = None
    """None: the criteria file's min_coverage."""
    strict: bool = False
    stale_years: int | None = None
    settings: tuple[str, ...] = ()
    """``--set INDICATOR=LEVEL`` what-ifs."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What scoring one file gave: its rendered report, or its problems; and its warnings."""

    text: str | None
    entry: RankedEntry | None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()


def check_min_coverage(min_coverage: float | None) -> None:
    if min_coverage is not None and not 0 <= min_coverage <= 1:
        raise UsageError(f"--min-coverage must be from 0 to 1, got {min_coverage:g}")


def check_stale_years(stale_years: int | None) -> None:
    if stale_years is not None and stale_years < 0:
        raise UsageError(f"--stale-years must be 0 or more, got {stale_years}")


def diagnose(message: str) -> None:
    """Write one diagnostic line to standard error."""
    print(message, file=sys.stderr, flush=True)


def warn_without_libyaml(quiet: bool = False) -> None:
    """One line on stderr when PyYAML lacks libyaml: the pure-Python parser is about nine
    times slower, which a batch will feel."""
    from allyeval.core import plainyaml

    if not plainyaml.HAS_LIBYAML and not quiet:
        diagnose(
            "allyeval: warning: PyYAML was built without libyaml; parsing with the slower "
            "pure-Python parser"
        )


def score_file(
    path: str,
    criteria_set: CriteriaSet | None,
    method: AggregationMethod,
    max_bytes: int,
    *,
    seed: int = 0,
    samples: int = 10_000,
    text: str | None = None,
    checks: Checks | None = None,
    strict: bool = False,
    min_coverage: float | None = None,
    settings: tuple[str, ...] = (),
    engine: Engine = "exact",
) -> tuple[Report, list[Problem]]:
    """Load and score one profile with *criteria_set* (None: the built-in model the profile
    names), ``--min-coverage`` applied: its report and warnings. Every failure (and with
    *strict* every warning) is an InputError naming the file."""
    profile, criteria_set, warnings = read_profile_and_criteria(
        path, criteria_set, max_bytes=max_bytes, text=text, checks=checks
    )
    if min_coverage is not None:
        criteria_set = criteria_set.with_min_coverage(min_coverage)
    if strict and warnings:
        raise InputError([as_error(warning) for warning in warnings])
    try:
        if not settings:
            report = build_report(path, profile, criteria_set, method.value, seed=seed,
                                  samples=samples, engine=engine)  # fmt: skip
            return report, warnings
        from allyeval.core.whatif import parse_settings, with_levels

        changed, overrides = with_levels(profile, parse_settings(settings, criteria_set),
                                         criteria_set)  # fmt: skip
        report = build_report(path, changed, criteria_set, method.value, seed=seed,
                              samples=samples, engine=engine)  # fmt: skip
        before = score_profile(profile, criteria_set, method.value)
        return replace(report, overrides=overrides, before=before), warnings
    except NothingRated:
        raise InputError(
            [
                Problem(
                    display(path),
                    f"rates no indicator of the criteria set {criteria_set.name!r}; "
                    "nothing to score (see 'ratings' in the README)",
                    field="ratings",
                )
            ]
        ) from None


def models_named(
    files: list[str], max_bytes: int, jobs: int = 1
) -> tuple[list[CriteriaSet], dict[str, str | InputError]]:
    """The built-in models the profiles name, in the order first named (the default if none),
    and the text of standard input if it is among the files (it can be read only once), or
    of the one file (it need not be read twice).
    A file that cannot be read or names no known model is reported when it is scored.
    With *jobs* above 1 the files are read by as many processes (never standard input)."""
    found: dict[str, CriteriaSet] = {}
    texts: dict[str, str | InputError] = {}
    if jobs > 1 and STDIN not in files:
        with worker_pool(jobs) as pool:
            names = pool.imap(partial(_model_named, max_bytes=max_bytes), files, chunksize=CHUNK)
            for name in filter(None, names):
                found.setdefault(name, builtin_criteria(name))
        return list(found.values()) or [builtin_criteria(DEFAULT_MODEL)], texts
    for path in files:
        try:
            text = read_text(path, max_bytes=max_bytes)
        except InputError as exc:
            if path == STDIN:
                texts[STDIN] = exc
            continue
        if path == STDIN or len(files) == 1:
            texts[path] = text  # read once: standard input can be read only once
        try:
            criteria_set = criteria_for(text, path)
        except InputError:
            continue
        found.setdefault(criteria_set.name, criteria_set)
    return list(found.values()) or [builtin_criteria(DEFAULT_MODEL)], texts


def _model_named(path: str, max_bytes: int) -> str | None:
    """The name of the built-in model the profile at *path* names (None: unreadable, or no
    such model): what the loop of :func:`models_named` finds, sent back from a worker."""
    try:
        return criteria_for(read_text(path, max_bytes=max_bytes), path).name
    except InputError:
        return None


def as_error(problem: Problem) -> Problem:
    """A warning made an error by --strict."""
    return replace(problem, severity="error")


class _Scorer:
    """Scores and renders one file at a time; one per process."""

    def __init__(
        self,
        options: ScoreOptions,
        criteria_set: CriteriaSet | None,
        renderer: Renderer,
        texts: dict[str, str | InputError] | None = None,
        engine: Engine = "exact",
    ):
        self.options = options
        self.engine = engine
        self.criteria_set = criteria_set
        self.renderer = renderer
        self.texts = texts or {}
        """Standard input's text (or why it could not be read): it can be read only once."""

    def __call__(self, path: str) -> Outcome:
        options = self.options
        text = self.texts.get(path)
        try:
            if isinstance(text, InputError):
                raise text
            report, warnings = score_file(
                path,
                self.criteria_set,
                options.method,
                options.max_bytes,
                seed=options.seed,
                samples=options.samples,
                text=text,
                checks=Checks(stale_years=options.stale_years),
                strict=options.strict,
                min_coverage=options.min_coverage,
                settings=options.settings,
                engine=self.engine,
            )
        except InputError as exc:
            return Outcome(None, None, tuple(exc.problems))
        # The report stays with the entry only for a ranking (its interval, its chance of
        # outranking the next), and then without its distributions: otherwise a worker would
        # send the whole report back to the parent for every file, and a ranking would keep
        # every distribution of the batch until its end.
        entry = summary_entry(report)
        entry = replace(entry, report=report.for_ranking() if self.renderer.ranks else None)
        text = self.renderer.item(report)
        if (approximate := approximate_intervals(report)) is not None:
            warnings = [*warnings, approximate]
        return Outcome(text, entry, (), tuple(warnings))


def _jobs(options: ScoreOptions) -> int:
    if STDIN in options.files:
        return 1
    cores = available_cores()
    if options.jobs is not None:
        if options.jobs > cores and not options.quiet:
            diagnose(
                f"allyeval: note: --jobs {options.jobs} is more than the {cores} "
                f"core{'s' if cores > 1 else ''} available; using {cores}"
            )
        return min(options.jobs, cores)
    return cores if len(options.files) >= PARALLEL_FROM else 1


def _outcomes(options: ScoreOptions, scorer: _Scorer, jobs: int) -> Iterator[Outcome]:
    jobs = min(jobs, len(options.files)) if scorer.renderer.streams else 1
    if jobs <= 1:
        yield from map(scorer, options.files)
        return
    with worker_pool(jobs, scorer) as pool:
        yield from pool.imap(run_task, options.files, chunksize=CHUNK)


def _with_progress(outcomes: Iterator[Outcome], total: int, quiet: bool) -> Iterator[Outcome]:
    """Show a progress bar on stderr for batches, only when stderr is a terminal."""
    if quiet or total < PROGRESS_FROM or not sys.stderr.isatty():
        yield from outcomes
        return
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    console.width = min(console.width, MAX_WIDTH)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Scoring", total=total)
        for outcome in outcomes:
            progress.advance(task)
            yield outcome


def _relax_garbage_collection() -> None:
    """Scan for reference cycles less often: scoring makes many short-lived objects and no
    cycles (reference counting frees them), so frequent scans only cost time (about a fifth
    of a large batch). Objects alive now (modules, the criteria) are never scanned again."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 50, 50)


def run_score(options: ScoreOptions) -> int:
    """Score every file; report the good ones even when some fail. Returns the exit code."""
    if options.files.count(STDIN) + (options.criteria == STDIN) > 1:
        raise UsageError("'-' (standard input) can be given only once")
    if options.jobs is not None and options.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if (
        options.output_format in (Format.html, Format.svg)
        and len(options.files) > MAX_DOCUMENT_PROFILES
    ):
        raise UsageError(
            f"--format {options.output_format.value} puts at most {MAX_DOCUMENT_PROFILES:,} "
            f"profiles in one document, got {len(options.files):,}; split the batch, or use "
            "table, json, csv or markdown, which have no such limit"
        )
    check_output(options.output, [*options.files, *filter(None, [options.criteria])])
    check_stale_years(options.stale_years)
    warn_without_libyaml(options.quiet)
    check_min_coverage(options.min_coverage)
    if options.settings and options.output_format.value not in WHAT_IF_FORMATS:
        raise UsageError(
            f"--set shows the score before and after only in {', '.join(WHAT_IF_FORMATS)};"
            f" not in --format {options.output_format.value}"
        )
    jobs = _jobs(options)
    given: CriteriaSet | None = None
    texts: dict[str, str | InputError] = {}
    if options.criteria is not None:
        given = load_criteria(options.criteria, max_bytes=options.max_bytes)
        models = [given]
    else:
        models, texts = models_named(options.files, options.max_bytes, jobs)
    if options.min_coverage is not None:
        models = [model.with_min_coverage(options.min_coverage) for model in models]
    if options.settings:  # every setting must name an indicator of every model used
        from allyeval.core.whatif import parse_settings

        for model in models:
            parse_settings(options.settings, model)
    renderer = renderer_for(
        options.output_format,
        models[0],
        others=models[1:],
        color=wants_color(options.color, options.output),
        width=terminal_width(),
        method=options.method.value,
    )
    engine: Engine = "vectorised" if len(options.files) >= VECTORISED_FROM else "exact"
    scorer = _Scorer(options, given, renderer, texts, engine)
    _relax_garbage_collection()
    failed = below = written = 0
    ranking: list[RankedEntry] = []
    with open_output(options.output) as out:
        out.write(renderer.begin())
        outcomes = _outcomes(options, scorer, jobs)
        for outcome in _with_progress(outcomes, len(options.files), options.quiet):
            for warning in outcome.warnings:
                diagnose(str(warning))
            if outcome.text is None or outcome.entry is None:
                failed += 1
                for problem in outcome.problems:
                    diagnose(str(problem))
                continue
            out.write((renderer.separator if written else renderer.opening) + outcome.text)
            written += 1
            if renderer.ranks:
                ranking.append(outcome.entry)
            entry = outcome.entry
            if options.fail_under is not None and entry.score < options.fail_under:
                below += 1
                if not options.quiet:
                    diagnose(
                        f"allyeval: {one_line(entry.path)}: score {entry.score:.2f} is below "
                        f"--fail-under {options.fail_under:g}"
                    )
        out.write(renderer.end(ranking, written))
        out.flush()
        if failed and not written and out.keep_previous():
            diagnose(
                f"allyeval: no profile was scored, so --output {options.output} was not written"
            )
    if failed:
        return EXIT_INPUT_ERROR
    return EXIT_BELOW_THRESHOLD if below else EXIT_OK
