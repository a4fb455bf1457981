"""Strengths, weaknesses and recommendations of a score, and the ranking of several scores."""

from __future__ import annotations

import datetime as dt

from allyeval.core.findings import Finding, find
from allyeval.core.models import CriteriaSet, Profile
from allyeval.core.scoring import score_profile
from allyeval.render.ranking import RankedEntry, rank
from builders import criterion

# Criterion weights ops 2, pol 1, risk 1, gap 1. With gap unrated the used weight is 4, so the
# shares are ops 1/2, pol 1/4, risk 1/4 and the indicator shares (all dyadic, exact in floats):
#   o1 = 1/2 * 1/4 = 1/8, o2 = 1/8, o3 = 1/2 * 2/4 = 1/4, p1 = p2 = 1/8, k1 = k2 = 1/8.
# An indicator with share 1/8 adds 12.5 * u points and costs 12.5 * (1 - u); o3 (share 1/4)
# adds 25 * u and costs 25 * (1 - u).
CRITERIA = CriteriaSet.model_validate(
    {
        "name": "findings-test",
        "version": "1",
        "title": "Findings test criteria",
        "bands": [{"name": "good", "min": 50}, {"name": "poor", "min": 0}],
        "criteria": [
            criterion("ops", "benefit", 2, [("o1", 1), ("o2", 1), ("o3", 2)]),
            criterion("pol", "benefit", 1, [("p1", 1), ("p2", 1)]),
            criterion("risk", "risk", 1, [("k1", 1), ("k2", 1)]),
            criterion("gap", "benefit", 1, [("g1", 1)]),
        ],
    }
)

CRITERION_OF = {ident: crit.id for ident, (crit, _) in CRITERIA.indicators.items()}


def _profile(ratings: dict[str, int]) -> Profile:
    return Profile.model_validate(
        {
            "id": "findings-profile",
            "name": "Findings partnership",
            "kind": "multilateral",
            "members": ["A", "B", "C"],
            "established": 2001,
            "formal_basis": "mou",
            "region": "Nowhere",
            "as_of": dt.date(2024, 6, 30),
            "summary": "Made up for tests.",
            "ratings": {
                key: {"level": level, "confidence": "high", "evidence": f"evidence for {key}"}
                for key, level in ratings.items()
            },
        }
    )


def _strength(ident: str, level: int, points: float) -> Finding:
    return Finding(
        CRITERION_OF[ident], ident, f"Indicator {ident}", level, points, f"evidence for {ident}"
    )


_weakness = _strength


def _recommendation(ident: str, level: int, points: float) -> Finding:
    return Finding(
        CRITERION_OF[ident], ident, f"Indicator {ident}", level, points, f"Improve {ident}."
    )


def test_at_most_three_of_each_however_many_qualify() -> None:
    top = {"o1": 4, "o2": 4, "o3": 4, "p1": 4, "p2": 4, "k1": 0, "k2": 0}
    best = find(score_profile(_profile(top), CRITERIA))
    worst = find(score_profile(_profile({k: 4 - v for k, v in top.items()}), CRITERIA))
    # Seven candidates each; o3 (share 1/4, 25 points) leads, then the 12.5s in file order.
    assert [f.indicator_id for f in best.strengths] == ["o3", "o1", "o2"]
    assert [f.indicator_id for f in worst.weaknesses] == ["o3", "o1", "o2"]
    assert [f.indicator_id for f in worst.recommendations] == ["o3", "o1", "o2"]
    assert best.weaknesses == best.recommendations == worst.strengths == ()


def test_strengths_by_contribution_ties_in_file_order() -> None:
    ratings = {"o1": 4, "o2": 3, "o3": 4, "p1": 4, "p2": 2, "k1": 0, "k2": 4}
    findings = find(score_profile(_profile(ratings), CRITERIA))
    # u >= 0.75: o1 (u=1, 12.5), o2 (u=0.75, 12.5*0.75 = 9.375), o3 (u=1, 25*1 = 25),
    # p1 (u=1, 12.5), k1 (risk 0 -> u=1, 12.5). p2 (u=0.5) and k2 (u=0) are not strengths.
    # By points: o3 25, then the tie o1 = p1 = k1 = 12.5 in file order; only 3 kept.
    assert findings.strengths == (
        _strength("o3", 4, 25.0),
        _strength("o1", 4, 12.5),
        _strength("p1", 4, 12.5),
    )
    # u <= 0.25: only k2 (risk 4 -> u=0), costing 12.5 * 1 = 12.5
    assert findings.weaknesses == (_weakness("k2", 4, 12.5),)
    # u <= 0.5: k2 costs 12.5, p2 (u=0.5) costs 12.5 * 0.5 = 6.25: by points, not file order
    assert findings.recommendations == (
        _recommendation("k2", 4, 12.5),
        _recommendation("p2", 2, 6.25),
    )
    assert findings.unrated_criteria == ("gap",)


def test_weaknesses_by_points_lost_ties_in_file_order() -> None:
    ratings = {"o1": 1, "o2": 0, "o3": 1, "p1": 0, "p2": 2, "k1": 3, "k2": 4}
    findings = find(score_profile(_profile(ratings), CRITERIA))
    # u <= 0.25 and points lost: o1 (u=0.25, 12.5*0.75 = 9.375), o2 (u=0, 12.5),
    # o3 (u=0.25, 25*0.75 = 18.75), p1 (u=0, 12.5), k1 (risk 3 -> u=0.25, 9.375),
    # k2 (risk 4 -> u=0, 12.5). Order: o3 18.75, then o2 = p1 = k2 = 12.5 in file order.
    assert findings.weaknesses == (
        _weakness("o3", 1, 18.75),
        _weakness("o2", 0, 12.5),
        _weakness("p1", 0, 12.5),
    )
    # recommendations also take p2 (u=0.5, 6.25) into account, but it costs less
    assert findings.recommendations == (
        _recommendation("o3", 1, 18.75),
        _recommendation("o2", 0, 12.5),
        _recommendation("p1", 0, 12.5),
    )
    assert findings.strengths == ()
    assert findings.unrated_criteria == ("gap",)


