"""What the HTML and SVG reports of compare, robustness and trend show (the views of
``allyeval.render.analysis_views``), cell by cell, on the hand-worked inputs of
``test_analysis_content``: the same numbers, signs and order as the text formats."""

from __future__ import annotations

import datetime as dt

from allyeval.analysis.comparison import compare
from allyeval.analysis.robustness import robustness
from allyeval.analysis.trend import trend
from allyeval.core.scoring import ProfileScore, score_profile
from allyeval.core.uncertainty import score_interval
from allyeval.render.analysis_views import (
    GapView,
    TableView,
    compare_view,
    robustness_view,
    trend_view,
)
from allyeval.render.common import complement_percent
from allyeval.render.views import RankPoint
from test_analysis_content import XY, XYZ, _abc, _xyz, scored
from test_uncertainty import profile


def test_compare_view() -> None:
    # q = (1, 3) 50, p = (4, 2) 75, r = (2, 2) 50: p leads by 25 over both.
    result = compare(
        [scored(1, 3, "q"), scored(4, 2, "p"), scored(2, 2, "r")],
        paths=["q.yaml", "p.yaml", "r.yaml"],
        samples=200,
    )
    view = compare_view(result)
    assert (
        view.intro == "3 partnerships, arithmetic mean; intervals at 90% from 200 draws (seed 0)."
    )
    assert view.ranking == (
        RankPoint(1, "p", "Partnership p", 75.0, 75.0, 75.0, "high"),
        RankPoint(2, "q", "Partnership q", 50.0, 50.0, 50.0, "mid"),
        RankPoint(2, "r", "Partnership r", 50.0, 50.0, 50.0, "mid"),
    )
    assert (view.profiles, view.leader) == (("q", "p", "r"), "p")
    assert view.criteria == ("Criterion x", "Criterion y")
    assert view.values == ((25.0, 100.0, 50.0), (75.0, 50.0, 50.0))
    assert view.standings == TableView(
        "Standing of each profile (90% intervals from the confidence of the ratings)",
        ("Rank", "Profile", "Partnership", "Score", "90% interval", "Rank range", "P(first)",
         "Band", "Coverage"),
        (
            ("1", "p", "Partnership p", "75.0", "75.0–75.0", "1–1", "100%", "high", "100%"),
            ("2", "q", "Partnership q", "50.0", "50.0–50.0", "2–2", "0%", "mid", "100%"),
            ("2", "r", "Partnership r", "50.0", "50.0–50.0", "2–2", "0%", "mid", "100%"),
        ),
        (True, False, False, True, True, True, True, False, True),
    )  # fmt: skip
    assert view.criteria_table.headers == ("Criterion", "q", "p", "r")
    assert view.criteria_table.rows == (
        ("Criterion x", "25.0", "100.0 ▲", "50.0"),
        ("Criterion y", "75.0 ▲", "50.0", "50.0"),
    )
    assert view.criteria_table.numeric == (False, True, True, True)
    assert "▲ best on the criterion" in view.criteria_table.caption
    assert view.gaps == (
        GapView("q", "25.0", ("Indicator xi: +37.5 points", "Indicator yi: -12.5 points")),
        GapView("r", "25.0", ("Indicator xi: +25.0 points",)),
    )
    # Each pair said the likelier way round, as in the terminal and Markdown.
    assert view.outranking.headers == ("Profile", "Outranks", "Probability")
    assert view.outranking.rows == (("p", "q", "100%"), ("q", "r", "50%"), ("p", "r", "100%"))
    assert view.outranking.numeric == (False, False, True)
    assert view.indicators == TableView(
        "Indicator levels (0-4) and confidence",
        ("Indicator", "q", "p", "r"),
        (
            ("Indicator xi", "1/4 high", "4/4 high", "2/4 high"),
            ("Indicator yi", "3/4 high", "2/4 high", "2/4 high"),
        ),
        (False, True, True, True),
    )


def test_compare_view_unrated_and_geometric() -> None:
    only_x = score_profile(profile({"xi": (3, "low")}, ident="only-x"), XY, "geometric")
    both = score_profile(profile({"xi": (1, "high"), "yi": (2, "medium")}, "both"), XY, "geometric")
    view = compare_view(compare([only_x, both], samples=100, seed=3))
    assert view.intro.startswith("2 partnerships, geometric mean; intervals at 90% from 100 ")
    assert view.intro.endswith("(seed 3).")
    assert view.indicators.rows == (
        ("Indicator xi", "3/4 low", "1/4 high"),
        ("Indicator yi", "–", "2/4 medium"),
    )
    assert view.criteria_table.rows[1] == ("Criterion y", "–", "50.0 ▲")
    assert all(gap.drivers is None for gap in view.gaps)


