"""``allyeval criteria``: the criteria model as a readable table, JSON or Markdown; with an
indicator id, that indicator's question, rubric, recommendation and source."""

from __future__ import annotations

import json
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from allyeval.core.models import KINDS, CriteriaSet, Criterion, Indicator
from allyeval.core.printable import unicode_escaped
from allyeval.core.provenance import provenance, provenance_line
from allyeval.render.common import console_text
from allyeval.render.records import fraction
from allyeval.render.safe import cell, code, data_text


def effective_weights(criteria_set: CriteriaSet) -> dict[str, float]:
    """Each indicator's share of the overall score when every indicator is rated."""
    total = sum(c.weight for c in criteria_set.criteria)
    shares = {}
    for criterion in criteria_set.criteria:
        within = sum(i.weight for i in criterion.indicators)
        for indicator in criterion.indicators:
            shares[indicator.id] = criterion.weight / total * indicator.weight / within
    return shares


def kinds_text(indicator: Indicator) -> str:
    """The kinds an indicator applies to, for people: ``all kinds`` or a list."""
    if set(indicator.kinds) == set(KINDS):
        return "all kinds"
    return ", ".join(kind.replace("_", " ") for kind in indicator.kinds)


def rules_lines(criteria_set: CriteriaSet) -> list[str]:
    """The caps and gates of a model, one sentence each."""
    lines = [
        f"Cap: band at most {cap.band} when {cap.condition}. {cap.reason}"
        for cap in criteria_set.caps
    ]
    lines += [
        f"Gate: {', '.join(gate.gated)} count at most at the level of {gate.indicator}. "
        f"{gate.reason}"
        for gate in criteria_set.gates
    ]
    lines += [f"Retired: {ident}: {became}." for ident, became in criteria_set.retired.items()]
    return lines


def _indicator_record(criterion: Criterion, indicator: Indicator, share: float) -> dict[str, Any]:
    within = sum(i.weight for i in criterion.indicators)
    return {
        "id": indicator.id,
        "name": indicator.name,
        "criterion": criterion.id,
        "direction": criterion.direction,
        "weight": indicator.weight,
        "weight_in_criterion": fraction(indicator.weight / within),
        "effective_weight": fraction(share),
        "question": indicator.question,
        "rubric": {str(level): text for level, text in sorted(indicator.rubric.items())},
        "recommendation": indicator.recommendation,
        "applicability": indicator.applicability,
        "kinds": list(indicator.kinds),
        "added": {str(level): text for level, text in sorted(indicator.added.items())},
        "source": indicator.source.model_dump(),
        "key_terms": list(indicator.key_terms),
    }


def _shown(criteria_set: CriteriaSet, only: str | None) -> list[Criterion]:
    return [c for c in criteria_set.criteria if only is None or c.id == only]


def catalogue_record(
    criteria_set: CriteriaSet, indicator_id: str | None, only: str | None = None
) -> dict[str, Any]:
    shares = effective_weights(criteria_set)
    if indicator_id is not None:
        criterion, indicator = criteria_set.indicators[indicator_id]
        return _indicator_record(criterion, indicator, shares[indicator_id])
    total = sum(c.weight for c in criteria_set.criteria)
    return {
        "name": criteria_set.name,
        "version": criteria_set.version,
        "title": criteria_set.title,
        "bands": [band.model_dump() for band in criteria_set.bands],
        "min_coverage": criteria_set.min_coverage,
        "caps": [cap.model_dump(exclude_none=True) for cap in criteria_set.caps],
        "gates": [gate.model_dump() for gate in criteria_set.gates],
        "retired": dict(criteria_set.retired),
        "criteria": [
            {
                "id": c.id,
                "name": c.name,
                "description": c.description,
                "direction": c.direction,
                "weight": c.weight,
                "effective_weight": fraction(c.weight / total),
                "source": c.source.model_dump(),
                "indicators": [_indicator_record(c, i, shares[i.id]) for i in c.indicators],
            }
            for c in _shown(criteria_set, only)
        ],
        "provenance": provenance(criteria_set, "arithmetic"),
    }


def render_json(criteria_set: CriteriaSet, indicator_id: str | None, only: str | None) -> str:
    record = catalogue_record(criteria_set, indicator_id, only)
    return unicode_escaped(json.dumps(record, indent=2, ensure_ascii=False))


