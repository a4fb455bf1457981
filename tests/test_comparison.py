"""compare: who leads, by how much, on what, how surely; and the order of files not mattering."""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings

from allyeval.analysis.comparison import Comparison, compare
from allyeval.core.loader import load_criteria, load_profile
from allyeval.core.provenance import provenance
from allyeval.core.scoring import Method, ProfileScore, score_profile
from allyeval.render.comparison import comparison_record
from conftest import EXAMPLES
from test_uncertainty import DEFAULT, ONE, profile, ratings, scored

SAMPLES = 400


def _example(name: str, method: Method = "arithmetic") -> ProfileScore:
    criteria = load_criteria()
    return score_profile(load_profile(str(EXAMPLES / f"{name}.yaml"), criteria), criteria, method)


def _compare(results: list[ProfileScore], **kwargs: Any) -> Comparison:
    return compare(results, paths=[r.profile.id for r in results], samples=SAMPLES, **kwargs)


def _by_label(comparison: Comparison) -> dict[str, Any]:
    """Everything a comparison says, keyed by profile so that column order does not show."""
    record = comparison_record(comparison, {})
    record["profiles"] = sorted(record["profiles"], key=lambda p: p["profile"])
    for row in [*record["criteria"], *record["indicators"]]:
        row["values"] = sorted(row["values"], key=lambda v: v["profile"])
        row.get("leaders", []).sort()
    pairs = {}
    for o in record["outranking"]:
        first, second, p = o["first"], o["second"], o["probability"]
        if first > second:
            first, second, p = second, first, round(1 - p, 4)
        pairs[first, second] = (p, o["tie"], o["exact"])
    record["outranking"] = sorted(pairs.items())
    return record


# --------------------------------------------------------------------------------------------
# Order of the files


def test_compare_a_b_and_b_a_give_the_same_ranking_and_mirrored_differences() -> None:
    japan, aukus = _example("us-japan"), _example("aukus")
    ab, ba = _compare([japan, aukus]), _compare([aukus, japan])
    ranking = [ab.contenders[i].label for i in ab.ranking]
    assert ranking == [ba.contenders[i].label for i in ba.ranking] == ["us-japan", "aukus"]
    assert ab.contenders[1].difference == ba.contenders[0].difference < 0
    (o_ab,), (o_ba,) = ab.outrankings, ba.outrankings
    assert o_ab.probability + o_ba.probability == pytest.approx(1.0, abs=1e-12)
    assert o_ab.tie == o_ba.tie
    # per criterion the same difference, in the other column
    for row_ab, row_ba in zip(ab.criteria, ba.criteria, strict=True):
        assert row_ab.differences == tuple(reversed(row_ba.differences))


@pytest.mark.parametrize("method", ["arithmetic", "geometric"])
def test_file_order_changes_only_the_column_order(method: Method) -> None:
    results = [_example(n, method) for n in ("us-japan", "aukus", "quad")]
    seen = [_by_label(_compare(list(p))) for p in itertools.permutations(results)]
    assert all(s == seen[0] for s in seen[1:])


def test_the_leader_does_not_depend_on_file_order_when_tied() -> None:
    a = score_profile(profile({"x": (2, "medium")}, ident="a"), ONE)
    b = score_profile(profile({"x": (2, "medium")}, ident="b"), ONE)
    for results in ([a, b], [b, a]):
        comparison = _compare(results)
        assert comparison.contenders[comparison.leader].label == "a"
        assert [c.rank for c in comparison.contenders] == [1, 1]  # tied: both first


# --------------------------------------------------------------------------------------------
# A profile with itself


@settings(deadline=None, max_examples=25)
@given(ratings())
def test_a_profile_compared_with_itself_has_zero_differences(items: dict[str, Any]) -> None:
    result = scored(DEFAULT, items)
    comparison = _compare([result, result])
    assert [c.difference for c in comparison.contenders] == [0.0, 0.0]
    assert all(d in (0.0, None) for row in comparison.criteria for d in row.differences)
    assert all(d == 0.0 for row in comparison.indicators for d in row.point_differences)
    assert comparison.gaps[0].points == 0.0 and comparison.gaps[0].drivers == ()
    (outranking,) = comparison.outrankings
    assert outranking.probability == 0.5  # ties count half; exact
    assert [c.rank for c in comparison.contenders] == [1, 1]


def test_two_copies_draw_independently() -> None:
    # The same profile twice is two independent draws (as the exact pair assumes), so the
    # two copies do not always tie for first.
    aukus = _example("aukus")
    comparison = _compare([aukus, aukus])
    assert all(0 < c.first < 1 for c in comparison.contenders)
    assert [c.label for c in comparison.contenders] == ["aukus (aukus) #1", "aukus (aukus) #2"]


