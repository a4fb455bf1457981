"""compare's pairwise probabilities in floats (``allyeval.analysis.pairwise``): what they show
is what the exact fractions show, on the examples and on hypothesis-drawn profiles."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings

from allyeval.analysis.comparison import compare
from allyeval.analysis.outranking import pairwise_outranking
from allyeval.analysis.pairwise import float_distributions, probabilities, shown, within
from allyeval.core.loader import load_profile
from allyeval.core.scoring import ProfileScore, score_profile
from allyeval.core.uncertainty import score_distribution
from allyeval.render.common import complement_percent, percent
from test_uncertainty import DEFAULT, DEFAULT_IDS, TWO, ratings, scored

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


def assert_shown_as_exact(results: list[ProfileScore]) -> None:
    distributions = [score_distribution(r) for r in results]
    exact = pairwise_outranking(distributions)
    floats = float_distributions(distributions)
    for (i, j), (probability, tie) in exact.items():
        estimate, estimated_tie = probabilities(results, floats, i, j)
        assert shown(estimate) == shown(float(probability)), (i, j)
        assert round(estimated_tie, 4) == round(float(tie), 4), (i, j)
        assert abs(Fraction(estimate) - probability) < Fraction(1, 10**9)
        assert abs(Fraction(estimated_tie) - tie) < Fraction(1, 10**9)


def test_shown_follows_the_renderers() -> None:
    assert shown(0.25) == (0.25, True, "75%")
    assert shown(0.5) == (0.5, False, "50%")
    assert shown(0.0) == (0.0, True, "100%") == shown(1e-20)
    # Whether a chance is 0 or 1 is decided exactly, not by the float: 1 - 1e-20 is 1.0 as a
    # float, but a non-zero chance is never said as 100%.
    assert within(1e-20, possible=True, certain=False) == 1e-20
    assert within(0.0, possible=True, certain=False) > 0
    assert within(1.0, possible=True, certain=False) == 1.0 - 2.0**-53
    assert within(0.3, possible=False, certain=False) == 0.0
    assert within(0.7, possible=True, certain=True) == 1.0
    assert complement_percent(1e-20) == complement_percent(1e-10) == ">99%"
    assert complement_percent(0.0) == "100%" and complement_percent(1.0) == "0%"
    assert complement_percent(1 - 1e-12) == "<1%" and complement_percent(0.25) == "75%"
    assert percent(within(1.0, possible=True, certain=False)) == ">99%"


def test_examples_show_the_exact_probabilities() -> None:
    assert_shown_as_exact([score_profile(load_profile(str(p), DEFAULT), DEFAULT) for p in EXAMPLES])


@settings(deadline=None, max_examples=25)
@given(ratings(), ratings(), ratings(max_size=len(DEFAULT_IDS) - 1))
def test_drawn_profiles_show_the_exact_probabilities(
    a: dict[str, tuple[int, str]], b: dict[str, tuple[int, str]], c: dict[str, tuple[int, str]]
) -> None:
    # c leaves at least one indicator unrated: its grid may differ from a's and b's, which
    # takes the path that looks values up on a shared finer grid.
    assert_shown_as_exact([scored(DEFAULT, a), scored(DEFAULT, b), scored(DEFAULT, c)])


@settings(deadline=None, max_examples=40)
@given(ratings(ids=["x", "y"]), ratings(ids=["x", "y"]))
def test_small_profiles_show_the_exact_probabilities(
    a: dict[str, tuple[int, str]], b: dict[str, tuple[int, str]]
) -> None:
    assert_shown_as_exact([scored(TWO, a), scored(TWO, b)])


def test_a_profile_against_an_identical_one_is_exactly_one_half() -> None:
    items = dict.fromkeys(DEFAULT_IDS, (2, "low"))
    result = compare([scored(DEFAULT, items), scored(DEFAULT, items)], paths=["a", "b"])
    (pair,) = result.outrankings
    assert (pair.probability, pair.exact) == (0.5, True)


def test_compare_of_the_examples_matches_the_exact_fractions() -> None:
    results = [score_profile(load_profile(str(p), DEFAULT), DEFAULT) for p in EXAMPLES]
    exact = pairwise_outranking([score_distribution(r) for r in results])
    for o in compare(results, paths=[str(p) for p in EXAMPLES]).outrankings:
        probability, tie = exact[o.first, o.second]
        assert shown(o.probability) == shown(float(probability))
        assert round(o.tie, 4) == round(float(tie), 4)
