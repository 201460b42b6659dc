"""Dates anchored on the publication date (Friday 28 October 2016)."""

from datetime import date

import pytest

from frontlines.recognise.dates import find_dates
from frontlines.resolve.dates import resolve_date

PUB = date(2016, 10, 28)  # a Friday


def resolve(text: str, published: date | None = PUB):
    found = find_dates(text)
    assert found, f"no date found in {text!r}"
    start, end, kind = found[0]
    return resolve_date(text[start:end], kind, published)


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("rebels attacked on Friday", "2016-10-28", 1),  # published on a Friday: that day
        ("on Wednesday night", "2016-10-26", 1),
        ("last Friday", "2016-10-21", 1),
        ("yesterday", "2016-10-27", 1),
        ("two days ago", "2016-10-26", 1),
        ("on October 26", "2016-10-26", 1),
        ("on 3 October 2015", "2015-10-03", 1),
        ("on December 30", "2015-12-30", 1),  # a late-December date before an October paper is last year's
        ("last August", "2016-08-01", 3),
        ("earlier this month", "2016-10-01", 3),
        ("last week", "2016-10-17", 2),
        ("in March 2014", "2014-03-01", 3),
    ],
)
def test_resolve_relative_and_absolute_dates(text, day, precision):
    r = resolve(text)
    assert r is not None and r.iso == day
    assert r.precision == precision


def test_background_dates_are_marked():
    assert resolve("last August").background  # more than a week before publication
    assert not resolve("on Friday").background


def test_same_day_expressions_keep_the_narrative_date():
    r = resolve("By the evening, rebels said")
    assert r is not None and r.date is None and r.precision == 1


def test_relative_date_without_publication_date_is_unresolved():
    assert resolve("on Friday", published=None) is None
    assert resolve("on 3 October 2015", published=None).iso == "2015-10-03"


@pytest.mark.parametrize(
    "text",
    ["the 1070 Apartment Project", "around 5,000 fighters", "they may march", "3000 apartments"],
)
def test_numbers_and_lowercase_words_are_not_dates(text):
    assert find_dates(text) == []


def test_month_range_sets_date_end():
    r = resolve("between October 20 and 25")
    assert (r.iso, r.end.isoformat(), r.precision) == ("2016-10-20", "2016-10-25", 2)
