"""The criteria models shipped with allyeval, by name, and the check that a profile is read
with the model it names (``criteria:``; none named: the default)."""

from __future__ import annotations

from typing import Any

from yaml.nodes import Node

from allyeval.core import plainyaml
from allyeval.core.errors import Problem
from allyeval.core.models import CriteriaSet

DEFAULT_MODEL = "allyeval-default"
BUILTIN_MODELS = {DEFAULT_MODEL: "default.yaml", "treaty-design": "treaty-design.yaml"}
"""Model name to file in the package's ``criteria/`` folder."""


def model_problem(
    data: dict[str, Any], root: Node, name: str, criteria_set: CriteriaSet
) -> Problem | None:
    """A profile read with criteria other than those it was rated against."""
    named = data.get("criteria")
    if named is None and criteria_set.name in BUILTIN_MODELS and criteria_set.name != DEFAULT_MODEL:
        line, column = plainyaml.locate(root, [])
        return Problem(
            name,
            f"the profile names no criteria model, so it is rated against the default "
            f"{DEFAULT_MODEL!r}, but the criteria given are {criteria_set.name!r}; add "
            f"'criteria: {criteria_set.name}' if it was rated against them",
            line,
            column,
            "criteria",
        )
    if isinstance(named, str) and named != criteria_set.name:
        line, column = plainyaml.locate(root, ["criteria"])
        hint = (
            "leave out --criteria to use the built-in model"
            if named in BUILTIN_MODELS
            else "give that model's file with --criteria FILE"
        )
        return Problem(
            name,
            f"the profile is rated against the criteria model {named!r}, but the criteria "
            f"given are {criteria_set.name!r}; {hint}",
            line,
            column,
            "criteria",
        )
    return None
