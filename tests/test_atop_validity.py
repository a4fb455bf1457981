"""The validity check of docs/atop.md (scripts/atop_validity.py): Spearman's rho by hand, and
over the real ATOP data, where present, the figures the documentation reports."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).parent.parent
SHARED = ROOT.resolve().parent / "shared" / "data"  # ../shared/data from the project root


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "atop_validity", ROOT / "scripts" / "atop_validity.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["atop_validity"] = module
    spec.loader.exec_module(module)
    return module


validity = _script()


def test_average_ranks_share_ties() -> None:
    assert validity.average_ranks([10, 20, 20, 5]) == [2.0, 3.5, 3.5, 1.0]


@pytest.mark.parametrize(
    ("xs", "ys", "rho"),
    [
        ([1, 2, 3, 4], [10, 20, 30, 40], 1.0),
        ([1, 2, 3, 4], [4, 3, 2, 1], -1.0),
        # ranks (1,2,3,4) and (1,3,2,4): 1 - 6*(0+1+1+0)/(4*15) = 0.8
        ([1, 2, 3, 4], [1, 3, 2, 4], 0.8),
        # ties: ranks (1.5,1.5,3) and (1,2,3): cov 1.5, variances 1.5 and 2 -> 1.5/sqrt(3)
        ([1, 1, 2], [1, 2, 3], 1.5 / 3**0.5),
    ],
)
def test_spearman_by_hand(xs: list[float], ys: list[float], rho: float) -> None:
    assert validity.spearman(xs, ys) == pytest.approx(rho)


def test_spearman_refuses_what_it_cannot_compute() -> None:
    with pytest.raises(ValueError, match="constant"):
        validity.spearman([1, 1, 1], [1, 2, 3])
    with pytest.raises(ValueError, match="same length"):
        validity.spearman([1, 2], [1, 2, 3])


pairs = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=3, max_size=40).filter(
    lambda p: len({a for a, _ in p}) > 1 and len({b for _, b in p}) > 1
)


@given(pairs)
def test_spearman_properties(data: list[tuple[int, int]]) -> None:
    xs, ys = [float(a) for a, _ in data], [float(b) for _, b in data]
    rho = validity.spearman(xs, ys)
    assert -1 - 1e-9 <= rho <= 1 + 1e-9
    assert validity.spearman(ys, xs) == pytest.approx(rho)
    # ranks only: a strictly increasing transform of one series changes nothing
    assert validity.spearman([x**3 + 7 for x in xs], ys) == pytest.approx(rho)
    assert validity.spearman([-x for x in xs], ys) == pytest.approx(-rho)


# The figures docs/atop.md reports (two decimals); a change to the model or the mapping that
# lowers the convergent ones, or raises the discriminant one, fails here.
CONVERGENT = {
    ("overall", "atop_military_institutionalization"): 0.69,
    ("military_integration", "atop_military_institutionalization"): 0.89,
    ("institutions", "atop_formality"): 0.63,
}
DISCRIMINANT = {("obligations", "atop_military_institutionalization"): 0.30}


@pytest.mark.skipif(not SHARED.is_dir(), reason="the ATOP data (../shared/data) is not here")
def test_validity_figures_do_not_fall() -> None:
    alliances = validity.score_all(SHARED)
    assert len(alliances) == 745
    table = validity.correlations(alliances)
    for (score, measure), floor in CONVERGENT.items():
        rho, n = table[score][measure]
        assert round(rho, 2) >= floor, (score, measure, rho)
        assert n >= 725  # the alliances where both the score and the measure are known
    for (score, measure), ceiling in DISCRIMINANT.items():
        assert round(table[score][measure][0], 2) <= ceiling
    # the convergent criterion tracks institutionalization far more closely than the overall
    # score, and the overall score more closely than the scope of obligations
    inst = "atop_military_institutionalization"
    assert (
        table["military_integration"][inst][0]
        > table["overall"][inst][0]
        > table["obligations"][inst][0]
    )
    text = validity.report(alliances)
    assert "| overall | 0.69 | 0.54 | 739 |" in text
    assert "Highest 15 of the 726 fully rated:" in text
