"""Every rule of an ATOP mapping, one table row each: the level, confidence and evidence it gives.

``fixtures/atop/rules.csv`` holds 24 real alliances copied row for row from ATOP 4.01, chosen so
that every provision a rule reads occurs in at least one of them (with the codes a rule accepts
and some it refuses), and every branch of ``formal_commitment`` has a row. A case keeps only the
variables its rule reads (*keep*), so the rule is tested on its own, with the real codes,
whatever else the treaty contains; the golden rows check the rules together on whole rows,
where the highest level wins.

The table is written out by hand, never read from the mapping: a changed level, confidence,
code or wording in the mapping fails here. A second mapping plugs in with an entry in
``MAPPINGS`` (its derive function and the keys of its rules) and its cases in ``CASES``.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from allyeval.atop import mapping as mapping_module
from allyeval.atop.data import Alliance, Row, column_index, parse_alliance
from allyeval.atop.mapping import (
    RULES,
    Rule,
    Values,
    derive_ratings,
    formal_commitment,
    military_institutionalization,
)

RULES_CSV = Path(__file__).parent / "fixtures" / "atop" / "rules.csv"
RELEASE = "4.01"
SOURCE = "ATOP 4.01, alliance file"
PRACTICE = "Treaty text, not practice: "

RuleKey = tuple[str, int, tuple[str, ...]]
"""A rule by what it does: indicator, level, and the variables it reads (sorted)."""


def _read_rows() -> dict[int, Values]:
    with RULES_CSV.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    header, index = lines[0], column_index(lines[0])
    rows: dict[int, Values] = {}
    for number, cells in enumerate(lines[1:], start=2):
        alliance = parse_alliance(Row(str(RULES_CSV), number, cells), header, index)
        assert isinstance(alliance, Alliance), alliance
        rows[alliance.atopid] = alliance.values
    return rows


ROWS = _read_rows()


@dataclass(frozen=True)
class MappingUnderTest:
    derive: Callable[[Values], Mapping[str, Mapping[str, Any]]]
    rule_keys: Callable[[], set[RuleKey]]
    evidence_prefix: str
    """What every piece of evidence starts with, before the provisions found."""


def _practice_keys() -> set[RuleKey]:
    return {
        (rule.indicator, rule.level, tuple(sorted(v for p in rule.when for v in p.variables)))
        for rule in RULES
    }


MAPPINGS: dict[str, MappingUnderTest] = {
    "practice": MappingUnderTest(
        lambda values: derive_ratings(values, release=RELEASE, source=SOURCE),
        _practice_keys,
        f"ATOP {RELEASE}: ",
    ),
}


@dataclass(frozen=True)
class Case:
    mapping: str
    indicator: str
    level: int
    confidence: str
    atopid: int
    keep: str
    """The variables the rule reads, kept from the real row; every other one is missing."""
    evidence: str
    """The provisions found and what they mean, as the evidence quotes them."""
    reads: str = ""
    """The variables the rule's key names, when *keep* adds ones it only quotes."""

    @property
    def key(self) -> RuleKey:
        return (self.indicator, self.level, tuple(sorted((self.reads or self.keep).split())))

    @property
    def values(self) -> dict[str, int | None]:
        row = ROWS[self.atopid]
        return {name: row[name] for name in self.keep.split()}


MIL_ORG = "the treaty creates an organisation with a military purpose"
SUBORDINATED = "forces subordinated to a common or allied command in war"
AID = "military aid including training and/or technology transfer"
FORMAL_ORG = "a formal organisation created by the treaty"
MOST_DEVELOPED = f"{FORMAL_ORG}, at ATOP's most developed code"
SHORT_OF = "an organisational provision short of a formal organisation"
THREAT = (
    "the treaty names a specific threat, a convergent objective set out jointly; statthr is the "
    "COW code of a state named"
)
BACKED = "a defence obligation backed by bases or troops on members' territory"
BASES = "bases or troops of one member on another member's territory"

