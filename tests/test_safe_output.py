"""The output side of issue 12, one regression test per finding: markup, links, escape
sequences, CSV formulas and Markdown syntax from a file never act; plus the escaping helpers
by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from allyeval.analysis.comparison import compare
from allyeval.cli.app import app
from allyeval.core import printable as printable_module
from allyeval.core.formats import Format
from allyeval.core.loader import load_criteria, profile_from_text
from allyeval.core.printable import UNSAFE, one_line, printable, unicode_escaped
from allyeval.core.report import build_report
from allyeval.render import renderer_for
from allyeval.render.csv import CsvRenderer, neutralise_cell
from allyeval.render.html import analysis_document
from allyeval.render.markdown import MarkdownRenderer
from allyeval.render.ranking import summary_entry
from allyeval.render.safe import cell, code
from allyeval.render.table import TableRenderer
from conftest import MINIMAL_PROFILE
from hostile import check_output, dated, hostile

runner = CliRunner()
CRITERIA = Path(__file__).parent.parent / "criteria" / "default.yaml"


def profile_text(**fields: object) -> str:
    data = yaml.safe_load(MINIMAL_PROFILE)
    data.update(fields)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def criteria_text(**changes: object) -> str:
    """The default criteria with the first criterion's and indicator's texts changed."""
    data = yaml.safe_load(CRITERIA.read_text(encoding="utf-8"))
    first = data["criteria"][0]
    for key, value in changes.items():
        if key in ("version", "title"):
            data[key] = value
        elif key == "criterion_name":
            first["name"] = value
        elif key == "rubric":
            first["indicators"][0]["rubric"][2] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# --------------------------------------------------------------------------------------------
# The helpers, by hand


def test_printable_escapes_controls_and_keeps_newlines_and_tabs() -> None:
    text = "a\x1b[2Jb\nc\td\u202e\x85\u2028\x7f\x00"
    assert printable(text) == "a\\x1b[2Jb\nc\td\\u202e\\x85\\u2028\\x7f\\x00"
    assert one_line("a\nb\tc\r") == "a\\nb\\tc\\r"
    assert (
        printable("Warsaw Pact [historical] 日本語 \\x1b")
        == "Warsaw Pact [historical] 日本語 \\x1b"
    )


def test_unicode_escaped_keeps_the_data() -> None:
    document = json.dumps({"name": "a\u2028b\x85\u202e\x1b"}, ensure_ascii=False)
    safe = unicode_escaped(document)
    assert safe == '{"name": "a\\u2028b\\u0085\\u202e\\u001b"}'
    assert json.loads(safe) == json.loads(document)


def escaped_one_by_one(document: str) -> str:
    """What unicode_escaped promises, a character at a time."""
    return "".join(f"\\u{ord(c):04x}" if UNSAFE.fullmatch(c) else c for c in document)


@pytest.mark.parametrize("character", [chr(code) for code in range(128)])
def test_unicode_escaped_each_ascii_character(character: str) -> None:
    """An ASCII document takes a quicker path: each ASCII character the pattern matches (C0
    controls but tab and newline, and DEL) must still be escaped there, and no other."""
    document = f'{{"a": "x{character}y"}}\n'
    assert unicode_escaped(document) == escaped_one_by_one(document)


@pytest.mark.parametrize("character", ["\x85", "\u061c", "\u202e", "\u2028", "\ud800", "\uffff"])
def test_unicode_escaped_an_unsafe_character_beyond_ascii_alone(character: str) -> None:
    """A document whose only unsafe character is not ASCII: no ASCII control betrays it."""
    document = f'{{"a": "x{character}y"}}\n'
    assert unicode_escaped(document) == escaped_one_by_one(document) != document


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=0x7F)) | st.text(st.characters(exclude_categories=())))
def test_unicode_escaped_is_the_substitution_character_by_character(document: str) -> None:
    assert unicode_escaped(document) == escaped_one_by_one(document)


def test_unicode_escaped_returns_a_safe_ascii_document_without_the_substitution(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The quick path is what makes JSON output cheap: a clean ASCII document (nearly every
    report) is returned as it is, without the regular expression's scan."""

    class NoScan:
        def sub(self, *args: object) -> str:
            raise AssertionError("scanned")

    monkeypatch.setattr(printable_module, "UNSAFE", NoScan())
    document = '{\n\t"name": "NATO [1949] ~ \\u001b"\n}'
    assert unicode_escaped(document) is document
    for unsafe in ("\x1b", "é"):  # an unsafe character, or one the quick path cannot judge
        with pytest.raises(AssertionError, match="scanned"):
            unicode_escaped(document + unsafe)


