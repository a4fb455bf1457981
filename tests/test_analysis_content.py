"""What the compare, robustness and trend reports say, in every format: numbers, signs, order.

The inputs are small enough to work out by hand. Two criteria x and y of equal weight, one
indicator each, all ratings of high confidence: a profile with levels (x, y) scores
12.5 (x + y), its criterion scores are 25 x and 25 y. JSON and CSV are parsed; the text
formats (Markdown, terminal) are read for their content lines: which names, in which order,
with which numbers and signs. Nothing here depends on styling, so that a change of markup
fails only where it changes what the report says.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest

from allyeval.analysis.comparison import Comparison, compare
from allyeval.analysis.robustness import Robustness, robustness
from allyeval.analysis.trend import Trend, trend
from allyeval.core.scoring import Method, ProfileScore, score_profile
from allyeval.render import comparison as comparison_render
from allyeval.render import robustness as robustness_render
from allyeval.render import trend as trend_render
from test_uncertainty import criteria_set, profile

XY = criteria_set([("x", "benefit", 1, [("xi", 1)]), ("y", "benefit", 1, [("yi", 1)])])
NUMBER = r"[-+]?\d+(?:\.\d+)?"


def scored(x: int, y: int, ident: str = "t", year: int = 2024) -> ProfileScore:
    ratings = {"xi": (x, "high"), "yi": (y, "high")}
    return score_profile(profile(ratings, ident=ident, as_of=dt.date(year, 12, 31)), XY)


def numbers(line: str) -> list[float]:
    return [float(n) for n in re.findall(NUMBER, line)]


def _cells(line: str) -> list[str]:
    return [c.strip().strip("*`").strip() for c in line.strip().strip("|").split("|")]


def markdown_table(text: str, header: str) -> list[list[str]]:
    """The body rows of the first Markdown table whose header row starts with the cells
    *header* ("A | B"), each row as its cells with emphasis and code marks removed."""
    wanted = [c.strip() for c in header.split("|")]
    lines = text.splitlines()
    start = next(
        k
        for k, line in enumerate(lines)
        if line.startswith("|") and _cells(line)[: len(wanted)] == wanted
    )
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(_cells(line))
    return rows


def csv_records(text: str) -> list[dict[str, str]]:
    """The CSV rows by column name (a leading ``#`` comment line, if any, skipped)."""
    body = text.split("\n", 1)[1] if text.startswith("#") else text
    return list(csv.DictReader(io.StringIO(body, newline="")))


def line_starting(text: str, start: str) -> str:
    """The first line that starts with *start* (after indentation)."""
    return next(line for line in text.splitlines() if line.strip().startswith(start))


# --------------------------------------------------------------------------------------------
# trend: three assessments given out of date order.
#   2022 (1, 2) 37.5;  2023 (3, 2) 62.5, +25.0 (x +50, xi +25);  2024 (2, 2) 50.0, -12.5.


@pytest.fixture
def series() -> Trend:
    results = [scored(3, 2, year=2023), scored(1, 2, year=2022), scored(2, 2, year=2024)]
    return trend(results, ["b.yaml", "a.yaml", "c.yaml"])


def _trend(result: Trend, fmt: str) -> str:
    return trend_render.render(
        result, fmt, color=False, width=100, criteria_set=XY, method="arithmetic"
    )


def test_trend_json(series: Trend) -> None:
    record = json.loads(_trend(series, "json"))
    assessments = record["assessments"]
    assert [(a["as_of"], a["path"], a["score"], a["change"]) for a in assessments] == [
        ("2022-12-31", "a.yaml", 37.5, None),
        ("2023-12-31", "b.yaml", 62.5, 25.0),
        ("2024-12-31", "c.yaml", 50.0, -12.5),
    ]
    assert [a["criteria"] for a in assessments] == [
        {"x": 25.0, "y": 50.0},
        {"x": 75.0, "y": 50.0},
        {"x": 50.0, "y": 50.0},
    ]
    first, second = record["steps"]
    assert (first["from"], first["to"], first["change"]) == ("2022-12-31", "2023-12-31", 25.0)
    assert (second["from"], second["to"], second["change"]) == ("2023-12-31", "2024-12-31", -12.5)
    assert first["criteria"] == {"x": 50.0, "y": 0.0}
    assert second["criteria"] == {"x": -25.0, "y": 0.0}
    assert [(d["indicator"], d["points"]) for d in first["drivers"]] == [("xi", 25.0)]
    assert [(d["indicator"], d["points"]) for d in second["drivers"]] == [("xi", -12.5)]
    assert [(s["from"], s["change"]) for s in record["largest"]] == [
        ("2022-12-31", 25.0),
        ("2023-12-31", -12.5),
    ]


def test_trend_csv(series: Trend) -> None:
    rows = csv_records(_trend(series, "csv"))
    columns = ("path", "as_of", "score", "band", "coverage", "change", "x", "y")
    assert [tuple(row[c] for c in columns) for row in rows] == [
        ("a.yaml", "2022-12-31", "37.5", "low", "1.0", "", "25.0", "50.0"),
        ("b.yaml", "2023-12-31", "62.5", "mid", "1.0", "25.0", "75.0", "50.0"),
        ("c.yaml", "2024-12-31", "50.0", "mid", "1.0", "-12.5", "50.0", "50.0"),
    ]
    assert list(rows[0])[:4] == ["id", "name", "path", "as_of"]


def test_trend_markdown(series: Trend) -> None:
    text = _trend(series, "markdown")
    rows = markdown_table(text, "As of")
    assert [(r[0], float(r[1]), r[2], r[3], r[4]) for r in rows] == [
        ("2022-12-31", 37.5, "low", "", "a.yaml"),
        ("2023-12-31", 62.5, "mid", "+25.0", "b.yaml"),
        ("2024-12-31", 50.0, "mid", "-12.5", "c.yaml"),
    ]
    criteria = {r[0]: [float(v) for v in r[1:]] for r in markdown_table(text, "Criterion")}
    assert criteria == {"Criterion x": [25.0, 75.0, 50.0], "Criterion y": [50.0, 50.0, 50.0]}
    largest = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(largest) == 2
    assert "2022-12-31 → 2023-12-31" in largest[0] and "+25.0" in largest[0]
    # in overall points (x has half the weight: +50 on its own scale is +25.0 points)
    assert "Criterion x +25.0" in largest[0] and "Indicator xi +25.0" in largest[0]
    assert "2023-12-31 → 2024-12-31" in largest[1] and "-12.5" in largest[1]
    assert "Criterion x -12.5" in largest[1] and "Indicator xi -12.5" in largest[1]
    assert "Criterion y" not in largest[0] + largest[1]  # y did not move


def test_trend_table(series: Trend) -> None:
    text = _trend(series, "table")
    bars = [line for line in text.splitlines() if re.match(r"\d{4}-\d\d-\d\d ", line)]
    assert [(line.split()[0], numbers(line.split(maxsplit=1)[1])) for line in bars] == [
        ("2022-12-31", [37.5]),
        ("2023-12-31", [62.5, 25.0]),
        ("2024-12-31", [50.0, -12.5]),
    ]
    assert "+25.0" in bars[1] and "-12.5" in bars[2]
    assert numbers(line_starting(text, "Criterion x ")) == [25.0, 75.0, 50.0]
    moves = [line for line in text.splitlines() if "→" in line]
    assert "+25.0" in moves[0] and "Criterion x +25.0" in moves[0]
    assert "-12.5" in moves[1] and "Criterion x -12.5" in moves[1]


# --------------------------------------------------------------------------------------------
# robustness: A = (4, 0), B = (0, 4), C = (3, 2) -> S = 50, 50, 62.5 (test_weight_robustness
# works the shares out). With no spread every sample is the nominal ranking.


def _abc() -> list[ProfileScore]:
    return [scored(4, 0, "a"), scored(0, 4, "b"), scored(3, 2, "c")]


def _robustness(result: Robustness, fmt: str) -> str:
    return robustness_render.render(
        result,
        fmt,
        color=False,
        width=100,
        criteria_set=XY,
        method="arithmetic",
        seed=result.seed,
        samples=result.samples,
    )


@pytest.fixture(scope="module")
def nominal() -> Robustness:
    return robustness(_abc(), spread=0.0, samples=50)


@pytest.fixture(scope="module")
def spread() -> Robustness:
    # Spread 0.25: a (0, 1/2, 1/2), b (1/48, 23/48, 1/2), c (47/48, 1/48, 0).
    return robustness(_abc(), spread=0.25, samples=4000, seed=2)


def test_robustness_json_nominal(nominal: Robustness) -> None:
    record = json.loads(_robustness(nominal, "json"))
    assert [(p["profile"], p["score"], p["rank"]) for p in record["profiles"]] == [
        ("a", 50.0, 2),
        ("b", 50.0, 2),
        ("c", 62.5, 1),
    ]
    assert [p["acceptability"] for p in record["profiles"]] == [
        [0.0, 1.0, 0.0],
        [0.0, 1.0, 0.0],
        [1.0, 0.0, 0.0],
    ]
    assert [p["central_weights"] for p in record["profiles"]] == [None, None, {"x": 0.5, "y": 0.5}]
    without_x, without_y = record["remove_one"]
    assert without_x["criterion"] == "x"
    assert [(r["profile"], r["score"], r["rank"]) for r in without_x["ranking"]] == [
        ("a", 0.0, 3),
        ("b", 100.0, 1),
        ("c", 50.0, 2),
    ]
    assert [(r["score"], r["rank"]) for r in without_y["ranking"]] == [
        (100.0, 1),
        (0.0, 3),
        (75.0, 2),
    ]
    assert without_x["changed"] == without_y["changed"] == ["a", "b", "c"]
    assert [
        (e["criterion"], e["nominal"], e["effective"]) for e in record["effective_weights"]
    ] == [
        ("x", 0.5, 1.0),
        ("y", 0.5, 0.0),
    ]


def _shares(cells: list[str]) -> list[float]:
    """Percent cells as shares; an empty cell or a dot is no sample at that rank."""
    shares = []
    for text in cells:
        match = re.search(r"(\d+)%", text)
        shares.append(int(match.group(1)) / 100 if match else 0.0)
    return shares


def _grid_shares(line: str) -> list[float]:
    """The rank cells of a terminal acceptability row: a share, or a dot for none."""
    return _shares(re.findall(r"·|<?\d+%", line.split(maxsplit=2)[2]))


def test_robustness_markdown_nominal(nominal: Robustness) -> None:
    text = _robustness(nominal, "markdown")
    grid = markdown_table(text, "Profile")
    # In nominal rank order: c first, then a and b (tied) in file order.
    assert [(r[0], int(r[1]), _shares(r[2:])) for r in grid] == [
        ("c", 1, [1.0, 0.0, 0.0]),
        ("a", 2, [0.0, 1.0, 0.0]),
        ("b", 2, [0.0, 1.0, 0.0]),
    ]
    removals = {r[0]: r[1:] for r in markdown_table(text, "Without")}
    assert removals["Criterion x"][0] == "1. b, 2. c, 3. a"
    assert removals["Criterion y"][0] == "1. a, 2. c, 3. b"
    assert removals["Criterion x"][1] == "a 2→3, b 2→1, c 1→2"
    effective = {
        r[0]: _shares(r[1:]) for r in markdown_table(text, "Criterion | Nominal | Effective")
    }
    assert effective == {"Criterion x": [0.5, 1.0], "Criterion y": [0.5, 0.0]}


def test_robustness_table_nominal(nominal: Robustness) -> None:
    text = _robustness(nominal, "table")
    grid = [line_starting(text, f"{label} ") for label in ("c", "a", "b")]
    assert text.index(grid[0]) < text.index(grid[1]) < text.index(grid[2])
    assert [(int(line.split()[1]), _grid_shares(line)) for line in grid] == [
        (1, [1.0, 0.0, 0.0]),
        (2, [0.0, 1.0, 0.0]),
        (2, [0.0, 1.0, 0.0]),
    ]
    assert "a 2→3, b 2→1, c 1→2" in line_starting(text, "Criterion x   a")
    effective = [line for line in text.splitlines() if line.strip().startswith("Criterion ")]
    assert _shares(effective[-2].split()[2:]) == [0.5, 1.0]
    assert _shares(effective[-1].split()[2:]) == [0.5, 0.0]


def test_robustness_acceptability_keeps_rank_order_in_every_format(spread: Robustness) -> None:
    # c is first in about 47/48 of the samples and never third; reversed, it would read 0, 2, 98.
    expected = {s.label: s.acceptability for s in spread.standings}
    assert expected["c"][0] > 0.95 and expected["c"][2] == 0.0
    record = json.loads(_robustness(spread, "json"))
    for p in record["profiles"]:
        assert p["acceptability"] == pytest.approx(expected[p["profile"]], abs=1e-4)
    grid = markdown_table(_robustness(spread, "markdown"), "Profile")
    assert [r[0] for r in grid] == ["c", "a", "b"]  # nominal ranks 1, 2, 2
    table = _robustness(spread, "table")
    for label in ("a", "b", "c"):
        rendered = _shares(next(r for r in grid if r[0] == label)[2:])
        assert rendered == pytest.approx(expected[label], abs=0.006), label
        on_screen = _grid_shares(line_starting(table, f"{label} "))
        assert on_screen == pytest.approx(expected[label], abs=0.006), label


# --------------------------------------------------------------------------------------------
# compare: q = (1, 3) 50, p = (4, 2) 75, r = (2, 2) 50, given in that order. p leads by 25
# over both; q's gap is xi +37.5 and yi -12.5 (12.5 - 50, 37.5 - 25), r's is xi +25.


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    results = [scored(1, 3, "q"), scored(4, 2, "p"), scored(2, 2, "r")]
    return compare(results, paths=["q.yaml", "p.yaml", "r.yaml"], samples=200)


def _compare(result: Comparison, fmt: str) -> str:
    return comparison_render.render(
        result,
        fmt,
        color=False,
        width=100,
        criteria_set=XY,
        method="arithmetic",
        seed=result.seed,
        samples=result.samples,
    )


def test_compare_json(comparison: Comparison) -> None:
    record = json.loads(_compare(comparison, "json"))
    assert record["leader"] == "p"
    profiles = record["profiles"]
    assert [
        (p["profile"], p["path"], p["score"], p["rank"], p["difference"]) for p in profiles
    ] == [
        ("q", "q.yaml", 50.0, 2, -25.0),
        ("p", "p.yaml", 75.0, 1, 0.0),
        ("r", "r.yaml", 50.0, 2, -25.0),
    ]
    assert [p["rank_interval"] for p in profiles] == [[2, 2], [1, 1], [2, 2]]
    assert [p["first"] for p in profiles] == [0.0, 1.0, 0.0]
    assert [(r["rank"], r["profile"]) for r in record["ranking"]] == [(1, "p"), (2, "q"), (2, "r")]
    x, y = record["criteria"]
    assert x["leaders"] == ["p"] and y["leaders"] == ["q"]
    assert [(v["score"], v["difference"]) for v in x["values"]] == [
        (25.0, -75.0),
        (100.0, 0.0),
        (50.0, -50.0),
    ]
    assert [(v["score"], v["difference"]) for v in y["values"]] == [
        (75.0, 25.0),
        (50.0, 0.0),
        (50.0, 0.0),
    ]
    xi = record["indicators"][0]["values"]
    assert [
        (v["level"], v["points"], v["points_difference"], v["level_difference"]) for v in xi
    ] == [
        (1, 12.5, -37.5, -3),
        (4, 50.0, 0.0, 0),
        (2, 25.0, -25.0, -2),
    ]
    gaps = [(g["profile"], g["points"], [(d["indicator"], d["points"]) for d in g["drivers"]])
            for g in record["gaps"]]  # fmt: skip
    assert gaps == [("q", 25.0, [("xi", 37.5), ("yi", -12.5)]), ("r", 25.0, [("xi", 25.0)])]
    assert [
        (o["first"], o["second"], o["probability"], o["tie"]) for o in record["outranking"]
    ] == [
        ("q", "p", 0.0, 0.0),
        ("q", "r", 0.5, 1.0),
        ("p", "r", 1.0, 0.0),
    ]


def test_compare_csv(comparison: Comparison) -> None:
    rows = csv_records(_compare(comparison, "csv"))
    overall = [r for r in rows if r["row"] == "overall"]
    assert [(r["profile"], r["path"], r["score"], r["difference"], r["rank"]) for r in overall] == [
        ("q", "q.yaml", "50.0", "-25.0", "2"),
        ("p", "p.yaml", "75.0", "0.0", "1"),
        ("r", "r.yaml", "50.0", "-25.0", "2"),
    ]
    criteria = [(r["profile"], r["criterion"], r["score"], r["difference"])
                for r in rows if r["row"] == "criterion"]  # fmt: skip
    assert criteria == [
        ("q", "x", "25.0", "-75.0"),
        ("q", "y", "75.0", "25.0"),
        ("p", "x", "100.0", "0.0"),
        ("p", "y", "50.0", "0.0"),
        ("r", "x", "50.0", "-50.0"),
        ("r", "y", "50.0", "0.0"),
    ]
    xi = [(r["profile"], r["level"], r["points"], r["difference"])
          for r in rows if r["row"] == "indicator" and r["indicator"] == "xi"]  # fmt: skip
    assert xi == [
        ("q", "1", "12.5", "-37.5"),
        ("p", "4", "50.0", "0.0"),
        ("r", "2", "25.0", "-25.0"),
    ]


def test_compare_markdown(comparison: Comparison) -> None:
    text = _compare(comparison, "markdown")
    overview = {r[0]: r[1:] for r in markdown_table(text, "")}
    assert [float(s) for s in overview["Score"]] == [50.0, 75.0, 50.0]
    assert overview["vs leader"] == ["-25.0", "0.0", "-25.0"]
    assert overview["Rank (range)"] == ["2 (2)", "1 (1)", "2 (2)"]
    criteria = {r[0]: r[1:] for r in markdown_table(text, "Criterion")}
    assert criteria["Criterion x"] == ["25.0 (-75.0)", "100.0 (0.0)", "50.0 (-50.0)", "p"]
    assert criteria["Criterion y"] == ["75.0 (+25.0)", "50.0 (0.0)", "50.0 (0.0)", "q"]
    ranking = markdown_table(text, "Rank")
    assert [(r[0], r[1].split(":")[0], float(r[2])) for r in ranking] == [
        ("1", "p", 75.0),
        ("2", "q", 50.0),
        ("2", "r", 50.0),
    ]
    chances = [(r[0], r[1]) for r in markdown_table(text, "Pair")]
    assert chances == [("p over q", "100%"), ("q over r", "50%"), ("p over r", "100%")]
    gaps = text[text.index("### What explains the gaps") :].split("- **")[1:]
    assert gaps[0].startswith("p ahead of q by 25.0")
    # by criterion first, adding up to the gap (37.5 - 12.5 = 25.0), then the drivers
    assert "By criterion: Criterion x +37.5, Criterion y -12.5" in gaps[0]
    assert gaps[0].index("Indicator xi +37.5") < gaps[0].index("Indicator yi -12.5")
    assert "(together +25.0, 100% of the gap)" in gaps[0]
    assert gaps[1].startswith("p ahead of r by 25.0") and "Indicator xi +25.0" in gaps[1]


def test_compare_table(comparison: Comparison) -> None:
    text = _compare(comparison, "table")
    assert numbers(line_starting(text, "Score ")) == [50.0, 75.0, 50.0]
    assert numbers(line_starting(text, "vs leader ")) == [-25.0, -25.0]
    assert numbers(line_starting(text, "Criterion x ")) == [25.0, -75.0, 100.0, 50.0, -50.0]
    assert numbers(line_starting(text, "Criterion y ")) == [75.0, 25.0, 50.0, 50.0, 0.0]
    assert "+25.0" in line_starting(text, "Criterion y ")
    ranked = [line_starting(text, f"{rank}   {label}:") for rank, label in ((1, "p"), (2, "q"))]
    assert text.index(ranked[0]) < text.index(ranked[1])
    assert numbers(ranked[0].split(":")[1])[0] == 75.0
    assert "100%" in line_starting(text, "p over q")
    assert "50%" in line_starting(text, "q over r")
    after = text[text.index(line_starting(text, "p ahead of q by 25.0")) :]
    assert line_starting(after, "By criterion:").rstrip().endswith("x +37.5, Criterion y -12.5")
    drivers = line_starting(after, "Drivers:")
    assert drivers.index("Indicator xi +37.5") < drivers.index("Indicator yi -12.5")
    assert "(together +25.0, 100% of the gap)" in drivers


# --------------------------------------------------------------------------------------------
# The rarer paths: a risk criterion, an unrated criterion, no change, a mixed series, the
# geometric method, an unranked profile, undefined effective weights; and every JSON field.

XYZ = criteria_set(
    [
        ("x", "benefit", 1, [("xi", 1)]),
        ("y", "benefit", 1, [("yi", 1)]),
        ("z", "risk", 1, [("zi", 1)]),
    ]
)


def _xyz(
    levels: dict[str, int], ident: str = "t", year: int = 2024, method: Method = "arithmetic"
) -> ProfileScore:
    ratings = {key: (level, "high") for key, level in levels.items()}
    return score_profile(profile(ratings, ident=ident, as_of=dt.date(year, 12, 31)), XYZ, method)


def _trend_xyz(result: Trend, fmt: str) -> str:
    return trend_render.render(
        result, fmt, color=False, width=100, criteria_set=XYZ, method=result.method
    )


def test_trend_moves_largest_first_risk_marked_unrated_shown_as_missing() -> None:
    # 2022: x 1, y 2, z unrated -> 37.5.  2023: x 2, y 4, z 1 (exposure 25, utility 3/4):
    # (1/2 + 1 + 3/4) / 3 = 75. Criteria: x +25, y +50, z not comparable.
    series = trend(
        [_xyz({"xi": 1, "yi": 2}, year=2022), _xyz({"xi": 2, "yi": 4, "zi": 1}, year=2023)]
    )
    text = _trend_xyz(series, "markdown")
    criteria = {r[0]: r[1:] for r in markdown_table(text, "Criterion")}
    assert criteria["Criterion z (risk)"] == ["–", "25.0"]
    assert criteria["Criterion x"] == ["25.0", "50.0"]
    (largest,) = [line for line in text.splitlines() if line.startswith("- ")]
    # In overall points: 2022 shares 1/2 (z unrated), 2023 shares 1/3. x 12.5 -> 16.67 (+4.2),
    # y 25 -> 33.33 (+8.3), z 0 -> 25 (+25.0, newly rated): together +37.5.
    assert largest.index("Criterion z +25.0 (newly rated)") < largest.index("Criterion y +8.3")
    assert largest.index("Criterion y +8.3") < largest.index("Criterion x +4.2")
    record = json.loads(_trend_xyz(series, "json"))
    assert record["steps"][0]["criteria"] == {"x": 25.0, "y": 50.0, "z": None}
    assert record["assessments"][0]["criteria"]["z"] is None
    assert record["assessments"][0]["coverage"] == pytest.approx(2 / 3, abs=1e-4)
    first = csv_records(_trend_xyz(series, "csv"))[0]
    assert (first["x"], first["y"], first["z"]) == ("25.0", "50.0", "")
    assert first["coverage"] == str(round(2 / 3, 4))


def test_trend_json_fields() -> None:
    series = trend([_xyz({"xi": 1}, year=2022), _xyz({"xi": 2}, year=2023)])
    record = json.loads(_trend_xyz(series, "json"))
    assert list(record) == ["ids", "method", "provenance", "assessments", "steps", "largest"]
    assert list(record["assessments"][0]) == [
        "id", "name", "path", "as_of", "score", "band", "capped_by", "coverage", "change",
        "criteria",
    ]  # fmt: skip
    assert (record["assessments"][0]["id"], record["assessments"][0]["name"]) == (
        "t",
        "Partnership t",
    )
    step = record["steps"][0]
    assert list(step) == ["from", "to", "change", "criteria", "criteria_points", "drivers"]
    assert step["drivers"] == [
        {"criterion": "x", "indicator": "xi", "name": "Indicator xi", "points": 25.0}
    ]
    assert record["method"] == "arithmetic"
    assert list(record["largest"][0]) == ["from", "to", "change"]


def test_trend_with_no_change_mixed_ids_and_the_geometric_method() -> None:
    same = trend([_xyz({"xi": 2}, year=2022), _xyz({"xi": 2}, year=2023)])
    assert "No change between assessments." in _trend_xyz(same, "markdown").splitlines()
    assert json.loads(_trend_xyz(same, "json"))["largest"] == []
    mixed = trend(
        [_xyz({"xi": 2}, "later", 2023), _xyz({"xi": 1}, "earlier", 2022)], allow_mixed=True
    )
    assert _trend_xyz(mixed, "markdown").startswith("## Trend: Mixed series: earlier, later\n")
    single = _trend_xyz(same, "markdown").splitlines()[0]
    assert single == "## Trend: Partnership t (t)"
    geometric = trend(
        [
            _xyz({"xi": 1}, year=2022, method="geometric"),
            _xyz({"xi": 3}, year=2023, method="geometric"),
        ]
    )
    text = _trend_xyz(geometric, "markdown")
    assert "indicators: points do not add up under the geometric mean" in text
    assert json.loads(_trend_xyz(geometric, "json"))["steps"][0]["drivers"] is None


def test_robustness_json_fields_and_modes(nominal: Robustness, spread: Robustness) -> None:
    record = json.loads(_robustness(spread, "json"))
    assert list(record) == [
        "method", "mode", "spread", "indicator_spread", "mixed_methods", "seed", "samples",
        "provenance", "profiles", "remove_one", "effective_weights", "effective_note",
    ]  # fmt: skip
    assert (record["mode"], record["spread"], record["seed"], record["samples"]) == (
        "spread",
        0.25,
        2,
        4000,
    )
    assert list(record["profiles"][0]) == [
        "profile", "id", "name", "path", "score", "band", "capped_by", "rank", "acceptability",
        "central_weights",
    ]  # fmt: skip
    assert record["profiles"][2]["name"] == "Partnership c"
    assert list(record["remove_one"][0]) == ["criterion", "ranking", "changed"]
    assert list(record["effective_weights"][0]) == ["criterion", "nominal", "effective"]
    assert "each weight times a factor from 0.75 to 1.25" in _robustness(spread, "markdown")
    simplex = robustness(_abc(), simplex=True, samples=200)
    assert json.loads(_robustness(simplex, "json"))["mode"] == "simplex"
    assert json.loads(_robustness(simplex, "json"))["spread"] is None
    assert "weights drawn uniformly from all possible weights (simplex)" in " ".join(
        _robustness(simplex, "markdown").split()
    )


def test_robustness_markdown_ranks_leaders_unranked_and_undefined_weights() -> None:
    simplex = robustness(_abc(), simplex=True, samples=2000, seed=1)
    text = _robustness(simplex, "markdown")
    header = next(line for line in text.splitlines() if line.startswith("| Profile |"))
    assert [c.strip() for c in header.strip("|").split("|")] == ["Profile", "Now", "1", "2", "3"]
    # Every profile leads in some samples: a column of central weights each, in file order.
    central = markdown_table(text, "Criterion | Nominal | a | b | c")
    by_label = {s.label: s.central_weights or () for s in simplex.standings}
    for k, row in enumerate(central):
        expected = [round(by_label[label][k], 2) for label in "abc"]
        assert _shares(row[2:]) == pytest.approx(expected, abs=0.006)
    # only-x rates nothing but x: without x it has no score, so it has no rank.
    only_x = score_profile(profile({"xi": (2, "high")}, ident="only-x"), XY)
    both = score_profile(profile({"xi": (1, "high"), "yi": (1, "high")}, ident="both"), XY)
    unranked = robustness([only_x, both], samples=10)
    text = _robustness(unranked, "markdown")
    removals = {r[0]: r[1:] for r in markdown_table(text, "Without")}
    assert removals["Criterion x"] == ["1. both", "only-x 1→–, both 2→1"]
    assert removals["Criterion y"][1] == "none"
    assert "only-x 1→–, both 2→1" in _robustness(unranked, "table")
    geometric = robustness(
        [score_profile(profile({"xi": (x, "high"), "yi": (y, "high")}, ident=n), XY, "geometric")
         for n, (x, y) in {"a": (4, 0), "b": (0, 4), "c": (3, 2)}.items()],
        samples=10,
    )  # fmt: skip
    note = "a profile has a criterion at utility 0 (score 0 under the geometric mean)"
    assert f"Undefined: {note}." in _robustness(geometric, "markdown").splitlines()
    assert json.loads(_robustness(geometric, "json"))["effective_note"] == note
