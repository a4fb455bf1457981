"""YAML as plain data: the safe subset of YAML with the surprises of YAML 1.1 removed.

* Only plain mappings, lists, strings, numbers, booleans, dates and null are built; any other
  tag (``!!python/object``, ``!!binary``, ``!custom``...) is an error, so nothing runs.
* Booleans are YAML 1.2's ``true``/``false`` only: ``NO`` (Norway), ``yes``, ``on`` and ``off``
  stay strings.
* Numbers are written in decimal, as JSON writes them (``1975``, ``-2``, ``0.5``, ``1e3``, and
  ``.inf``/``.nan``). A plain value that YAML 1.1 or YAML 1.2 would read as a number in another
  form (``32:55``, ``0x1F``, ``0o7``, ``0b11``, ``1_000``, ``+3``, ``007``, ``.5``) is an error:
  readers disagree on most of them (``32:55`` is 1975 to YAML 1.1), and none is worth the doubt.
* A key repeated in one mapping is an error (YAML itself silently keeps the last one).
* Aliases cannot multiply the document (a "billion laughs" file is refused) and nesting is
  bounded, so no input can exhaust memory or the Python stack.

libyaml's C parser is used when PyYAML was built with it; the composed node tree is kept so
that an error found later (by validation) can still be traced to its line and column.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from allyeval.core.errors import YamlProblem as YamlProblem
from allyeval.core.limits import MAX_DEPTH as MAX_DEPTH
from allyeval.core.limits import MAX_NODES as MAX_NODES
from allyeval.core.yamlbounds import (
    SAFE_COMPOSE_DEPTH,
    check_bounds,
    check_depth_by_events,
    depth_bound,
)
from allyeval.core.yamlbounds import check_depth as check_depth

try:
    from yaml import CSafeLoader as _BaseLoader

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    HAS_LIBYAML = False

_BOOL_TAG = "tag:yaml.org,2002:bool"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NOT_PLAIN_TAGS = ("binary", "omap", "pairs", "set")


class _PlainLoader(_BaseLoader):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        explicit = node.value  # merge keys are taken out of this list, in place
        count = len(explicit)
        mapping = super().construct_mapping(node, deep=deep)
        # As many distinct keys as key nodes: nothing was given twice (the common case, and
        # the cheap one). Otherwise a key repeats, or merge keys were involved: look closer.
        if len(mapping) != count:
            self._refuse_duplicate_keys([k for k, _ in explicit if isinstance(k, ScalarNode)])
        return mapping

    def _refuse_duplicate_keys(self, key_nodes: list[ScalarNode]) -> None:
        seen: dict[Any, Node] = {}
        for key_node in key_nodes:
            if key_node.tag == _MERGE_TAG:
                continue
            key = self.construct_object(key_node)
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise YamlProblem(
                    f"duplicate key {key!r} (first given on line {first}); keep one of them",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            seen[key] = key_node

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node without one: what PyYAML's ``resolve`` gives for this loader's
        resolvers (it has no path resolvers), from a table made once instead of a list built
        for every scalar. The parser asks this for every node: a large share of parsing."""
        if kind is ScalarNode:
            return plain_tag(value) if implicit[0] else _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    # The parser calls these two for every node; they only serve path resolvers, which this
    # loader has none of (PyYAML's own versions check that first, every time).
    def descend_resolver(self, current_node: Node | None, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def construct_checked_scalar(self, node: ScalarNode) -> Any:
        """Build a number, boolean or date, refusing values its (explicit) tag cannot take.

        PyYAML's own constructors assume the implicit resolvers matched first, so an explicit
        tag on a wrong value (``!!int ""``, ``!!bool ~``, ``!!timestamp x``) would crash them.
        """
        constructor = _SCALAR_CONSTRUCTORS[node.tag]
        kind = node.tag.replace("tag:yaml.org,2002:", "")
        noun = "date" if kind == "timestamp" else kind
        try:
            value = constructor(self, node)
        except (ValueError, KeyError, IndexError, AttributeError, TypeError) as exc:
            reason = f" ({exc})" if isinstance(exc, ValueError) else ""
            raise YamlProblem(
                f"{node.value!r} is not a valid {noun}{reason}",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            ) from None
        decimal = _DECIMAL_INT if kind == "int" else _DECIMAL_NUMBER
        if kind in ("int", "float") and not decimal.match(node.value):
            raise YamlProblem(
                f"{node.value!r} is not a valid {noun} (write it in decimal digits)",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        return value

    def construct_not_decimal(self, node: ScalarNode) -> Any:
        raise YamlProblem(
            f"{node.value!r} is not a plain decimal number; write numbers like 1975, -2 or 0.5 "
            "(no 0x, 0o, 0b, '_', ':', '+' or leading zeros), and text in quotes",
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            node=node,
        )

    def construct_undefined(self, node: Node) -> Any:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlProblem(
            f"the tag {tag!r} is not allowed: a profile holds plain data only "
            "(mappings, lists, strings, numbers, booleans, dates, null)",
            node.start_mark.line + 1,
            node.start_mark.column + 1,
        )


# YAML 1.2 core-schema booleans replace YAML 1.1's yes/no/on/off.
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_PlainLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile("^(?:" + "|".join(_BOOLS) + ")$"), list("tTfF")
)
# Numbers: decimal only (see the module's docstring). Any other plain value that YAML 1.1
# (PyYAML's own resolvers) or YAML 1.2's core schema reads as a number gets a tag of its own,
# which is refused when it is built.
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_NOT_DECIMAL_TAG = "tag:allyeval:not-a-decimal-number"
_DECIMAL_INT = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
_FINITE = r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$"
_DECIMAL_NUMBER = re.compile(_FINITE + r"|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$")
_YAML_12_NUMBER = (
    r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$"
)
_NUMBER_STARTS = list("-+0123456789.")
_yaml_11_numbers = {
    regexp.pattern
    for resolvers in _BaseLoader.yaml_implicit_resolvers.values()
    for tag, regexp in resolvers
    if tag in (_INT_TAG, _FLOAT_TAG)
}
_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_INT_TAG, _FLOAT_TAG)]
    for first, resolvers in _PlainLoader.yaml_implicit_resolvers.items()
}
_PlainLoader.add_implicit_resolver(_INT_TAG, _DECIMAL_INT, _NUMBER_STARTS)
_PlainLoader.add_implicit_resolver(_FLOAT_TAG, _DECIMAL_NUMBER, _NUMBER_STARTS)
_PlainLoader.add_implicit_resolver(
    _NOT_DECIMAL_TAG,
    re.compile("|".join(f"(?:{p})" for p in [*sorted(_yaml_11_numbers), _YAML_12_NUMBER]), re.X),
    _NUMBER_STARTS,
)
_PlainLoader.yaml_constructors = dict(_BaseLoader.yaml_constructors)
_PlainLoader.yaml_constructors[_NOT_DECIMAL_TAG] = _PlainLoader.construct_not_decimal
_SCALAR_CONSTRUCTORS = {
    f"tag:yaml.org,2002:{kind}": _BaseLoader.yaml_constructors[f"tag:yaml.org,2002:{kind}"]
    for kind in ("bool", "int", "float", "timestamp")
}
for _scalar_tag in _SCALAR_CONSTRUCTORS:
    _PlainLoader.yaml_constructors[_scalar_tag] = _PlainLoader.construct_checked_scalar
