"""The shape of every file in ``extractor/data`` (userdict.txt aside), as pydantic models.

:mod:`extractor.lexicon` validates each file against its model when it loads it, so a
misspelt key (``chinese_onyl``), a wrong kind (``kind = "cnt"``), a value of the wrong
type and a word listed twice are errors at load that name the file, the entry and the
problem (:func:`problem`), never a surprise at the first extraction. The modules read
these typed sections from the :class:`~extractor.lexicon.Lexicon`; none of them sees a
raw dict.

Every entry has a stable id, for a later record of which entries decided a figure: a unit
``unit.亿元``, a plausibility limit ``plausibility.<name>``, a noise pattern its ``id``, and
a word of a list ``<file>.<section>.<list>.<word>`` (:meth:`Section.entry_id`), e.g.
``indicators.strip_leading.截至目前``.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Annotated, Any, ClassVar

import regex
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)

from .model import Kind

KINDS = tuple(sorted(k.value for k in Kind))


def _twice(keys: list[str], what: str) -> None:
    """A ValueError naming the first key listed twice and where: ``duplicate entry '—' ([1] and [7])``."""
    twice = [k for k, n in Counter(keys).items() if n > 1]
    if twice:
        at = [i for i, k in enumerate(keys) if k == twice[0]]
        raise ValueError(f"duplicate {what} {twice[0]!r} ([{at[0]}] and [{at[1]}])")


def _unique(words: tuple[str, ...]) -> tuple[str, ...]:
    _twice(list(words), "entry")
    return words


def _regex(source: str) -> str:
    try:
        regex.compile(source)
    except regex.error as exc:
        raise ValueError(f"not a valid pattern ({exc})") from None
    return source


#: a list of words, each at most once
Words = Annotated[tuple[StrictStr, ...], AfterValidator(_unique)]
Number = StrictInt | StrictFloat
Pattern = Annotated[StrictStr, AfterValidator(_regex)]


class Section(BaseModel):
    """A table of a data file: no key it does not declare, values of the declared types."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    #: the id prefix of the section's entries (``indicators``, ``quantities.range``)
    id_prefix: ClassVar[str] = ""

    def entry_id(self, field: str, word: str) -> str:
        """The stable id of ``word`` of the list ``field``: ``quantities.range.connectors.至``."""
        if word not in getattr(self, field):
            raise KeyError(f"{word!r} is not an entry of {self.id_prefix}.{field}")
        return f"{self.id_prefix}.{field}.{word}"


# ------------------------------------------------------------------------------- examples
class FigureExpected(Section):
    """A figure an example sentence must yield, and what it must carry (each key optional)."""

    text: StrictStr
    value: Number | None = None
    value_max: Number | None = None
    unit: StrictStr | None = None
    kind: StrictStr | None = None
    approx: StrictStr | None = None
    indicator: StrictStr | None = None
    qualifier: StrictStr | None = None
    target: StrictBool | None = None
    change: StrictStr | None = None
    basis: StrictStr | None = None
    rank_scope: StrictStr | None = None


class FigureExample(Section):
    """A sentence run through the whole pipeline, and the figures it must yield."""

    text: StrictStr
    expect: tuple[FigureExpected, ...]


class DateExpected(Section):
    text: StrictStr
    value: StrictStr  # "" when the date cannot be read


class DateExample(Section):
    text: StrictStr
    expect: tuple[DateExpected, ...]


class EntityExpected(Section):
    text: StrictStr
    type: StrictStr
    title: StrictStr | None = None


class EntityExample(Section):
    text: StrictStr
    expect: tuple[EntityExpected, ...]
    not_: Words = Field(default=(), alias="not")


class NumeralExample(Section):
    text: StrictStr
    value: Number


class MetadataExample(Section):
    text: StrictStr
    expect: dict[StrictStr, StrictStr]


class DamageExample(Section):
    """A damaged figure: with the publisher given, it must carry ``flag``, with these readings first."""

    publisher: StrictStr
    text: StrictStr
    figure: StrictStr
    flag: StrictStr
    candidates: Words = ()


class PlaceExample(Section):
    text: StrictStr
    expect: Words


class File(Section):
    """A whole data file; ``name`` is its file name under extractor/data."""

    name: ClassVar[str] = ""


