"""A hostile-text corpus and the invariants every output must keep, whatever text it shows.

Two parts:

* ``LOADABLE``: text a profile or criteria file may hold (markup, brackets, HTML, formulas,
  Markdown syntax, scripts from right to left, very long strings). It goes through the loader
  and every command and format (``tests/test_hostile.py``).
* ``CONTROL``: control characters, escape sequences, line separators, bidirectional overrides,
  lone surrogates. The loader may refuse them; the renderers must stay safe even when a model
  holds them, so they are put into models directly (``hostile_profile``, ``hostile_criteria``),
  past the loader.

``check_output`` is shared with the atheris harness ``fuzz/fuzz_render.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from typing import Any, TypeVar

import yaml
from markdown_it import MarkdownIt
from pydantic import BaseModel

LOADABLE = [
    "Warsaw Pact [historical]",
    "[/]",
    "Operational [/i] success [/bold]",
    "[bold red]loud[/bold red] [blink]",
    "[link=javascript:alert(1)]click[/link]",
    "[link=https://example.org]ok[/link] [@click=app.bell]x[/]",
    ":warning: :smile:",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)"> "><svg onload=alert(1)>',
    "[x](javascript:alert(1)) ![i](http://evil.example/x.png) <javascript:alert(1)>",
    "<http://evil.example> www.evil.example",
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(1+1)",
    "-2+3",
    "@cmd",
    "| a | b |",
    "`code` ``two`` ```",
    "*em* _em_ **strong** ~~strike~~ \\*escaped\\*",
    "# heading",
    "&lt;script&gt; &amp; &#106;avascript:",
    "\\x1b[2J written with backslashes \\",
    "Ελληνικά, 日本語, العربية, עברית, 🛡️",
    "long " * 200,
]
"""Text the loader accepts: it must come out as the same text, never as markup or syntax."""

CONTROL = [
    "\x1b[2J\x1bc reset",
    "\x1b]0;window title\x07",
    "\x1b]52;c;SGVsbG8=\x07 clipboard",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x9b31m C1 CSI \x85 NEL \x9d OSC",
    "\x7f DEL \x00 NUL \r CR \x08 BS \x0b VT",
    "line\u2028separator\u2029paragraph",
    "\u202eevil\u202c \u2066isolate\u2069 \u200fmark \u061c",
    "a\nb\n# heading\n=cmd",
    "tab\there",
    "\ud800 lone surrogate \udfff",
    "not characters \ufffe\uffff",
]
"""Characters no output may carry raw (newline and tab only where the format allows)."""

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)
"""Written out here again (not imported) so a change to the code cannot loosen the test."""
SGR = re.compile("\x1b\\[[0-9;]*m")
"""The only escape sequences allyeval writes itself: colours, and only when asked for."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DANGEROUS_MARKDOWN = {"html_block", "html_inline", "link_open", "image"}

M = TypeVar("M", bound=BaseModel)
KEEP = {
    "id", "direction", "kind", "formal_basis", "confidence", "ratings", "member_codes",
    "criteria", "date", "accessed", "level", "kinds", "indicator", "gated", "retired",
}  # fmt: skip
"""Fields left as they are in hostile models: ids the scoring looks up, and choices."""


class UnsafeOutput(AssertionError):
    """An output broke one of the invariants (the fuzz harness saves the input)."""


def fail(kind: str, why: str, text: str) -> None:
    raise UnsafeOutput(f"{kind}: {why}\n--- output (start) ---\n{text[:2000]!r}")


def check_output(kind: str, text: str, *, color: bool = False) -> None:
    """Raise UnsafeOutput unless *text*, an output of format *kind*, is safe to show.

    Every format: no unsafe character (colour codes allowed when *color*). Then per format:
    JSON parses; CSV rows have the header's width and no cell starts a formula; Markdown has no
    HTML, link or image; HTML has no script, event handler or non-web link; SVG is
    well-formed XML, with no script either."""
    bare = SGR.sub("", text) if color else text
    if kind == "csv":
        bare = bare.replace("\r\n", "\n")  # RFC 4180 ends each record with CRLF
    found = UNSAFE.search(bare)
    if found:
        fail(kind, f"raw {found.group()!r} at {found.start()}", text)
    if kind == "json":
        json.loads(text)
    elif kind == "jsonl":
        for line in text.splitlines():
            json.loads(line)
        if any(len(line.splitlines()) != 1 for line in text.split("\n")[:-1]):
            fail(kind, "a record spans lines", text)
    elif kind == "csv":
        _check_csv(text)
    elif kind == "markdown":
        _check_markdown(text)
    elif kind == "html":
        _check_html(kind, text)
    elif kind == "yaml":
        yaml.safe_load(text)
    elif kind == "svg":
        try:
            root = ElementTree.fromstring(text)
        except ElementTree.ParseError as exc:
            fail(kind, f"not well-formed XML: {exc}", text)
        for element in root.iter():
            if element.tag.rsplit("}", 1)[-1].lower() in {"script", "foreignobject", "a"}:
                fail(kind, f"<{element.tag}> element", text)
            _check_attributes(kind, element.attrib.items(), text)


