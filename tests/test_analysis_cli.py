"""compare, robustness, trend and import atop through the command line (CliRunner)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from allyeval.cli.app import app
from conftest import EXAMPLES, FIXTURES

runner = CliRunner()
JAPAN, AUKUS, QUAD = (str(EXAMPLES / f"{n}.yaml") for n in ("us-japan", "aukus", "quad"))
SERIES = sorted(str(p) for p in (EXAMPLES / "nato-series").glob("*.yaml"))


def test_compare_json_through_the_cli() -> None:
    result = runner.invoke(app, ["compare", JAPAN, AUKUS, "-f", "json", "--samples", "2000"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["provenance"]["seed"] == 0
    assert record["provenance"]["samples"] == 2000
    again = runner.invoke(app, ["compare", AUKUS, JAPAN, "-f", "json", "--samples", "2000"])
    assert json.loads(again.stdout)["outranking"] != []


def test_compare_terminal_view_has_the_criteria_chart() -> None:
    result = runner.invoke(app, ["compare", JAPAN, AUKUS, QUAD, "--samples", "500"])
    assert result.exit_code == 0
    out = result.stdout
    assert "Criteria side by side" in out
    chart = out[out.index("Criteria side by side") : out.index("Indicators")]
    assert chart.count("█") > 20 and chart.count("us-japan") == 6


def test_compare_html_is_a_self_contained_document(tmp_path: Path) -> None:
    target = tmp_path / "c.html"
    result = runner.invoke(app, ["compare", JAPAN, AUKUS, "-f", "html", "-o", str(target),
                                 "--samples", "500"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Criteria side by side" in html
    assert set(re.findall(r"https?://[^\s\"<]+", html)) == {"http://www.w3.org/2000/svg"}


def test_compare_needs_two_profiles_and_refuses_unknown_formats() -> None:
    one = runner.invoke(app, ["compare", JAPAN])
    assert one.exit_code == 2
    assert one.stderr == "allyeval: error: compare needs at least 2 profiles, got 1\n"
    jsonl = runner.invoke(app, ["compare", JAPAN, AUKUS, "-f", "jsonl"])
    assert jsonl.exit_code == 2
    assert "compare has no --format jsonl" in jsonl.stderr


def test_robustness_through_the_cli() -> None:
    result = runner.invoke(app, ["robustness", JAPAN, AUKUS, QUAD, "--samples", "1000",
                                 "-f", "json"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["provenance"]["samples"] == 1000
    bad = runner.invoke(app, ["robustness", JAPAN, AUKUS, "--spread", "1.5"])
    assert bad.exit_code == 2
    assert bad.stderr == "allyeval: error: --spread must be at least 0 and below 1, got 1.5\n"


def test_trend_through_the_cli() -> None:
    result = runner.invoke(app, ["trend", *SERIES, str(EXAMPLES / "nato.yaml"), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,name,path,as_of,score,band,capped_by,coverage,change,")
    assert [line.split(",")[0] for line in lines[1:]] == ["nato"] * 4
    mixed = runner.invoke(app, ["trend", JAPAN, AUKUS])
    assert mixed.exit_code == 2
    assert "us-japan" in mixed.stderr and "aukus" in mixed.stderr


def test_import_atop_through_the_cli(tmp_path: Path) -> None:
    atop = FIXTURES / "atop"
    out = tmp_path / "atop"
    result = runner.invoke(app, ["import", "atop", str(atop / "alliances.csv"),
                                 "--members", str(atop / "members.csv"),
                                 "--states", str(atop / "states.csv"), "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in out.glob("*.yaml"))
    assert "atop-3180.yaml" in written
    scored = runner.invoke(app, ["score", *(str(out / n) for n in written), "-f", "csv"])
    assert scored.exit_code == 0, scored.stderr
    again = runner.invoke(app, ["import", "atop", str(atop / "alliances.csv"), "-o", str(out)])
    assert again.exit_code == 2
    assert "use --force" in again.stderr


def test_python_api_compare() -> None:
    import allyeval

    criteria = allyeval.load_criteria()
    results = [allyeval.score(allyeval.load_profile(p, criteria), criteria) for p in (JAPAN, AUKUS)]
    comparison = allyeval.compare(results, samples=500)
    assert comparison.contenders[comparison.leader].result.profile.id == "us-japan"
