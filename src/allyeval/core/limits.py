"""Bounds on the work one input may cause (see "Security and robustness" in the README)."""

MAX_BYTES = 1_000_000
"""Files larger than this are refused before they are parsed (a profile is a few KB)."""

MAX_DEPTH = 50
"""Deepest nesting of mappings and lists accepted (a profile nests four levels)."""

MAX_NODES = 200_000
"""Most values a document may expand to, counting every use of an alias."""
