"""Weight robustness: rank acceptability, central weights, remove-one, effective weights.

The golden cases use two criteria X and Y of equal nominal weight and three profiles whose
criterion scores are A = (100, 0), B = (0, 100), C = (75, 50). With weights (t, 1 - t):
S_A = 100 t, S_B = 100 (1 - t), S_C = 50 + 25 t. So
  A > B iff t > 1/2;  A > C iff 100 t > 50 + 25 t iff t > 2/3;  B > C iff t < 2/5.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyeval.analysis.robustness import effective_weights, robustness
from allyeval.core.scoring import Method, ProfileScore, score_profile
from conftest import EXAMPLES
from test_uncertainty import DEFAULT, criteria_set, profile, ratings, scored

XY = criteria_set([("x", "benefit", 1, [("xi", 1)]), ("y", "benefit", 1, [("yi", 1)])])
LEVELS = {"a": (4, 0), "b": (0, 4), "c": (3, 2)}  # criterion scores 25 * level
SAMPLES = 10_000


def _abc(method: Method = "arithmetic") -> list[ProfileScore]:
    return [
        score_profile(profile({"xi": (x, "high"), "yi": (y, "high")}, ident=name), XY, method)
        for name, (x, y) in LEVELS.items()
    ]


def _within(sampled: float, expected: float, samples: int = SAMPLES) -> bool:
    """Within 4 standard errors of a share from *samples* independent draws (plus rounding)."""
    error = math.sqrt(expected * (1 - expected) / samples)
    return abs(sampled - expected) <= 4 * error + 1e-12


def test_no_spread_gives_the_nominal_ranking_every_time() -> None:
    # Nominal weights 1/2, 1/2: S_A = 50, S_B = 50, S_C = 62.5 -> C first, A and B tied second.
    result = robustness(_abc(), spread=0.0, samples=200)
    a, b, c = result.standings
    assert (a.rank, b.rank, c.rank) == (2, 2, 1)
    assert a.acceptability == b.acceptability == (0.0, 1.0, 0.0)  # competition ranking: no 3rd
    assert c.acceptability == (1.0, 0.0, 0.0)
    assert c.central_weights == (0.5, 0.5)
    assert a.central_weights is None and b.central_weights is None


def test_simplex_acceptability_golden() -> None:
    # Dirichlet(1, 1): t uniform on (0, 1). From the inequalities above:
    #   t < 2/5:        B > C > A        (probability 2/5)
    #   2/5 < t < 1/2:  C > B > A        (1/10)
    #   1/2 < t < 2/3:  C > A > B        (1/6)
    #   t > 2/3:        A > C > B        (1/3)
    expected = {
        "a": (1 / 3, 1 / 6, 1 / 2),
        "b": (2 / 5, 1 / 10, 1 / 2),
        "c": (1 / 6 + 1 / 10, 2 / 5 + 1 / 3, 0.0),  # first 4/15, second 11/15
    }
    result = robustness(_abc(), simplex=True, samples=SAMPLES, seed=1)
    for standing in result.standings:
        for sampled, share in zip(standing.acceptability, expected[standing.label], strict=True):
            assert _within(sampled, share), (standing.label, sampled, share)
    # Central weights: mean t over the region where each is first.
    #   A: t uniform on (2/3, 1) -> 5/6;  B: (0, 2/5) -> 1/5;  C: (2/5, 2/3) -> 8/15.
    # The standard error of a mean of a uniform on an interval of length L over n draws is
    # L / sqrt(12 n); n is about SAMPLES times the probability of the region.
    for label, (mean_t, length, region) in {
        "a": (5 / 6, 1 / 3, 1 / 3),
        "b": (1 / 5, 2 / 5, 2 / 5),
        "c": (8 / 15, 4 / 15, 4 / 15),
    }.items():
        standing = next(s for s in result.standings if s.label == label)
        assert standing.central_weights is not None
        t, one_minus_t = standing.central_weights
        assert t + one_minus_t == pytest.approx(1.0)
        error = length / math.sqrt(12 * SAMPLES * region)
        assert abs(t - mean_t) <= 4 * error, (label, t, mean_t)


def test_spread_acceptability_golden() -> None:
    # Factors f, g uniform on [3/4, 5/4]; t = f / (f + g).
    #   A > B iff f > g: 1/2.  A > C iff t > 2/3 iff f > 2g: impossible (f <= 5/4 < 3/2 <= 2g).
    #   B > C iff t < 2/5 iff 3f < 2g: the area where f < 2g/3 over [3/4, 5/4]^2, divided by
    #   1/4: integral of (2g/3 - 3/4) for g from 9/8 to 5/4 = [g^2/3 - 3g/4] = 1/192; times 4
    #   = 1/48. So B is first with 1/48, C with 47/48; A is never first.
    #   Second: A when f > g (1/2); B when f < g but B is not first (1/2 - 1/48 = 23/48);
    #   C when B is first (1/48). Third: A when f < g (1/2), B when f > g (1/2).
    expected = {
        "a": (0.0, 1 / 2, 1 / 2),
        "b": (1 / 48, 23 / 48, 1 / 2),
        "c": (47 / 48, 1 / 48, 0.0),
    }
    result = robustness(_abc(), spread=0.25, samples=SAMPLES, seed=2)
    for standing in result.standings:
        for sampled, share in zip(standing.acceptability, expected[standing.label], strict=True):
            assert _within(sampled, share), (standing.label, sampled, share)
    assert result.standings[0].central_weights is None  # A never ranks first


def test_geometric_method_is_respected() -> None:
    # Geometric: A and B have a criterion at utility 0, so they score 0 under every weight;
    # C = 100 * 0.75^t * 0.5^(1-t) > 0. C always first, A and B always tied second.
    result = robustness(_abc("geometric"), simplex=True, samples=500)
    a, b, c = result.standings
    assert c.acceptability == (1.0, 0.0, 0.0)
    assert a.acceptability == b.acceptability == (0.0, 1.0, 0.0)
    arithmetic = robustness(_abc(), simplex=True, samples=500)
    assert arithmetic.standings[2].acceptability != c.acceptability


def test_remove_one_criterion_golden() -> None:
    # Without x: A = 0, B = 100, C = 50 -> B, C, A; nominal C 1, A 2, B 2: all change.
    # Without y: A = 100, B = 0, C = 75 -> A, C, B: all change.
    result = robustness(_abc(), samples=10)
    without_x, without_y = result.removals
    assert without_x.scores == (0.0, 100.0, 50.0) and without_x.ranks == (3, 1, 2)
    assert without_y.scores == (100.0, 0.0, 75.0) and without_y.ranks == (1, 3, 2)
    assert without_x.changed == without_y.changed == (0, 1, 2)


def test_remove_one_leaves_unrated_profiles_unranked() -> None:
    only_x = score_profile(profile({"xi": (2, "high")}, ident="only-x"), XY)
    both = score_profile(profile({"xi": (1, "high"), "yi": (1, "high")}, ident="both"), XY)
    # Nominal: only-x 50 (x alone carries all the weight), both 25. Without x, only-x rates
    # nothing and has no score; both is first.
    result = robustness([only_x, both], samples=10)
    without_x = result.removals[0]
    assert [s.rank for s in result.standings] == [1, 2]
    assert without_x.scores == (None, 25.0) and without_x.ranks == (None, 1)
    assert without_x.changed == (0, 1)


def test_effective_weights_golden() -> None:
    # Points per criterion t = (50, 0), (0, 50), (37.5, 25); S = 50, 50, 62.5, mean 325/6.
    # Cov(t_x, S) = Var(S) (x carries all the differences) and Cov(t_y, S) = 0:
    # t_y - mean = -25, 25, 0 against S - mean = -25/6, -25/6, 50/6 -> 625/6 - 625/6 + 0 = 0.
    shares, note = effective_weights(_abc())
    assert note is None and shares is not None
    assert shares == pytest.approx([1.0, 0.0], abs=1e-12)


def test_effective_weights_undefined_when_all_score_the_same() -> None:
    same = [score_profile(profile({"xi": (2, "low")}, ident=n), XY) for n in ("p", "q")]
    assert effective_weights(same) == (None, "all profiles score the same")
    result = robustness(same, samples=10)
    assert all(e.share is None for e in result.effective_weights)
    assert result.effective_note == "all profiles score the same"


@st.composite
def _no_zero_utility(draw: st.DrawFn) -> dict[str, tuple[int, str]]:
    """Ratings at levels 1-3: no criterion can reach utility 0, so the geometric shares exist."""
    items = draw(ratings())
    return {ident: (min(max(level, 1), 3), conf) for ident, (level, conf) in items.items()}


@settings(deadline=None, max_examples=30)
@given(
    st.lists(_no_zero_utility(), min_size=2, max_size=5),
    st.sampled_from(["arithmetic", "geometric"]),
)
def test_effective_weights_add_up_to_one(
    items: list[dict[str, tuple[int, str]]], method: Method
) -> None:
    results = [scored(DEFAULT, r, method) for r in items]
    shares, note = effective_weights(results)
    if shares is None:
        # The only reason left: every profile scores the same, and then there is no variance.
        assert note == "all profiles score the same"
        assert max(r.score for r in results) - min(r.score for r in results) <= 1e-9
        return
    assert note is None
    assert math.fsum(shares) == pytest.approx(1.0, abs=1e-9)


def test_effective_weights_undefined_under_the_geometric_mean_with_a_zero() -> None:
    # A scores 0 (x at utility 0): log 0 is undefined, so there are no shares.
    shares, note = effective_weights(_abc("geometric"))
    assert shares is None
    assert note == "a profile has a criterion at utility 0 (score 0 under the geometric mean)"


def test_effective_weights_geometric_golden() -> None:
    # Geometric parts are share * ln U per criterion. A = levels (4, 2) and B = (2, 4) mirror
    # each other and C = (3, 3) is symmetric, so x and y explain equal halves of the variance.
    pair = {"a": (4, 2), "b": (2, 4), "c": (3, 3)}
    results = [
        score_profile(profile({"xi": (x, "high"), "yi": (y, "high")}, ident=n), XY, "geometric")
        for n, (x, y) in pair.items()
    ]
    shares, note = effective_weights(results)
    assert note is None and shares is not None
    assert shares == pytest.approx([0.5, 0.5], abs=1e-12)


def test_same_seed_same_result_other_seed_differs() -> None:
    from allyeval.core.loader import load_criteria, load_profile

    criteria = load_criteria()
    names = ("warsaw-pact", "aukus", "us-israel", "csto", "quad")
    results = [
        score_profile(load_profile(str(EXAMPLES / f"{n}.yaml"), criteria), criteria) for n in names
    ]
    first = robustness(results, simplex=True, seed=5, samples=300)
    assert robustness(results, simplex=True, seed=5, samples=300) == first
    assert robustness(results, simplex=True, seed=6, samples=300) != first


def test_robustness_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError, match="at least two"):
        robustness(_abc()[:1])
    with pytest.raises(ValueError, match="spread"):
        robustness(_abc(), spread=1.0)
    with pytest.raises(ValueError, match="samples"):
        robustness(_abc(), samples=0)


TWO_INDICATORS = criteria_set([("x", "benefit", 1, [("x1", 1), ("x2", 1)])])


def test_indicator_spread_redraws_the_weights_within_a_criterion() -> None:
    # One criterion with two indicators of weight 1. P rates them 4 and 0 (utility 1/2), Q 2 and
    # 2 (utility 1/2): tied at the file's weights. With factors f1, f2 on the indicator weights
    # P's utility is f1 / (f1 + f2), above Q's exactly when f1 > f2: P first half the time.
    p = profile({"x1": (4, "high"), "x2": (0, "high")}, ident="p")
    q = profile({"x1": (2, "high"), "x2": (2, "high")}, ident="q")
    results = [score_profile(x, TWO_INDICATORS) for x in (p, q)]
    fixed = robustness(results, spread=0.0, samples=300)
    assert [s.acceptability for s in fixed.standings] == [(1.0, 0.0), (1.0, 0.0)]
    moved = robustness(results, spread=0.0, indicator_spread=0.25, samples=SAMPLES, seed=5)
    first_p, second_p = moved.standings[0].acceptability
    assert _within(first_p, 0.5) and _within(second_p, 0.5)
    assert moved.standings[1].acceptability == pytest.approx((second_p, first_p))
    assert (moved.indicator_spread, moved.mixed_methods) == (0.25, False)


def test_mixed_methods_draw_the_aggregation_too() -> None:
    # D = (4, 1), E = (3, 2) at equal weights. Arithmetic: both 62.5, tied first.
    # Geometric: D = 100 * sqrt(1 * 1/4) = 50, E = 100 * sqrt(3/4 * 1/2) = 61.2: E first.
    # Each method half the time: E is always first, D first about half the time.
    d = profile({"xi": (4, "high"), "yi": (1, "high")}, ident="d")
    e = profile({"xi": (3, "high"), "yi": (2, "high")}, ident="e")
    results = [score_profile(x, XY) for x in (d, e)]
    assert robustness(results, spread=0.0, samples=100).standings[0].acceptability == (1.0, 0.0)
    mixed = robustness(results, spread=0.0, mixed_methods=True, samples=SAMPLES, seed=3)
    d_first, d_second = mixed.standings[0].acceptability
    assert _within(d_first, 0.5) and d_first + d_second == pytest.approx(1.0)
    assert mixed.standings[1].acceptability == (1.0, 0.0)


def test_indicator_spread_and_mixed_methods_from_the_cli() -> None:
    import json

    from typer.testing import CliRunner

    from allyeval.cli.app import app

    files = [str(EXAMPLES / f"{n}.yaml") for n in ("nato", "quad")]
    runner = CliRunner()
    args = ["robustness", *files, "--samples", "200", "--indicator-spread", "0.3"]
    result = runner.invoke(app, [*args, "--mixed-methods", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["indicator_spread"], record["mixed_methods"]) == (0.3, True)
    table = " ".join(runner.invoke(app, [*args, "--mixed-methods"]).stdout.split())
    assert "indicator weights each times a factor from 0.7 to 1.3" in table
    assert "arithmetic or geometric mean at random" in table
    bad = runner.invoke(app, ["robustness", *files, "--indicator-spread", "1"])
    assert bad.exit_code == 2
    assert (
        bad.stderr == "allyeval: error: --indicator-spread must be at least 0 and below 1, got 1\n"
    )


def test_scores_equal_up_to_rounding_have_no_effective_weights() -> None:
    # Both score 25, but summing the second one's two criteria gives 25.000000000000004: the
    # difference is rounding, not variance (it once gave shares of about 10^15).
    results = [
        scored(DEFAULT, {"joint_exercises": (1, "low")}),
        scored(DEFAULT, {"joint_exercises": (1, "low"), "public_support": (1, "low")}),
    ]
    assert [r.score for r in results] == [25.0, 25.0]
    assert effective_weights(results) == (None, "all profiles score the same")
