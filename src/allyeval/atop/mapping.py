"""How ATOP treaty provisions become allyeval ratings: the mapping as data, and how it is read.

ATOP codes what an alliance treaty *says*, not what its members later *did*. Each rule below
reads one provision (or two together) as the rubric level that the provision itself describes,
with a confidence that says how far the text is from practice: ``medium`` where the treaty
creates the very arrangement the indicator asks about, ``low`` where the provision is only a
proxy for it. No rule gives ``high``: ATOP does not code whether an arrangement was set up,
staffed or used.

A provision the treaty does not contain leaves its indicator unrated rather than rated 0: a
treaty's silence is not evidence that the practice is absent (the North Atlantic Treaty says
nothing of NATO's integrated command). Only ``formal_commitment`` is rated for every
alliance, because it is about the text itself.

docs/atop.md presents the same table for analysts; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from allyeval.core.models import Confidence

Values = Mapping[str, int | None]
"""An alliance's ATOP variables by lower-case name; ``None`` where the data has no value."""

ANY_POSITIVE = frozenset(range(1, 100))


@dataclass(frozen=True, slots=True)
class Provision:
    """A treaty provision: any of *variables* holding one of *codes*."""

    variables: tuple[str, ...]
    codes: frozenset[int]

    def found(self, values: Values) -> list[str]:
        """``name=code`` for each variable that holds the provision, e.g. ``["intcom=1"]``."""
        return [
            f"{name}={values[name]}" for name in self.variables if values.get(name) in self.codes
        ]


@dataclass(frozen=True, slots=True)
class Rule:
    """When every provision in *when* is in the treaty, *indicator* reads at least *level*."""

    indicator: str
    level: int
    confidence: Confidence
    when: tuple[Provision, ...]
    meaning: str
    also_show: tuple[str, ...] = ()
    """Variables that say more about the provision, quoted in the evidence when non-zero."""


# Runs only at import, to build RULES, before mutmut can switch a mutant on:
# tests/test_atop_mapping.py checks the table it builds (docs/testing.md).
def _provision(variables: str, *codes: int) -> Provision:
    return Provision(tuple(variables.split()), frozenset(codes))  # pragma: no mutate


INTEGRATED_COMMAND = _provision("intcom", 1)
SUBORDINATION = _provision("subord", 1, 2)
COMMON_DEFENCE_POLICY = _provision("milcon", 3)
PEACETIME_CONTACT = _provision("milcon", 2)
MILITARY_ORGANISATION = _provision("orgpurp1 orgpurp2", 1, 4)
TRAINING_OR_TECHNOLOGY = _provision("milaid", 3, 4)
BASES = _provision("base", 1, 2, 3)
DEFENCE = _provision("defense", 1)

RULES: tuple[Rule, ...] = (
    Rule("command_and_control", 4, "medium", (INTEGRATED_COMMAND,),
         "integrated military command in peace and war"),
    Rule("command_and_control", 3, "low", (SUBORDINATION,),
         "forces subordinated to a common or allied command in war"),
    Rule("command_and_control", 2, "low", (MILITARY_ORGANISATION,),
         "the treaty creates an organisation with a military purpose"),
    Rule("command_and_control", 2, "low", (COMMON_DEFENCE_POLICY,),
         "common defence policy, joint planning included"),
    Rule("command_and_control", 1, "low", (PEACETIME_CONTACT,),
         "military contact in peacetime"),
    Rule("standard_procedures", 2, "low", (COMMON_DEFENCE_POLICY,),
         "common defence policy: doctrine, training, procurement and joint planning"),
    Rule("standard_procedures", 2, "low", (INTEGRATED_COMMAND,),
         "an integrated command, which needs agreed common procedures"),
    Rule("joint_training", 2, "low", (COMMON_DEFENCE_POLICY,),
         "common defence policy, training included"),
    Rule("joint_training", 1, "low", (TRAINING_OR_TECHNOLOGY,),
         "military aid including training and/or technology transfer"),
    Rule("technology_intelligence_sharing", 2, "low", (TRAINING_OR_TECHNOLOGY,),
         "military aid including training and/or technology transfer"),
    Rule("readiness", 2, "low", (_provision("contrib", 1),),
         "the members' contributions of forces or resources are specified"),
    Rule("readiness", 2, "low", (COMMON_DEFENCE_POLICY,),
         "common defence policy, joint planning included"),
    Rule("governance_review", 3, "medium", (_provision("organ1 organ2", 3),),
         "a formal organisation created by the treaty, at ATOP's most developed code"),
    Rule("governance_review", 2, "medium", (_provision("organ1 organ2", 2),),
         "a formal organisation created by the treaty"),
    Rule("governance_review", 1, "low", (_provision("organ1 organ2", 1),),
         "an organisational provision short of a formal organisation"),
    Rule("policy_doctrine", 3, "low", (COMMON_DEFENCE_POLICY,),
         "common defence policy, doctrine included"),
    Rule("strategic_objectives", 3, "low", (_provision("specthrt", *ANY_POSITIVE),),
         "the treaty names a specific threat, a convergent objective set out jointly; statthr is "
         "the COW code of a state named",
         also_show=("statthr1", "statthr2")),
    Rule("deterrence", 3, "low", (DEFENCE, BASES),
         "a defence obligation backed by bases or troops on members' territory"),
    Rule("sovereignty_concerns", 1, "low", (BASES,),
         "bases or troops of one member on another member's territory"),
    Rule("sovereignty_concerns", 1, "low", (SUBORDINATION,),
         "forces subordinated to a common or allied command in war"),
    Rule("strategic_divergence", 2, "low", (_provision("asymm", 1),),
         "the obligations differ between members"),
    Rule("strategic_divergence", 1, "low", (_provision("conditio", 1),),
         "the obligations are conditional, e.g. on the place or the attacker"),
)  # fmt: skip

