"""``allyeval validate``: check profiles and criteria files without scoring them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from allyeval.cli.runner import as_error, check_stale_years, diagnose, warn_without_libyaml
from allyeval.core.applicability import excluded_by_kind
from allyeval.core.builtin import DEFAULT_MODEL
from allyeval.core.errors import EXIT_INPUT_ERROR, EXIT_OK, InputError, Problem, UsageError
from allyeval.core.formats import ValidateFormat
from allyeval.core.limits import MAX_BYTES
from allyeval.core.loader import STDIN, display, load_criteria
from allyeval.core.output import open_output
from allyeval.core.plausibility import Checks
from allyeval.core.printable import one_line, unicode_escaped
from allyeval.core.selection import read_profile_and_criteria


@dataclass(frozen=True)
class ValidateOptions:
    files: list[str]
    criteria: str | None = None
    output_format: ValidateFormat = ValidateFormat.text
    output: str | None = None
    max_bytes: int = MAX_BYTES
    quiet: bool = False
    strict: bool = False
    """Warnings are errors."""
    stale_years: int | None = None


@dataclass(frozen=True, slots=True)
class FileCheck:
    file: str
    problems: list[Problem]
    note: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check_files(options: ValidateOptions) -> list[FileCheck]:
    """Every file's problems (none for a valid file), the criteria file first if given."""
    checks: list[FileCheck] = []
    given = None
    if options.criteria is not None:
        try:
            given = load_criteria(options.criteria, max_bytes=options.max_bytes)
        except InputError as exc:
            return [FileCheck(options.criteria, exc.problems)]
        count = len(given.indicators)
        note = f"criteria {given.name} {given.version}, {count} indicators"
        checks.append(FileCheck(options.criteria, [], note))
    plausibility = Checks(stale_years=options.stale_years)
    for path in options.files:
        name = display(path)
        try:
            profile, criteria_set, warnings = read_profile_and_criteria(
                path, given, max_bytes=options.max_bytes, checks=plausibility
            )
        except InputError as exc:
            checks.append(FileCheck(name, exc.problems))
            continue
        if options.strict:
            warnings = [as_error(warning) for warning in warnings]
        excluded = excluded_by_kind(profile, criteria_set)
        rated = len(
            [i for i in profile.rated if i in criteria_set.indicators and i not in excluded]
        )
        na = len((set(profile.not_applicable) & set(criteria_set.indicators)) | excluded)
        note = f"{rated} of {len(criteria_set.indicators)} indicators rated"
        note += f", {na} n/a" if na else ""
        if criteria_set.name != DEFAULT_MODEL:
            note += f", criteria {criteria_set.name}"
        checks.append(FileCheck(name, warnings, note))
    return checks


def run_validate(options: ValidateOptions) -> int:
    if not options.files and options.criteria is None:
        raise UsageError("give at least one profile, or --criteria FILE to check on its own")
    if options.files.count(STDIN) + (options.criteria == STDIN) > 1:
        raise UsageError("'-' (standard input) can be given only once")
    check_stale_years(options.stale_years)
    warn_without_libyaml(options.quiet)
    checks = check_files(options)
    with open_output(options.output) as out:
        if options.output_format is ValidateFormat.json:
            problems = [_problem_record(p) for check in checks for p in check.problems]
            text = json.dumps(problems, indent=2, ensure_ascii=False)
            out.write(unicode_escaped(text) + "\n")
        else:
            for check in checks:
                for warning in check.warnings:
                    diagnose(str(warning))
                for problem in check.errors:
                    out.write(f"{problem}\n")
                if not check.errors and not options.quiet:
                    warned = len(check.warnings)
                    also = f", {warned} warning{'s' if warned > 1 else ''}" if warned else ""
                    out.write(one_line(f"{check.file}: ok ({check.note}{also})") + "\n")
    return EXIT_INPUT_ERROR if any(check.errors for check in checks) else EXIT_OK


def _problem_record(problem: Problem) -> dict[str, object]:
    record = asdict(problem)
    keys = ("file", "line", "column", "field", "severity", "message")
    return {key: record[key] for key in keys}