CASES: tuple[Case, ...] = (
    # command_and_control
    Case("practice", "command_and_control", 4, "medium", 1030, "intcom",
         "intcom=1 (integrated military command in peace and war)"),
    Case("practice", "command_and_control", 3, "low", 1010, "subord", f"subord=1 ({SUBORDINATED})"),
    Case("practice", "command_and_control", 3, "low", 1070, "subord", f"subord=2 ({SUBORDINATED})"),
    Case("practice", "command_and_control", 2, "low", 1180, "orgpurp1 orgpurp2",
         f"orgpurp1=1 ({MIL_ORG})"),
    Case("practice", "command_and_control", 2, "low", 1320, "orgpurp1 orgpurp2",
         f"orgpurp1=4 ({MIL_ORG})"),
    Case("practice", "command_and_control", 2, "low", 3130, "orgpurp1 orgpurp2",
         f"orgpurp2=1 ({MIL_ORG})"),
    Case("practice", "command_and_control", 2, "low", 4175, "milcon",
         "milcon=3 (common defence policy, joint planning included)"),
    Case("practice", "command_and_control", 1, "low", 1230, "milcon",
         "milcon=2 (military contact in peacetime)"),
    # standard_procedures
    Case("practice", "standard_procedures", 2, "low", 4175, "milcon",
         "milcon=3 (common defence policy: doctrine, training, procurement and joint planning)"),
    Case("practice", "standard_procedures", 2, "low", 1030, "intcom",
         "intcom=1 (an integrated command, which needs agreed common procedures)"),
    # joint_training
    Case("practice", "joint_training", 2, "low", 4175, "milcon",
         "milcon=3 (common defence policy, training included)"),
    Case("practice", "joint_training", 1, "low", 1320, "milaid", f"milaid=3 ({AID})"),
    Case("practice", "joint_training", 1, "low", 2030, "milaid", f"milaid=4 ({AID})"),
    # technology_intelligence_sharing
    Case("practice", "technology_intelligence_sharing", 2, "low", 1320, "milaid",
         f"milaid=3 ({AID})"),
    Case("practice", "technology_intelligence_sharing", 2, "low", 2030, "milaid",
         f"milaid=4 ({AID})"),
    # readiness
    Case("practice", "readiness", 2, "low", 1030, "contrib",
         "contrib=1 (the members' contributions of forces or resources are specified)"),
    Case("practice", "readiness", 2, "low", 4175, "milcon",
         "milcon=3 (common defence policy, joint planning included)"),
    # governance_review: a row can hold two organisations; every one found is quoted.
    Case("practice", "governance_review", 3, "medium", 1320, "organ1 organ2",
         f"organ1=3 ({MOST_DEVELOPED})"),
    Case("practice", "governance_review", 3, "medium", 3755, "organ1 organ2",
         f"organ2=3 ({MOST_DEVELOPED}); organ1=2 ({FORMAL_ORG})"),
    Case("practice", "governance_review", 2, "medium", 1180, "organ1 organ2",
         f"organ1=2 ({FORMAL_ORG})"),
    Case("practice", "governance_review", 2, "medium", 4005, "organ1 organ2",
         f"organ2=2 ({FORMAL_ORG}); organ1=1 ({SHORT_OF})"),
    Case("practice", "governance_review", 1, "low", 1035, "organ1 organ2",
         f"organ1=1 ({SHORT_OF})"),
    # policy_doctrine
    Case("practice", "policy_doctrine", 3, "low", 4175, "milcon",
         "milcon=3 (common defence policy, doctrine included)"),
    # strategic_objectives: the states named are quoted, not required.
    Case("practice", "strategic_objectives", 3, "low", 1015, "specthrt statthr1 statthr2",
         f"specthrt=5 ({THREAT})", reads="specthrt"),
    Case("practice", "strategic_objectives", 3, "low", 1180, "specthrt statthr1 statthr2",
         f"specthrt=4, statthr1=365 ({THREAT})", reads="specthrt"),
    Case("practice", "strategic_objectives", 3, "low", 1040, "specthrt statthr1 statthr2",
         f"specthrt=1, statthr1=616, statthr2=615 ({THREAT})", reads="specthrt"),
    Case("practice", "strategic_objectives", 3, "low", 1415, "specthrt statthr1 statthr2",
         f"specthrt=2 ({THREAT})", reads="specthrt"),
    Case("practice", "strategic_objectives", 3, "low", 1210, "specthrt statthr1 statthr2",
         f"specthrt=3, statthr1=300 ({THREAT})", reads="specthrt"),
    Case("practice", "strategic_objectives", 3, "low", 1385, "specthrt statthr1 statthr2",
         f"specthrt=6 ({THREAT})", reads="specthrt"),
    # deterrence
    Case("practice", "deterrence", 3, "low", 1035, "defense base", f"defense=1, base=1 ({BACKED})"),
    Case("practice", "deterrence", 3, "low", 3345, "defense base", f"defense=1, base=2 ({BACKED})"),
    Case("practice", "deterrence", 3, "low", 1040, "defense base", f"defense=1, base=3 ({BACKED})"),
    # sovereignty_concerns
    Case("practice", "sovereignty_concerns", 1, "low", 2500, "base", f"base=3 ({BASES})"),
    Case("practice", "sovereignty_concerns", 1, "low", 1035, "base", f"base=1 ({BASES})"),
    Case("practice", "sovereignty_concerns", 1, "low", 3345, "base", f"base=2 ({BASES})"),
    Case("practice", "sovereignty_concerns", 1, "low", 1010, "subord",
         f"subord=1 ({SUBORDINATED})"),
    Case("practice", "sovereignty_concerns", 1, "low", 1070, "subord",
         f"subord=2 ({SUBORDINATED})"),
    # strategic_divergence
    Case("practice", "strategic_divergence", 2, "low", 1010, "asymm",
         "asymm=1 (the obligations differ between members)"),
    Case("practice", "strategic_divergence", 1, "low", 1015, "conditio",
         "conditio=1 (the obligations are conditional, e.g. on the place or the attacker)"),
)  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.mapping}-{c.indicator}-{c.atopid}")
def test_each_rule_gives_its_level_confidence_and_evidence(case: Case) -> None:
    mapping = MAPPINGS[case.mapping]
    rating = mapping.derive(case.values)[case.indicator]
    assert (rating["level"], rating["confidence"]) == (case.level, case.confidence)
    evidence = rating["evidence"]
    assert evidence.startswith(f"{mapping.evidence_prefix}{case.evidence}. "), evidence
    assert rating["sources"] == [SOURCE]


