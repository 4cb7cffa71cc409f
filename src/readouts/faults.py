"""A fault in one rule stays in the sentence it ran on; an article's time budget.

``analyze`` opens one ``article_scope`` per article. Rule loops wrap the work
on each sentence in ``confined(stage, doc, sent)``: an unexpected exception
there is recorded as an ``AnalysisWarning`` (the rule, the sentence, the
error) and the loop goes on with the next sentence, so the rest of the
article's analysis is still returned. Outside a scope (a user's own spaCy
pipeline) a fault is raised as before.

The time budget is checked cooperatively: at every sentence a rule loop
enters and between stages. Work per sentence is bounded (long tokens are cut
before the parse, long texts are analysed in segments), so an article stops
soon after its budget is spent, in the same process, with the model loaded
once and no thread or signal to leave spaCy half-way through a call.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from readouts.errors import LimitError, ReadoutsError
from readouts.records import AnalysisWarning, Span


@dataclass(slots=True)
class _Scope:
    source: str
    deadline: float | None
    budget: float | None
    warnings: list[AnalysisWarning] = field(default_factory=list)


_SCOPE: ContextVar[_Scope | None] = ContextVar("readouts_article_scope", default=None)


@contextmanager
def article_scope(source: str, budget: float | None = None) -> Iterator[list[AnalysisWarning]]:
    """Collect the warnings of one article's analysis; ``budget`` seconds from now, stop it."""
    deadline = time.monotonic() + budget if budget else None
    scope = _Scope(source, deadline, budget)
    token = _SCOPE.set(scope)
    try:
        yield scope.warnings
    finally:
        _SCOPE.reset(token)


def warn(rule: str, error: str, span: Span | None = None) -> None:
    """Record a warning in the current article's scope (dropped outside one)."""
    scope = _SCOPE.get()
    if scope is not None:
        scope.warnings.append(AnalysisWarning(rule, error, span))


def check_budget() -> None:
    """Raise ``LimitError`` when the current article has used up its time budget."""
    scope = _SCOPE.get()
    if scope is not None and scope.deadline is not None and time.monotonic() > scope.deadline:
        raise LimitError(scope.source, f"analysis stopped after {scope.budget:g}s (the per-article time budget, "
                                       "--article-timeout)")


def describe(err: BaseException) -> str:
    """An exception in one line: its type and the start of its message."""
    msg = " ".join(str(err).split())
    return f"{type(err).__name__}: {msg[:200]}" if msg else type(err).__name__


def _failing_rule(stage: str, err: BaseException) -> str:
    """``stage:function``: the innermost function of a readouts rule module the exception came
    through (not the wrappers here or in ``readouts.analyze``)."""
    name = None
    tb = err.__traceback__
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        func = tb.tb_frame.f_code.co_name
        if module.startswith("readouts.") and module not in _WRAPPERS and not func.startswith("<"):
            name = func
        tb = tb.tb_next
    return f"{stage}:{name}" if name else stage


_WRAPPERS = frozenset({__name__, "readouts.analyze"})


@contextmanager
def confined(stage: str, doc, sent) -> Iterator[None]:
    """Run one sentence's rules; a fault becomes a warning on that sentence (in an article scope)."""
    check_budget()
    try:
        yield
    except (ReadoutsError, MemoryError):
        raise
    except Exception as err:
        if _SCOPE.get() is None:
            raise
        from readouts.parse.nlp import text_of

        warn(_failing_rule(stage, err), describe(err), Span.of(text_of(doc), sent.start_char, sent.end_char))
