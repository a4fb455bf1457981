"""A profile written back as YAML (the consensus of ``allyeval agree``), readable by the loader.

PyYAML's safe dumper does the quoting, so every text reads back exactly as it was: strings that
YAML would read as something else ("NO", "yes", "2024-01-01", "1.5") are quoted, and texts of
several lines (attributed evidence) are written as literal blocks where YAML allows it.
"""

from __future__ import annotations

import textwrap
from typing import Any

import yaml

from allyeval.core import plainyaml
from allyeval.core.models import Profile
from allyeval.core.printable import printable, unicode_escaped

WIDTH = 100
_STR_TAG = "tag:yaml.org,2002:str"


class _ProfileDumper(yaml.SafeDumper):
    """The safe dumper, with texts of several lines as literal blocks, quoting every text
    that YAML 1.1 or allyeval's loader would read as something else."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        # The dumper writes a text plain when its own (YAML 1.1) resolvers read it back as a
        # text; allyeval's loader also reads YAML 1.2's numbers ("0E0", "1e3") as numbers,
        # and refuses "0o7" or "+3": those must be quoted as well.
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        if kind is yaml.ScalarNode and implicit[0] and tag == _STR_TAG:
            return plainyaml.plain_tag(value)
        return tag


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style: str | None = None
    if any(not char.isprintable() and char != "\n" for char in text):
        # Escaped in double quotes: PyYAML's other styles do not keep YAML's other line
        # breaks (NEL, U+2028) or control characters exactly.
        style = '"'
    elif "\n" in text:
        # Folded at the page width; the emitter falls back to quotes where it must.
        style = ">"
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ProfileDumper.add_representer(str, _text)


def profile_yaml(profile: Profile, header: str = "") -> str:
    """*profile* as YAML, after *header* (each of its lines written as a comment)."""
    data: dict[str, Any] = profile.model_dump(mode="python")
    for optional in ("ended", "rated_by"):
        if data[optional] is None:
            del data[optional]
    # Escaped first: a control character or a line separator in a rater's name must neither
    # end the comment nor make the file unreadable.
    lines = [
        part for line in printable(header).split("\n") for part in textwrap.wrap(line, WIDTH - 2)
    ]
    comment = "".join(f"# {line}\n" for line in lines)
    body = yaml.dump(
        data,
        Dumper=_ProfileDumper,
        sort_keys=False,
        allow_unicode=True,
        width=WIDTH,
        default_flow_style=False,
    )
    # The dumper double-quotes every text with a character that is not printable (above), but
    # writes bidirectional controls raw even there: as escapes they read back the same.
    return comment + unicode_escaped(body)
