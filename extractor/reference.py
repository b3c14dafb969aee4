"""The release's own time: the date it was published and the period it reports on.

Both are read before the dates of the body are recognized, so that year-less expressions
(12月份, 今年, 全年) resolve against them once. Each carries the id of the rule that read
it and, when read from the text, its span.

The date, the first that gives one:
``reference.given`` (the caller's ``reference_date``), ``reference.header`` (a header
field: 发布日期, 发布时间, 生成日期), ``reference.signature`` (a dated line among the last
lines of the release, as a bulletin ends: 湖北省统计局 2025年3月24日),
``reference.first_full_date`` (the first day written with its year), ``reference.fallback``
(the caller's ``fallback_date``).

The period: ``reference.title`` (a period in the title, unless an event word follows it:
…第四季度例行新闻发布会 dates the conference), else, in the first paragraphs of the body,
``reference.title_line`` (a period in a line with no sentence punctuation: the title's
second line, 关于2024年1-11月…的通报) or ``reference.opening`` (a period that opens a
clause: 今年以来，…); ``reference.year_to_date`` (a title's quarter after the first whose body
opens with the months from the year's start to its end: 三季度 over 1—9月).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import regex

from . import patterns, periods
from .calendar import ReferenceDate
from .candidates import DateFound
from .lexicon import Lexicon, alternation
from .recognizers import dates as date_rec
from .recognizers import metadata as meta_rec
from .recognizers import structure as structure_rec
from .text import Text

#: how many paragraphs of the body may state the release's period in an opening clause
_OPENING_PARAGRAPHS = 3
#: how far into each of those paragraphs an opening clause is looked for
_OPENING_CHARS = 160
#: at most this many characters between a clause's start and the period that opens it (关于, 全市)
_OPENING_LEAD = 6
#: a line of the body this short with no sentence punctuation is a line of the title
_HEADING_LINE = 60
_CLAUSE_EDGE = regex.compile(r"[。！？；;，,：:\n]")
_SENTENCE_MARK = regex.compile(r"[。！？；;，,]")
_CLAUSE_MARK = regex.compile(rf"[。！？；;，]|{patterns.CLAUSE_COMMA}")  # (4,388萬: a thousands separator)
_COMPARED = ("比", "较", "与", "同比")


@dataclass
class Part:
    """The date or the period of the release, and where and how it was read."""

    value: str
    rule: str
    span: tuple[int, int] | None = None
    #: its year is written (2024年1-9月), not read from the date (今年以来, 1-9月)
    written: bool = True
    #: the holiday whose break it is (春节), if it is one
    holiday: str | None = None


@dataclass
class Found:
    date: Part | None = None
    period: Part | None = None
    #: the day each header date field gives (发布日期: 2024-10-22), for the metadata
    days: dict[str, str | None] = field(default_factory=dict)
    #: the date year-less expressions resolve against, as the metadata reports it
    reported: str | None = None
    #: what the dates of the body resolve against: the date, and the period's year
    ref: ReferenceDate = field(default_factory=lambda: ReferenceDate(None, None))


def find(
    text: Text,
    lexicon: Lexicon,
    meta: meta_rec.MetadataFound,
    title: tuple[int, int] | None,
    excluded: list[tuple[int, int]],
    given: str | None,
    fallback: str | None,
) -> Found:
    """The release's date and period (see the module's doc); ``excluded``: header lines,
    noise and the title, which the body's opening is not."""
    found = {
        key: date_rec.header_date(text, lexicon, meta.fields[key].span)
        for key in lexicon.metadata.date_fields
        if key in meta.fields
    }
    days = {key: d.value if d is not None else None for key, d in found.items()}
    # the first reference field in the data's order that gives a day: 发布日期 over 生成日期
    day = next((found[k] for k in lexicon.metadata.reference_fields if found.get(k) is not None), None)
    header = Part(day.value, "reference.header", day.span) if day is not None else None  # type: ignore[arg-type]
    date = (
        Part(given, "reference.given")
        if given
        else header or _signature(text, lexicon, excluded) or _first_full(text, lexicon)
    )
    if date is None and fallback:
        date = Part(fallback, "reference.fallback")
    ref = ReferenceDate.from_iso(date.value if date else None)
    period = _title_period(text, lexicon, ref, title) or _opening_period(text, lexicon, ref, title, excluded)
    if period is not None and (to_date := _year_to_date(period, text, lexicon, ref, title, excluded)) is not None:
        period = to_date
    reported = given or (header.value if header else None) or ref.iso
    context = ref.with_period(period.value, _looks_back(period, ref, text), period.holiday) if period else ref
    return Found(date, period, days, reported, context)


