"""``allyeval criteria``: the criteria model as a readable table, JSON or Markdown; with an
indicator id, that indicator's question, rubric, recommendation and source."""

from __future__ import annotations

import json
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from allyeval.core.models import CriteriaSet, Criterion, Indicator
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
        "source": indicator.source.model_dump(),
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
            f"**Recommendation.** {cell(indicator.recommendation)}",
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
    lines += ["", f"_{cell(provenance_line(criteria_set, 'arithmetic'))}._"]
    return "\n".join(lines) + "\n"


def render_table(
    criteria_set: CriteriaSet,
    indicator_id: str | None,
    only: str | None,
    *,
    color: bool,
    width: int,
) -> str:
    return console_text(_table(criteria_set, indicator_id, only, width), color=color, width=width)


NARROW = 80
"""Below this width the source section goes under the name."""


def _table(
    criteria_set: CriteriaSet, indicator_id: str | None, only: str | None, width: int = 100
) -> RenderableType:
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
            Text.assemble(("Recommendation  ", "bold"), data_text(indicator.recommendation)),
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
    # Narrow terminals show the source section under the name rather than in a column.
    narrow = width < NARROW
    table.add_column("Criterion / indicator", max_width=None if narrow else 36, overflow="fold")
    table.add_column("Weight", justify="right", no_wrap=True)
    table.add_column("Effective", justify="right", no_wrap=True)
    if not narrow:
        table.add_column("Source section", overflow="fold")
    for c in _shown(criteria_set, only):
        label = Text.assemble((c.id, "bold"), (" (risk)" if c.direction == "risk" else "", "red"))
        label.append_text(data_text(f"\n{c.name}", "dim"))
        section = data_text(c.source.section)
        if narrow:
            label.append_text(data_text(f"\n{c.source.section}", "dim italic"))
        table.add_row(label, f"{c.weight:g}", f"{c.weight / total:.1%}",
                      *([] if narrow else [section]))  # fmt: skip
        for i in c.indicators:
            label = Text.assemble(f"  {i.id}", data_text(f"\n  {i.name}", "dim"))
            if narrow:
                label.append_text(data_text(f"\n  {i.source.section}", "dim italic"))
            section = data_text(i.source.section)
            table.add_row(label, f"{i.weight:g}", f"{shares[i.id]:.1%}",
                          *([] if narrow else [section]))  # fmt: skip
    legend = Text(
        "Weight: as in the criteria file (an indicator's within its criterion). Effective: "
        "its share of the overall score.",
        style="dim",
    )
    return Group(table, legend)
