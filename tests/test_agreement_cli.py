"""``allyeval agree`` through the command line (CliRunner)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from allyeval.cli.app import app
from conftest import EXAMPLES

runner = CliRunner()
ANALYSTS = sorted(str(p) for p in (EXAMPLES / "agreement").glob("*.yaml"))
FAST = ["--samples", "500"]


def test_the_table_shows_alpha_disagreements_and_scores() -> None:
    result = runner.invoke(app, ["agree", *ANALYSTS, *FAST])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Krippendorff's alpha (ordinal): 0.587, 95% interval" in out
    assert "(unreliable)" in out
    assert "Over 19 indicators rated by at least two raters (57 ratings); 10 left out" in out
    assert "30 of 87 ratings not given" in out
    disagreements = out[out.index("Where they disagree") :]
    order = [disagreements.index(name) for name in (
        "Resilience and durability", "Joint exercises", "Political and strategic divergence",
    )]  # fmt: skip
    assert order == sorted(order)
    assert "levels 0 to 3, 3 apart" in disagreements
    scores = out[out.index("Scores side by side") : out.index("Where they disagree")]
    assert "Analyst A" in scores and "Consensus" in scores and "Spread" in scores
    assert " 49.3 " in scores and " 54.7 " in scores and " 39.9 " in scores and " 14.8" in scores
    assert result.stderr == ""


def test_json_is_deterministic_and_complete() -> None:
    first = runner.invoke(app, ["agree", *ANALYSTS, *FAST, "-f", "json", "--seed", "3"])
    again = runner.invoke(app, ["agree", *ANALYSTS, *FAST, "-f", "json", "--seed", "3"])
    assert first.exit_code == 0, first.stderr
    assert first.stdout == again.stdout
    record = json.loads(first.stdout)
    assert record["alpha"]["value"] == 0.5865
    assert record["alpha"]["reading"] == "unreliable"
    assert (record["alpha"]["indicators"], record["alpha"]["left_out"]) == (19, 10)
    assert record["provenance"]["seed"] == 3 and record["samples"] == 500
    assert [r["rater"] for r in record["raters"]] == ["Analyst A", "Analyst B", "Analyst C"]
    first_disagreement = record["disagreements"][0]
    assert first_disagreement["indicator"] == "resilience"
    assert [r["level"] for r in first_disagreement["ratings"]] == [2, 3, 0]
    assert record["consensus"]["levels"]["resilience"] == 2
    other = runner.invoke(app, ["agree", *ANALYSTS, *FAST, "-f", "json", "--seed", "4"])
    assert json.loads(other.stdout)["alpha"]["low"] != record["alpha"]["low"]


def test_markdown_and_html() -> None:
    markdown = runner.invoke(app, ["agree", *ANALYSTS, *FAST, "-f", "markdown"])
    assert markdown.exit_code == 0, markdown.stderr
    assert "### Where they disagree (levels 2 or more apart)" in markdown.stdout
    assert "| Analyst C | 0 | medium | The first Quad collapsed" in markdown.stdout
    html = runner.invoke(app, ["agree", *ANALYSTS, *FAST, "-f", "html"])
    assert html.exit_code == 0, html.stderr
    assert html.stdout.startswith("<!DOCTYPE html>") and "Scores by rater" in html.stdout
    body = html.stdout.split("<body")[1]
    assert set(re.findall(r"https?://[^\s\"<]+", body)) == {"http://www.w3.org/2000/svg"}


def test_consensus_is_a_valid_profile_that_scores(tmp_path: Path) -> None:
    target = tmp_path / "q.yaml"
    result = runner.invoke(app, ["agree", *ANALYSTS, *FAST, "--consensus", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Consensus profile written by `allyeval agree --consensus`")
    assert "rated_by: consensus of Analyst A, Analyst B, Analyst C" in text
    assert "agreement_alpha: 0.5865" in text
    valid = runner.invoke(app, ["validate", str(target)])
    assert valid.exit_code == 0, valid.stderr
    assert valid.stdout == f"{target}: ok (19 of 29 indicators rated, 7 n/a)\n"
    scored = runner.invoke(app, ["score", str(target), "-f", "json"])
    assert json.loads(scored.stdout)[0]["score"] == 49.32


def test_fail_under_alpha() -> None:
    below = runner.invoke(app, ["agree", *ANALYSTS, *FAST, "--fail-under-alpha", "0.8"])
    assert below.exit_code == 1
    assert below.stderr == "allyeval: alpha 0.5865 is below --fail-under-alpha 0.8\n"
    assert "Krippendorff's alpha" in below.stdout
    above = runner.invoke(app, ["agree", *ANALYSTS, *FAST, "--fail-under-alpha", "0.5"])
    assert above.exit_code == 0 and above.stderr == ""
    bad = runner.invoke(app, ["agree", *ANALYSTS, "--fail-under-alpha", "2"])
    assert bad.exit_code == 2
    assert bad.stderr == "allyeval: error: --fail-under-alpha must be from -1 to 1, got 2\n"


def test_undefined_alpha_fails_the_threshold(write: Callable[[str, str], Path]) -> None:
    text = (EXAMPLES / "quad.yaml").read_text(encoding="utf-8")
    one, two = write("one.yaml", text), write("two.yaml", text)
    # Same levels everywhere would still vary across indicators: use the same file twice,
    # but only one rated indicator, so that no level varies.
    lines = text.split("ratings:")[0] + "ratings:\n  trust:\n    level: 2\n    confidence: low\n"
    lines += "    evidence: Some.\n"
    one.write_text(lines, encoding="utf-8")
    two.write_text(lines, encoding="utf-8")
    result = runner.invoke(app, ["agree", str(one), str(two), *FAST, "--fail-under-alpha", "0"])
    assert result.exit_code == 1
    assert "alpha is undefined, so it does not meet --fail-under-alpha 0" in result.stderr
    assert "Krippendorff's alpha (ordinal): –" in result.stdout


def test_errors_name_the_mismatch(write: Callable[[str, str], Path]) -> None:
    other = runner.invoke(app, ["agree", ANALYSTS[0], str(EXAMPLES / "aukus.yaml")])
    assert other.exit_code == 2
    assert other.stderr == (
        f"{EXAMPLES / 'aukus.yaml'}: error: id 'aukus' differs from 'quad' in {ANALYSTS[0]}; "
        "agree compares raters of one partnership\n"
    )
    assert other.stdout == ""
    text = (EXAMPLES / "agreement" / "analyst-b.yaml").read_text(encoding="utf-8")
    later = write("later.yaml", text.replace("as_of: 2024-12-31", "as_of: 2025-03-31"))
    dated = runner.invoke(app, ["agree", ANALYSTS[0], str(later)])
    assert dated.exit_code == 2
    assert dated.stderr.startswith(f"{later}: error: as_of 2025-03-31 differs from 2024-12-31")
    same = write("same.yaml", text)
    twice = runner.invoke(app, ["agree", ANALYSTS[1], str(same)])
    assert twice.exit_code == 2
    assert f"rater 'Analyst B' also rated {ANALYSTS[1]}" in twice.stderr
    one = runner.invoke(app, ["agree", ANALYSTS[0]])
    assert one.stderr == "allyeval: error: agree needs at least 2 profiles, got 1\n"


def test_usage_errors() -> None:
    csv = runner.invoke(app, ["agree", *ANALYSTS, "-f", "csv"])
    assert csv.exit_code == 2
    assert csv.stderr.startswith("allyeval: error: agree has no --format csv; choose one of")
    both = runner.invoke(app, ["agree", *ANALYSTS, "--consensus", "-f", "json"])
    assert both.exit_code == 2
    assert both.stderr == (
        "allyeval: error: --consensus writes a profile (YAML); it takes no --format json\n"
    )


def test_user_text_is_never_markup(write: Callable[[str, str], Path]) -> None:
    text = (EXAMPLES / "agreement" / "analyst-c.yaml").read_text(encoding="utf-8")
    text = text.replace("rated_by: Analyst C", 'rated_by: "[bold red]C[/]"')
    marked = write("c.yaml", text.replace("The first Quad collapsed", "[red]The[/red] first"))
    result = runner.invoke(app, ["agree", ANALYSTS[0], str(marked), *FAST])
    assert result.exit_code == 0, result.stderr
    assert "[bold red]C[/]" in result.stdout
    assert "[red]The[/red] first" in result.stdout
    markdown = runner.invoke(app, ["agree", ANALYSTS[0], str(marked), *FAST, "-f", "markdown"])
    # Markdown shows the brackets too: escaped, so no text can become a link.
    assert "| \\[bold red\\]C\\[/\\] | 0 | medium | \\[red\\]The\\[/red\\] first when" in (
        markdown.stdout
    )