def render_markdown(criteria_set: CriteriaSet, indicator_id: str | None, only: str | None) -> str:
    shares = effective_weights(criteria_set)
    if indicator_id is not None:
        criterion, indicator = criteria_set.indicators[indicator_id]
        lines = [
            f"## {cell(indicator.name)} ({code(indicator.id)})",
            "",
            f"Criterion: {cell(criterion.name)} ({criterion.direction});"
            f" weight {indicator.weight:g} within it, {shares[indicator.id]:.1%} of the overall"
            " score.",
            "",
            f"**Question.** {cell(indicator.question)}",
            "",
            "| level | what it looks like |",
            "|--:|---|",
            *(f"| {lvl} | {cell(text)} |" for lvl, text in sorted(indicator.rubric.items())),
            "",
            *(
                f"Level {level}: the modeller's threshold, not the documents': {cell(text)}."
                for level, text in sorted(indicator.added.items())
            ),
            "",
            f"**Recommendation.** {cell(indicator.recommendation)}",
            "",
            f"**Applies to** {cell(kinds_text(indicator))}."
            f" {cell(indicator.applicability or '')}".rstrip(),
            "",
            f"Source: {code(indicator.source.file)}, section “{cell(indicator.source.section)}”.",
        ]
        return "\n".join(lines) + "\n"
    total = sum(c.weight for c in criteria_set.criteria)
    lines = [
        f"## {cell(criteria_set.title)} ({cell(f'{criteria_set.name} {criteria_set.version}')})",
        "",
        "| criterion | indicator | direction | weight | effective weight | source section |",
        "|---|---|---|--:|--:|---|",
    ]
    for c in _shown(criteria_set, only):
        lines.append(
            f"| **{cell(c.name)}** | | {c.direction} | {c.weight:g} | {c.weight / total:.1%}"
            f" | {cell(c.source.section)} |"
        )
        lines += [
            f"| | {cell(i.name)} ({code(i.id, in_table=True)}) | | {i.weight:g}"
            f" | {shares[i.id]:.1%}"
            f" | {cell(i.source.section)} |"
            for i in c.indicators
        ]
    rules = rules_lines(criteria_set)
    lines += ["", *(f"- {cell(rule)}" for rule in rules), *([""] if rules else [])]
    lines += [f"_{cell(provenance_line(criteria_set, 'arithmetic'))}._"]
    return "\n".join(lines) + "\n"


def render_table(
    criteria_set: CriteriaSet,
    indicator_id: str | None,
    only: str | None,
    *,
    color: bool,
    width: int,
) -> str:
    return console_text(_table(criteria_set, indicator_id, only), color=color, width=width)


def _table(criteria_set: CriteriaSet, indicator_id: str | None, only: str | None) -> RenderableType:
    shares = effective_weights(criteria_set)
    if indicator_id is not None:
        criterion, indicator = criteria_set.indicators[indicator_id]
        rubric = Table(box=box.SIMPLE_HEAD, show_edge=False)
        rubric.add_column("Level", justify="right")
        rubric.add_column("What it looks like")
        for level, text in sorted(indicator.rubric.items()):
            rubric.add_row(str(level), data_text(text))
        return Group(
            data_text(f"{indicator.name} ({indicator.id})", "bold"),
            data_text(
                f"{criterion.name} ({criterion.direction}) · weight {indicator.weight:g} within "
                f"the criterion · {shares[indicator.id]:.1%} of the overall score",
                "dim",
            ),
            "",
            Text.assemble(("Question  ", "bold"), data_text(indicator.question)),
            rubric,
            *(
                data_text(f"Level {level}: the modeller's threshold, not the documents': {text}")
                for level, text in sorted(indicator.added.items())
            ),
            Text.assemble(("Recommendation  ", "bold"), data_text(indicator.recommendation)),
            Text.assemble(
                ("Applies to  ", "bold"),
                data_text(f"{kinds_text(indicator)}. {indicator.applicability or ''}".rstrip()),
            ),
            Text.assemble(
                ("Source  ", "bold"),
                data_text(f"{indicator.source.file}, “{indicator.source.section}”"),
            ),
        )
    total = sum(c.weight for c in criteria_set.criteria)
    table = Table(
        title=data_text(f"{criteria_set.title} ({criteria_set.name} {criteria_set.version})"),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        expand=True,
    )
    table.add_column("Criterion / indicator", max_width=36)
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("Effective", justify="right", no_wrap=True)
    table.add_column("Applies to", max_width=18)
    table.add_column("Source section")
    for c in _shown(criteria_set, only):
        label = Text.assemble((c.id, "bold"), (" (risk)" if c.direction == "risk" else "", "red"))
        label.append_text(data_text(f"\n{c.name}", "dim"))
        section = data_text(c.source.section)
        table.add_row(label, f"{c.weight:g}", f"{c.weight / total:.1%}", "", section)
        for i in c.indicators:
            label = Text.assemble(f"  {i.id}", data_text(f"\n  {i.name}", "dim"))
            section = data_text(i.source.section)
            table.add_row(
                label, f"{i.weight:g}", f"{shares[i.id]:.1%}", data_text(kinds_text(i)), section
            )
    rules = [data_text(rule) for rule in rules_lines(criteria_set)]
    return Group(table, *rules) if rules else table
