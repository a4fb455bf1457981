"""Checks a well-formed profile must still pass: dates that fit together, evidence that
existed on the assessment's date, members that are real codes.

Errors (the profile is refused): ``established`` after the ``as_of`` year; ``as_of`` after
today; a source dated after ``as_of`` (evidence cannot come from the future of the
assessment); a member that is not a code of the profile's ``member_codes`` scheme.
(``ended`` before ``established`` is refused by the model itself.)

Warnings (reported, not fatal unless ``--strict``): evidence that names a year later than
``as_of`` (usually hindsight); ``ended`` after the ``as_of`` year; with ``stale_years``, a
source dated more than that many years before ``as_of``.

A finding is a field path, a message and a severity; :func:`plausibility_problems` locates
each in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from yaml.nodes import Node

from allyeval.core import members, plainyaml
from allyeval.core.errors import Problem
from allyeval.core.models import PendingRating, Profile
from allyeval.core.sources import Source, first_day, last_day

Severity = Literal["error", "warning"]
Path = list[str | int]
YEAR = re.compile(r"(?<![\d,.])(1[5-9]\d\d|20\d\d)(?!\d|[,.]\d)")
"""A four-digit year from 1500 to 2099, not part of a longer number such as 10,000 or 2.5."""

CLOCK: Callable[[], dt.date] = dt.date.today
"""Where "today" comes from; tests replace it to check future dates."""


@dataclass(frozen=True, slots=True)
class Checks:
    """What to check beyond the always-on errors."""

    stale_years: int | None = None
    """Warn about sources dated more than this many years before as_of (None: off)."""
    today: dt.date | None = None
    """The date an as_of may not pass (None: CLOCK())."""


@dataclass(frozen=True, slots=True)
class Finding:
    path: Path
    message: str
    severity: Severity = "error"
    key: bool = False
    """Locate the key at *path* rather than its value."""


@dataclass
class _Found:
    items: list[Finding] = field(default_factory=list)

    def error(self, path: Path, message: str) -> None:
        self.items.append(Finding(path, message))

    def warn(self, path: Path, message: str) -> None:
        self.items.append(Finding(path, message, "warning"))


def check_profile(profile: Profile, checks: Checks | None = None) -> list[Finding]:
    """Every plausibility error and warning of *profile*, in the order of its fields."""
    checks = checks or Checks()
    found = _Found()
    as_of = profile.as_of
    for index, member in enumerate(profile.members):
        problem = members.problem(member, profile.member_codes)
        if problem:
            found.error(["members", index], problem)
    if profile.established > as_of.year:
        found.error(
            ["established"],
            f"established ({profile.established}) is after as_of ({as_of.isoformat()}): "
            "a partnership cannot be assessed before it began",
        )
    if profile.ended is not None and profile.ended > as_of.year:
        found.warn(
            ["ended"],
            f"ended ({profile.ended}) is after as_of ({as_of.isoformat()}): an assessment as "
            "of that date cannot know when the partnership ended",
        )
    today = checks.today or CLOCK()
    if as_of > today:
        found.error(
            ["as_of"],
            f"as_of {as_of.isoformat()} is in the future (today is {today.isoformat()}): "
            "an assessment describes a date that has passed",
        )
    for key, entry in profile.ratings.items():
        if isinstance(entry, PendingRating):
            continue
        later = sorted({int(y) for y in YEAR.findall(entry.evidence) if int(y) > as_of.year})
        if later:
            years = " and ".join(map(str, later))
            found.warn(
                ["ratings", key, "evidence"],
                f"evidence names {years}, after as_of {as_of.isoformat()}: "
                "is this hindsight the assessment could not have had?",
            )
        for index, source in enumerate(entry.sources):
            if isinstance(source, Source):
                _check_source(found, ["ratings", key, "sources", index], source, as_of, checks)
    return found.items


def _check_source(
    found: _Found, path: Path, source: Source, as_of: dt.date, checks: Checks
) -> None:
    if first_day(source.date) > as_of:
        found.error(
            [*path, "date"],
            f"source {source.title!r} is dated {source.date}, after as_of {as_of.isoformat()}: "
            "evidence cannot come from the future of the assessment",
        )
    stale = checks.stale_years
    if stale is not None and _years_before(last_day(source.date), as_of) > stale:
        found.warn(
            [*path, "date"],
            f"source {source.title!r} is dated {source.date}, more than {stale} years before "
            f"as_of {as_of.isoformat()} (--stale-years {stale})",
        )


def _years_before(day: dt.date, as_of: dt.date) -> int:
    """Whole years from *day* to *as_of*."""
    years = as_of.year - day.year
    return years - 1 if (as_of.month, as_of.day) < (day.month, day.day) else years


def plausibility_problems(
    profile: Profile, root: Node, name: str, checks: Checks | None = None
) -> list[Problem]:
    """The findings of :func:`check_profile` as problems located in the file *name*."""
    return [
        Problem(
            name,
            finding.message,
            *plainyaml.locate(root, finding.path, key=finding.key),
            _field(finding.path),
            finding.severity,
        )
        for finding in check_profile(profile, checks)
    ]


def _field(path: Path) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text
