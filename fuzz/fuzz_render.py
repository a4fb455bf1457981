#!/usr/bin/env python3
"""Coverage-guided fuzzing of allyeval's renderers with atheris: any text, in every field of
a profile and a criteria set and in the file paths, must come out of every command and format
as data (see ``tests/hostile.py`` for the invariants).

An input is one mode byte and a payload (UTF-8, undecodable bytes replaced; in the paths they
are kept as lone surrogates, as Python passes undecodable file names). The mode byte picks
the command group (score, compare, robustness, trend, criteria), colour on or off, whether
the criteria set is hostile too, and whether the profile goes through the loader (a YAML
double-quoted name: what the loader refuses ends the input there) or is built past it.

Run (see fuzz/README.md)::

    python fuzz/fuzz_render.py .fuzz/render-corpus fuzz/corpus-render -max_len=512

Without atheris, ``run_one`` is what ``tests/test_fuzz_render.py`` calls on every seed in
``fuzz/corpus-render``.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import hostile  # noqa: E402 - the corpus and invariants live with the tests
from allyeval.core.errors import InputError  # noqa: E402
from allyeval.core.loader import load_criteria, profile_from_text  # noqa: E402

PATH = "fuzzed/input.yaml"
CRITERIA_SET = load_criteria()
PROFILE_TEXT = """\
id: fuzzed
name: {name}
kind: bilateral
members: [US, GB]
established: 2000
formal_basis: none
region: Nowhere
as_of: 2024-01-01
summary: A profile made up by the fuzz harness.
ratings:
  joint_exercises: {{level: 4, confidence: high, evidence: Annual exercises.}}
  trust: {{level: 2, confidence: medium, evidence: Some friction.}}
  strategic_divergence: {{level: 1, confidence: low, evidence: Minor.}}
"""
BASE_PROFILE = profile_from_text(PROFILE_TEXT.format(name="Fuzzed"), PATH, CRITERIA_SET)


def run_one(data: bytes) -> None:
    """Render *data* as text everywhere; raises ``hostile.UnsafeOutput`` (or any other
    exception) if an output is unsafe."""
    if not data:
        return
    mode, raw = data[0], data[1:]
    payload = raw.decode("utf-8", "replace")
    in_paths = raw.decode("utf-8", "surrogateescape")
    group = hostile.GROUPS[(mode & 0x07) % len(hostile.GROUPS)]
    color = bool(mode & 0x08)
    criteria_set = hostile.hostile(CRITERIA_SET, payload) if mode & 0x10 else CRITERIA_SET
    if mode & 0x20:
        try:
            text = PROFILE_TEXT.format(name=json.dumps(payload, ensure_ascii=False))
            profile = profile_from_text(text, PATH, CRITERIA_SET)
        except InputError:
            return
    else:
        profile = hostile.hostile(BASE_PROFILE, payload)
    profiles = [
        hostile.dated(profile, dt.date(2020, 1, 1), "a" + payload),
        hostile.dated(profile, dt.date(2021, 1, 1), "a" + payload),
        hostile.dated(profile, dt.date(2021, 1, 1), "b" + payload),
    ]
    paths = [f"{in_paths}.yaml", f"x/{in_paths}", in_paths or "-"]
    outputs = hostile.render_everything(profiles, criteria_set, paths, color=color, groups=(group,))
    for kind, output in outputs:
        hostile.check_output(kind, output, color=color)


def TestOneInput(data: bytes) -> None:  # noqa: N802 - the name atheris expects
    run_one(data)


def main() -> None:
    import atheris  # type: ignore[import-not-found]

    atheris.instrument_all()
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