PRACTICE_CAVEATS: dict[str, str] = {
    "command_and_control": "Treaty text, not practice: whether the command was set up and "
    "used is not coded.",
    "standard_procedures": "Treaty text, not practice: standards actually adopted are not coded.",
    "joint_training": "Treaty text, not practice: training actually given is not coded.",
    "technology_intelligence_sharing": "Treaty text, not practice: transfers actually made are "
    "not coded, and ATOP has no code for intelligence sharing.",
    "readiness": "Treaty text, not practice: forces actually held ready are not coded.",
    "governance_review": "Treaty text, not practice: how the bodies worked and what they "
    "reviewed is not coded.",
    "policy_doctrine": "Treaty text, not practice: national doctrines are not coded.",
    "strategic_objectives": "Treaty text, not practice: whether the members pursued the "
    "objective and ranked the threat alike is not coded.",
    "deterrence": "Treaty text, not practice: whether the forces were capable and adversaries "
    "deterred is not coded.",
    "sovereignty_concerns": "Treaty text, not practice: level 1 assumes the legal questions "
    "were settled by agreement; protests or renegotiation are not coded.",
    "strategic_divergence": "Treaty text, not practice: how far the members' interests "
    "diverged in practice is not coded.",
}

INDICATOR_ORDER = (
    "readiness",
    "strategic_objectives",
    "policy_doctrine",
    "formal_commitment",
    "governance_review",
    "standard_procedures",
    "command_and_control",
    "joint_training",
    "technology_intelligence_sharing",
    "deterrence",
    "strategic_divergence",
    "sovereignty_concerns",
)
"""Every indicator the import can rate, in the order of the default criteria file."""

OBLIGATIONS = (
    ("defense", "defence"),
    ("offense", "offence"),
    ("neutral", "neutrality"),
    ("nonagg", "non-aggression"),
    ("consul", "consultation"),
)
"""ATOP's five obligation types, strongest first, with the words an analyst uses."""

IMPLEMENTING_PROVISIONS = (
    _provision("compag", *ANY_POSITIVE),
    BASES,
    _provision("contrib", 1),
    INTEGRATED_COMMAND,
)
"""Provisions that define responsibilities or come with implementing agreements."""

FORMAL_COMMITMENT_CAVEAT = (
    "ATOP does not code ratification or how strictly each obligation is worded."
)

TREATY_PUBLICITY = {
    0: "a public formal treaty",
    1: "a formal treaty with secret provisions",
    2: "a secret formal treaty",
}


def obligations(values: Values) -> list[str]:
    """The obligation types the treaty contains, strongest first (e.g. ``["defence"]``)."""
    return [word for name, word in OBLIGATIONS if values.get(name) == 1]


def is_public_treaty(values: Values) -> bool:
    """A formal treaty that is not wholly secret (``estmode`` 1, ``pubsecr`` 0 or 1)."""
    return values.get("estmode") == 1 and values.get("pubsecr") in (0, 1)


INSTITUTIONALIZATION_INPUTS = (
    "milcon",
    "intcom",
    "base",
    "milaid",
    "subord",
    "contrib",
    "orgpurp1",
    "orgpurp2",
)


def military_institutionalization(values: Values) -> int | None:
    """Leeds and Anac (2005): 2 high, 1 medium, 0 low; None when every input is missing.

    As the rule is published, a missing code among others simply does not count: only when
    all of them are missing is the measure missing.
    """
    if all(values.get(name) is None for name in INSTITUTIONALIZATION_INPUTS):
        return None
    if values.get("milcon") == 3 or values.get("intcom") == 1 or (values.get("base") or 0) > 0:
        return 2
    military_organisation = values.get("orgpurp1") in (1, 4) or values.get("orgpurp2") in (1, 4)
    if (
        values.get("milcon") == 2
        or values.get("milaid") in (3, 4)
        or (values.get("subord") or 0) > 0
        or values.get("contrib") == 1
        or military_organisation
    ):
        return 1
    return 0


def formality(values: Values) -> int | None:
    """Leeds and Anac (2005): one point for a public treaty, one for a formal organisation.

    None when a missing value could change the sum (e.g. ``estmode`` missing), so that a
    missing code is never read as "no".
    """
    if values.get("estmode") == 0:
        public: bool | None = False
    elif values.get("estmode") is None or values.get("pubsecr") is None:
        public = None
    else:
        public = is_public_treaty(values)
    organs = (values.get("organ1"), values.get("organ2"))
    if any(code in (2, 3) for code in organs):
        organisation: bool | None = True
    else:
        organisation = None if None in organs else False
    if public is None or organisation is None:
        return None
    return int(public) + int(organisation)


