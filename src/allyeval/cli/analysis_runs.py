"""The work behind ``allyeval compare``, ``robustness`` and ``trend``: load every file, analyse,
render, write. Thin on purpose: the analysis is in ``comparison``, ``robustness``, ``trend``
and ``uncertainty``, the text in ``render/``.

Unlike ``score``, these commands need all their inputs (a comparison without one of its
profiles would be a different comparison): every problem in every file is reported, then the
command stops with exit 2 and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from allyeval.cli.runner import (
    check_min_coverage,
    check_stale_years,
    diagnose,
    models_named,
    score_file,
    terminal_width,
    wants_color,
    warn_without_libyaml,
)
from allyeval.core.errors import EXIT_INPUT_ERROR, EXIT_OK, InputError, Problem, UsageError
from allyeval.core.formats import AggregationMethod
from allyeval.core.limits import MAX_ANALYSED_PROFILES, MAX_BYTES, MAX_SAMPLES
from allyeval.core.loader import STDIN, display, load_criteria, read_text
from allyeval.core.models import CriteriaSet
from allyeval.core.output import check_output, open_output
from allyeval.core.plausibility import Checks
from allyeval.core.scoring import ProfileScore
from allyeval.core.selection import criteria_for
from allyeval.core.uncertainty import DEFAULT_SAMPLES
from allyeval.render.common import check_format

MIN_PROFILES = 2
DOCUMENTS = ("html", "svg")
"""Self-contained documents: an HTML report, or its main chart as SVG."""


@dataclass(frozen=True)
class AnalysisOptions:
    """What compare, robustness and trend share."""

    files: list[str]
    output_format: str = "table"
    output: str | None = None
    criteria: str | None = None
    method: AggregationMethod = AggregationMethod.arithmetic
    color: bool | None = None
    """None: colour when writing to a terminal and NO_COLOR is not set."""
    max_bytes: int = MAX_BYTES
    min_coverage: float | None = None
    """None: the criteria file's min_coverage."""
    strict: bool = False
    stale_years: int | None = None


@dataclass(frozen=True)
class CompareOptions(AnalysisOptions):
    seed: int = 0
    samples: int = DEFAULT_SAMPLES


@dataclass(frozen=True)
class RobustnessOptions(AnalysisOptions):
    seed: int = 0
    samples: int = DEFAULT_SAMPLES
    spread: float = 0.25
    simplex: bool = False
    indicator_spread: float = 0.0
    mixed_methods: bool = False


@dataclass(frozen=True)
class TrendOptions(AnalysisOptions):
    allow_mixed: bool = False


@dataclass(frozen=True)
class _Loaded:
    criteria_set: CriteriaSet
    paths: list[str] = field(default_factory=list)
    results: list[ProfileScore] = field(default_factory=list)


def run_compare(options: CompareOptions) -> int:
    """Compare the profiles side by side. Returns the exit code."""
    import allyeval.render.comparison as view
    from allyeval.analysis.comparison import compare

    name, document = _formats(options.output_format, view.FORMATS, "compare")
    _check_samples(options.samples)
    loaded = _load(options.files, options, "compare")
    if loaded is None:
        return EXIT_INPUT_ERROR
    result = compare(loaded.results, paths=loaded.paths, seed=options.seed, samples=options.samples)
    return _show(view, result, name, document, options, loaded, seed=options.seed,
                 samples=options.samples)  # fmt: skip


def run_robustness(options: RobustnessOptions) -> int:
    """Sample criterion weights and report how the ranking holds. Returns the exit code."""
    import allyeval.render.robustness as view
    from allyeval.analysis.robustness import robustness

    name, document = _formats(options.output_format, view.FORMATS, "robustness")
    _check_samples(options.samples)
    if not 0 <= options.spread < 1:
        raise UsageError(f"--spread must be at least 0 and below 1, got {options.spread:g}")
    if not 0 <= options.indicator_spread < 1:
        raise UsageError(
            f"--indicator-spread must be at least 0 and below 1, got {options.indicator_spread:g}"
        )
    loaded = _load(options.files, options, "robustness")
    if loaded is None:
        return EXIT_INPUT_ERROR
    result = robustness(
        loaded.results,
        paths=loaded.paths,
        spread=options.spread,
        simplex=options.simplex,
        seed=options.seed,
        samples=options.samples,
        indicator_spread=options.indicator_spread,
        mixed_methods=options.mixed_methods,
    )
    return _show(view, result, name, document, options, loaded, seed=options.seed,
                 samples=options.samples)  # fmt: skip


