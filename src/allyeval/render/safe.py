"""Text from profiles, criteria files and paths, made inert for each kind of output.

Every renderer puts such text through one of these and nothing else:

* the terminal (and the HTML and SVG exported from it): :func:`data_text`, a rich ``Text``
  (never parsed as markup) with unsafe characters escaped;
* Markdown: :func:`cell` (backslash-escapes what Markdown or HTML would read as syntax, one
  line) and :func:`code` (a code span whose fence no backtick in the text can close);
* CSV: :func:`csv_cell` (one line, and a leading ``'`` where a spreadsheet would see a
  formula) and :func:`csv_comment`.
"""

from __future__ import annotations

import re

from rich.text import Text

from allyeval.core.printable import one_line, printable

MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>|~&#!])")
"""What Markdown (with GitHub's tables and strikethrough) or inline HTML could read as
syntax: emphasis, code, links and images, HTML tags and entities, table pipes, headings."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP's list)."""


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


def csv_cell(value: object) -> object:
    """A CSV cell: numbers as they are; text on one line, with a ``'`` in front when its first
    character would start a formula (``=HYPERLINK(...)`` stays text in a spreadsheet)."""
    if not isinstance(value, str):
        return value
    text = one_line(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_comment(text: str) -> str:
    """The ``#`` line before a CSV table: one line, whatever *text* holds."""
    return f"# {one_line(text)}\n"
