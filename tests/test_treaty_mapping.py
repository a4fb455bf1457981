"""``allyeval import atop --model treaty-design``: every indicator read from the provisions,
absences at level 0, a missing code unrated only where it could change the level."""

# ruff: noqa: E501 (the golden table below reads best one case to a line)

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from allyeval.atop.data import ALLIANCE_COLUMNS
from allyeval.atop.importer import run_import_atop
from allyeval.atop.mapping import Values
from allyeval.atop.treaty_mapping import SCALES, read_scale, treaty_ratings
from allyeval.cli.app import app
from allyeval.core.errors import UsageError
from allyeval.core.loader import builtin_criteria, load_profile
from allyeval.core.scoring import score_profile

FIXTURE = Path(__file__).parent / "fixtures" / "atop"
EXPECTED = FIXTURE / "expected-treaty-design"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
TREATY = builtin_criteria("treaty-design")
runner = CliRunner()

READ = {name for s in SCALES for step in s.steps for p in step.when for name in p.variables}
VARIABLES = sorted(READ | {name for s in SCALES for name in s.reads})
RANGES = {c.name: (c.low, c.high if c.high is not None else 6) for c in ALLIANCE_COLUMNS}


def scale(indicator: str) -> Any:
    return next(s for s in SCALES if s.indicator == indicator)


def zeros(**codes: int | None) -> dict[str, int | None]:
    """Every variable the treaty mapping reads at 0, except *codes*."""
    return dict.fromkeys(VARIABLES, 0) | codes


def test_every_indicator_of_the_model_has_a_scale_in_its_order() -> None:
    assert [s.indicator for s in SCALES] == list(TREATY.indicators)


@pytest.mark.parametrize(
    ("indicator", "codes", "expected"),
    [
        ("integrated_command", {"intcom": 1}, (4, "high", "intcom=1 (an integrated military command in peace and war)")),
        ("integrated_command", {"subord": 2}, (3, "high", "subord=2 (forces subordinated to a common or allied command in war)")),
        ("integrated_command", {}, (0, "high", "intcom=0, subord=0 (no integrated command and no subordination of forces: level 0 of a question about the text)")),
        ("integrated_command", {"intcom": 1, "subord": None}, (4, "high", "intcom=1 (an integrated military command in peace and war)")),
        ("integrated_command", {"intcom": None}, None),
        ("integrated_command", {"subord": None}, None),
        ("military_support", {"defense": 1, "consul": 1}, (4, "high", "defense=1 (a defence obligation)")),
        ("military_support", {"offense": 1}, (3, "high", "offense=1 (an offence obligation, with no defence obligation)")),
        ("military_support", {"nonagg": 1}, (2, "high", "nonagg=1 (neutrality or non-aggression only)")),
        ("military_support", {"consul": 1}, (1, "high", "consul=1 (consultation only)")),
        ("treaty_form", {"estmode": 1}, (4, "high", "estmode=1, pubsecr=0 (a public formal treaty)")),
        ("treaty_form", {"estmode": 1, "pubsecr": 1}, (3, "high", "estmode=1, pubsecr=1 (a formal treaty with secret provisions)")),
        ("treaty_form", {"pubsecr": 1}, (2, "high", "estmode=0, pubsecr=1 (a written agreement short of a formal treaty)")),
        ("treaty_form", {"estmode": None, "pubsecr": 2}, (1, "high", "pubsecr=2 (a secret agreement)")),
        ("treaty_form", {"estmode": None}, None),
        ("defence_coordination", {"milcon": 1}, (1, "medium", "milcon=1 (military contact short of regular peacetime contact)")),
        ("military_body", {"organ1": 3, "orgpurp1": 1}, (4, "medium", "orgpurp1=1, organ1=3 (an organisation with a military purpose at ATOP's most developed code)")),
        ("military_body", {"organ2": 3, "orgpurp2": 4, "organ1": 2, "orgpurp1": 3}, (4, "medium", "orgpurp2=4, organ2=3 (an organisation with a military purpose at ATOP's most developed code)")),
        ("military_body", {"organ1": 2, "orgpurp1": 1}, (3, "high", "orgpurp1=1 (an organisation with a military purpose)")),
        ("military_body", {"organ1": 2, "orgpurp1": 3}, (1, "high", "organ1=2 (an organisation, none with a military purpose)")),
        ("military_body", {"organ1": 2, "orgpurp1": 3, "orgpurp2": None}, None),
        ("training_technology", {"milaid": 3, "milcon": 3}, (4, "medium", "milaid=3, milcon=3 (training or technology as aid, and a common defence policy)")),
        ("training_technology", {"milaid": 4}, (3, "high", "milaid=4 (military aid including training or technology)")),
        ("training_technology", {"milcon": 3}, (3, "medium", "milcon=3 (a common defence policy, training and procurement included)")),
        ("training_technology", {"milaid": 2, "milcon": 2}, (0, "high", "milaid=2, milcon=2 (neither training or technology as aid nor a common defence policy: level 0 of a question about the text)")),
        ("training_technology", {"milaid": 3, "milcon": None}, None),
        ("conditions", {"conditio": 1}, (2, "medium", "conditio=1 (the obligations are conditional)")),
    ],
)  # fmt: skip
def test_read_scale(indicator: str, codes: dict[str, int | None], expected: Any) -> None:
    assert read_scale(scale(indicator), zeros(**codes)) == expected


codes_or_missing = st.fixed_dictionaries(
    {name: st.none() | st.integers(*RANGES[name]) for name in VARIABLES}
)


