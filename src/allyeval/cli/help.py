"""Help that names values in words (``FILE...``, ``N``, ``CODE``), never as Python types.

Typer's plain help appends the parameter's type to every argument (``FILE <list[str]>``) and to
options without a metavar (``<int range>``); here an argument is shown by its metavar and an
option by its metavar, its choices, or a word for its type.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from typer.core import TyperCommand

TYPE_WORDS: dict[object, str] = {int: "N", float: "NUMBER", str: "TEXT", Path: "PATH"}
MULTIPLE = "..."
RANGES = (
    (re.compile(r"(-?[\d.]+)<=x<=(-?[\d.]+)"), r"\1 to \2"),
    (re.compile(r"x>=(-?[\d.]+)"), r"at least \1"),
    (re.compile(r"x<=(-?[\d.]+)"), r"at most \1"),
)


def argument_word(param: Any) -> str:
    """How an argument is named: its metavar (or name) in capitals, ``...`` if repeatable."""
    word = str(param.metavar or (param.name or "value").upper())
    if param.nargs != 1 and not word.endswith(MULTIPLE):
        word += MULTIPLE
    return word


def option_word(param: Any, ctx: Any) -> str:
    """What follows an option's flags in the help: nothing for a flag, else a word."""
    if param.is_flag or param.count:
        return ""
    if param.metavar:
        return str(param.metavar)
    descriptor = param.type_descriptor
    if descriptor.is_choice:
        return "[" + str(param.display_type(ctx)).strip("<>") + "]"
    word = TYPE_WORDS.get(descriptor.annotation, "VALUE")
    return word + MULTIPLE if param.multiple else word


def range_words(text: str) -> str:
    """Click's ``100<=x<=1000000`` in a help text as ``100 to 1000000``."""
    for pattern, words in RANGES:
        text = pattern.sub(words, text)
    return text


def _flags(opts: list[str]) -> str:
    """``-f, --format``: short flags first, as click lists them."""
    return ", ".join(sorted(opts, key=lambda flag: len(flag) - len(flag.lstrip("-"))))


class WordsCommand(TyperCommand):
    """A Typer command whose usage line and option list read as words."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                word = argument_word(param)
                pieces.append(word if param.required else f"[{word}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            text = range_words(record[1])
            if param.param_type_name == "option":
                flags = " / ".join(_flags(o) for o in (param.opts, param.secondary_opts) if o)
                word = option_word(param, ctx)
                options.append((f"{flags} {word}" if word else flags, text))
            else:
                arguments.append((argument_word(param), text))
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
