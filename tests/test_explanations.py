"""The explanations a report gives: what-ifs (--set), the next bands, ties in the ranking,
compare's gap by criterion and trend's changes in overall points."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allyeval.cli.app import app

EXAMPLES = Path(__file__).parent.parent / "examples"
AUKUS = EXAMPLES / "aukus.yaml"
QUAD = EXAMPLES / "quad.yaml"
runner = CliRunner()


def _ok(*args: str) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_set_scores_a_what_if_and_leaves_the_file_alone(tmp_path: Path) -> None:
    before = AUKUS.read_bytes()
    plain = json.loads(_ok("score", AUKUS, "-f", "json"))[0]
    changed = json.loads(
        _ok(
            "score",
            AUKUS,
            "-f",
            "json",
            "--set",
            "collaborative_missions=3",
            "--set",
            "crisis_response=2",
        )  # fmt: skip
    )[0]
    assert AUKUS.read_bytes() == before
    assert plain["what_if"] is None
    # The same as a copy of the file with those two levels edited.
    text = AUKUS.read_text(encoding="utf-8")
    for key, old, new in [("collaborative_missions", 1, 3), ("crisis_response", 0, 2)]:
        start = text.index(f"  {key}:\n")
        at = text.index(f"level: {old}", start)
        text = text[:at] + f"level: {new}" + text[at + len(f"level: {old}") :]
    edited = tmp_path / "aukus.yaml"
    edited.write_text(text, encoding="utf-8")
    assert json.loads(_ok("score", edited, "-f", "json"))[0]["score"] == changed["score"]
    assert changed["what_if"] == {
        "id": "aukus",
        "overrides": [
            {"indicator": "collaborative_missions", "file_level": 1, "level": 3},
            {"indicator": "crisis_response", "file_level": 0, "level": 2},
        ],
        "score_before": plain["score"],
        "band_before": plain["band"],
        "score_after": changed["score"],
        "band_after": changed["band"],
    }
    table = _ok("score", AUKUS, "--set", "collaborative_missions=3")
    flat = " ".join(table.split())
    # Two levels of collaborative missions at 2.14 points each (see the next band below).
    assert (
        "What-if for this run only (--set; the file is unchanged): Collaborative missions"
        " (collaborative_missions) 1→3. Score 57.2 (strained) before, 61.5 (effective) after,"
        " +4.3 points." in flat
    )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("nonsense", "--set 'nonsense': expected INDICATOR=LEVEL, e.g. joint_exercises=3"),
        (
            "joint=3",
            "--set 'joint=3': allyeval-default has no indicator 'joint'"
            " (allyeval criteria lists them)",
        ),
        ("joint_exercises=5", "--set 'joint_exercises=5': the level must be 0, 1, 2, 3 or 4"),
        ("joint_exercises=n/a", "--set 'joint_exercises=n/a': the level must be 0, 1, 2, 3 or 4"),
    ],
)
@pytest.mark.parametrize("command", ["score", "compare"])
def test_bad_set_is_one_line_and_exit_2(command: str, setting: str, message: str) -> None:
    result = runner.invoke(app, [command, str(AUKUS), str(QUAD), "--set", setting])
    assert result.exit_code == 2
    assert result.stderr == f"allyeval: error: {message}\n"
    assert result.stdout == ""


@pytest.mark.parametrize("output_format", ["csv", "html", "svg"])
def test_set_is_refused_where_the_output_cannot_say_so(output_format: str) -> None:
    result = runner.invoke(app, ["score", str(AUKUS), "-f", output_format, "--set",
                                 "joint_exercises=4"])  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        "allyeval: error: --set shows the score before and after only in table, markdown, json,"
        f" jsonl; not in --format {output_format}\n"
    )


def test_compare_set_shows_before_and_after() -> None:
    record = json.loads(_ok("compare", AUKUS, QUAD, "-f", "json", "--set", "joint_exercises=4"))
    assert [(w["id"], w["score_before"], w["score_after"]) for w in record["what_if"]] == [
        ("aukus", 57.21, 58.63),
        ("quad", 52.1, 54.95),
    ]
    text = _ok("compare", AUKUS, QUAD, "--set", "joint_exercises=4")
    assert text.startswith(
        "What-if for this run only (--set; the files are unchanged): aukus joint_exercises 2→4;"
        " score 57.2 (strained) before, 58.6 (strained) after.\n"
    )
    refused = runner.invoke(app, ["compare", str(AUKUS), str(QUAD), "-f", "csv", "--set",
                                  "joint_exercises=4"])  # fmt: skip
    assert refused.exit_code == 2
    assert refused.stderr == (
        "allyeval: error: --set shows the score before and after only in table, markdown, json;"
        " not in --format csv\n"
    )


def test_next_bands_in_json_and_table() -> None:
    record = json.loads(_ok("score", AUKUS, "-f", "json"))[0]
    up = record["next_bands"]["up"]
    assert (up["band"], up["threshold"], up["distance"]) == ("effective", 60.0, 2.79)
    # Collaborative missions is worth 2.14 points a level: two levels reach 60.
    assert up["steps"] == [
        {"indicator": "collaborative_missions", "from": 1, "to": 2, "points": 2.14},
        {"indicator": "collaborative_missions", "from": 2, "to": 3, "points": 2.14},
    ]
    table = " ".join(_ok("score", AUKUS).split())
    assert (
        "Next band up: effective at 60, 2.8 points away; it would take 2 one-level rating"
        " changes: Collaborative missions 1→3 (+4.3)." in table
    )
    top = json.loads(_ok("score", EXAMPLES / "nato.yaml", "-f", "json"))[0]
    assert "up" not in top["next_bands"] and top["next_bands"]["down"]["band"] == "effective"


def test_a_cap_is_what_it_takes() -> None:
    # US-Israel scores above 60 but strategic_divergence >= 3 caps it at strained.
    record = json.loads(_ok("score", EXAMPLES / "us-israel.yaml", "-f", "json"))[0]
    assert record["band"] == "strained" and record["score"] >= 60
    up = record["next_bands"]["up"]
    assert up["band"] == "effective" and up["distance"] < 0
    assert [(s["indicator"], s["from"], s["to"]) for s in up["steps"]] == [
        ("strategic_divergence", 3, 2)
    ]
    table = " ".join(_ok("score", EXAMPLES / "us-israel.yaml").split())
    assert (
        "Next band up: effective; the score already reaches 60, but a cap holds; it would take"
        " 1 one-level rating change: Political and strategic divergence 3→2 (+1.0)." in table
    )


def test_ranking_shows_intervals_and_ties() -> None:
    text = _ok("score", AUKUS, QUAD, EXAMPLES / "us-israel.yaml")
    ranking = text[text.index("\nRanking") :]
    lines = [" ".join(line.split()) for line in ranking.splitlines()]
    assert any(line.startswith("1 United States-Israel 64.2 58.9–69.1 strained (capped by")
               for line in lines)  # fmt: skip
    # AUKUS over the Quad is below 90%: the Quad is marked tied.
    assert any(line.startswith("2 AUKUS") and "57.2 51.7–63.9" in line for line in lines)
    assert any(line.startswith("≈3 Quadrilateral") and "52.1 45.6–58.4" in line for line in lines)
    assert "≈ tied with the profile above" in " ".join(lines)
    markdown = _ok("score", AUKUS, QUAD, "-f", "markdown")
    assert (
        "| ≈2 | Quadrilateral Security Dialogue (Quad) | 52.1 | strained | 99% | 45.6–58.4 |"
        in (markdown)
    )


def test_markdown_signs_gains_and_losses() -> None:
    markdown = _ok("score", AUKUS, "-f", "markdown")
    assert "- **Collaborative missions** (level 1/4, -6.4 points):" in markdown
    assert "- **Response to emerging threats and domains** (level 4/4, +5.0 points):" in markdown
    assert "- **Collaborative missions** (level 1/4, up to +6.4 points):" in markdown


def test_compare_gap_by_criterion_adds_up() -> None:
    record = json.loads(_ok("compare", *sorted(EXAMPLES.glob("*.yaml")), "-f", "json"))
    for gap in record["gaps"]:
        assert sum(c["points"] for c in gap["criteria"]) == pytest.approx(gap["points"], abs=0.05)
        drivers = sum(d["points"] for d in gap["drivers"])
        assert gap["drivers_share"] == pytest.approx(drivers / gap["points"], abs=0.001)
    text = " ".join(_ok("compare", EXAMPLES / "nato.yaml", AUKUS).split())
    assert "nato ahead of aukus by 28.2 points By criterion: Operational success +13.3," in text
    assert "(together +14.4, 51% of the gap)" in text


def test_trend_changes_are_overall_points() -> None:
    series = sorted((EXAMPLES / "nato-series").glob("*.yaml"))
    record = json.loads(_ok("trend", *series, "-f", "json"))
    for step in record["steps"]:
        total = sum(step["criteria_points"].values())
        assert total == pytest.approx(step["change"], abs=0.05)
    text = " ".join(_ok("trend", *series).split())
    # Exposure rose from 1999 to 2014: fewer points, which is worse; it fell from 1989.
    assert "Challenge exposure -2.4 (exposure up: worse)" in text
    assert "Challenge exposure +0.7 (exposure down: better)" in text