def _check_csv(text: str) -> None:
    lines = text.split("\n")
    comments = [line for line in lines if line.startswith("#")]
    if comments and not lines[0].startswith("#"):
        fail("csv", "a comment line after the table", text)
    rows = list(csv.reader(io.StringIO("\n".join(lines[len(comments) :]))))
    width = len(rows[0])
    for row in rows:
        if len(row) != width:
            fail("csv", f"a row of {len(row)} cells under a header of {width}", text)
        for value in row:
            if value.startswith(FORMULA_START) and not _number(value):
                fail("csv", f"cell {value[:40]!r} would be a formula", text)
            if "\n" in value or "\r" in value:
                fail("csv", f"cell {value[:40]!r} spans lines", text)


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_shape(text: str) -> list[str]:
    """The structure of a Markdown document: its block and inline token types, text left out.
    Escaped user text changes only the text, so a hostile run has the shape of a plain one."""
    shape = []
    for token in MARKDOWN.parse(text):
        if token.type == "inline":
            shape += [
                c.type
                for c in token.children or []
                if c.type not in {"text", "text_special", "softbreak"}
            ]
        else:
            shape.append(token.type)
    return shape


def _check_markdown(text: str) -> None:
    dangerous = DANGEROUS_MARKDOWN.intersection(markdown_shape(text))
    if dangerous:
        fail("markdown", f"{sorted(dangerous)} from the text", text)
    html = MARKDOWN.render(text)
    _check_html("markdown", html)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _check_html(kind: str, text: str) -> None:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    for tag, attrs in parser.tags:
        if tag in {
            "script",
            "iframe",
            "object",
            "embed",
            "img",
            "a",
            "link",
            "base",
            "foreignobject",
        }:
            fail(kind, f"<{tag}> element", text)
        _check_attributes(kind, attrs, text)


def _check_attributes(kind: str, attrs: Any, text: str) -> None:
    for name, value in attrs:
        name = name.rsplit("}", 1)[-1].lower()
        if name.startswith("on"):
            fail(kind, f"event handler attribute {name}", text)
        if name in {"href", "src", "action", "formaction", "xlink:href"} and value:
            scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if not scheme.startswith(("http://", "https://", "#")):
                fail(kind, f"{name}={value!r}", text)


# --------------------------------------------------------------------------------------------
# Hostile models, past the loader


def _rewrite(value: Any, payload: str, field: str) -> Any:
    if isinstance(value, BaseModel):
        return hostile(value, payload)
    if isinstance(value, str):
        return value if field in KEEP else value + payload
    if isinstance(value, list):
        return [_rewrite(item, payload, field) for item in value]
    if isinstance(value, dict):
        return {
            (key + payload if isinstance(key, str) and field not in KEEP else key): _rewrite(
                item, payload, field
            )
            for key, item in value.items()
        }
    return value


def hostile(model: M, payload: str) -> M:
    """A copy of *model* with *payload* appended to every text in it, built without
    validation (so the loader's rules cannot stop it): what the renderers' second wall is for."""
    fields = {
        name: _rewrite(getattr(model, name), payload, name) for name in type(model).model_fields
    }
    return type(model).model_construct(**fields)


