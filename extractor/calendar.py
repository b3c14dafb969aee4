"""Calendar arithmetic for dates as written: validity, ISO values, year resolution."""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass


@dataclass(frozen=True)
class ReferenceDate:
    """The release's date and the period it reports on. Year-less expressions take the
    context ``year``: the written year of that period when the release has one (a bulletin
    on 2024 published in March 2025 reads 12月 as 2024-12), else the year of the date.
    Never the machine's clock."""

    year: int | None
    iso: str | None
    period: str | None = None
    #: the holiday whose break the period is (春节), when it is one: the same period of
    #: another year is that year's break, not the same days
    holiday: str | None = None

    @property
    def date_year(self) -> int | None:
        """The year of the release's date (``year`` may be the reported period's)."""
        return int(self.iso[:4]) if self.iso and self.iso[:4].isdigit() else self.year

    @classmethod
    def from_iso(cls, iso: str | None) -> ReferenceDate:
        if iso and len(iso) >= 4 and iso[:4].isdigit():
            return cls(int(iso[:4]), iso)
        return cls(None, None)

    def with_period(self, period: str | None, from_year: bool = True, holiday: str | None = None) -> ReferenceDate:
        """This date with the release's period (``holiday``: the holiday whose break it is);
        the context year becomes the period's last year when the period's year is written
        (``from_year``), not read from this date."""
        if not period:
            return self
        end = period.rpartition("/")[2]
        year = int(end[:4]) if from_year and end[:4].isdigit() else self.year
        return ReferenceDate(year, self.iso, period, holiday)


def valid_month(month: int) -> bool:
    return 1 <= month <= 12


def valid_day(year: int | None, month: int, day: int) -> bool:
    if not valid_month(month) or day < 1:
        return False
    last = _calendar.monthrange(year if year else 2000, month)[1]  # 2000: leap, so 2月29日 is allowed without a year
    return day <= last


def iso_day(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_day_splits(digits: str, year: int | None) -> list[tuple[int, int]]:
    """Every way a run of digits that lost 月 reads as a valid month and day."""
    out = []
    for cut in (1, 2):
        m, d = digits[:cut], digits[cut:]
        if not d or len(d) > 2 or d.startswith("0") or m.startswith("0"):
            continue
        if valid_day(year, int(m), int(d)):
            out.append((int(m), int(d)))
    return out
