"""Text from a file is data: the characters that could act on a terminal, a Markdown or CSV
reader or an XML parser, shown as visible escapes instead of written raw.

The loader rejects these characters already; this is the second wall every renderer stands
behind, so that a model built some other way (a library caller, a future loader bug) still
cannot move a cursor, set a window title, write to the clipboard, open a link, reverse the
text direction or make an SVG file ill-formed.
"""

from __future__ import annotations

import re

UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f"  # C0 controls but tab and newline: ESC, CR, BEL, backspace, ...
    "\x7f-\x9f"  # DEL and the C1 controls (CSI, OSC, NEL as single characters)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks and overrides
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates: no encoding can write them
    "\ufffe\uffff"  # not characters, and not allowed in XML
    "]"
)
"""The characters no renderer writes raw (newline and tab are handled per format)."""
UNSAFE_OR_BREAK = re.compile(UNSAFE.pattern[:-1] + "\n\t]")


def escape(character: str) -> str:
    """A visible stand-in for one character, as Python writes it: ``\\x1b``, ``\\n``,
    ``\\u202e`` (the same form the loader's error messages use)."""
    return repr(character)[1:-1]


def printable(text: str) -> str:
    """*text* with every unsafe character written as its escape; newlines and tabs kept.

    A backslash already in *text* stays as it is, so the result is for people to read, not
    to be decoded back."""
    return UNSAFE.sub(lambda match: escape(match.group()), text)


def one_line(text: str) -> str:
    """*text* as :func:`printable`, and newlines and tabs escaped too: always one line."""
    return UNSAFE_OR_BREAK.sub(lambda match: escape(match.group()), text)


_ASCII_UNSAFE = tuple(character for character in map(chr, range(128)) if UNSAFE.match(character))
"""The characters of :data:`UNSAFE` an ASCII text can hold."""


def unicode_escaped(document: str) -> str:
    """A JSON document (as ``json.dumps(..., ensure_ascii=False)`` writes it), or YAML whose
    strings holding such characters are double-quoted, with every unsafe character written as
    a ``\\uXXXX`` escape.

    JSON and YAML readers decode these to the same characters, so the data is kept exactly;
    only the bytes written are safe for a terminal, an editor or a ``<script>`` block.

    Almost every document is ASCII without a control character: that is proved by a search
    for each unsafe ASCII character (a memchr each), ten times faster than the substitution's
    scan, and the document is returned as it is."""
    if document.isascii() and not any(map(document.__contains__, _ASCII_UNSAFE)):
        return document
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", document)
