"""A scored profile as the renderers see it: where it came from, its score and its findings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from allyeval.core.findings import Findings, find
from allyeval.core.models import CriteriaSet, Profile
from allyeval.core.scoring import Method, ProfileScore, score_profile

Interval = tuple[float, float]


@dataclass(frozen=True)
class Report:
    path: str
    result: ProfileScore
    seed: int = 0
    """Seed of the sampling behind the intervals (used by the geometric method only)."""
    samples: int = 10_000

    @property
    def profile(self) -> Profile:
        return self.result.profile

    @cached_property
    def interval(self) -> Interval:
        """The 90% interval of the overall score, from the confidence of the ratings."""
        from allyeval.core.uncertainty import score_interval

        return score_interval(self.result, seed=self.seed, samples=self.samples)

    @cached_property
    def criterion_intervals(self) -> dict[str, Interval | None]:
        """The 90% interval of each criterion's score, on its own scale (None if unrated)."""
        from allyeval.core.uncertainty import criterion_intervals

        return criterion_intervals(self.result, seed=self.seed, samples=self.samples)

    @property
    def sampled(self) -> bool:
        """Whether the intervals come from sampling (geometric) rather than exactly."""
        return self.result.method != "arithmetic"

    @cached_property
    def findings(self) -> Findings:
        """Strengths, weaknesses and recommendations, worked out only for formats that show them."""
        return find(self.result)


def build_report(
    path: str,
    profile: Profile,
    criteria_set: CriteriaSet,
    method: Method = "arithmetic",
    *,
    seed: int = 0,
    samples: int = 10_000,
) -> Report:
    return Report(path, score_profile(profile, criteria_set, method), seed, samples)
