"""What the agree report says, in every format: each rater's scores, the spread, the consensus
and the disagreements, worked by hand; alpha as the analysis computed it (test_agreement checks
the value itself against the krippendorff package).

Criteria: x (benefit) and y (risk), one weight each, two equal indicators each. Levels
(xi, xj, yi, yj), all of medium confidence:
  a (4, 4, 2, 2): x 100, y exposure 50 (utility 1/2), overall 100 (1 + 1/2) / 2 = 75
  b (4, 3, 2, 1): x 87.5, y 37.5 (utility 5/8), overall 100 (7/8 + 5/8) / 2 = 75
  c (2, 4, 2, 2): x 75, y 50, overall 100 (3/4 + 1/2) / 2 = 62.5
Spread 12.5 overall, 25 on x, 12.5 on y. The consensus takes the lower median of each
indicator's levels, (4, 4, 2, 2), and scores 75. Only xi is 2 levels apart: at level 2 the
consensus would score 100 (3/4 + 1/2) / 2 = 62.5, at 4 it scores 75.
"""

from __future__ import annotations

import json
import re

import pytest

from allyeval.analysis.agreement import Agreement, agree
from allyeval.core.errors import UsageError
from allyeval.core.scoring import ProfileScore, score_profile
from allyeval.render import agreement as agreement_render
from test_analysis_content import line_starting, markdown_table, numbers
from test_uncertainty import criteria_set, profile

XY2 = criteria_set(
    [("x", "benefit", 1, [("xi", 1), ("xj", 1)]), ("y", "risk", 1, [("yi", 1), ("yj", 1)])]
)
LEVELS = {"a": (4, 4, 2, 2), "b": (4, 3, 2, 1), "c": (2, 4, 2, 2)}


@pytest.fixture(scope="module")
def agreement() -> Agreement:
    results = [
        score_profile(
            profile(
                {k: (v, "medium") for k, v in zip(("xi", "xj", "yi", "yj"), levels, strict=True)}
            ),
            XY2,
        )
        for levels in LEVELS.values()
    ]
    return agree(results, paths=[f"{name}.yaml" for name in LEVELS], samples=200)


def _render(result: Agreement, fmt: str) -> str:
    return agreement_render.render(
        result, fmt, color=False, width=100, criteria_set=XY2, method="arithmetic",
        seed=result.seed, samples=result.samples,
    )  # fmt: skip


def test_agreement_json(agreement: Agreement) -> None:
    record = json.loads(_render(agreement, "json"))
    assert [(r["rater"], r["score"]) for r in record["raters"]] == [
        ("a", 75.0),
        ("b", 75.0),
        ("c", 62.5),
    ]
    assert record["score_spread"] == 12.5
    x, y = record["criteria"]
    assert [s["score"] for s in x["scores"]] == [100.0, 87.5, 75.0]
    assert [s["score"] for s in y["scores"]] == [50.0, 37.5, 50.0]
    assert (x["spread"], x["consensus"], y["spread"], y["consensus"]) == (25.0, 100.0, 12.5, 50.0)
    assert record["alpha"]["value"] == round(agreement.alpha.value or 0.0, 4)
    assert record["alpha"]["indicators"] == 4 and record["alpha"]["ratings"] == 12
    (disagreement,) = record["disagreements"]
    assert disagreement["indicator"] == "xi" and disagreement["spread"] == 2
    assert (disagreement["score_at_lowest"], disagreement["score_at_highest"]) == (62.5, 75.0)
    assert disagreement["points"] == 12.5
    assert [(r["rater"], r["level"]) for r in disagreement["ratings"]] == [
        ("a", 4),
        ("b", 4),
        ("c", 2),
    ]
    assert record["consensus"]["score"] == 75.0
    assert record["consensus"]["levels"] == {"xi": 4, "xj": 4, "yi": 2, "yj": 2}