def test_robustness_view_nominal() -> None:
    # A = (4, 0), B = (0, 4), C = (3, 2): 50, 50, 62.5; no spread, every sample nominal.
    view = robustness_view(robustness(_abc(), spread=0.0, samples=50))
    assert view.intro == (
        "50 weight samples, each weight times a factor from 1 to 1, renormalised; criterion "
        "utilities as rated; arithmetic mean; seed 0."
    )
    assert view.profiles == ("1. c", "2. a", "2. b")
    assert view.shares == ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 1.0, 0.0))
    assert view.standings == TableView(
        "Share of the weight samples in which each profile takes each rank",
        ("Profile", "Partnership", "Nominal rank", "Rank 1", "Rank 2", "Rank 3"),
        (
            ("c", "Partnership c", "1", "100%", "0%", "0%"),
            ("a", "Partnership a", "2", "0%", "100%", "0%"),
            ("b", "Partnership b", "2", "0%", "100%", "0%"),
        ),
        (False, False, True, True, True, True),
    )
    # Without x: b 100 first, c 50, a 0; without y: a first, c, b.
    assert view.removals == TableView(
        "Ranks with one criterion left out (other weights as in the file)",
        ("Without", "c", "a", "b"),
        (("Criterion x", "1→2", "2→3", "2→1"), ("Criterion y", "1→2", "2→1", "2→3")),
        (False, True, True, True),
    )
    assert view.effective is not None
    assert view.effective.headers == ("Criterion", "Nominal weight", "Effective weight")
    assert view.effective.rows == (("Criterion x", "50%", "100%"), ("Criterion y", "50%", "0%"))
    assert view.effective.numeric == (False, True, True)
    assert view.effective_note is None


def test_robustness_view_simplex_unranked_and_undefined() -> None:
    simplex = robustness_view(robustness(_abc(), simplex=True, samples=200, seed=4))
    assert simplex.intro.startswith(
        "200 weight samples, weights drawn uniformly from all possible weights (simplex), "
    )
    assert simplex.intro.endswith("; seed 4.")
    spread = robustness_view(robustness(_abc(), spread=0.25, samples=100))
    assert "each weight times a factor from 0.75 to 1.25, renormalised" in spread.intro
    only_x = score_profile(profile({"xi": (2, "high")}, ident="only-x"), XY)
    both = score_profile(profile({"xi": (1, "high"), "yi": (1, "high")}, ident="both"), XY)
    view = robustness_view(robustness([only_x, both], samples=10))
    # only-x rates nothing but x: without x it has no rank; without y nothing changes.
    assert view.removals.rows == (("Criterion x", "–", "2→1"), ("Criterion y", "1", "2"))
    geometric = [
        score_profile(profile({"xi": (x, "high"), "yi": (y, "high")}, ident=n), XY, "geometric")
        for n, (x, y) in {"a": (4, 0), "b": (0, 4), "c": (3, 2)}.items()
    ]
    undefined = robustness_view(robustness(geometric, samples=10))
    assert undefined.effective is None
    assert undefined.effective_note == (
        "a profile has a criterion at utility 0 (score 0 under the geometric mean)"
    )


def test_trend_view() -> None:
    # 2022 (1, 2) 37.5;  2023 (3, 2) 62.5, +25.0;  2024 (2, 2) 50.0, -12.5; given out of order.
    series = trend(
        [scored(3, 2, year=2023), scored(1, 2, year=2022), scored(2, 2, year=2024)],
        ["b.yaml", "a.yaml", "c.yaml"],
    )
    view = trend_view(series)
    assert view.title == "Partnership t (t)"
    assert view.intro == (
        "3 assessments, 2022-12-31 to 2024-12-31; arithmetic mean; 90% intervals from the "
        "confidence of the ratings."
    )
    assert view.dates == ("2022-12-31", "2023-12-31", "2024-12-31")
    assert view.days == tuple(dt.date(y, 12, 31).toordinal() for y in (2022, 2023, 2024))
    assert view.scores == (37.5, 62.5, 50.0)
    assert view.criteria == ("Criterion x", "Criterion y")
    assert view.values == ((25.0, 75.0, 50.0), (50.0, 50.0, 50.0))
    assert view.assessments == TableView(
        "Overall score by date",
        ("Date", "Score", "90% interval", "Band", "Change", "Coverage", "File"),
        (
            ("2022-12-31", "37.5", "37.5–37.5", "low", "", "100%", "a.yaml"),
            ("2023-12-31", "62.5", "62.5–62.5", "mid", "+25.0", "100%", "b.yaml"),
            ("2024-12-31", "50.0", "50.0–50.0", "mid", "-12.5", "100%", "c.yaml"),
        ),
        (False, True, True, False, True, True, False),
    )
    assert view.criteria_table == TableView(
        "Criterion scores by date (0-100 on each criterion's own scale)",
        ("Criterion", "2022-12-31", "2023-12-31", "2024-12-31"),
        (("Criterion x", "25.0", "75.0", "50.0"), ("Criterion y", "50.0", "50.0", "50.0")),
        (False, True, True, True),
    )
    assert view.changes == (
        ("2022-12-31 → 2023-12-31", "+25.0", "Indicator xi: +25.0 points"),
        ("2023-12-31 → 2024-12-31", "-12.5", "Indicator xi: -12.5 points"),
    )