# --------------------------------------------------------------------------------------------
# What the comparison says


def test_differences_and_criterion_leaders_on_the_examples() -> None:
    japan, israel = _example("us-japan"), _example("us-israel")
    comparison = _compare([israel, japan])
    assert comparison.leader == 1
    assert comparison.contenders[0].difference == israel.score - japan.score
    interop = next(r for r in comparison.criteria if r.criterion.id == "interoperability")
    # Both rate interoperability 66.7: a tie, both lead.
    assert interop.scores[0] == interop.scores[1]
    assert interop.leaders == (0, 1)
    risk = next(r for r in comparison.criteria if r.criterion.direction == "risk")
    # Less exposure leads on a risk criterion.
    best = min(s for s in risk.scores if s is not None)
    assert [risk.scores[i] for i in risk.leaders] == [best]


@pytest.mark.parametrize("names", [("us-japan", "aukus"), ("nato", "quad", "csto")])
def test_drivers_are_the_largest_contribution_gaps(names: tuple[str, ...]) -> None:
    results = [_example(n) for n in names]
    comparison = _compare(results)
    lead = results[comparison.leader]
    for gap in comparison.gaps:
        other = results[gap.other]
        gaps = {
            i.indicator.id: (i.contribution or 0.0) - (j.contribution or 0.0)
            for (_, i), (_, j) in zip(
                lead.indicator_scores(), other.indicator_scores(), strict=True
            )
        }
        # the contribution gaps add up to the score gap
        assert math.fsum(gaps.values()) == pytest.approx(gap.points, abs=1e-9)
        assert gap.drivers is not None and len(gap.drivers) == 3
        top = sorted(gaps.values(), key=abs, reverse=True)[:3]
        assert [d.points for d in gap.drivers] == top
        assert all(gaps[d.indicator_id] == d.points for d in gap.drivers)


def test_geometric_comparison_gives_no_indicator_drivers_and_sampled_pairs() -> None:
    comparison = _compare([_example("us-japan", "geometric"), _example("aukus", "geometric")])
    assert comparison.method == "geometric"
    assert all(gap.drivers is None for gap in comparison.gaps)
    assert all(not o.exact for o in comparison.outrankings)
    assert all(p is None for row in comparison.indicators for p in row.points)


def test_rank_intervals_and_first_share_are_consistent() -> None:
    results = [_example(n) for n in ("quad", "aukus", "us-israel", "nato")]
    comparison = _compare(results)
    assert math.fsum(c.first for c in comparison.contenders) >= 1.0  # ties can share first
    for c in comparison.contenders:
        low, high = c.rank_interval
        assert 1 <= low <= high <= len(results)
        lo_score, hi_score = c.interval
        assert lo_score <= c.result.score <= hi_score
    nato = next(c for c in comparison.contenders if c.label == "nato")
    assert nato.rank_interval == (1, 1)
    # The Quad (52.1) and AUKUS (57.2) are close: each sometimes outranks the other.
    pair = next(o for o in comparison.outrankings if {o.first, o.second} == {0, 1})
    assert 0.1 < pair.probability < 0.9


def test_same_seed_same_comparison_and_another_seed_may_differ() -> None:
    results = [_example(n) for n in ("warsaw-pact", "aukus", "us-israel")]
    first = json.dumps(comparison_record(_compare(results, seed=3), provenance(DEFAULT, "x")))
    again = json.dumps(comparison_record(_compare(results, seed=3), provenance(DEFAULT, "x")))
    assert first == again
    others = {
        json.dumps(comparison_record(_compare(results, seed=s), {})["profiles"])
        for s in range(4, 8)
    }
    assert len(others) > 1


def test_compare_refuses_fewer_than_two_or_mixed_methods() -> None:
    with pytest.raises(ValueError, match="at least two"):
        compare([_example("nato")])
    with pytest.raises(ValueError, match="same criteria set and method"):
        compare([_example("nato"), _example("aukus", "geometric")])


def test_identical_profiles_from_two_files_keep_their_numbers_in_either_order() -> None:
    aukus, japan = _example("aukus"), _example("us-japan")
    paths = ["a.yaml", "j.yaml", "b.yaml"]
    forward = compare([aukus, japan, aukus], paths=paths, samples=SAMPLES)
    backward = compare([aukus, japan, aukus], paths=paths[::-1], samples=SAMPLES)
    assert [c.label for c in forward.contenders] == ["aukus (a.yaml)", "us-japan", "aukus (b.yaml)"]
    assert _by_label(forward) == _by_label(backward)
