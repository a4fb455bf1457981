"""The compare report's edges: a criterion one profile or every profile leaves unrated, the
coverage mark's note only where a cell carries the mark, profiles all tied, and the drivers'
fields in JSON.

Criteria x, y (benefit) and z (risk), one indicator each, all ratings high. a = (3, 1, -)
scores (75 + 25) / 2 = 50; b = (1, 2, 1): (25 + 50 + 75) / 3 = 50; c = (2, 2, -): 50."""

from __future__ import annotations

import json
import re

import pytest

from allyeval.analysis.comparison import Comparison, compare
from allyeval.core.errors import UsageError
from allyeval.core.scoring import score_profile
from allyeval.render import comparison as comparison_render
from test_analysis_content import XYZ, _xyz, line_starting, markdown_table
from test_uncertainty import criteria_set, profile


def _render(result: Comparison, fmt: str) -> str:
    return comparison_render.render(
        result, fmt, color=False, width=100, criteria_set=XYZ, method=result.method,
        seed=result.seed, samples=result.samples,
    )  # fmt: skip


@pytest.fixture(scope="module")
def tied() -> Comparison:
    profiles = [
        _xyz({"xi": 3, "yi": 1}, "a"),
        _xyz({"xi": 1, "yi": 2, "zi": 1}, "b"),
        _xyz({"xi": 2, "yi": 2}, "c"),
    ]
    return compare(profiles, samples=100)


def test_a_criterion_some_leave_unrated(tied: Comparison) -> None:
    text = _render(tied, "markdown")
    criteria = {r[0]: r[1:] for r in markdown_table(text, "Criterion")}
    assert criteria == {
        "Criterion x": ["75.0 (0.0)", "25.0 (-50.0)", "50.0 (-25.0)", "a"],
        "Criterion y": ["25.0 (0.0)", "50.0 (+25.0)", "50.0 (+25.0)", "b, c"],
        # the leader has no score on z: no difference to give
        "Criterion z (risk)": ["not rated", "25.0 (–)", "not rated", "b"],
    }
    # a and c do not rate z at all, so their coverage of z is below the minimum; but no score
    # shown carries the mark, so there is no note about it.
    assert "minimum coverage" not in text
    table = _render(tied, "table")
    assert "minimum coverage" not in table
    assert line_starting(table, "Criterion z (risk)").split() == [
        "Criterion", "z", "(risk)", "not", "rated", "25.0", "–", "not", "rated", "b",
    ]  # fmt: skip
    assert line_starting(table, "vs leader").split() == ["vs", "leader", "–", "0.0", "0.0"]
    legend = "Each cell: the score and its difference from the leader; for the risk criterion a "
    assert f"{legend}lower score is better (less exposure).\n" in " ".join(table.split(" \n"))
    # in the chart, the criterion's name heads its first profile's line, rated or not
    assert line_starting(table, "Criterion z (risk) a").split()[3:] == ["a", "not", "rated"]


def test_a_criterion_nobody_rates_has_no_leader() -> None:
    result = compare([_xyz({"xi": 3}, "a"), _xyz({"xi": 1, "yi": 1}, "b")], samples=100)
    criteria = {r[0]: r[1:] for r in markdown_table(_render(result, "markdown"), "Criterion")}
    assert criteria["Criterion z (risk)"] == ["not rated", "not rated", "–"]
    assert line_starting(_render(result, "table"), "Criterion z (risk)").split()[-1] == "–"
    record = json.loads(_render(result, "json"))
    assert record["criteria"][2]["leaders"] == []
    assert [v["score"] for v in record["criteria"][2]["values"]] == [None, None]


def test_all_tied(tied: Comparison) -> None:
    ranking = markdown_table(_render(tied, "markdown"), "Rank")
    assert [(r[0], r[1]) for r in ranking] == [
        ("1", "a: Partnership a"),
        ("1", "b: Partnership b"),
        ("1", "c: Partnership c"),
    ]
    table = _render(tied, "table")
    # tied with the one above: marked, and the mark explained
    ranked = [line.split()[0] for line in table.splitlines() if re.match(r" +≈?1 +\w: ", line)]
    assert ranked == [
        "1",
        "≈1",
        "≈1",
    ]
    assert "≈ tied with the profile above" in " ".join(table.split())
    pairs = [(r[0], r[1], r[2]) for r in markdown_table(_render(tied, "markdown"), "Pair")]
    assert pairs == [
        ("a over b", "50%", "exact"),
        ("a over c", "50%", "exact"),
        ("b over c", "50%", "exact"),
    ]


