"""Reading profiles and criteria files: bytes -> plain YAML data -> validated models.

Every way a file can be wrong becomes a :class:`~allyeval.core.errors.Problem` naming the file and,
where the input has them, the line, the column and the field; all of a file's problems are
reported together.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from importlib import resources
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from yaml.nodes import Node

from allyeval.core import plainyaml
from allyeval.core.applicability import kind_problems, retired_message
from allyeval.core.builtin import BUILTIN_MODELS, DEFAULT_MODEL, model_problem
from allyeval.core.errors import CriteriaError, InputError, Problem, ProfileError
from allyeval.core.errors import field_name as _field
from allyeval.core.field_problems import field_problem, kind_of, suggestion
from allyeval.core.limits import MAX_BYTES
from allyeval.core.models import CriteriaSet, Profile
from allyeval.core.plausibility import Checks, plausibility_problems
from allyeval.core.text import file_name_problem

STDIN = "-"
DEFAULT_CRITERIA = BUILTIN_MODELS[DEFAULT_MODEL]

Model = TypeVar("Model", bound=BaseModel)


def read_text(path: str, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of *path* (``-`` for standard input), or a ProfileError saying why not."""
    if (bad_name := file_name_problem(path)) is not None:
        raise _fail(path, bad_name)
    try:
        if path == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise _fail(path, "no such file") from None
    except IsADirectoryError:
        raise _fail(path, "is a directory, not a YAML file") from None
    except PermissionError:
        raise _fail(path, "cannot be read: permission denied") from None
    except OSError as exc:
        raise _fail(path, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise _fail(path, f"is larger than {max_bytes:,} bytes; refused before parsing")
    return decode(data, path)


_OTHER_ENCODINGS = [
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
]


def decode(data: bytes, path: str) -> str:
    """The UTF-8 text in *data* (a BOM is dropped), or a ProfileError saying why not."""
    for bom, encoding in _OTHER_ENCODINGS:
        if data.startswith(bom):
            raise _fail(path, f"is {encoding} text; save it as UTF-8")
    if b"\0" in data:
        raise _fail(path, "contains NUL bytes: this is a binary file, not YAML text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(
            path, f"is not UTF-8 text (invalid byte at offset {exc.start}); save it as UTF-8"
        ) from None


def _fail(path: str, message: str) -> ProfileError:
    return ProfileError([Problem(display(path), message)])


def display(path: str) -> str:
    """The name of *path* in messages."""
    return "<stdin>" if path == STDIN else path


def parse(text: str, path: str, what: str) -> tuple[dict[str, Any], Node]:
    """Plain data and its node tree from *text*; the top level must be a mapping.

    The last result of each kind (*what*) is remembered for the same text object: finding
    the model a profile names may parse it (see ``selection.named_model``) before it is
    loaded. Callers read the data and never change it."""
    last = _last_parsed.get(what)
    if last is not None and last[0] is text and last[1] == path:
        return last[2]
    found = _parse(text, path, what)
    _last_parsed[what] = (text, path, found)
    return found


_last_parsed: dict[str, tuple[str, str, tuple[dict[str, Any], Node]]] = {}


def _parse(text: str, path: str, what: str) -> tuple[dict[str, Any], Node]:
    name = display(path)
    try:
        root = plainyaml.compose(text, depth_checked=False)
        if root is None:
            raise plainyaml.YamlProblem(
                "is empty" if not text.strip() else "holds only comments, no YAML content"
            )
        data = plainyaml.construct(root)
    except plainyaml.YamlProblem as exc:
        raise ProfileError([Problem(name, exc.message, exc.line, exc.column, exc.field)]) from None
    if not isinstance(data, dict):
        _refuse_deep(root, name)
        line, column = plainyaml.locate(root, [])
        raise ProfileError(
            [
                Problem(
                    name,
                    f"the top level must be a mapping of {what} fields (key: value), "
                    f"not {kind_of(data)}",
                    line,
                    column,
                )
            ]
        )
    return data, root


def _refuse_deep(root: Node, name: str) -> None:
    """Deep nesting is checked only once a document is found wrong: one that the models
    accept cannot be deep, so the check costs nothing on the common path."""
    try:
        plainyaml.check_depth(root)
    except plainyaml.YamlProblem as deep:
        raise ProfileError([Problem(name, deep.message, deep.line, deep.column)]) from None


def _validate(
    model: type[Model], data: dict[str, Any], root: Node, name: str
) -> tuple[Model | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        _refuse_deep(root, name)
        return None, [field_problem(error, root, name, model) for error in exc.errors()]


def load_profile(
    path: str,
    criteria_set: CriteriaSet,
    *,
    max_bytes: int = MAX_BYTES,
    checks: Checks | None = None,
) -> Profile:
    """Read and validate one profile; every indicator it rates must be in *criteria_set*.
    Warnings are dropped (see :func:`read_profile`)."""
    return read_profile(path, criteria_set, max_bytes=max_bytes, checks=checks)[0]


def read_profile(
    path: str,
    criteria_set: CriteriaSet,
    *,
    max_bytes: int = MAX_BYTES,
    checks: Checks | None = None,
) -> tuple[Profile, list[Problem]]:
    """Read and validate one profile: the profile and its warnings, or a ProfileError with
    every error."""
    text = read_text(path, max_bytes=max_bytes)
    return checked_profile(text, path, criteria_set, checks)


def profile_from_text(text: str, path: str, criteria_set: CriteriaSet) -> Profile:
    """The profile in *text* (warnings dropped), or a ProfileError with every error."""
    return checked_profile(text, path, criteria_set)[0]


def checked_profile(
    text: str, path: str, criteria_set: CriteriaSet, checks: Checks | None = None
) -> tuple[Profile, list[Problem]]:
    """The profile in *text* and its warnings, or a ProfileError with every error (the
    plausibility checks of :mod:`allyeval.core.plausibility` run once the profile is valid)."""
    name = display(path)
    data, root = parse(text, path, "profile")
    mismatch = model_problem(data, root, name, criteria_set)
    if mismatch is not None:
        raise ProfileError([mismatch])
    profile, problems = _validate(Profile, data, root, name)
    ratings = data.get("ratings")
    if isinstance(ratings, dict):
        known = list(criteria_set.indicators)
        for key in ratings:
            if key not in criteria_set.indicators:
                line, column = plainyaml.locate(root, ["ratings", str(key)], key=True)
                problems.append(
                    Problem(
                        name,
                        retired_message(str(key), criteria_set)
                        or f"unknown indicator {str(key)!r}{suggestion(str(key), known)}",
                        line,
                        column,
                        f"ratings.{key}",
                    )
                )
    if problems or profile is None:
        raise ProfileError(problems)
    found = plausibility_problems(profile, root, name, checks)
    found += kind_problems(profile, criteria_set, root, name)
    errors = [problem for problem in found if problem.severity == "error"]
    if errors:
        raise ProfileError(errors)
    return profile, found


def load_criteria(path: str | None = None, *, max_bytes: int = MAX_BYTES) -> CriteriaSet:
    """The criteria set in *path*, or the default one shipped with allyeval. *path* may also
    be the name of a built-in model (``treaty-design``) where no such file exists."""
    if path is None:
        return builtin_criteria(DEFAULT_MODEL)
    if path in BUILTIN_MODELS and not os.path.exists(path):
        return builtin_criteria(path)
    try:
        text = read_text(path, max_bytes=max_bytes)
    except InputError as exc:
        raise CriteriaError(exc.problems) from None
    return criteria_from_text(text, path)


@functools.cache
def builtin_criteria(name: str) -> CriteriaSet:
    """A criteria model shipped with allyeval, by name (a key of BUILTIN_MODELS)."""
    file = BUILTIN_MODELS[name]
    text = resources.files("allyeval").joinpath("criteria", file).read_text(encoding="utf-8")
    data = compiled_model(file, text)
    if data is not None:
        try:
            return CriteriaSet.model_validate(data)
        except ValidationError:
            pass  # the file's own messages, below
    return criteria_from_text(text, f"<allyeval>/criteria/{file}")


def compiled_model(file: str, text: str) -> dict[str, Any] | None:
    """The data of the built-in model *file* as compiled into ``builtin_data`` when *text*
    (the file as shipped) is what it was compiled from; else None (parse the text)."""
    from allyeval.core.builtin_data import MODELS

    digest, data = MODELS.get(file, ("", {}))
    return data if digest == hashlib.sha256(text.encode("utf-8")).hexdigest() else None


def criteria_from_text(text: str, path: str) -> CriteriaSet:
    try:
        data, root = parse(text, path, "criteria")
    except InputError as exc:
        raise CriteriaError(exc.problems) from None
    name = display(path)
    try:
        criteria_set, problems = _validate(CriteriaSet, data, root, name)
    except InputError as exc:
        raise CriteriaError(exc.problems) from None
    duplicates = _duplicate_ids(data, root, name)
    if duplicates:
        problems = [p for p in problems if "used twice" not in p.message] + duplicates
    if problems or criteria_set is None:
        raise CriteriaError(problems)
    return criteria_set


def _duplicate_ids(data: dict[str, Any], root: Node, name: str) -> list[Problem]:
    """Each criterion or indicator id given a second time, located where it is repeated."""
    seen: dict[str, int] = {}
    problems = []
    criteria = data.get("criteria")
    for c_index, criterion in enumerate(criteria if isinstance(criteria, list) else []):
        if not isinstance(criterion, dict):
            continue
        indicators = criterion.get("indicators")
        places: list[tuple[list[str | int], Any]] = [
            (["criteria", c_index, "id"], criterion.get("id"))
        ]
        places += [
            (["criteria", c_index, "indicators", i_index, "id"], item.get("id"))
            for i_index, item in enumerate(indicators if isinstance(indicators, list) else [])
            if isinstance(item, dict)
        ]
        for loc, ident in places:
            if not isinstance(ident, str):
                continue
            line, column = plainyaml.locate(root, loc)
            if ident in seen:
                problems.append(
                    Problem(
                        name,
                        f"id {ident!r} is used twice (first on line {seen[ident]}); "
                        "ids must be unique",
                        line,
                        column,
                        _field(loc),
                    )
                )
            else:
                seen[ident] = line
    return problems
