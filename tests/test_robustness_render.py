"""The robustness report's edges: when the rank grid fits and when each profile gets a line
instead, a label longer than the grid's column, a negative effective weight (red), the
provenance of the JSON, and a format the command does not have."""

from __future__ import annotations

import json
import re

import pytest

from allyeval.analysis.robustness import Robustness, robustness
from allyeval.core.errors import UsageError
from allyeval.render import robustness as robustness_render
from test_analysis_content import XY, scored

LONG = "a-very-long-partnership-identifier"


def _render(result: Robustness, fmt: str, width: int = 100, *, color: bool = False) -> str:
    return robustness_render.render(
        result, fmt, color=color, width=width, criteria_set=XY, method="arithmetic",
        seed=result.seed, samples=result.samples,
    )  # fmt: skip


@pytest.fixture(scope="module")
def pair() -> Robustness:
    # (4, 0) and (0, 4) score the same: with spread each leads in about half the samples.
    return robustness([scored(4, 0, "first"), scored(0, 4, "second")], samples=400, seed=1)


@pytest.mark.parametrize(("width", "grid"), [(24, True), (23, False)])
def test_the_grid_when_it_fits(pair: Robustness, width: int, grid: bool) -> None:
    # The longest label "second" (6, but the heading "Profile" is 7) + a space, "Now" and a
    # space, then 6 per rank (2 ranks): 24 columns. Where the grid is shown, nothing folds.
    lines = [line.rstrip() for line in _render(pair, "table", width).splitlines()]
    first, second = (s.acceptability for s in pair.standings)
    assert 0 < first[0] < 1
    if grid:
        assert lines[lines.index("Profile Now 1     2") + 1 :][:2] == [
            f"first     1 ▄ {first[0]:.0%} ▄ {first[1]:.0%}",
            f"second    1 ▄ {second[0]:.0%} ▄ {second[1]:.0%}",
        ]
    else:
        assert not any(line.startswith("Profile") for line in lines)
        start = next(k for k, line in enumerate(lines) if line.startswith("first (now 1)"))
        assert " ".join(line.strip() for line in lines[start : start + 2]) == (
            f"first (now 1): rank 1 {first[0]:.0%}, rank 2 {first[1]:.0%}"
        )


def test_a_long_label_folds_at_twenty_columns() -> None:
    result = robustness([scored(4, 0, LONG), scored(0, 4, "b")], samples=200)
    # 20 + 1 + 4 + 2 x 6 = 37: the grid, its label column 20 wide, the rest on a new line.
    lines = _render(result, "table", 37).splitlines()
    head = next(k for k, line in enumerate(lines) if line.startswith("a-very-long"))
    assert lines[head].split()[:2] == [LONG[:20], "1"]
    assert lines[head + 1].split() == [LONG[20:]]
    assert not any(line.startswith("Profile") for line in _render(result, "table", 36).splitlines())
    # with room to spare, still 20 wide
    wide = _render(result, "table", 80).splitlines()
    head = next(k for k, line in enumerate(wide) if line.startswith("a-very-long"))
    assert wide[head].split()[:2] == [LONG[:20], "1"] and wide[head + 1].split() == [LONG[20:]]


def test_a_negative_effective_weight_is_red(monkeypatch: pytest.MonkeyPatch) -> None:
    # (4, 0) 50 and (0, 1) 12.5: x accounts for 50 of the 37.5-point difference (133%), y for
    # -12.5 of it (-33%): y's points move against the score.
    result = robustness([scored(4, 0, "a"), scored(0, 1, "b")], samples=100)
    assert [round(e.share or 0, 4) for e in result.effective_weights] == [1.3333, -0.3333]
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COLORTERM", raising=False)
    text = _render(result, "table", color=True)
    assert re.search(r"\x1b\[31m *-33%\x1b\[0m", text)
    assert "133%" in text and not re.search(r"\x1b\[31m *133%", text)
    plain = _render(result, "table")
    assert " Criterion x       50%        133% " in plain.splitlines()
    nominal = robustness([scored(4, 0, "a"), scored(0, 4, "b"), scored(3, 2, "c")], spread=0.0)
    coloured = _render(nominal, "table", color=True)
    assert " Criterion y       50%          0% " in coloured  # zero is not negative: no red


def test_json_provenance_and_a_format_robustness_has_not(pair: Robustness) -> None:
    record = json.loads(_render(pair, "json"))
    assert (record["provenance"]["seed"], record["provenance"]["samples"]) == (1, 400)
    with pytest.raises(UsageError) as caught:
        _render(pair, "csv")
    assert (
        str(caught.value) == "robustness has no --format csv; choose one of table, json, markdown"
    )
