"""Dates: checking ISO dates, and finding and resolving the dates news text writes.

News dates are mostly relative to the day the article was published: "on
Wednesday" is the most recent Wednesday on or before that day, "last month" the
calendar month before it, "in March" the most recent March. ``find_dates``
scans a text once, in order, and resolves every date expression it knows to
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (as precise as the words allow), or to
None when the words need a published date that is not given. "of that year"
takes the last explicit year written before it.

The month and weekday names below are the closed grammar of English dates, not
a lexicon that grows, so they live here rather than in a data file.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from readouts.errors import InputError

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# AP style abbreviates months before a day ("Sept. 5"); March-July are never abbreviated.
_MONTH_ABBR = {"Jan.": 1, "Feb.": 2, "Aug.": 8, "Sept.": 9, "Sep.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at ``text[start:end]`` and its resolved value.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, or None when it cannot
    be resolved (no published date). ``future`` marks "next week", "next
    month"...; ``rule`` names the pattern that matched.
    """

    start: int
    end: int
    text: str
    value: str | None
    rule: str
    future: bool = False


def parse_iso_date(value: str, *, source: str = "date") -> dt.date:
    """``YYYY-MM-DD`` to a date, or ``InputError`` naming ``source``."""
    raw = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise InputError(source, f"not a date in the form YYYY-MM-DD: {value!r}")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as err:
        raise InputError(source, f"not a valid calendar date: {value!r}") from err


def as_date(published: str | dt.date | None) -> dt.date | None:
    """The published date as a ``date`` (ISO text is checked), or None."""
    if published is None or isinstance(published, dt.date):
        return published
    return parse_iso_date(published, source="published")


# ---------------------------------------------------------------- calendar steps

def last_weekday(weekday: int, published: dt.date, *, strictly_before: bool = False) -> dt.date:
    """The most recent day with ``weekday`` (Monday=0) on or before ``published``."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - dt.timedelta(days=back)


def next_weekday(weekday: int, published: dt.date, *, include_today: bool = False) -> dt.date:
    """The first day with ``weekday`` after ``published`` (or on it, with ``include_today``)."""
    ahead = (weekday - published.weekday()) % 7
    if ahead == 0 and not include_today:
        ahead = 7
    return published + dt.timedelta(days=ahead)


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def last_month_named(month: int, published: dt.date, *, strictly_before: bool = False) -> tuple[int, int]:
    """The year of the most recent ``month`` on or before the published month."""
    if month < published.month or (month == published.month and not strictly_before):
        return published.year, month
    return published.year - 1, month


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _week_month(monday: dt.date) -> str | None:
    """A week's month when the whole week (Monday to Sunday) lies in one month."""
    sunday = monday + dt.timedelta(days=6)
    return _ym(monday.year, monday.month) if monday.month == sunday.month else None


# ---------------------------------------------------------------- patterns

_MONTH_WORD = "|".join(MONTHS) + "|" + "|".join(re.escape(a) for a in _MONTH_ABBR)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY_WORD = "|".join(WEEKDAYS)
_NUM = r"(?P<n>\d+|" + "|".join(_NUMBERS) + r")"

