"""One error tree for readouts.

Library code raises these and never prints or exits; the CLI turns any
``ReadoutsError`` into one line on stderr and a non-zero exit, the web app into
one JSON error shape. Foreign exceptions are translated where they enter
(``raise InputError(...) from err``).
"""
from __future__ import annotations


class ReadoutsError(Exception):
    """Root of every error readouts raises on purpose."""

    exit_code = 1


class _SourcedError(ReadoutsError):
    """An error about one named input: ``source`` names it, ``problem`` says what is wrong."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(self.message())

    def message(self) -> str:
        return f"{self.source}: {self.problem}"


class InputError(_SourcedError):
    """An input (file, URL, JSONL line, option value) cannot be used.

    ``source`` names the input (a path, a URL, ``<stdin>``, ``file.jsonl:3``)
    so the one-line message says which input failed and why.
    """

    exit_code = 2


class LimitError(InputError):
    """An article is over a limit set for bounded work: longer than ``--max-chars``, or
    still unfinished when its time budget (``--article-timeout``) ran out."""


class AnalysisError(_SourcedError):
    """An article could not be analysed because of a fault inside readouts.

    Raised in place of an unexpected exception so that a batch reports the article
    (``source`` names it) and goes on with the rest.
    """

    exit_code = 70

    def message(self) -> str:
        return f"{self.source}: could not be analysed ({self.problem}); please report this"


class ModelError(ReadoutsError):
    """The spaCy pipeline or a data file readouts needs cannot be loaded."""

    exit_code = 3


class StoreError(ReadoutsError):
    """The article store (SQLite or PostgreSQL) cannot be opened or written."""

    exit_code = 4
