"""Alliance Treaty Obligations and Provisions (ATOP) records into draft allyeval profiles.

Pure functions, no input or output: alliance records in (read from the CSV files by
:mod:`allyeval.atop.data`), profile dictionaries out, and the YAML text of a profile. Reading
files, reporting problems and writing profiles is :mod:`allyeval.atop.importer`'s work; what the
provisions say about each indicator is :mod:`allyeval.atop.mapping`'s. docs/atop.md explains
the choices for analysts.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from allyeval.atop.data import DEFAULT_RELEASE, Alliance, Membership, State, release_of
from allyeval.atop.mapping import (
    Values,
    derive_ratings,
    formality,
    is_public_treaty,
    military_institutionalization,
    obligations,
)
from allyeval.atop.treaty_mapping import TREATY_MODEL, treaty_ratings
from allyeval.core.text import yaml_quoted

HEADER_COMMENT = (
    "# Draft profile imported from ATOP {release} by allyeval; "
    "practice-based indicators are left for an analyst to rate.\n"
)
TREATY_HEADER_COMMENT = (
    "# Draft profile imported from ATOP {release} by allyeval against the treaty-design "
    "criteria; every indicator is rated from the coded provisions, absent ones at level 0.\n"
)
CITATION = "ATOP {release} (Leeds et al. 2002), alliance atopid={atopid}"
PRACTICE = "practice"
MODELS = (PRACTICE, TREATY_MODEL)
"""The criteria a draft is rated against: practice (the default model) or treaty-design."""
RATINGS_NOTE = {
    PRACTICE: "Ratings read the treaty text as ATOP codes it; practice-based indicators are "
    "left for an analyst to rate.",
    TREATY_MODEL: "Ratings read the treaty text as ATOP codes it, a provision the treaty "
    "lacks at level 0; check them against the text.",
}

REGIONS = (
    (2, 165, "Americas"),
    (200, 399, "Europe"),
    (400, 626, "Africa"),
    (630, 698, "Middle East"),
    (700, 899, "Asia"),
    (900, 999, "Oceania"),
)
"""The Correlates of War regions by country-code range."""

LEVEL_WORDS = {0: "low", 1: "medium", 2: "high"}


def _date(year: int, month: int | None, day: int | None, *, last: bool) -> dt.date:
    """A calendar date from ATOP's year, month and day, 0 or missing meaning unknown.

    An unknown month or day reads as the first (*last* False) or last one of the period.
    """
    month = month or (12 if last else 1)
    days = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day or (days if last else 1), days))


def _when(year: int, month: int | None, day: int | None) -> str:
    """A date as precisely as ATOP knows it: on 4 April 1949, in April 1949 or in 1949."""
    if not month:
        return f"in {year}"
    named = f"{calendar.month_name[month]} {year}"
    return f"on {day} {named}" if day else f"in {named}"


def members_on(memberships: Sequence[Membership], day: dt.date) -> list[int]:
    moment = (day.year, day.month, day.day)
    return sorted(
        {
            m.member
            for m in memberships
            if m.entered <= moment and (m.left is None or m.left >= moment)
        }
    )


def choose_members(
    alliance: Alliance, memberships: Sequence[Membership] | None, day: dt.date
) -> tuple[list[int], str]:
    """The members' COW codes and a phrase saying which members they are.

    From the member file: the members on *day*. Where no row covers that day (phases coded
    with gaps), every member in the file; without member rows, ATOP's mem1..memN list.
    """
    if memberships:
        on_day = members_on(memberships, day)
        if on_day:
            return on_day, _when(day.year, day.month, day.day)
        everyone = sorted({m.member for m in memberships})
        return everyone, "at any time (no member row covers the date)"
    return sorted(alliance.listed_members), "at any time (mem1..mem59)"


def member_labels(codes: Sequence[int], states: Mapping[int, State] | None) -> list[str]:
    """A short, unique label per member: COW's abbreviation ("USA"), else "COW 2"."""
    labels = []
    for code in codes:
        state = states.get(code) if states else None
        labels.append(state.abbreviation if state else f"COW {code}")
    repeated = {label for label in labels if labels.count(label) > 1}
    return [
        f"{label} (COW {code})" if label in repeated else label
        for label, code in zip(labels, codes, strict=True)
    ]


