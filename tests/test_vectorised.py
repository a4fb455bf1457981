"""The numpy engine for batches (``allyeval.core.vectorised``) shows exactly what the exact
engine shows: on every example, on hypothesis-drawn profiles under both the default model and
small hand-made models, and through the CLI (a batch reads as each profile scored alone)."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from allyeval.cli.app import app
from allyeval.cli.runner import VECTORISED_FROM
from allyeval.core import uncertainty, vectorised
from allyeval.core.distribution import exact_distribution
from allyeval.core.loader import load_criteria, load_profile
from allyeval.core.report import Engine, build_report
from allyeval.core.scoring import ProfileScore, score_profile
from allyeval.core.selection import read_profile_and_criteria
from allyeval.core.uncertainty import (
    criterion_distribution,
    criterion_terms,
    overall_terms,
    score_distribution,
    shown_criterion_distribution,
    shown_distribution,
)
from allyeval.core.vectorised import (
    FloatDistribution,
    criterion_float_distribution,
    float_distribution,
    score_float_distribution,
)
from allyeval.render.records import report_record
from test_uncertainty import DEFAULT, MIXED, TWO, criteria_set, ratings, scored

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*.yaml") if "agreement" not in p.parts)
ENGINES: list[Engine] = ["exact", "vectorised"]
QUANTILES = [Fraction(1, 20), Fraction(19, 20), Fraction(1, 4), Fraction(1, 2), Fraction(3, 4)]


def _same(result: ProfileScore) -> None:
    """Every percentile and band probability the vectorised engine gives is what one profile
    alone shows (percentiles to the bit; probabilities within 1e-9 and shown alike); where
    that is the exact grid in floats too (past the exact engine's limit), it is checked
    against the exact engine itself."""
    alone = shown_distribution(result)
    exact = (
        exact_distribution(overall_terms(result))
        if isinstance(alone, FloatDistribution)
        else score_distribution(result)
    )
    fast = score_float_distribution(result)
    for q in QUANTILES:
        assert fast.quantile(q) == exact.quantile(q), q
    bounds = [0.0, 25.0, 50.0, 75.0]
    for f, e in zip(
        fast.bucket_probabilities(bounds), exact.bucket_probabilities(bounds), strict=True
    ):
        assert abs(f - e) < 1e-9 and round(f, 4) == round(e, 4) and f"{f:.0%}" == f"{e:.0%}"
    for crit in result.criteria:
        slow, quick = shown_criterion_distribution(crit), criterion_float_distribution(crit)
        assert (slow is None) == (quick is None)
        if slow is not None and quick is not None:
            assert quick.interval() == slow.interval()
            if isinstance(slow, FloatDistribution):
                assert quick.interval() == exact_distribution(criterion_terms(crit)).interval()
            else:
                assert slow.interval() == criterion_distribution(crit).interval()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_reads_the_same_from_both_engines(path: Path) -> None:
    profile, criteria_set, _ = read_profile_and_criteria(str(path), None)
    records = []
    for engine in ENGINES:
        report = build_report(str(path), profile, criteria_set, engine=engine)
        records.append(json.dumps(report_record(report)))
    assert records[0] == records[1]
    result = score_profile(profile, criteria_set)
    assert isinstance(score_float_distribution(result), FloatDistribution)


@settings(deadline=None, max_examples=60)
@given(ratings())
@example(  # past the exact engine's limit: the exact grid in floats, alone and in a batch
    dict.fromkeys(
        ["joint_exercises", "resource_constraints", "external_pressure", "compatibility_gaps",
         "sovereignty_concerns", "strategic_divergence", "deterrence", "regional_stability",
         "legitimacy", "diplomatic_relations", "strategic_objectives", "public_support",
         "technology_intelligence_sharing", "collaborative_missions", "joint_training",
         "command_and_control", "standard_procedures", "emerging_threats", "governance_review",
         "readiness"],
        (0, "low"),
    )
)  # fmt: skip
def test_drawn_default_profiles_read_the_same(items: dict[str, tuple[int, str]]) -> None:
    _same(scored(DEFAULT, items))


@settings(deadline=None, max_examples=60)
@given(ratings(ids=["x", "z"]), ratings(ids=["x", "y"]))
def test_drawn_small_profiles_read_the_same(
    mixed: dict[str, tuple[int, str]], two: dict[str, tuple[int, str]]
) -> None:
    _same(scored(MIXED, mixed))
    _same(scored(TWO, two))


@settings(deadline=None, max_examples=40)
@given(
    weights=st.lists(st.sampled_from([0.5, 1, 1.5, 2, 2.5, 3, 7, 13]), min_size=4, max_size=4),
    items=ratings(ids=["w", "x", "y", "z"]),
)
def test_drawn_weights_read_the_same(
    weights: list[float], items: dict[str, tuple[int, str]]
) -> None:
    cs = criteria_set(
        [
            ("a", "benefit", weights[0], [("w", weights[1]), ("x", 1)]),
            ("b", "risk", weights[2], [("y", weights[3]), ("z", 2)]),
        ]
    )
    _same(scored(cs, items))


def test_a_percentile_on_a_cumulative_probability_is_recomputed_exactly() -> None:
    # Four medium ratings at 2 with equal weights: cumulative probabilities 1/256, 9/256, ...
    # fall exactly on these levels, where floats cannot decide: the exact engine does.
    cs = criteria_set([("c", "benefit", 1, [(i, 1) for i in "wxyz"])])
    result = scored(cs, dict.fromkeys("wxyz", (2, "medium")))
    fast = float_distribution(criterion_terms(result.criteria[0]))
    exact = exact_distribution(criterion_terms(result.criteria[0]))
    assert isinstance(fast, FloatDistribution)
    with mock.patch.object(vectorised, "exact_distribution", wraps=exact_distribution) as spy:
        for q in (Fraction(1, 256), Fraction(9, 256), Fraction(37, 256)):
            assert fast.quantile(q) == exact.quantile(q)
        assert spy.call_count == 3
        for q in (Fraction(1, 20), Fraction(1, 2)):  # no cumulative probability: floats decide
            assert fast.quantile(q) == exact.quantile(q)
        assert spy.call_count == 3
    # Just past such a level the answer moves to the next value, exactly as the exact engine.
    assert fast.quantile(Fraction(1, 256) + Fraction(1, 10**12)) == exact.quantile(
        Fraction(1, 256) + Fraction(1, 10**12)
    )


def test_a_band_probability_on_a_rounding_edge_is_recomputed_exactly() -> None:
    # Two medium ratings at 0 on one criterion: the score is 0 with probability 9/16, 12.5
    # with 6/16 = 0.375 and 25 with 1/16. A whole percentage of 37.5% is a rounding edge
    # ("38%" just above, "37%" just below): the exact engine decides.
    result = scored(TWO, {"x": (0, "medium"), "y": (0, "medium")})
    fast = float_distribution(overall_terms(result))
    assert isinstance(fast, FloatDistribution)
    exact = exact_distribution(overall_terms(result))
    with mock.patch.object(vectorised, "exact_distribution", wraps=exact_distribution) as spy:
        assert fast.bucket_probabilities([0.0, 10.0, 20.0]) == [0.5625, 0.375, 0.0625]
        assert spy.call_count == 1
        # Away from any edge the floats stand.
        assert fast.bucket_probabilities([0.0, 20.0]) == exact.bucket_probabilities([0.0, 20.0])
        assert spy.call_count == 1


@pytest.mark.parametrize("name", ["decimal-weights", "integer-weights", "many-indicators"])
def test_hard_weights_show_the_same_in_a_batch_as_alone(name: str) -> None:
    """Whichever engine a hard criteria file needs (floats on its exact grid where affordable,
    the bounded grid where not), a batch shows what one profile alone shows."""
    hard = ROOT / "tests" / "fixtures" / "criteria"
    cs = load_criteria(str(hard / f"{name}.yaml"))
    result = score_profile(load_profile(str(hard / f"{name}-profile.yaml"), cs), cs)
    fast = score_float_distribution(result)
    alone = uncertainty.shown_distribution(result)
    assert isinstance(fast, FloatDistribution) == isinstance(alone, FloatDistribution)
    assert fast.interval() == alone.interval()
    share = uncertainty.criterion_share(result)
    for crit in result.criteria:
        batch = criterion_float_distribution(crit, share)
        single = uncertainty.shown_criterion_distribution(crit, share)
        assert batch is not None and single is not None
        assert batch.interval() == single.interval()


def test_one_profile_never_imports_numpy() -> None:
    """numpy takes longer to import than allyeval takes to score a profile."""
    code = (
        "import sys\n"
        "from allyeval.cli.entry import main\n"
        "sys.argv = ['allyeval', 'score', sys.argv[1], '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'numpy' not in sys.modules, 'numpy imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "examples" / "nato.yaml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_a_batch_reads_as_each_profile_scored_alone(tmp_path: Path) -> None:
    """A batch large enough for the vectorised engine gives, record by record, the JSON of each
    profile scored on its own by the exact engine."""
    files = [str(p) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    batch = (files * (VECTORISED_FROM // len(files) + 1))[:VECTORISED_FROM]
    runner = CliRunner()
    together = runner.invoke(app, ["score", *batch, "--format", "json", "--jobs", "1"])
    assert together.exit_code == 0, together.output
    alone = [
        json.loads(runner.invoke(app, ["score", path, "--format", "json"]).stdout)[0]
        for path in batch
    ]
    assert json.loads(together.stdout) == alone


def test_a_band_probability_on_a_four_decimal_edge_is_recomputed_exactly() -> None:
    # Three medium ratings at 0 and two at 4 on five equal indicators: the score is at most
    # 45 with probability 29/32 = 0.90625, which four decimals round either way (0.9062 or
    # 0.9063) while the percentage (91%) is clear: the four decimals alone send it back.
    cs = criteria_set([("c", "benefit", 1, [(i, 1) for i in "vwxyz"])])
    levels = {"v": 0, "w": 0, "x": 0, "y": 4, "z": 4}
    result = scored(cs, {k: (level, "medium") for k, level in levels.items()})
    fast = float_distribution(overall_terms(result))
    assert isinstance(fast, FloatDistribution)
    with mock.patch.object(vectorised, "exact_distribution", wraps=exact_distribution) as spy:
        assert fast.bucket_probabilities([0.0, 50.0]) == [29 / 32, 3 / 32]
        assert spy.call_count == 1
