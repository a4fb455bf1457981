"""Side-by-side tables that never cut a number: when the columns do not fit the width, the
table is shown in several parts, each with the row names and as many columns as fit."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from allyeval.core.limits import MAX_WIDTH as MAX_WIDTH  # the widest a report is laid out for
from allyeval.core.limits import MIN_WIDTH as MIN_WIDTH  # the narrowest

Cell = Text | str | Padding
FIRST_MIN = 16
"""The narrowest the name column is made before columns move to a further part."""


def cell_width(value: Cell) -> int:
    """The width of a cell on one line (an indented name: with its indent)."""
    if isinstance(value, Padding):
        inner = value.renderable
        return value.left + (cell_width(inner) if isinstance(inner, Text | str) else 0)
    return Text(value).cell_len if isinstance(value, str) else value.cell_len


def column_groups(widths: Sequence[int], room: int, padding: int = 2) -> list[list[int]]:
    """Indexes of the columns, split into consecutive groups whose widths (plus *padding*
    each) fit in *room*; each group has at least one column."""
    groups: list[list[int]] = [[]]
    used = 0
    for index, width in enumerate(widths):
        if groups[-1] and used + width + padding > room:
            groups.append([])
            used = 0
        groups[-1].append(index)
        used += width + padding
    return groups


def side_by_side(
    make: Callable[[list[int]], Table],
    headers: Sequence[Cell],
    columns: Sequence[Sequence[Cell]],
    first: Sequence[Cell],
    width: int,
    padding: int = 2,
) -> RenderableType:
    """The table *make* builds for a group of column indexes, as many times as it takes for
    every column to keep its full width next to the name column."""
    widths = [
        max([cell_width(h), *(cell_width(c) for c in column)])
        for h, column in zip(headers, columns, strict=True)
    ]
    name = min(max((cell_width(c) for c in first), default=0), max(FIRST_MIN, width // 3))
    groups = column_groups(widths, width - name - padding, padding)
    parts: list[RenderableType] = []
    for group in groups:
        parts += [*([""] if parts else []), make(group)]
    return parts[0] if len(parts) == 1 else Group(*parts)


def stacked(
    headers: Sequence[str],
    rows: Sequence[tuple[Cell, Sequence[Cell]]],
    *,
    right: Sequence[bool],
    indent: int = 2,
) -> list[RenderableType]:
    """A table for narrow terminals: each row's name on a line of its own, its cells on the
    line under it, indented, in columns as wide as their widest cell (never cut)."""
    widths = [
        max([cell_width(h), *(cell_width(cells[i]) for _, cells in rows if i < len(cells))])
        for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[Cell], style: str = "") -> Table:
        grid = Table.grid(padding=(0, 2), pad_edge=False)
        grid.add_column(width=indent - 2 if indent > 2 else 0)
        for width, justify in zip(widths, right, strict=True):
            grid.add_column(width=width, no_wrap=True, justify="right" if justify else "left")
        grid.add_row("", *cells, style=style)
        return grid

    parts: list[RenderableType] = [line(headers, "bold")]
    for name, cells in rows:
        parts += [name, line([*cells, *[""] * (len(headers) - len(cells))])]
    return parts


def heading(title: Text, width: int) -> RenderableType:
    """A section's title on a rule; a title too long for one line goes above the rule, whole."""
    if title.cell_len + 6 <= width:
        return Rule(title, align="left")
    return Group(title, Rule())
