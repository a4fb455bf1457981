"""Which criteria model reads a profile: the one given with ``--criteria``, else the built-in
model the profile names with ``criteria:`` (none named: the default).

The model is found before the profile is validated, because validation needs it; the loader
then checks that the profile names the model it is read with (``loader.profile_from_text``).
"""

from __future__ import annotations

import difflib
import re

from allyeval.core import plainyaml
from allyeval.core.builtin import BUILTIN_MODELS, DEFAULT_MODEL
from allyeval.core.errors import InputError, Problem, ProfileError
from allyeval.core.limits import MAX_BYTES
from allyeval.core.loader import (
    STDIN,
    builtin_criteria,
    checked_profile,
    display,
    parse,
    read_text,
)
from allyeval.core.models import CriteriaSet, Profile
from allyeval.core.plausibility import Checks


def load_profile_and_criteria(
    path: str, given: CriteriaSet | None, *, max_bytes: int = MAX_BYTES, text: str | None = None
) -> tuple[Profile, CriteriaSet]:
    """One profile and the criteria it is read with: *given* (``--criteria``), else the
    built-in model the profile names. *text*, if given, is the file's content already read.
    Warnings are dropped (see :func:`read_profile_and_criteria`)."""
    profile, criteria_set, _ = read_profile_and_criteria(
        path, given, max_bytes=max_bytes, text=text
    )
    return profile, criteria_set


def read_profile_and_criteria(
    path: str,
    given: CriteriaSet | None,
    *,
    max_bytes: int = MAX_BYTES,
    text: str | None = None,
    checks: Checks | None = None,
) -> tuple[Profile, CriteriaSet, list[Problem]]:
    """As :func:`load_profile_and_criteria`, with the profile's warnings (plausibility)."""
    if text is None:
        text = read_text(path, max_bytes=max_bytes)
    criteria_set = given if given is not None else criteria_for(text, path)
    profile, warnings = checked_profile(text, path, criteria_set, checks)
    return profile, criteria_set, warnings


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_MODEL_LINE = re.compile(r"^criteria[ \t]*:[ \t]*([\"']?)([^\s\"'#]*)\1[ \t]*(?:#.*)?$", re.M)


def named_model(text: str, path: str = STDIN) -> str | None:
    """The criteria model the profile in *text* names (None: none named), found without
    validating the profile. A top-level ``criteria: NAME`` line is read directly; anything
    else is parsed. A wrong guess cannot slip through: the profile is validated later
    against the model chosen here, and a mismatch is an error."""
    if "criteria" not in text:
        return None  # the common case, found far faster than by the pattern
    match = _MODEL_LINE.search(text)
    if match:
        return None if match.group(2) in _NULLS else match.group(2)
    if not _may_have_a_model_key(text):
        return None  # "criteria" only in the middle of lines: evidence, a summary...
    try:
        data, _ = parse(text, path, "profile")
    except InputError:
        return None  # reported when the profile is loaded
    named = data.get("criteria")
    return named if isinstance(named, str) else None


_KEY_LEAD = frozenset(" \t?\"'-")
"""What may stand before a block mapping's key on its line: indentation, a quote, ``? ``,
``---``."""
_RARE_BREAKS = ("\x85", "\u2028", "\u2029")


def _may_have_a_model_key(text: str) -> bool:
    """Whether a ``criteria`` in *text* could be a key of the top-level mapping: in a block
    mapping, one that only indentation, a quote, ``? ``, an anchor or a tag stands before on
    its line (a flow mapping may hold it anywhere). A word in the middle of a line (evidence
    about membership criteria) cannot be; the profile need not be parsed twice to know it."""
    if "{" in text or any(brk in text for brk in _RARE_BREAKS):
        return True  # a flow mapping, or YAML 1.1's other line breaks: the parser decides
    found = text.find("criteria")
    while found != -1:
        line_start = max(text.rfind("\n", 0, found), text.rfind("\r", 0, found)) + 1
        lead = text[line_start:found]
        if _KEY_LEAD.issuperset(lead) or "&" in lead or "!" in lead:
            return True
        found = text.find("criteria", found + 1)
    return False


def criteria_for(text: str, path: str) -> CriteriaSet:
    """The built-in criteria model that the profile in *text* names, or the default."""
    named = named_model(text, path)
    if named is None:
        return builtin_criteria(DEFAULT_MODEL)
    if named in BUILTIN_MODELS:
        return builtin_criteria(named)
    line = column = None
    try:
        _, root = parse(text, path, "profile")
        line, column = plainyaml.locate(root, ["criteria"])
    except InputError:
        pass
    close = difflib.get_close_matches(named, list(BUILTIN_MODELS), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ProfileError(
        [
            Problem(
                display(path),
                f"no built-in criteria model {named!r}{hint}; "
                f"the built-in models are {', '.join(BUILTIN_MODELS)} (or give the model's "
                "file with --criteria FILE)",
                line,
                column,
                "criteria",
            )
        ]
    )