def test_agreement_markdown(agreement: Agreement) -> None:
    text = _render(agreement, "markdown")
    scores = {r[0]: [float(v) for v in r[1:]] for r in markdown_table(text, "| a | b | c")}
    assert scores == {
        "Overall": [75.0, 75.0, 62.5, 75.0, 12.5],
        "Criterion x": [100.0, 87.5, 75.0, 100.0, 25.0],
        "Criterion y (risk)": [50.0, 37.5, 50.0, 50.0, 12.5],
    }
    alphas = {r[0]: r[1] for r in markdown_table(text, "| Alpha")}
    assert alphas["All indicators"] == f"{agreement.alpha.value:.3f}"
    heading = next(line for line in text.splitlines() if "Indicator xi" in line)
    assert "levels 2 to 4" in heading and "12.5 points" in heading
    assert heading.index("62.5 at level 2") < heading.index("75.0 at level 4")
    raters = [(r[0], int(r[1])) for r in markdown_table(text, "Rater | Level")]
    assert raters == [("a", 4), ("b", 4), ("c", 2)]


def test_agreement_table(agreement: Agreement) -> None:
    text = _render(agreement, "table")
    assert numbers(line_starting(text, "Overall ")) == [75.0, 75.0, 62.5, 75.0, 12.5]
    assert numbers(line_starting(text, "Criterion x ")) == pytest.approx(
        [(agreement.criteria[0].alpha.value or 0.0), -0.25, -0.233, 2, 0], abs=5e-4
    )
    side_by_side = text[text.index("Scores side by side") :]
    assert numbers(line_starting(side_by_side, "Criterion x ")) == [100.0, 87.5, 75.0, 100.0, 25.0]
    assert numbers(line_starting(side_by_side, "Criterion y (risk) ")) == [
        50.0, 37.5, 50.0, 50.0, 12.5,
    ]  # fmt: skip
    assert "levels 2 to 4" in line_starting(text, "Indicator xi")
    disagreements = text[text.index("Where they disagree") :]
    ratings = [re.split(r"\s+", line_starting(disagreements, f"{r} ").strip())[:2] for r in "abc"]
    assert ratings == [["a", "4"], ["b", "4"], ["c", "2"]]


def _rated(levels: tuple[int | None, ...]) -> ProfileScore:
    keys = ("xi", "xj", "yi", "yj")
    ratings = {k: (v, "medium") for k, v in zip(keys, levels, strict=True) if v is not None}
    return score_profile(profile(ratings), XY2)


def test_a_rater_who_did_not_rate_and_an_undefined_alpha() -> None:
    # xi: a 4, b 2, c not rated (2 apart); every rater gives y the same levels: y's alpha is
    # undefined (nothing varies), 5 ratings of y (yj by two raters), 2 of the 12 not given.
    result = agree(
        [_rated((4, 4, 2, 2)), _rated((2, 4, 2, None)), _rated((None, 4, 2, 2))],
        paths=["a.yaml", "b.yaml", "c.yaml"],
        samples=200,
    )
    text = _render(result, "markdown")
    assert "2 of 12 ratings not given (pending, n/a or absent)" in text
    alphas = {r[0]: r[1:] for r in markdown_table(text, "| Alpha")}
    assert alphas["Criterion y"] == ["–", "–", "undefined", "2", "0"]
    ratings = [tuple(r) for r in markdown_table(text, "Rater | Level")]
    assert ratings == [
        ("a", "4", "medium", "evidence xi"),
        ("b", "2", "medium", "evidence xi"),
        ("c", "–", "–", "not rated"),
    ]
    table = _render(result, "table")
    assert line_starting(table, "c ").split() == ["c", "–", "–", "not", "rated"]
    record = json.loads(_render(result, "json"))
    assert record["not_rated"] == 2
    assert record["criteria"][1]["alpha"] == {
        "value": None, "low": None, "high": None, "reading": "undefined", "indicators": 2,
        "left_out": 0, "ratings": 5, "draws": record["criteria"][1]["alpha"]["draws"],
    }  # fmt: skip
    (found,) = record["disagreements"]
    assert found["ratings"][2] == {
        "rater": "c", "level": None, "confidence": None, "evidence": None, "sources": [],
    }  # fmt: skip
    assert found["ratings"][0]["sources"] == []


