"""Arithmetic on the period values of the output (public: the export and users read it).

A period value is what a date record or a figure's period holds: ``2024`` (a year),
``2024-09`` (a month), ``2024-09-30`` (a day, a point in time), or ``START/END`` of any
of these (``2024-01/2024-09``). Nothing here reads a clock or the text.

>>> bounds("2024-01/2024-09")
('2024-01-01', '2024-09-30')
>>> year_earlier("2024-01/2024-09")
'2023-01/2023-09'
>>> previous("2024-07/2024-09")
'2024-04/2024-06'
>>> since_year_start("2024-09-30"), since_year_start("2024-12-16"), since_year_start("2024-12-31")
('2024-01/2024-09', '2024-01-01/2024-12-16', '2024')
"""

from __future__ import annotations

import calendar
import datetime
import re
from functools import lru_cache

_PART = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _parts(part: str) -> tuple[int, int | None, int | None] | None:
    m = _PART.fullmatch(part)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return year, month, day


def _first(part: str) -> datetime.date | None:
    p = _parts(part)
    return None if p is None else datetime.date(p[0], p[1] or 1, p[2] or 1)


def _last(part: str) -> datetime.date | None:
    p = _parts(part)
    if p is None:
        return None
    year, month, day = p
    month = month or 12
    return datetime.date(year, month, day or calendar.monthrange(year, month)[1])


@lru_cache(maxsize=1024)  # a release repeats a few period values hundreds of times
def bound_dates(value: str | None) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and the last day of ``value`` (None, None when it is no period value)."""
    if not value:
        return None, None
    start, slash, end = value.partition("/")
    first, last = _first(start), _last(end if slash else start)
    if first is None or last is None or last < first:
        return None, None
    return first, last


@lru_cache(maxsize=1024)
def bounds(value: str | None) -> tuple[str | None, str | None]:
    """The first and the last day of ``value``, ISO: ``2024`` -> (2024-01-01, 2024-12-31)."""
    first, last = bound_dates(value)
    return (first.isoformat(), last.isoformat()) if first and last else (None, None)


def since_year_start(day: str) -> str:
    """From the start of a day's year to the day: whole months where the day ends one
    (2024-09-30 -> 2024-01/2024-09), the year where it ends the year; a day that is no
    full date, or the year's first, is returned as it is."""
    p = _parts(day)
    if p is None or p[1] is None or p[2] is None or (p[1], p[2]) == (1, 1):
        return day
    year, month, d = p
    if d == calendar.monthrange(year, month)[1]:
        return str(year) if month == 12 else (f"{year}-01" if month == 1 else f"{year}-01/{year}-{month:02d}")
    return f"{year}-01-01/{day}"


def _shift_year(part: str, years: int) -> str | None:
    p = _parts(part)
    if p is None:
        return None
    year, month, day = p[0] + years, p[1], p[2]
    if year < 1:
        return None
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        # the last day of a month stays the last day (2024-02-29 -> 2023-02-28)
        if day > last or day == calendar.monthrange(p[0], month)[1]:
            day = last
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}" if month is not None else f"{year:04d}"


def years_later(value: str | None, years: int) -> str | None:
    """The same period ``years`` later (earlier when negative): (2024-01/2024-09, -5) -> 2019-01/2019-09."""
    if not value or bound_dates(value) == (None, None):
        return None
    parts = [_shift_year(p, years) for p in value.split("/")]
    return None if None in parts else "/".join(parts)  # type: ignore[arg-type]


def year_earlier(value: str | None, days: HolidayDays | None = None) -> str | None:
    """The same period a year earlier (the basis of 同比, 比上年): 2024-01/2024-09 -> 2023-01/2023-09;
    of a holiday's break (``days``), the break of the year before as listed."""
    return moved_years_later(value, -1, days)


#: a holiday's first and last days (MM-DD) in each year dates.toml lists
HolidayDays = dict[str, tuple[str, str]]


def holiday_days(holidays) -> dict[str, HolidayDays]:
    """Each holiday of dates.toml's ``[holidays]`` (by its key, 春节) and its days per year."""
    return {key: dict(holiday.days) for key, holiday in holidays.items()}


def moved_years_later(value: str | None, years: int, days: HolidayDays | None) -> str | None:
    """As :func:`years_later`; but a holiday's break (``days``: the holiday's days by year)
    moves from year to year: ``years`` later it is the break listed for that year, and None
    when that year is not listed (never the same days shifted, never a whole year)."""
    if days is None:
        return years_later(value, years)
    if not value or not value[:4].isdigit():
        return None
    year = int(value[:4]) + years
    listed = days.get(str(year))
    return f"{year:04d}-{listed[0]}/{year:04d}-{listed[1]}" if listed else None


def previous(value: str | None) -> str | None:
    """The period of the same length just before (the basis of 环比): of a month, a quarter
    (2024-07/2024-09 -> 2024-04/2024-06), a half-year or whole years; None for others
    (1-9月 is a running total, not a period with one just before it)."""
    first, last = bound_dates(value)
    if first is None or last is None:
        return None
    if first.day != 1 or last.day != calendar.monthrange(last.year, last.month)[1]:
        return None  # not whole months
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months % 12 and (months not in (1, 3, 6) or (first.month - 1) % months):
        return None  # only a month, a quarter, a half-year or whole years has one just before
    index = first.year * 12 + first.month - 1 - months
    start_year, start_month = divmod(index, 12)
    end_year, end_month = divmod(index + months - 1, 12)
    if start_year < 1:
        return None
    if months % 12 == 0 and start_month == 0:  # whole years
        return f"{start_year:04d}" if months == 12 else f"{start_year:04d}/{end_year:04d}"
    if months == 1:
        return f"{start_year:04d}-{start_month + 1:02d}"
    return f"{start_year:04d}-{start_month + 1:02d}/{end_year:04d}-{end_month + 1:02d}"


def add_months(month: str, n: int) -> str:
    """The month ``n`` months after ``month`` (YYYY-MM; ``n`` may be negative):
    2025-09, -6 -> 2025-03."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + n
    year, m = divmod(index, 12)
    return f"{year:04d}-{m + 1:02d}"


def months_of(value: str) -> list[str]:
    """The months of a span of whole months within a year (2026-04/2026-06 -> 2026-04,
    2026-05, 2026-06); none for any other value."""
    first, _, last = value.partition("/")
    if len(first) != 7 or len(last) != 7 or first[:4] != last[:4]:
        return []
    a, b = int(first[5:]), int(last[5:])
    return [f"{first[:4]}-{m:02d}" for m in range(a, b + 1)] if a < b else []
