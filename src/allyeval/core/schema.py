"""JSON Schemas of profiles and criteria files, for editors with the YAML language server.

Both come from the pydantic models. The profile schema is also told the indicator ids of the
criteria, each described by its question and rubric, so an editor completes ratings and shows
the rubric while an analyst types.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from allyeval.core.models import CriteriaSet, Profile

SchemaKind = Literal["profile", "criteria"]
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def profile_schema(criteria_set: CriteriaSet) -> dict[str, Any]:
    schema = Profile.model_json_schema()
    ratings = schema["properties"]["ratings"]
    entry = ratings.pop("additionalProperties")
    ratings["properties"] = {
        indicator.id: {
            **entry,
            "title": indicator.name,
            "description": _rubric_text(criterion.name, indicator.question, indicator.rubric),
        }
        for indicator_id, (criterion, indicator) in criteria_set.indicators.items()
    }
    ratings["additionalProperties"] = False
    ratings["description"] = (
        f"Ratings keyed by indicator id of the criteria set {criteria_set.name!r} "
        f"{criteria_set.version}; leave an indicator out (or its level empty) if not rated."
    )
    return {"$schema": DRAFT, **schema, "title": "allyeval partnership profile"}


def criteria_schema() -> dict[str, Any]:
    return {"$schema": DRAFT, **CriteriaSet.model_json_schema(), "title": "allyeval criteria"}


def schema_text(kind: SchemaKind, criteria_set: CriteriaSet) -> str:
    """The schema of *kind* as the text shipped in ``schemas/`` (stable key order)."""
    schema = profile_schema(criteria_set) if kind == "profile" else criteria_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _rubric_text(criterion: str, question: str, rubric: dict[int, str]) -> str:
    levels = "\n".join(f"{level}: {text}" for level, text in sorted(rubric.items()))
    return f"{criterion}. {question}\n{levels}"