def test_no_disagreement(monkeypatch: pytest.MonkeyPatch) -> None:
    result = agree([_rated((4, 4, 2, 2)), _rated((3, 4, 2, 1))], samples=200)
    none = "No indicator's levels are 2 or more apart."
    lines = _render(result, "markdown").splitlines()
    k = lines.index(none)
    assert lines[0].startswith("## Agreement: Partnership test-pact (test-pact)")
    assert lines[k - 2 : k + 3] == [
        "### Where they disagree (levels 2 or more apart)", "", none, "",
        "Consensus: the lower median of the raters' levels (the lower of the two middle levels "
        "on a tie); confidence the raters' median, at most medium for a spread of 1 level and "
        "low for 2 or more.",
    ]  # fmt: skip
    assert none in _render(result, "table").splitlines()
    assert json.loads(_render(result, "json"))["disagreements"] == []
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COLORTERM", raising=False)
    same = agree([_rated((4, 4, 2, 2)), _rated((4, 4, 2, 2))], samples=200)
    coloured = agreement_render.render(
        same, "table", color=True, width=100, criteria_set=XY2, method="arithmetic",
        seed=0, samples=200,
    )  # fmt: skip
    assert "\x1b[32mreliable \x1b[0m" in coloured  # padded to the column
    assert "\x1b[2mundefined\x1b[0m" in coloured
    assert f"\x1b[2m{none}\x1b[0m" in coloured


def test_the_partnership_is_named_as_the_first_file_names_it() -> None:
    # The raters of one partnership (one id, one as_of) may spell its name differently; the
    # report, like the consensus profile, takes it from the first file, in every format.
    first, second = _rated((4, 4, 2, 2)), _rated((3, 4, 2, 1))
    renamed = second.profile.model_copy(update={"name": "Second spelling"})
    result = agree([first, score_profile(renamed, XY2)], paths=["a.yaml", "b.yaml"], samples=200)
    record = json.loads(_render(result, "json"))
    assert (record["id"], record["name"], record["as_of"]) == (
        "test-pact", "Partnership test-pact", "2024-01-01",
    )  # fmt: skip
    title = "Agreement: Partnership test-pact (test-pact), as of 2024-01-01"
    assert _render(result, "markdown").startswith(f"## {title}")
    assert title in _render(result, "table")
    assert "Second spelling" not in _render(result, "json") + _render(result, "markdown")


def test_the_disagreement_table_fills_the_width() -> None:
    # A short evidence text: the table still spans the width, the evidence column taking the
    # rest; level right-aligned, the rest left.
    result = agree([_rated((4, 4, 2, 2)), _rated((2, 4, 2, 2))], paths=["a", "b"], samples=50)
    for width in (100, 70):
        text = agreement_render.render(
            result, "table", color=False, width=width, criteria_set=XY2, method="arithmetic",
            seed=0, samples=50,
        )  # fmt: skip
        lines = text.splitlines()
        k = lines.index(" Rater   Level   Confidence   Evidence".ljust(width))
        assert lines[k + 1 : k + 4] == [
            "─" * width,
            " a           4   medium       evidence xi".ljust(width),
            " b           2   medium       evidence xi".ljust(width),
        ]


