"""Text from profiles, criteria files and paths, made inert for each kind of output.

Every renderer puts such text through one of these and nothing else:

* the terminal: :func:`data_text`, a rich ``Text`` (never parsed as markup) with unsafe
  characters escaped;
* Markdown: :func:`cell` (backslash-escapes what Markdown or HTML would read as syntax, one
  line) and :func:`code` (a code span whose fence no backtick in the text can close).

CSV cells go through ``allyeval.render.csv.neutralise_cell``; HTML through Jinja2's
autoescaping and SVG through ``allyeval.render.svg``'s escaping.
"""

from __future__ import annotations

import re

from rich.text import Text

from allyeval.core.printable import printable

MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>|~&#!])")
"""What Markdown (with GitHub's tables and strikethrough) or inline HTML could read as
syntax: emphasis, code, links and images, HTML tags and entities, table pipes, headings."""


def data_text(text: str, style: str = "") -> Text:
    """*text* for rich: a ``Text``, so brackets are shown as they are, with unsafe characters
    escaped (newlines and tabs kept)."""
    return Text(printable(text), style=style)


def _words(text: str) -> str:
    """*text* on one line: unsafe characters escaped, then each run of whitespace (line
    breaks and tabs included) one space."""
    return " ".join(printable(text).split())


def cell(text: str) -> str:
    """*text* safe anywhere in a line of Markdown, a table cell included: one line (runs of
    whitespace become one space) with every syntax character backslash-escaped."""
    return MARKDOWN_SYNTAX.sub(r"\\\1", _words(text))


def code(text: str, *, in_table: bool = False) -> str:
    """*text* as a Markdown code span: shown verbatim, whatever backticks it holds. In a
    table, ``|`` is escaped as GitHub's tables require (they show it as ``|``)."""
    body = _words(text)
    if in_table:
        body = body.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"
