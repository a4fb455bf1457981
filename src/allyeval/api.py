"""The Python API, for notebooks and scripts: the same loading and scoring as the CLI.

    from allyeval import agree, compare, load_criteria, load_profile, score
    criteria = load_criteria()
    result = score(load_profile("examples/nato.yaml", criteria), criteria)
    result.score, result.band, [(c.criterion.id, c.score) for c in result.criteria]

Errors are raised as :class:`allyeval.InputError` (with ``.problems``, each naming the
file, line, column and field) and :class:`allyeval.NothingRated`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allyeval.core import loader
from allyeval.core.builtin import DEFAULT_MODEL
from allyeval.core.errors import InputError
from allyeval.core.models import CriteriaSet, Profile
from allyeval.core.report import Report
from allyeval.core.scoring import Method, NothingRated, ProfileScore, score_profile
from allyeval.core.selection import load_profile_and_criteria
from allyeval.render.records import report_record

__all__ = [
    "InputError",
    "NothingRated",
    "as_record",
    "compare",
    "load_criteria",
    "load_profile",
    "score",
]

if TYPE_CHECKING:
    from allyeval.analysis.agreement import Agreement
    from allyeval.analysis.comparison import Comparison


def load_criteria(path: str | Path | None = None) -> CriteriaSet:
    """The criteria in *path*, or allyeval's default criteria."""
    return loader.load_criteria(None if path is None else str(path))


def load_profile(path: str | Path, criteria: CriteriaSet | None = None) -> Profile:
    """The profile in *path*, validated against *criteria* (default: the built-in model the
    profile names, the default criteria if it names none)."""
    return load_profile_and_criteria(str(path), criteria)[0]


def score(
    profile: Profile, criteria: CriteriaSet | None = None, *, method: Method = "arithmetic"
) -> ProfileScore:
    """The score of *profile*: overall, per criterion and per indicator (see the README).
    Without *criteria*, the built-in model the profile names (``criteria:``) is used."""
    if criteria is None:
        criteria = loader.builtin_criteria(profile.criteria or DEFAULT_MODEL)
    return score_profile(profile, criteria, method)


def compare(
    results: Sequence[ProfileScore],
    *,
    paths: Sequence[str] | None = None,
    seed: int = 0,
    samples: int = 10_000,
) -> Comparison:
    """Scored profiles side by side, as ``allyeval compare`` (same seed, same result)."""
    from allyeval.analysis.comparison import compare as compare_results

    return compare_results(results, paths=paths, seed=seed, samples=samples)


def agree(
    profiles: Sequence[Profile],
    criteria: CriteriaSet | None = None,
    *,
    paths: Sequence[str] | None = None,
    method: Method = "arithmetic",
    seed: int = 0,
    samples: int = 10_000,
) -> Agreement:
    """Several raters' profiles of one partnership, as ``allyeval agree``: alpha with its
    interval, disagreements, scores side by side and the consensus (``.consensus.profile``).

    Raters are named by ``rated_by``, else by *paths* (file names), else "rater 1", "rater 2"...
    Raises :class:`allyeval.analysis.agreement.NotOnePartnership` when the ids or dates differ
    or two profiles name the same rater, and NothingRated when a profile rates nothing."""
    from allyeval.analysis.agreement import agree as agree_results

    criteria_set = criteria or load_criteria()
    results = [score_profile(profile, criteria_set, method) for profile in profiles]
    return agree_results(results, paths=paths, seed=seed, samples=samples)


def as_record(result: ProfileScore, path: str = "") -> dict[str, Any]:
    """*result* as the record ``allyeval score --format json`` prints for it."""
    return report_record(Report(path, result))
