"""Dates and periods: full dates, months, years, ranges, named periods (上半年, 前三季度),
and dates damaged by scraping (``2023426日``, ``510日``, ``20231-10月``).

A damaged date is repaired only when exactly one split of its digits is a valid date; the
repair and its reason are recorded. Year-less expressions take the reference year and say so.
"""

from __future__ import annotations

import calendar
import datetime
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache

import regex

from .. import patterns, periods
from ..calendar import ReferenceDate, iso_day, iso_month, month_day_splits, valid_day, valid_month
from ..candidates import DateFound, IssueFound
from ..lexicon import Lexicon, alternation
from ..numerals import parse_number
from ..text import Text
from .structure import SECTION

_holiday_days = periods.holiday_days  # (named apart: _Rules.__init__ has a local ``periods``)

_CN_DIGIT = "〇零一二三四五六七八九"
YEAR = rf"(?P<y>(?:19|20)\d{{2}}|[{_CN_DIGIT}]{{4}})"
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
DASH = r"(?:-|—|–|~|～|至|到)"
_YEAR_WRITTEN = regex.compile(r"(?<!\d)((?:19|20)\d{2})年")
_CN_COUNT = r"(?:[一二两三四五六七八九]?十[一二三四五六七八九]?|[二两三四五六七八九])"  # 2-99 in numerals
_COUNT = rf"(?:[1-9]\d?|{_CN_COUNT}|一)"  # 1-99 (of years)
_TERM_REACH = 16  # characters after a span of days read for the term it defines (，为期40天的2026年春运)


