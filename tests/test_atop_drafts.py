"""ATOP records into draft profiles (``atop/drafts.py``), on made-up records: dates ATOP knows
only in part, members from the member file, labels, regions, the summary's wording and the YAML
layout at the page width. Each case is worked out by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyeval.atop.data import ALLIANCE_COLUMNS, Alliance, Membership, State
from allyeval.atop.drafts import (
    build_profile,
    choose_members,
    member_labels,
    members_on,
    region_of,
    render_profile_yaml,
)
from allyeval.core import plainyaml
from allyeval.core.builtin import DEFAULT_MODEL
from allyeval.core.loader import builtin_criteria, profile_from_text


def alliance(
    version: str | None = None, listed: tuple[int, ...] = (2, 20), **codes: Any
) -> Alliance:
    """Alliance 9, bilateral, 1950-1960, a public treaty with a defence obligation only."""
    values: dict[str, int | None] = dict.fromkeys((c.name for c in ALLIANCE_COLUMNS), 0)
    values |= {"atopid": 9, "begyr": 1950, "begmo": 4, "begday": 4, "endyr": 1960}
    values |= {"endmo": 6, "endday": 30, "bilat": 1, "estmode": 1, "defense": 1}
    values |= codes
    return Alliance(9, 2, values, listed, version)


def member(
    code: int, entered: tuple[int, int, int], left: tuple[int, int, int] | None
) -> Membership:
    return Membership(9, code, entered, left)


def yaml_back(text: str) -> Any:
    """The YAML as the profile loader reads it."""
    node = plainyaml.compose(text)
    assert node is not None
    return plainyaml.construct(node)


# --- dates ------------------------------------------------------------------------------------


def test_an_unknown_month_or_day_reads_as_the_first_or_the_last_of_the_period() -> None:
    every = [member(2, (1950, 1, 1), None), member(20, (1950, 1, 1), None)]
    # begmo 0: 1 January; endmo 2, endday 0: 29 February (1960 is a leap year).
    draft = build_profile(alliance(begmo=0, begday=0, endmo=2, endday=0), memberships=every)
    assert draft["as_of"] == dt.date(1960, 2, 29)
    assert draft["metadata"]["members_on"] == "1950-01-01"
    assert " that began in 1950 and ended in February 1960. " in draft["summary"]
    # begmo 3, begday missing: 1 March; endmo missing: 31 December.
    draft = build_profile(
        alliance(begmo=3, begday=None, endmo=None, endday=None), memberships=every
    )
    assert draft["as_of"] == dt.date(1960, 12, 31)
    assert draft["metadata"]["members_on"] == "1950-03-01"
    assert " that began in March 1950 and ended in 1960. " in draft["summary"]
    # A known day: on 4 April 1950; still in force: the end of the data of that release.
    draft = build_profile(alliance(version="5.1", endyr=0), memberships=every)
    assert draft["as_of"] == dt.date(2018, 12, 31)
    assert draft["metadata"]["atop_release"] == "5.1"
    assert draft["summary"].startswith(
        "Alliance 9 of the Alliance Treaty Obligations and Provisions data (ATOP 5.1): a "
        "bilateral public treaty that began on 4 April 1950 and is still in force at the end of "
        "the data (2018). Its obligations: defence. "
    )


# --- members ----------------------------------------------------------------------------------


def test_a_member_who_leaves_on_the_day_is_still_a_member_that_day() -> None:
    rows = [member(20, (1950, 1, 1), (1960, 2, 29)), member(2, (1950, 1, 1), None)]
    assert members_on(rows, dt.date(1960, 2, 29)) == [2, 20]
    assert members_on(rows, dt.date(1960, 3, 1)) == [2]
    assert members_on(rows, dt.date(1949, 12, 31)) == []


def test_members_when_no_member_row_covers_the_date() -> None:
    rows = [member(20, (1970, 1, 1), None), member(2, (1971, 1, 1), None)]
    assert choose_members(alliance(), rows, dt.date(1950, 4, 4)) == (
        [2, 20],
        "at any time (no member row covers the date)",
    )
    assert choose_members(alliance(listed=(20, 2)), None, dt.date(1950, 4, 4)) == (
        [2, 20],
        "at any time (mem1..mem59)",
    )


def test_the_share_of_members_counts_every_state_in_the_member_file() -> None:
    rows = [member(2, (1950, 1, 1), None), member(20, (1950, 1, 1), None)]
    rows.append(member(200, (1955, 1, 1), None))
    draft = build_profile(alliance(listed=()), memberships=rows)
    assert draft["summary"].endswith(
        "Members on 4 April 1950 (2 of the 3 states ever members): COW 2; COW 20. "
        "Ratings read the treaty text as ATOP codes it; practice-based indicators are left for "
        "an analyst to rate."
    )


def test_no_member_anywhere_is_an_error() -> None:
    with pytest.raises(ValueError) as raised:
        build_profile(alliance(listed=()))
    assert str(raised.value) == "no members in the member file or in mem1, mem2..."


def test_labels_that_repeat_name_their_code_too() -> None:
    states = {
        2: State(2, "USA", "United States"),
        20: State(20, "CAN", "Canada"),
        255: State(255, "GMY", "Germany"),
        260: State(260, "GMY", "German Federal Republic"),
    }
    assert member_labels([2, 255, 260, 20, 99], states) == [
        "USA", "GMY (COW 255)", "GMY (COW 260)", "CAN", "COW 99",
    ]  # fmt: skip
    assert member_labels([2, 20], None) == ["COW 2", "COW 20"]


def test_regions_include_both_ends_of_each_range() -> None:
    assert region_of([165]) == "Americas"
    assert region_of([200, 399, 2]) == "Americas, Europe"
    assert region_of([1, 166, 1000]) == "Unknown (member codes outside the COW regions)"


# --- names and summaries ----------------------------------------------------------------------


def test_names_and_forms() -> None:
    draft = build_profile(alliance())
    assert draft["name"] == "ATOP 9: bilateral defence pact, COW 2 and COW 20, 1950-1960"
    assert draft["formal_basis"] == "treaty"
    # No obligation coded, a multilateral pact of two members, not a public treaty.
    bare = alliance(bilat=0, defense=0, estmode=0)
    draft = build_profile(bare)
    assert draft["name"] == "ATOP 9: multilateral security pact of 2 members, 1950-1960"
    assert draft["formal_basis"] == "mou"
    assert ": a multilateral written agreement that began " in draft["summary"]
    assert ". It codes no obligation. " in draft["summary"]
    # Two obligations, conditional and asymmetric.
    two = build_profile(alliance(consul=1, conditio=1, asymm=1))
    assert (
        ". Its obligations: defence and consultation, conditional on circumstances the text "
        "names, different for different members. "
    ) in two["summary"]


def test_measures_not_coded_and_in_force_unknown() -> None:
    blank = dict.fromkeys(("milcon", "intcom", "base", "milaid", "subord", "contrib"))
    draft = build_profile(alliance(ineffect=None, orgpurp1=None, orgpurp2=None, **blank))
    assert draft["metadata"]["still_in_force"] is None
    assert draft["metadata"]["atop_military_institutionalization"] is None
    assert "military institutionalization not coded, formality 1 of 2. " in draft["summary"]
    assert build_profile(alliance(ineffect=1))["metadata"]["still_in_force"] is True
    assert build_profile(alliance(ineffect=0))["metadata"]["still_in_force"] is False


# --- YAML layout --------------------------------------------------------------------------------


def test_the_header_names_the_release_of_the_metadata() -> None:
    assert (
        render_profile_yaml({"id": "x", "metadata": {"atop_release": "5.1"}})
        .splitlines()[0]
        .startswith("# Draft profile imported from ATOP 5.1 by allyeval;")
    )
    assert render_profile_yaml({"id": "x"}).startswith(
        "# Draft profile imported from ATOP 4.01 by allyeval;"
    )


def test_empty_metadata_and_null_values() -> None:
    text = render_profile_yaml({"id": "x", "ended": None, "metadata": {}, "ratings": {}})
    assert text.splitlines()[1:] == ["id: x", "ended: null", "metadata: {}", "ratings: {}"]
    assert yaml_back(text) == {"id": "x", "ended": None, "metadata": {}, "ratings": {}}


def test_a_text_is_folded_only_past_the_page_width() -> None:
    # key, text and 4 (": " and the quotes): 7 + 89 + 4 = 100 stays on the line, 90 is folded.
    fits = ("word " * 18)[:89]
    assert render_profile_yaml({"summary": fits}).splitlines()[1] == f'summary: "{fits}"'
    longer = ("word " * 18)[:88] + "ds"
    assert render_profile_yaml({"summary": longer}).splitlines()[1] == "summary: >-"


@pytest.mark.parametrize(
    "text",
    [
        "a " + "x" * 120 + " b",  # a word longer than the page is not broken
        "  ".join(["word"] * 30),  # folding at a double space would lose one of them
        " a leading space " * 8,
        "tab\there " * 15,
    ],
)
def test_long_texts_read_back_exactly(text: str) -> None:
    profile = {"id": "x", "summary": text}
    assert yaml_back(render_profile_yaml(profile)) == profile


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=" ab-\t\n\u00e9\u2028", min_size=90, max_size=400))
def test_any_long_text_reads_back_exactly(text: str) -> None:
    profile = {"id": "x", "summary": text, "metadata": {"note": text}}
    assert yaml_back(render_profile_yaml(profile)) == profile


def test_members_wrap_at_the_page_width() -> None:
    def members(items: list[str]) -> list[str]:
        return render_profile_yaml({"members": items}).splitlines()[1:]

    x, y, z = "x" * 40, "y" * 47, "z" * 10
    # 10 + 41 + 1 + 48 = 100 characters: y fits; z does not.
    assert members([x, y, z]) == [f"members: [{x}, {y},", f"  {z}]"]
    # 101 characters: y goes to the next line, z joins it.
    assert members([x, y + "y", "z"]) == [f"members: [{x},", f"  {y}y, z]"]
    # A first member longer than the page stays on the first line.
    w = "w" * 95
    assert members([w, "v"]) == [f"members: [{w},", "  v]"]
    assert yaml_back(render_profile_yaml({"members": [x, y, z]})) == {"members": [x, y, z]}


def test_a_whole_draft_reads_back_as_a_profile() -> None:
    draft = build_profile(alliance(begmo=0, begday=0, endmo=2, endday=0))
    text = render_profile_yaml(draft)
    profile = profile_from_text(text, "atop-9.yaml", builtin_criteria(DEFAULT_MODEL))
    assert profile.as_of == dt.date(1960, 2, 29)
    assert profile.formal_basis == "treaty"
