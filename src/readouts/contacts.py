"""Contacts between sides (PLACEHOLDER: being written for issue 3)."""
from __future__ import annotations


def find_contacts(doc, actors, published):
    return []