# Order matters: the longest, most precise forms first; a span taken is not reused.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx)) for name, rx in (
        ("month_day_year", rf"\b(?P<month>{_MONTH_WORD})\s+{_DAY},?\s+{_YEAR}\b"),
        ("day_month_year", rf"\b{_DAY}\s+(?P<month>{_MONTH_WORD}),?\s+{_YEAR}\b"),
        ("month_of_that_year", rf"\b(?P<month>{_MONTH_WORD})\s+(?:of\s+)?(?:that|the\s+same)\s+year\b"),
        ("month_year", rf"\b(?P<month>{_MONTH_WORD}),?\s+(?:of\s+)?{_YEAR}\b"),
        ("month_day", rf"\b(?P<month>{_MONTH_WORD})\s+{_DAY}\b(?!\s*(?:,\s*)?(?:1[89]|20)\d\d)(?![\d:])"),
        ("day_month", rf"\b{_DAY}\s+(?P<month>{_MONTH_WORD})\b"),
        ("relative_weekday", rf"\b(?P<rel>(?i:last|this\s+past|next|this\s+coming))\s+(?P<weekday>{_WEEKDAY_WORD})\b"),
        ("weekday", (rf"\b(?:(?i:early|late)\s+)?(?P<weekday>{_WEEKDAY_WORD})(?:'s|’s)?"
                     r"(?:\s+(?:morning|afternoon|evening|night))?\b")),
        ("relative_month_name", rf"\b(?P<rel>(?i:last|this\s+past|next|this|early|late|mid-?))\s*(?P<month>{_MONTH_WORD})\b"),
        ("in_month", rf"\b(?P<prep>(?i:in|since|by|until|from|of|during|through|before|after))\s+(?P<month>{_MONTH_WORD})\b"),
        ("month", rf"\b(?P<month>{_MONTH_WORD})(?:'s|’s)?(?=\s)"),
        ("that_year", r"\b(?i:(?:of\s+)?(?:that|the\s+same)\s+year)\b"),
        ("in_year", rf"(?<![\d$.,-])\b{_YEAR}\b(?![\d-]|\s*(?:%|percent|people|troops|km|kilometers|tons))"),
        ("ago", rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
        ("relative_period", (r"\b(?P<rel>(?i:last|next|this|earlier\s+this|later\s+this|earlier\s+in\s+the|"
                             r"at\s+the\s+(?:start|beginning|end)\s+of\s+(?:the|this|last)))\s+"
                             r"(?P<unit>week|weekend|month|year)\b")),
        ("today", r"\b(?i:today|tonight|this\s+(?:morning|afternoon|evening))\b"),
        ("yesterday", r"\b(?i:yesterday|the\s+day\s+before)\b"),
        ("tomorrow", r"\b(?i:tomorrow)\b"),
    )
)


def _month_number(word: str) -> int:
    return MONTHS.index(word) + 1 if word in MONTHS else _MONTH_ABBR[word]


def _valid_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _resolve(rule: str, m: re.Match[str], published: dt.date | None,
             context_year: int | None) -> tuple[str | None, bool]:
    """(value, future) of one match; value None when it needs what is unknown."""
    g = m.groupdict()
    if rule in _ABSOLUTE:
        return _ABSOLUTE[rule](g, published, context_year)
    if published is None:
        return None, False
    return _RELATIVE[rule](g, published)


# ---- dates written in full, or relative to a year the text named ("May 3, 2019", "June of that year")

def _full_day(g: dict, published: dt.date | None, context_year: int | None) -> tuple[str | None, bool]:
    return _valid_day(int(g["year"]), _month_number(g["month"]), int(g["day"])), False


def _month_year(g: dict, published: dt.date | None, context_year: int | None) -> tuple[str | None, bool]:
    return _ym(int(g["year"]), _month_number(g["month"])), False


def _month_of_that_year(g: dict, published: dt.date | None, context_year: int | None
                        ) -> tuple[str | None, bool]:
    return (_ym(context_year, _month_number(g["month"])) if context_year else None), False


def _that_year(g: dict, published: dt.date | None, context_year: int | None) -> tuple[str | None, bool]:
    return (f"{context_year:04d}" if context_year else None), False


def _in_year(g: dict, published: dt.date | None, context_year: int | None) -> tuple[str | None, bool]:
    year = int(g["year"])
    return f"{year:04d}", bool(published and year > published.year)


_ABSOLUTE = {"month_day_year": _full_day, "day_month_year": _full_day, "month_year": _month_year,
             "month_of_that_year": _month_of_that_year, "that_year": _that_year, "in_year": _in_year}


# ---- dates relative to the publication date ("on Wednesday", "last month", "two weeks ago")

def _month_day(g: dict, published: dt.date) -> tuple[str | None, bool]:
    month, day = _month_number(g["month"]), int(g["day"])
    year, _ = last_month_named(month, published)
    value = _valid_day(year, month, day)
    if value and value > published.isoformat():  # later this month means last year's
        value = _valid_day(year - 1, month, day)
    return value, False


def _relative_weekday(g: dict, published: dt.date) -> tuple[str | None, bool]:
    weekday, rel = WEEKDAYS.index(g["weekday"]), " ".join(g["rel"].lower().split())
    if rel in ("next", "this coming"):
        return next_weekday(weekday, published).isoformat(), True
    return last_weekday(weekday, published, strictly_before=True).isoformat(), False


