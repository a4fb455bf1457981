"""allyeval: score strategic military partnerships against documented criteria.

The Python API (``load_criteria``, ``load_profile``, ``score``, ``compare``, ``agree``,
``as_record``) is imported on first use, so that importing allyeval (and ``allyeval --version``)
stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allyeval.core.version import __version__

__all__ = [
    "InputError",
    "NothingRated",
    "__version__",
    "agree",
    "as_record",
    "compare",
    "load_criteria",
    "load_profile",
    "score",
]

if TYPE_CHECKING:
    from allyeval.api import (
        InputError,
        NothingRated,
        agree,
        as_record,
        compare,
        load_criteria,
        load_profile,
        score,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        from allyeval import api

        return getattr(api, name)
    raise AttributeError(f"module 'allyeval' has no attribute {name!r}")
