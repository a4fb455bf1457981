"""Pure analyses of scored profiles: outranking, comparison, robustness and trend.

Imports only ``core``; nothing here reads files or prints.
"""
