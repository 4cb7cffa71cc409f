"""Date resolution on its own: relative dates against the published date."""
from __future__ import annotations

import datetime as dt

import pytest

from readouts.errors import InputError
from readouts.parse.dates import find_dates, last_weekday, next_weekday, parse_iso_date, resolve_date


def values(text: str, published: str | None) -> list[tuple[str, str | None]]:
    return [(d.text, d.value) for d in find_dates(text, published)]


def test_parse_iso_date_accepts_iso_and_names_the_input_when_bad():
    assert parse_iso_date("2024-04-04", source="x") == dt.date(2024, 4, 4)
    with pytest.raises(InputError, match="--published"):
        parse_iso_date("04/04/2024", source="--published")
    with pytest.raises(InputError, match="feed.jsonl:3"):
        parse_iso_date("2024-02-30", source="feed.jsonl:3")


@pytest.mark.parametrize("published, phrase, expected", [
    ("2024-04-04", "on Wednesday", "2024-04-03"),      # Thursday article, the day before
    ("2024-04-04", "On Thursday", "2024-04-04"),       # the published day itself
    ("2024-04-04", "Friday evening", "2024-03-29"),    # no future: the Friday before
    ("2024-01-02", "on Sunday", "2023-12-31"),         # back across a year end
    ("2024-03-01", "late Thursday", "2024-02-29"),     # back across a month end, leap day
    ("2015-04-11", "Wednesday", "2015-04-08"),
    ("2008-06-13", "Friday's signing ceremony", "2008-06-13"),
    ("2024-04-04", "last Thursday", "2024-03-28"),     # "last" skips the published day
])
def test_weekday_names_resolve_to_the_most_recent_such_day(published, phrase, expected):
    assert resolve_date(phrase, published) == expected


@pytest.mark.parametrize("published, phrase, expected", [
    ("2024-01-15", "last month", "2023-12"),           # January: December of the year before
    ("2024-04-04", "last month", "2024-03"),
    ("2001-11-27", "earlier this month", "2001-11"),
    ("2001-11-27", "last year", "2000"),
    ("2003-07-09", "last October", "2002-10"),         # the most recent October
    ("2024-04-04", "in March", "2024-03"),
    ("2024-02-10", "in March", "2023-03"),             # no March yet this year
    ("2005-04-10", "their February summit", "2005-02"),
    ("2024-04-04", "three days ago", "2024-04-01"),
    ("2024-04-04", "yesterday", "2024-04-03"),
])
def test_relative_months_and_years(published, phrase, expected):
    assert resolve_date(phrase, published) == expected


def test_explicit_dates_do_not_need_a_published_date():
    assert values("in October 2022, on March 3, 2023, on 3 March 2023, in 2000", None) == [
        ("October 2022", "2022-10"), ("March 3, 2023", "2023-03-03"),
        ("3 March 2023", "2023-03-03"), ("2000", "2000")]


def test_of_that_year_takes_the_last_explicit_year():
    text = ("Lecornu and Shoigu last held phone talks in October 2022, following a series of "
            "phone calls between Macron and Putin, the last of which was in September of that year.")
    assert values(text, "2024-04-04") == [("October 2022", "2022-10"), ("September of that year", "2022-09")]


def test_that_year_without_an_earlier_year_is_unknown():
    assert values("They met in June of that year.", "2024-04-04") == [("June of that year", None)]


def test_relative_dates_without_published_are_unknown_not_guessed():
    assert values("They spoke on Wednesday and met last month.", None) == [
        ("Wednesday", None), ("last month", None)]


def test_modal_may_is_not_a_month_but_in_may_is():
    assert values("Talks may resume. Officials May decide. They met in May.", "2024-06-01") == [
        ("in May", "2024-05")]


def test_future_expressions_are_flagged():
    found = find_dates("They will meet next week and again next Monday.", "2024-04-04")
    assert [(d.text, d.future) for d in found] == [("next week", True), ("next Monday", True)]
    assert found[1].value == "2024-04-08"


def test_spans_index_the_text():
    text = "Officials said on Tuesday that talks held last month went well."
    for d in find_dates(text, "2024-04-04"):
        assert text[d.start:d.end] == d.text


def test_last_weekday_on_the_same_day():
    thursday = dt.date(2024, 4, 4)
    assert last_weekday(3, thursday) == thursday
    assert last_weekday(3, thursday, strictly_before=True) == dt.date(2024, 3, 28)


def test_next_weekday_may_include_the_day_itself():
    saturday = dt.date(2015, 4, 11)
    assert next_weekday(5, saturday) == dt.date(2015, 4, 18)
    assert next_weekday(5, saturday, include_today=True) == saturday
