"""The trend report's edges, worked by hand: which criteria count as moved (a change is shown
when it rounds to at least 0.1 points), in which order equal moves are listed, when a risk
criterion's exposure is named, criteria that become rated or stop being rated, a renamed
partnership, two caps, a path that needs escaping in Markdown, and the points by criterion in
JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from allyeval.analysis.trend import Trend, trend
from allyeval.core.errors import UsageError
from allyeval.core.loader import load_criteria
from allyeval.core.models import CriteriaSet
from allyeval.core.scoring import ProfileScore, score_profile
from allyeval.render import trend as trend_render
from test_analysis_content import XY, XYZ, _xyz, csv_records, scored
from test_uncertainty import criteria_set, profile

# x has a light indicator xi (1 of 400), z a lighter zi (1 of 1000): one level of xi moves x by
# 25/400 = 0.0625 on its own scale, one level of zi moves z's exposure by 25/1000 = 0.025.
FINE = criteria_set(
    [
        ("x", "benefit", 1, [("xi", 1), ("xk", 399)]),
        ("y", "benefit", 1, [("yi", 1)]),
        ("z", "risk", 1, [("zi", 1), ("zk", 999)]),
    ]
)


def _render(result: Trend, fmt: str, criteria: CriteriaSet) -> str:
    return trend_render.render(
        result, fmt, color=False, width=100, criteria_set=criteria, method=result.method
    )


def _moves(text: str) -> dict[str, str]:
    """Markdown's largest changes: the step's dates -> what moved by criterion."""
    moves = {}
    for line in text.splitlines():
        if line.startswith("- **"):
            dates = line[4:].split(",")[0]
            moves[dates] = line.split("by criterion: ")[1].split("; indicators:")[0]
    return moves


def _fine(year: int, levels: dict[str, int]) -> ProfileScore:
    ratings = {key: (level, "high") for key, level in levels.items()}
    return score_profile(profile(ratings, ident="t", as_of=dt.date(year, 12, 31)), FINE)


def test_small_moves_exposure_and_criteria_rated_or_not() -> None:
    series = trend(
        [
            # 2020: y unrated, x and z half each: x 50, z exposure 50 -> 50.
            _fine(2020, {"xi": 2, "xk": 2, "zi": 2, "zk": 2}),
            # 2021: x 50.0625 (+0.03 points), z exposure 50.025 (-0.0125 points): nothing
            # reaches 0.1 points, though the score moved (+0.01875).
            _fine(2021, {"xi": 3, "xk": 2, "zi": 3, "zk": 2}),
            # 2022: y newly rated at 50, a third each: x 25.03 -> 16.69 (-8.34), y +16.67,
            # z 24.99 -> 16.65 (-8.34) while its exposure moved only +0.025: no exposure note.
            _fine(2022, {"xi": 3, "xk": 2, "yi": 2, "zi": 4, "zk": 2}),
            # 2023: y no longer rated; z exposure 50.05 -> 49.95 (-0.1): down, better.
            _fine(2023, {"xi": 3, "xk": 2, "zi": 0, "zk": 2}),
        ]
    )
    moves = _moves(_render(series, "markdown", FINE))
    assert moves == {
        "2022-12-31 → 2023-12-31": "Criterion y -16.7 (no longer rated), "
        "Criterion z +8.4 (exposure down: better), Criterion x +8.3",
        "2020-12-31 → 2021-12-31": "none",
        "2021-12-31 → 2022-12-31": "Criterion y +16.7 (newly rated), Criterion x -8.3, "
        "Criterion z -8.3",
    }
    record = json.loads(_render(series, "json", FINE))
    # In overall points an unrated criterion counts 0; on its own scale it has no change.
    assert [s["criteria_points"] for s in record["steps"]] == [
        {"x": 0.03, "y": 0.0, "z": -0.01},
        {"x": -8.34, "y": 16.67, "z": -8.34},
        {"x": 8.34, "y": -16.67, "z": 8.38},
    ]
    assert [s["criteria"] for s in record["steps"]] == [
        {"x": 0.06, "y": None, "z": 0.02},
        {"x": 0.0, "y": None, "z": 0.02},
        {"x": 0.0, "y": None, "z": -0.1},
    ]


def test_equal_moves_are_listed_in_the_criteria_file_order() -> None:
    # x 1 -> 3 (+16.67 points), y 3 -> 1 (-16.67), z exposure 50 -> 25 (+8.33): +8.3 in all.
    series = trend(
        [
            _xyz({"xi": 1, "yi": 3, "zi": 2}, year=2022),
            _xyz({"xi": 3, "yi": 1, "zi": 1}, year=2023),
        ]
    )
    (moved,) = _moves(_render(series, "markdown", XYZ)).values()
    assert moved == (
        "Criterion x +16.7, Criterion y -16.7, Criterion z +8.3 (exposure down: better)"
    )
    table = _render(series, "table", XYZ)
    assert "by criterion: Criterion x +16.7, Criterion y -16.7, Criterion z +8.3" in table


def test_points_by_criterion_in_json() -> None:
    # 2022 (1, 2) 37.5; 2023 (3, 2) 62.5; 2024 (2, 2) 50: x moves +25 then -12.5 points.
    series = trend([scored(3, 2, year=2023), scored(1, 2, year=2022), scored(2, 2, year=2024)])
    steps = json.loads(_render(series, "json", XY))["steps"]
    assert [s["criteria_points"] for s in steps] == [
        {"x": 25.0, "y": 0.0},
        {"x": -12.5, "y": 0.0},
    ]
    geometric = trend(
        [
            _xyz({"xi": 1}, year=2022, method="geometric"),
            _xyz({"xi": 3}, year=2023, method="geometric"),
        ]
    )
    (step,) = json.loads(_render(geometric, "json", XYZ))["steps"]
    assert step["criteria_points"] is None
    assert step["criteria"] == {"x": 50.0, "y": None, "z": None}


def test_a_renamed_partnership_is_titled_by_its_oldest_name() -> None:
    old = profile({"xi": (1, "high")}, ident="t", as_of=dt.date(2020, 1, 1))
    new = profile({"xi": (2, "high")}, ident="t", as_of=dt.date(2021, 1, 1))
    results = [
        score_profile(new.model_copy(update={"name": "New name"}), XYZ),
        score_profile(old.model_copy(update={"name": "Old name"}), XYZ),
    ]
    series = trend(results)
    assert _render(series, "markdown", XYZ).startswith("## Trend: Old name (t)\n")
    assert _render(series, "table", XYZ).startswith("Trend: Old name (t)")


def test_two_caps_and_a_path_with_a_bar() -> None:
    criteria = load_criteria()
    ids = [i.id for c in criteria.criteria for i in c.indicators]
    levels = dict.fromkeys(ids, 3)
    levels.update(strategic_divergence=3, deterrence=1)
    capped = profile({k: (v, "high") for k, v in levels.items()}, as_of=dt.date(2021, 1, 1))
    levels.update(deterrence=3)
    once = profile({k: (v, "high") for k, v in levels.items()}, as_of=dt.date(2022, 1, 1))
    series = trend(
        [score_profile(capped, criteria), score_profile(once, criteria)],
        ["old|a.yaml", "new.yaml"],
    )
    rows = csv_records(_render(series, "csv", criteria))
    assert [r["capped_by"] for r in rows] == [
        "strategic_divergence >= 3; deterrence <= 1",
        "strategic_divergence >= 3",
    ]
    record = json.loads(_render(series, "json", criteria))
    assert record["assessments"][0]["capped_by"] == ["strategic_divergence >= 3", "deterrence <= 1"]
    text = _render(series, "markdown", criteria)
    assert "| `old\\|a.yaml` |" in text


def test_no_change_in_the_terminal_and_a_format_trend_has_not() -> None:
    same = trend([_xyz({"xi": 2}, year=2022), _xyz({"xi": 2}, year=2023)])
    assert "  No change between assessments." in _render(same, "table", XYZ).splitlines()
    with pytest.raises(UsageError) as caught:
        _render(same, "svg", XYZ)
    assert (
        str(caught.value) == "trend has no --format svg; choose one of table, json, csv, markdown"
    )


def test_chart_and_table_align_numbers_of_every_width() -> None:
    # 12.5, 100.0 (+87.5), 25.0 (-75.0): scores and changes of different widths, right-aligned;
    # the bars 60 cells wide at 100 columns (100 - 40 around them), in eighths of a cell.
    series = trend([scored(0, 1, year=2021), scored(4, 4, year=2022), scored(1, 1, year=2023)])
    lines = [line.rstrip() for line in _render(series, "table", XY).splitlines()]
    start = lines.index("Overall score by date")
    assert lines[start + 1 : start + 4] == [
        "2021-12-31 " + "█" * 7 + "▌" + " " * 52 + "  12.5       low",
        "2022-12-31 " + "█" * 60 + " 100.0 +87.5 high",
        "2023-12-31 " + "█" * 15 + " " * 45 + "  25.0 -75.0 low",
    ]
    table = lines[lines.index("Criteria over time (own scale; risk: exposure)") + 1 :][:6]
    assert table == [
        "Criterion     2021-12-31   2022-12-31   2023-12-31",
        "─" * 50,
        "Criterion x          0.0        100.0         25.0",
        "Criterion y         25.0        100.0         25.0",
        "",
        "Overall             12.5        100.0         25.0",
    ]


def test_changes_of_different_widths_are_right_aligned(monkeypatch: pytest.MonkeyPatch) -> None:
    # 0 (z's exposure at 100), 100 (+100.0), then x 4 -> 3: (75 + 100 + 100) / 3 = 91.7 (-8.3).
    series = trend(
        [
            _xyz({"xi": 0, "yi": 0, "zi": 4}, year=2021),
            _xyz({"xi": 4, "yi": 4, "zi": 0}, year=2022),
            _xyz({"xi": 3, "yi": 4, "zi": 0}, year=2023),
        ]
    )
    lines = [line.rstrip() for line in _render(series, "table", XYZ).splitlines()]
    start = lines.index("Overall score by date")
    assert lines[start + 1 : start + 4] == [
        "2021-12-31 " + " " * 60 + "   0.0        low",
        "2022-12-31 " + "█" * 60 + " 100.0 +100.0 high",
        "2023-12-31 " + "█" * 55 + " " * 5 + "  91.7   -8.3 high",
    ]
    same = trend([_xyz({"xi": 2}, year=2022), _xyz({"xi": 2}, year=2023)])
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COLORTERM", raising=False)
    coloured = trend_render.render(
        same, "table", color=True, width=100, criteria_set=XYZ, method="arithmetic"
    )
    assert "\x1b[2m  No change between assessments.\x1b[0m" in coloured


def test_a_long_criterion_name_folds_and_an_unrated_one_is_a_dash() -> None:
    long = "an_uncommonly_long_criterion_identifier"
    criteria = criteria_set([(long, "benefit", 1, [("xi", 1)]), ("y", "benefit", 1, [("yi", 1)])])
    series = trend(
        [
            score_profile(profile({"xi": (1, "high")}, "t", dt.date(2020, 1, 1)), criteria),
            score_profile(
                profile({"xi": (2, "high"), "yi": (1, "high")}, "t", dt.date(2021, 1, 1)), criteria
            ),
        ]
    )
    text = trend_render.render(
        series, "table", color=False, width=60, criteria_set=criteria, method="arithmetic"
    )
    lines = [line.rstrip() for line in text.splitlines()]
    start = lines.index("Criteria over time (own scale; risk: exposure)")
    assert lines[start + 3 : start + 6] == [
        "Criterion                                  25.0         50.0",
        "an_uncommonly_long_criterion_ident",
        "ifier",
    ]
    assert lines[start + 6] == "Criterion y                                   –         25.0"


def test_a_small_rise_in_exposure_is_worse() -> None:
    # z's exposure 50 -> 50.25 (zi 2 -> 3, 1 of 100): up, worse, though by less than a point;
    # x newly rated, so z's share of the score halves and its points fall by 25.1.
    criteria = criteria_set(
        [("x", "benefit", 1, [("xi", 1)]), ("z", "risk", 1, [("zi", 1), ("zk", 99)])]
    )
    before = profile({"zi": (2, "high"), "zk": (2, "high")}, "t", dt.date(2020, 1, 1))
    after = profile(
        {"xi": (2, "high"), "zi": (3, "high"), "zk": (2, "high")}, "t", dt.date(2021, 1, 1)
    )
    series = trend([score_profile(before, criteria), score_profile(after, criteria)])
    (moved,) = _moves(_render(series, "markdown", criteria)).values()
    assert moved == "Criterion z -25.1 (exposure up: worse), Criterion x +25.0 (newly rated)"
