"""Helpers shared by the renderers of compare, robustness and trend."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console, RenderableType
from rich.text import Text

from allyeval.core.errors import UsageError
from allyeval.core.limits import MAX_WIDTH
from allyeval.core.printable import unicode_escaped
from allyeval.render.json_text import indented
from allyeval.render.records import fraction, points

SHARE_BLOCKS = " ▁▂▃▄▅▆▇█"
"""A share 0-1 as one character: empty, then eighths of a cell."""
EIGHTHS = " ▏▎▍▌▋▊▉"
"""Partial cells at the end of a horizontal bar."""


def check_format(output_format: str, allowed: tuple[str, ...], command: str) -> str:
    """*output_format* as a plain string, or a UsageError naming the formats *command* has."""
    name = str(output_format)
    if name not in allowed:
        raise UsageError(f"{command} has no --format {name}; choose one of {', '.join(allowed)}")
    return name


def make_console(*, color: bool, width: int) -> Console:
    """A console that renders into memory as a terminal of *width* columns would show it,
    with colour only if asked. The width is at most MAX_WIDTH, whoever asks."""
    return Console(
        file=io.StringIO(),
        width=max(1, min(width, MAX_WIDTH)),
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        markup=False,  # a stray str is shown as it is: user text is never markup
        emoji=False,
        legacy_windows=False,
    )


def console_text(*renderables: RenderableType, color: bool, width: int) -> str:
    """What *renderables* print as in a terminal of *width* columns (colour only if asked)."""
    console = make_console(color=color, width=width)
    with console.capture() as capture:
        for renderable in renderables:
            console.print(renderable)
    return capture.get()


def json_points(value: float | None) -> float | None:
    """Points for JSON: two decimals, and never -0.0 (a difference of nothing is 0)."""
    return None if value is None else points(value) + 0.0


def json_share(value: float | None) -> float | None:
    """A probability or share for JSON: four decimals, never -0.0."""
    return None if value is None else fraction(value) + 0.0


def dumps(record: Any) -> str:
    """*record* as indented JSON, unsafe characters in strings as ``\\uXXXX`` escapes."""
    return unicode_escaped(indented(record)) + "\n"


def signed(value: float | None, decimals: int = 1) -> str:
    """A difference for people: +1.5, -0.3, 0.0 (no "-0.0"), or a dash when undefined."""
    if value is None:
        return "–"
    text = f"{value:+.{decimals}f}"
    return text if text.strip("+-0.") else f"{0:.{decimals}f}"


def percent(share: float) -> str:
    """A share for people: 37%, with <1% and >99% so that rare is never shown as 0 or 100."""
    text = f"{share:.0%}"
    if share > 0 and text == "0%":
        return "<1%"
    if share < 1 and text == "100%":
        return ">99%"
    return text


def complement_percent(share: float) -> str:
    """``percent(1 - share)``, decided by *share* itself where the subtraction rounds: the
    complement of a non-zero share is never shown as 100% (1 - 1e-20 is 1.0 in floats)."""
    text = percent(1 - share)
    if share > 0 and text == "100%":
        return ">99%"
    if share < 1 and text == "0%":
        return "<1%"
    return text


def share_block(share: float) -> str:
    """One character whose height is the share (a non-zero share shows at least a sliver)."""
    if share <= 0:
        return " "
    return SHARE_BLOCKS[max(1, round(share * (len(SHARE_BLOCKS) - 1)))]


def hbar(value: float, cells: int) -> str:
    """A horizontal bar of *value* (0-100) over *cells* characters, in eighths of a cell."""
    eighths = round(max(0.0, min(value, 100.0)) / 100 * cells * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def difference_text(value: float | None, decimals: int = 1, *, better_up: bool = True) -> Text:
    """A signed difference, green when better and red when worse (for the reader's eye only)."""
    text = signed(value, decimals)
    if value is None or text.strip("+-0.") == "":
        return Text(text, style="dim")
    return Text(text, style="green" if (value > 0) == better_up else "red")