class _Rules:
    """The compiled date patterns, built once from the lexicon's words."""

    def __init__(self, lexicon: Lexicon) -> None:
        words = lexicon.dates
        periods = words.periods
        self.periods = dict(periods)
        self.relative = dict(words.relative_years)
        self.year_parts = dict(words.year_parts)
        self.month_parts = dict(words.month_parts)
        self.plans = dict(words.plans)
        self.since_words = frozenset(words.since)
        terms = alternation(words.defined_terms)
        # the term, then its days in brackets; or the days, at most a count of days, the term
        self.term_before = regex.compile(rf"(?P<term>{terms})[（(]$")
        days = rf"(?:(?:\d+|[{_CN_DIGIT}十两]+)(?:天|个月|周|个星期))"  # (为期40天, 为期两个月)
        spans = alternation(words.defined_span_words) if words.defined_span_words else None
        # (…，为期40天的2026年春运: the days' own year only, as _defined checks)
        lead = rf"(?:[，,]?(?:{spans}){days}的(?P<y>\d{{4}})?年?)?" if spans else ""
        self.term_after = regex.compile(rf"^{lead}{days}?(?P<term>{terms})")
        self.terms = regex.compile(terms)
        self.term_ends = tuple(words.defined_term_ends)
        self.holidays = {
            name: holiday for holiday in words.holidays.values() for name in (*holiday.names, *holiday.around)
        }
        self.around = frozenset(name for holiday in words.holidays.values() for name in holiday.around)
        self.lunar_new_year = dict(words.lunar_new_year)
        # each holiday's name as dates.toml keys it, by the words that name its break
        self.holiday_keys = {name: key for key, h in words.holidays.items() for name in (*h.names, *h.around)}
        self.year_before = regex.compile(rf"{YEAR}年\Z")  # a year written right before a word (2025年|汛期)
        self.holiday_days = _holiday_days(words.holidays)
        self.compared = regex.compile(rf"(?:{alternation(words.compared_before)})$")
        guarded = [w for w in self.relative if w in words.guarded_relative]
        plain = [w for w in self.relative if w not in words.guarded_relative]
        after = "".join(regex.escape(c) for c in words.guarded_after)
        REL = (  # noqa: N806 (a pattern piece, as YEAR)
            rf"(?P<rel>{alternation(plain)}|(?={alternation(guarded)})(?:(?<!\p{{Han}})|(?<=[{after}])){alternation(guarded)})"
        )
        not_after = "".join(regex.escape(c) for c in words.year_word_not_after)
        # … unless that character ends a word of its own (确保全年: 保 of 确保 makes no 保全)
        ends = alternation(words.year_word_after_words) if words.year_word_after_words else None
        unguarded = rf"|(?<={ends})" if ends else ""
        year_part = alternation(list(self.year_parts))
        per = alternation(list(periods))
        part = rf"(?P<mp>{alternation(list(self.month_parts))})"
        events = rf"(?:{alternation(list(words.since_events))})?" if words.since_events else ""
        since = rf"{events}(?P<since>{alternation(list(words.since))})"
        no_digit_before = r"(?<![\d.])"
        no_number_before = rf"(?<![\d.{_CN_DIGIT}十第个])"
        rel = rf"(?:{REL})?"
        days_part = alternation([k for k, v in self.month_parts.items() if v.days])  # (上旬, 中下旬)
        lunar_month, lunar_day = regex.escape(words.lunar_first_month), words.lunar_day or "(?!)"
        self.lunar_day_prefix = words.lunar_day_prefix
        recent = words.recent_years
        self.completed_before_date = frozenset(recent.completed_before_date)
        self.rules: list[tuple[str, regex.Pattern, Callable]] = [
            (
                "dates.iso",
                regex.compile(
                    r"(?<![\d/.-])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
                ),
                self._ymd,
            ),
            (
                "dates.ymd_range",
                regex.compile(rf"{YEAR}年(?P<m>{MONTH})月(?P<d>{DAY})日?{DASH}(?:(?P<m2>{MONTH})月)?(?P<d2>{DAY})日"),
                self._ymd_range,
            ),
            ("dates.ymd", regex.compile(rf"{YEAR}年(?P<m>{MONTH})月(?P<d>{DAY})[日号]"), self._ymd),
            (
                "dates.ym_range_years",
                regex.compile(
                    rf"{YEAR}年(?P<m>{MONTH})月{DASH}(?P<y2>(?:19|20)\d{{2}}|[{_CN_DIGIT}]{{4}})年(?P<m2>{MONTH})月(?:(?P<d2>{DAY})[日号])?"
                ),
                self._ym_range_years,
            ),
            (
                "dates.ym_range",
                regex.compile(rf"{YEAR}年(?P<m>{MONTH})月?{DASH}(?P<m2>{MONTH})月(?:{part})?"),
                self._ym_range,
            ),
            ("dates.ym", regex.compile(rf"{YEAR}年(?P<m>{MONTH})月{part}?"), self._ym),
            (
                "dates.year_period",
                regex.compile(rf"(?:{YEAR}年度?|{REL})(?P<p>{per})(?P<pend>[末底])?"),
                self._year_period,
            ),
            (
                "dates.year_part",
                regex.compile(
                    rf"(?:{no_digit_before}{YEAR}年|{REL}|(?:(?<![年{not_after}\d{_CN_DIGIT}十]){unguarded})(?=(?:{alternation(words.year_parts_alone)})))"
                    rf"年?(?P<part>{year_part})\Z"
                ),
                self._year_part,
            ),
            ("dates.year", regex.compile(rf"{no_digit_before}{YEAR}年度?(?!第[\d{_CN_DIGIT}十]+期)"), self._year),
            (
                "dates.year_range",
                regex.compile(
                    rf"{no_digit_before}{YEAR}年?{DASH}(?P<y2>(?:19|20)\d{{2}})年(?!{year_part}|[\d{_CN_DIGIT}十]+月)"
                ),
                self._year_range,
            ),
            ("dates.relative_year", regex.compile(rf"(?<!以){REL}度?(?![龄纪级轻代])"), self._relative_year),
            (
                "dates.whole_year",
                regex.compile(
                    rf"(?:(?<![{not_after}\d{_CN_DIGIT}十]){unguarded}){alternation(words.whole_year)}(?![龄级化])"
                ),
                self._whole_year,
            ),
            (
                "dates.since",
                regex.compile(
                    rf"(?:{no_digit_before}{YEAR}年(?:(?P<m>{MONTH})月(?:(?P<d>{DAY})[日号])?)?|{REL}(?:(?P<m>{MONTH})月份?)?|"
                    rf"{no_number_before}(?P<ms>{MONTH})月(?:份|(?P<ds>{DAY})[日号])?|(?P<alone>年初)){since}\Z"
                ),
                self._since,
            ),
            (
                # 6月1日行动启动以来: a day, what started on it, then its event (from the day)
                "dates.since_day_event",
                regex.compile(
                    rf"(?:{no_digit_before}{YEAR}年(?P<m>{MONTH})月(?P<d>{DAY})[日号]|(?:{REL}|{no_number_before})(?P<ms>{MONTH})月(?P<ds>{DAY})[日号])"
                    rf"\p{{Han}}{{1,{words.since_event_noun_max}}}?(?:{alternation(list(words.since_events))})(?P<since>{alternation(list(words.since))})\Z"
                ),
                self._since,
            )
            if words.since_events
            else ("dates.since_day_event", regex.compile("(?!)"), self._since),
            (
                "dates.same_period",
                regex.compile(rf"(?:{no_digit_before}{YEAR}年|{REL}){alternation(words.same_period)}"),
                self._same_period,
            ),
            (
                "dates.holiday",
                regex.compile(
                    rf"(?:{no_digit_before}{YEAR}年|{REL})?(?P<holiday>{alternation(list(self.holidays))})\Z"
                ),
                self._holiday,
            ),
            (
                "dates.streak",  # 连续六年: the years through the context year (连续6年 is a figure)
                regex.compile(rf"(?P<lead>{alternation(recent.streak)})(?P<n>{_CN_COUNT})年"),
                self._streak,
            ),
            (
                "dates.recent_years",
                regex.compile(  # (a lead word, or no number before and an after word: one branch, 40x faster)
                    rf"(?:(?P<lead>{alternation(recent.through_context + recent.completed_before_date)})|(?<![\d.{_CN_DIGIT}两十第年]))"
                    rf"(?P<n>{_COUNT})年(?(lead)(?:{alternation(recent.after)})?|(?:{alternation(recent.after)}))"
                ),
                self._recent_years,
            ),
            (
                "dates.plan",
                regex.compile(
                    rf"[“\"‘]?(?P<plan>{alternation(list(self.plans))})[”\"’]?(?:规划)?(?P<span>{alternation(words.plan_spans)})"
                ),
                self._plan,
            ),
            (
                "dates.plan_named",  # “十四五”规划确定的…: the plan's years, as a time expression only
                regex.compile(
                    rf"[“\"‘]?(?P<plan>{alternation(list(self.plans))})[”\"’]?规划(?P<span>)(?!{alternation(words.plan_spans)})"
                ),
                self._plan,
            ),
            (
                "dates.md_range",
                regex.compile(
                    rf"{no_digit_before}{rel}(?P<m>{MONTH})月(?P<d>{DAY})日?{DASH}(?:(?P<m2>{MONTH})月)?(?P<d2>{DAY})日"
                ),
                self._ymd_range,
            ),
            ("dates.md", regex.compile(rf"(?<![\d.{_CN_DIGIT}十]){rel}(?P<m>{MONTH})月(?P<d>{DAY})[日号]"), self._ymd),
            (
                "dates.month_days_range",  # 7月下旬至8月中旬: from the first part's first day to the second's last
                regex.compile(
                    rf"{no_number_before}(?:{YEAR}年|{REL})?(?P<m>{MONTH})月(?P<mp>{days_part}){DASH}"
                    rf"(?:(?P<m2>{MONTH})月)?(?P<mp2>{days_part})"
                ),
                self._month_days_range,
            ),
            (
                "dates.lunar_day",  # 正月初四, 正月初二至初五: days of the first lunar month
                regex.compile(
                    rf"(?:{no_digit_before}{YEAR}年|{REL})?{lunar_month}(?P<ld>{lunar_day})(?:{DASH}(?:{lunar_month})?(?P<ld2>{lunar_day}))?"
                )
                if words.lunar_day
                else regex.compile(r"(?!)"),
                self._lunar_day,
            ),
            (
                "dates.m_range",
                regex.compile(rf"(?<![\d.{_CN_DIGIT}十第]){rel}(?P<m>{MONTH})月?{DASH}(?P<m2>{MONTH})月(?:{part})?"),
                self._ym_range,
            ),
            (
                "dates.first_months",
                regex.compile(rf"(?:{YEAR}年|{REL}|(?<![提此之目以当日]))前(?P<m2>{MONTH})个?月"),
                self._first_months,
            ),
            (
                "dates.month",
                regex.compile(rf"{no_number_before}{rel}(?P<m>{MONTH})月{part}?(?![\d{_CN_DIGIT}十])"),
                self._ym,
            ),
            (
                "dates.damaged_year",
                regex.compile(
                    rf"(?<![\d.,])(?P<y>(?:19|20)\d{{2}})(?=\p{{Han}})(?!年|月|日|{alternation(list(lexicon.units))}|{alternation(list(lexicon.scales))}|余|多|{alternation(words.name_after_year)})"
                ),
                self._damaged_year,
            ),
            (
                "dates.named_period",
                patterns.compile(rf"(?P<p>{per})(?P<pend>[末底])?", prefer_re=True),
                self._year_period,
            ),  # re: 3x faster
            (
                "dates.damaged_ym_range",
                regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>1[0-2]|[1-9])(?:-|—|–|至)(?P<m2>1[0-2]|[1-9])月"),
                self._damaged_ym_range,
            ),
            (
                "dates.damaged_ym",
                regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>1[0-2]|[1-9])月(?![\d日])"),
                self._damaged_ym,
            ),
            (
                "dates.damaged_ymd",
                regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})年?(?P<md>\d{2,4})[日号]"),
                self._damaged_ymd,
            ),
            (
                "dates.damaged_md",
                regex.compile(
                    r"(?=\d{3,4}[日号])(?:(?<=^|[。!?;,:、\s(“])|(?<=于|自|从|截至|至|到))(?P<md>\d{3,4})[日号](?!内|以内|之内)"
                ),
                self._damaged_ymd,
            ),
        ]
        # rules whose pattern is long to try at every character: found by a word they end
        # with (以来, 年底, 国庆假期), then matched in a window of text that ends there
        self.anchors: dict[str, tuple[regex.Pattern, int]] = {
            "dates.since": (regex.compile(rf"(?:{alternation(words.since)})"), 16),
            "dates.since_day_event": (regex.compile(rf"(?:{alternation(words.since)})"), 20),
            "dates.year_part": (regex.compile(rf"年(?:{year_part})"), 12),
            "dates.holiday": (regex.compile(alternation(list(self.holidays))), 12),
            "dates.month_days_range": (regex.compile("旬"), 20),
        }
        self.day = regex.compile(r"(?<![\d.月号])(?P<d>[12]\d|3[01]|0?[1-9])日(?!\d)")

    # ------------------------------------------------------------------ handlers
    @staticmethod
    def _num(s: str | None, lexicon: Lexicon) -> int | None:
        if s is None:
            return None
        v = parse_number(s, lexicon)
        return int(v) if v is not None else None

    def _year_of(self, m: regex.Match, lexicon: Lexicon, ref: ReferenceDate) -> tuple[int | None, bool]:
        """The year of a match: written, else the context year, a relative word counted
        from it (a bulletin on 2024 published in 2025 reads 12月 as 2024-12 and 比上年 as
        against 2023, as its annotators did)."""
        if y := _group(m, "y"):
            return self._num(y, lexicon), False
        if (rel := _group(m, "rel")) and ref.year is not None:
            return ref.year + self.relative[rel], True
        return ref.year, True

    def _ymd(self, m, lexicon, ref):
        year, inferred = self._year_of(m, lexicon, ref)
        month, day = self._num(m.group("m"), lexicon), self._num(m.group("d"), lexicon)
        if not valid_day(year, month, day):
            return None
        value = iso_day(year, month, day) if year else None
        return DateFound(m.start(), m.end(), "", value=value, kind="date", year_inferred=inferred)

    def _ymd_range(self, m, lexicon, ref):
        year, inferred = self._year_of(m, lexicon, ref)
        month, day = self._num(m.group("m"), lexicon), self._num(m.group("d"), lexicon)
        month2 = self._num(m.group("m2"), lexicon) if m.group("m2") else month
        day2 = self._num(m.group("d2"), lexicon)
        if not (valid_day(year, month, day) and valid_day(year, month2, day2)) or (month2, day2) <= (month, day):
            return None
        value = f"{iso_day(year, month, day)}/{iso_day(year, month2, day2)}" if year else None
        return DateFound(m.start(), m.end(), "", value=value, kind="period", year_inferred=inferred)

    def _ym(self, m, lexicon, ref):
        year, inferred = self._year_of(m, lexicon, ref)
        month = self._num(m.group("m"), lexicon)
        if not valid_month(month):
            return None
        part = self.month_parts.get(_group(m, "mp") or "")
        if part is not None and year and (part.end or part.days):
            last = calendar.monthrange(year, month)[1]
            if part.end:  # 9月底: its last day, a point in time
                value, kind = iso_day(year, month, last), "date"
            else:  # 10月上旬: days of the month
                first, end = part.days
                value, kind = f"{iso_day(year, month, first)}/{iso_day(year, month, min(end, last))}", "period"
            return DateFound(m.start(), m.end(), "", value=value, kind=kind, year_inferred=inferred)
        return DateFound(
            m.start(), m.end(), "", value=iso_month(year, month) if year else None, kind="month", year_inferred=inferred
        )

    def _lunar_day(self, m, lexicon, ref):
        """正月初四, 2024年正月十五, 正月初二至初五: days after the lunar year's first day
        (dates.toml's lunar_new_year) of the year written, or of the context year; none when
        that year is not listed."""
        year, inferred = self._year_of(m, lexicon, ref)
        first = self.lunar_new_year.get(str(year)) if year else None
        d1 = self._num(m.group("ld").removeprefix(self.lunar_day_prefix), lexicon)
        d2 = self._num((m.group("ld2") or m.group("ld")).removeprefix(self.lunar_day_prefix), lexicon)
        if first is None or not d1 or not d2 or d2 < d1:
            return DateFound(m.start(), m.end(), "", value=None, kind="date", year_inferred=inferred)
        start = datetime.date(year, int(first[:2]), int(first[3:]))
        a, b = start + datetime.timedelta(d1 - 1), start + datetime.timedelta(d2 - 1)
        if a == b:
            return DateFound(m.start(), m.end(), "", value=a.isoformat(), kind="date", year_inferred=inferred)
        return DateFound(
            m.start(), m.end(), "", value=f"{a.isoformat()}/{b.isoformat()}", kind="period", year_inferred=inferred
        )

    def _month_days_range(self, m, lexicon, ref):
        """7月下旬至8月中旬, 10月上旬至中旬: the first part's first day to the second part's last."""
        year, inferred = self._year_of(m, lexicon, ref)
        m1 = self._num(m.group("m"), lexicon)
        m2 = self._num(m.group("m2"), lexicon) if m.group("m2") else m1
        if not (valid_month(m1) and valid_month(m2)) or m2 < m1 or not year:
            return None
        first = self.month_parts[m.group("mp")].days[0]
        end = self.month_parts[m.group("mp2")].days[1]
        if (m2, end) <= (m1, first):
            return None
        last = min(end, calendar.monthrange(year, m2)[1])
        value = f"{iso_day(year, m1, first)}/{iso_day(year, m2, last)}"
        return DateFound(m.start(), m.end(), "", value=value, kind="period", year_inferred=inferred)

    def _ym_range(self, m, lexicon, ref):
        year, inferred = self._year_of(m, lexicon, ref)
        m1, m2 = self._num(m.group("m"), lexicon), self._num(m.group("m2"), lexicon)
        if not (valid_month(m1) and valid_month(m2)) or m2 <= m1:
            return None
        part = self.month_parts.get(_group(m, "mp") or "")
        if part is not None and year and part.days:
            # 3月至5月上旬: from the first month's first day to the part's last day (3月至5月底
            # is the months')
            end = min(part.days[1], calendar.monthrange(year, m2)[1])
            value = f"{iso_day(year, m1, 1)}/{iso_day(year, m2, end)}"
            return DateFound(m.start(), m.end(), "", value=value, kind="period", year_inferred=inferred)
        value = f"{iso_month(year, m1)}/{iso_month(year, m2)}" if year else None
        return DateFound(m.start(), m.end(), "", value=value, kind="period", year_inferred=inferred)

    def _ym_range_years(self, m, lexicon, ref):
        """2024年7月至2025年6月: from the first month to the last, each with its year written
        (the same year too); to a day (…至2025年6月30日), from the first month's first day."""
        first, last = self._num(m.group("y"), lexicon), self._num(m.group("y2"), lexicon)
        m1, m2 = self._num(m.group("m"), lexicon), self._num(m.group("m2"), lexicon)
        if first is None or last is None or not (valid_month(m1) and valid_month(m2)) or (last, m2) <= (first, m1):
            return None
        if (d2 := _group(m, "d2")) is not None:
            day = self._num(d2, lexicon)
            if day is None or not valid_day(last, m2, day):
                return None
            value = f"{iso_day(first, m1, 1)}/{iso_day(last, m2, day)}"
        else:
            value = f"{iso_month(first, m1)}/{iso_month(last, m2)}"
        return DateFound(m.start(), m.end(), "", value=value, kind="period")

    def _first_months(self, m, lexicon, ref):
        """前4月, 前10个月: January to that month."""
        year, inferred = self._year_of(m, lexicon, ref)
        last = self._num(m.group("m2"), lexicon)
        if not valid_month(last) or last < 2:
            return None
        value = f"{iso_month(year, 1)}/{iso_month(year, last)}" if year else None
        return DateFound(m.start(), m.end(), "", value=value, kind="period", year_inferred=inferred)

    def _year_period(self, m, lexicon, ref):
        year, inferred = self._year_of(m, lexicon, ref)
        first, last = self.periods[m.group("p")]
        if _group(m, "pend") and year:  # 三季度末: the quarter's last day, a point
            value = iso_day(year, last, calendar.monthrange(year, last)[1])
            return DateFound(m.start(), m.end(), "", value=value, kind="date", year_inferred=inferred)
        if first == last:
            value = iso_month(year, first) if year else None
            return DateFound(m.start(), m.end(), "", value=value, kind="month", year_inferred=inferred)
        value = f"{iso_month(year, first)}/{iso_month(year, last)}" if year else None
        return DateFound(m.start(), m.end(), "", value=value, kind="period", year_inferred=inferred)

    def _year_part(self, m, lexicon, ref):
        """2025年底, 去年末, 年初 (the context year's): a month, or its last day for 底/末."""
        year, inferred = self._year_of(m, lexicon, ref)
        part = self.year_parts[m.group("part")]
        if not year:
            found = DateFound(m.start(), m.end(), "", value=None, kind="month", year_inferred=inferred)
        elif part.end:
            value = iso_day(year, part.month, calendar.monthrange(year, part.month)[1])
            found = DateFound(m.start(), m.end(), "", value=value, kind="date", year_inferred=inferred)
        else:
            found = DateFound(
                m.start(), m.end(), "", value=iso_month(year, part.month), kind="month", year_inferred=inferred
            )
        if _group(m, "rel"):
            found.relative = self.relative[m.group("rel")]
        return found

    def _year(self, m, lexicon, ref):
        year = self._num(m.group("y"), lexicon)
        return DateFound(m.start(), m.end(), "", value=f"{year:04d}", kind="year")

    def _year_range(self, m, lexicon, ref):
        """2020—2024年, 2019年至2023年: both ends."""
        first, last = self._num(m.group("y"), lexicon), int(m.group("y2"))
        if first is None or last <= first:
            return None
        return DateFound(m.start(), m.end(), "", value=f"{first:04d}/{last:04d}", kind="period")

    def _relative_year(self, m, lexicon, ref):
        """今年, 上年, 去年 alone: that year, counted from the context year."""
        year, _ = self._year_of(m, lexicon, ref)
        found = DateFound(
            m.start(), m.end(), "", value=f"{year:04d}" if year else None, kind="year", year_inferred=True
        )
        found.relative = self.relative[m.group("rel")]
        return found

    def _whole_year(self, m, lexicon, ref):
        """全年: the context year."""
        value = f"{ref.year:04d}" if ref.year else None
        return DateFound(m.start(), m.end(), "", value=value, kind="year", year_inferred=True)

    def _since(self, m, lexicon, ref):
        """今年以来, 2015年以来, 7月以来, 4月1日入汛以来: from that date to the release's date."""
        groups = m.groupdict()
        if groups.get("ms"):
            year = self._year_of(m, lexicon, ref)[0] if groups.get("rel") else ref.year  # (去年6月1日…以来)
            month, day = self._num(m.group("ms"), lexicon), self._num(groups.get("ds"), lexicon) or 1
        else:
            year, _ = self._year_of(m, lexicon, ref)
            month = self._num(groups.get("m"), lexicon) or 1
            day = self._num(groups.get("d"), lexicon) or 1
        if not year or not ref.iso or not valid_day(year, month, day) or iso_day(year, month, day) > ref.iso:
            return DateFound(m.start(), m.end(), "", value=None, kind="period", year_inferred=True)
        value = f"{iso_day(year, month, day)}/{ref.iso}"
        return DateFound(m.start(), m.end(), "", value=value, kind="period", year_inferred=True)

    def _recent_years(self, m, lexicon, ref):
        """近三年, 五年来: the N years through the context year; 过去五年: the N years
        before the release's date's year."""
        count = self._num(m.group("n"), lexicon)
        last = ref.date_year - 1 if m.group("lead") in self.completed_before_date and ref.date_year else ref.year
        if not count or last is None:
            return DateFound(m.start(), m.end(), "", value=None, kind="period", year_inferred=True)
        first = last - count + 1
        value = f"{last:04d}" if count == 1 else f"{first:04d}/{last:04d}"
        return DateFound(
            m.start(), m.end(), "", value=value, kind="year" if count == 1 else "period", year_inferred=True
        )

    def _streak(self, m, lexicon, ref):
        """连续六年: the years through the last year written before it in its sentence, else
        the context year; nothing when neither is known (a streak of no known end is no
        period to date the figures after it by)."""
        count = self._num(m.group("n"), lexicon)
        text = m.string
        lo = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        years = [  # (not a year compared with: 比2015年增长20%，连续六年…)
            int(y.group(1))
            for y in _YEAR_WRITTEN.finditer(text, lo, m.start())
            if not self.compared.search(text, max(lo, y.start() - 3), y.start())
        ]
        last = years[-1] if years else ref.year
        if not count or last is None:
            return None
        return DateFound(m.start(), m.end(), "", value=f"{last - count + 1:04d}/{last:04d}", kind="period")

    def _same_period(self, m, lexicon, ref):
        """去年同期, 2019年同期: the release's period in that year (the year alone when the
        release states no period); 去年 counts from the year of that period. A holiday's
        break (the release's period is one) is that year's break as listed, else the year
        alone with a note (its days move: never the same days shifted)."""
        year, _ = self._year_of(m, lexicon, ref)
        if not year:
            return DateFound(m.start(), m.end(), "", value=None, kind="period", year_inferred=True)
        period_year = int(ref.period.rpartition("/")[2][:4]) if ref.period else None
        days = self.holiday_days.get(ref.holiday) if ref.holiday else None
        shifted = periods.moved_years_later(ref.period, year - period_year, days) if period_year else None
        value = shifted or f"{year:04d}"
        kind = "year" if value == f"{year:04d}" else "period"
        found = DateFound(m.start(), m.end(), "", value=value, kind=kind, year_inferred=True)
        if days is not None:
            found.holiday = ref.holiday
            if shifted is None:
                found.issues.append(_not_listed(m, year))
        if _group(m, "rel"):
            found.relative = self.relative[m.group("rel")]
        return found

    def _holiday(self, m, lexicon, ref):
        """2023年中秋国庆假期, 今年国庆假期: the break as dates.toml lists it for that year;
        a year it does not list gives the year alone, with a note."""
        year, inferred = self._year_of(m, lexicon, ref)
        if not year:
            return DateFound(m.start(), m.end(), "", value=None, kind="period", year_inferred=inferred)
        around = m.group("holiday") in self.around  # 春节前后: weeks no notice bounds
        days = None if around else self.holidays[m.group("holiday")].days.get(str(year))
        if days is None:
            found = DateFound(m.start(), m.end(), "", value=f"{year:04d}", kind="year", year_inferred=inferred)
            found.issues.append(
                IssueFound(
                    m.start(),
                    m.end(),
                    "",
                    code="holiday_around",
                    severity="info",
                    message="the time around a holiday has no set days; the year alone is its period",
                )
                if around
                else _not_listed(m, year)
            )
            return found
        value = f"{year:04d}-{days[0]}/{year:04d}-{days[1]}"
        found = DateFound(m.start(), m.end(), "", value=value, kind="period", year_inferred=inferred)
        found.holiday = self.holiday_keys[m.group("holiday")]
        return found

    def _plan(self, m, lexicon, ref):
        """“十四五”期间: the plan's years; “十四五”以来: from its first day to the release's date."""
        first, last = self.plans[m.group("plan")]
        if m.group("span") in self.since_words:
            if not ref.iso or f"{first:04d}-01-01" > ref.iso:
                return DateFound(m.start(), m.end(), "", value=None, kind="period", year_inferred=True)
            return DateFound(m.start(), m.end(), "", value=f"{first:04d}-01-01/{ref.iso}", kind="period")
        return DateFound(m.start(), m.end(), "", value=f"{first:04d}/{last:04d}", kind="period")

    # ------------------------------------------------------------------ damage
    def _damaged_ym_range(self, m, lexicon, ref):
        found = self._ym_range(m, lexicon, ref)
        if found is None:
            return None
        reading = f"{m.group('y')}年{m.group('m')}{m.group(0)[len(m.group('y')) + len(m.group('m')) :]}"
        reason = f"年 lost after the year: {m.group('y')} is the only 4-digit year and {m.group('m')}-{m.group('m2')}月 the only valid months"
        return self._repaired(found, reading, reason)

    def _damaged_ym(self, m, lexicon, ref):
        found = self._ym(m, lexicon, ref)
        if found is None:
            return None
        reading = f"{m.group('y')}年{m.group('m')}月"
        return self._repaired(
            found, reading, f"年 lost after the year {m.group('y')}; {m.group('m')}月 is the only valid month"
        )

    def _damaged_year(self, m, lexicon, ref):
        found = self._year(m, lexicon, ref)
        return self._repaired(
            found,
            f"{m.group('y')}年",
            f"a four-digit year directly before a word lost its 年; {m.group('y')}年 is the only reading",
        )

    def _damaged_ymd(self, m, lexicon, ref):
        explicit = bool(_group(m, "y"))
        year = int(m.group("y")) if explicit else ref.year
        digits = m.group("md")
        splits = month_day_splits(digits, year)
        prefix = f"{year}年" if explicit else ""
        readings = [f"{prefix}{mo}月{d}日" for mo, d in splits]
        lost = "年 and 月" if explicit else "月"
        if len(splits) == 1:
            month, day = splits[0]
            found = DateFound(
                m.start(),
                m.end(),
                "",
                value=iso_day(year, month, day) if year else None,
                kind="date",
                year_inferred=not explicit,
            )
            reason = (
                f"{lost} lost: of the ways to split {digits} into month and day only {month}月{day}日 is a valid date"
            )
            return self._repaired(found, readings[0], reason)
        if not splits:
            return None
        found = DateFound(
            m.start(), m.end(), "", value=None, kind="date", year_inferred=not explicit, flags=["date_missing_char"]
        )
        found.issues.append(
            IssueFound(
                m.start(),
                m.end(),
                "",
                code="date_missing_char",
                severity="warning",
                message=f"{lost} lost and {digits} splits into more than one valid date; not repaired",
                candidates=[(r, True) for r in readings],
            )
        )
        return found

    @staticmethod
    def _repaired(found: DateFound, reading: str, reason: str) -> DateFound:
        found.repair = (reading, reason)
        found.flags = ["date_missing_char"]
        found.issues.append(
            IssueFound(
                found.start,
                found.end,
                "",
                code="date_missing_char",
                severity="warning",
                message=f"date damaged in the source; repaired as {reading}: {reason}",
                candidates=[(reading, True)],
            )
        )
        return found