def test_markdown_cell_escapes_syntax_on_one_line() -> None:
    text = "a|b <script> *x* [l](javascript:1)\n# h & `c` ~s~ _u_ !"
    assert cell(text) == (
        "a\\|b \\<script\\> \\*x\\* \\[l\\](javascript:1) \\# h \\& \\`c\\` \\~s\\~ \\_u\\_ \\!"
    )
    assert cell("North\n# Heading") == "North \\# Heading"


def test_markdown_code_span_holds_any_backticks() -> None:
    assert code("csto [draft].yaml") == "`csto [draft].yaml`"
    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    assert code("a|b", in_table=True) == "`a\\|b`"
    assert code("a\nb\x1b") == "`a b\\x1b`"


def test_csv_cells_neutralise_formulas_and_keep_numbers() -> None:
    assert neutralise_cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert [neutralise_cell(v) for v in ("+1", "-x", "@a")] == ["'+1", "'-x", "'@a"]
    assert neutralise_cell("\tx") == "'\tx"
    assert neutralise_cell("\r=1") == "\\r=1"
    assert neutralise_cell(-3.5) == -3.5
    assert neutralise_cell(0) == 0
    assert neutralise_cell("a\nb\x1b") == "a\\nb\\x1b"


# --------------------------------------------------------------------------------------------
# Findings 1 and 2: markup and links


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_brackets_show_as_written_and_never_crash(in_tmp: Path) -> None:
    Path("csto [draft].yaml").write_text(profile_text(name="Warsaw Pact [historical]"))
    Path("drafts[").mkdir()
    Path("drafts[/quad].yaml").write_text(profile_text(id="other", name="Pact [/bold] [/]"))
    Path("c.yaml").write_text(
        criteria_text(criterion_name="Operational [/i] success", rubric="Level [/] two")
    )
    files = ["csto [draft].yaml", "drafts[/quad].yaml", "-c", "c.yaml"]
    result = runner.invoke(app, ["score", *files])
    assert result.exit_code == 0, result.stderr
    assert "Warsaw Pact [historical] (test-pact)" in result.stdout
    assert "csto [draft].yaml" in result.stdout
    assert "Operational [/i] success" in result.stdout
    assert "Pact [/bold] [/] (other)" in result.stdout
    shown = runner.invoke(app, ["criteria", "joint_exercises", "-c", "c.yaml"])
    assert shown.exit_code == 0
    assert "Level [/] two" in shown.stdout
    for command in ("compare", "robustness"):
        result = runner.invoke(app, [command, *files, "--samples", "100"])
        assert result.exit_code == 0, (command, result.stderr)
        assert "Operational [/i] success" in result.stdout


def test_link_markup_in_a_name_is_no_link_in_html(in_tmp: Path) -> None:
    name = "[link=javascript:alert(1)]click[/link] <script>alert(1)</script>"
    Path("a.yaml").write_text(profile_text(name=name))
    Path("b.yaml").write_text(profile_text(id="b", name=name))
    for args in (["score"], ["compare", "--samples", "100"]):
        result = runner.invoke(app, [*args, "a.yaml", "b.yaml", "-f", "html"])
        assert result.exit_code == 0, result.stderr
        assert "<script>" not in result.stdout
        assert "[link=javascript:alert(1)]click[/link] &lt;script&gt;" in result.stdout
        check_output("html", result.stdout)


