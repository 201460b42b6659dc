"""Date mention + publication date → (date, date_end, time_precision, background).

``time_precision`` follows ACLED: 1 the day is known, 2 within a week or a few
days, 3 only the month (or coarser). A date more than a week before publication
is *background*: it dates its own clause but is not carried to later sentences.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from frontlines.recognise.dates import parse_groups

_MONTH_NUM = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
_WEEKDAY_NUM = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WORD_NUM = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a few": 3, "several": 3,
}  # fmt: skip
BACKGROUND_DAYS = 7


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    date: date | None  # None: same day as the narrative ("by the evening")
    end: date | None
    precision: int
    background: bool = False
    future: bool = False
    shift: int = 0  # "a day earlier": days from the narrative date (date is None)

    @property
    def iso(self) -> str | None:
        return self.date.isoformat() if self.date else None


def resolve_date(text: str, kind: str, published: date | None) -> ResolvedDate | None:
    """Resolve one expression; None when it needs a publication date and there is none."""
    g = parse_groups(text, kind)
    try:
        result = _resolve(kind, g, published)
    except (ValueError, KeyError):
        return None
    if result is None or published is None or result.date is None:
        return result
    background = (result.end or result.date) < published - timedelta(days=BACKGROUND_DAYS)
    future = result.date > published + timedelta(days=1)
    return ResolvedDate(result.date, result.end, result.precision, background, future)


def _month(name: str) -> int:
    return _MONTH_NUM[name.lower().rstrip(".")]


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, day: int, published: date | None) -> int | None:
    """The year that puts month/day nearest before (or just after) publication."""
    if published is None:
        return None
    candidate = date(published.year, month, min(day, calendar.monthrange(published.year, month)[1]))
    if candidate > published + timedelta(days=31):
        return published.year - 1
    return published.year


def _resolve(kind: str, g: dict[str, str], pub: date | None) -> ResolvedDate | None:
    if kind == "iso":
        return ResolvedDate(date(int(g["y"]), int(g["mn"]), int(g["d"])), None, 1)
    if kind in ("dmy", "mdy"):
        return ResolvedDate(date(int(g["y"]), _month(g["m"]), int(g["d"])), None, 1)
    if kind in ("dm", "md"):
        month, day = _month(g["m"]), int(g["d"])
        year = _year_for(month, day, pub)
        return None if year is None else ResolvedDate(date(year, month, day), None, 1)
    if kind in ("range_md", "range_dm"):
        month = _month(g["m"])
        year = int(g["y"]) if g.get("y") else _year_for(month, int(g["d1"]), pub)
        if year is None:
            return None
        first, last = date(year, month, int(g["d1"])), date(year, month, int(g["d2"]))
        return ResolvedDate(first, last, 1 if first == last else 2)
    if kind == "my":
        first, last = _month_range(int(g["y"]), _month(g["m"]))
        return ResolvedDate(first, last, 3)
    if kind == "year":
        year = int(g["y"])
        return ResolvedDate(date(year, 1, 1), date(year, 12, 31), 3)
    if kind == "shift":
        return ResolvedDate(None, None, 1, shift=_shift(g))
    if pub is None:
        return ResolvedDate(None, None, 1) if kind == "same_day" else None
    return _relative(kind, g, pub)


def _shift(g: dict[str, str]) -> int:
    """'two days earlier' → -2, 'the next day' → +1, relative to the story's own date."""
    if g.get("prev") or g.get("bef"):
        back = g.get("prev") == "previous" or g.get("bef") == "before"
        return -1 if back else 1
    n = 1 if g.get("dayl") else (_WORD_NUM.get(g["n"].lower()) or int(g["n"]))
    direction = g.get("dir") or g.get("dir2") or "earlier"
    return -n if direction in ("earlier", "before") else n


def _relative(kind: str, g: dict[str, str], pub: date) -> ResolvedDate | None:
    rel = (g.get("rel") or "").lower()
    if kind == "month":
        month = _month(g["m"])
        if rel == "next":
            year = pub.year + (1 if month <= pub.month else 0)
        elif rel in ("this",):
            year = pub.year
        elif rel == "last" or month > pub.month:
            year = pub.year - 1 if month >= pub.month else pub.year
        else:
            year = pub.year
        first, last = _month_range(year, month)
        return ResolvedDate(first, last, 3)
    if kind == "weekday":
        target = _WEEKDAY_NUM[g["wd"].lower()]
        back = (pub.weekday() - target) % 7
        if rel == "last" and back == 0:
            back = 7
        if rel == "next":
            ahead = (target - pub.weekday()) % 7 or 7
            return ResolvedDate(pub + timedelta(days=ahead), None, 1)
        return ResolvedDate(pub - timedelta(days=back), None, 1)
    if kind == "yesterday":
        return ResolvedDate(pub - timedelta(days=1), None, 1)
    if kind == "day_before":
        return ResolvedDate(pub - timedelta(days=2), None, 1)
    if kind == "today":
        return ResolvedDate(pub, None, 1)
    if kind == "same_day":
        return ResolvedDate(None, None, 1)
    if kind == "ago":
        n = _WORD_NUM.get(g["n"].lower()) or int(g["n"])
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            return ResolvedDate(pub - timedelta(days=n), None, 1 if n <= 2 else 2)
        if unit == "week":
            return ResolvedDate(pub - timedelta(weeks=n), None, 2)
        if unit == "month":
            y, m = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            first, last = _month_range(y, m + 1)
            return ResolvedDate(first, last, 3)
        return ResolvedDate(date(pub.year - n, 1, 1), date(pub.year - n, 12, 31), 3)
    if kind in ("week", "weekend"):
        monday = pub - timedelta(days=pub.weekday())
        if kind == "weekend":
            saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
            return ResolvedDate(saturday, saturday + timedelta(days=1), 2)
        if rel in ("last", "late last", "early last", "previous"):
            start = monday - timedelta(days=7)
            return ResolvedDate(start, start + timedelta(days=6), 2)
        if rel == "past":
            return ResolvedDate(pub - timedelta(days=7), pub, 2)
        return ResolvedDate(monday, pub, 2)
    if kind == "month_rel":
        if rel in ("last", "late last", "early last", "previous"):
            y, m = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
            first, last = _month_range(y, m)
            return ResolvedDate(first, last, 3)
        if rel == "past":
            return ResolvedDate(pub - timedelta(days=30), pub, 3)
        return ResolvedDate(date(pub.year, pub.month, 1), pub, 3)
    if kind == "year_rel":
        year = pub.year - 1 if rel in ("last", "late last", "early last", "previous") else pub.year
        return ResolvedDate(date(year, 1, 1), min(date(year, 12, 31), pub), 3)
    return None