def second_rater(profile: M) -> M:
    """Another analyst's *profile*: the same partnership and date, named ``rated_by``, with
    levels mirrored (4 - level), so that they disagree on most indicators."""
    fields = {name: getattr(profile, name) for name in type(profile).model_fields}
    ratings = {}
    for key, rating in fields["ratings"].items():
        if getattr(rating, "level", None) is None:
            ratings[key] = rating
            continue
        values = {name: getattr(rating, name) for name in type(rating).model_fields}
        values["level"] = 4 - values["level"]
        ratings[key] = type(rating).model_construct(**values)
    fields.update(ratings=ratings, rated_by=f"{fields['name']} (second rater)")
    return type(profile).model_construct(**fields)


def dated(profile: M, day: dt.date, ident: str) -> M:
    """*profile* (a hostile copy) as of another *day*, with the id *ident*."""
    fields = {name: getattr(profile, name) for name in type(profile).model_fields}
    fields.update(as_of=day, id=ident)
    return type(profile).model_construct(**fields)


GROUPS = ("score", "compare", "robustness", "trend", "criteria", "agree")


def render_everything(
    profiles: list[Any],
    criteria_set: Any,
    paths: list[str],
    *,
    color: bool = False,
    groups: tuple[str, ...] = GROUPS,
) -> list[tuple[str, str]]:
    """Every output allyeval makes of *profiles* (three: the first two with the same id and
    different dates) and *criteria_set*, as (format, text), rendered in this process; only the
    commands in *groups*."""
    from allyeval.analysis.comparison import compare
    from allyeval.analysis.robustness import robustness
    from allyeval.analysis.trend import trend
    from allyeval.core.formats import Format
    from allyeval.core.report import build_report
    from allyeval.render import catalogue, comparison, renderer_for
    from allyeval.render import robustness as robustness_view
    from allyeval.render import trend as trend_view
    from allyeval.render.html import analysis_document
    from allyeval.render.ranking import summary_entry

    outputs: list[tuple[str, str]] = []
    reports = [
        build_report(p, profile, criteria_set) for p, profile in zip(paths, profiles, strict=True)
    ]
    for output_format in Format if "score" in groups else ():
        renderer = renderer_for(output_format, criteria_set, color=color, width=100)
        text = renderer.begin()
        for index, report in enumerate(reports):
            text += (renderer.separator if index else renderer.opening) + renderer.item(report)
        text += renderer.end([summary_entry(r) for r in reports], len(reports))
        outputs.append((output_format.value, text))
    results = [r.result for r in reports]
    settings = {"width": 100, "criteria_set": criteria_set, "method": "arithmetic"}
    sampled = {**settings, "seed": 1, "samples": 50}
    analyses: list[tuple[Any, Any, dict[str, Any]]] = []
    if "compare" in groups:
        analyses.append((comparison, compare(results[1:], paths=paths[1:], samples=50), sampled))
    if "robustness" in groups:
        result = robustness(results[1:], paths=paths[1:], samples=50, seed=1)
        analyses.append((robustness_view, result, sampled))
    if "trend" in groups:
        analyses.append((trend_view, trend(results[:2], paths[:2]), settings))
    if "agree" in groups:
        from allyeval.analysis.agreement import agree
        from allyeval.render import agreement as agreement_view
        from allyeval.render.profile_yaml import profile_yaml

        # The consensus is validated as a profile: its id must be an id.
        first = dated(profiles[0], profiles[0].as_of, "agreed")
        pair = [
            build_report(paths[0], first, criteria_set).result,
            build_report(paths[1], second_rater(first), criteria_set).result,
        ]
        result = agree(pair, paths=paths[:2], samples=50, seed=1)
        analyses.append((agreement_view, result, sampled))
        labels = ", ".join(r.label for r in result.raters)
        outputs.append(("yaml", profile_yaml(result.consensus.profile, f"From {labels}.")))
    for view, result, options in analyses:
        for name in view.FORMATS:
            text = view.render(result, name, color=color, **options)  # type: ignore[attr-defined]
            outputs.append((name, text))
        for kind in ("html", "svg"):
            document_options = {k: v for k, v in options.items() if k != "width"}
            outputs.append((kind, analysis_document(result, kind, **document_options)))
    first = next(iter(criteria_set.indicators))
    for indicator in (None, first) if "criteria" in groups else ():
        outputs.append(("json", catalogue.render_json(criteria_set, indicator, None)))
        outputs.append(("markdown", catalogue.render_markdown(criteria_set, indicator, None)))
        table = catalogue.render_table(criteria_set, indicator, None, color=color, width=100)
        outputs.append(("table", table))
    return outputs