def derive_ratings(values: Values, *, release: str, source: str) -> dict[str, dict[str, Any]]:
    """The ratings an alliance's provisions support, keyed by indicator id in criteria order."""
    ratings: dict[str, dict[str, Any]] = {}
    for indicator in INDICATOR_ORDER:
        if indicator == "formal_commitment":
            ratings[indicator] = formal_commitment(values, release=release, source=source)
            continue
        rules = tuple(rule for rule in RULES if rule.indicator == indicator)
        rating = _rating_from_rules(rules, values, release, source)
        if rating is not None:
            ratings[indicator] = rating
    return ratings


def _rating_from_rules(
    rules: tuple[Rule, ...], values: Values, release: str, source: str
) -> dict[str, Any] | None:
    """The highest level any matching rule supports, with every matching provision as evidence."""
    matched = [(rule, found) for rule in rules if (found := _found(rule, values))]
    if not matched:
        return None
    # Stable sort: on equal levels the rule listed first in RULES leads.
    matched.sort(key=lambda pair: -pair[0].level)
    best = matched[0][0]
    reasons = "; ".join(f"{found} ({rule.meaning})" for rule, found in matched)
    return _rating(
        best.level,
        best.confidence,
        f"ATOP {release}: {reasons}. {PRACTICE_CAVEATS[best.indicator]}",
        source,
    )


def _found(rule: Rule, values: Values) -> str:
    """``"defense=1, base=3"`` when every provision of *rule* is in the treaty, else ``""``."""
    parts: list[str] = []
    for provision in rule.when:
        found = provision.found(values)
        if not found:
            return ""
        parts += found
    parts += [f"{name}={values[name]}" for name in rule.also_show if values.get(name)]
    return ", ".join(parts)


def formal_commitment(values: Values, *, release: str, source: str) -> dict[str, Any]:
    """How binding the written obligations are, read from the obligation types and the form.

    Level 4 needs what the rubric asks of a treaty: a public treaty with a defence clause that
    ATOP codes as unconditional (``defcon`` 0), and provisions that define responsibilities or
    implementing agreements. Any other defence or offence obligation is level 3 (conditional,
    limited, or outside a public treaty). Neutrality, non-aggression or consultation alone is
    level 2: written obligations without a defence obligation. ATOP lists only written
    agreements with at least one obligation, so nothing it holds is below 2.
    """
    listed = obligations(values)
    coded = ", ".join(f"{name}={_show(values.get(name))}" for name, _ in OBLIGATIONS)
    form = f"estmode={_show(values.get('estmode'))}, pubsecr={_show(values.get('pubsecr'))}"
    obliged = f"obligations: {', '.join(listed) if listed else 'none coded'}"
    evidence = f"ATOP {release}: {coded} ({obliged}); {form} ({_form_words(values)})"
    military = values.get("defense") == 1 or values.get("offense") == 1
    public = is_public_treaty(values)
    implementing = [
        found for provision in IMPLEMENTING_PROVISIONS for found in provision.found(values)
    ]
    if values.get("defense") == 1 and public and values.get("defcon") == 0 and implementing:
        level, confidence = 4, "medium"
        evidence += (
            f"; defcon=0 (no condition on the defence obligation); {', '.join(implementing)} "
            "(responsibilities or implementing agreements defined)"
        )
    elif military:
        level, confidence = 3, "medium" if public else "low"
        evidence += _why_not_four(values, public)
    else:
        level, confidence = 2, "medium" if listed else "low"
        evidence += "; no defence or offence obligation"
    return _rating(level, confidence, f"{evidence}. {FORMAL_COMMITMENT_CAVEAT}", source)


def _why_not_four(values: Values, public: bool) -> str:
    """Why a defence or offence obligation is not level 4 (implementing provisions are
    missing when nothing else is)."""
    if values.get("defense") != 1:
        return "; an offence obligation but no defence clause"
    if not public:
        return "; not a public formal treaty"
    if values.get("defcon") != 0:
        return f"; defcon={_show(values.get('defcon'))} (the defence obligation is conditional)"
    return "; no provision defining responsibilities or implementing agreements"


def _form_words(values: Values) -> str:
    estmode, pubsecr = values.get("estmode"), values.get("pubsecr")
    if estmode is None:
        return "form of agreement not coded"
    if estmode != 1:
        return "a written agreement other than a formal treaty"
    if pubsecr is None:
        return "a formal treaty, publicity not coded"
    return TREATY_PUBLICITY.get(pubsecr, f"a formal treaty, pubsecr code {pubsecr}")


def _rating(level: int, confidence: str, evidence: str, source: str) -> dict[str, Any]:
    return {"level": level, "confidence": confidence, "evidence": evidence, "sources": [source]}


def _show(value: int | None) -> str:
    return "missing" if value is None else str(value)