def run_trend(options: TrendOptions) -> int:
    """Show one partnership's assessments over time. Returns the exit code."""
    import allyeval.render.trend as view
    from allyeval.analysis.trend import SeriesError, trend

    name, document = _formats(options.output_format, view.FORMATS, "trend")
    loaded = _load(options.files, options, "trend")
    if loaded is None:
        return EXIT_INPUT_ERROR
    try:
        result = trend(loaded.results, loaded.paths, allow_mixed=options.allow_mixed)
    except SeriesError as exc:
        raise InputError([Problem(display(exc.path), str(exc))]) from None
    return _show(view, result, name, document, options, loaded)


def _check_samples(samples: int) -> None:
    if not 1 <= samples <= MAX_SAMPLES:
        raise UsageError(f"--samples must be from 1 to {MAX_SAMPLES:,}, got {samples}")


def _load(files: list[str], options: AnalysisOptions, command: str) -> _Loaded | None:
    """Score every file; on any problem, report them all and return None."""
    if len(files) < MIN_PROFILES:
        raise UsageError(f"{command} needs at least {MIN_PROFILES} profiles, got {len(files)}")
    if len(files) > MAX_ANALYSED_PROFILES:
        raise UsageError(
            f"{command} takes at most {MAX_ANALYSED_PROFILES:,} profiles at once, "
            f"got {len(files):,}; score larger batches with 'allyeval score'"
        )
    if files.count(STDIN) + (options.criteria == STDIN) > 1:
        raise UsageError("'-' (standard input) can be given only once")
    inputs = [*files, *([options.criteria] if options.criteria else [])]
    check_output(options.output, inputs)
    check_stale_years(options.stale_years)
    warn_without_libyaml()
    check_min_coverage(options.min_coverage)
    given: CriteriaSet | None = None
    texts: dict[str, str | InputError] = {}
    if options.criteria is not None:
        given = model = load_criteria(options.criteria, max_bytes=options.max_bytes)
    else:
        named, texts = models_named(files, options.max_bytes)
        if len(named) > 1:
            _refuse_mixed(files, texts, command, options.max_bytes)
        model = named[0]
    if options.min_coverage is not None:
        model = model.with_min_coverage(options.min_coverage)
    loaded = _Loaded(model)
    failed = 0
    checks = Checks(stale_years=options.stale_years)
    for path in files:
        try:
            text = texts.get(path)
            if isinstance(text, InputError):
                raise text
            report, warnings = score_file(
                path, given, options.method, options.max_bytes, text=text,
                checks=checks, strict=options.strict, min_coverage=options.min_coverage,
            )  # fmt: skip
            for warning in warnings:
                diagnose(str(warning))
        except InputError as exc:
            failed += 1
            for problem in exc.problems:
                diagnose(str(problem))
            continue
        loaded.paths.append(path)
        loaded.results.append(report.result)
    if failed:
        diagnose(
            f"allyeval: {command} needs every input; {failed} of {len(files)} "
            f"file{'s' if len(files) > 1 else ''} could not be read, so nothing was written"
        )
        return None
    return loaded


def _refuse_mixed(
    files: list[str], texts: dict[str, str | InputError], command: str, max_bytes: int
) -> None:
    """Profiles rated against different criteria models cannot be compared or ranked."""
    by_model: dict[str, list[str]] = {}
    for path in files:
        try:
            text = texts.get(path)
            if not isinstance(text, str):
                text = read_text(path, max_bytes=max_bytes)
            name = criteria_for(text, path).name
        except InputError:
            continue
        by_model.setdefault(name, []).append(display(path))
    listed = "; ".join(f"{name}: {', '.join(paths)}" for name, paths in by_model.items())
    raise UsageError(
        f"{command} needs profiles rated against one criteria model, and these name "
        f"{len(by_model)} ({listed}); their scores cannot be compared"
    )


def _formats(output_format: str, allowed: tuple[str, ...], command: str) -> tuple[str, str | None]:
    """The text renderer's format, or (for html and svg) the document to make instead."""
    name = str(output_format)
    if name in DOCUMENTS:
        return "table", name
    return check_format(name, (*allowed, *DOCUMENTS), command), None


def _show(
    view: Any,
    result: Any,
    name: str,
    document: str | None,
    options: AnalysisOptions,
    loaded: _Loaded,
    **sampling: int,
) -> int:
    """Render *result* with the renderer module *view* (or as an HTML or SVG document) and
    write it where the options say."""
    if document is not None:
        from allyeval.render.html import analysis_document

        text = analysis_document(
            result,
            document,
            criteria_set=loaded.criteria_set,
            method=options.method.value,
            **sampling,
        )
    else:
        text = view.render(
            result,
            name,
            color=wants_color(options.color, options.output),
            width=terminal_width(),
            criteria_set=loaded.criteria_set,
            method=options.method.value,
            **sampling,
        )
    return _write(options.output, text)


def _write(output: str | None, text: str) -> int:
    with open_output(output) as out:
        out.write(text)
        out.flush()
    return EXIT_OK