def _group(m: regex.Match, name: str) -> str | None:
    """``m.groupdict().get(name)`` without building the dict (the handlers ask one or two
    groups of each match): None when the rule's pattern has no such group."""
    return m.group(name) if name in m.re.groupindex else None


@lru_cache(maxsize=4)
def _rules(lexicon: Lexicon) -> _Rules:
    return _Rules(lexicon)


def _days(text: Text, rules: _Rules, dated: list[DateFound]) -> list[DateFound]:
    """A day alone (记者8日获悉) takes the month and year of the nearest full date before it;
    with none, it is not reported."""
    anchors = sorted((d for d in dated if d.kind == "date" and d.value and not d.flags), key=lambda d: d.start)
    out = []
    for m in text.finditer(rules.day):
        before = [a for a in anchors if a.end <= m.start()]
        if not before:
            continue
        year, month = int(before[-1].value[:4]), int(before[-1].value[5:7])
        day = int(m.group("d"))
        if valid_day(year, month, day):
            out.append(
                DateFound(
                    m.start(),
                    m.end(),
                    "dates.day",
                    value=iso_day(year, month, day),
                    kind="date",
                    year_inferred=before[-1].year_inferred,
                    resolved="context",
                )
            )
    return out


def recognize(text: Text, lexicon: Lexicon, ref: ReferenceDate, span: tuple[int, int] | None = None) -> list[DateFound]:
    """Every date and period candidate in the text, or in ``span`` of it (overlaps are left
    to ``resolve``), year-less ones resolved against ``ref`` (found before, from
    :func:`header_date` and :func:`full_days`)."""
    out: list[DateFound] = []
    rules = _rules(lexicon)
    pos, endpos = span if span is not None else (0, None)
    for rule_id, pattern, handler in rules.rules:
        for m in _matches(text, rules, rule_id, pattern, pos, endpos):
            found = _found(rule_id, handler, m, lexicon, ref)
            if found is not None:
                out.append(found)
    if span is None:
        out += _days(text, rules, out)
        out = _defined(text, rules, out, lexicon)
    return _in_plan(text, rules, _in_context(text, rules, out, ref), ref)