@given(codes_or_missing)
def test_complete_codes_rate_every_indicator(values: Values) -> None:
    ratings = treaty_ratings(values, release="4.01", source="ATOP")
    if all(value is not None for value in values.values()):
        assert list(ratings) == list(TREATY.indicators)
    for indicator, rating in ratings.items():
        assert 0 <= rating["level"] <= 4
        assert rating["confidence"] in ("medium", "high")
        if rating["level"] == 0:
            # an absence names every variable read with its code
            for name in scale(indicator).reads:
                assert f"{name}={values[name]}" in rating["evidence"]


@given(codes_or_missing, st.sampled_from(VARIABLES))
def test_a_missing_code_never_changes_a_level_it_leaves_rated(values: Values, name: str) -> None:
    """Filling in one missing code may rate more indicators, never re-rate a rated one."""
    values = {**values, name: None}
    before = treaty_ratings(values, release="4.01", source="ATOP")
    for code in range(RANGES[name][0], RANGES[name][1] + 1):
        after = treaty_ratings({**values, name: code}, release="4.01", source="ATOP")
        for indicator, rating in before.items():
            assert after[indicator]["level"] == rating["level"]


def test_caveats_only_above_level_zero() -> None:
    ratings = treaty_ratings(zeros(asymm=0, conditio=1), release="4.01", source="S")
    assert ratings["asymmetry"]["evidence"] == (
        "ATOP 4.01: asymm=0 (the same obligations for every member: level 0 of a question about "
        "the text)."
    )
    assert ratings["conditions"]["evidence"].endswith("the text decides between 1 and 4.")
    assert ratings["conditions"]["sources"] == ["S"]


# the import -------------------------------------------------------------------------------


def _import(out: Path, **options: Any) -> int:
    return run_import_atop(
        str(FIXTURE / "alliances.csv"),
        str(out),
        members_csv=str(FIXTURE / "members.csv"),
        states_csv=str(FIXTURE / "states.csv"),
        **options,
    )


def test_fixture_drafts_match_the_reviewed_ones(tmp_path: Path) -> None:
    assert _import(tmp_path, model="treaty-design") == 0
    names = sorted(path.name for path in EXPECTED.glob("*.yaml"))
    assert names == sorted(path.name for path in tmp_path.glob("*.yaml"))
    for name in names:
        assert (tmp_path / name).read_bytes() == (EXPECTED / name).read_bytes(), name


def test_fixture_drafts_are_fully_rated_with_the_leeds_anac_measures() -> None:
    scores = {}
    for path in sorted(EXPECTED.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(
            "# Draft profile imported from ATOP 4.01 by allyeval against the treaty-design"
        )
        profile = load_profile(str(path), TREATY)
        assert profile.criteria == "treaty-design"
        assert {"atop_military_institutionalization", "atop_formality"} <= set(profile.metadata)
        result = score_profile(profile, TREATY)
        assert result.coverage == 1.0
        scores[profile.id] = round(result.score, 2)
    # By hand, NATO 3180: obligations 26/28 (25), integration (base=3 -> 3*2)/32 (30),
    # institutions (organ1=3 -> 4, military 4) 1.0 (20), material 0 (15), limits 0.7 (10):
    # 23.214 + 5.625 + 20 + 0 + 7 = 55.84
    assert scores == {
        "atop-2470": 17.71,
        "atop-3180": 55.84,
        "atop-3285": 56.21,
        "atop-3375": 48.84,
    }


def test_practice_stays_the_default(tmp_path: Path) -> None:
    assert _import(tmp_path / "practice") == 0
    practice = (tmp_path / "practice" / "atop-3180.yaml").read_text(encoding="utf-8")
    assert "\ncriteria:" not in practice
    assert practice == (FIXTURE / "expected" / "atop-3180.yaml").read_text(encoding="utf-8")


def test_unknown_model_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--model 'design' is not one of practice, treaty-design"):
        _import(tmp_path, model="design")


def test_import_and_score_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "td"
    args = ["import", "atop", str(FIXTURE / "alliances.csv"), "--members",
            str(FIXTURE / "members.csv"), "--model", "treaty-design", "-o", str(out)]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    scored = runner.invoke(app, ["score", *sorted(map(str, out.glob("*.yaml"))), "-f", "csv"])
    assert scored.exit_code == 0, scored.stderr
    lines = scored.stdout.splitlines()
    assert lines[0].endswith(
        "obligations,military_integration,institutions,material_support,obligation_limits,"
        "allyeval_version,criteria_name,criteria_version,criteria_sha256,method"
    )
    assert len(lines) == 5
    assert all(",treaty-design,1.0," in line for line in lines[1:])


@pytest.mark.skipif(not SHARED.is_dir(), reason="the ATOP data is not here")
def test_every_atop_alliance_is_rated_except_where_atop_lacks_a_code(tmp_path: Path) -> None:
    atop = SHARED / "atop"
    code = run_import_atop(
        str(atop / "atop4_01a.csv"),
        str(tmp_path),
        members_csv=str(atop / "atop4_01m.csv"),
        states_csv=str(SHARED / "cow" / "states2016.csv"),
        model="treaty-design",
    )
    assert code == 0
    paths = sorted(tmp_path.glob("*.yaml"))
    assert len(paths) == 745
    partial = 0
    for path in paths:
        profile = load_profile(str(path), TREATY)
        unrated = set(TREATY.indicators) - set(profile.rated)
        if unrated:
            partial += 1
            missing = {
                k[5:] for k, v in profile.metadata.items() if k.startswith("atop_") and v is None
            }
            for indicator in unrated:
                assert set(scale(indicator).reads) & missing or any(
                    set(p.variables) & missing for step in scale(indicator).steps for p in step.when
                ), (path.name, indicator)
    assert partial == 19
