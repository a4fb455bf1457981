#!/usr/bin/env python3
"""Coverage-guided fuzzing of allyeval's loader with atheris (libFuzzer for Python).

Any bytes go through ``decode`` and then, chosen by the first byte, either
``profile_from_text`` -> ``build_report`` (against the default criteria set) or
``criteria_from_text`` (and, when that succeeds, ``build_report`` for a profile that rates every
indicator of the fuzzed criteria set).

The contract checked: the only exceptions are ``InputError`` (and ``NothingRated`` from
``build_report``); every ``InputError`` carries at least one problem, and ``str(problem)`` is a
single line that starts with the path given. Anything else is raised, so atheris reports it as
a crash and saves the input.

Run (see fuzz/README.md)::

    python fuzz/fuzz_loader.py .fuzz/corpus fuzz/corpus -dict=fuzz/yaml.dict
"""

from __future__ import annotations

import sys

import atheris  # type: ignore[import-untyped]

with atheris.instrument_imports():
    from allyeval.core.errors import InputError
    from allyeval.core.loader import criteria_from_text, decode, load_criteria, profile_from_text
    from allyeval.core.models import CriteriaSet, Profile
    from allyeval.core.report import build_report
    from allyeval.core.scoring import NothingRated

PATH = "fuzzed/input.yaml"
CRITERIA_SET = load_criteria()


class ContractViolation(AssertionError):
    """The loader broke its error contract (the input that did it is saved as a crash)."""


def check_input_error(exc: InputError, path: str) -> None:
    """Every problem of *exc* is one line that starts with *path*; there is at least one."""
    if not exc.problems:
        raise ContractViolation(f"{type(exc).__name__} with no problems") from exc
    for problem in exc.problems:
        text = str(problem)
        if not text.startswith(path):
            raise ContractViolation(f"problem does not start with {path!r}: {text!r}") from exc
        if len(text.splitlines()) != 1 or "\n" in text:
            raise ContractViolation(f"problem is not a single line: {text!r}") from exc


def mode_is_criteria(data: bytes) -> bool:
    """About a quarter of inputs are read as criteria files: first byte 3 mod 4 ('#', '[', '{',
    'c', 's', 'w'...; a UTF-8 BOM is skipped); the example profiles start with 'i' (profile mode)
    and the default criteria file with '#' (criteria mode)."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    return bool(data) and data[0] % 4 == 3


def rate_everything(criteria_set: CriteriaSet, data: bytes) -> Profile:
    """A valid profile rating every indicator of *criteria_set*, levels taken from *data*."""
    ratings = {
        indicator_id: {
            "level": data[n % len(data)] % 5,
            "confidence": "medium",
            "evidence": "Fuzzed.",
        }
        for n, indicator_id in enumerate(criteria_set.indicators)
    }
    return Profile.model_validate(
        {
            "id": "fuzzed",
            "name": "Fuzzed",
            "kind": "bilateral",
            "members": ["AA", "BB"],
            "established": 2000,
            "formal_basis": "none",
            "region": "Nowhere",
            "as_of": "2024-01-01",
            "summary": "A profile made up by the fuzz harness.",
            "ratings": ratings,
        }
    )


def run_one(data: bytes) -> None:
    """Feed *data* through the loader; raises only InputError or NothingRated if allyeval is
    well-behaved."""
    text = decode(data, PATH)
    if mode_is_criteria(data):
        criteria_set = criteria_from_text(text, PATH)
        build_report(PATH, rate_everything(criteria_set, data), criteria_set)
    else:
        profile = profile_from_text(text, PATH, CRITERIA_SET)
        build_report(PATH, profile, CRITERIA_SET)


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    try:
        run_one(data)
    except InputError as exc:
        check_input_error(exc, PATH)
    except NothingRated:
        pass


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