for _tag in [None, *(f"tag:yaml.org,2002:{name}" for name in _NOT_PLAIN_TAGS)]:
    _PlainLoader.yaml_constructors[_tag] = _PlainLoader.construct_undefined
_Resolvers = tuple[tuple[str, "re.Pattern[str]"], ...]
_WILDCARD_RESOLVERS: _Resolvers = tuple(_PlainLoader.yaml_implicit_resolvers.get(None, []))
_RESOLVERS_BY_FIRST: dict[str, _Resolvers] = {
    first: (*resolvers, *_WILDCARD_RESOLVERS)
    for first, resolvers in _PlainLoader.yaml_implicit_resolvers.items()
    if first is not None
}


def plain_tag(value: str) -> str:
    """The tag this loader gives *value* written plain (unquoted): a writer must quote a text
    whose tag is not ``tag:yaml.org,2002:str`` for it to read back as that text."""
    for tag, regexp in _RESOLVERS_BY_FIRST.get(value[:1], _WILDCARD_RESOLVERS):
        if regexp.match(value):
            return tag
    return _STR_TAG


def compose(text: str, *, depth_checked: bool = True) -> Node | None:
    """Parse *text* into a node tree (None for a document with no content).

    With ``depth_checked=False`` nesting up to SAFE_COMPOSE_DEPTH is let through for the caller
    to check with :func:`check_depth` when it needs to: a document that a fixed-depth schema
    accepts cannot be deep, so validation finds out first and costs nothing extra.
    """
    loader = _PlainLoader(text)
    try:
        if depth_bound(text) > SAFE_COMPOSE_DEPTH:
            check_depth_by_events(text, _PlainLoader, HAS_LIBYAML)
        node: Node | None = loader.get_single_node()
        if node is not None:
            # Only an alias ("*name") can make a document expand beyond its own size.
            if "*" in text:
                check_bounds(node)
            elif depth_checked:
                check_depth(node)
        return node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "not valid YAML"
        if exc.context and exc.problem:
            reason = f"{exc.problem} ({exc.context})"
        raise YamlProblem(
            f"not valid YAML: {reason}",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(
            f"contains a character YAML does not allow ({exc.reason}, #x{exc.character:04x}) "
            f"at character {exc.position + 1}"
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("not valid YAML: " + " ".join(str(exc).split())) from None
    finally:
        loader.dispose()


def construct(node: Node) -> Any:
    """Build plain Python data from a node tree made by :func:`compose`.

    A tree of mappings, lists, strings, decimal numbers, booleans, dates and null, with keys
    of those plain kinds (nearly every profile and criteria file) is built directly, about
    six times faster than PyYAML's constructor; anything else (.inf, a date with a time, a
    repeated key, a merge key, a tag on a value it does not fit) is built by the constructor
    itself, with its checks and messages."""
    try:
        return _direct(node)
    except Exception:  # noqa: BLE001 - anything unusual: the full constructor decides
        return _construct(node)


_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# What the constructors build the same way: decimal floats (not .inf or .nan) and dates
# written in full (a day that does not exist raises, and the constructor says why).
_PLAIN_FLOAT = re.compile(_FINITE)
_PLAIN_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_NULL_TAG = "tag:yaml.org,2002:null"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class _Unusual(Exception):
    """A node the direct construction leaves to PyYAML's constructor."""


def _direct(node: Node) -> Any:
    """What ``_construct`` builds, for the plain nodes only (else ``_Unusual``)."""
    tag, kind = node.tag, node.__class__
    if kind is ScalarNode:
        if tag == _STR_TAG:
            return node.value
        if tag == _INT_TAG and _DECIMAL_INT.match(node.value):
            return int(node.value)
        if tag == _NULL_TAG:
            return None
        if tag == _BOOL_TAG and node.value in _BOOLS:
            return _BOOLS[node.value]
        if tag == _FLOAT_TAG and _PLAIN_FLOAT.match(node.value):
            return float(node.value)
        if tag == _TIMESTAMP_TAG and _PLAIN_DATE.match(node.value):
            value = node.value
            return datetime.date(int(value[:4]), int(value[5:7]), int(value[8:]))
    elif kind is MappingNode and tag == _MAP_TAG:
        mapping = {}
        for key, value in node.value:
            if key.__class__ is not ScalarNode:
                raise _Unusual
            mapping[key.value if key.tag == _STR_TAG else _direct(key)] = _direct(value)
        if len(mapping) == len(node.value):  # else a repeated key: the constructor says which
            return mapping
    elif kind is SequenceNode and tag == _SEQ_TAG:
        return [_direct(item) for item in node.value]
    raise _Unusual


def _construct(node: Node) -> Any:
    loader = _PlainLoader("")
    try:
        return loader.construct_document(node)
    except YamlProblem as problem:
        if problem.node is not None:
            problem.path = _path_to(node, problem.node)
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise YamlProblem(
            f"not valid YAML: {exc.problem}",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except Exception as exc:  # noqa: BLE001 - the last guard: bad input never gives a traceback
        raise YamlProblem(f"not valid YAML: {type(exc).__name__}: {exc}") from None
    finally:
        loader.dispose()


def locate(root: Node, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    """The 1-based (line, column) of the value at *path* in *root*, or of its key if *key*.

    Follows the path as far as the document has it, so a missing field is located at the
    mapping that should hold it.
    """
    node = root
    found_key: Node | None = None
    for step in path:
        if isinstance(node, MappingNode):
            match = next((pair for pair in node.value if _scalar_text(pair[0]) == str(step)), None)
            if match is None:
                break
            found_key, node = match
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            found_key, node = None, node.value[step]
        else:
            break
    target = found_key if key and found_key is not None else node
    return target.start_mark.line + 1, target.start_mark.column + 1


def _path_to(root: Node, target: Node) -> list[str | int] | None:
    """The path of keys and indexes from *root* to the node *target*, if it is there."""
    stack: list[tuple[Node, list[str | int]]] = [(root, [])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                step = key.value if isinstance(key, ScalarNode) else "?"
                stack.extend([(key, path), (value, [*path, step])])
        elif isinstance(node, SequenceNode):
            stack.extend((item, [*path, index]) for index, item in enumerate(node.value))
    return None


def _scalar_text(node: Node) -> str | None:
    return node.value if isinstance(node, ScalarNode) else None