def _member_text(code: int, states: Mapping[int, State] | None) -> str:
    if states is None:
        return f"COW {code}"
    state = states.get(code)
    if state is None:
        return f"COW {code} (not in the state list)"
    return f"{state.name} ({state.abbreviation}, COW {code})"


def region_of(codes: Iterable[int]) -> str:
    """The Correlates of War regions the members are in, e.g. "Americas, Europe"."""
    found = [name for low, high, name in REGIONS if any(low <= code <= high for code in codes)]
    return ", ".join(found) if found else "Unknown (member codes outside the COW regions)"


def _join_words(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def build_profile(
    alliance: Alliance,
    *,
    memberships: Sequence[Membership] | None = None,
    states: Mapping[int, State] | None = None,
    as_of_year: int | None = None,
    model: str = PRACTICE,
) -> dict[str, Any]:
    """The draft profile of one alliance, as plain data in the order it is written, rated
    against *model* (``practice`` or ``treaty-design``).

    Members are the founding members (on the start date), or with *as_of_year* those on
    31 December of that year; the profile is as of the end date, else the last year of the
    data, or with *as_of_year* that same 31 December. Dates are kept within the alliance's
    life and the data's coverage. Raises ValueError if no member is known.
    """
    v = alliance.values
    release, data_end = release_of(alliance.version)
    begyr, endyr = v["begyr"] or 0, v["endyr"] or 0
    start = _date(begyr, v["begmo"], v["begday"], last=False)
    end = _date(endyr, v["endmo"], v["endday"], last=True) if endyr else None
    horizon = max(end or dt.date(data_end, 12, 31), start)
    if as_of_year is None:
        as_of, reference = horizon, start
    else:
        as_of = reference = min(max(dt.date(as_of_year, 12, 31), start), horizon)
    codes, which = choose_members(alliance, memberships, reference)
    if not codes:
        raise ValueError("no members in the member file or in mem1, mem2...")
    kind = "bilateral" if v["bilat"] == 1 else "multilateral"
    labels = member_labels(codes, states)
    source = CITATION.format(release=release, atopid=alliance.atopid)
    profile: dict[str, Any] = {"id": f"atop-{alliance.atopid}"}
    if model == TREATY_MODEL:
        profile["criteria"] = TREATY_MODEL
    profile |= {
        "name": _name(alliance.atopid, kind, v, labels, begyr, endyr),
        "kind": kind,
        "members": labels,
        "member_codes": "cow",
        "established": begyr,
    }
    if endyr:
        profile["ended"] = endyr
    profile |= {
        "formal_basis": "treaty" if is_public_treaty(v) else "mou",
        "region": region_of(codes),
        "as_of": as_of,
        "summary": _summary(alliance, release, data_end, kind, codes, which, states, memberships)
        + f" {RATINGS_NOTE[model]}",
        "metadata": _metadata(alliance, release, reference if memberships else None, codes),
        "ratings": (treaty_ratings if model == TREATY_MODEL else derive_ratings)(
            v, release=release, source=source
        ),
    }
    return profile


def _name(atopid: int, kind: str, v: Values, labels: Sequence[str], begyr: int, endyr: int) -> str:
    strongest = obligations(v)[:1] or ["security"]
    years = f"{begyr}-{endyr}" if endyr else f"{begyr}-"
    if kind == "bilateral" and len(labels) == 2:
        return f"ATOP {atopid}: bilateral {strongest[0]} pact, {labels[0]} and {labels[1]}, {years}"
    return f"ATOP {atopid}: {kind} {strongest[0]} pact of {len(labels)} members, {years}"


def _summary(
    alliance: Alliance,
    release: str,
    data_end: int,
    kind: str,
    codes: Sequence[int],
    which: str,
    states: Mapping[int, State] | None,
    memberships: Sequence[Membership] | None,
) -> str:
    v = alliance.values
    began = _when(v["begyr"] or 0, v["begmo"], v["begday"])
    if v["endyr"]:
        status = f"ended {_when(v['endyr'], v['endmo'], v['endday'])}"
    else:
        status = f"is still in force at the end of the data ({data_end})"
    form = "public treaty" if is_public_treaty(v) else "written agreement"
    listed = obligations(v)
    terms = f"Its obligations: {_join_words(listed)}" if listed else "It codes no obligation"
    if v["conditio"] == 1:
        terms += ", conditional on circumstances the text names"
    if v["asymm"] == 1:
        terms += ", different for different members"
    ever = len({m.member for m in memberships} if memberships else alliance.listed_members)
    roll = "; ".join(_member_text(code, states) for code in codes)
    inst, form_points = military_institutionalization(v), formality(v)
    return (
        f"Alliance {alliance.atopid} of the Alliance Treaty Obligations and Provisions data "
        f"(ATOP {release}): a {kind} {form} that began {began} and {status}. {terms}. "
        f"Leeds and Anac (2005): military institutionalization "
        f"{_show_level(inst, LEVEL_WORDS)}, formality {_show_level(form_points, None)}. "
        f"Members {which} ({_share(len(codes), ever)}): {roll}."
    )


def _share(count: int, ever: int) -> str:
    if count == ever:
        return "every state ever a member"
    return f"{count} of the {ever} states ever members"


def _show_level(level: int | None, words: Mapping[int, str] | None) -> str:
    if level is None:
        return "not coded"
    return f"{level} ({words[level]})" if words else f"{level} of 2"


def _metadata(
    alliance: Alliance, release: str, reference: dt.date | None, codes: Sequence[int]
) -> dict[str, Any]:
    v = alliance.values
    in_force = None if v["ineffect"] is None else v["ineffect"] == 1
    return {
        "atop_release": release,
        "still_in_force": in_force,
        "members_on": None if reference is None else reference.isoformat(),
        "member_cow_codes": " ".join(map(str, codes)),
        "atop_military_institutionalization": military_institutionalization(v),
        "atop_formality": formality(v),
        # The raw codes, in ATOP's column order, so every rating can be checked by hand.
        **{f"atop_{name}": code for name, code in v.items()},
    }


# --- YAML --------------------------------------------------------------------------------

WIDTH = 100
PLAIN = re.compile(r"^[a-z][a-z0-9_-]*$")
YAML11_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})


