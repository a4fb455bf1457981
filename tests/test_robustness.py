"""Untrusted input: every bad file gets exit 2 and one exact message per problem, never a
traceback; nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allyeval.cli.app import app
from conftest import EXAMPLES, MINIMAL_PROFILE

P = MINIMAL_PROFILE
CRITERIA = (Path(__file__).parent.parent / "criteria" / "default.yaml").read_text(encoding="utf-8")
LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join(["*" + chr(97 + i)] * 9) + "]\n" for i in range(8)
)
PLAIN_DATA = (
    "is not allowed: a profile holds plain data only "
    "(mappings, lists, strings, numbers, booleans, dates, null)"
)
LEVEL = "ratings.joint_exercises.level: level must be a whole number from 0 to 4, got"
DEEP = "nested more than 50 levels deep; a profile is far flatter than that"
NOT_DECIMAL = (
    "is not a plain decimal number; write numbers like 1975, -2 or 0.5 "
    "(no 0x, 0o, 0b, '_', ':', '+' or leading zeros), and text in quotes"
)

# (name, file content, expected stderr with {f} for the file name)
PROFILE_CASES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "{f}: error: is empty"),
    ("comments-only", b"# nothing\n\n", "{f}: error: holds only comments, no YAML content"),
    ("top-level-list", b"- a\n- b\n",
     "{f}:1:1: error: the top level must be a mapping of profile fields (key: value), not a list"),
    ("top-level-scalar", b"hello\n", "{f}:1:1: error: the top level must be a mapping of profile "
     "fields (key: value), not a single value (str)"),
    ("syntax", b"id: [x\n", "{f}:2:1: error: not valid YAML: did not find expected ',' or ']' "
     "(while parsing a flow sequence)"),
    ("duplicate-key", P.replace("kind: bilateral", "kind: bilateral\nkind: multilateral").encode(),
     "{f}:4:1: error: duplicate key 'kind' (first given on line 3); keep one of them"),
    ("duplicate-rating", (P + "  trust:\n    level: 4\n    confidence: high\n    evidence: x\n"
                          ).encode(),
     "{f}:24:3: error: duplicate key 'trust' (first given on line 16); keep one of them"),
    ("python-tag", b'id: !!python/object/apply:os.system ["echo pwned"]\n',
     "{f}:1:5: error: the tag '!!python/object/apply:os.system' " + PLAIN_DATA),
    ("python-name-tag", b"id: !!python/name:os.system\n",
     "{f}:1:5: error: the tag '!!python/name:os.system' " + PLAIN_DATA),
    ("custom-tag", b"id: !secret x\n", "{f}:1:5: error: the tag '!secret' " + PLAIN_DATA),
    ("binary-tag", b"id: !!binary aGVsbG8=\n", "{f}:1:5: error: the tag '!!binary' " + PLAIN_DATA),
    ("set-tag", b"members: !!set {US: null}\n",
     "{f}:1:10: error: the tag '!!set' " + PLAIN_DATA),
    ("billion-laughs", LAUGHS.encode(),
     "{f}:6:4: error: expands to more than 200,000 values (through aliases?); refused"),
    ("deep-flow", b"[" * 100 + b"]" * 100, "{f}:1:51: error: " + DEEP),
    ("deep-inside-a-profile", P.replace("summary: A small profile for tests.",
                                        "summary: " + "[" * 60 + "]" * 60).encode(),
     "{f}:9:59: error: " + DEEP),
    ("deep-flow-huge", b"[" * 300_000 + b"]" * 300_000, "{f}:1:51: error: " + DEEP),
    ("deep-block-huge", b"- " * 200_000 + b"x\n", "{f}:1:101: error: " + DEEP),
    ("utf-16", "id: x\n".encode("utf-16"), "{f}: error: is UTF-16 text; save it as UTF-8"),
    ("latin-1", "name: Déjà\n".encode("latin-1"),
     "{f}: error: is not UTF-8 text (invalid byte at offset 7); save it as UTF-8"),
    ("nul-bytes", b"id: x\n\x00", "{f}: error: contains NUL bytes: this is a binary file, not "
     "YAML text"),
    ("control-character", b"id: a\x07b\n", "{f}: error: contains a character YAML does not "
     "allow (control characters are not allowed, #x0007) at character 6"),
    ("level-nan", P.replace("level: 4", "level: .nan").encode(), "{f}:12:12: error: " + LEVEL
     + " nan"),
    ("level-inf", P.replace("level: 4", "level: .inf").encode(), "{f}:12:12: error: " + LEVEL
     + " inf"),
    ("level-fraction", P.replace("level: 4", "level: 2.5").encode(),
     "{f}:12:12: error: " + LEVEL + " 2.5"),
    ("level-too-high", P.replace("level: 4", "level: 5").encode(),
     "{f}:12:12: error: " + LEVEL + " 5"),
    ("level-negative", P.replace("level: 4", "level: -1").encode(),
     "{f}:12:12: error: " + LEVEL + " -1"),
    ("level-string", P.replace("level: 4", 'level: "3"').encode(),
     "{f}:12:12: error: " + LEVEL + " '3'"),
    ("level-boolean", P.replace("level: 4", "level: true").encode(),
     "{f}:12:12: error: " + LEVEL + " true"),
    ("level-left-out", P.replace("    level: 4\n", "").encode(),
     "{f}:12:5: error: ratings.joint_exercises.level: missing required field 'level'"),
    ("confidence-yes", P.replace("confidence: high", "confidence: yes").encode(),
     "{f}:13:17: error: ratings.joint_exercises.confidence: input should be 'low', 'medium' or "
     "'high', got 'yes'"),
    ("unknown-indicator", P.replace("  trust:", "  trusst:").encode(),
     "{f}:16:3: error: ratings.trusst: unknown indicator 'trusst' (did you mean 'trust'?)"),
    ("missing-field", P.replace("summary: A small profile for tests.\n", "").encode(),
     "{f}:1:1: error: summary: missing required field 'summary'"),
    ("unknown-kind", P.replace("kind: bilateral", "kind: alliance").encode(),
     "{f}:3:7: error: kind: input should be 'bilateral', 'multilateral', "
     "'defense_cooperation_agreement' or 'strategic_dialogue', got 'alliance'"),
    ("impossible-date", P.replace("2024-01-01", "2024-02-30").encode(),
     "{f}:8:8: error: '2024-02-30' is not a valid date (day is out of range for month)"),
    ("explicit-bool-tag", b"!<tag:yaml.org,2002:bool> ~\n",
     "{f}:1:1: error: '~' is not a valid bool"),
    ("explicit-int-tag", b"id: !!int\n", "{f}:1:5: error: '' is not a valid int"),
    ("explicit-float-tag", b"id: !!float x\n",
     "{f}:1:5: error: 'x' is not a valid float (could not convert string to float: 'x')"),
    ("explicit-timestamp-tag", b"as_of: !!timestamp soon\n",
     "{f}:1:8: error: 'soon' is not a valid date"),
    ("date-no", P.replace("as_of: 2024-01-01", "as_of: NO").encode(),
     "{f}:8:8: error: as_of: must be a date written YYYY-MM-DD, got 'NO'"),
    ("newline-in-key", P.replace("  trust:", '  "tr\\nust":').encode(),
     "{f}:16:3: error: ratings.tr\\nust: must be a single line; found a line break U+000A at "
     "character 3\n"
     "{f}:16:3: error: ratings.tr\\nust: unknown indicator 'tr\\nust' (did you mean 'trust'?)"),
    ("ratings-list", P.split("ratings:")[0].encode() + b"ratings:\n  - joint_exercises\n",
     "{f}:11:3: error: ratings: must be a mapping of key: value pairs, got a list"),
    ("five-mistakes", P.replace("kind: bilateral", "kind: x").replace("level: 4", "level: 9")
     .replace("region: North Atlantic", "regoin: x").replace("  trust:", "  trusts:")
     .replace("established: 1950", "established: '1950'").encode(),
     "{f}:1:1: error: region: missing required field 'region'\n"
     "{f}:3:7: error: kind: input should be 'bilateral', 'multilateral', "
     "'defense_cooperation_agreement' or 'strategic_dialogue', got 'x'\n"
     "{f}:5:14: error: established: input should be a valid integer, got '1950'\n"
     "{f}:7:1: error: regoin: unknown field 'regoin' (did you mean 'region'?)\n"
     "{f}:12:12: error: " + LEVEL + " 9\n"
     "{f}:16:3: error: ratings.trusts: unknown indicator 'trusts' (did you mean 'trust'?)"),
    ("sexagesimal-year", P.replace("established: 1950", "established: 32:55").encode(),
     "{f}:5:14: error: established: '32:55' " + NOT_DECIMAL),
    ("binary-level", P.replace("level: 4", "level: 0b11").encode(),
     "{f}:12:12: error: ratings.joint_exercises.level: '0b11' " + NOT_DECIMAL),
    ("hex-level", P.replace("level: 4", "level: 0x3").encode(),
     "{f}:12:12: error: ratings.joint_exercises.level: '0x3' " + NOT_DECIMAL),
    ("underscore-level", P.replace("level: 4", "level: 0_3").encode(),
     "{f}:12:12: error: ratings.joint_exercises.level: '0_3' " + NOT_DECIMAL),
    ("plus-level", P.replace("level: 4", "level: +3").encode(),
     "{f}:12:12: error: ratings.joint_exercises.level: '+3' " + NOT_DECIMAL),
    ("octal-level", P.replace("level: 4", "level: 0o3").encode(),
     "{f}:12:12: error: ratings.joint_exercises.level: '0o3' " + NOT_DECIMAL),
    ("grouped-year", P.replace("established: 1950", "established: 1_950").encode(),
     "{f}:5:14: error: established: '1_950' " + NOT_DECIMAL),
    ("nothing-rated", P.split("ratings:")[0].encode(),
     "{f}: error: ratings: rates no indicator of the criteria set 'allyeval-default'; nothing "
     "to score (see 'ratings' in the README)"),
]  # fmt: skip

CRITERIA_CASES: list[tuple[str, str, str]] = [
    ("weight-nan", CRITERIA.replace("    weight: 20\n", "    weight: .nan\n", 1),
     "{f}:84:13: error: criteria[0].weight: input should be a finite number, got nan"),
    ("weight-negative", CRITERIA.replace("    weight: 20\n", "    weight: -1\n", 1),
     "{f}:84:13: error: criteria[0].weight: input should be greater than 0, got -1"),
    ("weight-zero", CRITERIA.replace("    weight: 20\n", "    weight: 0\n", 1),
     "{f}:84:13: error: criteria[0].weight: input should be greater than 0, got 0"),
    ("weight-huge", CRITERIA.replace("    weight: 20\n", "    weight: 1.7e+308\n", 1),
     "{f}:84:13: error: criteria[0].weight: input should be less than or equal to 1000000, "
     "got 1.7e+308"),
    ("weight-text", CRITERIA.replace("    weight: 20\n", "    weight: heavy\n", 1),
     "{f}:84:13: error: criteria[0].weight: input should be a valid number, got 'heavy'"),
    ("duplicate-id", CRITERIA.replace("  - id: trust\n", "  - id: readiness\n", 1),
     "{f}:270:13: error: criteria[1].indicators[2].id: id 'readiness' is used twice "
     "(first on line 148); ids must be unique"),
    ("risk-without-direction", CRITERIA.replace("    direction: risk\n", "", 1),
     "{f}:757:5: error: criteria[5].direction: missing required field 'direction'"),
    ("top-level-list", "- a\n",
     "{f}:1:1: error: the top level must be a mapping of criteria fields (key: value), not a list"),
]  # fmt: skip

runner = CliRunner()


@pytest.mark.parametrize(
    ("name", "content", "expected"), PROFILE_CASES, ids=[c[0] for c in PROFILE_CASES]
)
def test_bad_profile(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content)
    result = runner.invoke(app, ["score", str(path), "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr == expected.format(f=path) + "\n"
    assert result.stdout == "[]\n"
    assert path.read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content", "expected"), CRITERIA_CASES, ids=[c[0] for c in CRITERIA_CASES]
)
def test_bad_criteria(tmp_path: Path, name: str, content: str, expected: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["score", str(EXAMPLES / "nato.yaml"), "--criteria", str(path)])
    assert result.exit_code == 2
    assert result.stderr == expected.format(f=path) + "\n"
    assert result.stdout == ""


def test_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(P, encoding="utf-8")
    size = len(P.encode())
    ok = runner.invoke(app, ["score", str(path), "--max-bytes", str(size)])
    assert ok.exit_code == 0
    refused = runner.invoke(app, ["score", str(path), "--max-bytes", str(size - 1)])
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"{path}: error: is larger than {size - 1:,} bytes; refused before parsing\n"
    )


def test_default_size_limit_refuses_a_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# padding\n" * 100_001)
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert (
        result.stderr == f"{path}: error: is larger than 1,000,000 bytes; refused before parsing\n"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(P, encoding="utf-8")
    path.chmod(0)
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"{path}: error: cannot be read: permission denied\n"


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    path = tmp_path / "secret.yaml"
    path.write_text(P, encoding="utf-8")
    real_open = builtins.open

    def deny(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", deny)
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"{path}: error: cannot be read: permission denied\n"


def test_output_into_a_directory_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(P, encoding="utf-8")
    result = runner.invoke(app, ["score", str(path), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"allyeval: error: --output {tmp_path} is a directory; name a file\n"


def test_output_naming_an_input_through_another_path(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(P, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    result = runner.invoke(app, ["score", str(path), "-o", str(link)])
    assert result.exit_code == 2
    assert "is also an input file" in result.stderr
    assert path.read_text(encoding="utf-8") == P


def test_criteria_and_profile_cannot_both_be_stdin() -> None:
    result = runner.invoke(app, ["score", "-", "--criteria", "-"], input=P)
    assert result.exit_code == 2
    assert result.stderr == "allyeval: error: '-' (standard input) can be given only once\n"


def test_ctrl_c_in_a_real_process(tmp_path: Path) -> None:
    """SIGINT while allyeval reads standard input: exit 130 and one line, no traceback."""
    import signal
    import time

    command = Path(sys.executable).parent / "allyeval"
    if not command.exists():
        pytest.skip("allyeval is not installed as a command")
    process = subprocess.Popen(
        [str(command), "score", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, cwd=tmp_path,
    )  # fmt: skip
    time.sleep(2)  # let it start and block on stdin (an earlier signal also gives 130)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err == "allyeval: interrupted\n"
    assert out == ""


def test_ctrl_c_while_typer_parses_options_still_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Typer turns a Ctrl-C before the command's own handler into a silent exit 130; the
    console script still writes its one line (the race made the test above flaky)."""
    from allyeval.cli import common, entry, options

    def interrupted(path: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(options, "path_text", interrupted)
    monkeypatch.setattr(common, "interrupt_reported", False)
    monkeypatch.setattr(sys, "argv", ["allyeval", "score", str(EXAMPLES / "nato.yaml")])
    with pytest.raises(SystemExit) as info:
        entry.main()
    assert info.value.code == 130
    assert capsys.readouterr() == ("", "allyeval: interrupted\n")
