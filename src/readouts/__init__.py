"""readouts: who said what about an event, each side's account, and where they diverge.

>>> import readouts
>>> result = readouts.analyze(text, published="2024-04-04")
>>> result.to_json()["statements"]
"""
from __future__ import annotations

__version__ = "0.1.0"

from readouts.analyze import analyze, analyze_article, analyze_many
from readouts.divergence.compare import compare  # binds the function over the submodule of the same name
from readouts.errors import AnalysisError, InputError, LimitError, ModelError, ReadoutsError, StoreError
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

__all__ = [
    "Actor", "Agreement", "Analysis", "AnalysisError", "AnalysisWarning", "Article", "Comparison", "Contact",
    "Dispute", "DocSpan", "InputError", "LimitError", "ModelError", "Participant", "Point", "ReadoutsError",
    "SidedSpan", "Span",
    "Statement", "StoreError", "__version__", "analyze", "analyze_article", "analyze_many", "compare",
]
