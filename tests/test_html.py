"""The HTML report and the SVG charts: a self-contained, escaped, well-formed document."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allyeval.cli.app import app
from allyeval.render import charts
from allyeval.render.views import BandMark, Bar, source
from conftest import EXAMPLES, MINIMAL_PROFILE

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"
NATO, QUAD, JAPAN, AUKUS = (
    str(EXAMPLES / f"{n}.yaml") for n in ("nato", "quad", "us-japan", "aukus")
)
AGREE = sorted(str(p) for p in (EXAMPLES / "agreement").glob("*.yaml"))
SERIES = [*sorted(str(p) for p in (EXAMPLES / "nato-series").glob("*.yaml")), NATO]
KINDS = {
    "score": ["score", NATO, QUAD],
    "score-one": ["score", NATO],
    "compare": ["compare", JAPAN, AUKUS, QUAD],
    "robustness": ["robustness", JAPAN, AUKUS, QUAD, "--samples", "500"],
    "trend": ["trend", *SERIES],
    "agree": ["agree", *AGREE],
}
HEADINGS = {
    "score": ["Overview", "North Atlantic Treaty Organization (NATO)", "Criteria", "Findings",
              "Indicators"],
    "score-one": ["North Atlantic Treaty Organization (NATO)", "Criteria", "Indicators"],
    "compare": ["Who leads, and how surely", "Criteria side by side", "What explains the gaps"],
    "robustness": ["Rank acceptability", "Leaving out one criterion", "Effective weights"],
    "trend": ["Overall score over time", "Largest changes", "Criteria over time"],
    "agree": ["Agreement by criterion", "Scores by rater", "Where they disagree"],
}  # fmt: skip


def _run(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _svgs(html: str) -> list[ET.Element]:
    """Every inline chart, parsed as XML (so each one is well-formed)."""
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_self_contained_document(kind: str) -> None:
    html = _run([*KINDS[kind], "-f", "html"])
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert re.search(r"<title>[^<]+</title>", html)
    for heading in HEADINGS[kind]:
        assert re.search(rf"<h[23][^>]*>{re.escape(heading)}[ <]", html), heading
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "url(" not in html and " src=" not in html and "<pre" not in html
    assert "<table>" in html and '<th scope="col"' in html
    charts_in_page = _svgs(html)
    assert charts_in_page and all(svg.get("role") == "img" for svg in charts_in_page)
    assert all(svg.find(f"{SVG}title") is not None for svg in charts_in_page)


def test_the_policy_allows_exactly_the_page_style() -> None:
    html = _run(["score", NATO, "-f", "html"])
    (policy,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    (style,) = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    assert policy == (
        f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
    assert " style=" not in html  # inline style attributes would need 'unsafe-inline'
    assert "@page { size: A4" in style and ".profile { break-before: page; }" in style
    assert "tr, figure, li, dl.summary { break-inside: avoid; }" in style


def test_profile_text_is_escaped_everywhere(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    text = MINIMAL_PROFILE.replace("name: Test Pact", f"name: '{HOSTILE}'")
    text = text.replace("Annual combined exercises.", "'\"><img src=x onerror=alert(2)>'")
    text = text.replace(
        "sources: [Exercise fact sheet]",
        "sources: ['javascript:alert(3)', 'https://example.org/a?b=1&c=2']",
    )
    hostile.write_text(text, encoding="utf-8")
    other = str(EXAMPLES / "quad.yaml")
    for fmt in ("html", "svg"):
        out = _run(["score", str(hostile), other, "-f", fmt])
        assert "<script" not in out and "<img" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    html = _run(["score", str(hostile), "-f", "html"])
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert 'href="javascript' not in html
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noreferrer noopener">' in html
    assert re.findall(r'href="([^"]*)"', html) == ["https://example.org/a?b=1&amp;c=2"]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("https://example.org/report", "https://example.org/report"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("file:///etc/passwd", None),
        ("https://", None),
        ("NATO communiqué https://example.org", None),
        ("Madrid Summit Declaration (29 June 2022)", None),
    ],
)
def test_only_http_addresses_become_links(text: str, url: str | None) -> None:
    assert source(text).url == url


@pytest.mark.parametrize("kind", KINDS)
def test_svg_is_the_chart_alone(kind: str) -> None:
    out = _run([*KINDS[kind], "-f", "svg"])
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.tag == f"{SVG}svg"
    assert float(root.get("width", 0)) > 100 and float(root.get("height", 0)) > 50
    assert root.find(f"{SVG}title") is not None
    assert "<html" not in out and "<table" not in out


def test_html_is_deterministic() -> None:
    args = ["compare", JAPAN, AUKUS, "-f", "html"]
    assert runner.invoke(app, args).stdout_bytes == runner.invoke(app, args).stdout_bytes


def test_score_bars_hand_checked() -> None:
    svg = ET.fromstring(
        charts.score_bars(
            [Bar("Alpha", 50.0, 40.0, 60.0), Bar("Beta", None), Bar("Overall", 25.0, strong=True)],
            [BandMark("high", 75), BandMark("low", 0)],
            "Test chart",
        )
    )
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts[:7] == ["Alpha", "50.0", "(40.0–60.0)", "Beta", "not rated", "Overall", "25.0"]
    assert {"high", "low", "0", "75", "100"} <= set(texts)
    bars = list(svg.iter(f"{SVG}rect"))
    left = float(bars[0].get("x", 0))
    # a 0-100 scale over 420 units: 50 is 210 wide, 25 is 105
    assert [float(r.get("width", 0)) for r in bars] == [210.0, 105.0]
    whisker = next(svg.iter(f"{SVG}line"))
    assert float(whisker.get("x1", 0)) - left == pytest.approx(168.0)
    assert float(whisker.get("x2", 0)) - left == pytest.approx(252.0)


def test_jinja_is_imported_only_for_html() -> None:
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom allyeval.cli.app import app\n"
        f"r = CliRunner().invoke(app, ['score', {NATO!r}, '-f', 'json'])\n"
        "assert r.exit_code == 0\nprint('jinja2' in sys.modules)\n"
        f"r = CliRunner().invoke(app, ['score', {NATO!r}, '-f', 'html'])\n"
        "print('jinja2' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_a_batch_of_two_criteria_models() -> None:
    treaty = str(EXAMPLES / "treaty-design" / "nato-1949.yaml")
    html = _run(["score", NATO, QUAD, treaty, "-f", "html"])
    assert "rated against 2 different criteria models" in html
    assert "<h3>Ranking: allyeval-default</h3>" in html
    assert html.count('<p class="provenance">') == 2
    assert "allyeval-default 2.0" in html and "treaty-design 1.0" in html
    assert ">institutionalised<" in html  # the treaty profile's chart has its own bands
    result = runner.invoke(app, ["score", NATO, treaty, "-f", "svg"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "allyeval: error: --format svg draws one chart, and these profiles are rated against 2 "
        "different criteria models; score each model's profiles separately, or use --format html\n"
    )


def test_rating_states_sources_and_comparability_reach_the_html() -> None:
    # NATO 1989 rates cyber defence n/a and cites numbered sources; with the Triple Entente
    # (1914) beside it, the ranking spans more than 25 years and says so.
    html = _run(
        ["score", str(EXAMPLES / "nato-series" / "nato-1989.yaml"),
         str(EXAMPLES / "triple-entente.yaml"), "-f", "html"]
    )  # fmt: skip
    assert '<td class="num">n/a</td>' in html
    assert '<ol class="bibliography">' in html and '<li value="1">' in html
    assert re.search(r'<span class="sources">\[\d+(, \d+)*\]</span>', html)
    assert "years apart" in html or "differ in kind" in html


def test_an_insufficient_profile_is_provisional_in_the_html() -> None:
    draft = str(Path(__file__).parent / "fixtures" / "atop" / "expected" / "atop-3180.yaml")
    html = _run(["score", draft, "-f", "html"])
    assert "insufficient evidence (score provisional)" in html
    assert "Insufficient evidence: the rated indicators cover" in html
    assert '<span class="note">insufficient</span>' in html
