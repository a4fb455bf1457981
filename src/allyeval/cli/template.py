"""``allyeval init``: a new profile with every indicator listed, its question and rubric as
comments, so an analyst fills it in without opening the documentation."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from allyeval.core.builtin import DEFAULT_MODEL
from allyeval.core.errors import EXIT_OK, UsageError
from allyeval.core.formats import PartnershipKind
from allyeval.core.loader import load_criteria
from allyeval.core.models import CriteriaSet
from allyeval.core.output import open_output
from allyeval.core.text import describe, escaped, first_forbidden, yaml_quoted

WIDTH = 100


@dataclass(frozen=True)
class InitOptions:
    output: str | None = None
    name: str = "New partnership"
    kind: PartnershipKind = PartnershipKind.bilateral
    members: list[str] = field(default_factory=list)
    criteria: str | None = None
    force: bool = False
    today: dt.date | None = None
    """The date written as ``as_of`` (default: today)."""


def slug(name: str) -> str:
    """An id for *name*: lowercase letters, digits and hyphens."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text or "partnership"


_YAML_LINE_BREAKS = "\r\n\x85\u2028\u2029"
"""Every character a YAML parser takes as the end of a line (and so of a comment)."""


def _comment_text(text: str) -> str:
    """*text* made safe for a comment: line breaks become spaces (so no text can end the
    comment and start a key), other characters that are not printable become escapes."""
    return "".join(
        " " if char in _YAML_LINE_BREAKS else char if char.isprintable() else escaped(char)
        for char in text
    )


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        _comment_text(text),
        WIDTH,
        initial_indent=f"{indent}# ",
        subsequent_indent=f"{indent}#   ",
    )


def profile_template(criteria_set: CriteriaSet, options: InitOptions) -> str:
    """The text of a new profile; it validates as it is and scores once levels are filled in."""
    today = options.today or dt.date.today()
    members = options.members or ["(member)"]
    total = sum(c.weight for c in criteria_set.criteria)
    lines = [
        "# A partnership profile for allyeval, written by `allyeval init`.",
        "# Rate each indicator: set its level (0-4, from the rubric above it), confidence (low,",
        "# medium or high), evidence (public, checkable facts) and sources. An indicator whose",
        "# level is empty counts as not yet rated. Check with `allyeval validate FILE`, score",
        "# with `allyeval score FILE`. For completion and checks as you type, point the YAML",
        "# language server at the profile schema (`allyeval schema profile`; see the README).",
        f"id: {slug(options.name)}",
        *([f"criteria: {criteria_set.name}"] if criteria_set.name != DEFAULT_MODEL else []),
        f"name: {yaml_quoted(options.name)}",
        f"kind: {options.kind.value}"
        "  # bilateral | multilateral | defense_cooperation_agreement | strategic_dialogue",
        "members: [" + ", ".join(yaml_quoted(m) for m in members) + "]"
        "  # ISO 3166-1 alpha-2 codes, or names of former states",
        f"established: {today.year}  # the year the partnership began",
        "formal_basis: none  # treaty | mou | none",
        'region: "(region)"',
        f"as_of: {today.isoformat()}  # the date this assessment describes",
        "summary: >-",
        "  (What the partnership is and what this assessment covers.)",
        f"ratings:  # criteria {_comment_text(f'{criteria_set.name} {criteria_set.version}')}",
    ]
    for criterion in criteria_set.criteria:
        direction = "risk: higher = more exposure" if criterion.direction == "risk" else "benefit"
        heading = f"{criterion.name.upper()} ({direction}; weight {criterion.weight / total:.0%})"
        lines += ["", *_comment(heading, "  ")]
        for indicator in criterion.indicators:
            lines.append("")
            lines += _comment(f"{indicator.name}: {indicator.question}", "  ")
            for level, text in sorted(indicator.rubric.items()):
                lines += _comment(f"{level} - {text}", "  ")
            lines += [
                f"  {indicator.id}:",
                "    level:",
                "    confidence:",
                '    evidence: ""',
                "    sources: []",
            ]
    return "\n".join(lines) + "\n"


def _check_text(option: str, text: str) -> None:
    bad = first_forbidden(text, prose=False)
    if bad is not None:
        raise UsageError(f"{option} contains {describe(text, bad)}; use printable text")


def run_init(options: InitOptions) -> int:
    _check_text("--name", options.name)
    for member in options.members:
        _check_text("--member", member)
    if options.output is not None and Path(options.output).exists() and not options.force:
        raise UsageError(f"{options.output} exists; use --force to overwrite it")
    criteria_set = load_criteria(options.criteria)
    text = profile_template(criteria_set, options)
    with open_output(options.output) as out:
        out.write(text)
    return EXIT_OK
