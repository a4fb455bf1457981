"""allyeval: score strategic military partnerships against documented criteria."""

__version__ = "0.1.0"