# ---------------------------------------------------------------------------- numerals.toml
class Numerals(File):
    name = "numerals.toml"
    digits: dict[StrictStr, StrictInt]
    small_units: dict[StrictStr, StrictInt]
    scales: dict[StrictStr, StrictInt]
    examples: tuple[NumeralExample, ...] = ()


# ------------------------------------------------------------------------------- units.toml
class Unit(Section):
    """A unit or counter written after a number (units.toml)."""

    text: StrictStr = Field(min_length=1)
    base: StrictStr | None = None
    kind: StrictStr
    factor: Decimal = Decimal(1)
    chinese_only: StrictBool = False
    arabic_only: StrictBool = False
    #: no unit right before a number (1对1帮扶 is one to one, not a pair)
    not_before_number: StrictBool = False

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        return kind

    @field_validator("factor", mode="before")
    @classmethod
    def _number(cls, factor: Any) -> Decimal:
        if isinstance(factor, bool) or not isinstance(factor, int | float):
            raise ValueError(f"factor {_toml(factor)} is not a number")
        return Decimal(str(factor))

    @property
    def id(self) -> str:
        return f"unit.{self.text}"


def _unique_units(units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    _twice([u.text for u in units], "unit")
    return units


class Units(File):
    name = "units.toml"
    units: Annotated[tuple[Unit, ...], AfterValidator(_unique_units)]
    not_: Words = Field(default=(), alias="not")
    examples: tuple[FigureExample, ...] = ()


class UserUnits(File):
    """A user's extra units (``extractor --units``): only ``[[units]]`` tables."""

    units: Annotated[tuple[Unit, ...], AfterValidator(_unique_units)]


# -------------------------------------------------------------------------- quantities.toml
class Approx(Section):
    id_prefix = "quantities.approx"
    prefix: Words
    suffix: Words
    inner: Words


class Change(Section):
    id_prefix = "quantities.change"
    basis: Words
    basis_comparative_max: StrictInt
    basis_not_after: Words
    up: Words
    down: Words
    flat: Words
    only_after_basis: Words = ()
    #: verbs of ``down`` that are a rise for a figure in percentage points (改善: an index falls, a
    #: ratio rises)
    up_in_points: Words = ()
    #: a change of an increase against another period's increase (同比多增): of the increase
    #: before it, not of the level
    increment_comparisons: Words = ()
    #: between a basis and its verb (同比也增长, 按月亦上升, 同比分别增长)
    between_basis_and_verb: Words = ()

    @model_validator(mode="after")
    def _one_direction(self) -> Change:
        both = set(self.up) & set(self.down) | set(self.up) & set(self.flat) | set(self.down) & set(self.flat)
        if both:
            raise ValueError(f"{sorted(both)[0]!r} is listed under two directions")
        return self


class Rank(Section):
    id_prefix = "quantities.rank"
    verbs: Words
    free_scope_max: StrictInt
    counters: Words
    scopes: Words
    listed_after: Words
    #: after a rank verb and its scope, the first place with no number (居全省首位): rank 1
    first: Words = ()
    #: before a count in a rank's counter (前三位, 后三名): the places at the top or bottom, no figure
    bands: Words = ()


class Scope(Section):
    """Scope words that qualify the figures after them in a sentence."""

    id_prefix = "quantities.scope"
    words: Words


class Target(Section):
    """Words that make the figures after them targets."""

    id_prefix = "quantities.target"
    words: Words


class Range(Section):
    id_prefix = "quantities.range"
    connectors: Words
    unitless_before: Words


class Ratio(Section):
    """A ratio written with a colon and one side 1 (生师比14.3∶1, 医护比1:1.09): one figure, its
    other side, of kind rate."""

    id_prefix = "quantities.ratio"
    colons: Words = Field(min_length=1)


class Identifier(Section):
    id_prefix = "quantities.identifier"
    after: Words
    before: Words
    hotline: Pattern
    spans: tuple[Pattern, ...]
    #: a bare number of this shape right before a Chinese character is a service hotline or
    #: platform (拨打12122查询, 通过122交通安全服务平台)
    hotline_before_word: Pattern
    #: after a figure and its unit, before a noun: the bound of a class (7座以下小型客车) …
    class_bound: Words
    #: … unless the noun starts with one of these (1万人以上目标)
    class_not_before: Words


class Ordinal(Section):
    id_prefix = "quantities.ordinal"
    named_after: Words


class ChineseNumbers(Section):
    id_prefix = "quantities.chinese"
    not_before: Words
    bare_scale_after: Words


class Quantities(File):
    name = "quantities.toml"
    id_prefix = "quantities"
    approx: Approx
    change: Change
    rank: Rank
    scope: Scope
    target: Target
    range: Range
    ratio: Ratio | None = None
    identifier: Identifier
    ordinal: Ordinal
    chinese: ChineseNumbers
    not_: Words = Field(default=(), alias="not")
    examples: tuple[FigureExample, ...] = ()


# ------------------------------------------------------------------------------ dates.toml
class YearPart(Section):
    """A word after a year (2025年底, 去年末): the month it names, or (``end``) that month's last day."""

    id_prefix = "dates.year_parts"
    month: StrictInt = Field(ge=1, le=12)
    end: StrictBool = False


class MonthPart(Section):
    """A word after a month (9月底, 10月上旬): the month itself, its last day (``end``), or ``days``."""

    id_prefix = "dates.month_parts"
    end: StrictBool = False
    days: tuple[StrictInt, StrictInt] | None = None


class Holiday(Section):
    """A public holiday: the words that name its break, and its days per year ("MM-DD")."""

    id_prefix = "dates.holidays"
    names: Words
    days: dict[StrictStr, tuple[StrictStr, StrictStr]]
    around: Words = ()  # the weeks around it (春节前后), not its break: the year alone


class ReferenceWords(Section):
    """How the release's own period is read (see pipeline._reference)."""

    id_prefix = "reference"
    #: words that, right after a period in the title, make it the date of an event (2024年第四季度例行新闻发布会),
    #: not the period the release reports on
    event_after: Words
    #: words allowed between the period and such an event word (例行, 定期)
    event_between: Words = ()
    #: how many of the last lines of a release may carry its signature date
    signature_lines: StrictInt = Field(ge=1)


class RecentYears(Section):
    """近三年, 过去五年, 五年来: the words around a count of years."""

    id_prefix = "dates.recent_years"

    through_context: Words = Field(min_length=1)
    completed_before_date: Words = Field(min_length=1)
    after: Words = Field(min_length=1)
    streak: Words = Field(min_length=1)


class Dates(File):
    name = "dates.toml"
    id_prefix = "dates"
    periods: dict[StrictStr, tuple[StrictInt, StrictInt]]
    year_parts: dict[StrictStr, YearPart]
    #: year parts written without a year: the context year's (年底, 年初)
    year_parts_alone: Words
    relative_years: dict[StrictStr, StrictInt]
    guarded_relative: Words
    guarded_after: Words
    year_word_not_after: Words
    year_word_after_words: Words = ()
    month_parts: dict[StrictStr, MonthPart]
    #: words for the whole context year (全年, 年内)
    whole_year: Words
    #: words after a date that make it an open period ending at the release's date (今年以来)
    since: Words
    #: events between such a date and its since word: the period is still from the date
    #: (4月1日入汛以来, 今年启动以来)
    since_events: Words = ()
    since_event_noun_max: StrictInt = Field(4, ge=1)
    #: words after a year (去年同期, 2019年同期) for the release's period in that year
    same_period: Words
    #: right after a four-digit year with no 年: the year is part of a name (整治2023行动)
    name_after_year: Words
    #: N years counted back: before the count, words whose years end with the context year
    #: (近三年) or with the last year before the release's date (过去五年); after 年, words
    #: whose years end with the context year (五年来)
    recent_years: RecentYears
    #: words right before a relative year word that make it a comparison (比上年): it counts
    #: from its sentence's period
    compared_before: Words
    #: five-year plans and the years they span (十四五: 2021-2025)
    plans: dict[StrictStr, tuple[StrictInt, StrictInt]]
    #: words for a period the release defines with its days (汛期（6月1日至9月30日）)
    defined_terms: Words
    #: between the days and the term they define, with a count of days (2月2日至3月13日，为期40天的春运)
    defined_span_words: Words = ()
    #: after a defined term, the word that goes with it in its span (春运期间)
    defined_term_ends: Words = ()
    #: words after a plan's name that make it its span (“十四五”期间)
    plan_spans: Words
    holidays: dict[StrictStr, Holiday]
    #: the first day of the lunar year (正月初一) per year ("MM-DD"): 正月初N is N-1 days after it
    lunar_new_year: dict[
        StrictStr, Annotated[StrictStr, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]
    ] = {}
    #: the first lunar month's name, and a pattern of its days (初四, 十五, 二十三; the number
    #: after lunar_day_prefix is read as numerals are), up to the 29th (a 30th is not in every year)
    lunar_first_month: StrictStr = "正月"
    lunar_day: Pattern | None = None
    lunar_day_prefix: StrictStr = "初"
    reference: ReferenceWords
    not_: Words = Field(default=(), alias="not")
    examples: tuple[DateExample, ...] = ()


# ------------------------------------------------------------------------------ noise.toml
class NoisePattern(Section):
    """Text that is not part of the release; ``examples`` must be noise, ``not`` must not."""

    id: StrictStr
    regex: StrictStr  # compiled (and checked) by lexicon._noise, with the flags it runs with
    lead: StrictStr | None = None
    examples: Words = ()
    not_: Words = Field(default=(), alias="not")


def _unique_ids(patterns: tuple[NoisePattern, ...]) -> tuple[NoisePattern, ...]:
    _twice([p.id for p in patterns], "id")
    return patterns


class Noise(File):
    name = "noise.toml"
    pattern: Annotated[tuple[NoisePattern, ...], AfterValidator(_unique_ids)]
    #: how a site's name above its navigation ends (…人民政府门户网站, …生态环境局): its masthead, no title
    masthead_ends: Words = ()


# --------------------------------------------------------------------------- metadata.toml
class Metadata(File):
    name = "metadata.toml"
    id_prefix = "metadata"
    date_fields: Words
    reference_fields: Words
    page_labels: Words = ()
    #: a 发布会 block's field whose label stands on a header line is the page's field named here
    #: (发布时间 beside 来源 and 浏览次数: when the page was published, not the conference's time)
    header_line_fields: dict[StrictStr, StrictStr] = {}
    header: dict[StrictStr, StrictStr]
    header_aliases: dict[StrictStr, StrictStr] = {}
    conference: dict[StrictStr, StrictStr]
    examples: tuple[MetadataExample, ...] = ()

    @model_validator(mode="after")
    def _known_fields(self) -> Metadata:
        fields = set(self.header) | set(self.conference)
        for key, names in (
            ("date_fields", self.date_fields),
            ("reference_fields", self.reference_fields),
            ("header_aliases", tuple(self.header_aliases.values())),
        ):
            unknown = [n for n in names if n not in fields]
            if unknown:
                raise ValueError(f"{key}: {unknown[0]!r} is not a field of [header] or [conference]")
        return self


# ------------------------------------------------------------------------- indicators.toml
class Indicators(File):
    name = "indicators.toml"
    id_prefix = "indicators"
    strip_leading: Words
    cut_after: Words
    strip_trailing: Words
    after_date: Words = ()
    meta_words: Words
    meta_suffixes: Words
    comparison_starts: Words
    benchmark_verbs: Words = ()
    benchmarks: Words = ()
    rate_markers: Words
    head_nouns: Words
    noun_phrase_end: Words
    topic_marker: StrictStr
    view_opening: Pattern | None = None
    view_word_max: StrictInt = Field(4, ge=1)
    ranked_by: Pattern | None = None
    generic_phrases: Words
    examples: tuple[FigureExample, ...] = ()


# ----------------------------------------------------------------------- plausibility.toml
class Levels(Section):
    """Words of a publisher's name that give its level, tried in this order."""

    id_prefix = "plausibility.levels"
    province: Words
    city: Words
    county: Words


class Limit(Section):
    """The largest money figure a publisher of each level plausibly writes for an indicator
    holding one of ``keywords``."""

    name: StrictStr = Field(pattern=r"^[a-z][a-z0-9_]*$")
    keywords: Words
    county: StrictInt
    city: StrictInt
    province: StrictInt
    why: StrictStr

    @property
    def id(self) -> str:
        return f"plausibility.{self.name}"


def _unique_limits(limits: tuple[Limit, ...]) -> tuple[Limit, ...]:
    _twice([limit.name for limit in limits], "limit name")
    return limits


class Plausibility(File):
    name = "plausibility.toml"
    id_prefix = "plausibility"
    ordinal_counters: Words
    bounded_percent: Words
    countable_heads: dict[StrictStr, StrictStr]
    levels: Levels
    limit: Annotated[tuple[Limit, ...], AfterValidator(_unique_limits)]
    counters: dict[StrictStr, Words]
    examples: tuple[DamageExample, ...] = ()


# ------------------------------------------------------------------------- entities.toml
class Organization(Section):
    id_prefix = "entities.organization"
    suffixes: Words
    stop: Words
    names: Words
    not_names: Words
    branch_suffixes: Words
    weak_suffixes: Words
    max_length: StrictInt
    generic: Words
    counted_by: Words
    local_prefixes: Words


class Person(Section):
    id_prefix = "entities.person"
    titles: Words
    surnames: StrictStr  # one character each
    titles_after: Words
    compound_surnames: Words

    @field_validator("surnames")
    @classmethod
    def _unique_surnames(cls, surnames: str) -> str:
        _unique(tuple(surnames))
        return surnames


class Media(Section):
    id_prefix = "entities.media"
    suffixes: Words
    names: Words
    stop: Words


class Product(Section):
    id_prefix = "entities.product"
    context_before: Words
    context_after: Words


class Event(Section):
    id_prefix = "entities.event"
    suffixes: Words
    quoted_before: Words
    max_tokens: StrictInt


class Entities(File):
    name = "entities.toml"
    organization: Organization
    person: Person
    media: Media
    product: Product
    event: Event
    examples: tuple[EntityExample, ...] = ()


# --------------------------------------------------------------------------- places.toml
class Places(File):
    name = "places.toml"
    id_prefix = "places"
    provinces: Words
    cities: Words
    countries: Words
    named_suffixes: Words
    suffixes: Words
    not_places: Words
    division_not_names: Words = ()
    joining: Words = ()
    examples: tuple[PlaceExample, ...] = ()


# ----------------------------------------------------------------------------- html.toml
class Html(File):
    name = "html.toml"
    id_prefix = "html"
    drop_tags: Words
    furniture: Words
    content: Words
    title: Words
    header_labels: Words


# ------------------------------------------------------------------------ segmenter.toml
class Segmenter(File):
    name = "segmenter.toml"
    min_frequency: StrictInt = Field(ge=1)


# --------------------------------------------------------------------------- linking.toml
class LinkingExample(Section):
    """A sentence, a figure in it (its text) and the indicator linking must give it."""

    text: StrictStr
    figure: StrictStr
    indicator: StrictStr


class Nominalizers(Section):
    id_prefix = "linking.nominalizers"
    characters: Words
    copulas: Words
    examples: tuple[LinkingExample, ...]


class ScopeLinking(Section):
    id_prefix = "linking.scope"
    not_before: Words
    not_in_names: Words = ()
    services_after: Words = ()
    examples: tuple[LinkingExample, ...]


class AreaExample(Section):
    """A release's text, a figure in it and the area it must get."""

    text: StrictStr
    figure: StrictStr
    area: StrictStr
    #: the rule that must choose it (area.clause …), and the release's (area.publisher …)
    rule: StrictStr | None = None
    jurisdiction: StrictStr | None = None


class AreaWords(Section):
    """How a figure's area is read: what each scope word names, and the words before a place
    that compare with it."""

    id_prefix = "linking.area"
    scope_kinds: dict[StrictStr, StrictStr]
    compared_before: Words
    list_marks: Words
    respectively_gap: StrictInt = Field(ge=0)
    respectively_reach: StrictInt = Field(ge=0)
    respectively_more: Words
    rank_scope_before: Words
    #: a place right before one of origin_after, or right after one of origin_before, is
    #: where the people counted come from (香港旅客, 来自福建省的旅客), not where they are counted
    origin_after: Words
    origin_before: Words
    dateline_ends: Words
    dateline_max: StrictInt = Field(ge=2)
    source_labels: Words
    source_lines: StrictInt = Field(ge=1)
    opening_lead: StrictInt = Field(ge=0)
    #: a table written one cell per line: a line that is only a number is a cell …
    table_cell: Pattern
    #: … and the cells after a line that is a place (a row's header), up to this many, are its
    table_row_cells: StrictInt = Field(ge=1)
    #: a column's header names its cells' indicator, without a unit in brackets at its end
    #: (优良天数比例（%）), if it is no longer than this
    table_unit: Pattern
    table_header_max: StrictInt = Field(ge=1)
    #: a column's header that names no measure, only its values (绝对值（亿元）): each row's
    #: label is its cells' measure, and a change header (比上年同期增长（%）) its cells' change
    table_value_headers: Words
    #: a row's label that sums the others (合计, 市本级): no measure
    table_total_rows: Words
    #: a line before a table's headers ending in one of these (…规模以上工业增加值增速如下：)
    #: names the measure of a change column that names none (同比增长（%）), without a word
    #: of ``table_caption_sides`` at its end (增速)
    table_caption_ends: Words = ()
    #: a line before a table's headers that gives its unit (单位：%, 单位：亿元): the unit of
    #: every cell that writes none (group ``unit``)
    table_unit_line: Pattern | None = None
    table_caption_unit: Pattern | None = None
    table_row_leads: Words = ()
    unit_list_separators: Words = ()
    table_percent_ends: Words = ()
    #: …or that this matches at its start (完成年度预算: how much of the year's budget is done, a share)
    table_percent_header: Pattern | None = None
    table_rank_headers: Words = ()
    #: of several units listed (单位：所、人), the unit of a level column whose header, without
    #: a trailing 数, ends in a word it counts (学校数: 所; 在校生数, 专任教师数: 人)
    table_unit_counts: dict[StrictStr, Words] = Field(default_factory=dict)
    table_rank_key: Pattern | None = None
    table_basis_headers: Words = ()
    table_basis_growth: str = "增长"
    table_cumulative_headers: Words = ()
    table_index_words: Words = ()
    table_index_base: Pattern | None = None
    table_ratio_rows: Words = ()
    table_amount_changes: Words = ()
    table_caption_max: StrictInt = Field(60, ge=1)
    table_part_rows: Words = ()
    table_item_number: Pattern | None = None
    table_caption_lead: Pattern | None = None
    #: a press conference's speaker labels (lines of their own: 【发布人 覃立新】, 赵振宇：) and
    #: the words of a questioner's (记者): an answer's place goes on over its paragraphs
    turn_label: Pattern | None = None
    turn_question_words: Words = ()
    turn_label_words: Words = ()
    table_caption_sides: Words = ()
    #: what a table's caption says of its measure at its end (完成情况): no part of the measure
    table_caption_drop: Words = ()
    examples: tuple[AreaExample, ...] = Field(min_length=1)


class Share(Section):
    id_prefix = "linking.share"
    verb: StrictStr = Field(min_length=1)
    not_after_verb: StrictStr = Field(min_length=1)
    whole_ends: Words
    words: Words
    bare: StrictStr
    with_word: StrictStr
    whole: StrictStr
    examples: tuple[LinkingExample, ...]


class Lists(Section):
    id_prefix = "linking.lists"
    separators: Words
    respectively: StrictStr = Field(min_length=1)
    etc: StrictStr = Field(min_length=1)
    led_ends: Words = ()
    picked_by: Words = ()
    picked_then: Words = ()
    picked_of: Words = ()
    unit_first_words: Words = ()
    measure_ends: Words = ()
    where_verb_max: StrictInt = Field(4, ge=1)
    examples: tuple[LinkingExample, ...]


class Particles(Section):
    id_prefix = "linking.particles"
    perfective: StrictStr = Field(min_length=1)
    level: Words
    recipient: Words = ()
    examples: tuple[LinkingExample, ...]


class Comparison(Section):
    id_prefix = "linking.comparison"
    possessive: StrictStr = Field(min_length=1)
    same_period: StrictStr = Field(min_length=1)
    growth_words: Words = ()
    examples: tuple[LinkingExample, ...]


class PlaceNames(Section):
    id_prefix = "linking.places"
    suffixes: Words
    not_endings: Words
    town_suffixes: Words
    not_town_endings: Words
    min_length: StrictInt = Field(ge=1)
    max_length: StrictInt = Field(ge=1)
    zone_ends: Words = ()
    examples: tuple[LinkingExample, ...]


class PeriodExample(Section):
    """A sentence, a figure in it, and the period (value, source) linking must give it."""

    text: StrictStr
    figure: StrictStr
    period: StrictStr | None = None  # (omitted: the figure has no period)
    source: StrictStr | None = None
    basis_period: StrictStr | None = None
    rule: StrictStr | None = None  # the rule that chose it, when not period.<source>


class PeriodWords(Section):
    id_prefix = "linking.period"
    comparison_before: Words
    from_before: Words
    from_after: StrictStr
    to_before: Words
    point_before: Words
    point_ends: Words
    day_starts_before: Words
    day_starts_after: Words
    #: after a period: what its clause tells is after it, not in it (国庆假期结束后…)
    after_period: Words = ()
    record_spans: Words = ()
    record_after: Words = ()
    record_before: Words = ()
    span_to: Words
    streak: Words
    leads: Words
    now: Words
    now_verbs: Words
    point_basis: Words
    stocks: Words
    #: right before a stock's word: what an event struck or added is no stock (受害森林面积)
    stocks_not_after: Words
    stocks_not_before: Words = ()
    flow_units: Words = ()
    #: right before a count of what there is (level_counters): the level it reached, a stock
    level_verbs: Words
    #: right before a level verb: no level (下达, 抵达)
    level_not_after: Words
    #: the counters of what there is (家, 个, 人): a count of them after a level verb is a stock
    level_counters: Words
    #: in a count's clause before it: what was done, no level reached (新注册企业达到3200户)
    level_doing: Words
    annual: Words
    plan_nouns: Words
    annual_plan_nouns: Words
    plan_openers: Words = ()
    plan_opener_verbs: Words = ()
    plan_point_nouns: Words = ()
    cumulative: Words
    #: an average over many years a figure is compared with (常年同期): its value has no period
    normals: Words = ()
    #: after 累计, before the figure: a doing counted over the release's period (累计受理…)
    cumulative_doing: Words = ()
    flow_verbs: Words
    stock_verbs: Words
    set_after: Words
    #: a word that, cut as a word of its own after a count and its noun, makes the count a
    #: set's size (在全省16个地市中排名第5位; 中心, 中小 are words of their own)
    set_among: StrictStr
    #: before a count that opens its clause (after a date and a scope word): a set named by
    #: how it was chosen (纳入重点监测的316家景区)
    set_leads: Words
    set_lead_end: StrictStr
    set_opening_date: Pattern
    #: after a count and its noun, before another figure of its clause: the count is the
    #: subject the other figure measures (17个断面水质达标率为100%)
    set_subject_links: Words
    set_all: Words = ()
    set_all_counters: Words = ()
    set_all_nouns: Words = ()
    month_by_month: Words = ()
    month_not_between: Words = ()
    day_units: Words = ()
    stock_units: Words = ()
    #: a count whose phrase ends in one of these counts what there is (公立医院34个), like stock_units
    stock_counted: Words = ()
    view_lead: Pattern | None = None
    section_year_rules: Words = ()
    section_year_relative: Words = ()
    section_year_heads: Words = ()
    #: after a count and its noun: a rank among the set (居全省21个地市第4位)
    set_ranked: Pattern
    #: the end of a count's indicator that makes it a monitoring network's size (监测站点)
    network_sets: Words
    #: … unless the indicator says one of these: a result (Ⅳ类断面, 水质优良断面)
    network_results: Words
    #: right after a count that follows a scope word: the kinds of division of a territory,
    #: counted whole (全县20个乡镇（街道）, 覆盖全省86个县（市、区）)
    divisions: Words
    part_opening: Words
    part_opening_among: Pattern | None = None
    notes: Words
    standing: Words
    standing_links: Words
    standing_amounts: Words
    standing_to: Words
    #: … unless one of these follows the doing (累计完成投资: a project's since its start)
    cumulative_doing_not_before: Words = ()
    #: a figure whose clause says one of these is over a heading's span of years, not its last year
    span_words: Words = ()
    #: a threshold a set is defined by (业务量超过1亿件的设区市, 年出口额500万元以上的企业): right
    #: after one of ``threshold_before`` and before ``threshold_after``, or before ``threshold_ends``
    threshold_before: Words = ()
    threshold_after: Pattern | None = None
    threshold_ends: Pattern | None = None
    per_person: Words
    month_over_month: Words
    year_over_year: Words
    examples: tuple[PeriodExample, ...]


class IndicatorRule(Section):
    """A named indicator rule of link.py and its example."""

    id: StrictStr = Field(pattern=r"^indicator\.[a-z_]+$")
    text: StrictStr
    figure: StrictStr
    indicator: StrictStr


class ChangeRule(Section):
    """A named change rule of link.py, its example and the words that say the change."""

    id: StrictStr = Field(pattern=r"^change\.[a-z_]+$")
    text: StrictStr
    figure: StrictStr
    words: StrictStr


def _unique_rule_ids(rules: tuple) -> tuple:
    _twice([r.id for r in rules], "rule id")
    return rules


class Linking(File):
    name = "linking.toml"
    id_prefix = "linking"
    nominalizers: Nominalizers
    scope: ScopeLinking
    area: AreaWords
    share: Share
    lists: Lists
    particles: Particles
    comparison: Comparison
    places: PlaceNames
    period: PeriodWords
    indicator_rule: Annotated[tuple[IndicatorRule, ...], AfterValidator(_unique_rule_ids)]
    change_rule: Annotated[tuple[ChangeRule, ...], AfterValidator(_unique_rule_ids)]

    #: the tables that hold words (each with examples), in file order
    TABLES: ClassVar[tuple[str, ...]] = ("nominalizers", "scope", "share", "lists", "particles", "comparison", "places")


FILES: tuple[type[File], ...] = (
    Numerals,
    Units,
    Quantities,
    Dates,
    Noise,
    Metadata,
    Indicators,
    Plausibility,
    Entities,
    Places,
    Html,
    Segmenter,
    Linking,
)


# ------------------------------------------------------------------------------- messages
_TYPES = {
    "string_type": "a string",
    "int_type": "an integer",
    "bool_type": "true or false",
    "float_type": "a number",
    "int_from_float": "an integer",
    "tuple_type": "a list",
    "list_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "string_too_short": "a non-empty string",
}


def problem(exc: ValidationError, data: dict[str, Any], model: type[Section]) -> str:
    """One line for the first error of ``exc``: where in the file (``units[12] '个'``), then
    what is wrong, in the data file's words (and how many more errors there are)."""
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")  # a misspelt key first
    err = errors[0]
    loc = err["loc"]
    where, node, owner = _where(loc, data, model)
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = ", ".join(f.alias or n for n, f in owner.model_fields.items()) if owner else ""
        what = f"unknown key {loc[-1]!r}" + (f" (expected {allowed})" if allowed else "")
        where = _parent(where)
    elif kind == "missing":
        what = f"missing key {loc[-1]!r}"
        where = _parent(where)
    elif kind == "value_error":
        what = str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
        if loc and isinstance(loc[-1], str) and what.startswith(f"{loc[-1]} "):
            where = _parent(where)  # the message names the key (kind 'cnt' is not one of …)
    elif kind == "greater_than_equal":
        what = f"expected at least {err['ctx']['ge']}, found {_toml(err['input'])}"
    elif kind in _TYPES:
        what = f"expected {_TYPES[kind]}, found {_toml(err['input'])}"
    else:
        what = err["msg"]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {what}{more}" if where else f"{what}{more}"


def _where(loc: tuple, data: Any, model: type[Section]) -> tuple[str, Any, type[Section] | None]:
    """``units[12] '个'``: the keys of ``loc`` with list positions, an entry named by its
    text, id or name; and the model of the innermost table (for the keys it allows)."""
    parts: list[str] = []
    node, owner, annotation = data, model, None
    for key in loc:
        if isinstance(key, int) and parts:
            parts[-1] += f"[{key}]"
            node = node[key] if isinstance(node, list) and key < len(node) else None
            if isinstance(node, dict):
                name = next((node[k] for k in ("text", "id", "name", "old") if isinstance(node.get(k), str)), None)
                if name is not None:
                    parts[-1] += f" {name!r}"
            owner = _item_model(annotation)
        else:
            parts.append(str(key))
            annotation = _field(owner, str(key))
            node = node.get(key) if isinstance(node, dict) else None
            if annotation is not None and not _is_sequence(annotation):
                owner = _item_model(annotation)
    return ".".join(parts), node, owner


def _field(owner: type[Section] | None, key: str):
    """The annotation of the field of ``owner`` that the data file calls ``key``."""
    if owner is None:
        return None
    for name, f in owner.model_fields.items():
        if (f.alias or name) == key:
            return f.annotation
    return None


def _is_sequence(annotation) -> bool:
    return getattr(annotation, "__origin__", None) is tuple


def _item_model(annotation) -> type[Section] | None:
    """The model of a table, or of the tables of a list, that ``annotation`` declares."""
    if isinstance(annotation, type) and issubclass(annotation, Section):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _item_model(arg)
        if found is not None:
            return found
    return None


def _parent(where: str) -> str:
    """``units[12] '个'.chinese_onyl`` -> ``units[12] '个'`` (the key is named in the message)."""
    return where.rpartition(".")[0] if "." in where else ""


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    return str(value)
