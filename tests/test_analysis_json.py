"""The JSON and CSV of compare, robustness, trend and agree on the shipped examples, parsed and
checked against what must hold between their numbers: differences are each score minus the
leader's, a ranking is in score order with competition ranks, the gap by criterion adds up to
the gap, shares of the samples add up to one, a rank change is listed exactly when the rank
changed, and every row is where the file order puts it. The hand-worked cases are in
``test_analysis_content``; these check the same rules on real profiles, in every field."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from allyeval.cli.app import app
from allyeval.core.loader import load_criteria, load_profile
from test_analysis_content import csv_records

ROOT = Path(__file__).parent.parent
TRIO = ["examples/nato.yaml", "examples/warsaw-pact.yaml", "examples/quad.yaml"]
TOP = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").glob("*.yaml"))
SERIES = sorted(
    p.relative_to(ROOT).as_posix() for p in (ROOT / "examples/nato-series").glob("*.yaml")
)
AGREEMENT = sorted(
    p.relative_to(ROOT).as_posix() for p in (ROOT / "examples/agreement").glob("*.yaml")
)
POINTS = 0.011  # two numbers each rounded to 2 decimals differ from the exact by < 0.01
runner = CliRunner()


@pytest.fixture(autouse=True)
def _from_the_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _competition_ranks(scores: Sequence[float]) -> list[int]:
    return [1 + sum(other > score for other in scores) for score in scores]


def test_compare_json_on_three_examples() -> None:
    record = json.loads(_run("compare", *TRIO, "--samples", "2000", "--seed", "5", "-f", "json"))
    criteria = load_criteria()
    profiles = [load_profile(path, criteria) for path in TRIO]
    assert (record["method"], record["level"], record["seed"], record["samples"]) == (
        "arithmetic",
        0.9,
        5,
        2000,
    )
    assert record["provenance"]["seed"] == 5 and record["provenance"]["samples"] == 2000
    rows = record["profiles"]
    assert [(r["profile"], r["path"], r["id"], r["name"], r["as_of"]) for r in rows] == [
        (p.id, path, p.id, p.name, p.as_of.isoformat())
        for p, path in zip(profiles, TRIO, strict=True)
    ]
    scores = [r["score"] for r in rows]
    leader = max(range(3), key=lambda i: scores[i])
    assert record["leader"] == rows[leader]["profile"] == "nato"
    assert [r["rank"] for r in rows] == _competition_ranks(scores) == [1, 3, 2]
    for r in rows:
        assert r["difference"] == pytest.approx(r["score"] - scores[leader], abs=POINTS)
        assert r["interval"][0] <= r["score"] <= r["interval"][1]
        assert r["rank_interval"][0] <= r["rank"] <= r["rank_interval"][1]
        assert 0 < r["coverage"] <= 1
    assert sum(r["first"] for r in rows) == pytest.approx(1.0, abs=1e-3)
    assert rows[1]["band"] == "fragile" and rows[1]["capped_by"] == []
    assert [(r["rank"], r["profile"], r["score"]) for r in record["ranking"]] == sorted(
        ((r["rank"], r["profile"], r["score"]) for r in rows), key=lambda t: (t[0], -t[2])
    )
    assert record["comparability"].startswith("Comparability: they differ in kind (")
    _check_compare_criteria(record, [c.id for c in criteria.criteria])
    _check_compare_gaps(record, leader)
    outranking = record["outranking"]
    assert [(o["first"], o["second"]) for o in outranking] == [
        ("nato", "warsaw-pact"),
        ("nato", "quad"),
        ("warsaw-pact", "quad"),
    ]
    assert [o["probability"] for o in outranking] == [1.0, 1.0, 0.0]
    assert all(o["exact"] is True and o["tie"] == 0.0 for o in outranking)


def _check_compare_criteria(record: dict[str, Any], ids: list[str]) -> None:
    rows = record["profiles"]
    labels = [r["profile"] for r in rows]
    leader = labels.index(record["leader"])
    criteria = record["criteria"]
    assert [c["id"] for c in criteria] == ids
    for c in criteria:
        values = c["values"]
        assert [v["profile"] for v in values] == labels
        own = [v["score"] for v in values]
        best = min(own) if c["direction"] == "risk" else max(own)
        assert c["leaders"] == [v["profile"] for v in values if v["score"] == best]
        for v in values:
            assert v["difference"] == pytest.approx(v["score"] - own[leader], abs=POINTS)
    assert [c["direction"] for c in criteria][-1] == "risk"
    for row in record["indicators"]:
        values = row["values"]
        assert [v["profile"] for v in values] == labels
        lead = values[leader]
        for v in values:
            assert v["points_difference"] == pytest.approx(v["points"] - lead["points"], abs=POINTS)
            if v["level"] is None or lead["level"] is None:
                assert v["level_difference"] is None
                continue
            assert v["level_difference"] == v["level"] - lead["level"]
            assert v["confidence"] in ("high", "medium", "low")


def _check_compare_gaps(record: dict[str, Any], leader: int) -> None:
    rows = record["profiles"]
    gaps = record["gaps"]
    behind = [r for k, r in enumerate(rows) if k != leader]
    assert sorted(g["profile"] for g in gaps) == sorted(r["profile"] for r in behind)
    for gap in gaps:
        other = next(r for r in rows if r["profile"] == gap["profile"])
        assert gap["points"] == pytest.approx(-other["difference"], abs=POINTS)
        assert sum(c["points"] for c in gap["criteria"]) == pytest.approx(gap["points"], abs=0.05)
        drivers = [d["points"] for d in gap["drivers"]]
        assert len(drivers) == 3
        assert [abs(p) for p in drivers] == sorted((abs(p) for p in drivers), reverse=True)
        assert gap["drivers_share"] == pytest.approx(sum(drivers) / gap["points"], abs=1e-3)


def test_compare_json_geometric_has_no_points_to_add_up() -> None:
    record = json.loads(_run("compare", *TRIO, "-m", "geometric", "--samples", "500", "-f", "json"))
    assert record["method"] == "geometric"
    for gap in record["gaps"]:
        assert (gap["drivers"], gap["criteria"], gap["drivers_share"]) == (None, None, None)
    assert all(o["exact"] is False for o in record["outranking"])


def test_compare_csv_matches_the_json() -> None:
    record = json.loads(_run("compare", *TRIO, "--samples", "500", "-f", "json"))
    rows = csv_records(_run("compare", *TRIO, "--samples", "500", "-f", "csv"))
    overall = [r for r in rows if r["row"] == "overall"]
    assert [
        (r["profile"], r["path"], float(r["score"]), float(r["difference"]), int(r["rank"]),
         float(r["low"]), float(r["high"]), r["band"])
        for r in overall
    ] == [
        (p["profile"], p["path"], p["score"], p["difference"], p["rank"], *p["interval"],
         p["band"])
        for p in record["profiles"]
    ]  # fmt: skip
    n_criteria, n_indicators = len(record["criteria"]), len(record["indicators"])
    assert len(rows) == 3 * (1 + n_criteria + n_indicators)
    for k, profile in enumerate(record["profiles"]):
        block = rows[k * (1 + n_criteria + n_indicators) :][: 1 + n_criteria + n_indicators]
        assert {r["profile"] for r in block} == {profile["profile"]}
        criteria = [r for r in block if r["row"] == "criterion"]
        assert [r["criterion"] for r in criteria] == [c["id"] for c in record["criteria"]]
        for r, c in zip(criteria, record["criteria"], strict=True):
            value = c["values"][k]
            assert float(r["score"]) == value["score"]
            assert float(r["difference"]) == value["difference"]
        # the criteria's points are their parts of the score
        assert sum(float(r["points"]) for r in criteria) == pytest.approx(
            profile["score"], abs=0.05
        )
        indicators = [r for r in block if r["row"] == "indicator"]
        assert [(r["criterion"], r["indicator"]) for r in indicators] == [
            (i["criterion"], i["id"]) for i in record["indicators"]
        ]
        for r, i in zip(indicators, record["indicators"], strict=True):
            value = i["values"][k]
            assert r["level"] == ("" if value["level"] is None else str(value["level"]))
            assert r["confidence"] == (value["confidence"] or "")
            assert float(r["points"]) == value["points"]
            assert float(r["difference"]) == value["points_difference"]
    warsaw = [r for r in rows if r["profile"] == "warsaw-pact" and r["row"] == "criterion"]
    assert [r["band"] for r in warsaw][0] == "insufficient"


def _ranks_of(scores: Sequence[float | None]) -> list[int | None]:
    """Competition ranks of the scores given, None for none."""
    given = [s for s in scores if s is not None]
    return [None if s is None else 1 + sum(o > s for o in given) for s in scores]


@pytest.mark.parametrize(
    "options",
    [(), ("--simplex", "--indicator-spread", "0.2", "--mixed-methods")],
    ids=["spread", "simplex"],
)
def test_robustness_json_on_every_example(options: tuple[str, ...]) -> None:
    record = json.loads(_run("robustness", *TOP, *options, "--samples", "1000", "-f", "json"))
    criteria = load_criteria()
    ids = [c.id for c in criteria.criteria]
    simplex = bool(options)
    assert (record["mode"], record["spread"], record["indicator_spread"]) == (
        ("simplex", None, 0.2) if simplex else ("spread", 0.25, 0.0)
    )
    assert (record["mixed_methods"], record["method"], record["seed"], record["samples"]) == (
        simplex,
        "arithmetic",
        0,
        1000,
    )
    rows = record["profiles"]
    profiles = [load_profile(path, criteria) for path in TOP]
    assert [(r["profile"], r["path"], r["name"]) for r in rows] == [
        (p.id, path, p.name) for p, path in zip(profiles, TOP, strict=True)
    ]
    labels = [r["profile"] for r in rows]
    assert [r["rank"] for r in rows] == _competition_ranks([r["score"] for r in rows])
    for r in rows:
        assert len(r["acceptability"]) == len(rows)
        assert sum(r["acceptability"]) == pytest.approx(1.0, abs=1e-3)
        assert (r["central_weights"] is not None) == (r["acceptability"][0] > 0)
        if r["central_weights"] is not None:
            assert list(r["central_weights"]) == ids
            assert sum(r["central_weights"].values()) == pytest.approx(1.0, abs=1e-3)
    # Ranked first in some samples: NATO always, the US-Japan alliance under the simplex.
    assert rows[labels.index("nato")]["acceptability"][0] > 0.5
    assert [r["criterion"] for r in record["remove_one"]] == ids
    for removal in record["remove_one"]:
        ranking = removal["ranking"]
        assert [r["profile"] for r in ranking] == labels
        assert [r["rank"] for r in ranking] == _ranks_of([r["score"] for r in ranking])
        assert removal["changed"] == [
            label
            for label, after, row in zip(labels, ranking, rows, strict=True)
            if after["rank"] != row["rank"]
        ]
    effective = record["effective_weights"]
    assert [e["criterion"] for e in effective] == ids
    total = sum(c.weight for c in criteria.criteria)
    assert [e["nominal"] for e in effective] == [
        round(c.weight / total, 4) for c in criteria.criteria
    ]
    assert sum(e["effective"] for e in effective) == pytest.approx(1.0, abs=1e-3)
    assert record["effective_note"] is None


def test_trend_json_and_csv_on_the_nato_series() -> None:
    record = json.loads(_run("trend", *SERIES, "-f", "json"))
    assessments = record["assessments"]
    assert [a["path"] for a in assessments] == SERIES  # the file names sort by date
    assert record["ids"] == ["nato"] and record["method"] == "arithmetic"
    dates = [a["as_of"] for a in assessments]
    assert dates == sorted(dates)
    scores = [a["score"] for a in assessments]
    assert assessments[0]["change"] is None
    for k in (1, 2):
        assert assessments[k]["change"] == pytest.approx(scores[k] - scores[k - 1], abs=POINTS)
    for k, step in enumerate(record["steps"]):
        before, after = assessments[k], assessments[k + 1]
        assert (step["from"], step["to"]) == (before["as_of"], after["as_of"])
        assert step["change"] == after["change"]
        for cid, change in step["criteria"].items():
            expected = after["criteria"][cid] - before["criteria"][cid]
            assert change == pytest.approx(expected, abs=POINTS)
        assert sum(step["criteria_points"].values()) == pytest.approx(step["change"], abs=0.05)
        drivers = [abs(d["points"]) for d in step["drivers"]]
        assert drivers == sorted(drivers, reverse=True) and len(drivers) == 3
    largest = record["largest"]
    assert [abs(s["change"]) for s in largest] == sorted(
        (abs(s["change"]) for s in record["steps"]), reverse=True
    )
    assert [(s["from"], s["to"]) for s in largest] == [
        ("1999-06-10", "2014-09-05"),
        ("1989-11-08", "1999-06-10"),
    ]
    assert assessments[2]["capped_by"] == ["strategic_divergence >= 3"]
    rows = csv_records(_run("trend", *SERIES, "-f", "csv"))
    assert [
        (r["path"], r["as_of"], float(r["score"]), r["band"], float(r["coverage"])) for r in rows
    ] == [(a["path"], a["as_of"], a["score"], a["band"], a["coverage"]) for a in assessments]
    assert [r["change"] for r in rows] == ["", *(str(a["change"]) for a in assessments[1:])]
    for row, a in zip(rows, assessments, strict=True):
        assert {cid: float(row[cid]) for cid in a["criteria"]} == a["criteria"]
    assert rows[2]["capped_by"] == "strategic_divergence >= 3"


def test_agree_json_on_the_three_analysts() -> None:
    record = json.loads(_run("agree", *AGREEMENT, "-f", "json"))
    criteria = load_criteria()
    raters = [load_profile(path, criteria) for path in AGREEMENT]
    assert (record["id"], record["as_of"]) == (raters[0].id, raters[0].as_of.isoformat())
    assert (record["level"], record["seed"], record["samples"]) == (0.95, 0, 10000)
    assert [r["path"] for r in record["raters"]] == AGREEMENT
    scores = [r["score"] for r in record["raters"]]
    assert record["score_spread"] == pytest.approx(max(scores) - min(scores), abs=POINTS)
    assert [c["id"] for c in record["criteria"]] == [c.id for c in criteria.criteria]
    for c in record["criteria"]:
        own = [s["score"] for s in c["scores"]]
        assert [s["rater"] for s in c["scores"]] == [r["rater"] for r in record["raters"]]
        assert c["spread"] == pytest.approx(max(own) - min(own), abs=POINTS)
        assert c["alpha"]["low"] <= c["alpha"]["high"]
    # The consensus: each indicator's lower median level over the raters who rated it.
    expected = {}
    for key in raters[0].rated.keys() | raters[1].rated.keys() | raters[2].rated.keys():
        levels = sorted(p.rated[key].level for p in raters if key in p.rated)
        expected[key] = levels[(len(levels) - 1) // 2]
    assert record["consensus"]["levels"] == expected
    assert record["disagreements"]
    for found in record["disagreements"]:
        levels = [r["level"] for r in found["ratings"] if r["level"] is not None]
        assert found["spread"] == max(levels) - min(levels) >= 2
        # signed: a higher level of a risk indicator lowers the score
        assert found["points"] == pytest.approx(
            found["score_at_highest"] - found["score_at_lowest"], abs=POINTS
        )
        assert [r["rater"] for r in found["ratings"]] == [r["rater"] for r in record["raters"]]
        for rating, profile in zip(found["ratings"], raters, strict=True):
            own = profile.rated.get(found["indicator"])
            assert rating["level"] == (None if own is None else own.level)
            assert rating["evidence"] == (None if own is None else own.evidence)


def test_compare_json_fields_in_order() -> None:
    record = json.loads(_run("compare", *TRIO, "--samples", "500", "-f", "json"))
    assert list(record) == [
        "method", "level", "seed", "samples", "provenance", "leader", "comparability",
        "profiles", "ranking", "criteria", "indicators", "gaps", "outranking",
    ]  # fmt: skip
    assert list(record["profiles"][0]) == [
        "profile", "id", "name", "path", "as_of", "score", "band", "capped_by", "coverage",
        "rank", "difference", "interval", "rank_interval", "first",
    ]  # fmt: skip
    assert list(record["ranking"][0]) == ["rank", "profile", "score"]
    assert list(record["criteria"][0]) == ["id", "name", "direction", "leaders", "values"]
    assert list(record["criteria"][0]["values"][0]) == ["profile", "score", "difference"]
    assert record["criteria"][0]["name"] == "Operational success"
    assert list(record["indicators"][0]) == ["criterion", "id", "name", "values"]
    assert list(record["indicators"][0]["values"][0]) == [
        "profile", "level", "confidence", "points", "points_difference", "level_difference",
    ]  # fmt: skip
    assert (record["indicators"][0]["criterion"], record["indicators"][0]["name"]) == (
        "operational_success",
        "Joint exercises",
    )
    assert list(record["gaps"][0]) == ["profile", "points", "drivers", "criteria", "drivers_share"]
    assert list(record["gaps"][0]["drivers"][0]) == ["criterion", "indicator", "name", "points"]
    assert list(record["gaps"][0]["criteria"][0]) == ["criterion", "points"]
    assert list(record["outranking"][0]) == ["first", "second", "probability", "tie", "exact"]


def test_agree_json_fields_in_order() -> None:
    record = json.loads(_run("agree", *AGREEMENT, "--samples", "500", "--seed", "2", "-f", "json"))
    criteria = load_criteria()
    first = load_profile(AGREEMENT[0], criteria)
    assert list(record) == [
        "id", "name", "as_of", "method", "level", "seed", "samples", "provenance", "raters",
        "alpha", "not_rated", "score_spread", "criteria", "disagreements", "consensus",
    ]  # fmt: skip
    assert (record["name"], record["method"], record["seed"], record["samples"]) == (
        first.name,
        "arithmetic",
        2,
        500,
    )
    assert (record["provenance"]["seed"], record["provenance"]["samples"]) == (2, 500)
    assert list(record["raters"][0]) == ["rater", "path", "score", "band", "capped_by", "coverage"]
    for rater in record["raters"]:
        assert rater["capped_by"] == [] and 0 < rater["coverage"] <= 1
        assert rater["band"] in ("robust", "effective", "strained", "fragile", "insufficient")
    alpha = record["alpha"]
    assert list(alpha) == [
        "value", "low", "high", "reading", "indicators", "left_out", "ratings", "draws",
    ]  # fmt: skip
    assert alpha["low"] <= alpha["high"] and alpha["draws"] == 500
    assert alpha["ratings"] == 3 * alpha["indicators"]  # every counted indicator by all three
    total = len([i for c in criteria.criteria for i in c.indicators])
    assert alpha["indicators"] + alpha["left_out"] == total
    assert record["not_rated"] == 3 * total - alpha["ratings"]
    for c in [record, *record["criteria"]]:
        value = c["alpha"]["value"]
        expected = "reliable" if value >= 0.8 else "tentative" if value >= 0.667 else "unreliable"
        assert c["alpha"]["reading"] == expected
    assert list(record["criteria"][0]) == [
        "id", "name", "direction", "alpha", "scores", "spread", "consensus",
    ]  # fmt: skip
    assert [(c["name"], c["direction"]) for c in record["criteria"]] == [
        (c.name, c.direction) for c in criteria.criteria
    ]
    found = record["disagreements"][0]
    assert list(found) == [
        "criterion", "indicator", "name", "spread", "score_at_lowest", "score_at_highest",
        "points", "ratings",
    ]  # fmt: skip
    indicator = next(
        (c, i) for c in criteria.criteria for i in c.indicators if i.id == found["indicator"]
    )
    assert (found["criterion"], found["name"]) == (indicator[0].id, indicator[1].name)
    assert list(found["ratings"][0]) == ["rater", "level", "confidence", "evidence", "sources"]
    raters = [load_profile(path, criteria) for path in AGREEMENT]
    for rating, profile in zip(found["ratings"], raters, strict=True):
        own = profile.rated[found["indicator"]]
        assert rating["confidence"] == own.confidence
        assert len(rating["sources"]) == len(own.sources) and all(rating["sources"])
    consensus = record["consensus"]
    assert list(consensus) == ["score", "band", "capped_by", "coverage", "levels"]
    assert consensus["band"] == "strained" and consensus["capped_by"] == []
    assert 0 < consensus["coverage"] <= 1
