"""Member codes: every member of a profile is a code in its declared scheme.

* ``iso`` (the default): ISO 3166-1 alpha-2 codes of current countries (``GB``, ``US``), and the
  four-letter ISO 3166-3 codes of countries that no longer exist (``SUHH`` the Soviet Union,
  ``DDDE`` East Germany, ``YUCS`` Yugoslavia, ``CSHH`` Czechoslovakia). Derived from the
  iso-codes tables (``codes/iso3166.tsv``).
* ``cow``: Correlates of War state abbreviations (``USA``, ``UKG``, ``RUS``), as the ATOP drafts
  use; a draft may also write ``COW 8152`` for a code outside the state list, or ``USA (COW 2)``.
  Derived from the COW state system membership list v2016 (``codes/cow.tsv``, with its citation).

An unknown code is an error that suggests the nearest valid one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

ISO_ALIASES = {
    "UK": "GB",  # exceptionally reserved for the United Kingdom; its ISO code is GB
    "EL": "GR",  # exceptionally reserved for Greece (used by the EU)
    "SU": "SUHH",
    "DD": "DDDE",
    "YU": "YUCS",
    "CS": "CSHH",
    "ZR": "ZRCD",
    "BU": "BUMM",
    "TP": "TPTL",
    "AN": "ANHH",
    "YD": "YDYE",
    "VD": "VDVN",
}
"""Codes people write that ISO does not assign (any more): the code to use instead."""

NAMES = {
    "soviet union": "SUHH",
    "ussr": "SUHH",
    "east germany": "DDDE",
    "west germany": "DE",
    "czechoslovakia": "CSHH",
    "yugoslavia": "YUCS",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "united states": "US",
    "usa": "US",
    "russia": "RU",
    "south korea": "KR",
    "north korea": "KP",
}
"""Common names that the ISO tables spell differently."""

COW_ALIASES = {"UK": "UKG", "GB": "UKG", "US": "USA", "SU": "RUS", "USSR": "RUS", "DE": "GMY"}
"""ISO codes and names people write where a COW abbreviation is meant."""

_COW_NUMBER = re.compile(r"^COW (\d+)$")
_COW_LABELLED = re.compile(r"^([A-Z]{3}) \(COW (\d+)\)$")


def _rows(name: str) -> list[list[str]]:
    text = resources.files("allyeval").joinpath("core", "codes", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def iso_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-2 and ISO 3166-3 codes, with their names."""
    return {row[0]: row[1] for row in _rows("iso3166.tsv")}


@cache
def cow_codes() -> dict[str, tuple[int, str]]:
    """COW abbreviations, with their numeric code and name."""
    return {row[0]: (int(row[1]), row[2]) for row in _rows("cow.tsv")}


def is_valid(member: str, scheme: str) -> bool:
    if scheme == "cow":
        labelled = _COW_LABELLED.match(member)
        if labelled:
            known = cow_codes().get(labelled.group(1))
            return known is not None and known[0] == int(labelled.group(2))
        return member in cow_codes() or _COW_NUMBER.match(member) is not None
    return member in iso_codes()


def suggest(member: str, scheme: str) -> str | None:
    """The nearest valid code of *scheme* to *member*, if any is close."""
    if scheme == "cow":
        if member.upper() in COW_ALIASES:
            return COW_ALIASES[member.upper()]
        return _nearest(member, {name: abb for abb, (_, name) in cow_codes().items()}, cow_codes())
    upper = member.upper()
    if upper in ISO_ALIASES:
        return ISO_ALIASES[upper]
    by_name = {name: code for code, name in iso_codes().items()} | NAMES
    return _nearest(member, by_name, iso_codes())


def _nearest(member: str, by_name: dict[str, str], codes: Mapping[str, object]) -> str | None:
    upper = member.strip().upper()
    if upper in codes:
        return upper
    lowered = {name.lower(): code for name, code in by_name.items()}
    key = member.strip().lower()
    if key in lowered:
        return lowered[key]
    starts = sorted(code for name, code in lowered.items() if name.startswith(key) and key)
    if len(key) > 3 and starts:
        return starts[0]
    close = difflib.get_close_matches(key, list(lowered), n=1, cutoff=0.75)
    if close:
        return lowered[close[0]]
    close = difflib.get_close_matches(upper, list(codes), n=1, cutoff=0.6)
    return close[0] if close else None


def problem(member: str, scheme: str) -> str | None:
    """Why *member* is not a valid code of *scheme* (None if it is)."""
    if is_valid(member, scheme):
        return None
    described = (
        "an ISO 3166-1 alpha-2 or ISO 3166-3 code"
        if scheme == "iso"
        else "a Correlates of War abbreviation"
    )
    nearest = suggest(member, scheme)
    hint = f" (did you mean {nearest!r}?)" if nearest else ""
    return f"unknown member {member!r}: not {described} (member_codes: {scheme}){hint}"
