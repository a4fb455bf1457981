"""``allyeval criteria`` and ``allyeval schema``: the criteria model for people and editors."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from allyeval.cli.runner import terminal_width, wants_color
from allyeval.core.builtin import BUILTIN_MODELS, DEFAULT_MODEL
from allyeval.core.errors import EXIT_OK, UsageError
from allyeval.core.formats import CatalogueFormat
from allyeval.core.loader import builtin_criteria, load_criteria
from allyeval.core.models import CriteriaSet
from allyeval.core.output import open_output
from allyeval.core.schema import SchemaKind, schema_text
from allyeval.render import catalogue


@dataclass(frozen=True)
class CatalogueOptions:
    item: str | None = None
    """An indicator id (shown in full) or a criterion id (its indicators)."""
    output_format: CatalogueFormat = CatalogueFormat.table
    criteria: str | None = None
    output: str | None = None
    color: bool | None = None
    list_models: bool = False
    """List the built-in criteria models instead of showing one."""


def _select(criteria_set: CriteriaSet, item: str | None) -> tuple[str | None, str | None]:
    """The indicator to show in full, or the one criterion to list, for the id asked for."""
    if item is None or item in criteria_set.indicators:
        return item, None
    if any(criterion.id == item for criterion in criteria_set.criteria):
        return None, item
    ids = [c.id for c in criteria_set.criteria] + list(criteria_set.indicators)
    close = difflib.get_close_matches(item, ids, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else "; 'allyeval criteria' lists them"
    raise UsageError(f"no criterion or indicator {item!r}{hint}")


def run_catalogue(options: CatalogueOptions) -> int:
    if options.list_models:
        return _list_models(options)
    criteria_set = load_criteria(options.criteria)
    indicator, only = _select(criteria_set, options.item)
    if options.output_format is CatalogueFormat.json:
        text = catalogue.render_json(criteria_set, indicator, only) + "\n"
    elif options.output_format is CatalogueFormat.markdown:
        text = catalogue.render_markdown(criteria_set, indicator, only)
    else:
        color = wants_color(options.color, options.output)
        width = terminal_width()
        text = catalogue.render_table(criteria_set, indicator, only, color=color, width=width)
    with open_output(options.output) as out:
        out.write(text)
    return EXIT_OK


def _list_models(options: CatalogueOptions) -> int:
    from allyeval.render import models as view

    if options.item is not None or options.criteria is not None:
        raise UsageError("--list shows the built-in models; give it no ID and no --criteria")
    models = [builtin_criteria(name) for name in BUILTIN_MODELS]
    if options.output_format is CatalogueFormat.json:
        text = view.render_json(models, DEFAULT_MODEL)
    elif options.output_format is CatalogueFormat.markdown:
        text = view.render_markdown(models, DEFAULT_MODEL)
    else:
        color = wants_color(options.color, options.output)
        text = view.render_table(models, DEFAULT_MODEL, color=color, width=terminal_width())
    with open_output(options.output) as out:
        out.write(text)
    return EXIT_OK


def run_schema(kind: SchemaKind, criteria: str | None, output: str | None) -> int:
    text = schema_text(kind, load_criteria(criteria))
    with open_output(output) as out:
        out.write(text)
    return EXIT_OK
