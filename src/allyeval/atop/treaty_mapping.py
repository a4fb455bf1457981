"""How ATOP's codes rate the treaty-design criteria (``criteria/treaty-design.yaml``).

Every treaty-design indicator asks what the text establishes, and ATOP codes exactly that, so
here a provision the treaty lacks *is* evidence: ``intcom`` = 0 says the treaty provides no
integrated command, which is level 0 of ``integrated_command``. Each indicator is a scale of
steps, highest level first; the first step whose provisions the treaty holds gives the level,
and a treaty that holds none of them is at level 0, its evidence naming each variable read and
its code. A missing ATOP value leaves the indicator unrated when it could decide the level (a
higher step might hold); a missing value the level does not depend on is ignored.

Confidence is ``high`` where the rubric level is the coded provision itself and ``medium``
where ATOP's code says less than the level (``conditio`` = 1 says the obligations are
conditional, not how far) or the level combines two codes.

docs/atop.md presents the same table for analysts; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from allyeval.atop.mapping import Provision, Values
from allyeval.core.models import Confidence

TREATY_MODEL = "treaty-design"


# _any and _step run only at import, to build SCALES, before mutmut can switch a mutant on:
# tests/test_atop_mapping.py checks the table they build (docs/testing.md).
def _any(variables: str, *codes: int) -> Provision:
    return Provision(tuple(variables.split()), frozenset(codes))  # pragma: no mutate


def _state(provision: Provision, values: Values) -> bool | None:
    """Whether the treaty holds *provision*: None when a missing value could make it hold."""
    if provision.found(values):
        return True
    return None if any(values.get(name) is None for name in provision.variables) else False


@dataclass(frozen=True, slots=True)
class Step:
    """A level of an indicator, given when the treaty holds every provision in *when*."""

    level: int
    confidence: Confidence
    when: tuple[Provision, ...]
    meaning: str

    def state(self, values: Values) -> bool | None:
        states = [_state(provision, values) for provision in self.when]
        if False in states:
            return False
        return None if None in states else True


@dataclass(frozen=True, slots=True)
class Scale:
    """An indicator read from the provisions: its steps, highest level first, and level 0."""

    indicator: str
    steps: tuple[Step, ...]
    reads: tuple[str, ...]
    """The variables level 0 is read from, quoted with their codes in its evidence."""
    absent: str
    """What level 0 means in the words of the text, e.g. "no integrated command"."""


def _step(level: int, confidence: Confidence, meaning: str, *when: Provision) -> Step:
    return Step(level, confidence, when, meaning)  # pragma: no mutate


MILITARY_ORGAN = (_any("orgpurp1", 1, 4), _any("organ1", 3))
MILITARY_ORGAN_2 = (_any("orgpurp2", 1, 4), _any("organ2", 3))
TRAINING_AID = _any("milaid", 3, 4)
COMMON_POLICY = _any("milcon", 3)

SCALES: tuple[Scale, ...] = (
    Scale("military_support", (
        _step(4, "high", "a defence obligation", _any("defense", 1)),
        _step(3, "high", "an offence obligation, with no defence obligation", _any("offense", 1)),
        _step(2, "high", "neutrality or non-aggression only", _any("neutral nonagg", 1)),
        _step(1, "high", "consultation only", _any("consul", 1)),
    ), ("defense", "offense", "neutral", "nonagg", "consul"), "none of ATOP's five obligations"),
    Scale("crisis_consultation", (
        _step(3, "high", "an obligation to consult in a crisis", _any("consul", 1)),
    ), ("consul",), "no obligation to consult"),
    Scale("treaty_form", (
        _step(4, "high", "a public formal treaty", _any("estmode", 1), _any("pubsecr", 0)),
        _step(3, "high", "a formal treaty with secret provisions", _any("estmode", 1),
              _any("pubsecr", 1)),
        _step(2, "high", "a written agreement short of a formal treaty", _any("estmode", 0),
              _any("pubsecr", 0, 1)),
        _step(1, "high", "a secret agreement", _any("pubsecr", 2)),
    ), ("estmode", "pubsecr"), "no written agreement"),
    Scale("integrated_command", (
        _step(4, "high", "an integrated military command in peace and war", _any("intcom", 1)),
        _step(3, "high", "forces subordinated to a common or allied command in war",
              _any("subord", 1, 2)),
    ), ("intcom", "subord"), "no integrated command and no subordination of forces"),
    Scale("defence_coordination", (
        _step(4, "high", "a common defence policy: doctrine, training, procurement, planning",
              COMMON_POLICY),
        _step(2, "high", "regular military contact in peacetime", _any("milcon", 2)),
        _step(1, "medium", "military contact short of regular peacetime contact",
              _any("milcon", 1)),
    ), ("milcon",), "no military contact provided for"),
    Scale("forward_presence", (
        _step(3, "high", "bases or troops of a member on another member's territory",
              _any("base", 1, 2, 3)),
    ), ("base",), "no bases or troops on another member's territory"),
    Scale("specified_contributions", (
        _step(3, "high", "the members' contributions are specified", _any("contrib", 1)),
    ), ("contrib",), "no contributions specified"),
    Scale("formal_organisation", (
        _step(4, "high", "a formal organisation at ATOP's most developed code",
              _any("organ1 organ2", 3)),
        _step(3, "high", "a formal organisation", _any("organ1 organ2", 2)),
        _step(2, "medium", "meetings provided for, short of a formal organisation",
              _any("organ1 organ2", 1)),
    ), ("organ1", "organ2"), "no organisation and no regular meetings"),
    Scale("military_body", (
        _step(4, "medium", "an organisation with a military purpose at ATOP's most developed "
              "code", *MILITARY_ORGAN),
        _step(4, "medium", "an organisation with a military purpose at ATOP's most developed "
              "code", *MILITARY_ORGAN_2),
        _step(3, "high", "an organisation with a military purpose",
              _any("orgpurp1 orgpurp2", 1, 4)),
        _step(1, "high", "an organisation, none with a military purpose",
              _any("organ1 organ2", 1, 2, 3)),
    ), ("organ1", "organ2"), "no organisation"),
    Scale("military_aid", (
        _step(4, "medium", "military aid at ATOP's highest code", _any("milaid", 4)),
        _step(3, "high", "military aid including training or technology", _any("milaid", 3)),
        _step(2, "medium", "material military aid such as grants or loans", _any("milaid", 2)),
        _step(1, "medium", "a general provision for military aid", _any("milaid", 1)),
    ), ("milaid",), "no military aid"),
    Scale("training_technology", (
        _step(4, "medium", "training or technology as aid, and a common defence policy",
              TRAINING_AID, COMMON_POLICY),
        _step(3, "high", "military aid including training or technology", TRAINING_AID),
        _step(3, "medium", "a common defence policy, training and procurement included",
              COMMON_POLICY),
    ), ("milaid", "milcon"), "neither training or technology as aid nor a common defence policy"),
    Scale("conditions", (
        _step(2, "medium", "the obligations are conditional", _any("conditio", 1)),
    ), ("conditio",), "no condition on the obligations"),
    Scale("asymmetry", (
        _step(2, "medium", "the obligations differ between members", _any("asymm", 1)),
    ), ("asymm",), "the same obligations for every member"),
)  # fmt: skip
"""Every treaty-design indicator, in the order of the criteria file."""

CAVEATS: dict[str, str] = {
    "forward_presence": "ATOP's base codes 1-3 all read as level 3; level 4 (reciprocal or "
    "multinational stationing with its terms set out) needs the text.",
    "conditions": "ATOP codes that a condition exists, not how far it reaches: level 2 is "
    "the middle reading; the text decides between 1 and 4.",
    "asymmetry": "ATOP codes that obligations differ, not how far: a one-sided guarantee "
    "(level 3) needs the text.",
    "crisis_consultation": "A standing body or fixed procedure for consulting (level 4) "
    "needs the text.",
}


def treaty_ratings(values: Values, *, release: str, source: str) -> dict[str, dict[str, Any]]:
    """Every treaty-design rating the codes decide, keyed by indicator id in criteria order;
    a caveat follows a level above 0 where ATOP says less than the rubric asks."""
    ratings: dict[str, dict[str, Any]] = {}
    for scale in SCALES:
        reading = read_scale(scale, values)
        if reading is None:
            continue
        level, confidence, because = reading
        evidence = f"ATOP {release}: {because}."
        if level and scale.indicator in CAVEATS:
            evidence += f" {CAVEATS[scale.indicator]}"
        ratings[scale.indicator] = {
            "level": level,
            "confidence": confidence,
            "evidence": evidence,
            "sources": [source],
        }
    return ratings


def read_scale(scale: Scale, values: Values) -> tuple[int, Confidence, str] | None:
    """The level, confidence and reason the codes give, or None where a missing code could
    change the level."""
    for step in scale.steps:
        state = step.state(values)
        if state is None:
            return None
        if state:
            return (
                step.level,
                step.confidence,
                f"{', '.join(_shown(step, values))} ({step.meaning})",
            )
    if any(values.get(name) is None for name in scale.reads):
        return None
    codes = ", ".join(f"{name}={values[name]}" for name in scale.reads)
    return 0, "high", f"{codes} ({scale.absent}: level 0 of a question about the text)"


def _shown(step: Step, values: Values) -> Iterator[str]:
    for provision in step.when:
        yield from provision.found(values)


def scale_table() -> Iterator[tuple[str, int, Confidence, str]]:
    """(indicator, level, confidence, meaning) for every step, level 0 included: the mapping
    as docs/atop.md shows it."""
    for scale in SCALES:
        for step in scale.steps:
            yield scale.indicator, step.level, step.confidence, step.meaning
        yield scale.indicator, 0, "high", scale.absent
