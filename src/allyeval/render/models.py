"""``allyeval criteria --list``: the criteria models shipped with allyeval, as a table, JSON
or Markdown."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.table import Table

from allyeval.core.models import CriteriaSet
from allyeval.core.printable import unicode_escaped
from allyeval.render.common import console_text
from allyeval.render.safe import cell, code, data_text


def model_records(models: Sequence[CriteriaSet], default: str) -> list[dict[str, Any]]:
    """One record per model: what it is, its size, and which profiles it reads."""
    return [
        {
            "name": model.name,
            "version": model.version,
            "title": model.title,
            "criteria": len(model.criteria),
            "indicators": len(model.indicators),
            "used_for": _used_for(model.name, default),
            "sha256": model.digest,
        }
        for model in models
    ]


def _used_for(name: str, default: str) -> str:
    return "profiles that name no model" if name == default else f"criteria: {name}"


def render_json(models: Sequence[CriteriaSet], default: str) -> str:
    text = json.dumps(model_records(models, default), indent=2, ensure_ascii=False)
    return unicode_escaped(text) + "\n"


def render_markdown(models: Sequence[CriteriaSet], default: str) -> str:
    lines = [
        "| Model | Version | Title | Criteria | Indicators | Used for |",
        "|---|---|---|--:|--:|---|",
    ]
    lines += [
        f"| {code(r['name'], in_table=True)} | {cell(r['version'])} | {cell(r['title'])}"
        f" | {r['criteria']} | {r['indicators']} | {cell(r['used_for'])} |"
        for r in model_records(models, default)
    ]
    return "\n".join(lines) + "\n"


def render_table(models: Sequence[CriteriaSet], default: str, *, color: bool, width: int) -> str:
    table = Table(title="Built-in criteria models", title_justify="left", box=box.SIMPLE_HEAD)
    for column, justify in [
        ("Model", "left"), ("Version", "left"), ("Title", "left"), ("Criteria", "right"),
        ("Indicators", "right"), ("Used for", "left"),
    ]:  # fmt: skip
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for record in model_records(models, default):
        table.add_row(
            data_text(record["name"]),
            data_text(record["version"]),
            data_text(record["title"]),
            str(record["criteria"]),
            str(record["indicators"]),
            data_text(record["used_for"]),
        )
    return console_text(table, color=color, width=width)
