"""Criteria model 2.0: the consent gate, the caps, kinds, retired indicators, band probabilities.

Every golden figure is worked out by hand in the comment above it, from the default criteria:
criterion weights 20/20/15/20/10/15, and within them the indicator weights of the file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from allyeval.cli.app import app
from allyeval.core.bands import band_probabilities
from allyeval.core.errors import CriteriaError
from allyeval.core.loader import criteria_from_text, load_criteria, profile_from_text
from allyeval.core.models import CriteriaSet, Profile, Rating
from allyeval.core.scoring import ProfileScore, score_profile
from conftest import MINIMAL_PROFILE

DEFAULT = load_criteria()
ROOT = Path(__file__).parent.parent
runner = CliRunner()
Write = Callable[[str, str], Path]


def profile(levels: dict[str, int | str], kind: str = "multilateral", **confidence: str) -> Profile:
    ratings: dict[str, Any] = {}
    for ident, level in levels.items():
        if level == "n/a":
            ratings[ident] = {"level": "n/a", "evidence": "Not applicable."}
        else:
            conf = confidence.get(ident, "high")
            ratings[ident] = {"level": level, "confidence": conf, "evidence": "Evidence."}
    return Profile.model_validate(
        {
            "id": "p",
            "name": "P",
            "kind": kind,
            "members": ["US", "GB"],
            "established": 1950,
            "formal_basis": "treaty",
            "region": "North Atlantic",
            "as_of": dt.date(2024, 1, 1),
            "summary": "A test profile.",
            "ratings": ratings,
        }
    )


def scored(levels: dict[str, int | str], cs: CriteriaSet = DEFAULT, **kw: Any) -> ProfileScore:
    return score_profile(profile(levels, **kw), cs)


def everything(benefit: int, risk: int, **overrides: int) -> dict[str, int | str]:
    levels: dict[str, int | str] = {
        ident: (risk if crit.direction == "risk" else benefit)
        for ident, (crit, _) in DEFAULT.indicators.items()
    }
    levels.update(overrides)
    return levels


# --- the model file ---------------------------------------------------------------------------


def test_the_model_declares_its_gate_caps_and_retired_indicator() -> None:
    assert DEFAULT.version == "2.0"
    assert [(c.indicator, c.condition, c.band) for c in DEFAULT.caps] == [
        ("strategic_divergence", "strategic_divergence >= 3", "strained"),
        ("deterrence", "deterrence <= 1", "strained"),
        ("voluntary_participation", "voluntary_participation <= 1", "strained"),
        ("voluntary_participation", "voluntary_participation <= 0", "fragile"),
    ]
    [gate] = DEFAULT.gates
    assert gate.indicator == "voluntary_participation"
    assert {"command_and_control", "collaborative_missions", "crisis_response"} <= set(gate.gated)
    assert set(DEFAULT.retired) == {"threat_perception"}
    assert "diplomatic_relations" in DEFAULT.indicators
    assert "leadership styles" in DEFAULT.indicators["compatibility_gaps"][1].question


def test_every_indicator_says_when_it_applies_and_rests_on_key_terms() -> None:
    for _, indicator in DEFAULT.indicators.values():
        assert indicator.applicability, indicator.id
        assert indicator.key_terms, indicator.id
        assert indicator.kinds, indicator.id


def test_the_version_1_file_still_loads_and_scores_a_version_1_profile(write: Write) -> None:
    old = write("old.yaml", MINIMAL_PROFILE.replace("  trust:", "  threat_perception:"))
    result = runner.invoke(
        app, ["score", str(old), "--criteria", str(ROOT / "criteria" / "default-1.yaml")]
    )
    assert result.exit_code == 0, result.stderr
    assert "criteria allyeval-default 1.0" in result.stdout


def test_a_rating_for_a_retired_indicator_says_what_it_became(write: Write) -> None:
    old = write("old.yaml", MINIMAL_PROFILE.replace("  trust:", "  threat_perception:"))
    result = runner.invoke(app, ["validate", str(old)])
    assert result.exit_code == 2
    assert result.stdout == (
        f"{old}:16:3: error: ratings.threat_perception: indicator 'threat_perception' is not in "
        "criteria allyeval-default 2.0: merged into strategic_divergence (challenge exposure), "
        "which rates divergent threat perceptions where the formations document places them, so "
        "that one variable is not counted twice (to score a profile as rated under an earlier "
        "version, pass that model file with --criteria)\n"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"caps": [{"indicator": "x", "at_least": 3, "at_most": 1, "band": "low",
                       "reason": "r"}]},
            "the cap on 'x' needs exactly one of 'at_least' and 'at_most'",
        ),
        (
            {"caps": [{"indicator": "b1", "at_least": 3, "band": "top", "reason": "r"}]},
            "cap on 'b1' names unknown band 'top'",
        ),
        (
            {"caps": [{"indicator": "zz", "at_least": 3, "band": "low", "reason": "r"}]},
            "cap on unknown indicator 'zz'",
        ),
        (
            {"gates": [{"indicator": "b1", "gated": ["r1"], "reason": "r"}]},
            "gate on 'r1': only other indicators of benefit criteria can be gated",
        ),
        ({"retired": {"b1": "became b2"}}, "'b1' is both an indicator and retired"),
    ],
)  # fmt: skip
def test_caps_and_gates_are_checked(change: dict[str, Any], message: str) -> None:
    from builders import criterion

    data: dict[str, Any] = {
        "name": "small",
        "version": "1",
        "title": "Small",
        "bands": [{"name": "high", "min": 50}, {"name": "low", "min": 0}],
        "criteria": [
            criterion("good", "benefit", 1, [("b1", 1), ("b2", 1)]),
            criterion("bad", "risk", 1, [("r1", 1)]),
        ],
        **change,
    }
    with pytest.raises(CriteriaError) as exc:
        criteria_from_text(yaml.safe_dump(data), "c.yaml")
    assert any(p.message.endswith(message) for p in exc.value.problems), exc.value.problems


# --- the consent gate -------------------------------------------------------------------------


def test_consent_limits_the_credit_of_integration() -> None:
    # Interoperability has only command_and_control rated, objective alignment only consent.
    # Consent 1 gates command 4 to 1: 100 * (20 * 1/4 + 20 * 1/4) / 40 = 25.
    gated = scored({"command_and_control": 4, "voluntary_participation": 1})
    assert gated.score == 25.0
    item = next(i for _, i in gated.indicator_scores() if i.indicator.id == "command_and_control")
    assert (item.rating and item.rating.level, item.gated_from) == (1, 4)
    # Consent 4: no limit, 100 * (20 * 1 + 20 * 1) / 40 = 100.
    assert scored({"command_and_control": 4, "voluntary_participation": 4}).score == 100.0
    # Consent unrated: no gate, only interoperability counts: 100.
    assert scored({"command_and_control": 4}).score == 100.0
    # The gate only lowers: command 2 under consent 3 stays 2, 100 * (20*2/4 + 20*3/4)/40 = 62.5.
    assert scored({"command_and_control": 2, "voluntary_participation": 3}).score == 62.5


def test_imposed_integration_cannot_score_as_partnership() -> None:
    # A hegemon's bloc: every gated indicator at 4, consent 0, nothing else rated: every
    # integration indicator counts as 0.
    bloc: dict[str, int | str] = dict.fromkeys(DEFAULT.gates[0].gated, 4)
    bloc["voluntary_participation"] = 0
    result = scored(bloc, DEFAULT.with_min_coverage(0))
    operational = next(c for c in result.criteria if c.criterion.id == "operational_success")
    assert operational.score == 0.0
    # Objective alignment: policy_doctrine (2) gated to 0, consent (3) at 0: utility 0.
    # Interoperability: four gated indicators at 0 (weights 2+3+2+2), nothing else rated: 0.
    assert result.score == 0.0
    assert result.band == "fragile"


# --- the caps ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("override", "band", "condition"),
    [
        ({"strategic_divergence": 3}, "strained", "strategic_divergence >= 3"),
        ({"strategic_divergence": 4}, "strained", "strategic_divergence >= 3"),
        ({"deterrence": 1}, "strained", "deterrence <= 1"),
        ({"deterrence": 0}, "strained", "deterrence <= 0"),
        ({"voluntary_participation": 1}, "strained", "voluntary_participation <= 1"),
    ],
)
def test_each_cap_holds_whatever_the_score(
    override: dict[str, int], band: str, condition: str
) -> None:
    # Everything else best: the score's own band is above the cap, the band is the cap's.
    result = scored(everything(4, 0, **override))
    assert DEFAULT.band_rank(DEFAULT.band(result.score)) < DEFAULT.band_rank(band)
    assert result.band == band
    shown = [cap.condition for cap in result.capped_by]
    assert shown[0].split(" ")[0] == condition.split(" ")[0]
    assert result.band_text.startswith(f"{band} (capped by ")


def test_force_between_members_caps_at_fragile() -> None:
    # Consent 0 gates nine indicators to 0. Operational success 0; objective alignment
    # (3 + 2 + 2) / 12 (policy_doctrine and consent at 0); interoperability (2 + 1) / 12
    # (technology and cyber only); the rest 1: 100 * (20*7/12 + 15 + 20/4 + 10 + 15) / 100
    # = 56.67, strained by score. Only the fragile cap lowers it further, so only it is shown.
    result = scored(everything(4, 0, voluntary_participation=0))
    assert result.score == pytest.approx(56.6667, abs=1e-4)
    assert result.band == "fragile"
    assert result.capped_note == "capped by voluntary_participation <= 0"


def test_a_cap_that_does_not_lower_the_band_is_not_shown() -> None:
    # All benefits 1, risks 3: 100 * (85 * 1/4 + 15 * 1/4) / 100 = 25, fragile already.
    result = scored(everything(1, 3))
    assert result.score == 25.0
    assert (result.band, result.capped_by, result.band_text) == ("fragile", (), "fragile")


def test_every_benefit_at_4_with_every_risk_at_4_is_not_robust() -> None:
    # 100 * (85 * 1 + 15 * 0) / 100 = 85: robust by score, but strategic divergence at 4
    # (members acting against each other) caps the band at strained.
    result = scored(everything(4, 4))
    assert result.score == 85.0
    assert result.band == "strained"
    assert result.capped_note == "capped by strategic_divergence >= 3"


def test_all_at_3_with_risks_at_1_is_exactly_75_and_all_at_2_exactly_50() -> None:
    assert scored(everything(3, 1)).score == 75.0
    assert scored(everything(3, 1)).band == "robust"
    assert scored(everything(2, 2)).score == 50.0


def test_capped_by_in_every_format(write: Write) -> None:
    text = MINIMAL_PROFILE.replace(
        "level: 1\n    confidence: low", "level: 3\n    confidence: high"
    )
    path = write("p.yaml", text)
    args = ["score", str(path), "--min-coverage", "0"]
    [record] = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert (record["band"], record["capped_by"]) == ("strained", ["strategic_divergence >= 3"])
    assert "STRAINED (capped by strategic_divergence >= 3)" in runner.invoke(app, args).stdout
    markdown = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    # Markdown escapes what it could read as syntax; it renders as the text above
    assert "strained (capped by strategic\\_divergence \\>= 3)**" in markdown
    csv_text = runner.invoke(app, [*args, "-f", "csv"]).stdout
    assert ",strained,strategic_divergence >= 3," in csv_text


# --- kinds ------------------------------------------------------------------------------------


def test_an_indicator_outside_the_kind_is_n_a_and_a_warning(write: Write) -> None:
    # A strategic dialogue: readiness is n/a whatever is rated. Operational success has
    # joint_exercises 4 only: 100 * (20 * 1 + 20 * 2/4) / 40 = 75 (trust 2 in alignment).
    text = MINIMAL_PROFILE.replace("kind: bilateral", "kind: strategic_dialogue").replace(
        "ratings:\n",
        "ratings:\n  readiness:\n    level: 0\n    confidence: high\n"
        "    evidence: Nothing held ready.\n",
    )
    result = profile_from_text(text, "d.yaml", DEFAULT)
    score = score_profile(result, DEFAULT)
    item = next(i for _, i in score.indicator_scores() if i.indicator.id == "readiness")
    assert item.state == "n/a"
    checked = runner.invoke(app, ["validate", str(write("d.yaml", text)), "--strict"])
    assert checked.exit_code == 2
    assert checked.stdout.endswith(
        ":12:12: error: ratings.readiness.level: readiness does not apply to a strategic dialogue "
        "(criteria allyeval-default 2.0 applies it to: bilateral, multilateral); it is scored "
        "n/a, so write level: n/a\n"
    )


# --- band probabilities -----------------------------------------------------------------------


def test_band_probabilities_by_hand() -> None:
    cs = DEFAULT.with_min_coverage(0)
    # joint_exercises 3, medium: levels 2, 3, 4 with 1/4, 1/2, 1/4, scores 50, 75, 100.
    one = scored({"joint_exercises": 3}, cs, joint_exercises="medium")
    assert band_probabilities(one) == {
        "robust": 0.75, "effective": 0.0, "strained": 0.25, "fragile": 0.0,
    }  # fmt: skip
    # Plus strategic_divergence 3 (high): 100 * (20 * u + 15 / 4) / 35 for u = 1/2, 3/4, 1
    # gives 39.29 (fragile), 53.57 (strained), 67.86 (effective, capped to strained).
    two = scored({"joint_exercises": 3, "strategic_divergence": 3}, cs, joint_exercises="medium")
    assert band_probabilities(two) == {
        "robust": 0.0, "effective": 0.0, "strained": 0.75, "fragile": 0.25,
    }  # fmt: skip


def test_band_probabilities_of_a_provisional_profile_and_the_geometric_method() -> None:
    assert band_probabilities(scored({"joint_exercises": 3})) == {"insufficient": 1.0}
    result = score_profile(profile(everything(3, 1), joint_exercises="low"), DEFAULT, "geometric")
    found = band_probabilities(result, seed=1, samples=2000)
    assert list(found) == ["robust", "effective", "strained", "fragile"]
    assert sum(found.values()) == pytest.approx(1.0)
    # seeded: the same seed gives the same shares, another seed other ones
    assert found == band_probabilities(result, seed=1, samples=2000)
    assert found != band_probabilities(result, seed=2, samples=2000)


@pytest.mark.parametrize("benefit", [0, 1, 2, 3, 4])
def test_geometric_band_probabilities_band_each_draw_as_a_score_is_banded(benefit: int) -> None:
    """The geometric method's shares are the draws banded one by one, as the criteria band a
    score (no cap holds here), from the lowest band to the highest; the default seed is 0."""
    from allyeval.core.uncertainty import sampled_scores

    levels = everything(benefit, 4 - benefit)
    confidences = dict.fromkeys(levels, "low")
    result = score_profile(profile(levels, **confidences), DEFAULT, "geometric")
    assert not result.capped_by and not result.provisional
    draws = sampled_scores(result, seed=3, samples=400)
    expected = {band.name: 0.0 for band in DEFAULT.bands}
    for value in draws:
        expected[DEFAULT.band(value)] += 1 / len(draws)
    found = band_probabilities(result, seed=3, samples=400)
    assert found == pytest.approx(expected, abs=1e-12)
    assert band_probabilities(result, samples=400) == band_probabilities(
        result, seed=0, samples=400
    )


def test_band_probabilities_in_the_reports() -> None:
    nato = str(ROOT / "examples" / "nato.yaml")
    [record] = json.loads(runner.invoke(app, ["score", nato, "-f", "json"]).stdout)
    assert list(record["band_probabilities"]) == ["robust", "effective", "strained", "fragile"]
    assert sum(record["band_probabilities"].values()) == pytest.approx(1.0, abs=1e-3)
    assert "Band probabilities: robust " in runner.invoke(app, ["score", nato]).stdout


# --- the examples -----------------------------------------------------------------------------


def test_the_examples_score_under_2_0_and_the_warsaw_pact_is_gated() -> None:
    from allyeval import load_profile

    warsaw = score_profile(load_profile(ROOT / "examples" / "warsaw-pact.yaml", DEFAULT), DEFAULT)
    gated = {i.indicator.id: i.gated_from for _, i in warsaw.indicator_scores() if i.gated_from}
    assert gated == {
        "joint_exercises": 3, "readiness": 3, "policy_doctrine": 3, "standard_procedures": 4,
        "command_and_control": 4, "integrated_communications": 3, "joint_training": 2,
    }  # fmt: skip
    assert warsaw.band == "fragile"


def test_consent_is_rated_in_every_example() -> None:
    for path in sorted((ROOT / "examples").glob("*.yaml")) + sorted(
        (ROOT / "examples" / "nato-series").glob("*.yaml")
    ):
        text = path.read_text(encoding="utf-8")
        result = profile_from_text(text, str(path), DEFAULT)
        assert isinstance(result.ratings.get("voluntary_participation"), Rating), path.name


def test_reports_show_the_level_as_rated_where_the_gate_lowered_it() -> None:
    warsaw = str(ROOT / "examples" / "warsaw-pact.yaml")
    markdown = runner.invoke(app, ["score", warsaw, "-f", "markdown"]).stdout
    prefix = "| Interoperability: Command and control, liaison and joint command centres | 0/4 |"
    row = next(line for line in markdown.splitlines() if line.startswith(prefix))
    assert "(rated 4/4; counted at the consent level)" in row
    [record] = json.loads(runner.invoke(app, ["score", warsaw, "-f", "json"]).stdout)
    interop = next(c for c in record["criteria"] if c["id"] == "interoperability")
    command = next(i for i in interop["indicators"] if i["id"] == "command_and_control")
    assert (command["level"], command["gated_from"]) == (0, 4)


def test_init_says_when_each_indicator_is_n_a_or_unrated() -> None:
    template = runner.invoke(app, ["init"]).stdout
    assert "  # n/a or unrated: n/a before military networks could be attacked" in template
    assert template.count("# n/a or unrated:") == len(DEFAULT.indicators)
