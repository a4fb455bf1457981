"""YAML as plain data: the safe subset of YAML with the surprises of YAML 1.1 removed.

* Only plain mappings, lists, strings, numbers, booleans, dates and null are built; any other
  tag (``!!python/object``, ``!!binary``, ``!custom``...) is an error, so nothing runs.
* Booleans are YAML 1.2's ``true``/``false`` only: ``NO`` (Norway), ``yes``, ``on`` and ``off``
  stay strings.
* A key repeated in one mapping is an error (YAML itself silently keeps the last one).
* Aliases cannot multiply the document (a "billion laughs" file is refused) and nesting is
  bounded, so no input can exhaust memory or the Python stack.

libyaml's C parser is used when PyYAML was built with it; the composed node tree is kept so
that an error found later (by validation) can still be traced to its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from allyeval.core.limits import MAX_DEPTH, MAX_NODES

try:
    from yaml import CSafeLoader as _BaseLoader

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    HAS_LIBYAML = False

SAFE_COMPOSE_DEPTH = 2_000
"""libyaml composes nodes recursively on the C stack; deeper documents are checked first."""

_BOOL_TAG = "tag:yaml.org,2002:bool"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NOT_PLAIN_TAGS = ("binary", "omap", "pairs", "set")


class YamlProblem(Exception):
    """The text is not a plain-data YAML document; carries the 1-based position if known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


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

    def construct_checked_scalar(self, node: ScalarNode) -> Any:
        """Build a number, boolean or date, refusing values its (explicit) tag cannot take.

        PyYAML's own constructors assume the implicit resolvers matched first, so an explicit
        tag on a wrong value (``!!int ""``, ``!!bool ~``, ``!!timestamp x``) would crash them.
        """
        constructor = _SCALAR_CONSTRUCTORS[node.tag]
        try:
            return constructor(self, node)
        except (ValueError, KeyError, IndexError, AttributeError, TypeError) as exc:
            kind = node.tag.replace("tag:yaml.org,2002:", "")
            reason = f" ({exc})" if isinstance(exc, ValueError) else ""
            noun = "date" if kind == "timestamp" else kind
            raise YamlProblem(
                f"{node.value!r} is not a valid {noun}{reason}",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            ) from None

    def construct_undefined(self, node: Node) -> Any:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlProblem(
            f"the tag {tag!r} is not allowed: a profile holds plain data only "
            "(mappings, lists, strings, numbers, booleans, dates, null)",
            node.start_mark.line + 1,
            node.start_mark.column + 1,
        )


# YAML 1.2 core-schema booleans replace YAML 1.1's yes/no/on/off.
_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_PlainLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_PlainLoader.yaml_constructors = dict(_BaseLoader.yaml_constructors)
_SCALAR_CONSTRUCTORS = {
    f"tag:yaml.org,2002:{kind}": _BaseLoader.yaml_constructors[f"tag:yaml.org,2002:{kind}"]
    for kind in ("bool", "int", "float", "timestamp")
}
for _scalar_tag in _SCALAR_CONSTRUCTORS:
    _PlainLoader.yaml_constructors[_scalar_tag] = _PlainLoader.construct_checked_scalar
for _tag in [None, *(f"tag:yaml.org,2002:{name}" for name in _NOT_PLAIN_TAGS)]:
    _PlainLoader.yaml_constructors[_tag] = _PlainLoader.construct_undefined


def check_depth(root: Node) -> None:
    """Raise YamlProblem if *root* (a tree: no aliases) nests collections more than MAX_DEPTH
    deep."""
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise YamlProblem(_too_deep(), node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if not isinstance(value, ScalarNode):
                    stack.append((value, depth + 1))
                if not isinstance(key, ScalarNode):
                    stack.append((key, depth + 1))
        elif isinstance(node, SequenceNode):
            stack.extend(
                (item, depth + 1) for item in node.value if not isinstance(item, ScalarNode)
            )


def _check_bounds(root: Node) -> None:
    """Refuse documents that nest too deeply or that aliases expand beyond MAX_NODES."""
    expanded: dict[int, int] = {}
    stack: list[tuple[Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if id(node) in expanded:
            continue
        if depth > MAX_DEPTH and not isinstance(node, ScalarNode):
            raise YamlProblem(
                _too_deep(),
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        children = _children(node)
        if children_done or not children:
            size = 1 + sum(expanded.get(id(child), 1) for child in children)
            if size > MAX_NODES:
                raise YamlProblem(
                    f"expands to more than {MAX_NODES:,} values (through aliases?); refused",
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                )
            expanded[id(node)] = size
            continue
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in expanded)


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _depth_bound(text: str) -> int:
    """A cheap upper bound of the nesting depth of *text*.

    Each flow collection opens with ``[`` or ``{``; a nested block collection starts at least
    one column further right at least every second level, so block nesting is at most twice
    the longest line.
    """
    longest = max(map(len, text.splitlines()), default=0)
    return 2 * (longest + 1) + text.count("[") + text.count("{")


def _check_depth_by_events(text: str) -> None:
    """Refuse nesting beyond MAX_DEPTH from the parser's events, before any tree is built.

    Newer libyaml builds (PyYAML 6.0.4 and later) stop at 1,000 flow levels with their own
    message, before this check sees level MAX_DEPTH + 1 (the scanner reads ahead of the
    parser). When the fast parser fails, the pure-Python parser, which has no such limit and
    reads ahead no further than the document's nesting, is asked whether the document nests
    too deeply first, so the message does not depend on which libyaml PyYAML bundles.
    """
    try:
        _scan_depth(_PlainLoader, text)
    except yaml.YAMLError as fast_error:
        if not HAS_LIBYAML:
            raise
        try:
            _scan_depth(yaml.SafeLoader, text)
        except yaml.YAMLError:
            pass
        raise fast_error from None


def _scan_depth(loader_class: Any, text: str) -> None:
    loader = loader_class(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise YamlProblem(
                        _too_deep(),
                        mark.line + 1 if mark else None,
                        mark.column + 1 if mark else None,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _too_deep() -> str:
    return f"nested more than {MAX_DEPTH} levels deep; a profile is far flatter than that"


def compose(text: str, *, depth_checked: bool = True) -> Node | None:
    """Parse *text* into a node tree (None for a document with no content).

    With ``depth_checked=False`` nesting up to SAFE_COMPOSE_DEPTH is let through for the caller
    to check with :func:`check_depth` when it needs to: a document that a fixed-depth schema
    accepts cannot be deep, so validation finds out first and costs nothing extra.
    """
    loader = _PlainLoader(text)
    try:
        if _depth_bound(text) > SAFE_COMPOSE_DEPTH:
            _check_depth_by_events(text)
        node: Node | None = loader.get_single_node()
        if node is not None:
            # Only an alias ("*name") can make a document expand beyond its own size.
            if "*" in text:
                _check_bounds(node)
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
    """Build plain Python data from a node tree made by :func:`compose`."""
    loader = _PlainLoader("")
    try:
        return loader.construct_document(node)
    except YamlProblem:
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


def _scalar_text(node: Node) -> str | None:
    return node.value if isinstance(node, ScalarNode) else None