@pytest.mark.parametrize("name", sorted(MAPPINGS))
def test_every_rule_has_a_case(name: str) -> None:
    cased = {case.key for case in CASES if case.mapping == name}
    assert cased == MAPPINGS[name].rule_keys()


@pytest.mark.parametrize(
    ("indicator", "atopid", "keep"),
    [
        ("command_and_control", 1015, "milcon"),  # milcon=1: contact only in war
        ("command_and_control", 3755, "orgpurp1 orgpurp2"),  # purposes 5 and 2: not military
        ("command_and_control", 1230, "intcom subord"),  # both 0
        ("joint_training", 1010, "milaid"),  # milaid=2: aid without training or technology
        ("readiness", 1015, "contrib"),  # contrib=0
        ("governance_review", 1015, "organ1 organ2"),  # both 0
        ("strategic_objectives", 1010, "specthrt statthr1"),  # specthrt=0
        ("deterrence", 2500, "defense base"),  # bases without a defence obligation
        ("deterrence", 1030, "defense base"),  # a defence obligation without bases
        ("sovereignty_concerns", 1015, "base"),  # base=0
        ("strategic_divergence", 1030, "asymm"),  # asymm=0
    ],
)
def test_a_provision_the_treaty_lacks_leaves_the_indicator_unrated(
    indicator: str, atopid: int, keep: str
) -> None:
    values = {name: ROWS[atopid][name] for name in keep.split()}
    assert indicator not in MAPPINGS["practice"].derive(values)


def test_a_missing_code_is_not_a_provision() -> None:
    values: dict[str, int | None] = dict.fromkeys(("intcom", "subord", "milcon", "base"))
    ratings = MAPPINGS["practice"].derive(values)
    assert set(ratings) == {"formal_commitment"}