def test_drivers_in_json(tied: Comparison) -> None:
    gap = json.loads(_render(tied, "json"))["gaps"][0]
    # a minus b: xi 37.5 - 8.33, zi 0 - 25, yi 12.5 - 16.67
    assert gap["drivers"] == [
        {"criterion": "x", "indicator": "xi", "name": "Indicator xi", "points": 29.17},
        {"criterion": "z", "indicator": "zi", "name": "Indicator zi", "points": -25.0},
        {"criterion": "y", "indicator": "yi", "name": "Indicator yi", "points": -4.17},
    ]
    assert gap["criteria"] == [
        {"criterion": "x", "points": 29.17},
        {"criterion": "y", "points": -4.17},
        {"criterion": "z", "points": -25.0},
    ]
    assert (gap["profile"], gap["points"], gap["drivers_share"]) == ("b", 0.0, None)


def test_a_name_longer_than_its_column_folds_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    long = "an_uncommonly_long_criterion_identifier"
    criteria = criteria_set([(long, "benefit", 1, [("xi", 1)]), ("y", "benefit", 1, [("yi", 1)])])
    results = [
        score_profile(profile({"xi": (3, "high"), "yi": (1, "high")}, "a"), criteria),
        score_profile(profile({"xi": (1, "high")}, "b"), criteria),
    ]
    result = compare(results, samples=100)
    text = comparison_render.render(
        result, "table", color=False, width=60, criteria_set=criteria, method="arithmetic",
        seed=0, samples=100,
    )  # fmt: skip
    lines = [line.rstrip() for line in text.splitlines()]
    # nothing of the name is cut: it goes on over as many lines as it takes
    row = lines.index("Criterion                          75.0   25.0 -50.0       a")
    assert lines[row + 1 : row + 3] == ["an_uncommonly_long_criterion_ide", "ntifier"]


def test_not_rated_is_dimmed(tied: Comparison, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COLORTERM", raising=False)
    coloured = comparison_render.render(
        tied, "table", color=True, width=100, criteria_set=XYZ, method="arithmetic",
        seed=0, samples=100,
    )  # fmt: skip
    row = next(line for line in coloured.splitlines() if line.startswith("Criterion z (risk)"))
    assert len(re.findall(r"\x1b\[2;3m *not rated\x1b\[0m", row)) == 2


B75, B25 = "█" * 22 + "░" * 8, "█" * 8 + "░" * 22  # 75 and 25 of 100 over 30 cells


@pytest.mark.parametrize(
    ("width", "chart"),
    [
        # From 100 columns, names take up to 30 columns and labels up to 24, folding beyond.
        (100, [
            f"Criterion                      a-partnership-with-a-lon {B75}  75.0",
            "an_uncommonly_long_criterion_i g-identifier",
            "dentifier",
            f"                               b                        {B25}  25.0",
            f"Criterion y (risk)             a-partnership-with-a-lon {B25}  25.0",
            "                               g-identifier",
            "                               b                        not rated",
        ]),
        # Below 100, 20 and 16.
        (99, [
            f"Criterion            a-partnership-wi {B75}  75.0",
            "an_uncommonly_long_c th-a-long-identi",
            "riterion_identifier  fier",
            f"                     b                {B25}  25.0",
            f"Criterion y (risk)   a-partnership-wi {B25}  25.0",
            "                     th-a-long-identi",
            "                     fier",
            "                     b                not rated",
        ]),
    ],
)  # fmt: skip
def test_the_criteria_chart_keeps_names_and_labels_to_their_columns(
    width: int, chart: list[str]
) -> None:
    long = "an_uncommonly_long_criterion_identifier"
    criteria = criteria_set([(long, "benefit", 1, [("xi", 1)]), ("y", "risk", 1, [("yi", 1)])])
    label = "a-partnership-with-a-long-identifier"
    results = [
        score_profile(profile({"xi": (3, "high"), "yi": (1, "high")}, label), criteria),
        score_profile(profile({"xi": (1, "high")}, "b"), criteria),
    ]
    text = comparison_render.render(
        compare(results, samples=100), "table", color=False, width=width, criteria_set=criteria,
        method="arithmetic", seed=0, samples=100,
    )  # fmt: skip
    lines = [line.rstrip() for line in text.splitlines()]
    start = lines.index("Criteria side by side (for the risk criterion, shorter is better)")
    assert lines[start + 1 : start + 1 + len(chart)] == chart


def test_drivers_of_a_gap_of_nothing_give_no_share(tied: Comparison) -> None:
    # a and b tie, yet their indicators differ: the drivers are listed, with no share of a gap
    # of 0 points (it would divide by zero).
    drivers = "Drivers: Indicator xi +29.2, Indicator zi -25.0, Indicator yi -4.2 (together 0.0)"
    lines = _render(tied, "markdown").splitlines()
    k = lines.index("- **a ahead of b by 0.0 points**")
    assert lines[k + 2] == f"  - {drivers}"
    assert line_starting(_render(tied, "table"), drivers).rstrip() == f"    {drivers}"


def test_a_format_compare_has_not(tied: Comparison) -> None:
    with pytest.raises(UsageError) as caught:
        _render(tied, "svg")
    assert (
        str(caught.value) == "compare has no --format svg; choose one of table, json, csv, markdown"
    )
