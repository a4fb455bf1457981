"""The analysis reports (compare, robustness, trend, agree) of the shipped examples in their
document formats (Markdown, CSV, SVG) and in the terminal variants the default snapshots do not
reach (simplex and mixed-method robustness, geometric trend and compare), against reviewed
snapshots (syrupy). The default terminal views at four widths are in ``test_snapshots.py``;
here they are also taken in colour (ANSI codes, 256 colours) at 80 and 60 columns, because the
colour says things the words do not: a difference in green is better, in red worse.

Every sampled report uses the default seed 0, so the snapshots are the same on every machine.
Update them with ``pytest tests/test_analysis_snapshots.py --snapshot-update`` and review the
diff."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from test_snapshots import AGREEMENT, ROOT, SERIES, TOP, TextSnapshot, _output

TRIO = ("examples/nato.yaml", "examples/warsaw-pact.yaml", "examples/quad.yaml")
VARIED = ("--simplex", "--indicator-spread", "0.2", "--mixed-methods", "--samples", "2000")

DOCUMENTS: dict[str, tuple[str, ...]] = {
    "compare-markdown": ("compare", *TOP, "-f", "markdown"),
    "compare-geometric-markdown": ("compare", *TRIO, "-m", "geometric", "-f", "markdown"),
    "compare-csv": ("compare", *TRIO, "-f", "csv"),
    "robustness-markdown": ("robustness", *TOP, "-f", "markdown"),
    "robustness-varied-markdown": ("robustness", *TOP, *VARIED, "-f", "markdown"),
    "robustness-geometric-markdown": ("robustness", *TRIO, "-m", "geometric", "-f", "markdown"),
    "trend-markdown": ("trend", *SERIES, "-f", "markdown"),
    "trend-geometric-markdown": ("trend", *SERIES, "-m", "geometric", "-f", "markdown"),
    "trend-csv": ("trend", *SERIES, "-f", "csv"),
    "agree-markdown": ("agree", *AGREEMENT, "-f", "markdown"),
}
TERMINAL: dict[str, tuple[str, ...]] = {
    "compare-geometric": ("compare", *TRIO, "-m", "geometric"),
    "robustness-varied": ("robustness", *TOP, *VARIED),
    "robustness-geometric": ("robustness", *TRIO, "-m", "geometric"),
    "trend-geometric": ("trend", *SERIES, "-m", "geometric"),
}
COLOURED: dict[str, tuple[str, ...]] = {
    "compare": ("compare", *TRIO),
    "robustness": ("robustness", *TOP, *VARIED),
    "robustness-geometric": ("robustness", *TRIO, "-m", "geometric"),
    "trend": ("trend", *SERIES),
    "agree": ("agree", *AGREEMENT),
}
CHARTS: dict[str, tuple[str, ...]] = {
    "compare": ("compare", *TOP),
    "robustness": ("robustness", *TOP),
    "trend": ("trend", *SERIES),
    "agree": ("agree", *AGREEMENT),
}


class SvgSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    file_extension = "svg"


@pytest.fixture(autouse=True)
def _from_the_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in the reports are relative, the same on every machine."""
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("case", list(DOCUMENTS))
def test_documents(case: str, snapshot: SnapshotAssertion, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _output(100, monkeypatch, *DOCUMENTS[case])
    assert text == snapshot.use_extension(TextSnapshot)


@pytest.mark.parametrize("case", list(TERMINAL))
def test_terminal_at_80_columns(
    case: str, snapshot: SnapshotAssertion, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _output(80, monkeypatch, *TERMINAL[case])
    assert max(len(line) for line in text.splitlines()) <= 80
    assert text == snapshot.use_extension(TextSnapshot)


@pytest.mark.parametrize("case", list(CHARTS))
def test_svg_charts(
    case: str, snapshot: SnapshotAssertion, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _output(100, monkeypatch, *CHARTS[case], "-f", "svg")
    assert text == snapshot.use_extension(SvgSnapshot)


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("case", list(COLOURED))
def test_terminal_in_colour(
    case: str, width: int, snapshot: SnapshotAssertion, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    text = _output(width, monkeypatch, *COLOURED[case], "--color")
    assert "\x1b[" in text
    assert text == snapshot.use_extension(TextSnapshot)