# Whole rows: on each indicator the highest level wins, and every matching rule is quoted.
GOLDEN_ROWS: dict[int, dict[str, tuple[int, str]]] = {
    # 1992: a defence pact with a common defence policy (milcon=3) and two organisations.
    4175: {
        "readiness": (2, "low"),
        "policy_doctrine": (3, "low"),
        "governance_review": (3, "medium"),
        "standard_procedures": (2, "low"),
        "command_and_control": (2, "low"),
        "joint_training": (2, "low"),
    },
    # 1815: integrated command and subordination; contributions specified; conditional.
    1030: {
        "readiness": (2, "low"),
        "standard_procedures": (2, "low"),
        "command_and_control": (4, "medium"),
        "sovereignty_concerns": (1, "low"),
        "strategic_divergence": (1, "low"),
    },
    # 1948: integrated command, a military organisation and peacetime contact, bases, a threat.
    3130: {
        "readiness": (2, "low"),
        "strategic_objectives": (3, "low"),
        "governance_review": (3, "medium"),
        "standard_procedures": (2, "low"),
        "command_and_control": (4, "medium"),
        "deterrence": (3, "low"),
        "strategic_divergence": (1, "low"),
        "sovereignty_concerns": (1, "low"),
    },
}


@pytest.mark.parametrize("atopid", sorted(GOLDEN_ROWS))
def test_whole_rows_rate_each_indicator_at_its_highest_rule(atopid: int) -> None:
    ratings = MAPPINGS["practice"].derive(ROWS[atopid])
    got = {k: (r["level"], r["confidence"]) for k, r in ratings.items() if k != "formal_commitment"}
    assert got == GOLDEN_ROWS[atopid]


def test_equal_levels_are_all_quoted_the_first_listed_leading() -> None:
    # 4175: command_and_control at 2 from the military organisation and from milcon=3.
    evidence = MAPPINGS["practice"].derive(ROWS[4175])["command_and_control"]["evidence"]
    assert evidence.startswith(
        f"ATOP {RELEASE}: orgpurp1=4, orgpurp2=1 ({MIL_ORG}); "
        "milcon=3 (common defence policy, joint planning included). "
    )
    assert evidence.endswith(f"{PRACTICE}whether the command was set up and used is not coded.")


def test_the_highest_level_leads_the_evidence() -> None:
    # 3130: intcom=1 (level 4) and milcon=2 (level 1); the level-4 rule is quoted first.
    evidence = MAPPINGS["practice"].derive(ROWS[3130])["command_and_control"]["evidence"]
    first, second, third = evidence.split("; ")[:3]
    assert first == f"ATOP {RELEASE}: intcom=1 (integrated military command in peace and war)"
    assert second == f"orgpurp2=1 ({MIL_ORG})"
    assert third.startswith("milcon=2 (military contact in peacetime). ")


# formal_commitment: every branch, on real rows where ATOP has one.
NO_RATIFICATION = "ATOP does not code ratification or how strictly each obligation is worded."
PUBLIC = "estmode=1, pubsecr=0 (a public formal treaty)"


@pytest.mark.parametrize(
    ("atopid", "level", "confidence", "evidence"),
    [
        (1030, 4, "medium", "defense=1, offense=0, neutral=0, nonagg=0, consul=1 (obligations: "
         f"defence, consultation); {PUBLIC}; defcon=0 (no condition on the defence obligation); "
         "contrib=1, intcom=1 (responsibilities or implementing agreements defined)"),
        (1205, 3, "medium", "defense=1, offense=0, neutral=1, nonagg=0, consul=0 (obligations: "
         f"defence, neutrality); {PUBLIC}; no provision defining responsibilities or "
         "implementing agreements"),
        (1015, 3, "medium", "defense=1, offense=1, neutral=0, nonagg=0, consul=0 (obligations: "
         f"defence, offence); {PUBLIC}; defcon=1 (the defence obligation is conditional)"),
        (1070, 3, "medium", "defense=0, offense=1, neutral=0, nonagg=0, consul=0 (obligations: "
         f"offence); {PUBLIC}; an offence obligation but no defence clause"),
        (1010, 3, "low", "defense=1, offense=0, neutral=0, nonagg=0, consul=1 (obligations: "
         "defence, consultation); estmode=1, pubsecr=2 (a secret formal treaty); not a public "
         "formal treaty"),
        (1140, 3, "low", "defense=1, offense=1, neutral=0, nonagg=0, consul=0 (obligations: "
         "defence, offence); estmode=1, pubsecr=missing (a formal treaty, publicity not coded); "
         "not a public formal treaty"),
        (3700, 3, "low", "defense=1, offense=0, neutral=0, nonagg=0, consul=0 (obligations: "
         "defence); estmode=missing, pubsecr=0 (form of agreement not coded); not a public "
         "formal treaty"),
        (1230, 3, "low", "defense=0, offense=1, neutral=0, nonagg=0, consul=0 (obligations: "
         "offence); estmode=0, pubsecr=2 (a written agreement other than a formal treaty); an "
         "offence obligation but no defence clause"),
        (1200, 2, "medium", "defense=0, offense=0, neutral=1, nonagg=0, consul=0 (obligations: "
         f"neutrality); {PUBLIC}; no defence or offence obligation"),
        (3738, 2, "medium", "defense=0, offense=0, neutral=0, nonagg=1, consul=0 (obligations: "
         "non-aggression); estmode=missing, pubsecr=0 (form of agreement not coded); no defence "
         "or offence obligation"),
    ],
)  # fmt: skip
def test_formal_commitment_on_real_rows(
    atopid: int, level: int, confidence: str, evidence: str
) -> None:
    rating = formal_commitment(ROWS[atopid], release=RELEASE, source=SOURCE)
    assert (rating["level"], rating["confidence"]) == (level, confidence)
    assert rating["evidence"] == f"ATOP {RELEASE}: {evidence}. {NO_RATIFICATION}"
    assert rating["sources"] == [SOURCE]