def _looks_back(period: Part, ref: ReferenceDate, text: Text) -> bool:
    """Whether year-less expressions take the period's year: a title (or its second line),
    or a headline the title was not read from (the text's first line, no sentence in it:
    2024年12月訪港旅客按年上升5.1%), that writes one year (2024年…统计公报), not later than
    the release's date. An opening clause (2023年，全市…) or a span of years (“十四五”期间)
    leaves the date's year."""
    if not period.written:
        return False
    if period.rule not in ("reference.title", "reference.title_line") and not _in_headline(period, text):
        return False
    first, _, last = period.value.partition("/")
    year = last[:4] if last else first[:4]
    return first[:4] == year and (ref.date_year is None or int(year) <= ref.date_year)


def _in_headline(period: Part, text: Text) -> bool:
    """Whether the period is read off the text's first line, a line with no sentence."""
    if period.span is None or not text.paragraphs:
        return False
    start, end = text.paragraphs[0]
    return start <= period.span[0] < end and not _CLAUSE_MARK.search(text.norm, start, end)


def signature_lines(text: Text, lexicon: Lexicon, excluded: list[tuple[int, int]]):
    """The release's last lines (outside header and noise) with no sentence punctuation,
    last first: where a bulletin is signed (湖北省统计局 2025年3月24日)."""
    lines = [p for p in text.paragraphs if not any(s <= p[0] < e for s, e in excluded)]
    for start, end in reversed(lines[-lexicon.dates.reference.signature_lines :]):
        if not _SENTENCE_MARK.search(text.norm, start, end):
            yield start, end


def _signature(text: Text, lexicon: Lexicon, excluded: list[tuple[int, int]]) -> Part | None:
    """A day on a signature line that holds nothing else but a name."""
    for start, end in signature_lines(text, lexicon, excluded):
        days = list(date_rec.full_days(text, lexicon, (start, end)))
        if days:
            last = max(days, key=lambda d: (d.end, d.end - d.start))
            if not text.norm[last.end : end].strip():
                return Part(last.value, "reference.signature", last.span)  # type: ignore[arg-type]
    return None


def _first_full(text: Text, lexicon: Lexicon) -> Part | None:
    day = next(date_rec.full_days(text, lexicon), None)
    return Part(day.value, "reference.first_full_date", day.span) if day is not None else None  # type: ignore[arg-type]


def _longest(dates: list[DateFound]) -> list[DateFound]:
    """The dates not inside a longer one, in text order."""
    out = []
    for d in sorted(dates, key=lambda d: (d.start, -(d.end - d.start))):
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


# the period of a comparison (去年同期), a streak's years (连续六年), a plan named (“十四五”规划;
# “十四五”期间 and “十四五”以来 are periods a release reports on)
_NOT_REPORTED = frozenset({"dates.same_period", "dates.streak", "dates.plan_named"})


def _reported(d: DateFound, ref: ReferenceDate) -> bool:
    """A period the release can report on: a year, a month or a span that has begun by the
    release's date (明年 is a plan, not what it reports on); not a day, not a date left
    without a value, not the period of a comparison (去年同期), a streak or a plan."""
    if (
        not d.value
        or d.kind not in ("year", "month", "period")
        or (d.flags and d.repair is None)  # a damaged date counts once repaired (20241-11月)
        or d.rule in _NOT_REPORTED
    ):
        return False
    start = periods.bounds(d.value)[0]
    return ref.iso is None or start is None or start <= ref.iso


@lru_cache(maxsize=4)
def _event_after(lexicon: Lexicon) -> regex.Pattern:
    """Event words (after optional 例行, 定期) that make a title's period the event's date."""
    words = lexicon.dates.reference
    between = rf"(?:{alternation(words.event_between)})*" if words.event_between else ""
    return regex.compile(rf"{between}(?:{alternation(words.event_after)})")


