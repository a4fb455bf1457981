"""``allyeval init``: a new profile with every indicator listed, its question and rubric as
comments, so an analyst fills it in without opening the documentation."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from allyeval.core.builtin import DEFAULT_MODEL
from allyeval.core.errors import EXIT_OK, UsageError
from allyeval.core.formats import PartnershipKind
from allyeval.core.loader import load_criteria
from allyeval.core.models import CriteriaSet
from allyeval.core.output import check_output, open_output
from allyeval.core.text import describe, escaped, first_forbidden, yaml_quoted

WIDTH = 100


@dataclass(frozen=True)
class InitOptions:
    output: str | None = None
    name: str | None = None
    """None: left empty, like every fact the analyst has to fill in."""
    kind: PartnershipKind = PartnershipKind.bilateral
    members: list[str] = field(default_factory=list)
    criteria: str | None = None
    force: bool = False


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
    """The text of a new profile. Every fact the analyst must give is left empty, so that
    `allyeval validate` says "not filled in" for each until it is; levels empty are not yet
    rated, and the profile scores once the facts and some levels are filled in."""
    name = options.name
    total = sum(c.weight for c in criteria_set.criteria)
    lines = [
        "# A partnership profile for allyeval, written by `allyeval init`.",
        "# Fill in every empty field below, then rate each indicator: its level (0-4, from the",
        "# rubric above it, or n/a where the indicator does not apply to the partnership's era),",
        "# confidence (low, medium or high), evidence (public, checkable facts; for n/a, why) and",
        "# sources (plain text, or {title, date, publisher, url} with the date the document",
        "# appeared: YYYY, YYYY-MM or YYYY-MM-DD). An indicator whose level is empty counts as",
        "# not yet rated. Check with `allyeval validate FILE`, score with `allyeval score FILE`.",
        "# For completion and checks as you type, point the YAML language server at the profile",
        "# schema (`allyeval schema profile`; see the README).",
        f"id: {slug(name)}" if name else "id:  # lowercase letters, digits, '-' and '_'",
        *([f"criteria: {criteria_set.name}"] if criteria_set.name != DEFAULT_MODEL else []),
        f"name: {yaml_quoted(name)}" if name else "name:",
        f"kind: {options.kind.value}"
        "  # bilateral | multilateral | defense_cooperation_agreement | strategic_dialogue",
        "members: [" + ", ".join(yaml_quoted(m) for m in options.members) + "]"
        "  # codes of the member_codes scheme",
        "member_codes: iso  # iso: ISO 3166-1 alpha-2, ISO 3166-3 for former states; cow: COW",
        "established:  # the year the partnership began",
        "formal_basis:  # treaty | mou | none",
        "region:",
        "as_of:  # the date this assessment describes, YYYY-MM-DD",
        "summary:  # what the partnership is and what this assessment covers",
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
            if indicator.applicability:
                lines += _comment(f"n/a or unrated: {indicator.applicability}", "  ")
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
    if options.name is not None:
        _check_text("--name", options.name)
    for member in options.members:
        _check_text("--member", member)
    check_output(options.output, [])  # a folder, or a name ending in '/', before "exists"
    if options.output is not None and Path(options.output).exists() and not options.force:
        raise UsageError(f"{options.output} exists; use --force to overwrite it")
    criteria_set = load_criteria(options.criteria)
    text = profile_template(criteria_set, options)
    with open_output(options.output) as out:
        out.write(text)
    return EXIT_OK
