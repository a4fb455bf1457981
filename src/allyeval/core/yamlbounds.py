"""Bounds on the shape of a YAML document: how deep it nests and how far aliases expand it.

Both are checked without recursion, so no document can exhaust the Python or the C stack.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from allyeval.core.errors import YamlProblem
from allyeval.core.limits import MAX_DEPTH, MAX_NODES

SAFE_COMPOSE_DEPTH = 2_000
"""libyaml composes nodes recursively on the C stack; deeper documents are checked first."""


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


def check_bounds(root: Node) -> None:
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


def depth_bound(text: str) -> int:
    """A cheap upper bound of the nesting depth of *text*.

    Each flow collection opens with ``[`` or ``{``; a nested block collection starts at least
    one column further right at least every second level, so block nesting is at most twice
    the longest line.
    """
    longest = max(map(len, text.splitlines()), default=0)
    return 2 * (longest + 1) + text.count("[") + text.count("{")


def check_depth_by_events(text: str, fast_loader: Any, has_libyaml: bool) -> None:
    """Refuse nesting beyond MAX_DEPTH from the parser's events, before any tree is built.

    Newer libyaml builds (PyYAML 6.0.4 and later) stop at 1,000 flow levels with their own
    message, before this check sees level MAX_DEPTH + 1 (the scanner reads ahead of the
    parser). When the fast parser fails, the pure-Python parser, which has no such limit and
    reads ahead no further than the document's nesting, is asked whether the document nests
    too deeply first, so the message does not depend on which libyaml PyYAML bundles.
    """
    try:
        _scan_depth(fast_loader, text)
    except yaml.YAMLError as fast_error:
        if not has_libyaml:
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
