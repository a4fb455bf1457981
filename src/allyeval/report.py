"""A scored profile as the renderers see it: where it came from, its score and its findings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from allyeval.findings import Findings, find
from allyeval.models import CriteriaSet, Profile
from allyeval.scoring import Method, ProfileScore, score_profile


@dataclass(frozen=True)
class Report:
    path: str
    result: ProfileScore

    @property
    def profile(self) -> Profile:
        return self.result.profile

    @cached_property
    def findings(self) -> Findings:
        """Strengths, weaknesses and recommendations, worked out only for formats that show them."""
        return find(self.result)


def build_report(
    path: str, profile: Profile, criteria_set: CriteriaSet, method: Method = "arithmetic"
) -> Report:
    return Report(path=path, result=score_profile(profile, criteria_set, method))