def _matches(text: Text, rules: _Rules, rule_id: str, pattern: regex.Pattern, pos: int, endpos: int | None):
    """The matches of a rule: over the text, or, for an anchored rule, the leftmost match
    that ends at each of its anchor words."""
    anchor = rules.anchors.get(rule_id)
    if anchor is None:
        return text.finditer(pattern, pos, endpos)  # (the scan itself: no generator around it)
    return _anchored(text, pattern, anchor, pos, endpos)


def _anchored(text: Text, pattern: regex.Pattern, anchor: tuple[regex.Pattern, int], pos: int, endpos: int | None):
    word, window = anchor
    for a in text.finditer(word, pos, endpos):
        m = text.search(pattern, max(pos, a.start() - window), a.end())
        if m is not None:
            yield m


def _defined(text: Text, rules: _Rules, found: list[DateFound], lexicon: Lexicon) -> list[DateFound]:
    """``found`` and the uses of a word the release defines as a period (今年汛期（6月1日至9月30日）,
    9月29日至10月6日8天假期): that period wherever it is used after (汛期全市平均降雨量…), and
    before it with its year (a title's 2025年汛期…); and a holiday whose days the data do not
    list (2026年“五一”假期), or lists other days for (a break the release says runs a day longer),
    named where the definition names the same holiday (今年“五一”假期（5月1日至5日）; not 清明假期
    （4月4日至6日）), is the days the release gives its break."""
    norm = text.norm
    defined: dict[str, tuple[int, DateFound, int]] = {}
    for d in sorted(found, key=lambda d: (d.start, -(d.end - d.start))):
        if d.kind != "period" or not d.value or d.flags or d.rule in ("dates.since", "dates.same_period"):
            continue
        m = rules.term_before.search(norm, max(0, d.start - 8), d.start)
        if m is None:
            m = rules.term_after.search(norm[d.end : d.end + _TERM_REACH])
            if m is not None and m.groupdict().get("y") and m.group("y") != (d.value or "")[:4]:
                m = None  # (…为期40天的2025年春运 after days of 2026: not this term's definition)
            end, at = (d.end + m.end(), d.end + m.start("term")) if m else (None, None)
        else:
            end, at = d.end, m.start("term")
        if m is not None and m.group("term") not in defined:
            defined[m.group("term")] = (end, d, at)  # type: ignore[assignment]
    out = list(found)
    for term, (after, d, at) in defined.items():
        year = (d.value or "")[:4]
        for m in text.finditer(rules.terms):
            end = m.end()
            if norm.startswith(rules.term_ends, end):  # 春运期间: the term's span and the word after it
                end += next(len(w) for w in rules.term_ends if norm.startswith(w, end))
            if m.group() != term or not (text.is_boundary(m.start()) and text.is_boundary(end)):
                continue  # another term, or part of a word (防汛期间)
            start = m.start()
            if (written := rules.year_before.search(norm, max(0, start - 5), start)) is not None:
                if str(rules._num(written.group("y"), lexicon)) != year:
                    continue  # another year's (2024年汛期)
                start = written.start()  # (2025年汛期, before or after: the year's, which it defines)
            elif start < after:
                continue  # (before its definition only with its year: a title's; 今年假期… is not read)
            elif norm[max(0, start - 1) : start] == "年" and norm[max(0, start - 2) : start] != "今年":
                continue  # another year's (去年汛期)
            out.append(DateFound(start, end, "dates.defined_term", value=d.value, kind="period", resolved="context"))
        named = _holiday_named(norm, rules, max(0, at - 8), at + len(term))  # (the holiday the definition names)
        for k, h in enumerate(out):  # (2026年“五一”假期: the year alone, as the data list no days for it;
            # 2026年国庆中秋假期（10月1日至8日）: the days the release gives, whatever the data list)
            if (
                named is not None
                and h.rule == "dates.holiday"
                and (h.value or "")[:4] == year
                and h.value != d.value
                and norm.endswith(term, h.start, h.end)
                and _holiday_named(norm, rules, h.start, h.end) == named
            ):
                issues = [i for i in h.issues if i.code != "holiday_not_listed"]  # (the release gives its days)
                out[k] = replace(h, value=d.value, kind="period", resolved="context", issues=issues)
    return out


