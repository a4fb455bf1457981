"""Krippendorff's alpha, the agreement analysis and the consensus profile."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import allyeval
from allyeval.analysis.agreement import NotOnePartnership, agree, rater_labels
from allyeval.analysis.alpha import coincidences, estimate, krippendorff_alpha, reading
from allyeval.analysis.consensus import (
    consensus_confidence,
    consensus_rating,
    lower_median,
    rated,
)
from allyeval.core.loader import load_profile, profile_from_text
from allyeval.core.models import CriteriaSet, PendingRating, Profile, Rating
from allyeval.core.scoring import score_profile
from allyeval.core.text import first_forbidden
from allyeval.render.profile_yaml import profile_yaml
from conftest import EXAMPLES

ANALYSTS = sorted((EXAMPLES / "agreement").glob("*.yaml"))
Table = list[list[int | None]]
"""Raters (rows) by indicators (columns); None: not rated."""


def _units(table: Table) -> list[list[int]]:
    columns = range(len(table[0]))
    return [[row[u] for row in table if row[u] is not None] for u in columns]  # type: ignore[misc]


def _reference(table: Table) -> float:
    data = np.array([[np.nan if v is None else v for v in row] for row in table], dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return float(
            krippendorff.alpha(
                reliability_data=data, level_of_measurement="ordinal", value_domain=[0, 1, 2, 3, 4]
            )
        )


tables = st.integers(2, 6).flatmap(
    lambda raters: st.integers(1, 20).flatmap(
        lambda units: st.lists(
            st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=units, max_size=units),
            min_size=raters,
            max_size=raters,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_alpha_matches_the_krippendorff_package(table: Table) -> None:
    mine = krippendorff_alpha(_units(table))
    if all(len(unit) < 2 for unit in _units(table)):
        # The reference refuses a table without a pairable unit; alpha is undefined.
        assert mine is None
        with pytest.raises(ValueError, match="at least two coders"):
            _reference(table)
        return
    reference = _reference(table)
    if mine is None:  # no variation: the reference divides 0 by 0
        assert math.isnan(reference)
    else:
        assert mine == pytest.approx(reference, abs=1e-9)


def test_krippendorffs_binary_example_by_hand() -> None:
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", first example: two
    # observers, ten units, values 0/1. n = 20, o_01 = o_10 = 4 (four units where they
    # differ), n_0 = 14, n_1 = 6: alpha = 1 - 19 * 4 / (14 * 6) = 2/21. With two values the
    # ordinal distance is constant, so ordinal alpha equals his nominal 0.095.
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    alpha = krippendorff_alpha([[a, b] for a, b in zip(first, second, strict=True)])
    assert alpha == pytest.approx(float(Fraction(2, 21)), abs=1e-15)


def test_krippendorffs_example_with_missing_values() -> None:
    # Krippendorff (2011), the example with four observers, twelve units, values 1-5 and
    # missing data; his ordinal alpha is 0.815 (nominal 0.743, interval 0.849). Values
    # shifted to 0-4: ordinal alpha depends on the order of the values only.
    n = None
    table: Table = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    shifted: Table = [[None if v is None else v - 1 for v in row] for row in table]
    alpha = krippendorff_alpha(_units(shifted))
    assert alpha is not None and round(alpha, 3) == 0.815
    assert alpha == pytest.approx(_reference(shifted), abs=1e-12)


def test_a_small_case_by_hand() -> None:
    # Units (0, 1) and (1, 1): o_01 = o_10 = 1, o_11 = 2; n_0 = 1, n_1 = 3, n = 4.
    # delta2_01 = (1/2 + 3/2)^2 = 4; alpha = 1 - 3 * (1 * 4) / (1 * 3 * 4) = 0.
    assert coincidences([0, 1])[:2] == (0.0, 1.0)
    assert krippendorff_alpha([[0, 1], [1, 1]]) == 0.0
    # (0, 0), (2, 2) and (0, 2): n_0 = n_2 = 3, o_02 = o_20 = 1, delta2_02 = (3/2 + 3/2)^2 = 9;
    # alpha = 1 - 5 * (1 * 9) / (3 * 3 * 9) = 4/9.
    assert krippendorff_alpha([[0, 0], [2, 2], [0, 2]]) == pytest.approx(4 / 9, abs=1e-15)


def test_alpha_is_undefined_without_pairs_or_variation() -> None:
    assert krippendorff_alpha([[1], [2], []]) is None
    assert krippendorff_alpha([[2, 2, 2], [2, 2]]) is None
    assert reading(None) == "undefined"
    assert [reading(v) for v in (0.8, 0.7999, 0.667, 0.6669)] == [
        "reliable", "tentative", "tentative", "unreliable",
    ]  # fmt: skip


def test_the_bootstrap_is_seeded_and_brackets_the_draws() -> None:
    units = [[0, 1, 1], [2, 2, 3], [4, 4, 4], [1, 3, 2], [0, 0, 1], [3, 3], [2]]
    first = estimate(units, seed=7, samples=2000)
    assert first == estimate(units, seed=7, samples=2000)
    assert first != estimate(units, seed=8, samples=2000)
    assert (first.units, first.left_out, first.values) == (6, 1, 17)
    assert first.value == krippendorff_alpha(units)
    assert first.interval is not None
    low, high = first.interval
    assert -1 <= low <= high <= 1 and first.draws <= 2000


@given(st.lists(st.lists(st.integers(0, 4), min_size=1, max_size=5), min_size=1, max_size=12))
def test_identical_raters_agree_perfectly(levels: list[list[int]]) -> None:
    units = [[level] * 3 for level in {u[0] for u in levels}]
    alpha = krippendorff_alpha(units)
    assert alpha == (1.0 if len(units) > 1 else None)


def test_lower_median_and_capped_confidence() -> None:
    assert lower_median([3, 1]) == 1
    assert lower_median([0, 4, 2, 3]) == 2
    assert lower_median([2, 0, 4]) == 2

    def rating(level: int, confidence: str) -> Rating:
        return Rating.model_validate({"level": level, "confidence": confidence, "evidence": "e"})

    assert consensus_confidence([rating(2, "high"), rating(2, "high")]) == "high"
    assert consensus_confidence([rating(2, "high"), rating(3, "high")]) == "medium"
    assert consensus_confidence([rating(1, "high"), rating(3, "high")]) == "low"
    assert consensus_confidence([rating(2, "low"), rating(2, "high"), rating(2, "high")]) == "high"
    assert consensus_confidence([rating(2, "low"), rating(2, "high")]) == "low"


def test_pending_and_absent_ratings_are_not_rated() -> None:
    assert rated(PendingRating(level=None)) is None
    assert rated(None) is None
    entry = Rating(level=0, confidence="low", evidence="e")
    assert rated(entry) is entry
    merged = consensus_rating(
        ["a", "b", "c"],
        [entry, None, Rating(level=0, confidence="low", evidence="f", sources=["S"])],
    )
    assert merged == Rating(
        level=0,
        confidence="low",
        evidence="a (level 0, low): e\nc (level 0, low): f",
        sources=["S"],
    )


def _scored(
    paths: list[Path], criteria_set: CriteriaSet
) -> list[allyeval.core.scoring.ProfileScore]:
    return [score_profile(load_profile(str(p), criteria_set), criteria_set) for p in paths]


def test_identical_raters_give_alpha_one_and_no_disagreement(criteria_set: CriteriaSet) -> None:
    quad = EXAMPLES / "quad.yaml"
    result = agree(_scored([quad] * 3, criteria_set), paths=["a.yaml", "b.yaml", "c.yaml"])
    assert result.alpha.value == 1.0
    assert result.alpha.interval == (1.0, 1.0)
    assert result.disagreements == ()
    assert result.spread == 0.0
    assert (result.alpha.units, result.alpha.left_out, result.not_rated) == (21, 8, 24)


def test_the_consensus_of_copies_of_one_profile_is_that_profile(criteria_set: CriteriaSet) -> None:
    original = load_profile(str(EXAMPLES / "nato.yaml"), criteria_set)
    result = allyeval.agree([original] * 2, criteria_set, paths=["one.yaml", "two.yaml"])
    consensus = result.consensus.profile
    assert consensus.ratings == original.ratings
    assert (
        consensus.model_copy(update={"rated_by": None, "metadata": original.metadata}) == original
    )
    assert consensus.rated_by == "consensus of one, two"
    assert consensus.metadata["agreement_alpha"] == 1.0
    assert result.consensus.score == score_profile(original, criteria_set).score


def test_the_three_analysts(criteria_set: CriteriaSet) -> None:
    result = agree(_scored(ANALYSTS, criteria_set), paths=[str(p) for p in ANALYSTS])
    assert [r.label for r in result.raters] == ["Analyst A", "Analyst B", "Analyst C"]
    assert result.alpha.value == pytest.approx(0.5865, abs=5e-5)
    assert (result.alpha.units, result.alpha.left_out, result.not_rated) == (19, 10, 30)
    # Largest spread first (resilience: 2, 3, 0), then by the points it moves.
    found = [(d.indicator.id, d.spread) for d in result.disagreements]
    assert found == [
        ("resilience", 3), ("joint_exercises", 2), ("strategic_divergence", 2),
    ]  # fmt: skip
    divergence = result.disagreements[-1]
    assert divergence.points < 0  # a risk: the highest rating lowers the score
    scores = [r.result.score for r in result.raters]
    assert result.spread == max(scores) - min(scores)
    resilience = result.consensus.profile.rated["resilience"]
    assert (resilience.level, resilience.confidence) == (2, "low")
    assert resilience.evidence.count("\n") == 2
    assert resilience.evidence.startswith("Analyst A (level 2, medium): The first Quad")
    # Only analyst B gave integrated_communications a level; criteria 2.0 makes it n/a for a
    # strategic dialogue, so all three now say n/a and the consensus has no level for it.
    assert "integrated_communications" not in result.consensus.profile.rated


def test_one_partnership_one_date_one_profile_per_rater(criteria_set: CriteriaSet) -> None:
    quad, aukus = (EXAMPLES / f"{n}.yaml" for n in ("quad", "aukus"))
    with pytest.raises(NotOnePartnership, match="id 'aukus' differs from 'quad' in q.yaml") as e:
        agree(_scored([quad, aukus], criteria_set), paths=["q.yaml", "a.yaml"])
    assert e.value.path == "a.yaml"
    profile = load_profile(str(quad), criteria_set)
    later = profile.model_copy(update={"as_of": profile.as_of.replace(year=2025)})
    with pytest.raises(NotOnePartnership, match="as_of 2025-12-31 differs from 2024-12-31"):
        allyeval.agree([profile, later], criteria_set)
    named = profile.model_copy(update={"rated_by": "Team Red"})
    with pytest.raises(NotOnePartnership, match="rater 'Team Red' also rated x/a.yaml"):
        rater_labels([named, named], ["x/a.yaml", "b.yaml"])
    assert rater_labels([profile, named, profile], ["d/p.yml", "", "-"]) == [
        "p", "Team Red", "rater 3",
    ]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1)
    .filter(lambda t: t.strip() != "")
    # text a loaded profile can hold (core/text.py): no control characters but tab and newline
    .filter(lambda t: first_forbidden(t, prose=True) is None)
)
def test_the_consensus_yaml_reads_back_exactly(evidence: str) -> None:
    _reads_back(evidence)


@pytest.mark.parametrize(  # texts YAML 1.1 writes plain that allyeval's loader reads otherwise
    "evidence",
    ["0E0", "1e3", "-2.5E-2", "+3", "0o7", "0x1F", "32:55", ".5", "007", "1_000", "true", "NO",
     "2024-01-02", "~", "null", "-0", ".inf"],
)  # fmt: skip
def test_texts_that_look_like_numbers_read_back_as_texts(evidence: str) -> None:
    _reads_back(evidence)


def _reads_back(evidence: str) -> None:
    criteria_set = allyeval.load_criteria()
    base = profile_from_text(
        (EXAMPLES / "us-japan.yaml").read_text(encoding="utf-8"), "u.yaml", criteria_set
    )
    trust = base.rated["trust"].model_copy(update={"evidence": evidence.strip()})
    odd = Profile.model_validate(
        {name: getattr(base, name) for name in Profile.model_fields}
        | {"ratings": {**base.ratings, "trust": trust}, "rated_by": "NO", "summary": "yes: 1"}
    )
    text = profile_yaml(odd, "header\nline two")
    assert text.startswith("# header\n# line two\n")
    assert profile_from_text(text, "c.yaml", criteria_set) == odd
