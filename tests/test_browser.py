"""The HTML report in a real headless Chromium: it loads without a console error or a network
request, its charts are laid out, hostile profile text stays text, and it prints on A4.

Chromium is driven over its DevTools pipe (``chromium.py``, standard library only). Where no
Chromium can be found these tests are skipped with a warning; ``.ci/run`` installs it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allyeval.cli.app import app
from chromium import CHROMIUM, Chromium
from conftest import EXAMPLES, MINIMAL_PROFILE

if CHROMIUM is None:
    message = (
        "CHROMIUM NOT FOUND: the browser tests of the HTML report did NOT run "
        "(install Debian's 'chromium' package)"
    )
    warnings.warn(message, stacklevel=1)
    pytest.skip(message, allow_module_level=True)

runner = CliRunner()
HOSTILE = "<script>alert(1)</script>"
NATO, QUAD, JAPAN, AUKUS = (
    str(EXAMPLES / f"{n}.yaml") for n in ("nato", "quad", "us-japan", "aukus")
)
SERIES = [*sorted(str(p) for p in (EXAMPLES / "nato-series").glob("*.yaml")), NATO]
KINDS = {
    "score": (["score", NATO, QUAD], 4),
    "compare": (["compare", JAPAN, AUKUS, QUAD], 2),
    "robustness": (["robustness", JAPAN, AUKUS, QUAD, "--samples", "500"], 1),
    "trend": (["trend", *SERIES], 2),
    "agree": (["agree", *sorted(str(p) for p in (EXAMPLES / "agreement").glob("*.yaml"))], 1),
}
CHART_SIZES = (
    "Array.from(document.querySelectorAll('svg')).map(s => {"
    " const r = s.getBoundingClientRect(); return [r.width, r.height]; })"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    with Chromium() as chromium:
        yield chromium


def _write(args: list[str], target: Path) -> Path:
    result = runner.invoke(app, [*args, "-f", "html", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    return target


@pytest.mark.parametrize("kind", KINDS)
def test_loads_cleanly_with_visible_charts(kind: str, browser: Chromium, tmp_path: Path) -> None:
    args, charts = KINDS[kind]
    url = _write(args, tmp_path / f"{kind}.html").as_uri()
    page = browser.open(url)
    assert page.console == []
    assert page.requests == [url]
    sizes = browser.evaluate(CHART_SIZES)
    assert len(sizes) == charts
    assert all(width > 200 and height > 40 for width, height in sizes)
    assert browser.evaluate("document.title")
    shot = tmp_path / "shot.png"
    browser.screenshot(shot, height=900)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 30_000  # a blank page is a few KB


def test_a_script_in_a_profile_is_shown_not_run(browser: Chromium, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(MINIMAL_PROFILE.replace("name: Test Pact", f"name: '{HOSTILE}'"),
                       encoding="utf-8")  # fmt: skip
    page = browser.open(_write(["score", str(hostile), QUAD], tmp_path / "h.html").as_uri())
    assert page.dialogs == [] and page.console == []
    assert browser.evaluate("document.scripts.length") == 0
    headings = browser.evaluate(
        "Array.from(document.querySelectorAll('h2')).map(h => h.textContent)"
    )
    assert f"{HOSTILE} (test-pact)" in headings
    assert HOSTILE in browser.evaluate("document.title") or HOSTILE in browser.evaluate(
        "document.body.innerText"
    )


def test_the_policy_blocks_what_a_page_could_load(browser: Chromium, tmp_path: Path) -> None:
    """The Content-Security-Policy is in force: an image added to the page is not fetched."""
    page = _write(["score", NATO], tmp_path / "r.html")
    url = page.as_uri()
    browser.open(url)
    browser.evaluate(
        "new Promise(done => { const i = new Image(); i.onerror = done; i.onload = done;"
        " i.src = 'https://example.org/pixel.png'; document.body.append(i); })"
    )
    blocked = browser.evaluate("document.querySelector('img').complete")
    assert blocked is True
    again = browser.open(url)
    assert again.requests == [url]


def test_prints_on_a4_a_page_per_profile(browser: Chromium, tmp_path: Path) -> None:
    browser.open(_write(["score", NATO, QUAD], tmp_path / "p.html").as_uri())
    rows = "Array.from(document.querySelectorAll('tr')).map(r => getComputedStyle(r).breakInside)"
    pdf = browser.pdf()
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes)
    # the overview, then each profile from the top of a new page
    assert len(boxes) >= 3
    browser.media("print")
    tops = browser.evaluate(
        "Array.from(document.querySelectorAll('section.profile'))"
        ".map(s => getComputedStyle(s).breakBefore)"
    )
    unbroken = browser.evaluate(rows)
    browser.media("screen")
    assert tops == ["page", "page"]
    assert unbroken and set(unbroken) == {"avoid"}
