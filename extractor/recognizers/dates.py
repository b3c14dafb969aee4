"""Dates and periods: full dates, months, years, ranges, named periods (上半年, 前三季度),
and dates damaged by scraping (``2023426日``, ``510日``, ``20231-10月``).

A damaged date is repaired only when exactly one split of its digits is a valid date; the
repair and its reason are recorded. Year-less expressions take the reference year and say so.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import regex

from .. import patterns
from ..calendar import ReferenceDate, iso_day, iso_month, month_day_splits, valid_day, valid_month
from ..candidates import DateFound, IssueFound
from ..lexicon import Lexicon, alternation
from ..numerals import parse_number
from ..text import Text

_CN_DIGIT = "〇零一二三四五六七八九"
YEAR = rf"(?P<y>(?:19|20)\d{{2}}|[{_CN_DIGIT}]{{4}})"
REL = r"(?P<rel>今年|去年|上年|明年)"
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
DASH = r"(?:-|—|–|~|～|至|到)"


class _Rules:
    """The compiled date patterns, built once from the lexicon's words."""

    def __init__(self, lexicon: Lexicon) -> None:
        periods = lexicon.dates.periods
        self.periods = dict(periods)
        self.relative = dict(lexicon.dates.relative_years)
        self.year_parts = dict(lexicon.dates.year_parts)
        year_part = alternation(list(self.year_parts))
        per = alternation(list(periods))
        part = alternation(lexicon.dates.month_parts.words)
        no_digit_before = r"(?<![\d.])"
        rel = rf"(?:{REL})?"
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
                "dates.ym_range",
                regex.compile(rf"{YEAR}年(?P<m>{MONTH})月?{DASH}(?P<m2>{MONTH})月(?:{part})?"),
                self._ym_range,
            ),
            ("dates.ym", regex.compile(rf"{YEAR}年(?P<m>{MONTH})月(?:{part})?"), self._ym),
            ("dates.year_period", regex.compile(rf"(?:{YEAR}年度?|{REL})(?P<p>{per})"), self._year_period),
            ("dates.year_part", regex.compile(rf"{no_digit_before}{YEAR}年(?P<part>{year_part})"), self._year_part),
            ("dates.year", regex.compile(rf"{no_digit_before}{YEAR}年度?(?!第[\d{_CN_DIGIT}十]+期)"), self._year),
            (
                "dates.md_range",
                regex.compile(
                    rf"{no_digit_before}{rel}(?P<m>{MONTH})月(?P<d>{DAY})日?{DASH}(?:(?P<m2>{MONTH})月)?(?P<d2>{DAY})日"
                ),
                self._ymd_range,
            ),
            ("dates.md", regex.compile(rf"(?<![\d.{_CN_DIGIT}十]){rel}(?P<m>{MONTH})月(?P<d>{DAY})[日号]"), self._ymd),
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
                regex.compile(rf"(?<![\d.{_CN_DIGIT}十第个]){rel}(?P<m>{MONTH})月(?:{part})?(?![\d{_CN_DIGIT}十])"),
                self._ym,
            ),
            (
                "dates.damaged_year",
                regex.compile(
                    rf"(?<![\d.,])(?P<y>(?:19|20)\d{{2}})(?=\p{{Han}})(?!年|月|日|{alternation(list(lexicon.units))}|{alternation(list(lexicon.scales))}|余|多)"
                ),
                self._damaged_year,
            ),
            (
                "dates.named_period",
                patterns.compile(rf"(?P<p>{per})", prefer_re=True),
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
                    r"(?:(?<=^|[。!?;,:、\s(“])|(?<=于|自|从|截至|至|到))(?P<md>\d{3,4})[日号](?!内|以内|之内)"
                ),
                self._damaged_ymd,
            ),
        ]
        self.day = regex.compile(r"(?<![\d.月号])(?P<d>[12]\d|3[01]|0?[1-9])日(?!\d)")

    # ------------------------------------------------------------------ handlers
    @staticmethod
    def _num(s: str | None, lexicon: Lexicon) -> int | None:
        if s is None:
            return None
        v = parse_number(s, lexicon)
        return int(v) if v is not None else None

    def _year_of(self, m: regex.Match, lexicon: Lexicon, ref: ReferenceDate) -> tuple[int | None, bool]:
        groups = m.groupdict()
        if groups.get("y"):
            return self._num(m.group("y"), lexicon), False
        if groups.get("rel") and ref.year is not None:
            return ref.year + self.relative[groups["rel"]], True
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
        return DateFound(
            m.start(), m.end(), "", value=iso_month(year, month) if year else None, kind="month", year_inferred=inferred
        )

    def _ym_range(self, m, lexicon, ref):
        year, inferred = self._year_of(m, lexicon, ref)
        m1, m2 = self._num(m.group("m"), lexicon), self._num(m.group("m2"), lexicon)
        if not (valid_month(m1) and valid_month(m2)) or m2 <= m1:
            return None
        value = f"{iso_month(year, m1)}/{iso_month(year, m2)}" if year else None
        return DateFound(m.start(), m.end(), "", value=value, kind="period", year_inferred=inferred)

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
        if first == last:
            value = iso_month(year, first) if year else None
            return DateFound(m.start(), m.end(), "", value=value, kind="month", year_inferred=inferred)
        value = f"{iso_month(year, first)}/{iso_month(year, last)}" if year else None
        return DateFound(m.start(), m.end(), "", value=value, kind="period", year_inferred=inferred)

    def _year_part(self, m, lexicon, ref):
        year = self._num(m.group("y"), lexicon)
        return DateFound(m.start(), m.end(), "", value=iso_month(year, self.year_parts[m.group("part")]), kind="month")

    def _year(self, m, lexicon, ref):
        year = self._num(m.group("y"), lexicon)
        return DateFound(m.start(), m.end(), "", value=f"{year:04d}", kind="year")

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
        explicit = bool(m.groupdict().get("y"))
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
                )
            )
    return out


def recognize(text: Text, lexicon: Lexicon, ref: ReferenceDate) -> list[DateFound]:
    """Every date and period candidate in the text (overlaps are left to ``resolve``),
    year-less ones resolved against ``ref`` (found before, by :func:`header_day` and
    :func:`first_full_day`)."""
    out: list[DateFound] = []
    rules = _rules(lexicon)
    for rule_id, pattern, handler in rules.rules:
        for m in text.finditer(pattern):
            found = _found(rule_id, handler, m, lexicon, ref)
            if found is not None:
                out.append(found)
    return out + _days(text, rules, out)


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


def header_day(text: Text, lexicon: Lexicon, span: tuple[int, int]) -> str | None:
    """The day (YYYY-MM-DD) a header field gives: the longest day written in ``span``
    (2023年11月29日 over its 11月29日), if its year is written; else None (11月29日 alone
    gives no year, and a field with no day gives none)."""
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
    return best.value if best is not None and not best.year_inferred else None


def first_full_day(text: Text, lexicon: Lexicon) -> str | None:
    """The first day of the text written with its year, looked for rule by rule
    (an ISO date first, then 2023年11月29日, then a damaged 2023426日 that splits one way)."""
    none = ReferenceDate(None, None)
    for rule_id, pattern, handler in _rules(lexicon).rules:
        if rule_id not in _FULL_DAY_RULES:
            continue
        for m in text.finditer(pattern):
            found = handler(m, lexicon, none)
            if found is not None and found.kind == "date" and found.value and not found.year_inferred:
                return found.value
    return None