def _title_period(text: Text, lexicon: Lexicon, ref: ReferenceDate, title: tuple[int, int] | None) -> Part | None:
    if title is None:
        return None
    event = _event_after(lexicon)
    for d in _longest(date_rec.recognize(text, lexicon, ref, title)):
        if _reported(d, ref) and not event.match(text.norm, d.end, title[1]):
            return Part(d.value, "reference.title", d.span, not d.year_inferred, d.holiday)  # type: ignore[arg-type]
    return None


def opening_paragraphs(
    text: Text, title: tuple[int, int] | None, excluded: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The first paragraphs of the body (after the title, outside header and noise), where
    a release states what it reports on."""
    after = title[1] if title else 0
    body = (p for p in text.paragraphs if p[0] >= after and not any(s <= p[0] < e for s, e in excluded))
    return [p for _, p in zip(range(_OPENING_PARAGRAPHS), body)]


def is_title_line(text: Text, start: int, end: int) -> bool:
    """A short paragraph with no sentence punctuation: near the top, a line of the title
    (关于2024年1-11月…的通报 under the site's heading)."""
    return end - start <= _HEADING_LINE and not _SENTENCE_MARK.search(text.norm, start, end)


def _opening_period(
    text: Text,
    lexicon: Lexicon,
    ref: ReferenceDate,
    title: tuple[int, int] | None,
    excluded: list[tuple[int, int]],
) -> Part | None:
    for start, end in opening_paragraphs(text, title, excluded):
        if structure_rec.SECTION.match(text.norm, start, end):
            continue  # a section's heading states the section's period, not the release's
        heading = is_title_line(text, start, end)
        for d in _longest(date_rec.recognize(text, lexicon, ref, (start, min(end, start + _OPENING_CHARS)))):
            if not _reported(d, ref):
                continue
            if heading:  # a line of the title under its first (关于2024年1-11月…的通报)
                return Part(d.value, "reference.title_line", d.span, not d.year_inferred, d.holiday)  # type: ignore[arg-type]
            edges = [m.end() for m in _CLAUSE_EDGE.finditer(text.norm, start, d.start)]
            lead = text.norm[edges[-1] if edges else start : d.start]
            if len(lead.strip()) <= _OPENING_LEAD and not lead.rstrip().endswith(_COMPARED):
                return Part(d.value, "reference.opening", d.span, not d.year_inferred, d.holiday)  # type: ignore[arg-type]
    return None


def _year_to_date(
    period: Part,
    text: Text,
    lexicon: Lexicon,
    ref: ReferenceDate,
    title: tuple[int, int] | None,
    excluded: list[tuple[int, int]],
) -> Part | None:
    """A title's quarter after the first (2026年三季度…运行分析) whose body opens with the months
    from the year's start to that quarter's end (2026年1—9月，全市…): the release reports on
    those months, the quarter names when (``reference.year_to_date``)."""
    first, _, last = period.value.partition("/")
    if period.rule not in ("reference.title", "reference.title_line") or not last or len(first) != 7:
        return None
    if first[5:] == "01" or len(periods.months_of(period.value)) != 3:
        return None
    opening = _opening_period(text, lexicon, ref, title, [*excluded, *([period.span] if period.span else [])])
    if opening is None or opening.rule != "reference.opening" or opening.value != f"{first[:4]}-01/{last}":
        return None
    return Part(opening.value, "reference.year_to_date", opening.span, opening.written, opening.holiday)


def refined(time: Found, dates: list[DateFound]) -> Found:
    """The release's period as the body's dates resolved it: a holiday the data list no days
    for, or a word the release defines (2026年“五一”假期 in the title, 今年“五一”假期（5月1日至5日）
    in the body; 2025年汛期 with 今年汛期（5月1日—9月30日）), is the days the release gives,
    not their year, if they end by the release's date (not 2025年汛期以来… of July: so far).
    (The year stays the one the dates were resolved against.)"""
    p = time.period
    if p is None or p.span is None:
        return time
    d = next((d for d in dates if d.start == p.span[0] and d.end >= p.span[1] and d.resolved == "context"), None)
    if d is None or not d.value or d.value == p.value or d.value[:4] != p.value[:4] or d.kind != "period":
        return time
    if time.date is not None and d.value.split("/")[-1] > time.date.value:
        return time  # (a release cannot report on days after it)
    return replace(time, period=replace(p, value=d.value, span=d.span))
