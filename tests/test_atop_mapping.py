"""Every rule of an ATOP mapping, one table row each: the level, confidence and evidence it gives.

``fixtures/atop/rules.csv`` holds 31 real alliances copied row for row from ATOP 4.01, chosen so
that every provision a rule reads occurs in at least one of them (with the codes a rule accepts
and some it refuses), every branch of ``formal_commitment`` has a row, and every step of the
treaty-design mapping, level 0 included, has one. A case keeps only the variables its rule
reads (*keep*), so the rule is tested on its own, with the real codes, whatever else the treaty
contains; the golden rows check the rules together on whole rows, where the highest level wins.
Two combinations ATOP 4.01 never codes have made-up rows (``MADE_UP``).

The table is written out by hand, never read from the mapping: a changed level, confidence,
code or wording in the mapping fails here. Each mapping has an entry in ``MAPPINGS`` (its derive
function and the keys of its rules) and its cases in ``CASES``.
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
from allyeval.atop import treaty_mapping
from allyeval.atop.data import Alliance, Row, column_index, parse_alliance
from allyeval.atop.mapping import (
    RULES,
    Provision,
    Rule,
    Values,
    derive_ratings,
    formal_commitment,
    military_institutionalization,
)
from allyeval.atop.treaty_mapping import SCALES, Scale, Step, scale_table, treaty_ratings

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


MADE_UP: dict[int, Values] = {
    # No alliance in ATOP 4.01 codes training or technology at milaid's highest code (4)
    # together with a common defence policy, nor a second organisation at code 3 whose purpose
    # is military code 4.
    -1: {"milaid": 4, "milcon": 3},
    -2: {"organ1": 0, "organ2": 3, "orgpurp1": 0, "orgpurp2": 4},
    # The second organisation is at code 1 only where the first one is formal (2 or 3).
    -5: {"organ1": 0, "organ2": 1},
    # Every alliance in ATOP has at least one of the five obligations.
    -3: {"defense": 0, "offense": 0, "neutral": 0, "nonagg": 0, "consul": 0},
    # Every estmode (0-1) and pubsecr (0-2) pair is a written agreement of some form: only a
    # code the import refuses (pubsecr 3) reaches treaty_form's level 0.
    -4: {"estmode": 1, "pubsecr": 3},
}
ROWS = {**_read_rows(), **MADE_UP}


@dataclass(frozen=True)
class MappingUnderTest:
    derive: Callable[[Values], Mapping[str, Mapping[str, Any]]]
    rule_keys: Callable[[], set[RuleKey]]
    evidence_prefix: str
    """What every piece of evidence starts with, before the provisions found."""
    whole_evidence: bool
    """Whether a case gives the whole evidence; the practice mapping ends every piece with a
    note on what the text leaves uncoded, so its cases give the start."""


def _practice_keys() -> set[RuleKey]:
    return {
        (rule.indicator, rule.level, tuple(sorted(v for p in rule.when for v in p.variables)))
        for rule in RULES
    }


def _treaty_keys() -> set[RuleKey]:
    """Each step of each scale, and each scale's level 0 (read from its *reads*)."""
    steps = {
        (scale.indicator, step.level, tuple(sorted(v for p in step.when for v in p.variables)))
        for scale in SCALES
        for step in scale.steps
    }
    return steps | {(scale.indicator, 0, tuple(sorted(scale.reads))) for scale in SCALES}


