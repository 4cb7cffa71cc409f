"""Values the store derives from records: outlets, person keys, day ranges. Pure functions.

>>> outlet_of("https://www.kremlin.ru/events/president/news/46364", None)
'kremlin.ru'
>>> person_key("Vladimir Putin", "RU", "person") == person_key("Putin", "RU", "person")
True
>>> day_range("2024-04", None, True)
('2024-04-01', '2024-04-30')
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import os
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

UNDATED_WINDOW_DAYS = 7  # a current contact reported without a date happened in the week before
_WORDS = re.compile(r"[^\W\d_]+")


def joined_sides(sides: Iterable[str | None]) -> str:
    """Sides as the store keys them: distinct, sorted, joined by ``|``."""
    return "|".join(sorted({s for s in sides if s}))


def outlet_of(url: str | None, source: str | None) -> str | None:
    """Who published an article: the url's host without ``www.``, else the source's file or feed name.

    Taken from the article itself, never from who speaks in it: a Kremlin readout
    quoting the White House is still kremlin.ru.
    """
    for candidate in (url, source):
        if candidate and "://" in candidate:
            host = (urlsplit(candidate).hostname or "").lower()
            if host:
                return host.removeprefix("www.")
    if source:
        # a file in a folder per outlet: "news/kremlin/0312.html" -> "kremlin";
        # a batch: "batch.jsonl [id-3]" -> "batch.jsonl"
        path = re.sub(r" \[[^\]]*\]$", "", source)
        return (os.path.basename(os.path.dirname(path)) or os.path.basename(path))[:200] or None
    return None


def fold(text: str) -> str:
    """Lower case without accents: "Sébastien" -> "sebastien"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def surname(name: str) -> str:
    """The last word of a name, folded: what tells people apart across reports."""
    words = _WORDS.findall(fold(name))
    return words[-1] if words else fold(name)


def person_key(name: str, side: str | None, kind: str | None) -> str:
    """One key for one person across articles: side and surname for people, the whole name otherwise.

    "Vladimir Putin" and "Putin" speaking for RU are one person (``RU|person|putin``);
    a body keeps its full name ("RU|body|foreign ministry").
    """
    kind = kind or "other"
    what = surname(name) if kind == "person" else " ".join(_WORDS.findall(fold(name))) or fold(name)
    return f"{side or '?'}|{kind}|{what}"[:200]


def day_range(when: str | None, published: str | None, current: bool, stated: bool = True) -> tuple[str, str] | None:
    """The first and last day (ISO) a report allows, or None when it does not tell.

    "2024-04" allows April; a current report with no date the week before its publication.
    ``stated=False``: the text gives no date and ``when`` is the publication day the analysis
    assumed, so the report allows that week too: a readout published the morning after a call
    ("the two ministers talked by phone", published the 7th) may be of the 6th.
    """
    if when and not stated and current and published and when == published[:10]:
        when = None
    if when:
        try:
            parts = [int(p) for p in when.split("-")]
            if len(parts) == 3:
                return dt.date(*parts).isoformat(), dt.date(*parts).isoformat()
            if len(parts) == 2:
                last = calendar.monthrange(parts[0], parts[1])[1]
                return f"{parts[0]:04d}-{parts[1]:02d}-01", f"{parts[0]:04d}-{parts[1]:02d}-{last:02d}"
            return f"{parts[0]:04d}-01-01", f"{parts[0]:04d}-12-31"
        except ValueError:
            return None
    if current and published:
        try:
            day = dt.date.fromisoformat(published[:10])
        except ValueError:
            return None
        return (day - dt.timedelta(days=UNDATED_WINDOW_DAYS)).isoformat(), day.isoformat()
    return None


def side_name(side: str | None) -> str | None:
    """A side's country name ("RU" -> "Russian Federation"), the body for ``ORG:<name>``, else None."""
    if not side:
        return None
    if side.startswith("ORG:"):
        return side[4:]
    if len(side) == 2:
        import pycountry

        country = pycountry.countries.get(alpha_2=side)
        if country is not None:
            return getattr(country, "common_name", None) or country.name
    return None


def is_person(name: str, side: str | None, kind: str | None) -> bool:
    """Whether a participant names someone: not a state, body or group, nor the side's country name."""
    if kind is not None:
        return kind == "person"
    if side and len(side) == 2:
        import pycountry

        country = pycountry.countries.get(alpha_2=side)
        names = {getattr(country, f, "").lower() for f in ("name", "common_name", "official_name")} if country else set()
        if any(n.startswith(name.lower()) for n in names if n):
            return False
    return True
