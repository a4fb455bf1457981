"""The bottom layer: the data model, the plain-YAML loader, errors and limits, the scoring
formula, findings, the score's uncertainty, the scored report and its provenance.

Nothing here imports from ``analysis``, ``render``, ``atop`` or ``cli``.
"""