def _weekday(g: dict, published: dt.date) -> tuple[str | None, bool]:
    return last_weekday(WEEKDAYS.index(g["weekday"]), published).isoformat(), False


def _month_name(g: dict, published: dt.date) -> tuple[str | None, bool]:
    month, rel = _month_number(g["month"]), " ".join((g.get("rel") or "").lower().split())
    if rel == "next":
        year = published.year if month > published.month else published.year + 1
        return _ym(year, month), True
    if rel == "this":
        return _ym(published.year, month), month > published.month
    return _ym(*last_month_named(month, published, strictly_before=rel in ("last", "this past"))), False


def _ago(g: dict, published: dt.date) -> tuple[str | None, bool]:
    n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
    unit = g["unit"]
    if unit == "day":
        return (published - dt.timedelta(days=n)).isoformat(), False
    if unit == "week":
        day = published - dt.timedelta(weeks=n)
        return _ym(day.year, day.month), False
    if unit == "month":
        return _ym(*shift_month(published.year, published.month, -n)), False
    return f"{published.year - n:04d}", False


def _relative_period(g: dict, published: dt.date) -> tuple[str | None, bool]:
    rel, unit = " ".join(g["rel"].lower().split()), g["unit"]
    step = {"last": -1, "next": 1}.get(rel.split()[-1] if rel.startswith("at the") else rel, 0)
    if unit in ("week", "weekend"):
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        if unit == "weekend":
            saturday = monday + dt.timedelta(days=5)
            if step == 0 and saturday > published:  # "this weekend" in a weekday article: the one just past
                saturday -= dt.timedelta(weeks=1)
            sunday = saturday + dt.timedelta(days=1)
            value = _ym(saturday.year, saturday.month) if saturday.month == sunday.month else None
            return value, step > 0
        return _week_month(monday), step > 0
    if unit == "month":
        return _ym(*shift_month(published.year, published.month, step)), step > 0
    return f"{published.year + step:04d}", step > 0


_RELATIVE = {
    "month_day": _month_day, "day_month": _month_day, "relative_weekday": _relative_weekday,
    "weekday": _weekday, "relative_month_name": _month_name, "in_month": _month_name, "month": _month_name,
    "ago": _ago, "relative_period": _relative_period,
    "today": lambda g, published: (published.isoformat(), False),
    "yesterday": lambda g, published: ((published - dt.timedelta(days=1)).isoformat(), False),
    "tomorrow": lambda g, published: ((published + dt.timedelta(days=1)).isoformat(), True),
}


def _is_modal_may(rule: str, m: re.Match[str]) -> bool:
    """A bare "May" is the modal verb; as a month it needs a day, a year or a preposition."""
    return rule == "month" and m.group("month") == "May"


def find_dates(text: str, published: str | dt.date | None = None) -> list[DateMention]:
    """Every date expression in ``text``, in text order, resolved against ``published``.

    >>> [d.value for d in find_dates("They spoke on Wednesday.", "2024-04-04")]
    ['2024-04-03']
    """
    pub = as_date(published)
    found: list[tuple[int, int, str, re.Match[str]]] = []
    taken = bytearray(len(text))
    for rule, rx in _PATTERNS:
        for m in rx.finditer(text):
            if any(taken[m.start():m.end()]) or _is_modal_may(rule, m):
                continue
            found.append((m.start(), m.end(), rule, m))
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    found.sort()
    out: list[DateMention] = []
    context_year: int | None = None
    for start, end, rule, m in found:
        value, future = _resolve(rule, m, pub, context_year)
        year = m.groupdict().get("year")
        if year:
            context_year = int(year)
        out.append(DateMention(start, end, text[start:end], value, rule, future))
    return out


def resolve_date(phrase: str, published: str | dt.date | None = None) -> str | None:
    """The value of the first date expression in ``phrase`` (None when none resolves).

    >>> resolve_date("last month", "2024-01-15")
    '2023-12'
    """
    for mention in find_dates(phrase, published):
        if mention.value:
            return mention.value
    return None
