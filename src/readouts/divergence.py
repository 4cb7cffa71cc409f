"""Disputes and agreements within one article (PLACEHOLDER: being written for issue 4)."""
from __future__ import annotations


def find_divergence(text, statements, contacts):
    return [], []
