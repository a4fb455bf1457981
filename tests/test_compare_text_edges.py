"""The compare report's terminal view at its edges: a profile left unrated in the middle of the
criteria chart, and the tie mark at exactly its threshold.

Criteria x and y (benefit), one indicator each, all ratings high."""

from __future__ import annotations

import dataclasses
import re

import pytest

from allyeval.analysis.comparison import Comparison, compare
from allyeval.core.scoring import score_profile
from allyeval.render import comparison as comparison_render
from allyeval.render.explain import TIE_BELOW
from test_analysis_content import XY, scored
from test_uncertainty import profile

B75, B50 = "█" * 22 + "░" * 8, "█" * 15 + "░" * 15  # 75 and 50 of 100 over 30 cells


def _table(result: Comparison, *, color: bool = False) -> str:
    return comparison_render.render(
        result, "table", color=color, width=100, criteria_set=XY, method=result.method,
        seed=result.seed, samples=result.samples,
    )  # fmt: skip


@pytest.fixture(scope="module")
def gap_in_the_middle() -> Comparison:
    # a rates x only, b rates both, c rates y only: on y, a is unrated between none and b.
    results = [
        score_profile(profile({"xi": (3, "high")}, "a"), XY),
        score_profile(profile({"xi": (2, "high"), "yi": (3, "high")}, "b"), XY),
        score_profile(profile({"yi": (2, "high")}, "c"), XY),
    ]
    return compare(results, samples=100)


def test_a_profile_unrated_on_a_criterion_does_not_end_its_rows_in_the_chart(
    gap_in_the_middle: Comparison,
) -> None:
    lines = [line.rstrip() for line in _table(gap_in_the_middle).splitlines()]
    start = lines.index(f"Criterion x a {B75}  75.0")
    assert lines[start - 1] == "shorter is better)"  # the chart's title, folded to its width
    assert lines[start : start + 6] == [
        f"Criterion x a {B75}  75.0",
        f"            b {B50}  50.0",
        "            c not rated",
        "Criterion y a not rated",
        f"            b {B75}  75.0",
        f"            c {B50}  50.0",
    ]


def test_not_rated_is_dimmed_in_the_chart(
    gap_in_the_middle: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COLORTERM", raising=False)
    lines = _table(gap_in_the_middle, color=True).splitlines()
    start = next(i for i, line in enumerate(lines) if "shorter is better)" in line)
    chart = lines[start + 1 : start + 7]
    assert "Criterion x" in chart[0] and "Criterion y" in chart[3]
    dimmed = [line for line in chart if re.search(r"\x1b\[2;3mnot rated *\x1b\[0m", line)]
    assert len(dimmed) == 2
    assert all("not rated" not in line for line in chart if line not in dimmed)


def _with_chances(result: Comparison, chances: dict[tuple[int, int], float]) -> Comparison:
    outrankings = tuple(
        dataclasses.replace(o, probability=chances.get((o.first, o.second), o.probability))
        for o in result.outrankings
    )
    return dataclasses.replace(result, outrankings=outrankings)


def test_the_tie_mark_below_its_threshold_only_and_its_note_for_any_tie() -> None:
    # p (4, 2) 75, q (1, 3) 50, r (1, 1) 25: ranked p, q, r, each outranking the next surely.
    result = compare([scored(1, 3, "q"), scored(4, 2, "p"), scored(1, 1, "r")], samples=100)
    assert [result.contenders[i].label for i in result.ranking] == ["p", "q", "r"]
    # p over q just under the threshold (tied); q over r at it exactly (not tied).
    below = TIE_BELOW - 1e-9
    tied = _with_chances(result, {(0, 1): 1 - below, (0, 2): TIE_BELOW})
    text = _table(tied)
    ranks = [line.split()[:2] for line in text.splitlines() if re.match(r" +≈?\d +[pqr]: ", line)]
    assert ranks == [["1", "p:"], ["≈2", "q:"], ["3", "r:"]]
    assert "≈ tied with the profile above: the chance" in " ".join(text.split())
    untied = _table(_with_chances(result, {(0, 1): 1 - TIE_BELOW, (0, 2): TIE_BELOW}))
    ranks = [line.split()[:2] for line in untied.splitlines() if re.match(r" +≈?\d +[pqr]: ", line)]
    assert ranks == [["1", "p:"], ["2", "q:"], ["3", "r:"]]
    assert "tied with the profile above" not in " ".join(untied.split())