MAPPINGS: dict[str, MappingUnderTest] = {
    "practice": MappingUnderTest(
        lambda values: derive_ratings(values, release=RELEASE, source=SOURCE),
        _practice_keys,
        f"ATOP {RELEASE}: ",
        whole_evidence=False,
    ),
    "treaty-design": MappingUnderTest(
        lambda values: treaty_ratings(values, release=RELEASE, source=SOURCE),
        _treaty_keys,
        f"ATOP {RELEASE}: ",
        whole_evidence=True,
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

PRACTICE_CASES: tuple[Case, ...] = (
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
    Case("practice", "governance_review", 1, "low", -5, "organ1 organ2",
         f"organ2=1 ({SHORT_OF})"),
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

OBLIGATIONS = "defense offense neutral nonagg consul"
ORGANS = "organ1 organ2 orgpurp1 orgpurp2"
ABSENT = "level 0 of a question about the text"
FORMAL = "a formal organisation"
MILITARY_BODY = "an organisation with a military purpose"
MOST_MILITARY = f"{MILITARY_BODY} at ATOP's most developed code"
NOT_MILITARY = "an organisation, none with a military purpose"
TRAINING = "military aid including training or technology"
BASE_CAVEAT = (
    "ATOP's base codes 1-3 all read as level 3; level 4 (reciprocal or multinational stationing "
    "with its terms set out) needs the text"
)
CONDITION_CAVEAT = (
    "ATOP codes that a condition exists, not how far it reaches: level 2 is the middle reading; "
    "the text decides between 1 and 4"
)
ASYMMETRY_CAVEAT = (
    "ATOP codes that obligations differ, not how far: a one-sided guarantee (level 3) needs the "
    "text"
)

# The treaty-design mapping: each case keeps every variable of its indicator's scale (a missing
# one could decide the level) and names the variables of the step it tests (*reads*).
TREATY_CASES: tuple[Case, ...] = (
    # military_support
    Case("treaty-design", "military_support", 4, "high", 1030, OBLIGATIONS,
         "defense=1 (a defence obligation)", reads="defense"),
    Case("treaty-design", "military_support", 3, "high", 1070, OBLIGATIONS,
         "offense=1 (an offence obligation, with no defence obligation)", reads="offense"),
    Case("treaty-design", "military_support", 2, "high", 1200, OBLIGATIONS,
         "neutral=1 (neutrality or non-aggression only)", reads="neutral nonagg"),
    Case("treaty-design", "military_support", 2, "high", 3738, OBLIGATIONS,
         "nonagg=1 (neutrality or non-aggression only)", reads="neutral nonagg"),
    Case("treaty-design", "military_support", 1, "high", 1080, OBLIGATIONS,
         "consul=1 (consultation only)", reads="consul"),
    Case("treaty-design", "military_support", 0, "high", -3, OBLIGATIONS,
         "defense=0, offense=0, neutral=0, nonagg=0, consul=0 (none of ATOP's five obligations: "
         f"{ABSENT})"),
    # crisis_consultation
    Case("treaty-design", "crisis_consultation", 3, "high", 1010, "consul",
         "consul=1 (an obligation to consult in a crisis). A standing body or fixed procedure "
         "for consulting (level 4) needs the text"),
    Case("treaty-design", "crisis_consultation", 0, "high", 1015, "consul",
         f"consul=0 (no obligation to consult: {ABSENT})"),
    # treaty_form
    Case("treaty-design", "treaty_form", 4, "high", 1030, "estmode pubsecr",
         "estmode=1, pubsecr=0 (a public formal treaty)"),
    Case("treaty-design", "treaty_form", 3, "high", 1080, "estmode pubsecr",
         "estmode=1, pubsecr=1 (a formal treaty with secret provisions)"),
    Case("treaty-design", "treaty_form", 2, "high", 1415, "estmode pubsecr",
         "estmode=0, pubsecr=0 (a written agreement short of a formal treaty)"),
    Case("treaty-design", "treaty_form", 2, "high", 1480, "estmode pubsecr",
         "estmode=0, pubsecr=1 (a written agreement short of a formal treaty)"),
    Case("treaty-design", "treaty_form", 1, "high", 1010, "estmode pubsecr",
         "pubsecr=2 (a secret agreement)", reads="pubsecr"),
    Case("treaty-design", "treaty_form", 1, "high", 1230, "estmode pubsecr",
         "pubsecr=2 (a secret agreement)", reads="pubsecr"),
    Case("treaty-design", "treaty_form", 0, "high", -4, "estmode pubsecr",
         f"estmode=1, pubsecr=3 (no written agreement: {ABSENT})"),
    # integrated_command
    Case("treaty-design", "integrated_command", 4, "high", 1030, "intcom subord",
         "intcom=1 (an integrated military command in peace and war)", reads="intcom"),
    Case("treaty-design", "integrated_command", 3, "high", 1010, "intcom subord",
         f"subord=1 ({SUBORDINATED})", reads="subord"),
    Case("treaty-design", "integrated_command", 3, "high", 1070, "intcom subord",
         f"subord=2 ({SUBORDINATED})", reads="subord"),
    Case("treaty-design", "integrated_command", 0, "high", 1035, "intcom subord",
         f"intcom=0, subord=0 (no integrated command and no subordination of forces: {ABSENT})"),
    # defence_coordination
    Case("treaty-design", "defence_coordination", 4, "high", 4175, "milcon",
         "milcon=3 (a common defence policy: doctrine, training, procurement, planning)"),
    Case("treaty-design", "defence_coordination", 2, "high", 1230, "milcon",
         "milcon=2 (regular military contact in peacetime)"),
    Case("treaty-design", "defence_coordination", 1, "medium", 1015, "milcon",
         "milcon=1 (military contact short of regular peacetime contact)"),
    Case("treaty-design", "defence_coordination", 0, "high", 1010, "milcon",
         f"milcon=0 (no military contact provided for: {ABSENT})"),
    # forward_presence
    Case("treaty-design", "forward_presence", 3, "high", 1035, "base",
         f"base=1 (bases or troops of a member on another member's territory). {BASE_CAVEAT}"),
    Case("treaty-design", "forward_presence", 3, "high", 3345, "base",
         f"base=2 (bases or troops of a member on another member's territory). {BASE_CAVEAT}"),
    Case("treaty-design", "forward_presence", 3, "high", 3180, "base",
         f"base=3 (bases or troops of a member on another member's territory). {BASE_CAVEAT}"),
    Case("treaty-design", "forward_presence", 0, "high", 1010, "base",
         f"base=0 (no bases or troops on another member's territory: {ABSENT})"),
    # specified_contributions
    Case("treaty-design", "specified_contributions", 3, "high", 1030, "contrib",
         "contrib=1 (the members' contributions are specified)"),
    Case("treaty-design", "specified_contributions", 0, "high", 1015, "contrib",
         f"contrib=0 (no contributions specified: {ABSENT})"),
    # formal_organisation: either organisation counts, and only the ones at the step are quoted.
    Case("treaty-design", "formal_organisation", 4, "high", 1320, "organ1 organ2",
         f"organ1=3 ({FORMAL} at ATOP's most developed code)"),
    Case("treaty-design", "formal_organisation", 4, "high", 3755, "organ1 organ2",
         f"organ2=3 ({FORMAL} at ATOP's most developed code)"),
    Case("treaty-design", "formal_organisation", 3, "high", 1180, "organ1 organ2",
         f"organ1=2 ({FORMAL})"),
    Case("treaty-design", "formal_organisation", 3, "high", 4005, "organ1 organ2",
         f"organ2=2 ({FORMAL})"),
    Case("treaty-design", "formal_organisation", 2, "medium", 1035, "organ1 organ2",
         "organ1=1 (meetings provided for, short of a formal organisation)"),
    Case("treaty-design", "formal_organisation", 2, "medium", -5, "organ1 organ2",
         "organ2=1 (meetings provided for, short of a formal organisation)"),
    Case("treaty-design", "formal_organisation", 0, "high", 1010, "organ1 organ2",
         f"organ1=0, organ2=0 (no organisation and no regular meetings: {ABSENT})"),
    # military_body: level 4 needs the military purpose and code 3 in the same organisation.
    Case("treaty-design", "military_body", 4, "medium", 3180, ORGANS,
         f"orgpurp1=1, organ1=3 ({MOST_MILITARY})", reads="orgpurp1 organ1"),
    Case("treaty-design", "military_body", 4, "medium", 1320, ORGANS,
         f"orgpurp1=4, organ1=3 ({MOST_MILITARY})", reads="orgpurp1 organ1"),
    Case("treaty-design", "military_body", 4, "medium", 3130, ORGANS,
         f"orgpurp2=1, organ2=3 ({MOST_MILITARY})", reads="orgpurp2 organ2"),
    Case("treaty-design", "military_body", 4, "medium", -2, ORGANS,
         f"orgpurp2=4, organ2=3 ({MOST_MILITARY})", reads="orgpurp2 organ2"),
    Case("treaty-design", "military_body", 3, "high", 1180, ORGANS,
         f"orgpurp1=1 ({MILITARY_BODY})", reads="orgpurp1 orgpurp2"),
    Case("treaty-design", "military_body", 3, "high", 3623, ORGANS,
         f"orgpurp1=4 ({MILITARY_BODY})", reads="orgpurp1 orgpurp2"),
    Case("treaty-design", "military_body", 3, "high", 3795, ORGANS,
         f"orgpurp2=1 ({MILITARY_BODY})", reads="orgpurp1 orgpurp2"),
    Case("treaty-design", "military_body", 1, "high", 1035, ORGANS,
         f"organ1=1 ({NOT_MILITARY})", reads="organ1 organ2"),
    Case("treaty-design", "military_body", 1, "high", 1480, ORGANS,
         f"organ1=2 ({NOT_MILITARY})", reads="organ1 organ2"),
    Case("treaty-design", "military_body", 1, "high", 3755, ORGANS,
         f"organ1=2, organ2=3 ({NOT_MILITARY})", reads="organ1 organ2"),
    Case("treaty-design", "military_body", 0, "high", 1010, ORGANS,
         f"organ1=0, organ2=0 (no organisation: {ABSENT})", reads="organ1 organ2"),
    # military_aid
    Case("treaty-design", "military_aid", 4, "medium", 2030, "milaid",
         "milaid=4 (military aid at ATOP's highest code)"),
    Case("treaty-design", "military_aid", 3, "high", 1320, "milaid", f"milaid=3 ({TRAINING})"),
    Case("treaty-design", "military_aid", 2, "medium", 1010, "milaid",
         "milaid=2 (material military aid such as grants or loans)"),
    Case("treaty-design", "military_aid", 1, "medium", 1255, "milaid",
         "milaid=1 (a general provision for military aid)"),
    Case("treaty-design", "military_aid", 0, "high", 1015, "milaid",
         f"milaid=0 (no military aid: {ABSENT})"),
    # training_technology
    Case("treaty-design", "training_technology", 4, "medium", 4470, "milaid milcon",
         "milaid=3, milcon=3 (training or technology as aid, and a common defence policy)"),
    Case("treaty-design", "training_technology", 4, "medium", -1, "milaid milcon",
         "milaid=4, milcon=3 (training or technology as aid, and a common defence policy)"),
    Case("treaty-design", "training_technology", 3, "high", 1320, "milaid milcon",
         f"milaid=3 ({TRAINING})", reads="milaid"),
    Case("treaty-design", "training_technology", 3, "high", 2030, "milaid milcon",
         f"milaid=4 ({TRAINING})", reads="milaid"),
    Case("treaty-design", "training_technology", 3, "medium", 4175, "milaid milcon",
         "milcon=3 (a common defence policy, training and procurement included)", reads="milcon"),
    Case("treaty-design", "training_technology", 0, "high", 1010, "milaid milcon",
         "milaid=2, milcon=0 (neither training or technology as aid nor a common defence "
         f"policy: {ABSENT})"),
    # conditions and asymmetry: ATOP says that, not how far, so a caveat follows the level.
    Case("treaty-design", "conditions", 2, "medium", 1015, "conditio",
         f"conditio=1 (the obligations are conditional). {CONDITION_CAVEAT}"),
    Case("treaty-design", "conditions", 0, "high", 1010, "conditio",
         f"conditio=0 (no condition on the obligations: {ABSENT})"),
    Case("treaty-design", "asymmetry", 2, "medium", 1010, "asymm",
         f"asymm=1 (the obligations differ between members). {ASYMMETRY_CAVEAT}"),
    Case("treaty-design", "asymmetry", 0, "high", 1015, "asymm",
         f"asymm=0 (the same obligations for every member: {ABSENT})"),
)  # fmt: skip
CASES = PRACTICE_CASES + TREATY_CASES


def _case_id(case: Case) -> str:
    return f"{case.mapping}-{case.indicator}-{case.level}-{case.atopid}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_each_rule_gives_its_level_confidence_and_evidence(case: Case) -> None:
    mapping = MAPPINGS[case.mapping]
    rating = mapping.derive(case.values)[case.indicator]
    assert (rating["level"], rating["confidence"]) == (case.level, case.confidence)
    evidence = rating["evidence"]
    quoted = f"{mapping.evidence_prefix}{case.evidence}."
    if mapping.whole_evidence:
        assert evidence == quoted
    else:
        assert evidence.startswith(f"{quoted} "), evidence
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


def _fewer_codes(when: tuple[Provision, ...]) -> list[tuple[Provision, ...]]:
    """*when* with one code fewer, or one variable fewer, in one provision at a time."""
    changed = []
    for k, provision in enumerate(when):
        names = provision.variables
        fewer = [dataclasses.replace(provision, codes=provision.codes - {code})
                 for code in sorted(provision.codes)[:6]]  # fmt: skip
        if len(names) > 1:
            fewer += [
                dataclasses.replace(provision, variables=tuple(v for v in names if v != name))
                for name in names
            ]
        changed += [(*when[:k], other, *when[k + 1 :]) for other in fewer]
    return changed


def _variants(rule: Rule) -> list[Rule]:
    """The rule changed one way at a time: level up or down, another confidence, another
    meaning, or one code (the first six of each provision) or one variable fewer."""
    other = "high" if rule.confidence != "high" else "low"
    return [
        dataclasses.replace(rule, level=rule.level + 1),
        dataclasses.replace(rule, level=rule.level - 1),
        dataclasses.replace(rule, confidence=other),
        dataclasses.replace(rule, meaning=rule.meaning + " (changed)"),
        *(dataclasses.replace(rule, when=when) for when in _fewer_codes(rule.when)),
    ]


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


def _scale_variants(scale: Scale) -> list[Scale]:
    """The scale changed one way at a time: each step as _variants changes a rule, a step
    dropped, level 0 read from one variable fewer or with another meaning."""
    variants = [
        dataclasses.replace(scale, absent=scale.absent + " (changed)"),
        *(dataclasses.replace(scale, reads=tuple(v for v in scale.reads if v != name))
          for name in scale.reads),
    ]  # fmt: skip
    for k, step in enumerate(scale.steps):
        other = "high" if step.confidence != "high" else "medium"
        changed: list[Step] = [
            dataclasses.replace(step, level=step.level + 1),
            dataclasses.replace(step, level=step.level - 1),
            dataclasses.replace(step, confidence=other),
            dataclasses.replace(step, meaning=step.meaning + " (changed)"),
            *(dataclasses.replace(step, when=when) for when in _fewer_codes(step.when)),
        ]
        variants += [
            dataclasses.replace(scale, steps=(*scale.steps[:k], *rest, *scale.steps[k + 1 :]))
            for rest in [[variant] for variant in changed] + [[]]
        ]
    return variants


def test_the_treaty_table_catches_every_changed_step(monkeypatch: pytest.MonkeyPatch) -> None:
    # As for RULES above: the SCALES table is data, out of mutmut's reach.
    cases = [case for case in CASES if case.mapping == "treaty-design"]
    for k, scale in enumerate(SCALES):
        for variant in _scale_variants(scale):
            monkeypatch.setattr(treaty_mapping, "SCALES", (*SCALES[:k], variant, *SCALES[k + 1 :]))
            failures = 0
            for case in cases:
                try:
                    test_each_rule_gives_its_level_confidence_and_evidence(case)
                except (AssertionError, KeyError):
                    failures += 1
            assert failures, f"no case notices {variant}"


def test_the_scale_table_lists_every_step_as_the_cases_quote_it() -> None:
    # scale_table() is the mapping as docs/atop.md shows it: each (indicator, level,
    # confidence, meaning) is what a case above quotes, and every case's step is in it.
    quoted = {
        (case.indicator, case.level, case.confidence, meaning)
        for case in TREATY_CASES
        for meaning in [case.evidence.split(" (", 1)[1].split(")")[0].removesuffix(f": {ABSENT}")]
    }
    assert set(scale_table()) == quoted
    # 32 steps (military_body's two level-4 steps read alike) and 13 levels 0
    assert len(list(scale_table())) == 45


def _docs_table() -> dict[tuple[str, int], str]:
    """docs/atop.md's treaty-design table: the confidence shown per indicator and level."""
    text = (Path(__file__).parents[1] / "docs" / "atop.md").read_text(encoding="utf-8")
    section = text.split("\n## The treaty-design mapping\n", 1)[1].split("\n## ", 1)[0]
    rows: dict[tuple[str, int], str] = {}
    indicator = ""
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if not line.startswith("| ") or not cells[1].isdigit():
            continue
        indicator = cells[0].split("`")[1] if cells[0] else indicator
        rows[indicator, int(cells[1])] = cells[3]
    return rows


def test_the_docs_show_every_step_the_codes_can_give() -> None:
    steps: dict[tuple[str, int], set[str]] = {}
    for indicator, level, confidence, _ in scale_table():
        steps.setdefault((indicator, level), set()).add(confidence)
    shown = _docs_table()
    # ATOP lists only written agreements with at least one obligation: the docs leave out the
    # level 0 of these two, which no alliance gets.
    assert set(shown) == set(steps) - {("military_support", 0), ("treaty_form", 0)}
    for key, confidence in shown.items():
        # a blank confidence: the level has steps of both (given in the provision column)
        assert {confidence} == steps[key] if confidence else len(steps[key]) == 2, key
