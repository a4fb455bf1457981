"""The batch baseline: libyaml's C parser alone parsing every file given, in one process."""

from __future__ import annotations

import sys

import yaml

for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        yaml.load(handle.read().decode("utf-8"), Loader=yaml.CSafeLoader)