def _holiday_named(norm: str, rules: _Rules, lo: int, hi: int) -> str | None:
    """The holiday (its key in dates.toml) the last of its names in [lo, hi) names (“五一”假期)."""
    found = [(norm.rfind(name, lo, hi), key) for name, key in rules.holiday_keys.items()]
    at, key = max(found, default=(-1, None))
    return key if at >= 0 else None


def _in_context(text: Text, rules: _Rules, found: list[DateFound], ref: ReferenceDate) -> list[DateFound]:
    """A relative word a figure is compared with (比上年, 较上年末, 与去年同期相比) counts from
    the period its sentence states before it, not from the release's: in a 2024 report,
    ``2023年…比上年增长`` compares with 2022. Without such a period it keeps its value."""
    relative = [d for d in found if d.relative is not None and d.value]
    if not relative or ref.year is None:
        return found
    norm = text.norm
    anchors = sorted(
        (
            a
            for a in found
            if a.relative is None
            and a.value
            and not a.flags
            and not rules.compared.search(norm, max(0, a.start - 3), a.start)
        ),
        key=lambda a: (a.end, a.end - a.start),
    )
    for d in relative:
        if not rules.compared.search(norm, max(0, d.start - 3), d.start):
            continue
        sentence = text.sentence_of(d.start)
        before = [a for a in anchors if sentence[0] <= a.start and a.end <= d.start]
        if not before:
            continue
        anchor = before[-1]
        if d.rule == "dates.same_period":
            days = rules.holiday_days.get(anchor.holiday) if anchor.holiday else None
            value = periods.moved_years_later(anchor.value, d.relative, days)
        else:
            value = periods.years_later(d.value, int(anchor.value.rpartition("/")[2][:4]) - ref.year)
        if value is not None:
            d.value, d.resolved = value, "context"
    return found