def test_recommendation_includes_a_middle_rating_that_is_no_weakness() -> None:
    ratings = {"o1": 1, "o2": 4, "o3": 2, "p1": 4, "p2": 4, "k1": 0, "k2": 0}
    findings = find(score_profile(_profile(ratings), CRITERIA))
    # o3 at 2: u = 0.5, not a weakness, but it costs 25 * 0.5 = 12.5, more than o1's
    # 12.5 * 0.75 = 9.375, so it is the first recommendation.
    assert findings.recommendations == (
        _recommendation("o3", 2, 12.5),
        _recommendation("o1", 1, 9.375),
    )
    assert findings.weaknesses == (_weakness("o1", 1, 9.375),)
    # strengths: o2, p1, p2, k1, k2 all add 12.5 * 1 = 12.5: the first three in file order
    assert findings.strengths == (
        _strength("o2", 4, 12.5),
        _strength("p1", 4, 12.5),
        _strength("p2", 4, 12.5),
    )


def test_utility_boundaries() -> None:
    # benefit 3 (u=0.75) and risk 1 (u=0.75) are strengths; benefit 1 (u=0.25) and risk 3
    # (u=0.25) are weaknesses; benefit 2 (u=0.5) is neither, only a recommendation.
    findings = find(
        score_profile(_profile({"o1": 3, "k1": 1, "p1": 1, "k2": 3, "o2": 2}), CRITERIA)
    )
    # shares: ops rated o1, o2 (weight 2) -> each 1/2 * 1/2 = 1/4; pol only p1 -> 1/4;
    # risk k1, k2 -> 1/8 each.
    # strengths: o1 25*0.75 = 18.75, k1 12.5*0.75 = 9.375
    assert findings.strengths == (_strength("o1", 3, 18.75), _strength("k1", 1, 9.375))
    # weaknesses: p1 25*0.75 = 18.75, k2 12.5*0.75 = 9.375
    assert findings.weaknesses == (_weakness("p1", 1, 18.75), _weakness("k2", 3, 9.375))
    # recommendations: p1 18.75, o2 25*0.5 = 12.5, k2 9.375
    assert findings.recommendations == (
        _recommendation("p1", 1, 18.75),
        _recommendation("o2", 2, 12.5),
        _recommendation("k2", 3, 9.375),
    )


def test_unrated_criteria_in_file_order() -> None:
    findings = find(score_profile(_profile({"o1": 2, "k2": 1}), CRITERIA))
    assert findings.unrated_criteria == ("pol", "gap")
    everything = dict.fromkeys(CRITERIA.indicators, 2)
    assert find(score_profile(_profile(everything), CRITERIA)).unrated_criteria == ()


def test_unrated_indicators_never_appear() -> None:
    findings = find(score_profile(_profile({"o1": 0, "p1": 4}), CRITERIA))
    listed = {f.indicator_id for f in (*findings.strengths, *findings.weaknesses)}
    listed |= {f.indicator_id for f in findings.recommendations}
    assert listed == {"o1", "p1"}


# --------------------------------------------------------------------------------------------
# Ranking


def _entry(ident: str, score: float) -> RankedEntry:
    return RankedEntry(0, ident, f"Name {ident}", score, "band", 1.0, f"{ident}.yaml")


def test_rank_ties_share_a_rank_and_keep_input_order() -> None:
    entries = [_entry("a", 70.0), _entry("b", 90.0), _entry("c", 50.0), _entry("d", 70.0)]
    ranked = rank(entries)
    assert [(e.rank, e.id) for e in ranked] == [(1, "b"), (2, "a"), (2, "d"), (4, "c")]
    # every other field is carried over unchanged
    assert [(e.name, e.score, e.band, e.coverage, e.path) for e in ranked] == [
        ("Name b", 90.0, "band", 1.0, "b.yaml"),
        ("Name a", 70.0, "band", 1.0, "a.yaml"),
        ("Name d", 70.0, "band", 1.0, "d.yaml"),
        ("Name c", 50.0, "band", 1.0, "c.yaml"),
    ]
    # the input is not changed
    assert [(e.rank, e.id) for e in entries] == [(0, "a"), (0, "b"), (0, "c"), (0, "d")]


def test_rank_three_way_tie_at_the_top_and_exact_comparison() -> None:
    entries = [
        _entry("x", 60.0),
        _entry("y", 80.0),
        _entry("z", 80.0),
        _entry("w", 80.0),
        _entry("v", 60.000000000001),
    ]
    ranked = rank(entries)
    # 60.000000000001 is not tied with 60.0: ties are by exact score
    assert [(e.rank, e.id) for e in ranked] == [
        (1, "y"),
        (1, "z"),
        (1, "w"),
        (4, "v"),
        (5, "x"),
    ]


def test_rank_empty_and_single() -> None:
    assert rank([]) == []
    assert [(e.rank, e.id) for e in rank([_entry("solo", 0.0)])] == [(1, "solo")]