def test_an_osc8_link_in_a_name_is_no_link_in_compare_html() -> None:
    """compare, robustness and trend used to re-parse their terminal text, so an OSC 8 escape
    in a name became a link; the HTML report and its SVG chart are built from the data."""
    criteria_set = load_criteria()
    profile = profile_from_text(MINIMAL_PROFILE, "a.yaml", criteria_set)
    osc8 = "\x1b]8;;javascript:alert(1)\x1b\\click\x1b]8;;\x1b\\"
    bad = hostile(profile, osc8)
    results = [
        build_report(p, dated(bad, dt.date(2024, 1, 1), ident), criteria_set).result
        for p, ident in (("a.yaml", "a"), ("b.yaml", "b"))
    ]
    result = compare(results, paths=["a.yaml", "b.yaml"], samples=50)
    for kind in ("html", "svg"):
        document = analysis_document(
            result, kind, criteria_set=criteria_set, method="arithmetic", seed=0, samples=50
        )
        assert "<a " not in document
        if kind == "html":
            assert "\\x1b]8;;javascript:alert(1)\\x1b\\click" in document  # shown as text
        check_output(kind, document)


# --------------------------------------------------------------------------------------------
# Finding 3: escape sequences (past the loader, which refuses them)


def test_escape_sequences_are_shown_not_sent() -> None:
    criteria_set = load_criteria()
    profile = profile_from_text(MINIMAL_PROFILE, "a.yaml", criteria_set)
    payload = "\x1b[2J\x1bc\x1b]0;title\x07\x1b]52;c;SGk=\x07\x9b1m"
    report = build_report("a.yaml", hostile(profile, payload), criteria_set)
    text = TableRenderer(criteria_set, color=False, width=200).item(report)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "Test Pact\\x1b[2J\\x1bc\\x1b]0;title\\x07\\x1b]52;c;SGk=\\x07\\x9b1m" in text
    renderer = renderer_for(Format.svg, criteria_set)
    svg = renderer.begin() + renderer.item(report) + renderer.end([summary_entry(report)], 1)
    ElementTree.fromstring(svg)
    check_output("svg", svg)


# --------------------------------------------------------------------------------------------
# Finding 4: CSV and Markdown injection


def test_csv_formulas_and_a_newline_in_the_version_forge_nothing() -> None:
    criteria_set = load_criteria()
    criteria = hostile(criteria_set, "\nid,name\nevil,=1+1")
    profile = profile_from_text(MINIMAL_PROFILE, "a.yaml", criteria_set)
    bad = dated(profile, profile.as_of, "x")
    named = type(bad).model_construct(**{**dict(bad), "name": '=HYPERLINK("http://e","x")'})
    renderer = CsvRenderer(criteria)
    text = renderer.begin() + renderer.item(build_report("-1.yaml", named, criteria))
    lines = text.split("\r\n")
    assert len(lines) == 3 and lines[2] == ""  # the header and one record, each one line
    header, row = csv.reader(io.StringIO(text))
    record = dict(zip(header, row, strict=True))
    assert [record["id"], record["name"], record["path"]] == [
        "x", '\'=HYPERLINK("http://e","x")', "'-1.yaml",
    ]  # fmt: skip
    assert record["criteria_version"] == criteria_set.version + "\\nid,name\\nevil,=1+1"
    check_output("csv", text)


def test_csv_name_formula_from_a_file(in_tmp: Path) -> None:
    Path("a.yaml").write_text(profile_text(name='=HYPERLINK("http://e","x")'))
    result = runner.invoke(app, ["score", "a.yaml", "-f", "csv"])
    assert result.exit_code == 0
    row = list(csv.reader(io.StringIO(result.stdout)))[1]
    assert row[1] == '\'=HYPERLINK("http://e","x")'


