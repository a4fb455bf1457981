"""A scored profile as the renderers see it: where it came from, its score and its findings."""

from __future__ import annotations

from dataclasses import dataclass

from allyeval.findings import Findings, find
from allyeval.models import CriteriaSet, Profile
from allyeval.scoring import Method, ProfileScore, score_profile


@dataclass(frozen=True, slots=True)
class Report:
    path: str
    result: ProfileScore
    findings: Findings

    @property
    def profile(self) -> Profile:
        return self.result.profile


def build_report(
    path: str, profile: Profile, criteria_set: CriteriaSet, method: Method = "arithmetic"
) -> Report:
    result = score_profile(profile, criteria_set, method)
    return Report(path=path, result=result, findings=find(result))