def test_trend_view_intervals_unrated_risk_and_geometric() -> None:
    def assessment(year: int, levels: dict[str, int]) -> ProfileScore:
        ratings = {key: (level, "low") for key, level in levels.items()}
        return score_profile(profile(ratings, ident="t", as_of=dt.date(year, 6, 30)), XYZ)

    series = trend([assessment(2020, {"xi": 2}), assessment(2021, {"xi": 3, "zi": 1})])
    view = trend_view(series)
    intervals = [score_interval(a.result) for a in series.assessments]
    assert list(zip(view.lows, view.highs, strict=True)) == intervals
    assert all(low < high for low, high in intervals)  # low confidence: a real spread
    assert view.criteria[2] == "Criterion z (risk: lower is better)"
    assert view.values == ((50.0, 75.0), (None, None), (None, 25.0))
    assert view.criteria_table.rows[1:] == (
        ("Criterion y", "–", "–"),
        ("Criterion z (risk: lower is better)", "–", "25.0"),
    )
    geometric = trend(
        [
            _xyz({"xi": 1}, year=2022, method="geometric"),
            _xyz({"xi": 3}, year=2023, method="geometric"),
        ]
    )
    assert trend_view(geometric).changes == (
        ("2022-12-31 → 2023-12-31", "+50.0", "drivers not additive (geometric)"),
    )
    mixed = trend(
        [_xyz({"xi": 2}, "later", 2023), _xyz({"xi": 1}, "earlier", 2022)], allow_mixed=True
    )
    assert trend_view(mixed).title == "Mixed series: earlier, later"
    assert trend_view(trend([_xyz({"xi": 2}, year=2022), _xyz({"xi": 2})])).changes == ()


def test_compare_view_never_shows_a_possible_outcome_as_certain() -> None:
    # b = (3, 0) over a = (0, 1) is all but certain with low confidence, not certain.
    a = score_profile(profile({"xi": (0, "low"), "yi": (1, "low")}, ident="a"), XY)
    b = score_profile(profile({"xi": (3, "low"), "yi": (0, "low")}, ident="b"), XY)
    result = compare([a, b], samples=100)
    (outranking,) = result.outrankings
    assert 0 < outranking.probability < 0.5
    (row,) = compare_view(result).outranking.rows
    assert row[:2] == ("b", "a")
    assert row[2] == complement_percent(outranking.probability)
    assert row[2] != "100%" or outranking.probability == 0


def test_table_captions_as_the_html_report_shows_them() -> None:
    view = compare_view(compare([scored(1, 3, "q"), scored(4, 2, "p")], samples=50))
    assert view.criteria_table.caption == (
        "Criterion scores (0-100 on each criterion's own scale; ▲ best on the criterion)"
    )
    assert view.outranking.caption == (
        "How likely one profile of each pair outranks the other (ties count half)"
    )
    effective = robustness_view(robustness(_abc(), spread=0.0, samples=50)).effective
    assert effective is not None
    assert effective.caption == (
        "Effective weights: each criterion's share of the variance of the score across these "
        "profiles"
    )


def test_compare_view_rank_range_runs_from_the_best_rank_to_the_worst() -> None:
    # a = (2, 2) 50 and b = (2, 3) 62.5 at low confidence: either may come first.
    a = score_profile(profile({"xi": (2, "low"), "yi": (2, "low")}, ident="a"), XY)
    b = score_profile(profile({"xi": (2, "low"), "yi": (3, "low")}, ident="b"), XY)
    result = compare([a, b], samples=400)
    assert [c.rank_interval for c in result.contenders] == [(1, 2), (1, 2)]
    assert [row[5] for row in compare_view(result).standings.rows] == ["1–2", "1–2"]


def test_trend_view_title_from_the_oldest_and_every_driver_of_a_change() -> None:
    # 2022 (1, 1) 25.0 -> 2023 (4, 2) 75.0: +50.0, x +37.5 and y +12.5; renamed in 2023.
    later = profile({"xi": (4, "high"), "yi": (2, "high")}, ident="t", as_of=dt.date(2023, 1, 1))
    renamed = score_profile(later.model_copy(update={"name": "Renamed"}), XY)
    view = trend_view(trend([renamed, scored(1, 1, year=2022)]))
    assert view.title == "Partnership t (t)"
    assert view.changes == (
        (
            "2022-12-31 → 2023-01-01",
            "+50.0",
            "Indicator xi: +37.5 points; Indicator yi: +12.5 points",
        ),
    )