def _not_listed(m: regex.Match, year: int) -> IssueFound:
    return IssueFound(
        m.start(),
        m.end(),
        "",
        code="holiday_not_listed",
        severity="info",
        message=f"the days of this holiday in {year} are not in dates.toml; the year alone is its period",
    )


def _in_plan(text: Text, rules: _Rules, found: list[DateFound], ref: ReferenceDate) -> list[DateFound]:
    """全年, 年末 (a part of the context year, no year written) under a later year are of that
    year: a review's plan for the next year, not the year it reviews. The later year opens the
    figure's paragraph or one before it (2025年，…重点抓好以下工作：/（一）…力争全年…), or names
    the heading over it (三、2025年工作计划), with no section heading between."""
    if ref.year is None:
        return found
    norm = text.norm
    written = {
        a.start: (int(a.value), a.end)
        for a in found
        if a.rule == "dates.year" and a.value and not rules.compared.search(norm, max(0, a.start - 3), a.start)
    }
    if not any(year > ref.year for year, _ in written.values()):
        return found
    years = sorted(written.items())
    starts = [y[0] for y in years]
    paragraphs = text.paragraphs
    for d in found:
        if d.rule not in _PLAN_RULES or not d.year_inferred or d.relative is not None or not d.value:
            continue
        paragraph = text.paragraph_of(d.start)
        if paragraph is None:
            continue
        i = bisect_right(paragraphs, paragraph) - 1
        year = None
        for lo, hi in reversed(paragraphs[max(0, i - _PLAN_REACH) : i + 1]):
            k = bisect_right(starts, min(hi, d.start)) - 1
            at, (named, end) = years[k] if k >= 0 and years[k][0] >= lo else (-1, (None, -1))
            heading = hi - lo <= _HEADING_MAX
            if named is not None:
                if (not norm[lo:at].strip() and norm[end : end + 1] in "，,") or heading:
                    year = named  # 2025年，… opening the paragraph; 三、2025年工作计划
                break  # (到2035年…，预计全年: a year said on the way is not the frame)
            if heading and (SECTION.match(norm, lo) or norm[lo:hi].rstrip().endswith(("：", ":"))):
                break  # another section's heading, or a speaker's turn (赵振宇：): its own frame
        if year is not None and year > ref.year:
            value = periods.years_later(d.value, year - ref.year)
            if value is not None:
                d.value, d.resolved = value, "context"
    return found


