"""Bounds on the work one input may cause (see "Security and robustness" in the README)."""

MAX_BYTES = 1_000_000
"""Files larger than this are refused before they are parsed (a profile is a few KB)."""

MAX_DEPTH = 50
"""Deepest nesting of mappings and lists accepted (a profile nests four levels)."""

MAX_NODES = 200_000
"""Most values a document may expand to, counting every use of an alias."""

MAX_SAMPLES = 1_000_000
"""Most draws --samples accepts (the work of compare, robustness and sampled intervals grows
with it)."""

MAX_WIDTH = 250
"""Widest terminal a report is laid out for, whatever COLUMNS or the terminal says: a table
row costs memory and output in proportion to the width."""

MIN_WIDTH = 60
"""The narrowest a report is laid out for: below it, lines are as wide as this (a terminal
wraps them)."""

MAX_DOCUMENT_PROFILES = 1_000
"""Most profiles ``score`` puts in one HTML or SVG document (a document is built whole in
memory; the streaming formats table, json, csv and markdown have no such limit)."""

MAX_ANALYSED_PROFILES = 500
"""Most profiles ``compare``, ``robustness``, ``trend`` and ``agree`` take at once: the
pairwise outranking grows with the square of the count."""
