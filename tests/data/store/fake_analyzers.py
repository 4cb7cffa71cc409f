"""Analyzers for the worker-pool tests, importable by worker processes (module-level functions).

``simple_batch`` analyses like ``slow_ingest.simple_analysis``; ``crashing_batch`` kills the
worker process it runs in when an article's text contains ``KILL-THE-WORKER``, as a crash in
compiled code or the kernel's out-of-memory killer would.
"""
from __future__ import annotations

import os

from slow_ingest import simple_analysis

CRASH = "KILL-THE-WORKER"


def simple_batch(batch):
    return [simple_analysis(article) for article in batch]


def crashing_batch(batch):
    if any(CRASH in article.text for article in batch):
        os._exit(9)
    return simple_batch(batch)
