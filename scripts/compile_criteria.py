"""Write ``src/allyeval/core/builtin_data.py``: the built-in criteria models as plain data.

Run it after changing a YAML file in ``src/allyeval/criteria`` (a test fails until you do):

    python scripts/compile_criteria.py

allyeval reads a built-in model from this data when the YAML file it was made from is
unchanged (same SHA-256), and parses the YAML otherwise."""

from __future__ import annotations

import hashlib
import pprint
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from allyeval.core.builtin import BUILTIN_MODELS  # noqa: E402
from allyeval.core.loader import criteria_from_text, parse  # noqa: E402

TARGET = ROOT / "src" / "allyeval" / "core" / "builtin_data.py"
HEADER = '''"""The built-in criteria models as plain data (made by
``scripts/compile_criteria.py`` from the YAML files in ``allyeval/criteria``; do not edit by
hand, run the script instead).

Reading a model from here takes a third of the time of parsing its YAML (about 3 ms of
allyeval's start). Each entry carries the SHA-256 of the file it was made from: a file that
no longer matches is parsed instead."""

import datetime  # noqa: F401 - dates in the data, where a model has them
from typing import Any

MODELS: dict[str, tuple[str, dict[str, Any]]] = {
'''


def compiled() -> str:
    parts = [HEADER]
    for file in sorted(set(BUILTIN_MODELS.values())):
        path = ROOT / "src" / "allyeval" / "criteria" / file
        text = path.read_text(encoding="utf-8")
        criteria_from_text(text, str(path))  # refuse to compile a model allyeval refuses
        data, _ = parse(text, str(path), "criteria")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        body = pprint.pformat(data, width=96, sort_dicts=False)
        parts.append(f"    {file!r}: (\n        {digest!r},\n")
        parts.append("".join(f"        {line}\n" for line in body.splitlines()))
        parts.append("    ),\n")
    parts.append("}\n")
    return "".join(parts)


if __name__ == "__main__":
    TARGET.write_text(compiled(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
