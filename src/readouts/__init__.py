"""readouts: who said what about an event, each side's account, and where they diverge.

>>> import readouts
>>> result = readouts.analyze(text, published="2024-04-04")
>>> result.to_json()["statements"]
"""
from __future__ import annotations

__version__ = "0.1.0"

import sys
import types
from typing import TYPE_CHECKING

from readouts.errors import AnalysisError, InputError, LimitError, ModelError, ReadoutsError, StoreError

__all__ = [
    "Actor", "Agreement", "Analysis", "AnalysisError", "AnalysisWarning", "Article", "Comparison", "Contact",
    "Dispute", "DocSpan", "InputError", "LimitError", "ModelError", "Participant", "Point", "ReadoutsError",
    "SidedSpan", "Span",
    "Statement", "StoreError", "__version__", "analyze", "analyze_article", "analyze_many", "compare",
]

# Records and the analysis functions are imported on first use: `import readouts` (and so the
# start of the `readouts` command, where a Ctrl-C must end in one line, not a traceback) stays light.
_RECORDS = ("Actor", "Agreement", "Analysis", "AnalysisWarning", "Article", "Comparison", "Contact", "Dispute", "DocSpan",
            "Participant", "Point", "SidedSpan", "Span", "Statement")
_LAZY = {**dict.fromkeys(_RECORDS, "readouts.records"),
         "analyze": "readouts.analyze", "analyze_article": "readouts.analyze", "analyze_many": "readouts.analyze",
         "compare": "readouts.divergence.compare"}

if TYPE_CHECKING:
    from readouts.analyze import analyze, analyze_article, analyze_many
    from readouts.divergence.compare import compare
    from readouts.records import (
        Actor,
        Agreement,
        Analysis,
        AnalysisWarning,
        Article,
        Comparison,
        Contact,
        Dispute,
        DocSpan,
        Participant,
        Point,
        SidedSpan,
        Span,
        Statement,
    )


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'readouts' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """``readouts.analyze`` stays the function after the submodule of the same name is imported.

    Importing ``readouts.analyze`` (the module) sets the package's attribute to the module; that
    one assignment is ignored, so the attribute is looked up through ``__getattr__`` above.
    """

    def __setattr__(self, name: str, value) -> None:
        if name in _LAZY and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