def test_markdown_region_newline_script_and_links_are_inert() -> None:
    criteria_set = load_criteria()
    profile = profile_from_text(MINIMAL_PROFILE, "a.yaml", criteria_set)
    fields = {
        **dict(profile),
        "region": "North\n# Heading",
        "name": "<script>x</script>",
        "summary": "[c](javascript:alert(1))",
    }
    bad = type(profile).model_construct(**fields)
    text = MarkdownRenderer(criteria_set).item(build_report("a`b|c.yaml", bad, criteria_set))
    assert "\n# Heading" not in text
    assert "North \\# Heading" in text
    assert text.startswith("## \\<script\\>x\\</script\\>\n")
    assert "Source file: ``a`b|c.yaml``." in text
    check_output("markdown", text)


# --------------------------------------------------------------------------------------------
# Diagnostics that quote a path or a name


def test_diagnostics_escape_paths_and_names(in_tmp: Path) -> None:
    # A file name with a control character is refused at load (core/text.py), in one line
    # that escapes it; an -o clash and a missing file are reported escaped as well.
    name = "evil\x1b]0;title\x07.yaml"
    Path(name).write_text(profile_text())
    Path("c.yaml").write_text(criteria_text(version="1.0\x1b[31m red".replace("\x1b", "")))
    refused = (
        "evil\\x1b]0;title\\x07.yaml: error: the file name contains the control character "
        "U+001B at character 5; rename the file\n"
    )
    result = runner.invoke(app, ["validate", name, "-c", "c.yaml"])
    assert result.exit_code == 2
    assert refused in result.stdout + result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    scored = runner.invoke(app, ["score", name, "-f", "json"])
    assert scored.exit_code == 2
    assert scored.stderr == refused
    clash = runner.invoke(app, ["score", name, "-o", name])
    assert clash.exit_code == 2
    assert clash.stderr.startswith("allyeval: error: --output evil\\x1b]0;title\\x07.yaml is ")
    missing = runner.invoke(app, ["score", "gone\x1b[2J\n.yaml"])
    assert missing.stderr == (
        "gone\\x1b[2J\\n.yaml: error: the file name contains the control character U+001B at "
        "character 5; rename the file\n"
    )


def test_validate_json_escapes_what_a_message_quotes(in_tmp: Path) -> None:
    name = "bad\u2028\x85.yaml"
    Path(name).write_text("id: [\n")
    result = runner.invoke(app, ["validate", name, "-f", "json"])
    assert result.exit_code == 2
    assert "\u2028" not in result.stdout and "\x85" not in result.stdout
    assert json.loads(result.stdout)[0]["file"] == name


def test_a_bracketed_option_value_is_a_usage_error_not_markup() -> None:
    result = runner.invoke(app, ["score", "--format", "[/][link=javascript:x]", "a.yaml"])
    assert result.exit_code == 2
    assert "'[/][link=javascript:x]' is not one of" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_file_name_that_is_not_utf8_is_shown_escaped(in_tmp: Path) -> None:
    """Python passes such a name as lone surrogates: escaped in reports, replaced (U+FFFD) in
    agree's rater label, which the consensus profile holds as text."""
    examples = Path(__file__).parent.parent / "examples" / "agreement"
    names = []
    for letter in "ab":
        name = os.fsdecode(b"analyst \xff" + letter.encode() + b".yaml")
        text = (examples / f"analyst-{letter}.yaml").read_text(encoding="utf-8")
        Path(name).write_text(text.replace("rated_by:", "# rated_by:"), encoding="utf-8")
        names.append(name)
    scored = runner.invoke(app, ["score", names[0], "-f", "json"])
    assert json.loads(scored.stdout)[0]["path"] == names[0]
    assert '"path": "analyst \\udcffa.yaml"' in scored.stdout
    table = runner.invoke(app, ["score", names[0]])
    assert "analyst \\udcffa.yaml" in table.stdout
    agreed = runner.invoke(app, ["agree", *names, "--samples", "100", "--consensus"])
    assert agreed.exit_code == 0, agreed.stderr
    assert "rated_by: consensus of analyst \ufffda, analyst \ufffdb\n" in agreed.stdout