def render_profile_yaml(profile: Mapping[str, Any]) -> str:
    """The profile as YAML that :func:`allyeval.core.loader.profile_from_text` reads back exactly.

    Written by hand for a stable, readable layout: strings are double-quoted (so "NO" stays
    a string in every YAML reader) except plain lower-case words, long texts are folded.
    """
    release = profile.get("metadata", {}).get("atop_release", DEFAULT_RELEASE)
    header = TREATY_HEADER_COMMENT if profile.get("criteria") == TREATY_MODEL else HEADER_COMMENT
    lines = [header.format(release=release).rstrip("\n")]
    for key, value in profile.items():
        if key == "members":
            lines += _flow_list(key, value)
        elif key in ("metadata", "ratings"):
            lines.append(f"{key}:" if value else f"{key}: {{}}")
            lines += _mapping(value, 2)
        else:
            lines += _scalar_lines(key, value, 0)
    return "\n".join(lines) + "\n"


def _mapping(data: Mapping[str, Any], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, Mapping):
            lines.append(f"{pad}{key}:")
            lines += _mapping(value, indent + 2)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            lines += [f"{pad}  - {_scalar(item)}" for item in value]
        else:
            lines += _scalar_lines(key, value, indent)
    return lines


def _scalar_lines(key: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, str) and len(pad) + len(key) + len(value) + 4 > WIDTH and _foldable(value):
        wrapped = textwrap.wrap(
            value, WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False
        )
        return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in wrapped)]
    return [f"{pad}{key}: {_scalar(value)}"]


def _foldable(text: str) -> bool:
    """Whether folding *text* at spaces gives back exactly *text* when read."""
    return text == text.strip() and "  " not in text and text.isprintable()


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if PLAIN.fullmatch(text) and text not in YAML11_WORDS:
        return text
    return yaml_quoted(text)


def _flow_list(key: str, items: Sequence[str]) -> list[str]:
    """``key: ["A", "B", ...]`` wrapped at the page width, continuation lines indented."""
    lines = [f"{key}: ["]
    for position, item in enumerate(items):
        piece = _scalar(item) + ("]" if position == len(items) - 1 else ",")
        if len(lines[-1]) + 1 + len(piece) > WIDTH and not lines[-1].endswith("["):
            lines.append("  " + piece)
        else:
            lines[-1] += ("" if lines[-1].endswith("[") else " ") + piece
    return lines