_PLAN_RULES = frozenset({"dates.whole_year", "dates.year_part"})
_HEADING_MAX = 20  # a line this short is a heading (三、2025年工作计划)
_PLAN_REACH = 30  # paragraphs read back for the year over a figure's


def _found(rule_id: str, handler: Callable, m: regex.Match, lexicon: Lexicon, ref: ReferenceDate) -> DateFound | None:
    found = handler(m, lexicon, ref)
    if found is None:
        return None
    found.rule = rule_id
    for issue in found.issues:
        issue.rule = rule_id
    return found


# The reference date is read before the dates are recognized, from the dates whose year is
# written: those of a header field (发布日期：2023-11-29), else the first full date of the text.
_DAY_RULES = ("dates.iso", "dates.ymd", "dates.md", "dates.damaged_ymd", "dates.damaged_md")  # they find a day
_FULL_DAY_RULES = ("dates.iso", "dates.ymd", "dates.damaged_ymd")  # they find a day with its year written
_CONTEXT = 8  # characters after a field that a pattern's look-ahead may read


def header_date(text: Text, lexicon: Lexicon, span: tuple[int, int]) -> DateFound | None:
    """The day a header field gives: the longest day written in ``span`` (2023年11月29日
    over its 11月29日), if its year is written; else None (11月29日 alone gives no year,
    and a field with no day gives none)."""
    best: DateFound | None = None
    none = ReferenceDate(None, None)
    for rule_id, pattern, handler in _rules(lexicon).rules:
        if rule_id not in _DAY_RULES:
            continue
        for m in text.finditer(pattern, span[0], min(len(text.norm), span[1] + _CONTEXT)):
            if m.end() > span[1]:
                break
            found = handler(m, lexicon, none)
            if (
                found is not None
                and found.kind == "date"
                and (best is None or found.end - found.start > best.end - best.start)
            ):
                best = found
    return best if best is not None and not best.year_inferred and best.value else None


def full_days(text: Text, lexicon: Lexicon, span: tuple[int, int] | None = None) -> Iterator[DateFound]:
    """The days written with their year in the text or in ``span`` of it, rule by rule
    (an ISO date first, then 2023年11月29日, then a damaged 2023426日 that splits one way),
    found as they are asked for: ``next(full_days(…), None)`` scans no further than the first."""
    none = ReferenceDate(None, None)
    pos, endpos = span if span is not None else (0, None)
    for rule_id, pattern, handler in _rules(lexicon).rules:
        if rule_id not in _FULL_DAY_RULES:
            continue
        for m in text.finditer(pattern, pos, endpos):
            found = handler(m, lexicon, none)
            if found is not None and found.kind == "date" and found.value and not found.year_inferred:
                found.rule = rule_id
                yield found