def test_formal_commitment_with_no_obligation_coded_or_an_unknown_publicity_code() -> None:
    # ATOP lists no agreement without an obligation, and pubsecr has no code 3: made-up rows.
    nothing: dict[str, int | None] = {
        "defense": 0, "offense": 0, "neutral": 0, "nonagg": 0, "consul": 0,
        "estmode": 1, "pubsecr": 3,
    }  # fmt: skip
    rating = formal_commitment(nothing, release=RELEASE, source=SOURCE)
    assert (rating["level"], rating["confidence"]) == (2, "low")
    assert rating["evidence"] == (
        f"ATOP {RELEASE}: defense=0, offense=0, neutral=0, nonagg=0, consul=0 (obligations: none "
        "coded); estmode=1, pubsecr=3 (a formal treaty, pubsecr code 3); no defence or offence "
        f"obligation. {NO_RATIFICATION}"
    )


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ({"orgpurp1": 4}, 1),
        ({"orgpurp1": 1}, 1),
        ({"orgpurp2": 1}, 1),
        ({"orgpurp2": 4}, 1),
        ({"orgpurp1": 5, "orgpurp2": 2}, 0),  # neither purpose is military
        ({"subord": 1}, 1),
        ({"subord": 0, "milcon": 1}, 0),
    ],
)
def test_military_institutionalization_reads_each_medium_code(
    codes: dict[str, int | None], expected: int
) -> None:
    assert military_institutionalization(codes) == expected


def _variants(rule: Rule) -> list[Rule]:
    """The rule changed one way at a time: level up or down, another confidence, another
    meaning, or one code fewer (the first six codes of each provision)."""
    other = "high" if rule.confidence != "high" else "low"
    variants = [
        dataclasses.replace(rule, level=rule.level + 1),
        dataclasses.replace(rule, level=rule.level - 1),
        dataclasses.replace(rule, confidence=other),
        dataclasses.replace(rule, meaning=rule.meaning + " (changed)"),
    ]
    for k, provision in enumerate(rule.when):
        for code in sorted(provision.codes)[:6]:
            fewer = dataclasses.replace(provision, codes=provision.codes - {code})
            variants.append(
                dataclasses.replace(rule, when=(*rule.when[:k], fewer, *rule.when[k + 1 :]))
            )
    return variants


def test_the_table_catches_every_changed_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    # mutmut mutates code inside functions only, not the RULES table: this changes the table.
    practice = [case for case in CASES if case.mapping == "practice"]
    for k, rule in enumerate(RULES):
        for variant in _variants(rule):
            monkeypatch.setattr(mapping_module, "RULES", (*RULES[:k], variant, *RULES[k + 1 :]))
            failures = 0
            for case in practice:
                try:
                    test_each_rule_gives_its_level_confidence_and_evidence(case)
                except (AssertionError, KeyError):
                    failures += 1
            assert failures, f"no case notices {variant}"
