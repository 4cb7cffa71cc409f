"""Dates: checking ISO dates and resolving relative dates (PLACEHOLDER: being written for issue 3)."""
from __future__ import annotations

import datetime as dt

from .errors import InputError


def parse_iso_date(value: str, *, source: str = "date") -> dt.date:
    """``YYYY-MM-DD`` to a date, or ``InputError`` naming ``source``."""
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]) if len(str(value).strip()) == 10 else _bad(value, source)
    except ValueError:
        _bad(value, source)


def _bad(value, source):
    raise InputError(source, f"not a date in the form YYYY-MM-DD: {value!r}")
