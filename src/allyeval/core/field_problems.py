"""What a validation error of a profile or criteria file says: pydantic's errors as one
line each, in the analyst's words, at the line and column of the value at fault."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails
from yaml.nodes import Node

from allyeval.core import plainyaml
from allyeval.core.errors import Problem
from allyeval.core.errors import field_name as _field
from allyeval.core.models import NOT_APPLICABLE, RATING_TAGS
from allyeval.core.sources import SOURCE_TAGS


def kind_of(value: Any) -> str:
    """What a value is, as a message names it."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "null"
    return f"a single value ({type(value).__name__})"


def suggestion(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def field_problem(error: ErrorDetails, root: Node, name: str, model: type[BaseModel]) -> Problem:
    loc = [step for step in error["loc"] if not _is_internal(step)]
    kind = error["type"]
    value = error.get("input")
    of_key = kind == "extra_forbidden" or any(str(s).endswith("[key]") for s in error["loc"])
    line, column = plainyaml.locate(root, loc, key=of_key)
    if kind == "missing":
        if loc[-1] == "evidence" and NOT_APPLICABLE in error["loc"]:
            message = "level n/a needs evidence saying why the indicator does not apply"
            return Problem(name, message, line, column, _field(loc))
        return Problem(name, f"missing required field {str(loc[-1])!r}", line, column, _field(loc))
    if _unfilled(value, kind, loc):
        return Problem(name, "not filled in", line, column, _field(loc))
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        choices = list(parent.model_fields) if parent else []
        message = f"unknown field {str(loc[-1])!r}{suggestion(str(loc[-1]), choices)}"
        return Problem(name, message, line, column, _field(loc))
    message = _PLAIN_MESSAGES.get(kind, str(error["msg"]))
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    else:
        message = message[0].lower() + message[1:]
        message += f", got {_show(value) if not isinstance(value, dict | list) else kind_of(value)}"
    if loc and loc[-1] == "level" and kind != "value_error":
        message = f"level must be a whole number from 0 to 4, got {_show(value)}"
        if isinstance(value, str) and any(c.isalpha() for c in value):
            message += " (write n/a for an indicator that does not apply)"
    return Problem(name, message, line, column, _field(loc) or None)


_REQUIRED_TOP = ("id", "name", "kind", "members", "established", "formal_basis", "region",
                 "as_of", "summary")  # fmt: skip


def _unfilled(value: Any, kind: str, loc: Sequence[str | int]) -> bool:
    """Whether a required field of a profile was left empty, as ``allyeval init`` leaves it."""
    if len(loc) != 1 or loc[0] not in _REQUIRED_TOP:
        return False
    return value is None or (value in ("", []) and kind in ("string_too_short", "too_short"))


_PLAIN_MESSAGES = {
    "string_pattern_mismatch": "use only lowercase letters, digits, '-' and '_', "
    "starting with a letter or digit",
    "string_too_short": "must not be empty",
    "dict_type": "must be a mapping of key: value pairs",
    "list_type": "must be a list",
    "date_from_datetime_inexact": "must be a date written YYYY-MM-DD, without a time",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_type": "must be a date written YYYY-MM-DD",
}


def _is_internal(step: str | int) -> bool:
    # pydantic adds "[key]" steps when a dict key itself fails validation, and the tag of
    # the union member (rated or pending) when a rating fails
    return isinstance(step, str) and (
        step.endswith("[key]") or step in RATING_TAGS or step in SOURCE_TAGS
    )


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null (empty)"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that the field path *loc* leads to inside *model*."""
    current: type[BaseModel] | None = model
    skip_key = False
    for step in loc:
        if isinstance(step, int) or current is None:
            continue
        if skip_key:  # a key of a dict field, e.g. the indicator id in ratings.<id>
            skip_key = False
            continue
        field = current.model_fields.get(str(step))
        annotation = field.annotation if field else None
        current = _inner_model(annotation)
        skip_key = getattr(annotation, "__origin__", None) is dict
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``list[M]``, ``dict[str, M]`` or ``M | None``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in reversed(getattr(annotation, "__args__", ())):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