def test_a_long_rater_name_folds_and_leaves_the_level_and_evidence() -> None:
    # It used to push the level and the evidence out of a 60-column terminal, cut to "…".
    name = "Joint Assessment Staff, Regional Desk, second reading"
    second = _rated((2, 4, 2, 2)).profile.model_copy(update={"rated_by": name})
    result = agree([_rated((4, 4, 2, 2)), score_profile(second, XY2)], paths=["a", "b"], samples=50)
    text = agreement_render.render(
        result, "table", color=False, width=60, criteria_set=XY2, method="arithmetic",
        seed=0, samples=50,
    )  # fmt: skip
    lines = text.splitlines()
    k = lines.index(" Rater                  Level   Confidence   Evidence       ")
    assert [line.rstrip() for line in lines[k + 2 : k + 6]] == [
        " a                          4   medium       evidence xi",
        " Joint Assessment           2   medium       evidence xi",
        " Staff, Regional",
        " Desk, second reading",
    ]
    # one word longer than the column folds, whole
    second = second.model_copy(update={"rated_by": "Joint_Assessment_Staff_Desk_2"})
    result = agree([_rated((4, 4, 2, 2)), score_profile(second, XY2)], paths=["a", "b"], samples=50)
    text = agreement_render.render(
        result, "table", color=False, width=60, criteria_set=XY2, method="arithmetic",
        seed=0, samples=50,
    )  # fmt: skip
    lines = text[text.index("Where they disagree") :].splitlines()
    assert [line.rstrip() for line in lines if "Joint" in line or "Desk_2" in line] == [
        " Joint_Assessment_Sta       2   medium       evidence xi",
        " ff_Desk_2",
    ]


LONG = "interoperability_of_command_and_control_systems_across_every_member"
LONG_CRITERIA = criteria_set([(LONG, "benefit", 1, [("xi", 1), ("xj", 1)])])


def _long_name_table(width: int) -> list[str]:
    rated = [
        score_profile(profile({"xi": (a, "medium"), "xj": (b, "medium")}), LONG_CRITERIA)
        for a, b in ((4, 3), (2, 3), (3, 1))
    ]
    result = agree(rated, paths=["a", "b", "c"], samples=50)
    text = agreement_render.render(
        result, "table", color=False, width=width, criteria_set=LONG_CRITERIA,
        method="arithmetic", seed=0, samples=50,
    )  # fmt: skip
    return [line.rstrip() for line in text.splitlines()]


def test_a_long_criterion_name_folds_whole_and_the_numbers_stay_on_one_line() -> None:
    lines = _long_name_table(80)
    k = lines.index("Agreement by criterion")
    assert lines[k + 1 : k + 11] == [
        "                   Alpha       95% interval   Reading      Indicators   Left out",
        "─" * 80,
        "All indicators    -0.129   -0.250 to -0.129   unreliable            2          0",
        "",
        "Criterion         -0.129   -0.250 to -0.129   unreliable            2          0",
        "interoperabilit",
        "y_of_command_an",
        "d_control_syste",
        "ms_across_every",
        "_member",
    ]
    k = lines.index("Scores side by side")
    assert lines[k + 1 : k + 8] == [
        "                                            a      b      c   Consensus   Spread",
        "─" * 80,
        "Overall                                  87.5   62.5   50.0        75.0     37.5",
        "",
        "Criterion                                87.5   62.5   50.0        75.0     37.5",
        "interoperability_of_command_and_contro",
        "l_systems_across_every_member",
    ]
    # below 80 columns each row's numbers go under its name, right-aligned but the reading
    lines = _long_name_table(60)
    k = lines.index("Agreement by criterion")
    assert lines[k + 1 : k + 7] == [
        "   Alpha      95% interval  Reading     Indicators  Left out",
        "All indicators",
        "  -0.129  -0.250 to -0.129  unreliable           2         0",
        "Criterion",
        "interoperability_of_command_and_control_systems_across_every",
        "_member",
    ]


def test_the_json_provenance_and_a_format_agree_has_not() -> None:
    result = agree([_rated((4, 4, 2, 2)), _rated((2, 4, 2, 2))], paths=["a", "b"], samples=50)
    origin = json.loads(_render(result, "json"))["provenance"]
    assert (origin["criteria"]["name"], origin["method"], origin["seed"], origin["samples"]) == (
        "tiny", "arithmetic", 0, 50,
    )  # fmt: skip
    with pytest.raises(UsageError) as caught:
        _render(result, "csv")
    assert str(caught.value) == "agree has no --format csv; choose one of table, json, markdown"
