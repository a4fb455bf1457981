"""Which indicators of a criteria model apply to a profile: its kinds, and the indicators an
earlier version had and this one retired."""

from __future__ import annotations

from yaml.nodes import Node

from allyeval.core import plainyaml
from allyeval.core.errors import Problem
from allyeval.core.models import CriteriaSet, Profile


def excluded_by_kind(profile: Profile, criteria_set: CriteriaSet) -> set[str]:
    """The indicators the model does not apply to the profile's kind (n/a whatever is rated)."""
    return {
        ident
        for ident, (_, indicator) in criteria_set.indicators.items()
        if profile.kind not in indicator.kinds
    }


def kind_problems(
    profile: Profile, criteria_set: CriteriaSet, root: Node, name: str
) -> list[Problem]:
    """A warning for each level given to an indicator that does not apply to the kind: it is
    scored n/a, and the profile should say so (``level: n/a``)."""
    problems = []
    kind = profile.kind.replace("_", " ")
    for ident in sorted(excluded_by_kind(profile, criteria_set) & set(profile.rated)):
        kinds = ", ".join(criteria_set.indicators[ident][1].kinds).replace("_", " ")
        line, column = plainyaml.locate(root, ["ratings", ident, "level"])
        problems.append(
            Problem(
                name,
                f"{ident} does not apply to a {kind} (criteria {criteria_set.name} "
                f"{criteria_set.version} applies it to: {kinds}); it is scored n/a, so write "
                "level: n/a",
                line,
                column,
                f"ratings.{ident}.level",
                "warning",
            )
        )
    return problems


def retired_message(key: str, criteria_set: CriteriaSet) -> str | None:
    """Why a rating's key is not an indicator when this version of the model retired it (and
    what it became); None for a key the model never had."""
    became = criteria_set.retired.get(key)
    if became is None:
        return None
    return (
        f"indicator {key!r} is not in criteria {criteria_set.name} {criteria_set.version}: "
        f"{became} (to score a profile as rated under an earlier version, pass that model "
        "file with --criteria)"
    )
