"""What a text from an input file may contain: printable text, and line breaks where a field
holds prose.

Profiles come from other teams and the internet, and their text reaches terminals, browsers,
spreadsheets and YAML files. YAML lets any character in through escapes (``"\\e"``,
``"\\x9b"``, ``"\\u2028"``), so the loader refuses, in every string:

* C0 control characters (U+0000-U+001F) except tab, and line feed where the field is prose;
* DEL (U+007F) and the C1 control characters (U+0080-U+009F, NEL among them);
* the line and paragraph separators U+2028 and U+2029;
* the bidirectional embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069,
  which can make a text read differently from what it holds;
* lone surrogates (U+D800-U+DFFF), which the pure-Python parser lets in through ``"\\ud800"``
  and which no output can encode.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

LINE_FEED = "\n"

_CONTROLS = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_NOT_TEXT = _CONTROLS + "\ud800-\udfff"
_FORBIDDEN = re.compile(f"[\x00-\x08\x0a-\x1f{_NOT_TEXT}]")
_FORBIDDEN_IN_PROSE = re.compile(f"[\x00-\x08\x0b-\x1f{_NOT_TEXT}]")
_FORBIDDEN_IN_NAME = re.compile(f"[\x00-\x08\x0a-\x1f{_CONTROLS}]")


_NAMES = {
    0x0A: "a line break",
    0x85: "the next-line character (NEL)",
    0x2028: "the line separator",
    0x2029: "the paragraph separator",
}


def _name(char: str) -> str:
    code = ord(char)
    if code in _NAMES:
        return _NAMES[code]
    if code < 0x20 or code == 0x7F:
        return "the control character"
    if code <= 0x9F:
        return "the C1 control character"
    if 0xD800 <= code <= 0xDFFF:
        return "half of a surrogate pair (not a character)"
    return "the bidirectional control character"


def first_forbidden(text: str, *, prose: bool) -> int | None:
    """The index of the first character *text* may not hold, or None if it is clean."""
    match = (_FORBIDDEN_IN_PROSE if prose else _FORBIDDEN).search(text)
    return None if match is None else match.start()


def describe(text: str, index: int) -> str:
    """The character at *index* of *text* by name, code point and place, for a message."""
    char = text[index]
    return f"{_name(char)} U+{ord(char):04X} at character {index + 1}"


def problem_with(text: str, *, prose: bool) -> str | None:
    """Why *text* is refused as the value of a field (one line), or None if it is clean."""
    if text.isprintable():
        return None  # no refused character is printable; the common case, checked in C
    index = first_forbidden(text, prose=prose)
    if index is None:
        return None
    if text[index] == LINE_FEED:
        return f"must be a single line; found {describe(text, index)}"
    return f"contains {describe(text, index)}; only printable text is allowed"


def file_name_problem(path: str) -> str | None:
    """Why the file name *path* is refused, or None: a file name is shown in every report, so
    it obeys the rule for one line of text in a file."""
    # Lone surrogates stand for bytes that are not UTF-8 (Python's file-name decoding): a real
    # name on disk, shown escaped (\udcff) wherever it is printed, so not refused here.
    match = _FORBIDDEN_IN_NAME.search(path)
    if match is None:
        return None
    return f"the file name contains {describe(path, match.start())}; rename the file"


def check_line(value: str) -> str:
    """Pydantic validator of one-line text: names, titles, members, sources..."""
    problem = problem_with(value, prose=False)
    if problem is not None:
        raise ValueError(problem)
    return value


def check_prose(value: str) -> str:
    """Pydantic validator of text that may run over several lines: evidence, rubrics..."""
    problem = problem_with(value, prose=True)
    if problem is not None:
        raise ValueError(problem)
    return value


def check_metadata(value: object) -> object:
    """Pydantic validator of a metadata value: a string in it is one line of text."""
    return check_line(value) if isinstance(value, str) else value


def escaped(char: str) -> str:
    """*char* as a YAML double-quoted escape (``\\u2028``)."""
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def yaml_quoted(text: str) -> str:
    """*text* as a YAML double-quoted scalar that every YAML parser reads back as *text*, with
    each character that is not printable (line breaks included) written as an escape."""
    body = "".join(
        "\\" + char if char in '"\\' else char if char.isprintable() else escaped(char)
        for char in text
    )
    return f'"{body}"'


_Stripped = StringConstraints(strict=True, strip_whitespace=True, min_length=1)
Text = Annotated[str, _Stripped, AfterValidator(check_line)]
"""One line of text: names, titles, region, members, sources, metadata."""
Prose = Annotated[str, _Stripped, AfterValidator(check_prose)]
"""Text that may run over several lines: summaries, evidence, descriptions, questions, rubrics,
recommendations."""
