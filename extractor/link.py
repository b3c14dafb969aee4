"""Linking figures to what they measure: indicator, qualifier, change, rank, scope, period,
target, and 分别 lists.

The indicator of a figure is the phrase before it in its clause (after the previous
figure and whatever that figure took), trimmed on jieba token boundaries: periods, scope
words, connectives and verbs at its edges, and everything up to the last action verb
(data/indicators.toml). A count followed by a noun (4家企业通过…), or a figure after a verb
(指导29家企业…), measures the noun phrase after it; the rest of the clause is its
qualifier. A growth rate, a comparison (是上年同期的1.6倍) or a rank with no phrase of its
own qualifies the figure before it and takes its indicator.

``link`` returns a :class:`Linked` record per figure; the figures themselves are not
changed. A change or rank refers to the record of the figure it qualifies, not to a
position in some order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any

import regex

from . import patterns, periods
from .areas import areas
from .candidates import DateFound, QuantityFound, SectionFound
from .indicator_ids import vocabulary
from .lexicon import Lexicon, alternation
from .numerals import exact_product, parse_number, scale_pattern
from .text import Text, normalize

CLAUSE_BREAK = ",，;；:：。!?！？\n"
_EDGE_JUNK = " “”\"'()（）《》、·-—:："
_WORD = regex.compile(r"^[\p{Han}A-Za-z“”\"]+$")
_QUOTED_TAIL = patterns.compile(r"[“\"][^“”\"]{1,16}[”\"]$", prefer_re=True)
_PAREN_TAIL = patterns.compile(r"[(（][^()（）]{1,30}[)）]?$", prefer_re=True)
_TAIL_REACH = 32  # the longest match of either: only the phrase's last characters are searched
_LIST_REACH = 200  # characters of a clause before 分别 read for its list
_RUN_MAX = 64  # figures in a 分别 list (a run of thousands with no comma was read from every 分别)
_LIST_LABEL = patterns.compile(patterns.CN_LIST_LABEL, prefer_re=True)
# an item's label before a date that opens the item: 1. 2、 (一) （二）
_ITEM_LABEL = patterns.compile(f"{patterns.LIST_MARK}|{patterns.CN_ITEM_MARK}", prefer_re=True)
_LEADING_JUNK = _EDGE_JUNK + CLAUSE_BREAK
_NEXT_PHRASE_REACH = 24  # characters from a counted noun to the next figure its words may name
# a field of a table row written on one line: what wide spaces part (a full-width space, or
# two spaces or a tab), in a line with no punctuation of prose; _FIELD_UNIT: a field may be
# as long as a header and its unit in brackets
_FIELD = regex.compile(r"[^\s\u3000]+(?: [^\s\u3000]+)*")
_PROSE = regex.compile(patterns.PROSE)
_MEASURE_CHAR = regex.compile(r"\p{Han}|[A-Za-z]")  # a measure's name has one (地区生产总值, CPI)
_FIELD_UNIT = 8
_RANK_CELL = regex.compile(r"[1-9]\d{0,2}")  # a row's leading place in its ranking (a cell of digits, not a label)
_IN_BRACKETS = regex.compile(r"\([^()]*\)")  # (the normalized text writes （） as ())
_COMPARATIVES = "比较"  # the words a comparison opens with (比上年, 较常年同期), as the change pattern reads them
_ASIDE_ENDS = "，,；;"  # what ends the clause of brackets that are an aside
_NAME_REACH = 10  # characters a service's name runs after a scope word to its end (全国12315平台)
_BRACKETED_NOUN = 3  # a counted noun this short takes the bracket after it (县（市、区）, 乡镇（街道）)
_DAY_NOTE = regex.compile(r"[（(][^（）()，。；;,、\d]{1,6}[）)]")  # 10月1日（星期三）, 10月6日（中秋节）
_BRACKET_AFTER = regex.compile(r"[（(][^（）()，。；;,]{1,12}[）)]")  # 县（市、区）
_RUN_BREAK = patterns.compile(r"[;；。,，]", prefer_re=True)


@dataclass(slots=True, eq=False)
class Linked:
    """What linking found for one figure: a record of its own beside the candidate."""

    figure: QuantityFound
    start: int
    end: int
    kind: str  # the figure's kind, or rate when its indicator names one (发案率)
    value: Decimal | None
    unit: str | None
    approx: str | None  # the figure's, or one written before 占 (约占全省的13.2%)
    indicator: str | None = None
    indicator_span: tuple[int, int] | None = None
    indicator_rule: str | None = None  # the rule that chose the indicator (INDICATOR_RULES, or the ones around them)
    qualifier: str | None = None
    scope: str | None = None
    period: DateFound | None = None
    period_source: str | None = None  # clause, sentence, paragraph, section, title, reference
    period_rule: str | None = None  # period.<source>, or period.of_qualified
    period_value: str | None = None  # the value, when not the period's own (a stock: the period's last day)
    basis_period: str | None = None  # the period a change is against (同比 of 2024-01/2024-09: 2023-01/2023-09)
    change: tuple[str | None, str, Linked | None] | None = None  # basis, direction, the figure it qualifies
    change_rule: str | None = None  # the rule that found the change
    change_words: str | None = None  # the words that say it (同比增长, 比上年下降)
    implied_basis: str | None = None  # the paragraph's year-on-year comparison, for a change that states none
    rank_of: Linked | None = None  # the figure that is ranked
    new: str | None = None  # a "newly" verb (新增) before a count that is not a change
    subject: str | None = None  # who or what did the verb before the indicator (重点景区|共接待|游客)
    whole: str | None = None  # the row an indented table row is a part of (三、城镇居民人均可支配收入 / 　　工资性收入)
    target: bool = False

    @classmethod
    def of(cls, q: QuantityFound) -> Linked:
        return cls(q, q.start, q.end, q.kind, q.value, q.unit, q.approx)


# Patterns used on short windows (a clause, a phrase) many times per figure go to re where
# they are bounded: a call costs re a third of what it costs regex (0.2 vs 0.6 µs). The
# change pattern stays with regex, which rejects most phrases faster.
@dataclass(frozen=True)
class _Words:
    change: regex.Pattern
    level: regex.Pattern  # a change verb and 至/到: the figure after it is the level reached
    basis_tail: regex.Pattern
    measure_ends: tuple[str, ...]  # 浓度, 比例, 率 …: the last words of a measure's name
    unit_first_words: frozenset[str]  # 个 (of 个百分点): a list's number may write only this of its unit
    topic_word: str  # 方面 (…方面，: a clause that names the topic of what follows)
    picked: regex.Pattern | None  # 增速较快的是 (a measure, then the places picked out of it)
    view_opening: regex.Pattern | None  # 从…看， (a sentence's opening that names its measure)
    view_word_max: int  # the longest phrase read as the end of that measure (综合指数)
    ranked_by: regex.Pattern | None  # 按…由小到大排序 (the measure ranks are taken in)
    list_basis_tail: regex.Pattern  # … or a comparison, after a list before 分别 (起数、死亡人数较2024年|分别)
    directions: dict[str, str]
    rank_tail: regex.Pattern
    scopes: tuple[str, ...]
    scope_re: regex.Pattern
    scope_reach: int  # how far a match of scope_re looks: its longest word and look-ahead
    targets: regex.Pattern
    target_reach: int  # the longest target word
    strip_leading: frozenset[str]
    after_date: tuple[str, ...]  # (longest first)
    strip_trailing: frozenset[str]
    leading_re: regex.Pattern
    trailing_re: regex.Pattern
    trailing_reach: int  # its longest word
    cut_after: frozenset[str]
    cut_after_re: patterns.Pattern  # any of them, to skip cutting a phrase that holds none
    meta: frozenset[str]
    meta_suffixes: frozenset[str]
    comparison_starts: tuple[str, ...]
    holiday_days: dict[str, periods.HolidayDays]  # each holiday's break by year (it moves from year to year)
    benchmark: regex.Pattern | None  # (增速)高于全省平均水平: a comparison with a benchmark
    rate_markers: patterns.Pattern
    table_cell: regex.Pattern  # a line that is only a number: a table's cell (linking.toml [area])
    table_unit: regex.Pattern  # a unit in brackets at the end of a column's header
    table_header_max: int
    table_value_headers: frozenset[str]  # a column of values (绝对值): each row names its measure
    table_total_rows: frozenset[str]  # … unless it sums others (合计, 市本级)
    table_unit_line: regex.Pattern | None  # 单位：% (a line before a table's headers)
    table_caption_unit: regex.Pattern | None  # …车流量（单位：万辆） (a caption over rows of one cell)
    unit_list_sep: regex.Pattern  # 、 or ， between the units a table's unit line lists
    table_percent_ends: tuple[str, ...]  # 率, 比重: a column of percentages when a table lists several units
    table_percent_header: regex.Pattern | None  # 完成年度预算, 占全市: the same, by how the header starts
    table_rank_headers: tuple[str, ...]  # 排名: a column of ranks, in no unit the table lists (or ending so: 全市位次)
    table_unit_counts: dict[str, tuple[str, ...]]  # 所: 学校 (单位：所、人 over 学校数: 所)
    table_rank_key: regex.Pattern | None  # 按…综合指数由小到大排名: what a rank column ranks by
    table_basis_headers: tuple[str, ...]  # 同比, CPI同比: a column of growth rates, the header ending in a basis
    table_basis_growth: str  # … read as the basis and this (同比增长)
    table_cumulative_headers: frozenset[str]  # 累计: a column summed from the year's start
    index_words: patterns.Pattern  # 指数 in a table's caption: its cells are indices
    index_base: regex.Pattern  # 上年同月=100 over or in a table's headers: indices
    table_ratio_rows: tuple[str, ...]  # 收入比, 系数: a row of ratios, in no unit its column gives
    table_amount_changes: tuple[str, ...]  # 增减, 增加: a change header whose cells are amounts, not rates
    table_caption_max: int  # a table's caption is a line this short at most
    table_part_rows: tuple[str, ...]  # #: a table row that is a part of the row above (#工业投资)
    table_item_number: regex.Pattern | None  # (一) before a table row's name
    table_caption_lead: (
        regex.Pattern | None
    )  # 表1 各县（市、区）: a caption's number and the rows' kind before its measure
    table_row_lead: regex.Pattern | None  # 其中：　武陵区 (a row label's lead word)
    table_caption: regex.Pattern | None  # …规模以上工业增加值增速如下： (the measure, before its side and 如下)
    table_caption_drop: tuple[str, ...]  # 完成情况: what a caption says of its measure, no part of it
    np_end: frozenset[str]
    head_nouns: frozenset[str]
    approx_suffix: patterns.Pattern
    approx_share: patterns.Pattern  # an approximation before 占 (约占全省的13.2%)
    topic: regex.Pattern
    new_tail: regex.Pattern  # a verb that is a change only after a basis, ending the phrase (新增)
    new_words: tuple[str, ...]  # those verbs (新增)
    bare_verbs: frozenset[str]  # a phrase of only one of these says what was done to the figure before's kind
    generic: frozenset[str]
    # data/linking.toml
    nominalizers: frozenset[str]  # a verb followed by one is part of a noun (办结|率)
    copulas: frozenset[str]  # dropped after a nominalizer (占比达, 发现率为)
    share: regex.Pattern  # part 占 whole (工业投资占全部投资的比重)
    share_words: tuple[str, ...]
    share_verb: str
    share_bare: str
    share_with_word: str
    share_whole: str
    list_sep: patterns.Pattern
    list_words: frozenset[str]  # 、 和 及 与 …, the separators as words
    list_primary: patterns.Pattern  # the separator of items that may hold the others (、)
    respectively: patterns.Pattern
    respectively_word: str  # 分别
    where_verb_max: int  # the longest verb after places and 分别 that says nothing else (分别兑付)
    led_ends: tuple[str, ...]  # 以…为代表的: what follows is the indicator
    etc: str
    possessive: str
    month_by_month: patterns.Pattern  # 逐月: the figures after 分别 are the span's months, in order
    month_not_between: tuple[str, ...]  # … unless one of these stands between (a list of items, 累计)
    day_units: frozenset[str]  # 天: a duration in days
    view_lead: regex.Pattern | None  # 分经济类型看，: a sentence's lead before its period
    section_year_rules: frozenset[str]  # dates of the context year: a section headed by another year's are that year's
    section_year_relative: tuple[str, ...]  # … and relative words of the context year (上年)
    section_year_heads: tuple[str, ...]  # 工作, 主要: after a heading's year, the section's time
    growth_said: patterns.Pattern  # 涨幅比一季度扩大0.1个百分点: a change of the growth rate before
    up_in_points: frozenset[str]  # 改善: a rise for a figure in percentage points
    same_period: str
    place_suffixes: tuple[str, ...]
    not_places: tuple[str, ...]
    not_place_words: frozenset[str]  # words jieba tags as places that are none (普通高中, 惠及)
    zone_ends: tuple[str, ...]  # a zone's name ends so (经济技术开发区): in a list, it says where
    place_lengths: tuple[int, int]
    town_suffixes: tuple[str, ...]  # … in a list of places before 分别 only (黄桥镇、大化坪镇…)
    not_towns: tuple[str, ...]
    perfective: str
    increment_comparisons: tuple[str, ...]  # 多增, 少增: a change of the increase before it
    recipient: tuple[str, ...]  # 向, 为: a count after one is who receives
    comparison_before: patterns.Pattern  # a date after one is compared with (比上年), not a period
    from_before: patterns.Pattern  # … a date after one and before from_after: the period of the figure after it only
    from_level: regex.Pattern  # 从…的681.2亿元, 从46.8亿元: a level a change starts from
    span_words: patterns.Pattern  # 年均, 累计: a figure over a span of years, not its last year
    from_after: str
    to_before: patterns.Pattern  # … and one after to_before: the period of the level reached after it only
    point_before: patterns.Pattern  # a full date after one is a point a stock is counted at (截至)
    point_ends: tuple[str, ...]
    day_starts_before: patterns.Pattern  # a day after one starts something (自1月1日起): no figure's period
    day_starts_after: tuple[str, ...]  # … or before one (1月1日起, 4月1日以来)
    after_period: tuple[str, ...]  # after a period: what follows is after it, not in it (假期结束后)
    record_spans: tuple[str, ...]  # (以来: a span since a date…)
    record_after: tuple[str, ...]  # (…then 最高: the span a record is set in, 为2020年以来最高, no figure's period)
    record_before: tuple[str, ...]  # (为, 创 before it: a record said, whatever follows, 为2020年以来最高水位)
    day_span: regex.Pattern  # between the two days of a span (自5月26日|开始，至|6月10日)
    streak: tuple[str, ...]  # before a count of years that is a streak (连续|4年)
    leads: patterns.Pattern  # a word that leads a period at the start of a clause (截至, 到, 自)
    now_words: patterns.Pattern  # a word that means the release's date (目前, 截至目前)
    now_verbs: patterns.Pattern  # a verb of what there is now (已有, 现有): a stock at the release's date
    stocks: patterns.Pattern  # an indicator with one is a stock, counted at a point (余额, 拥有量)
    point_basis: tuple[str, ...]  # a change against one (比上年末) is of a stock, counted at a point
    plan_nouns: tuple[str, ...]  # a period before one (全年目标) is the plan's, not the figures'
    plan_figure: regex.Pattern  # … or before the plan's amount and one (全年2500户目标任务)
    plan_point_nouns: tuple[str, ...]  # … or after a date that is no year (年初预算, 年初预计)
    annual_words: tuple[str, ...]  # 全年, 年度: a column header that opens with one and names a plan is the year's
    annual_target: patterns.Pattern  # before a figure in its clause: the year's plan it is the amount of
    annual_target_after: patterns.Pattern  # after a figure and its approximation: the same (3.5%的年度调控目标)
    plan_opening: regex.Pattern | None  # a clause that opens with the plan (计划新开工重点项目214个): the year's
    plan_amount: patterns.Pattern  # from a plan's period to a figure: the figure is the plan's amount
    cumulative: regex.Pattern  # 累计 before a figure in its clause: a total since no stated start
    normal_before: regex.Pattern  # a normal right before its value (较常年同期（672毫米）): no period
    normals: frozenset[str]  # … and a column of normals (常年同期（毫米）)
    cumulative_doing: patterns.Pattern  # … unless one of these follows it: a doing over the release's period
    flow_verbs: patterns.Pattern  # before a figure in its clause: what it counts happened (a flow)
    stock_verbs: patterns.Pattern  # … unless one of these follows it: what there is (a stock)
    set_after: regex.Pattern  # after a figure and its noun: the count of a set the sentence looks into
    set_among: str  # … or this word, cut on its own
    set_reach: regex.Pattern  # how far after a figure set_among is looked for
    note_opening: regex.Pattern  # opening a line: the release's notes (注：)
    note_item: regex.Pattern  # opening a line: an item of a list (2.)
    part_opening: regex.Pattern  # opening a clause: what follows are parts of the figure before
    set_opening: regex.Pattern  # a clause up to a count: only a date and a scope word
    set_led: regex.Pattern  # right before a count: how its set was chosen (纳入重点监测的)
    set_subject: regex.Pattern  # after a count: its noun, a link, another figure
    set_all: regex.Pattern | None  # after a count: its noun and 均 (9个县市区…均实现正增长)
    set_all_counters: frozenset[str]  # … of members of a fixed set (个, 家), not of events (起, 场)
    set_all_nouns: tuple[str, ...]  # … of places or kinds a territory is made of (设区市, 县市区, 行业)
    set_ranked: regex.Pattern  # after a count: its noun and a rank among it
    divisions: patterns.Pattern  # right after a count a scope word precedes: all the divisions of a territory
    level_before: patterns.Pattern  # right before a count of what there is: the level reached (发展到89家)
    level_counters: frozenset[str]
    level_doing: patterns.Pattern  # in a count's clause before it: what was done, no level reached
    stocks_not_after: patterns.Pattern  # before a stock's word in a phrase: what an event struck or added
    stocks_not_before: tuple[str, ...]  # right after a stock's word: a rate over a span (床位使用率)
    flow_units: frozenset[str]  # 人次: times, never a stock at a point
    stock_units: frozenset[str]  # 所: what there is (schools), a stock at a point unless done
    stock_counted: tuple[str, ...]  # 医院: a count of these is of what there is (公立医院34个)
    network_sets: tuple[str, ...]  # the end of a count's indicator: a monitoring network's size
    network_results: tuple[str, ...]  # … unless its indicator says a result (Ⅳ类断面)
    standing: regex.Pattern  # before a figure in its clause: a standing rule's amount
    threshold_before: regex.Pattern | None  # 超过|1亿件|的设区市: a threshold (with threshold_after)
    threshold_after: regex.Pattern | None
    threshold_ends: regex.Pattern | None  # 1000万元|以上的企业: a threshold, whatever is before
    threshold_reach: int  # the longest word of threshold_before
    month_over_month: tuple[str, ...]
    year_over_year: tuple[str, ...]


@lru_cache(maxsize=4)
def _words(lexicon: Lexicon) -> _Words:
    q = lexicon.quantities
    ind = lexicon.indicators
    ch = q.change
    directions = {w: "up" for w in ch.up} | {w: "down" for w in ch.down} | {w: "flat" for w in ch.flat}

    def comparative(excluded: str = "") -> str:  # 比上年同期, 较上年末; (in a list, no separator: 收入比、)
        return (
            rf"(?:比|较)(?!{alternation(ch.basis_not_after)})[^,，;；。比较{excluded}]{{1,{ch.basis_comparative_max}}}?"
        )

    basis = rf"(?:{alternation(ch.basis)}|{comparative()})"
    # from a plan noun to the figure that is the plan's amount (年度目标任务5600人; not 目标任务的91.4%)
    plan_nouns = (*lexicon.linking.period.plan_nouns, *lexicon.linking.period.plan_point_nouns)
    plan_amount = rf"(?:{alternation(plan_nouns)})[^的，,；;。：:\d]{{0,12}}$"
    # a one-character verb (高, 多), or one that also says "newly" (新增3家: a count of new
    # things), is a change only after a basis (比上年新增)
    needs_basis = set(ch.only_after_basis)
    long_verbs = [v for v in directions if len(v) > 1 and v not in needs_basis]
    short_verbs = [v for v in directions if len(v) == 1 or v in needs_basis]
    approx = alternation(q.approx.prefix)
    rank = q.rank
    lk = lexicon.linking
    not_scope = lk.scope.not_before
    share = lk.share
    not_share = "".join(f"(?<!{regex.escape(word)})" for word in share.words)  # (…的县区占比: a share of its own)
    verb = regex.escape(share.verb)
    le = regex.escape(lk.lists.respectively)  # 分别
    pf = regex.escape(lk.particles.perfective)  # 了
    return _Words(
        perfective=lk.particles.perfective,
        increment_comparisons=tuple(ch.increment_comparisons),
        recipient=tuple(lk.particles.recipient),
        nominalizers=frozenset(lk.nominalizers.characters),
        copulas=frozenset(lk.nominalizers.copulas),
        share=regex.compile(
            rf"^(?P<part>[^{verb}]{{2,}}?)?{verb}(?!{regex.escape(share.not_after_verb)}$)"
            rf"(?:(?P<whole>.{{2,}}?)(?:{alternation(share.whole_ends)})?)?$"
        ),
        share_words=share.words,
        share_verb=share.verb,
        share_bare=share.bare,
        share_with_word=share.with_word,
        share_whole=share.whole,
        list_sep=patterns.compile(alternation(lk.lists.separators), prefer_re=True),
        list_words=frozenset(lk.lists.separators),
        list_primary=patterns.compile(alternation(lk.lists.separators[:1]), prefer_re=True),
        respectively=patterns.compile(le, prefer_re=True),
        respectively_word=lk.lists.respectively,
        where_verb_max=lk.lists.where_verb_max,
        etc=lk.lists.etc,
        led_ends=tuple(lk.lists.led_ends),
        possessive=lk.comparison.possessive,
        month_by_month=patterns.compile(alternation(lk.period.month_by_month or ["\0"]), prefer_re=True),
        month_not_between=tuple(lk.period.month_not_between),
        day_units=frozenset(lk.period.day_units),
        view_lead=regex.compile(rf"[{_SENTENCE_ENDS}]\s*(?:{lk.period.view_lead})$") if lk.period.view_lead else None,
        section_year_rules=frozenset(lk.period.section_year_rules),
        section_year_relative=tuple(lk.period.section_year_relative),
        section_year_heads=tuple(lk.period.section_year_heads),
        growth_said=patterns.compile(alternation(lk.comparison.growth_words or ["\0"]), prefer_re=True),
        same_period=lk.comparison.same_period,
        place_suffixes=lk.places.suffixes,
        not_places=lk.places.not_endings,
        not_place_words=frozenset(lexicon.places.not_places),
        zone_ends=tuple(lk.places.zone_ends),
        place_lengths=(lk.places.min_length, lk.places.max_length),
        town_suffixes=lk.places.town_suffixes,
        not_towns=lk.places.not_town_endings,
        # a change verb at the end of the phrase; a one-character verb (高, 多) only after a basis
        # (增长至153元, 下降到28微克 give the new level, not the change: no 至/到 before the figure)
        change=regex.compile(
            rf"(?:(?P<basis>{basis})(?:{le}|{alternation(ch.between_basis_and_verb)})?(?P<verb>{alternation(list(directions))})|(?P<verb2>{alternation(long_verbs)}))"
            rf"{pf}?(?:{approx})?为?$"
            if short_verbs
            else rf"(?P<basis>{basis})?(?:{le}|{alternation(ch.between_basis_and_verb)})?(?P<verb>{alternation(long_verbs)}){pf}?$"
        ),
        level=regex.compile(rf"(?:{alternation(long_verbs)}){pf}?(?:{alternation(lk.particles.level)})$"),
        basis_tail=regex.compile(rf"(?:{alternation(ch.basis)})\s*$"),
        picked=regex.compile(
            rf"(?P<of>{alternation(lk.lists.picked_of)})?(?:{alternation(lk.lists.picked_by)})(?:{alternation(lk.lists.picked_then)})"
        )
        if lk.lists.picked_by and lk.lists.picked_then
        else None,
        list_basis_tail=regex.compile(
            rf"(?:{alternation(ch.basis)}|{comparative(regex.escape(''.join(lk.lists.separators)))})\s*$"
        ),
        directions=directions,
        up_in_points=frozenset(ch.up_in_points),
        rank_tail=regex.compile(
            rf"(?:{alternation(rank.scopes)})?(?:(?:{alternation(rank.verbs)})\p{{Han}}{{0,{rank.free_scope_max}}}|{alternation(rank.scopes)})?$"
        ),
        scopes=tuple(q.scope.words),
        scope_re=patterns.compile(
            alternation(q.scope.words) + not_in_name(q.scope.words, lk.scope) + rf"(?!{alternation(not_scope)})",
            prefer_re=True,
        ),
        # (a word and its longest look-ahead: 排名, or a service's name up to 平台)
        scope_reach=max(map(len, q.scope.words))
        + max(max(map(len, not_scope)), _NAME_REACH + max(map(len, lk.scope.not_in_names), default=0)),
        targets=patterns.compile(alternation(q.target.words), prefer_re=True),
        target_reach=max(map(len, q.target.words)),
        strip_leading=frozenset(ind.strip_leading),
        after_date=tuple(sorted(ind.after_date, key=len, reverse=True)),
        strip_trailing=frozenset(ind.strip_trailing),
        leading_re=patterns.compile(alternation(q.scope.words + ind.strip_leading), prefer_re=True),
        trailing_re=patterns.compile(alternation(ind.strip_trailing + ind.cut_after) + "$", prefer_re=True),
        trailing_reach=max(map(len, ind.strip_trailing + ind.cut_after)),
        cut_after=frozenset(ind.cut_after),
        cut_after_re=patterns.compile(alternation(ind.cut_after), prefer_re=True),
        meta=frozenset(ind.meta_words),
        meta_suffixes=frozenset(ind.meta_suffixes),
        comparison_starts=ind.comparison_starts,
        holiday_days=periods.holiday_days(lexicon.dates.holidays),
        benchmark=regex.compile(
            rf"(?:{alternation(ind.meta_words)})?(?:{alternation(ind.benchmark_verbs)})"
            rf"(?:{alternation(ind.benchmarks)})\p{{Han}}{{0,6}}"
            # 增速高于城镇, 高于各项贷款增速: a growth compared with another measure's (not a
            # phrase of its own: 增速高于全市平均水平的县区占比)
            rf"|(?:{alternation(ind.meta_words)})(?:{alternation(ind.benchmark_verbs)})(?:(?!的)\p{{Han}}){{1,12}}{not_share}"
            rf"|(?:{alternation(ind.benchmark_verbs)})(?:(?!的)\p{{Han}}){{1,12}}(?:{alternation(ind.meta_words)})"
        )
        if ind.benchmark_verbs and ind.benchmarks
        else None,
        rate_markers=patterns.compile(alternation(ind.rate_markers), prefer_re=True),
        table_cell=regex.compile(lk.area.table_cell),
        table_unit=regex.compile(lk.area.table_unit),
        table_header_max=lk.area.table_header_max,
        table_value_headers=frozenset(lk.area.table_value_headers),
        table_total_rows=frozenset(lk.area.table_total_rows),
        table_unit_line=regex.compile(lk.area.table_unit_line) if lk.area.table_unit_line else None,
        table_caption_unit=regex.compile(lk.area.table_caption_unit) if lk.area.table_caption_unit else None,
        unit_list_sep=regex.compile(f"[{regex.escape(''.join(lk.area.unit_list_separators))}]")
        if lk.area.unit_list_separators
        else regex.compile("(?!)"),
        table_percent_ends=tuple(lk.area.table_percent_ends),
        table_percent_header=regex.compile(lk.area.table_percent_header) if lk.area.table_percent_header else None,
        table_rank_headers=tuple(lk.area.table_rank_headers),
        table_unit_counts={u: tuple(words) for u, words in lk.area.table_unit_counts.items()},
        table_rank_key=regex.compile(lk.area.table_rank_key) if lk.area.table_rank_key else None,
        table_basis_headers=tuple(lk.area.table_basis_headers),
        table_basis_growth=lk.area.table_basis_growth,
        table_cumulative_headers=frozenset(lk.area.table_cumulative_headers),
        index_words=patterns.compile(alternation(lk.area.table_index_words or ["\0"]), prefer_re=True),
        index_base=regex.compile(lk.area.table_index_base or "(?!)"),
        table_ratio_rows=tuple(lk.area.table_ratio_rows),
        table_amount_changes=tuple(lk.area.table_amount_changes),
        table_caption_max=lk.area.table_caption_max,
        table_part_rows=tuple(lk.area.table_part_rows),
        table_item_number=regex.compile(lk.area.table_item_number) if lk.area.table_item_number else None,
        table_caption_lead=regex.compile(lk.area.table_caption_lead) if lk.area.table_caption_lead else None,
        table_row_lead=(
            regex.compile(rf"\s*(?:{alternation(lk.area.table_row_leads)})\s*[:：]?\s*")
            if lk.area.table_row_leads
            else None
        ),
        # (the side is required: 各县市区主要指标如下 names no measure of a growth column)
        table_caption=regex.compile(
            rf"(?:{alternation(lk.area.table_caption_sides)})(?:{alternation(lk.area.table_caption_ends)})[:：]?\s*$"
        )
        if lk.area.table_caption_ends and lk.area.table_caption_sides
        else None,
        table_caption_drop=tuple(sorted(lk.area.table_caption_drop, key=len, reverse=True)),
        np_end=frozenset(ind.noun_phrase_end),
        head_nouns=frozenset(ind.head_nouns),
        approx_suffix=patterns.compile(alternation(q.approx.suffix), prefer_re=True),  # longest first
        approx_share=patterns.compile(rf"(?P<approx>{approx}){verb}", prefer_re=True),
        topic_word=ind.topic_marker,
        view_opening=patterns.compile(ind.view_opening, prefer_re=True) if ind.view_opening else None,
        view_word_max=ind.view_word_max,
        ranked_by=patterns.compile(ind.ranked_by, prefer_re=True) if ind.ranked_by else None,
        unit_first_words=frozenset(lk.lists.unit_first_words),
        measure_ends=tuple(lk.lists.measure_ends),
        topic=patterns.compile(
            rf"(?P<topic>[^,，;；。]{{2,16}}?){regex.escape(ind.topic_marker)}[,，]",
            prefer_re=True,  # (matched at a
            # sentence's start: no ^, which with a start position anchors at the text's start only)
        ),
        generic=frozenset(ind.generic_phrases),
        new_tail=regex.compile(rf"(?:{le})?(?P<verb>{alternation(sorted(needs_basis))}){pf}?$")
        if needs_basis
        else regex.compile(r"(?!)"),
        new_words=tuple(sorted(needs_basis)),
        bare_verbs=frozenset(ind.cut_after) | needs_basis,
        from_before=patterns.compile(f"(?:{alternation(lk.period.from_before)})$", prefer_re=True),
        span_words=patterns.compile(
            alternation(lk.period.span_words) if lk.period.span_words else "(?!)", prefer_re=True
        ),
        # (从2020年的681.2亿元, 从46.8亿元: a level a change starts from, before a figure)
        from_level=regex.compile(rf"(?:{alternation(lk.period.from_before)})(?:[^，,。；;]{{0,12}}的)?\d"),
        from_after=lk.period.from_after,
        to_before=patterns.compile(f"(?:{alternation(lk.period.to_before)})$", prefer_re=True),
        comparison_before=patterns.compile(f"(?:{alternation(lk.period.comparison_before)})$", prefer_re=True),
        point_before=patterns.compile(f"(?:{alternation(lk.period.point_before)})$", prefer_re=True),
        point_ends=lk.period.point_ends,
        day_starts_before=patterns.compile(f"(?:{alternation(lk.period.day_starts_before)})$", prefer_re=True),
        day_starts_after=lk.period.day_starts_after,
        after_period=lk.period.after_period,
        record_spans=lk.period.record_spans,
        record_after=lk.period.record_after,
        record_before=tuple(lk.period.record_before),
        streak=lk.period.streak,
        day_span=regex.compile(
            rf"(?:{alternation(lk.period.day_starts_after)})?[，,]?(?:{alternation(lk.period.span_to)})"
        ),
        leads=patterns.compile(f"(?:{alternation(lk.period.leads)})$", prefer_re=True),
        now_words=patterns.compile(alternation(lk.period.now), prefer_re=True),
        now_verbs=patterns.compile(alternation(lk.period.now_verbs), prefer_re=True),
        stocks=patterns.compile(alternation(lk.period.stocks), prefer_re=True),
        stocks_not_after=patterns.compile(alternation(lk.period.stocks_not_after), prefer_re=True),
        stocks_not_before=tuple(lk.period.stocks_not_before),
        flow_units=frozenset(lk.period.flow_units),
        stock_units=frozenset(lk.period.stock_units),
        stock_counted=tuple(lk.period.stock_counted),
        point_basis=lk.period.point_basis,
        plan_nouns=lk.period.plan_nouns,
        plan_point_nouns=tuple(lk.period.plan_point_nouns),
        plan_figure=regex.compile(
            rf"\d+(?:\.\d+)?(?:{scale_pattern(lexicon)})?[^\d\s，,。；;、的]{{0,3}}(?:{alternation(lk.period.plan_nouns)})"
        ),
        annual_words=tuple(lk.period.annual),
        annual_target=patterns.compile(f"(?:{alternation(lk.period.annual)}){plan_amount}", prefer_re=True),
        plan_amount=patterns.compile(plan_amount, prefer_re=True),
        plan_opening=(
            regex.compile(
                rf"[\s，,；;]*(?:{alternation(lk.period.annual)})?(?:{alternation(lk.period.plan_openers)})"
                rf"(?:{alternation(lk.period.plan_opener_verbs)})"
                rf"[^的，,；;。：:\d]{{0,{_PLAN_REACH}}}"
            )
            if lk.period.plan_openers
            else None
        ),
        annual_target_after=patterns.compile(
            f"的?(?:(?:{alternation(lk.period.annual)})(?:{alternation(lk.period.plan_nouns)})"
            f"|{alternation(lk.period.annual_plan_nouns)})",
            prefer_re=True,
        ),
        cumulative=regex.compile(alternation(lk.period.cumulative)),
        normal_before=regex.compile(
            rf"(?:{alternation(lk.period.normals)})(?:\(|为|是)\s*$" if lk.period.normals else "(?!)"
        ),
        normals=frozenset(lk.period.normals),
        # (right after 累计, or after at most two characters: 累计开机运行, not 累计建成技能培训基地)
        cumulative_doing=patterns.compile(
            f".{{0,2}}?(?:{alternation(lk.period.cumulative_doing)})"
            + (
                f"(?!{alternation(lk.period.cumulative_doing_not_before)})"
                if lk.period.cumulative_doing_not_before
                else ""
            )
            if lk.period.cumulative_doing
            else "(?!)",
            prefer_re=True,
        ),
        flow_verbs=patterns.compile(alternation(lk.period.flow_verbs), prefer_re=True),
        stock_verbs=patterns.compile(alternation(lk.period.stock_verbs), prefer_re=True),
        set_after=regex.compile(rf"^[^，,；;。：:\d]{{1,16}}?(?:{alternation(lk.period.set_after)})"),
        set_among=lk.period.set_among,
        set_reach=regex.compile(r"[^，,；;。：:\d]{1,16}"),
        note_opening=regex.compile(rf"\s*(?:{alternation(lk.period.notes)})[：:]"),
        note_item=regex.compile(r"\s*[\d０-９]+[.．、]"),
        part_opening=regex.compile(
            rf"\s*(?:{alternation(lk.period.part_opening)}"
            + (rf"|{lk.period.part_opening_among})" if lk.period.part_opening_among else ")")
        ),
        set_opening=regex.compile(rf"(?:{lk.period.set_opening_date})(?:{alternation(q.scope.words)})?$"),
        set_led=regex.compile(
            rf"(?:{alternation(lk.period.set_leads)})\p{{Han}}{{0,6}}?{regex.escape(lk.period.set_lead_end)}$"
        ),
        set_subject=regex.compile(
            rf"[^，,；;。：:\d]{{1,24}}?(?:{alternation(lk.period.set_subject_links)})[^，,；;。：:\d]{{0,12}}?[\d０-９]"
        ),
        set_all=regex.compile(rf"[^，,；;。：:\d]{{1,24}}?(?:{alternation(lk.period.set_all)})")
        if lk.period.set_all
        else None,
        set_all_counters=frozenset(lk.period.set_all_counters),
        set_all_nouns=tuple(normalize(n) for n in lk.period.set_all_nouns),
        set_ranked=regex.compile(lk.period.set_ranked),
        level_before=patterns.compile(
            rf"(?<!{alternation(lk.period.level_not_after)})(?:{alternation(lk.period.level_verbs)})$", prefer_re=True
        ),
        level_counters=frozenset(lk.period.level_counters),
        level_doing=patterns.compile(alternation(lk.period.level_doing), prefer_re=True),
        network_sets=tuple(lk.period.network_sets),
        network_results=tuple(lk.period.network_results),
        divisions=patterns.compile(alternation([normalize(d) for d in lk.period.divisions]), prefer_re=True),
        standing=regex.compile(
            rf"(?:{alternation(lk.period.standing)})(?:{alternation(lk.period.standing_links)})"
            rf"(?:[^，,；;。\d]{{0,16}}|[^，,；;。]{{0,16}}(?:{alternation(lk.period.standing_to)}))$"
            rf"|(?:{alternation(lk.period.standing_amounts)})$|(?:{alternation(lk.period.per_person)})[^，,；;。\d]{{0,12}}$"
        ),
        threshold_before=regex.compile(f"(?:{alternation(lk.period.threshold_before)})$")
        if lk.period.threshold_before
        else None,
        threshold_after=regex.compile(lk.period.threshold_after) if lk.period.threshold_after else None,
        threshold_ends=regex.compile(lk.period.threshold_ends) if lk.period.threshold_ends else None,
        threshold_reach=max(map(len, lk.period.threshold_before), default=0),
        month_over_month=lk.period.month_over_month,
        year_over_year=lk.period.year_over_year,
    )


class _Dates(list):
    """The resolved dates in text order, with quick lookups by position; apart, the periods
    a figure can be for (every kind but a full date, and a full date written as a point:
    截至10月20日, 年末) and the comparisons (a date after 比, 较 …: what a change is against)."""

    def __init__(self, dates: list[DateFound], norm: str, w: _Words) -> None:
        super().__init__(sorted(dates, key=lambda d: d.start))
        self.norm = norm
        self.view_lead = w.view_lead
        self.starts = [d.start for d in self]
        self.periods: list[DateFound] = []
        self.comparisons: list[DateFound] = []
        self.days: list[DateFound] = []  # full dates that are not points: a figure's period only in its clause
        self.plans: list[DateFound] = []  # a period before a plan noun (全年目标): only the plan's amount's
        self.froms: dict[int, DateFound] = {}  # 由上年的: the period of the figure right after, by its start
        self.tos: dict[int, DateFound] = {}  # 增加到2025年的: the same, of the level reached
        self.streaks: list[DateFound] = []  # 连续六年: only the period of the figures after it in its clause
        for d in self:
            before = norm[max(0, d.start - 4) : d.start]
            if d.rule == "dates.streak":
                self.streaks.append(d)
            elif d.rule == "dates.plan_named":
                continue  # “十四五”规划确定的…: the plan the text names, not a figure's period
            elif w.comparison_before.search(before):
                self.comparisons.append(d)
            elif (
                norm.startswith(w.plan_nouns, d.end)
                or (  # (年初预算, 年度预算; not 2025年预算执行情况: the year reported on)
                    (d.kind != "year" or norm[d.start : d.end] in w.annual_words)
                    and norm.startswith(w.plan_point_nouns, d.end)
                )
                or (norm[d.start : d.end] in w.annual_words and w.plan_figure.match(norm, d.end))
            ):
                # 完成全年目标任务的91.4%, 完成全年2000户目标任务的92.4%: the plan's year, not the figure's period
                self.plans.append(d)
            elif d.kind != "date" and norm.startswith(w.after_period, d.end):
                continue  # 国庆假期结束后出行需求回落，…价格下降0.5%: after the holiday, not in it
            elif norm.endswith(w.record_spans, d.start, d.end) and (
                _record_closes(norm, d.end, w.record_after)
                or (norm.startswith(w.record_after, d.end) and norm[d.start - 1 : d.start] in w.record_before)
            ):
                continue  # 为2020年以来最高: the span a record is set in
            elif w.from_before.search(before) and norm.startswith(w.from_after, d.end):
                self.froms[d.end + len(w.from_after)] = d  # 由上年的2.11下降到2.06: 2.11's only
            elif w.to_before.search(before) and norm.startswith(w.from_after, d.end):
                self.tos[d.end + len(w.from_after)] = d  # …增加到2025年的1068.4亿元: 1068.4亿元's only
            elif d.kind != "date" or w.point_before.search(before) or norm[d.start : d.end].endswith(w.point_ends):
                self.periods.append(d)
            elif d.value and not (w.day_starts_before.search(before) or norm.startswith(w.day_starts_after, d.end)):
                self.days.append(d)
        self.period_starts = [d.start for d in self.periods]
        self.day_ends = [d.end for d in self.days]
        # where each period's phrase starts: before a word that leads it (截至, 到, 自), so that
        # 截至9月底，… opens its sentence as 9月底，… does
        self.lead_starts = [
            d.start - len(m.group()) if (m := w.leads.search(norm[max(0, d.start - 3) : d.start])) else d.start
            for d in self.periods
        ]
        self.comparison_starts = [d.start for d in self.comparisons]

    def comparison_in(self, lo: int, hi: int) -> DateFound | None:
        """The last comparison date in [lo, hi)."""
        i = bisect_left(self.comparison_starts, hi) - 1
        return self.comparisons[i] if i >= 0 and self.comparison_starts[i] >= lo else None

    def day_in(self, lo: int, hi: int) -> DateFound | None:
        """The last day (a full date, not a point) inside [lo, hi): 7月14日出现洪峰水位31.08米."""
        i = bisect_right(self.day_ends, hi) - 1
        return self.days[i] if i >= 0 and self.days[i].start >= lo else None

    def first_day(self, lo: int, hi: int) -> DateFound | None:
        """The first full date inside [lo, hi) (入梅 on 6月17日, or a point)."""
        i = bisect_left(self.starts, lo)
        while i < len(self) and self[i].end <= hi:
            if self[i].kind == "date" and len(self[i].value or "") == _DAY_LEN:
                return self[i]
            i += 1
        return None

    def day_opening(self, starts: tuple[int, ...], lo: int, hi: int) -> DateFound | None:
        """The last day in [lo, hi) that opens the sentence or one of its clauses, a comma
        after it: at one of ``starts`` (where the sentence starts), after an item's label
        there, or after a clause break (4月18日，…签约项目23个；4月20日，签约项目12个: the
        day of the event the clause after it tells)."""
        norm = self.norm
        i = bisect_right(self.day_ends, hi) - 1
        while i >= 0 and self.days[i].start >= lo:
            d = self.days[i]
            i -= 1
            if norm[d.end : d.end + 1] not in ",，":
                continue
            if (
                d.start in starts
                or norm[d.start - 1 : d.start] in CLAUSE_BREAK
                or any(_ITEM_LABEL.fullmatch(norm, start, d.start) for start in starts if start < d.start)
            ):
                return d
        return None

    def last_within(self, lo: int, hi: int) -> DateFound | None:
        """The last period inside [lo, hi) (a heading, the title)."""
        i = bisect_left(self.period_starts, hi) - 1
        while i >= 0 and self.period_starts[i] >= lo:
            if self.periods[i].end <= hi:
                return self.periods[i]
            i -= 1
        return None

    # found when first asked for: a release whose paragraphs hold few periods never needs them
    @cached_property
    def comma_after(self) -> list[bool]:
        return [self.norm[d.end : d.end + 1] in ",，" for d in self.periods]

    @cached_property
    def openers(self) -> list[int]:
        """The periods that can open a clause of their sentence: after a clause break, and
        before a comma or as a year or period."""
        return [
            k
            for k, d in enumerate(self.periods)
            if self.norm[self.lead_starts[k] - 1 : self.lead_starts[k]] in CLAUSE_BREAK
            and (self.comma_after[k] or d.kind in ("year", "period"))
        ]

    @cached_property
    def sentence_openers(self) -> list[int]:
        """The periods that open a sentence (after 。, a line break or the colon of 答：),
        before a comma or as a year or span (今年全省计划…): each stands for the rest of its
        paragraph. A point opens one only after 截至 (截至8月底，…: what follows counts to it)."""
        norm, view = self.norm, self.view_lead
        return [
            k
            for k, d in enumerate(self.periods)
            if (self.comma_after[k] or d.kind in ("year", "period"))
            and (d.kind != "date" or self.lead_starts[k] < d.start)
            and (
                (lead := self.lead_starts[k]) == 0
                or norm[lead - 1] in _SENTENCE_ENDS
                # (分经济类型看，1—11月，…: after the sentence's word of what it breaks down by)
                or view is not None
                and norm[lead - 1] in "，,"
                and view.search(("\n" if lead <= _VIEW_REACH else "") + norm[max(0, lead - _VIEW_REACH) : lead])
                is not None
            )
        ]

    @cached_property
    def sentence_opener_starts(self) -> list[int]:
        return [self.periods[k].start for k in self.sentence_openers]

    def span_openers(self, lo: int, hi: int) -> Iterator[DateFound]:
        """The years and spans opening a sentence in [lo, hi) (a paragraph), not points, in order."""
        i = bisect_left(self.sentence_opener_starts, lo)
        while i < len(self.sentence_openers) and self.sentence_opener_starts[i] < hi:
            d = self.periods[self.sentence_openers[i]]
            if d.kind in ("year", "period"):
                yield d
            i += 1

    def paragraph_period(self, lo: int, pos: int) -> DateFound | None:
        """The last period opening a sentence in [lo, pos) (``lo`` the paragraph's start)."""
        i = bisect_left(self.sentence_opener_starts, pos) - 1
        if i >= 0 and self.sentence_opener_starts[i] >= lo:
            d = self.periods[self.sentence_openers[i]]
            return d if d.end <= pos else None
        return None

    @cached_property
    def opener_starts(self) -> list[int]:
        return [self.periods[k].start for k in self.openers]

    @cached_property
    def full_stops(self) -> list[int]:
        return [m.start() for m in _FULL_STOP.finditer(self.norm)]

    def within(self, start: int, end: int) -> list[DateFound]:
        """Dates that start in [start, end)."""
        return self[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def covering(self, pos: int) -> DateFound | None:
        i = bisect_right(self.starts, pos) - 1
        return self[i] if i >= 0 and self[i].end > pos else None

    def last_period(self, lo: int, hi: int, end: int, openers: bool = False) -> int | None:
        """The index (in ``periods``) of the last period starting in [lo, hi) and ending by
        ``end``; of those that can open a clause, with ``openers``."""
        starts = self.opener_starts if openers else self.period_starts
        i = bisect_left(starts, hi) - 1
        while i >= 0 and starts[i] >= lo:
            k = self.openers[i] if openers else i
            if self.periods[k].end <= end:
                return k
            i -= 1
        return None

    def periods_at(self, start: int, end: int) -> list[int]:
        """The indexes of the periods that start at ``start`` and end by ``end`` (``start`` < ``end``)."""
        if start >= end:
            return []
        i = bisect_left(self.period_starts, start)
        out = []
        while i < len(self.periods) and self.lead_starts[i] <= start:
            if self.lead_starts[i] == start and self.periods[i].end <= end:
                out.append(i)
            i += 1
        return out

    def sentence_start(self, pos: int) -> int:
        """Where the sentence up to 。 holding ``pos`` starts (``norm.rfind("。", 0, pos) + 1``)."""
        i = bisect_left(self.full_stops, pos)
        return self.full_stops[i - 1] + 1 if i else 0


_FULL_STOP = patterns.compile("。", prefer_re=True)
_BREAK = patterns.compile("[" + regex.escape(CLAUSE_BREAK) + "]", prefer_re=True)


class _Breaks:
    """The clause breaks of a text, found once: a clause's edges are two bisections."""

    def __init__(self, norm: str) -> None:
        self.at = [m.start() for m in _BREAK.finditer(norm)]

    def clause_start(self, lo: int, pos: int) -> int:
        """Start of the clause holding ``pos``, not before ``lo``."""
        i = bisect_left(self.at, pos) - 1
        return self.at[i] + 1 if i >= 0 and self.at[i] >= lo else lo

    def clause_end(self, pos: int, hi: int) -> int:
        """The first break in [pos, hi), else ``hi``."""
        i = bisect_left(self.at, pos)
        return self.at[i] if i < len(self.at) and self.at[i] < hi else hi


class _Scopes:
    """The last scope word (全省, 我市) in [region start, pos), as a scan of that stretch
    would find it, from one scan of each region. A scan stopped at ``pos`` and a scan of
    the whole region try every position more than ``reach`` characters before ``pos``
    alike (a word and the look-ahead after it fit before ``pos``), so only the stretch
    from there to ``pos`` is scanned again."""

    def __init__(self, norm: str, pattern: patterns.Pattern, reach: int) -> None:
        self.norm, self.pattern, self.reach = norm, pattern, reach
        self.regions: dict[tuple[int, int], tuple[list[int], list[tuple[int, str]]]] = {}

    def last(self, region: tuple[int, int], pos: int) -> str | None:
        got = self.regions.get(region)
        if got is None:
            found = [(m.start(), m.end(), m.group(0)) for m in self.pattern.finditer(self.norm, region[0], region[1])]
            got = self.regions[region] = ([s for s, _, _ in found], [(e, w) for _, e, w in found])
        starts, ends = got
        safe = max(pos - self.reach, region[0])
        i = bisect_left(starts, safe)  # matches starting before ``safe`` are the same in both scans
        resume = max(ends[i - 1][0], safe) if i else safe
        last = None
        for last in self.pattern.finditer(self.norm, resume, pos):  # noqa: B007  (the last match)
            pass
        if last is not None:
            return last.group(0)
        return ends[i - 1][1] if i else None


class _Targets:
    """Whether a target word (力争, 目标) stands in [clause start, figure) — asked for the
    figures in text order, so each stretch of text is scanned once, however many figures
    a clause holds: a word wholly before the previous figure was found then, and one
    that ends after it starts less than a word's length before it."""

    def __init__(self, norm: str, pattern: patterns.Pattern, reach: int) -> None:
        self.norm, self.pattern, self.reach = norm, pattern, reach
        self.clause, self.scanned, self.found = -1, -1, False

    def before(self, clause: int, pos: int) -> bool:
        if clause != self.clause:
            self.clause, self.scanned, self.found = clause, clause, False
        if not self.found and pos > self.scanned:
            self.found = self.pattern.search(self.norm, max(clause, self.scanned - self.reach + 1), pos) is not None
            self.scanned = pos
        return self.found


def _trim(
    text: Text, start: int, end: int, w: _Words, dates: _Dates, cut: tuple[int, int] | None | bool = True
) -> tuple[int, int]:
    """Trim a phrase to its indicator: cut after the last action verb and after an example
    list (A、B等), drop dates, scope words, connectives and verbs at its edges, a quoted
    name or a parenthesis at its end."""
    norm = text.norm
    if cut is True:  # (else the caller found it: _verb_cut of the same stretch)
        cut = _verb_cut(text, start, end, w)
    if cut is not None:
        start = cut[1]
    each = norm.rfind(w.respectively_word, start, end)
    if each >= 0 and _named_after(norm, each + len(w.respectively_word), end):
        start = each + len(w.respectively_word)  # 牛屯镇、万古镇分别出栏生猪: who, then 分别, then what
    if dates.froms and (level_from := dates.froms.get(end)) is not None and level_from.start > start:
        # 城镇化率由上年的66.3%…: the words of the level it starts from are not the indicator
        opening = w.from_before.search(norm, max(start, level_from.start - 2), level_from.start)
        end = opening.start() if opening else level_from.start
    inner = [d.end for d in dates.within(start + 1, end) if d.end <= end - 2]
    if inner:
        # 淮滨站7月14日出现洪峰水位: what follows the date is measured
        start = _after_date(text, max(inner), end, w, dates)
    etc = norm.rfind(w.etc, start, end)
    if etc > start and end - etc > 2 and "、" in norm[start:etc]:
        start = etc + 1
    for led_end in w.led_ends:  # 以电动载人汽车…为代表的“新三样”产品出口
        led = norm.rfind(led_end, start, end)
        if led > start and end - (led + len(led_end)) >= 2 and norm.find("以", start, led) >= 0:
            start = led + len(led_end)
            break
    changed = True
    while changed and start < end:
        changed = False
        while start < end and norm[start] in _LEADING_JUNK:
            if norm[start] == "“" and norm.find("”", start + 1, end) > start + 1:
                break  # an opening quote goes with its quoted name (“新三样”产品出口)
            start, changed = start + 1, True
        if (label := _LIST_LABEL.match(norm, start, end)) is not None:
            start, changed = label.end(), True  # 2.城镇登记失业率: the list label is not the indicator
        covering = dates.covering(start)
        if covering is not None:
            start, changed = _after_date(text, covering.end, end, w, dates), True
        lead = w.leading_re.match(norm, start, end)
        if lead and text.is_boundary(lead.end()):
            start, changed = lead.end(), True
        tail_lo = end - _TAIL_REACH if end - _TAIL_REACH > start else start  # (each pass trims the end:
        for pattern in (_QUOTED_TAIL, _PAREN_TAIL):  # a search of the whole phrase
            tail = pattern.search(norm, tail_lo, end)  # was quadratic)
            if tail and tail.start() > start:
                end, changed = tail.start(), True
        while end > start and norm[end - 1] in _EDGE_JUNK and norm[end - 1] not in '”"':
            end, changed = end - 1, True  # a closing quote goes only with its quoted name
        trail = w.trailing_re.search(norm, end - w.trailing_reach if end - w.trailing_reach > start else start, end)
        if trail and trail.start() > start and _strippable(text, trail.start(), end, w):
            end, changed = trail.start(), True
    if norm[start:end] in w.strip_leading or norm[start:end] in w.strip_trailing:
        return end, end  # nothing but a verb or connective (累计达到2815家)
    return start, end


def _after_date(text: Text, start: int, end: int, w: _Words, dates: _Dates) -> int:
    """Where the phrase goes on after a date ending at ``start``: past a short bracket that says
    what the day was (10月6日（中秋节）车流量) and a word that belongs to the date (9月底前重大事故
    隐患整改率: 前 goes with 9月底), if it is a word of its own there (not 2023年后备干部) and
    something is left."""
    norm = text.norm
    if (bracket := _DAY_NOTE.match(norm, start, end)) is not None and bracket.end() < end:
        start = bracket.end()  # 10月6日（中秋节）车流量: what the day was goes with the date
    word = next((a for a in w.after_date if norm.startswith(a, start)), None) if w.after_date else None
    if word is None or start + len(word) >= end or dates.covering(start) is not None:
        return start
    return start + len(word) if text.is_boundary(start + len(word)) else start


def _verb_cut(text: Text, start: int, end: int, w: _Words) -> tuple[int, int] | None:
    """The last action verb of a phrase that what follows it is the object of (…景区共接待|
    游客): its span, or None."""
    norm = text.norm
    if not w.cut_after_re.search(norm, start, end):
        return None
    tokens = text.tokens_in(start, end)
    for k in range(len(tokens) - 1, -1, -1):
        s, e = tokens[k]
        if (
            norm[s:e] in w.cut_after
            and end - e >= 2
            and not (k + 1 < len(tokens) and norm[tokens[k + 1][0] : tokens[k + 1][1]] in w.nominalizers)
        ):
            return s, e
    return None


def _strippable(text: Text, start: int, end: int, w: _Words) -> bool:
    """A word at the end of a phrase can go if it is a token of its own, or a single
    character jieba glued to the one before into a word it does not know (增长面为 ->
    增长面, but 违规行为 keeps its 为), or a copula after a measure word (占比达, 发现率为)."""
    if text.is_boundary(start):
        return True
    if end - start != 1:
        return False
    if text.norm[start] in w.copulas and text.norm[start - 1 : start] in w.nominalizers:
        return True
    token = text.token_at(start)
    return token is not None and not text.lookup(text.norm[token[0] : token[1]])


def _ends_with_verb(text: Text, start: int, end: int, w: _Words) -> bool:
    tokens = [t for t in text.tokens_in(start, end) if text.norm[t[0] : t[1]] not in (w.perfective, w.possessive)]
    if not tokens:
        return False
    last = text.norm[tokens[-1][0] : tokens[-1][1]]
    return last in text.verbs or last in w.cut_after


def _right_noun_phrase(text: Text, start: int, hi: int, w: _Words) -> tuple[int, int]:
    """The noun phrase a count counts: 4家|企业|通过… -> 企业; 218家|企业|报名参赛 -> 企业."""
    norm = text.norm
    verbs = text.verbs
    if norm.startswith(w.possessive, start):
        start += 1
    end, stopped = start, False
    tokens = text.tokens_in(start, hi)
    for k, (s, e) in enumerate(tokens):
        word = norm[s:e]
        if word == "、" and end > start:
            continue
        nxt = norm[tokens[k + 1][0] : tokens[k + 1][1]] if k + 1 < len(tokens) else ""
        verb_here = word in verbs and end > start and patterns.HAN_CHAR.match(nxt or " ") and nxt not in w.head_nouns
        if end == start and len(word) > 1 and word in w.directions:
            break  # 由上年的2.19|缩小|至2.14: a change follows, no noun the figure counts
        if (
            word in w.np_end
            or word in w.cut_after
            or word == w.possessive
            or word in w.scopes
            or verb_here
            or not _WORD.match(word)
        ):
            stopped = word != w.possessive and _WORD.match(word) is not None
            break
        end = e
    if not stopped and end - start > 8:
        for s, e in text.tokens_in(start, end):
            if norm[s:e] in w.head_nouns:
                end = e
                break
    if 0 < end - start <= _BRACKETED_NOUN and (bracket := _BRACKET_AFTER.match(norm, end, hi)) is not None:
        end = bracket.end()  # 18个县（市、区）: the bracket says which, and its 、 parts no list
    return start, end


def _names_next(text: Text, start: int, end: int, nxt: int, w: _Words) -> bool:
    """Whether the words after a counted noun (``start``-``end``, up to the next figure at
    ``nxt``) are the next figure's phrase, not what the counted did: they start with a noun,
    no verb (18个县（市、区）小麦播种面积均在60万亩以上), and the next figure is in reach."""
    if nxt <= end or nxt - start > _NEXT_PHRASE_REACH:
        return False
    first = next(iter(text.tokens_in(start, end)), None)
    if first is None:
        return False
    word = text.norm[first[0] : first[1]]
    return (
        _WORD.match(word) is not None
        and word not in text.verbs
        and word not in w.np_end
        and word not in w.cut_after
        and word != w.possessive
    )


def _qualifier_end(text: Text, start: int, hi: int, w: _Words) -> int:
    """The qualifier runs to ``hi`` but stops before a second action verb (a new thought
    run on over lost punctuation: 获批…企业|印发…)."""
    first = True
    for s, e in text.tokens_in(start, hi):
        if text.norm[s:e] in w.cut_after or text.norm[s:e] in w.np_end:
            if not first:
                return s
        first = False
    return hi


def _period_for(
    q: Linked, clause_lo: int, sentence: tuple[int, int], paragraph: tuple[int, int] | None, dates: _Dates
) -> tuple[DateFound, str] | None:
    """The period a figure is for and where it was read: the last period in its clause
    (``clause``), else the last one that opens its sentence, or stands as its own clause
    earlier in the sentence (…专项行动,20231-11月,共查处…), or is a year or period opening
    a clause of it (…工作,2023年立案办理…18件,其中…7件) (``sentence``), or, later than
    those, is said anywhere in an earlier clause of the sentence (市商务局今年以来已举办…,
    培训…1800余人次) (``earlier``), or opens the paragraph (20231-10月,全市…) (``paragraph``)."""
    lo = paragraph[0] if paragraph else sentence[0]
    a, b = bisect_left(dates.period_starts, lo), bisect_left(dates.period_starts, q.start)
    if b - a <= _WALK:  # a few periods before the figure: look at each, as most figures have
        return _walk_period(
            q, clause_lo, sentence, paragraph, list(zip(dates.periods[a:b], dates.lead_starts[a:b])), dates
        )
    last = dates.last_period(lo, q.start, q.start)
    if last is not None and dates.periods[last].start >= clause_lo:
        return dates.periods[last], "clause"
    whole = dates.sentence_start(sentence[0])  # the sentence up to 。, across ;
    found = [(dates.last_period(max(lo, whole), q.start, q.start, openers=True), "sentence")]
    found += [(k, "sentence") for k in dates.periods_at(sentence[0], q.start)]
    if paragraph:
        found += [(k, "paragraph") for k in dates.periods_at(paragraph[0], q.start) if dates.comma_after[k]]
        i = bisect_left(dates.sentence_opener_starts, q.start) - 1
        if i >= 0 and dates.sentence_opener_starts[i] >= paragraph[0]:
            k = dates.sentence_openers[i]
            at = dates.periods_at(paragraph[0], q.start)
            opening = dates.periods[at[0]] if at and dates.comma_after[at[0]] else None
            if dates.periods[k].end <= q.start and _restates(dates.periods[k], opening):
                found.append((k, "paragraph"))  # (a sentence opener: a comma after it, or a year or span)
    found += [(dates.last_period(max(lo, whole), q.start, q.start), "earlier")]  # (last: a tie goes to the above)
    found = [(k, where) for k, where in found if k is not None]
    if not found:
        return None
    k, where = max(found, key=lambda f: f[0])
    return dates.periods[k], where


def _lead_end(text: Text, paragraph: tuple[int, int], dates: _Dates) -> int | None:
    """Where a paragraph's lead sentence ends, for a short one with no figure and no period
    that opens a clause (电力消费较快增长。1-9月，…): the period opening the sentence after it opens the paragraph
    (not 前三季度，全市经济稳中有进。…: a period opening the lead with a comma is the paragraph's
    opening). None for no lead."""
    first = text.sentence_of(paragraph[0])
    norm = text.norm
    if (
        first[1] - first[0] <= 16
        and first[1] < paragraph[1]
        and norm[first[1] - 1 : first[1]] == "。"
        and not any(c.isdigit() for c in norm[first[0] : first[1]])
        and not any(dates.comma_after[k] for k in dates.periods_at(first[0], first[1]))
    ):
        return first[1]  # (a period in it that opens no clause, 今年以来工业生产加快。, opens nothing)
    return None


def _walk_period(
    q: Linked,
    clause_lo: int,
    sentence: tuple[int, int],
    paragraph: tuple[int, int] | None,
    periods: list[tuple[DateFound, int]],
    dates: _Dates,
) -> tuple[DateFound, str] | None:
    """:func:`_period_for` by looking at each period of the paragraph before the figure."""
    usable = [(d, lead) for d, lead in periods if d.end <= q.start]
    if usable and usable[-1][0].start >= clause_lo:
        return usable[-1][0], "clause"
    norm = dates.norm
    whole = dates.sentence_start(sentence[0])
    # (the first period that opens a sentence of the paragraph, with a comma: 列入统计的11种主要工业
    # 产品中，7种产量同比增长。1—10月，…。10月份，…: what the paragraph is about after a lead)
    opening = next(
        (
            d
            for d, lead in usable
            if paragraph
            and (lead == paragraph[0] or norm[lead - 1 : lead] in _SENTENCE_ENDS)
            and norm[d.end : d.end + 1] in ",，"
        ),
        None,
    )
    for d, lead in reversed(usable):
        if (
            lead == sentence[0]
            or (lead >= whole and norm[d.end : d.end + 1] in ",，" and norm[lead - 1 : lead] in CLAUSE_BREAK)
            or (lead >= whole and d.kind in ("year", "period") and norm[lead - 1 : lead] in CLAUSE_BREAK)
        ):
            return d, "sentence"
        if d.start >= whole:
            return d, "earlier"
        if paragraph and (
            d is opening
            or (
                norm[lead - 1 : lead] in _SENTENCE_ENDS
                and (norm[d.end : d.end + 1] in ",，" or d.kind in ("year", "period"))
                and _restates(d, opening)
            )
        ):
            return d, "paragraph"  # (今年以来，…。上半年，全市…。法官人均结案…: the later one)
    return None


def _restates(later: DateFound, opening: DateFound | None) -> bool:
    """Whether a period opening a later sentence of a paragraph stands for the rest of it in
    place of the paragraph's opening one: when there is none, or when it says about as long
    a span again (今年以来，…。上半年，…: the half-year from then on) or a time outside it of a
    quarter or more or in a later year (2023年，…。今年上半年，…; 今年1-2月，…), not a part of it nor a month (前三季度，…。
    9月份，…。分门类看，…: an aside on the month; what follows is of the three quarters)."""
    if opening is None:
        return True
    (a0, a1), (b0, b1) = periods.bound_dates(opening.value), periods.bound_dates(later.value)
    if b0 is None or b1 is None:
        return False
    if a0 is None or a1 is None:
        return True  # (2024年以来 of no known end)
    outside = b0 > a1 or b1 < a0
    return (b1 - b0).days * 2 >= (a1 - a0).days or (outside and ((b1 - b0).days >= _QUARTER_DAYS or b0.year > a1.year))


class Frame:
    """Where a figure's period is read when its paragraph states none: the heading of its
    section or item, else the release's own period (``release``: the date record it was
    read from, and where: ``title`` or ``reference``; see extractor.reference)."""

    def __init__(
        self,
        sections: list[SectionFound] = (),  # type: ignore[assignment]
        release: tuple[DateFound, str] | None = None,
        now: str | None = None,
    ) -> None:
        self.headings = sorted(
            [(s.start, s.end, s.heading) for s in sections if s.heading]
            + [(span[0], span[1], heading) for s in sections for _, heading, span in s.items]
        )
        self.release = release
        self.now = now  # the release's date: what 目前 and 截至目前 mean
        self._years_read: list[DateFound] | None = None  # what section_years last gave
        # each headed section of items ((一), (二) …), and its first item's span: the period
        # that opens the first item stands for the items after it that state none
        # (（一）道路运输领域。1-10月共发生… （二）工矿商贸领域。共发生…)
        self.firsts = [
            (s.start, s.end, first)
            for s in sections
            if s.heading and len(s.items) > 1
            for first in s.paragraphs[:1]
            if first[0] <= s.items[0][2][0] < first[1] and first[1] <= s.items[1][2][0]
        ]

    def section_years(self, dates: list[DateFound], norm: str, w: _Words) -> list[DateFound]:
        """The dates, with a word for the context year (全年, 年内) inside a section whose
        heading writes another year (二、2025年工作计划: 力争全年…下降5%) read as that year."""
        if not self.headings or dates is self._years_read:
            return dates  # (none to read, or these are what it read: the pipeline asks before linking)
        years = [  # (a heading's span of years, 二、“十四五”时期发展成就: its last year)
            (start, end, heading, (d.value or "")[-4:], d)
            for start, end, heading in self.headings
            for d in dates
            if heading[0] <= d.start
            and d.end <= heading[1]
            and (d.kind == "year" or d.kind == "period" and _YEARS.fullmatch(d.value or ""))
            and not d.year_inferred
            and not w.comparison_before.search(norm[max(0, d.start - 4) : d.start])  # (二、与2019年对比情况)
        ]
        if not years:
            self._years_read = dates
            return dates
        context = (self.release[0].value or "")[:4] if self.release is not None else (self.now or "")[:4]
        out = []
        for d in dates:
            if d.year_inferred and d.resolved != "context" and d.value:
                inside = [y for y in years if y[0] <= d.start < y[1] and not (y[2][0] <= d.start < y[2][1])]
                year = inside[-1][3] if inside else None
                if year is None or not year.isdigit():
                    pass
                elif d.rule in _CONTEXT_YEAR_RULES:
                    if year != d.value:
                        d = replace(d, value=year, resolved="context")
                elif (
                    context.isdigit()
                    and year != context
                    and _in_context_year(d, norm, context, w)
                    and _years_of_section(inside[-1][4], d, norm, w)
                ):
                    # 一、2025年工作回顾 in a report of 2026: 年末全区实有经营主体…, 比上年增加…,
                    # 五年来 of that year, not of the report's
                    moved = periods.years_later(d.value, int(year) - int(context))
                    if moved is not None:
                        d = replace(d, value=moved, resolved="context")
            out.append(d)
        self._years_read = out
        return out

    def days_long(self) -> bool:
        """Whether the release is about a span of days (a holiday, an event), not a year or
        months: a total 累计 in it counts over that span."""
        value = self.release[0].value if self.release is not None else None
        first, last = periods.bound_dates(value) if value and len(value) == 21 else (None, None)
        return first is not None and last is not None and (last - first).days <= _DAYS_LONG

    def spans(self) -> bool:
        """Whether the release is about a span of time (a year, months, days), not a point nor
        one month (a month's 累计 runs from the year's start, which it does not say)."""
        value = self.release[0].value if self.release is not None else None
        return bool(value) and len(value) not in (7, 10)

    def now_dates(self, norm: str, dates: list[DateFound], w: _Words) -> list[DateFound]:
        """A point at the release's date for each word that means "now" (目前, 截至目前)
        outside the dates found, when the release's date is known."""
        if self.now is None:
            return []
        taken = sorted(d.span for d in dates)
        out = []
        for m in w.now_words.finditer(norm):
            i = bisect_right(taken, (m.start(), len(norm))) - 1
            if i >= 0 and taken[i][1] > m.start() or i + 1 < len(taken) and taken[i + 1][0] < m.end():
                continue
            out.append(DateFound(m.start(), m.end(), "period.now", value=self.now, kind="now"))
        return out

    def period(self, pos: int, dates: _Dates, over_span: bool = False) -> tuple[DateFound, str] | None:
        """The period of the innermost heading over ``pos`` (a span of years and its last year
        both written: the year, unless ``over_span``, a figure whose clause says 年均 or 累计), else
        the first item's opening period, else the release's."""
        # the innermost heading holding pos first: the one that starts last
        for start, end, heading in reversed(self.headings):
            if start <= pos < end and not (heading[0] <= pos < heading[1]):
                found = dates.last_within(heading[0], heading[1])
                if (
                    not over_span
                    and found is not None
                    and found.kind == "period"
                    and _YEARS.fullmatch(found.value or "")
                ):
                    # 一、2025年和“十四五”时期工作回顾: the year the span ends (or starts) in, for a
                    # figure that says no span of its own (五年来, 年均, 累计 say the span)
                    ends = (found.value[:4], found.value[-4:])  # (二、2026年和“十五五”时期主要目标: 2026)
                    found = next((d for d in dates.within(*heading) if d.kind == "year" and d.value in ends), found)
                if found is not None:
                    return found, "section"
        for start, end, first in self.firsts:
            if start <= pos < end and first[1] <= pos:
                found = next((d for d in dates.span_openers(first[0], first[1]) if not self._before_release(d)), None)
                if found is not None:
                    return found, "section_opening"
        return self.release

    def _before_release(self, d: DateFound) -> bool:
        """Whether a period ends before the release's starts (a year compared with)."""
        if self.release is None:
            return False
        end, begin = periods.bounds(d.value)[1], periods.bounds(self.release[0].value)[0]
        return end is not None and begin is not None and end < begin


def _day_spans(dates: list[DateFound], norm: str, w: _Words) -> list[DateFound]:
    """The dates, with each span written as two days (自5月26日开始，至6月10日) one period
    in their place (period.day_span)."""
    days = sorted((d for d in dates if d.kind == "date" and d.value and len(d.value) == 10), key=lambda d: d.start)
    spans = {}
    for first, last in zip(days, days[1:]):
        if (
            w.day_starts_before.search(norm, max(0, first.start - 2), first.start)
            and w.day_span.fullmatch(norm, first.end, last.start)
            and first.value < last.value  # type: ignore[operator]
        ):
            spans[id(first)] = DateFound(
                first.start,
                last.end,
                "period.day_span",
                value=f"{first.value}/{last.value}",
                kind="period",
                year_inferred=first.year_inferred or last.year_inferred,
                resolved=last.resolved,
            )
            spans[id(last)] = None
    if not spans:
        return dates
    return [spans[id(d)] if id(d) in spans else d for d in dates if spans.get(id(d), d) is not None]


def _no_period(
    q: Linked,
    clause_lo: int,
    text: Text,
    w: _Words,
    found: tuple | None,
    frame: Frame | None = None,
    notes: _Notes | None = None,
) -> str | None:
    """Why a figure has no period: the count of a set, even where its own clause states
    one (see _is_set); where it states none, also a total 累计 (in its sentence, before it) since no
    start its sentence or paragraph states (全市累计建成海外仓47个，为…) — unless the release is
    about a span of days (a holiday, an event: 假期全市景区累计接待游客…) —, or the count of a
    set the sentence looks into (全市41个工业行业大类中有29个…), measures (全市17个断面水质达标率为
    100%) or ranks among (居全省21个地市第4位), a standing rule's amount (标准由每人每月128元提高到
    147元), or a figure of the release's notes (注：1.…)."""
    norm = text.norm
    if w.normal_before.search(norm, max(0, q.start - _NORMAL_REACH), q.start):
        return "period.normal"  # 较常年同期（672毫米）: an average over many years
    if _threshold(q, norm, w):
        # (whatever period its clause states: 全年新培育年出口额500万元以上的企业; in the notes, a note's)
        held = (found is None or found[1] != "sentence") and (notes or _Notes(norm, w)).holds(q.start)
        return "period.note" if held else "period.threshold"
    if found is not None and found[1] == "clause":
        return "period.count_of_a_set" if _is_set(q, clause_lo, text, w) else None
    if found is None and not (frame and frame.days_long()):
        total = w.cumulative.search(norm, clause_lo, q.start)
        if total is None and not _doing(norm, w, clause_lo, q.start):
            # 累计建成…，为2.6万名老年人提供…: the 累计 of the sentence, unless the clause tells a doing of its own
            total = w.cumulative.search(norm, text.sentence_of(q.start)[0], clause_lo)
        if total is not None and not (
            # 累计受理补贴申请12849份 in a release about a span: what was done over it
            frame and frame.spans() and w.cumulative_doing.match(norm, total.end(), q.start)
        ):
            return "period.cumulative_no_start"
    if _is_set(q, clause_lo, text, w):
        return "period.count_of_a_set"
    if (found is None or found[1] != "sentence") and w.standing.search(norm, clause_lo, q.start):
        return "period.standing_rule"
    if (found is None or found[1] != "sentence") and (notes or _Notes(norm, w)).holds(q.start):
        return "period.note"
    return None


def _threshold(q: Linked, norm: str, w: _Words) -> bool:
    """Whether the figure is a threshold that defines a set (业务量超过1亿件的设区市达到5个, 年出口额
    500万元以上的跨境电商企业38家, 超10亿元项目12个): an amount, no share, of no time and no place."""
    if q.kind in ("percent", "percentage_point", "rank") or q.change:
        return False
    if w.threshold_ends is not None and w.threshold_ends.match(norm, q.end):
        return True
    return (
        w.threshold_before is not None
        and w.threshold_after is not None
        and w.threshold_before.search(norm, max(0, q.start - w.threshold_reach), q.start) is not None
        and w.threshold_after.match(norm, q.end) is not None
    )


_NORMAL_REACH = 8  # the longest normal word and what stands between it and its value (常年同期（)


def _doing(norm: str, w: _Words, lo: int, hi: int) -> bool:
    """Whether [lo, hi) tells something done: a verb of action (flow_verbs) or a word of a
    doing (level_doing: 新注册, 培训, 检查 …)."""
    return bool(w.flow_verbs.search(norm, lo, hi) or w.level_doing.search(norm, lo, hi))


def _stock(phrase: str, w: _Words) -> bool:
    """Whether a phrase names a stock: a word of ``stocks`` with none of ``stocks_not_after``
    before it (受害森林面积, 新增光伏装机容量: what an event struck or added) nor one of
    ``stocks_not_before`` right after it (床位使用率: a rate over the year)."""
    m = w.stocks.search(phrase)
    return (
        m is not None
        and not w.stocks_not_after.search(phrase, 0, m.start())
        and not phrase.startswith(w.stocks_not_before, m.end())
    )


def _measured(q: Linked, w: _Words) -> str:
    """What a figure's indicator says it measures, to read a stock off: a share's whole only
    with its generic total left out (过夜游客占游客总数的比重 is a share of visitors over the
    holiday, not at its end; 住户存款占各项存款余额的比重 is of a balance, at the end)."""
    indicator = q.indicator or ""
    if q.indicator_rule == "indicator.share_of" and (at := indicator.find(w.share_verb)) > 0:
        whole = indicator[at:]
        for total in w.meta_suffixes:
            whole = whole.replace(total, "")
        return indicator[:at] + whole
    return indicator


def _word_in(text: Text, pattern: patterns.Pattern, lo: int, hi: int):
    """The first match of ``pattern`` in [lo, hi) that starts a word (not 现有 inside 发现有)."""
    for m in pattern.finditer(text.norm, lo, hi):
        if text.is_boundary(m.start()):
            return m
    return None


def _now_stock(q: Linked, clause_lo: int, text: Text, w: _Words, frame: Frame) -> bool:
    """A stock counted with 已有/现有 (全市已有52家企业…) under a period its clause and
    sentence do not state, and that is not a whole year (a year's review or bulletin counts
    what there is at the year's end), is at the release's date (period.stock_now)."""
    if frame.now is None or q.period_source in ("clause", "sentence"):
        return False
    if q.period is not None and len(q.period.value or "") == 4:
        return False
    verb = _word_in(text, w.now_verbs, clause_lo, q.start)
    if verb is None:
        return False
    q.period = DateFound(verb.start(), verb.end(), "period.now", value=frame.now, kind="now")
    q.period_source, q.period_value, q.period_rule = "clause", None, "period.stock_now"
    return True


def _is_set(q: Linked, clause_lo: int, text: Text, w: _Words) -> bool:
    """Whether the figure counts a fixed set its clause looks into (41个工业行业大类中有…),
    measures (全市21个断面水质达标率为100%; 10月全市34个断面中…: a month in the clause is the
    measure's, not the set's) or ranks among (居全省21个地市第4位)."""
    norm = text.norm
    if w.set_after.match(norm[q.end : q.end + 24]) or _among(text, q, w):
        return True
    if q.kind == "count" and w.divisions.match(norm, q.end) and norm.endswith(w.scopes, clause_lo, q.start):
        return True  # 全县20个乡镇（街道）: all the divisions of a territory
    if (
        q.kind == "count"
        and q.indicator
        and q.indicator.endswith(w.network_sets)
        and not any(r in q.indicator for r in w.network_results)
        and not _doing(norm, w, clause_lo, q.start)
    ):
        return True  # 监测站点18个: a monitoring network's size
    return q.kind == "count" and bool(
        w.set_ranked.match(norm, q.end)
        or w.set_led.search(norm, clause_lo, q.start)
        or w.set_opening.match(norm, clause_lo, q.start)
        and (
            w.set_subject.match(norm, q.end)
            or w.set_all is not None
            and q.unit in w.set_all_counters
            and norm.startswith(w.set_all_nouns, q.end)
            and w.set_all.match(norm, q.end) is not None
        )
    )


def _aside(norm: str, b: Linked, at: int, lo: int) -> int | None:
    """Where the brackets open, if the figure ``b`` is inside brackets of its sentence (from
    ``lo``) that close before ``at`` and a clause ends with them (完成旅客吞吐量176.2万人次（其中出港
    旅客88.5万人次），同比增长5.9%: an aside)."""
    opening = norm.rfind("(", lo, b.start)
    if opening < 0 or norm.find(")", opening, b.start) >= 0:
        return None
    closing = norm.find(")", b.end, at)
    # (…目标任务（5万人）的104.6%: the brackets name what the figure after them is of)
    if closing >= 0 and norm.find("(", b.end, closing) < 0 and norm[closing + 1 : closing + 2] in _ASIDE_ENDS:
        return opening
    return None


def _before_aside(qs: list[Linked], i: int, opening: int, lo: int) -> Linked | None:
    """The figure a change after an aside is of: the last figure with an indicator before the
    brackets that open at ``opening``, in the sentence (from ``lo``), an amount before a share
    (…1234.5亿元，占全省比重12.5%（其中…），同比增长5.3%: the amount's), as the base is."""
    found = None
    for k in range(i - 1, -1, -1):
        if qs[k].start < lo:
            break
        if qs[k].end <= opening and qs[k].indicator:
            if qs[k].kind != "percent":
                return qs[k]
            found = found or qs[k]
    return found


class _Notes:
    """A release's notes: a line that opens with 注：, and the numbered lines (2.…) right
    after one. Read once, when first asked (a walk back per figure was quadratic in a
    release of numbered lines)."""

    def __init__(self, norm: str, w: _Words) -> None:
        self.norm, self.w = norm, w

    @cached_property
    def _lines(self) -> tuple[list[int], list[bool]]:
        starts, inside, block = [], [], False
        at = 0
        for line in self.norm.split("\n"):
            if self.w.note_opening.match(self.norm, at):
                block = True
            elif not self.w.note_item.match(self.norm, at):
                block = False
            starts.append(at)
            inside.append(block)
            at += len(line) + 1
        return starts, inside

    def holds(self, pos: int) -> bool:
        starts, inside = self._lines
        return inside[bisect_right(starts, pos) - 1]


def _among(text: Text, q: Linked, w: _Words) -> bool:
    """在全省16个地市中排名第5位: the count and its noun, then 中 as a word of its own."""
    reach = w.set_reach.match(text.norm, q.end)
    if reach is None:
        return False
    p = text.norm.find(w.set_among, q.end + 1, reach.end())
    while p >= 0:
        if text.token_at(p) == (p, p + len(w.set_among)):
            return True
        p = text.norm.find(w.set_among, p + 1, reach.end())
    return False


def _year_on_year(basis: str, w: _Words) -> bool:
    """A comparison with the same period a year before (同比, 比上年, 较去年同期), not with a
    point (比上年末) or with the period before (环比)."""
    return any(word in basis for word in w.year_over_year) and not basis.endswith(w.point_ends)


def _basis_period(q: Linked, clause_lo: int, dates: _Dates, w: _Words) -> str | None:
    """The period a change is against: a date the text compares with (比2020年), else the
    period before (环比) or a year earlier (同比, 比上年) than the figure's own."""
    basis = (q.change[0] or q.implied_basis) if q.change else None
    if not basis:
        return None
    compared = dates.comparison_in(clause_lo, q.start)
    if compared is not None:
        return compared.value
    own = q.period.value if q.period is not None else None
    if any(word in basis for word in w.month_over_month):
        return periods.previous(own)
    if any(word in basis for word in w.year_over_year):
        days = w.holiday_days.get(q.period.holiday) if q.period is not None and q.period.holiday else None
        return periods.year_earlier(own, days)  # (a holiday's break: the year before's, as listed)
    return None


def _distribute(text: Text, qs: list[Linked], w: _Words, dates: _Dates, breaks: _Breaks) -> list[list[Linked]]:
    """A、B和C分别增长x、y和z: each figure measures its own list item. With no list before
    分别 (出口…，进口…，同比分别增长x和y), the figures before it in the sentence are the list.
    Returns the runs of figures after each 分别."""
    norm = text.norm
    runs: list[list[Linked]] = []
    starts: list[int] = []  # (qs in text order: the figures of a stretch by bisection)
    for marker in w.respectively.finditer(norm):
        starts = starts or [q.start for q in qs]
        sentence = text.sentence_of(marker.start())
        run: list[Linked] = []
        after = qs[bisect_left(starts, marker.end()) : bisect_left(starts, sentence[1])]
        for q in (q for q in after if q.kind != "rank"):
            gap = norm[(run[-1].end if run else marker.end()) : q.start]
            if run and _RUN_BREAK.search(gap) or len(run) == _RUN_MAX:
                break
            run.append(q)
        if len(run) < 2:
            continue
        runs.append(run)
        first = run[0]
        if first.change and w.change.search(norm, marker.end(), first.start):
            for q in run[1:]:  # 同比分别增长27.4%和22.6%: the second grew too; which figure it grew from is not said
                if q.change is None:
                    q.change = (first.change[0], first.change[1], None)
                    q.change_rule, q.change_words = "change.respectively", first.change_words
        _respective_periods(run, dates, sentence[0], marker.start(), breaks, w)
        # (the list before 分别 is looked for in the clause's last _LIST_REACH characters)
        clause = breaks.clause_start(max(sentence[0], marker.start() - _LIST_REACH), marker.start())
        s, e = _trim(text, clause, marker.start(), w, dates)
        if e <= s and clause > sentence[0] and _picked_before(text, run, clause, sentence, breaks, w, dates):
            _picked_goes_on(norm, w, run, qs, bisect_left(starts, run[-1].end))
            continue  # 增速较快的是鹰潭市、上饶市和吉安市，分别增长…
        if e <= s and clause > sentence[0] and first.change is None:
            # PPI同比降幅逐月收窄，分别为1.9%、1.7%: the measure the clause before opens with (a
            # clause of no figure: not 新发展…企业118家、…单位864家，累计分别达到437家、3562家)
            prev = breaks.clause_start(max(sentence[0], clause - 1 - _LIST_REACH), clause - 1)
            if (
                bisect_left(starts, prev) == bisect_left(starts, clause)
                and len(norm[marker.end() : first.start].strip()) <= 1  # (分别为1.9%: figures that name nothing)
                and not w.list_sep.search(norm, prev, clause - 1)  # (not 居民消费价格和工业生产者出厂价格…)
                and (named := _named_start(norm[prev : clause - 1]))
            ):
                for q in run:
                    q.indicator, q.indicator_span = text.source[prev : prev + named], (prev, prev + named)
                    q.indicator_rule = "indicator.respectively_item"
                continue
        b = w.list_basis_tail.search(norm, s, e)
        if b:
            s, e = _trim(text, s, b.start(), w, dates)
        sep = w.list_sep
        items = [p for p in sep.split(norm[s:e]) if p]
        if 2 <= len(items) != len(run):
            # 集体企业、外商及港澳台商投资企业利润分别增长…: 及 (和, 与) inside an
            # item; the list is cut at 、 alone when that gives one item per figure
            primary = [p for p in w.list_primary.split(norm[s:e]) if p]
            if len(primary) == len(run):
                sep, items = w.list_primary, primary
        if len(items) == 1 and first.change is None and items[0].endswith(w.measure_ends):
            # PM2.5平均浓度分别为：绩溪县28…、旌德县30…: a measure (it ends in a measure's word, not
            # 具体分别为, 两个项目分别为) is each figure's after it that names nothing
            for q in run:
                if q.indicator is None:
                    q.indicator, q.indicator_span = text.source[s:e], (s, e)
                    q.indicator_rule = "indicator.respectively_item"
        if len(items) == 1 and first.change is None and _own_measure(items[0], w):
            continue  # 油菜、花生种植面积分别为…，单产分别达到…: a measure of its own, not the ones before
        if len(items) < 2:
            before = [
                q
                for q in qs[bisect_left(starts, sentence[0]) : bisect_left(starts, clause)]
                if q.change is None and q.indicator
            ]
            if len(before) >= len(run):
                for q, src in zip(run, before[-len(run) :]):
                    q.indicator, q.indicator_span = src.indicator, src.indicator_span
                    q.indicator_rule = "indicator.respectively_before"
                    if q.change is not None:  # (and it grew from its own item, not the last)
                        q.change = (q.change[0], q.change[1], src)
            continue
        if len(items) == len(run) and _picked(text, run, items, s, w, dates):
            _picked_goes_on(norm, w, run, qs, bisect_left(starts, run[-1].end))
            continue  # 增速较快的是鹰潭市增长…: the measure, then where
        if len(items) != len(run) or all(_is_place(text, item, w) for item in items):
            continue  # 广陵区、邗江区分别新增23个和19个: the list says where, not what
        if _named_after(norm, marker.end(), first.start):
            # 开发区、盛泽镇分别完成一般公共预算收入…: the measure follows 分别 and the places before
            # it say where; other items say which part of it (公路、水路分别完成货运量: 公路货运量)
            written = _pieces(text.source, norm, s, e, sep)
            if not all(_where_item(text, item, w) for item in items):
                measure = vocabulary().without_leading(norm[marker.end() : first.start])
                for q, item in zip(run, written):
                    q.indicator = item + text.source[first.start - len(measure) : first.start]
                    q.indicator_span = None
                    q.indicator_rule = "indicator.respectively_item"
            else:
                for q, item in zip(run, written):  # (a town or a zone has no area of its own: it
                    q.qualifier = q.qualifier or item  # qualifies the figure, 牛屯镇's 出栏生猪)
            continue
        if all(_is_place(text, item, w, towns=True) for item in items[:-1]) and (
            head := _place_head(text, items[-1], w, e - len(items[-1]))
        ):
            # 东湖区、西湖区、青山湖区常住人口分别为…: places, then what each figure measures
            for q in run:
                q.indicator_span = (e - len(items[-1]) + len(head), e)
                q.indicator = text.source[q.indicator_span[0] : e]
                q.indicator_rule = "indicator.respectively_places"
            continue
        src = text.source  # (the items and their tail as written, as every indicator is)
        last_tokens = [src[a:b] for a, b in text.tokens_in(e - len(items[-1]), e)]
        first_tokens = [src[a:b] for a, b in text.tokens_in(s, s + len(items[0]))]
        # the tail: what the last item goes on with after the word the first item ends in
        # (私营企业、外商投资企业|增加值; 集体企业、外资企业|利润), else after as many words
        ends = [k for k, t in enumerate(last_tokens) if first_tokens and first_tokens[-1].endswith(t)]
        if ends and (ends[-1] < len(last_tokens) - 1 or len(last_tokens[-1]) > 1):
            # (住宅投资、办公楼投资和商业营业用房投资: the last item ends in the first's word, no tail;
            # not a one-character word, 化学需氧|量、…减排|量, which ends many a measure)
            tail = "".join(last_tokens[ends[-1] + 1 :])
        else:
            own = _item_words(last_tokens, len(first_tokens), w)
            tail = "".join(last_tokens[own:]) if len(last_tokens) > own else ""
        kind_end = _kind_word_end(text, s, s + len(items[0]), e - len(items[-1]), e)
        if kind_end is not None and (not tail or (len(tail) > e - kind_end and tail.endswith(src[kind_end:e]))):
            # 煤炭开采和洗选业、非金属矿物制品业价格: the words after the last item's word of the same
            # kind as the first item's (…业), though 制品业 and 洗选业 are cut apart
            tail = src[kind_end:e]
        if tail and (vocab := vocabulary()).lookup(items[0] + tail) is None and vocab.lookup(items[-1]) is not None:
            # 城镇、农村居民人均可支配收入 (农村居民 one word): the longest tail the vocabulary names
            # the first item with, the measure the last item names whole
            k = next((k for k in range(1, len(items[-1]) - 1) if vocab.lookup(items[0] + items[-1][k:])), None)
            tail = src[e - len(items[-1]) + k : e] if k is not None else tail  # (as written)
        written = _pieces(src, norm, s, e, sep)
        for q, item in zip(run, written):
            q.indicator = _joined(item, tail)
            q.indicator_span = None
            q.indicator_rule = "indicator.respectively_item"
    return runs


def _kind_word_end(text: Text, first_lo: int, first_hi: int, last_lo: int, last_hi: int) -> int | None:
    """Where, in the last item of a list, the last word of the same kind as the first item's
    last word ends, before what they share: both words of ``_KIND_WORD`` characters or more
    ending in the same character (洗选业, 制品业: a suffix that names a kind), not a word that
    only ends in it (专业合作社, 营业利润, 就业人数: 专业, 营业, 就业 are words of two)."""
    norm = text.norm
    first = text.tokens_in(first_lo, first_hi)
    if not first or first[-1][1] != first_hi or _word_len(first, len(first) - 1) < _KIND_WORD:
        return None
    end = norm[first_hi - 1]
    last = text.tokens_in(last_lo, last_hi)
    for k in range(len(last) - 1, -1, -1):
        b = last[k][1]
        if b <= last_hi - 2 and norm[b - 1] == end and _word_len(last, k) >= _KIND_WORD:
            return b
    return None


def _word_len(tokens: list[tuple[int, int]], k: int) -> int:
    """The length of the word the k-th token ends, a one-character token with the one before
    it (洗选|业: 洗选业)."""
    a, b = tokens[k]
    return b - (tokens[k - 1][0] if b - a == 1 and k > 0 and tokens[k - 1][1] == a else a)


_KIND_WORD = 3  # (批发业, 制造业: a word that ends in what names its kind)


def _parallel_changes(text: Text, qs: list[Linked], runs: list[list[Linked]], w: _Words) -> None:
    """城镇、农村居民人均可支配收入分别达到41230元、21860元，增长4.8%、7.1%: as many changes listed
    in the next clause (the first said a change, the others listed after it, each rising or
    falling as it says) as the levels after a 分别, each the change of the level in its place,
    of its measure (change.respectively), not all of the last."""
    norm = text.norm
    starts = [q.start for q in qs]
    for run in runs:
        if any(q.change is not None for q in run):
            continue
        j = bisect_left(starts, run[-1].start) + 1
        after = qs[j : j + len(run)]
        if len(after) < len(run) or (first := after[0]).change is None:
            continue
        gap = norm[run[-1].end : first.start]
        if (
            len(gap) > _PARALLEL_GAP
            or not _RUN_BREAK.search(gap)
            or _SENTENCE_BREAK.search(gap)
            or w.respectively.search(gap)  # (分别增长…: _distribute's)
            or any(ch.isdigit() for ch in gap)
        ):
            continue
        if not all(_listed_change(norm, a, b, w) and b.kind == first.kind for a, b in zip(after, after[1:])):
            continue
        beyond = qs[j + len(run)] if j + len(run) < len(qs) else None
        if beyond is not None and w.list_sep.fullmatch(norm, after[-1].end, beyond.start):
            continue  # (more changes than figures: not one to each)
        for level, c in zip(run, after):
            direction = c.change[1] if c.change is not None else first.change[1]  # (增长3.2%、下降1.5%)
            basis = c.change[0] if c.change is not None and c.change[0] else first.change[0]
            if c is not first and c.change is None:
                c.change_rule, c.change_words = "change.respectively", first.change_words
            c.change = (basis, direction, level)
            c.indicator, c.indicator_span, c.indicator_rule = (
                level.indicator,
                level.indicator_span,
                "indicator.respectively_before",
            )


def _listed_change(norm: str, a: Linked, b: Linked, w: _Words) -> bool:
    """Whether ``b`` is listed right after ``a``: a separator between them, or one and the words
    of ``b``'s own change (增长3.2%、下降1.5%)."""
    if w.list_sep.fullmatch(norm, a.end, b.start):
        return True
    sep = w.list_sep.match(norm, a.end, b.start)
    rest = norm[sep.end() : b.start] if sep else ""
    return b.change is not None and 0 < len(rest) <= _PARALLEL_VERB and not _RUN_BREAK.search(rest)


_PARALLEL_VERB = 4  # (、下降: a listed change's own words)
_PARALLEL_GAP = 8  # (，同比分别增长: the words between a list's figures and the changes listed after them)
_SENTENCE_BREAK = patterns.compile(r"[;；。]", prefer_re=True)


def _named_after(norm: str, start: int, end: int) -> bool:
    """The words between 分别 and its first figure name an indicator of the vocabulary (分别完成
    一般公共预算收入), so each figure measures that, not its list item."""
    gap = norm[start:end]
    return len(gap) >= 2 and (vocabulary().lookup(gap) or vocabulary().without_verbs(gap)) is not None


def _named_start(phrase: str) -> int:
    """How many characters of the phrase, at least 2, the longest beginning of it that names an
    indicator of the vocabulary has (PPI同比降幅|逐月收窄); 0 when none does."""
    return next((k for k in range(len(phrase), 1, -1) if vocabulary().lookup(phrase[:k]) is not None), 0)


def _item_words(tokens: list[str], n: int, w: _Words) -> int:
    """How many of the last item's tokens are its own, before the tail it shares: as many
    words as the first item has, a word joined to the one before by a conjunction counted with
    it (同城、异地、国际及港澳台|快递业务量: 国际及港澳台 is one item)."""
    k = words = 0
    while k < len(tokens) and words < n:
        k, words = k + 1, words + 1
        while k + 1 < len(tokens) and tokens[k] in w.list_words:
            k += 2
    return k


def _own_measure(phrase: str, w: _Words) -> bool:
    """A phrase that names a measure of its own (单产), not a word about the figures before
    it (增速, 总数, 完成率, 占…比重)."""
    return not (
        phrase in w.meta
        or phrase.endswith(tuple(w.meta_suffixes))
        or phrase.endswith(_RATIO_ENDS)
        or w.share.match(phrase) is not None
    )


_RATIO_ENDS = ("率", "比重", "比例", "占比")


def _joined(item: str, tail: str) -> str:
    """A list item with the words the last item goes on with, once (经关闸口岸 + 口岸入境 ->
    经关闸口岸入境, not 经关闸口岸口岸入境)."""
    for k in range(min(len(item), len(tail)), 0, -1):
        if item.endswith(tail[:k]):
            return item + tail[k:]
    return item + tail


def _pieces(source: str, norm: str, s: int, e: int, sep: patterns.Pattern) -> list[str]:
    """The items of a list in [s, e) as written: split where the normalized text has a list
    separator (the same offsets in both)."""
    out, at = [], s
    for m in sep.finditer(norm, s, e):
        if m.start() > at:
            out.append(source[at : m.start()])
        at = m.end()
    if e > at:
        out.append(source[at:e])
    return out


def _place_head(text: Text, phrase: str, w: _Words, at: int | None = None) -> str | None:
    """The place a phrase starts with, when words follow it (上虞区参保人数 -> 上虞区); with
    ``at``, where the phrase starts in the text, first a place that ends between two words
    (邕宁区|地区生产总值 -> 邕宁区, not 邕宁区地区), then any (安州|区新|登记: jieba can glue
    a place's last character to the next)."""
    lengths = range(min(w.place_lengths[1], len(phrase) - 2), w.place_lengths[0] - 1, -1)
    heads = [phrase[:n] for n in lengths if _is_place(text, phrase[:n], w, towns=True)]
    return next((h for h in heads if at is None or text.is_boundary(at + len(h))), heads[0] if heads else None)


def _respective_periods(run: list[Linked], dates: _Dates, lo: int, hi: int, breaks: _Breaks, w: _Words) -> None:
    """1月、2月…，优良天数比例分别为71.6%、76.3%: a list of as many periods before 分别 in its
    sentence (only separators between them) gives each figure its own (period.respectively),
    and its change the basis of that period."""
    norm = dates.norm
    k = bisect_left(dates.period_starts, lo)
    listed = [d for d in dates.periods[k : bisect_left(dates.period_starts, hi)] if d.end <= hi and d.value]
    chain = listed[-1:]
    for d in reversed(listed[:-1]):
        if not w.list_sep.fullmatch(norm, d.end, chain[0].start):
            break
        chain.insert(0, d)
    if len(chain) == len(run) >= 2:
        for q, d in zip(run, chain):
            q.period, q.period_source, q.period_value, q.period_rule = d, "sentence", None, "period.respectively"
            if q.change:
                q.basis_period = _basis_period(q, breaks.clause_start(lo, q.start), dates, w)
    elif (
        len(chain) == 1
        and len(run) >= 2
        and w.month_by_month.search(norm, chain[0].end, hi)
        and not any(word in norm[chain[0].end : hi] for word in w.month_not_between)
        and len(months := periods.months_of(chain[0].value or "")) == len(run)
    ):
        # 4—6月份涨幅逐月扩大，分别上涨0.5%、0.7%和0.8%: each figure a month of the span, in order
        for q, month in zip(run, months):
            q.period, q.period_source, q.period_value, q.period_rule = (
                chain[0],
                "sentence",
                month,
                "period.month_by_month",
            )


def _picked_before(
    text: Text, run: list[Linked], clause: int, sentence: tuple[int, int], breaks: _Breaks, w: _Words, dates: _Dates
) -> bool:
    """The places picked out of a measure in the clause before 分别's (…较快的是A、B和C，分别…)."""
    if w.picked is None or not w.picked.search(text.norm, max(sentence[0], clause - _LIST_REACH), clause):
        return False
    before = breaks.clause_start(max(sentence[0], clause - 1 - _LIST_REACH), clause - 1)
    s, e = _trim(text, before, clause - 1, w, dates)
    items = [p for p in w.list_sep.split(text.norm[s:e]) if p]
    return len(items) == len(run) and _picked(text, run, items, s, w, dates)


def _picked(text: Text, run: list[Linked], items: list[str], s: int, w: _Words, dates: _Dates) -> bool:
    """规模以上工业增加值增速较快的是鹰潭市、上饶市和吉安市，分别增长…: a measure, words that
    pick places out of it, then the places; each figure of the run measures it (for its place)."""
    picked = w.picked.search(items[0]) if w.picked is not None else None
    if picked is None or not all(_is_place(text, p, w) for p in (items[0][picked.end() :], *items[1:])):
        return False
    lo, hi = _trim(text, s, s + picked.start(), w, dates)
    if hi <= lo:
        return False
    for q in run:
        q.indicator, q.indicator_span = text.source[lo:hi], (lo, hi)
        q.indicator_rule = "indicator.respectively_picked"
    return True


def _picked_goes_on(norm: str, w: _Words, run: list[Linked], qs: list[Linked], k: int) -> None:
    """…分别增长9.7%、8.9%和8.4%；南昌市增长6.2%，九江市增长7.3%: the figures right after the
    picked places' (from ``qs[k]``), up to the sentence's 。, a new topic (…方面，) or another
    分别, with no indicator, each a change like theirs, measure the same."""
    last = run[-1]
    for j in range(k, len(qs)):  # (not a copy of the rest of the figures per 分别)
        q = qs[j]
        gap = norm[last.end : q.start]
        if (
            q.indicator is not None
            or q.change is None
            or q.kind != run[-1].kind
            or _SENTENCE_END in gap
            or w.topic_word in gap
            or w.respectively.search(gap)
        ):
            break
        q.indicator, q.indicator_span, q.indicator_rule = (
            run[-1].indicator,
            run[-1].indicator_span,
            run[-1].indicator_rule,
        )
        last = q


_SENTENCE_END = "。"


def _all_places(text: Text, phrase: str, w: _Words) -> bool:
    """Whether each item of a list (parted by 、 和 及 …) is a place (东城区、西城区)."""
    return all(_is_place(text, p, w) for p in w.list_sep.split(phrase) if p)


def _where_item(text: Text, item: str, w: _Words) -> bool:
    """A list item that says where: a place, a town, or a zone (吴江经济技术开发区, 汾湖高新区（黎里镇）)."""
    name = _PAREN_TAIL.sub("", item) or item
    return _is_place(text, name, w, towns=True) or name.endswith(w.zone_ends)


def _is_place(text: Text, name: str, w: _Words, towns: bool = False) -> bool:
    """A place name: one jieba knows, or a short name ending in 省/市/县/区 (东城区) that is
    not a kind of area (社区, 园区, 城区); with ``towns``, also in 镇/乡 (黄桥镇; not 建制镇,
    城乡)."""
    if name in text.places and name not in w.not_place_words:
        return True
    if len(name) > w.place_lengths[1]:
        return bool(areas().named(name))  # (北川羌族自治县: a division's full name, however long)
    if len(name) < w.place_lengths[0]:
        return False
    if name.endswith(w.place_suffixes) and not name.endswith(w.not_places):
        return True
    return towns and name.endswith(w.town_suffixes) and not name.endswith(w.not_towns)


class _Bases:
    """The figure a growth rate, comparison or rank refers to: the last plain figure of the
    sentence (an amount before a share), else the last figure of the sentence, else the
    last of the paragraph. A count in a rank's own clause sizes the ranking (在全省11个
    设区市中排名第3位) and is not what is ranked.

    Asked in text order, once the figures before have been linked. Within a few figures of
    the paragraph's start, they are walked back over; past that, the linked figures are
    indexed by kind (once each) and the base is the last figure of a few kinds in a
    stretch: a few bisections, not a walk back over the paragraph (a paragraph of
    thousands of figures was quadratic)."""

    def __init__(self, qs: list[Linked], w: _Words, text: Text) -> None:
        self.qs = qs
        self.w = w
        self.text = text
        self.starts = [q.start for q in qs]
        self.plain: dict[str, list[int]] = {}  # kind -> indexes of linked figures with no change (ranks aside)
        self.any: dict[str, list[int]] = {}  # kind -> indexes of every linked figure with an indicator
        self.indexed = 0  # figures indexed so far

    def _index(self, i: int) -> None:
        """Index the figures before ``i`` (linked: their indicator, change and kind are final)."""
        for j in range(self.indexed, i):
            q = self.qs[j]
            if not q.indicator:
                continue
            group = _MEMBERS if _counts_members(q, self.w) else q.kind  # (a count's base alone)
            self.any.setdefault(group, []).append(j)
            if q.change is None and q.kind != "rank":
                self.plain.setdefault(group, []).append(j)
        self.indexed = max(self.indexed, i)

    @staticmethod
    def _last(groups: dict[str, list[int]], kinds, lo: int, hi: int, count_hi: int) -> int | None:
        """The last index in [lo, hi) among the groups of ``kinds`` (counts only below ``count_hi``)."""
        best = None
        for kind in kinds:
            indexes = groups.get(kind)
            if not indexes:
                continue
            k = bisect_left(indexes, count_hi if kind in ("count", _MEMBERS) else hi) - 1
            if k >= 0 and indexes[k] >= lo and (best is None or indexes[k] > best):
                best = indexes[k]
        return best

    def base(
        self, i: int, sentence: tuple[int, int], paragraph: tuple[int, int] | None, kind: str = "", clause_lo: int = 0
    ) -> Linked | None:
        floor = paragraph[0] if paragraph else sentence[0]
        near = i - _WALK if i > _WALK else 0
        lo_paragraph = bisect_left(self.starts, floor, near, i)
        if lo_paragraph > near or near == 0:  # a few figures back: walk them, as for most figures
            return _walk_base(self.qs, i, lo_paragraph, sentence, kind, clause_lo, self.w, self.text)
        self._index(i)
        lo_paragraph = bisect_left(self.starts, floor, 0, i)
        lo = bisect_left(self.starts, sentence[0], lo_paragraph, i)
        # a rank's own clause: its counts are not candidates
        count_hi = bisect_left(self.starts, clause_lo, lo, i) if kind == "rank" else i
        plain_kinds = [k for k in self.plain if k != _MEMBERS or kind == "count"]
        any_kinds = [k for k in self.any if k != _MEMBERS or kind == "count"]
        if kind == "percentage_point":
            first = [k for k in plain_kinds if k in ("percent", "rate")]  # 入住率58.3%,提高3.1个百分点
        else:
            first = [k for k in plain_kinds if k != "percent"]
        found = self._last(self.plain, first, lo, i, count_hi)
        if found is None:
            found = self._last(self.plain, plain_kinds, lo, i, count_hi)
        if found is not None and (nearest := self._last(self.any, any_kinds, lo, i, count_hi)) is not None:
            found = nearest if _parallel(self.qs[nearest], self.qs[found], kind) else found
        if found is None:
            found = self._last(self.any, any_kinds, lo, i, count_hi)
        if found is None:
            kinds = [k for k in any_kinds if k != "rank" or kind == "rank"]
            found = self._last(self.any, kinds, lo_paragraph, lo, lo)
        if kind != "count" and (member := self._last(self.any, [_MEMBERS], lo, i, count_hi)) is not None:
            # (年末全区街道12个，比上年增加2个，增长20.0%: the count's own growth, no place between)
            if (found is None or member > found) and _own_change_between(
                self.text, self.qs[member].end, self.qs[i].start, self.w
            ):
                found = member
        return self.qs[found] if found is not None else None


_SENTENCE_ENDS = "。！？!?\n：:"  # (a period right after one of these opens a sentence)
_VIEW_REACH = 24  # the longest a sentence's lead of what it breaks down by runs (分经济类型看，)
_CONTEXT_YEAR_RULES = ("dates.whole_year",)  # date rules of a word for the context year (全年, 年内)
_YEARS = regex.compile(r"\d{4}/\d{4}")  # a span of whole years (2021/2025)
_DAY_LEN, _MONTH_LEN = len("2025-01-01"), len("2025-01")  # (the values of a day and of a month)


def _years_of_section(heading: DateFound, d: DateFound, norm: str, w: _Words) -> bool:
    """Whether the date a heading writes is its section's time for ``d``: a span of years (二、
    “十四五”时期…) for the spans through the context year only (五年来, 连续3年; not 一季度), a year
    when a word of a time's heading follows it (一、2025年工作回顾; not 二、2027年省运会筹备工作)."""
    if heading.kind == "period":
        return d.rule in ("dates.recent_years", "dates.streak")
    return norm.startswith(w.section_year_heads, heading.end)


def _in_context_year(d: DateFound, norm: str, context: str, w: _Words) -> bool:
    """Whether a date whose year the context gave counts from the context year (年末, 一季度,
    9月, 上年, 上年同期, 五年来, 连续五年), not from the release's date (今年, 去年, 明年: the
    speaker's, as 过去五年 is)."""
    if d.rule in w.section_year_rules:
        return True
    if d.rule == "dates.relative_year":
        return norm.startswith(w.section_year_relative, d.start)
    if d.rule in ("dates.recent_years", "dates.streak"):
        return (d.value or "")[-4:] == context  # (through the context year, not the year before the date)
    return False


_PLAN_REACH = 20  # the longest a plan's words and the verbs after them (annual_target) run before a figure
_WALK = 12  # figures of a paragraph walked back over for the base; past that, the index


def _parallel(nearest: Linked, plain: Linked, kind: str) -> Linked | None:
    """The change right before, when it is of the same kind, after the plain figure and not
    of it: …发布的70个大中城市…，我市新建商品住宅销售价格环比下降0.3%，同比下降3.9%: 3.9% is a
    change of what 0.3% is, not of the count before both."""
    if (
        nearest is not plain
        and kind in ("percent", "percentage_point")
        and nearest.kind == kind
        and nearest.change is not None
        and nearest.change[2] is not plain
        and nearest.start > plain.start
    ):
        return nearest
    return None


_MEMBERS = "members"  # (_Bases: the group of counts of a territory's places or kinds)


def _counts_members(p: Linked, w: _Words) -> bool:
    """A count of the places or kinds a territory is made of (9个县市区中有7个实现正增长): no
    figure a growth rate or a rank after it is of (江油市…分别增长9.6%: the revenue's), unless
    the count's own change is said right after it (年末全区街道12个，比上年增加2个，增长20.0%)."""
    return p.kind == "count" and p.indicator is not None and normalize(p.indicator) in w.set_all_nouns


def _own_change_between(text: Text, a: int, b: int, w: _Words) -> bool:
    """Whether text[a:b] says a change against a year before (比上年, 同比): the change of what
    stands before it."""
    between = text.norm[a:b]
    return any(word in between for word in w.year_over_year)


def _walk_base(
    qs: list[Linked], i: int, lo: int, sentence: tuple[int, int], kind: str, clause_lo: int, w: _Words, text: Text
) -> Linked | None:
    """:meth:`_Bases.base` by walking back over the figures ``qs[lo:i]`` of the paragraph."""
    in_sentence: list[Linked] = []
    in_paragraph: Linked | None = None
    for j in range(i - 1, lo - 1, -1):
        p = qs[j]
        if (
            not p.indicator
            or (kind == "rank" and p.kind == "count" and p.start >= clause_lo)
            or (kind != "count" and _counts_members(p, w) and not _own_change_between(text, p.end, qs[i].start, w))
        ):
            continue
        if p.start >= sentence[0]:
            in_sentence.append(p)
        elif in_paragraph is None and (p.kind != "rank" or kind == "rank"):
            in_paragraph = p  # (a rank of a sentence before ranks, it is not what grows)
    plain = [p for p in in_sentence if p.change is None and p.kind != "rank"]
    if kind == "percentage_point":
        plain = [p for p in plain if p.kind in ("percent", "rate")] or plain  # 入住率58.3%,提高3.1个百分点
    else:
        plain = [p for p in plain if p.kind != "percent"] or plain
    if plain:
        return _parallel(in_sentence[0], plain[0], kind) or plain[0]
    if in_sentence:
        return in_sentence[0]
    return in_paragraph


def _topic(text: Text, sentence: tuple[int, int], w: _Words) -> str | None:
    m = w.topic.match(text.norm, sentence[0], sentence[1])
    return m.group("topic") if m else None


def _change(q: Linked, norm: str, clause_lo: int, left_end: int, w: _Words) -> int:
    """Detect 同比增长/比上半年加快/同比-2.3% before the figure; returns the new phrase end."""
    left = norm[clause_lo:left_end]
    negative = q.value is not None and q.value < 0
    m = w.change.search(left)
    if m and (m.group("verb") or m.groupdict().get("verb2")):
        verb = m.group("verb") or m.group("verb2")
        basis = m.group("basis")
        direction = w.directions[verb]
        if verb in w.up_in_points and q.kind == "percentage_point":
            direction = "up"  # 优良天数比例同比改善2.1个百分点: a ratio's improvement is a rise
        if negative and direction == "up":
            direction = "down"  # 增长-2.3%
        if basis is None:
            found = list(w.basis_tail.finditer(norm, clause_lo, clause_lo + m.start()))
            basis = found[-1].group(0).strip() if found else None
            if basis:
                return _set_change(
                    q,
                    basis,
                    direction,
                    clause_lo + found[-1].start(),
                    "change.basis_before_verb",
                    norm[clause_lo + found[-1].start() : clause_lo + m.end()],
                )
            return _set_change(q, None, direction, clause_lo + m.start(), "change.verb", m.group(0))
        return _set_change(q, basis, direction, clause_lo + m.start(), "change.basis_verb", m.group(0))
    if (level := w.level.search(left)) is not None:
        return clause_lo + level.start()  # 提升至49.8%: the level reached; the verb is not the indicator
    if (new := w.new_tail.search(left)) is not None:
        q.new = new.group("verb")  # 今年新增94个: a count of new things, of the kind named before
        return clause_lo + new.start()
    if q.kind in ("percent", "percentage_point") and (b := w.basis_tail.search(left)):
        return _set_change(
            q,
            b.group(0).strip(),
            "down" if negative else "up",
            clause_lo + b.start(),  # 同比-11.8%
            "change.signed_after_basis",
            b.group(0).strip(),
        )
    return left_end


def _set_change(q: Linked, basis: str | None, direction: str, cut: int, rule: str, words: str) -> int:
    q.change, q.change_rule, q.change_words = (basis, direction, None), rule, words
    return cut


class _Ask:
    """What the indicator rules look at for one figure: its phrase [s, e) (``phrase``), the
    figure it may qualify (``base``), and its clause."""

    __slots__ = (
        "text",
        "w",
        "q",
        "base",
        "phrase",
        "s",
        "e",
        "clause_lo",
        "left_end",
        "sentence",
        "named_new",
        "where_only",
        "qs",
        "i",
        "lo",
        "breaks",
    )

    def __init__(
        self,
        text: Text,
        w: _Words,
        q: Linked,
        base: Linked | None,
        phrase: str,
        s: int,
        e: int,
        clause_lo: int,
        left_end: int,
        sentence: tuple[int, int],
        named_new: Linked | None = None,
    ) -> None:
        self.text, self.w, self.q, self.base, self.phrase = text, w, q, base, phrase
        self.s, self.e, self.clause_lo, self.left_end, self.sentence = s, e, clause_lo, left_end, sentence
        self.named_new = named_new  # the paragraph's last figure whose indicator holds q's 新增
        # when the phrase before the figure only says where (宜春市为, 九江市、宜春市分别立案查处):
        # the verb after the places ("" for none)
        self.where_only: str | None = None
        self.qs: list[Linked] = []  # the figures, ``q`` the i-th, its paragraph from ``lo``
        self.i = self.lo = 0
        self.breaks: _Breaks | None = None  # (the clause edges, once a text)

    def level_before(self) -> Linked | None:
        """The paragraph's last level before the figure that has an indicator, in its unit and
        kind, not a part 其中 opens (…，其中高校毕业生2.1万人。南昌市为1.8万人: of the whole)."""
        q, norm = self.q, self.text.norm
        for j in range(self.i - 1, -1, -1):
            p = self.qs[j]
            if p.start < self.lo:
                return None
            if p.indicator and p.change is None and p.unit == q.unit and p.kind == q.kind:
                clause = self.breaks.clause_start(self.lo, p.start) if self.breaks is not None else self.lo
                if not self.w.part_opening.match(norm, clause, p.start):
                    return p
        return None


def _share_of(a: _Ask) -> bool:
    """占 a whole: 噪声类97件，占41.1% -> 噪声类占比; 占全市的26.1% -> …占全市的比重."""
    share = a.w.share.match(a.phrase)
    base, q = a.base, a.q
    if not (share and (share.group("part") or (base is not None and base.indicator))):
        return False
    source = a.text.source[a.s : a.e]  # (the words as written: 佔 in a traditional release)
    as_written = source[share.start("whole") : share.end("whole")] if share.group("whole") else ""
    whole = as_written
    for scope in a.w.scopes:
        whole = whole.removeprefix(scope)
    owner = source[share.start("part") : share.end("part")] if share.group("part") else base.indicator  # type: ignore[union-attr]
    if whole == owner:
        whole = as_written  # 夏粮总产量…占全省夏粮总产量的9.8%: the scope is the whole
    w = a.w
    at = a.phrase.find(w.share_verb, share.end("part") if share.group("part") else 0)
    verb = source[at : at + len(w.share_verb)]
    if not whole:
        q.indicator = w.share_bare.format(owner=owner, verb=verb)  # 噪声类97件，占41.1%
    elif whole.endswith(w.share_words):
        q.indicator = w.share_with_word.format(owner=owner, whole=whole, verb=verb)  # 占出院病例的比例91.7%
    else:
        q.indicator = w.share_whole.format(owner=owner, whole=whole, verb=verb)  # 占全市的26.1%
    if q.approx is None and (m := a.w.approx_share.search(a.text.norm, a.clause_lo, a.left_end)):
        q.approx = m.group("approx")  # 约占全省…的13.2%
    return True


def _ranked_base(a: _Ask) -> bool:
    """A rank of what the figure before measures: 增速居全省第一 -> <base>增速."""
    base, w = a.base, a.w
    if (
        base is not None
        and a.q.kind == "rank"
        and (a.phrase in w.meta or a.phrase in w.meta_suffixes)
        and base.indicator
    ):
        a.q.indicator = base.indicator + a.phrase
        return True
    return False


def _inherit_from_qualified(a: _Ask) -> bool:
    """A growth rate, comparison or rank with no phrase of its own takes the indicator of the
    figure it qualifies: 330件，同比增长12.9%; 已建成238个，今年新增41个 -> 新增<base>."""
    base, q, w, phrase, s, e = a.base, a.q, a.w, a.phrase, a.s, a.e
    if base is None or (
        base.start < a.sentence[0]
        and not q.change
        and q.kind != "rank"
        and (topic := _topic(a.text, a.sentence, w))
        and vocabulary().lookup(topic) is not None
    ):
        # (…居全市第1位。小学学龄儿童净入学率方面，A、B分别为…: the measure its sentence is about;
        # not 增速方面，为6.1%, an aspect of the figure before, nor a rank)
        return False
    comparison = phrase.startswith(w.comparison_starts) and (phrase.endswith(w.possessive) or w.same_period in phrase)
    if not (
        (e <= s or phrase in w.meta or comparison)
        and (q.change or q.kind in ("rank", "multiple", "percent") or e > s or base.start >= a.sentence[0])
    ):
        return False
    q.indicator, q.indicator_span = base.indicator, base.indicator_span
    if q.new and e <= s and base.indicator and not base.indicator.startswith(q.new):
        q.indicator, q.indicator_span = q.new + base.indicator, None  # 已建成612个，今年新增94个
    return True


def _new_of_paragraph(a: _Ask) -> bool:
    """城镇新增就业3.2万人…。东港区、岚山区分别新增8600人、7400人: a bare 新增 with no phrase
    of its own counts what the paragraph's last figure named with 新增 counts, without the
    place that figure's name opens with (贵阳市城镇新增就业…；遵义市分别新增…: 城镇新增就业)."""
    named, q = a.named_new, a.q
    if not (q.new and a.e <= a.s and named is not None and named.indicator and named.unit == q.unit):
        return False  # (新增市场主体2.1万户 is not what 新增8600人 counts)
    q.indicator, q.indicator_span = named.indicator, named.indicator_span
    if (place := areas().org_prefix(named.indicator)) is not None:
        # (遵义市城镇新增就业9.64万人；毕节市、铜仁市分别新增…: what 遵义市's counts, not 遵义市's)
        q.indicator = named.indicator[len(place.text) :]
        span = named.indicator_span
        q.indicator_span = (span[0] + len(place.text), span[1]) if span else None
    return bool(q.indicator)


def _compared_with(a: _Ask) -> bool:
    """增长8.6%，…，高于全省平均水平1.9个百分点: a phrase that only compares with a benchmark
    measures what the figure before it in the sentence does."""
    base, w = a.base, a.w
    if (
        w.benchmark is not None
        and base is not None
        and base.indicator
        and base.start >= a.sentence[0]
        and a.q.kind in ("percent", "percentage_point", "multiple")
        and w.benchmark.fullmatch(a.phrase)
    ):
        a.q.indicator, a.q.indicator_span = base.indicator, base.indicator_span
        return True
    return False


def _meta_suffix(a: _Ask) -> bool:
    """A word about the figure before (增速, 占比) names what this one measures of it."""
    base = a.base
    if base is not None and a.phrase in a.w.meta_suffixes and base.indicator:
        a.q.indicator = base.indicator + a.phrase
        return True
    return False


def _verb_of_counted(a: _Ask) -> bool:
    """受理投诉217件，已办结203件: 办结 what was counted before -> 办结受理投诉."""
    base, q, w, s = a.base, a.q, a.w, a.s
    norm = a.text.norm
    if (
        a.e > s
        and base is not None
        and base.indicator
        and q.unit
        and base.unit == q.unit
        and base.start >= a.sentence[0]
        and a.phrase in w.bare_verbs
        and (not norm[a.clause_lo : s].strip() or norm[a.clause_lo : s].strip() in w.strip_leading)
    ):
        q.indicator = a.phrase + base.indicator
        return True
    return False


def _topic_for_generic(a: _Ask) -> bool:
    """A phrase too generic to name anything (数量) gives way to the sentence's topic (…方面，)."""
    if a.e > a.s and a.phrase in a.w.generic and (topic := _topic(a.text, a.sentence, a.w)):
        a.q.indicator = topic
        return True
    return False


def _ranked_by(a: _Ask) -> bool:
    """按环境空气质量综合指数由小到大排序，绩溪县、旌德县分别排名第1位、第2位: a rank whose own
    phrase names no measure (nothing, or only places) takes the measure its sentence says the
    ranks are taken in (not 我市营商环境居全省第3位 after 按照省考核办法排名)."""
    if a.q.kind != "rank" or a.w.ranked_by is None:
        return False
    if a.e > a.s and not _all_places(a.text, _rank_owner(a), a.w):
        return False
    m = a.w.ranked_by.search(a.text.norm, a.sentence[0], a.q.start)
    if m is None:
        return False
    a.q.indicator, a.q.indicator_span = a.text.source[m.start("measure") : m.end("measure")], m.span("measure")
    return True


def _rank_owner(a: _Ask) -> str:
    """A rank's phrase without the words of ranking at its end (宁国市、广德市、郎溪县依次排名第)."""
    m = a.w.rank_tail.search(a.phrase)
    return a.phrase[: m.start()] if m else a.phrase


def _picked_bracketed(a: _Ask) -> bool:
    """浓度相对较低的是崇义县（14微克/立方米）、全南县（15微克/立方米）: a measure, words that pick
    places out of it, then a place with its figure in brackets: the figure measures it. A
    measure left unsaid (相对较高的是南康区（29微克/立方米）) or said by its last words only (浓度,
    综合指数) is the one of the paragraph's last level in the figure's unit (see
    _Ask.level_before), if its indicator ends in them; picked by its growth (增速最快的是江北区
    （12.5%）), the figure is that level's growth (change.picked_growth)."""
    w, q, norm = a.w, a.q, a.text.norm
    if w.picked is None or a.e <= a.s or norm[a.e : a.left_end] != "(":  # (norm writes （ as ()
        return False
    m = w.picked.search(a.phrase)
    if m is None or not _is_place(a.text, a.phrase[m.end() :], w):
        return False
    growth = m.group("of") is not None and m.group("of") in w.meta
    end = m.start() if m.group("of") is None or growth else m.end("of")
    measure = a.phrase[:end]
    if growth:  # (the growth before it, in the paragraph: 规上工业增加值增长6.1%，增速最快的是…)
        grown = a.base if a.base is not None and a.base.change is not None and a.base.kind == q.kind else None
        if grown is None or not grown.indicator or not grown.indicator.endswith(measure):
            return False
        q.indicator, q.indicator_span = grown.indicator, grown.indicator_span
        direction = "down" if q.value is not None and q.value < 0 else "up"
        q.change, q.change_rule, q.change_words = (
            (None, direction, grown.change[2]),
            "change.picked_growth",
            m.group("of"),
        )
        return True
    level = a.level_before()
    if level is not None and level.indicator.endswith(measure):  # type: ignore[union-attr]
        q.indicator, q.indicator_span = level.indicator, level.indicator_span
    elif measure:
        q.indicator, q.indicator_span = a.text.source[a.s : a.s + end], (a.s, a.s + end)
    else:
        return False
    return True


def _where_verb(text: Text, phrase: str, w: _Words) -> str | None:
    """The short verb after places and 分别 that are all a phrase says (攸县、茶陵县分别兑付),
    or None."""
    where, marker, verb = phrase.partition(w.respectively_word)
    if marker and where and 0 < len(verb) <= w.where_verb_max and _all_places(text, where, w):
        return verb
    return None


def _where_respectively(a: _Ask) -> bool:
    """东区、西区分别兑付4186万元和2735万元 after 兑付以旧换新补贴资金6.8亿元: places, 分别 and a
    verb measure what the paragraph's last level in their unit that starts with the verb does."""
    if not a.where_only or a.e <= a.s:
        return False
    return _where_only(a, said=True)


def _where_only(a: _Ask, said: bool = False) -> bool:
    """PM2.5平均浓度…24微克/立方米；南昌市为35微克/立方米: a figure whose phrase only says where
    (its places, or its places and a verb: 吉安市立案查处146件 after 立案查处环境违法案件1175件;
    东区、西区分别兑付4186万元 after 兑付以旧换新补贴资金…) measures what the paragraph's last
    level in its unit does (that starts with the verb)."""
    if a.where_only is None or (a.e > a.s and not said):
        return False
    p = a.level_before()
    if p is None or not p.indicator.startswith(a.where_only):  # type: ignore[union-attr]
        return False
    a.q.indicator, a.q.indicator_span = p.indicator, p.indicator_span
    return True


def _own_phrase(a: _Ask) -> bool:
    """The phrase before the figure, trimmed: 授权发明专利330件 -> 授权发明专利."""
    if a.e > a.s:
        a.q.indicator, a.q.indicator_span = a.text.source[a.s : a.e], (a.s, a.e)
        return True
    return False


def _sentence_topic(a: _Ask) -> bool:
    """No phrase at all, and not a change or rank: the sentence's topic (…方面，)."""
    if not a.q.change and a.q.kind != "rank" and (topic := _topic(a.text, a.sentence, a.w)):
        a.q.indicator = topic
        return True
    return False


# The indicator of a figure with no counted noun after it: the first rule that decides.
# (``indicator.counted_noun``, the noun after a count, is tried before these; a 分别 list
# gives ``indicator.respectively_item``, ``indicator.respectively_places``, ``indicator.respectively_picked`` or
# ``indicator.respectively_before`` after them.)
INDICATOR_RULES = (
    ("indicator.ranked_by", _ranked_by),
    ("indicator.where_respectively", _where_respectively),
    ("indicator.picked_bracketed", _picked_bracketed),
    ("indicator.share_of", _share_of),
    ("indicator.ranked_base", _ranked_base),
    ("indicator.inherit_from_qualified", _inherit_from_qualified),
    ("indicator.new_of_paragraph", _new_of_paragraph),
    ("indicator.compared_with", _compared_with),
    ("indicator.meta_suffix", _meta_suffix),
    ("indicator.verb_of_counted", _verb_of_counted),
    ("indicator.topic_for_generic", _topic_for_generic),
    ("indicator.own_phrase", _own_phrase),
    ("indicator.sentence_topic", _sentence_topic),
    ("indicator.where_only", _where_only),
)


def link(
    text: Text,
    lexicon: Lexicon,
    quantities: list[QuantityFound],
    dates: list[DateFound],
    frame: Frame | None = None,
) -> list[Linked]:
    """The indicator, qualifier, change, rank, scope, period and target of each figure, as
    a :class:`Linked` record per figure, in text order. ``frame``: the headings, title and
    release period a figure's period falls back to."""
    w = _words(lexicon)
    norm = text.norm
    qs = [Linked.of(q) for q in sorted(quantities, key=lambda q: q.start)]
    _units_from_list(norm, qs, w, lexicon)
    frame = frame or Frame()
    dates = _Dates(_day_spans(frame.section_years(dates, norm, w) + frame.now_dates(norm, dates, w), norm, w), norm, w)
    breaks = _Breaks(norm)
    notes = _Notes(norm, w)
    leads: dict[int, int | None] = {}  # each paragraph's lead sentence's end (see _lead_end), once
    views: dict[int, Any] = {}  # each sentence's opening 从…看， (see indicator.view_topic), or None, once
    scopes = _Scopes(norm, w.scope_re, w.scope_reach)
    bases = _Bases(qs, w, text)
    targets = _Targets(norm, w.targets, w.target_reach)
    taken = 0  # end of the text the previous figure used (itself, its noun phrase, its qualifier)
    written: tuple[tuple[int, int], str] | None = None  # (sentence, basis) of the last change with a basis
    carried: tuple[tuple[int, int] | None, str] | None = None  # (paragraph, basis) a bare growth rate takes
    news: dict[str, Linked] = {}  # 新增 -> the paragraph's last figure whose indicator holds it
    news_in: tuple[int, int] | None = None  # (that paragraph)
    for i, q in enumerate(qs):
        sentence = text.sentence_of(q.start)
        paragraph = text.paragraph_of(q.start)
        if paragraph != news_in:
            news, news_in = {}, paragraph
        clause_lo = breaks.clause_start(max(sentence[0], taken), q.start)
        left_end = q.start
        if q.approx and norm.endswith(q.approx, 0, left_end):
            left_end -= len(q.approx)
        if q.kind == "rank":
            left_end = clause_lo + w.rank_tail.search(norm, clause_lo, left_end).start() - clause_lo
        else:
            left_end = _change(q, norm, clause_lo, left_end, w)
            if q.change is not None:
                if q.change[0] is not None:
                    written = (sentence, q.change[0])
                    if q.kind != "percentage_point":  # (比8月份加快0.7个百分点 compares rates, not levels)
                        carried = (paragraph, q.change[0]) if _year_on_year(q.change[0], w) else None
                elif written is not None and written[0] == sentence:
                    q.change = (written[1], q.change[1], None)  # 比上年增加2.1万亩，增长0.2%: the basis said last
                    q.change_rule = "change.basis_said_before"
                elif q.kind == "percent" and carried is not None and carried[0] == paragraph:
                    # 第一产业增加值…，同比增长3.4%；第二产业增加值…，增长6.8%: against the same period
                    # as the paragraph's comparison (its basis period), though no basis is written
                    q.implied_basis, q.change_rule = carried[1], "change.basis_carried"
        cut = _verb_cut(text, clause_lo, left_end, w)
        s, e = _trim(text, clause_lo, left_end, w, dates, cut)
        if dates.tos and (reached := dates.tos.get(q.start)) is not None and reached.start >= s:
            s = e  # …增加到2025年的768.4亿元: the words say when the level was reached, not what it measures
        while e > s and norm[e - 1].isspace():  # (肥西县\t286.4: a table row's label, not its tab)
            e -= 1
        places_only = e > s and _all_places(text, norm[s:e], w)
        if places_only:
            e = s  # 东城区、西城区分别新建12个和9个: places say where, the figure before says what
        elif (
            e > s
            and (label := norm[clause_lo:left_end]) != label.rstrip()
            and "".join(label.split()) in w.table_total_rows
        ):
            e = s  # 合　计　　2386.4: a table row's total, of the column's measure (not 市本级120亿元)
        own_clause = breaks.clause_start(sentence[0], q.start)  # (clause_lo may start later: after the figure before)
        if e > s and cut is not None and cut[1] <= s:
            # 规模以上服务业企业实现营业收入: who or what did it (the indicator names the measure as
            # written); 32家重点景区共接待游客: the noun the figure before counts, if it ends there
            ss, se = _trim(text, clause_lo, cut[0], w, dates)
            q.subject = norm[ss:se] or None
            before = qs[i - 1] if i else None
            if (
                q.subject is None
                and before is not None
                and before.indicator_span
                and before.start >= own_clause
                and not norm.endswith(w.recipient, own_clause, before.start)  # (向1.2万户企业发放…)
            ):
                gap_lo, gap_hi = before.indicator_span[1], cut[0]
                if gap_lo <= gap_hi and (gap_lo == gap_hi or w.leading_re.fullmatch(norm, gap_lo, gap_hi)):
                    q.subject = norm[before.indicator_span[0] : before.indicator_span[1]]
        phrase = norm[s:e]
        base = bases.base(i, sentence, paragraph, q.kind, own_clause)
        if (
            q.change
            and q.change_words
            and q.change_words.endswith(w.increment_comparisons)
            and i
            and (p := qs[i - 1]).change is not None
            and p.unit == q.unit
            and p.start >= (paragraph or sentence)[0]
        ):
            base = p  # 比年初增加538.46亿元，同比多增62.17亿元: the increase's own change
        if (
            q.kind == "percentage_point"
            and q.change
            and (base is None or base.change is None or base.kind != "percent")
            and w.growth_said.search(norm, own_clause, q.start)
        ):
            # 同比上涨0.6%，涨幅比一季度扩大0.1个百分点: a change of the growth rate right before it in
            # its sentence (not of one further back: …零售总额1234.5亿元，增速比上年同期回落0.5个百分点
            # is of the retail sales)
            if i and (p := qs[i - 1]).start >= sentence[0] and p.kind == "percent" and p.change:
                base = p
        if (
            base is not None
            and q.start > base.end
            and (aside_open := _aside(norm, base, q.start, sentence[0])) is not None
        ):
            base = _before_aside(qs, i, aside_open, sentence[0]) or base  # 138.7万人次（其中出港…），同比增长7.3%
        taken = q.end

        suffix = w.approx_suffix.match(norm, q.end)
        after = suffix.end() if suffix else q.end
        counts_next = (
            q.kind in ("count", "number", "ordinal")
            and patterns.HAN_CHAR.match(norm[after : after + 1] or " ")
            and (
                e <= s or _ends_with_verb(text, clause_lo, left_end, w) or norm[left_end - 1 : left_end] == w.possessive
            )
        )
        if counts_next:
            hi = breaks.clause_end(after, sentence[1])
            nxt = qs[i + 1].start if i + 1 < len(qs) and qs[i + 1].start < hi else hi  # (in text order)
            hi = min(hi, nxt)
            ns, ne = _right_noun_phrase(text, after, hi, w)
            if ne > ns:
                q.indicator, q.indicator_span = text.source[ns:ne], (ns, ne)
                q.indicator_rule = "indicator.counted_noun"
                list_end = norm.find("、", ne, hi)
                q_end = _qualifier_end(text, ne, list_end if list_end >= 0 else hi, w)
                q.qualifier = text.source[ne:q_end].strip().removeprefix(w.possessive) or None
                # a qualifier that runs into the next figure is also that figure's phrase, as is
                # one that only a verb parts from it (14个县（市、区）优良天数比例范围为83.9%—98.7%)
                taken = ne if q_end == nxt or _names_next(text, ne, q_end, nxt, w) else q_end
        if q.indicator is None:
            named_new = news.get(q.new) if q.new else None  # (news holds this paragraph's only)
            ask = _Ask(text, w, q, base, phrase, s, e, clause_lo, left_end, sentence, named_new)
            if places_only or (cut is not None and q.subject and _is_place(text, q.subject, w)):
                verb: str | None = norm[cut[0] : cut[1]] if cut is not None else ""
            else:
                verb = _where_verb(text, phrase, w) if e > s else None
            ask.where_only, ask.qs, ask.i, ask.lo = verb, qs, i, paragraph[0] if paragraph else sentence[0]
            ask.breaks = breaks
            for rule, choose in INDICATOR_RULES:
                if choose(ask):
                    if q.indicator is not None:
                        q.indicator_rule = rule
                    break
            if q.indicator and len(q.indicator) <= w.view_word_max and w.view_opening is not None:
                if sentence[0] not in views:
                    views[sentence[0]] = w.view_opening.match(norm, sentence[0], sentence[1])
                view = views[sentence[0]]
                if (
                    view is not None
                    and view.group("topic").endswith(q.indicator)
                    and view.group("topic") != q.indicator
                ):
                    # 从环境空气质量综合指数看，各县（市、区）综合指数在2.86—4.12之间: the measure the
                    # sentence opens with, of which the phrase says the last words (a short word
                    # only: 工业增加值 after 从规上工业增加值看 is a measure of its own)
                    q.indicator, q.indicator_span = (
                        text.source[view.start("topic") : view.end("topic")],
                        view.span("topic"),
                    )
                    q.indicator_rule = "indicator.view_topic"
            if base is not None and q.indicator and q.indicator.startswith(base.indicator or "\0"):
                if q.change:
                    q.change = (q.change[0], q.change[1], base)
                elif q.kind == "rank" and base.kind != "rank":  # (第2位 after 第1位 ranks no rank)
                    q.rank_of = base

        if q.indicator and not q.change and q.kind != "rank":  # (a level: its growth or rank is of another unit)
            for word in w.new_words:
                if word in q.indicator:
                    news[word] = q
        q.scope = scopes.last(paragraph or sentence, q.start)
        if paragraph is not None and (lead := leads.get(paragraph[0], -1)) == -1:
            lead = leads[paragraph[0]] = _lead_end(text, paragraph, dates)
        found = _period_for(
            q,
            clause_lo,
            sentence,
            (lead, paragraph[1]) if paragraph and lead and lead <= sentence[0] else paragraph,
            dates,
        )
        earlier = None  # a period said in an earlier clause of the sentence (今年以来已举办…12期，培训…1800人次)
        if found is not None and found[1] == "earlier":
            earlier = found[0]
            found = (earlier, "sentence")
        day, day_rule = None, None
        if found is None or found[1] != "clause":
            day = dates.day_in(own_clause, q.start)
            if day is not None:
                found, day_rule = (day, "clause"), "period.day_in_clause"  # what it measures happened then
            else:
                opening = max(dates.sentence_start(sentence[0]), paragraph[0] if paragraph else sentence[0])
                day = dates.day_opening((opening, sentence[0]), min(opening, sentence[0]), q.start)
                if day is not None and (
                    found is None or found[1] != "sentence" or found[0].end <= day.start or found[0] is earlier
                ):
                    # 4月18日，…签约项目23个: the day of the event the sentence tells
                    found, day_rule = (day, "sentence"), "period.day_opening"
                elif (day := dates.day_in(sentence[0], own_clause)) is not None and (
                    found is None or found[1] != "sentence" or found[0].end <= day.start
                ):
                    # 某水文站8月3日出现洪峰水位28.64米，超警戒水位0.42米: the day the clause before tells
                    found, day_rule = (day, "sentence"), "period.day_earlier_clause"
        if found is None and paragraph is not None:
            opening = dates.paragraph_period(paragraph[0], q.start)
            found = (opening, "paragraph") if opening is not None else None
        of = q.change[2] if q.change else q.rank_of
        if (
            (found is None or found[1] != "clause")
            and of is not None
            and of.period is not None
            and (found is None or found[1] != "sentence" or of.start >= sentence[0])
        ):  # (a period its own sentence states comes before one of a figure outside it)
            # a growth rate or a rank takes the period of what it qualifies
            inside = sentence[0] <= of.period.start < sentence[1]
            q.period, q.period_rule = of.period, "period.of_qualified"
            q.period_source = "sentence" if inside and of.period_source == "clause" else of.period_source
        elif rule := _no_period(q, own_clause, text, w, found, frame, notes):
            q.period_rule = rule  # a careful reader could not tell the period either
        else:
            found = found or frame.period(q.start, dates, w.span_words.search(norm, own_clause, q.start) is not None)
            opening = found is not None and found[1] == "section_opening"
            if opening:
                found = (found[0], "section")  # (a section's, as its heading's would be)  # type: ignore[index]
            if found is not None:
                q.period, q.period_source = found
                q.period_rule = (
                    "period.section_opening"
                    if opening
                    else day_rule
                    if day_rule and found[0] is day
                    else "period.earlier_clause"
                    if found[0] is earlier
                    else f"period.{q.period_source}"
                )
                if (
                    q.period_rule == "period.day_earlier_clause"
                    and q.kind == "duration"
                    and q.unit in w.day_units
                    and (first := dates.first_day(sentence[0], found[0].start)) is not None
                    and first.value
                    and first.value < (found[0].value or "")
                    and _days_between(first.value, found[0].value, q.value)
                ):
                    # 6月17日入梅、7月19日出梅，梅雨期33天: the days from the first its sentence
                    # tells to the last, not the last alone
                    q.period_value, q.period_rule = f"{first.value}/{found[0].value}", "period.days_between"

        if (
            q.change
            and (of := q.change[2]) is not None
            and of.period_rule == "period.days_between"
            and q.period is of.period
            and q.period_value is None
        ):
            q.period_value, q.period_rule = of.period_value, "period.days_between"  # (较常年偏长6天: its change)
        plan = (
            next((d for d in dates.plans if own_clause <= d.start and d.end <= q.start), None) if dates.plans else None
        )
        if dates.froms and (start := dates.froms.get(q.start)) is not None:
            # 由上年的2.11下降到2.06: the level the change starts from, in its year
            q.period, q.period_source, q.period_value, q.period_rule = start, "clause", None, "period.from_level"
        elif dates.tos and (reached := dates.tos.get(q.start)) is not None:
            # 从2020年的712.5亿元增加到2025年的1068.4亿元: the level reached, in its year
            q.period, q.period_source, q.period_value, q.period_rule = reached, "clause", None, "period.to_level"
        elif (
            q.period is not None
            and not q.change
            and _YEARS.fullmatch(q.period_value or q.period.value or "")
            and w.level_before.search(norm, max(own_clause, q.start - 4), q.start)
            and w.from_level.search(norm, own_clause, q.start)
            and not (q.kind == "count" and q.unit in w.level_counters)  # (at the span's last day: below)
            and not _stock(_measured(q, w), w)  # (存款余额从…增加到520亿元: at the last day, below)
        ):
            # 五年来，地区生产总值从2020年的524.6亿元增加到843.7亿元: the level reached from the one
            # of a year before, in the span's last year; not a total over the span with no level it
            # rose from (实际利用外资达到25亿美元, 接待游客达到6800万人次)
            q.period_value, q.period_rule = (q.period_value or q.period.value or "")[-4:], "period.level_at_span_end"
        elif plan is not None and (
            w.plan_amount.match(norm, plan.end, q.start) or (plan.end == q.start and w.plan_figure.match(norm, q.start))
        ):  # (全年2500户目标任务: the amount right after the plan's date)
            # 今年计划推动1.6万家企业…: the amount of the plan, for the plan's period
            q.period, q.period_source, q.period_value, q.period_rule = plan, "clause", None, "period.annual_target"
        elif (
            q.period is not None
            and (
                w.annual_target.search(norm, max(own_clause, q.start - _PLAN_REACH), q.start)
                or w.annual_target_after.match(norm, after)
                or (
                    w.plan_opening is not None
                    and w.plan_opening.fullmatch(norm, plan_lo := _past_date(own_clause, dates), q.start)
                    and not dates.within(plan_lo, q.start)  # (计划四季度再组织…20场: that plan's own period)
                    and len({v[:4] for v in (q.period.value or "").split("/")}) == 1  # (not a span across years)
                )
            )
        ):  # 年度目标任务5600人, 低于3.5%的年度调控目标, 计划新开工项目214个: the amount the year's plan sets
            year = (q.period_value or q.period.value or "")[:4]
            if year.isdigit():
                q.period_value, q.period_rule = year, "period.annual_target"
        q.basis_period = _basis_period(q, clause_lo, dates, w)
        if q.start - own_clause <= _WALK * 16:  # a short clause: searched whole, as for most figures
            q.target = w.targets.search(norm, own_clause, q.start) is not None
        else:
            q.target = targets.before(own_clause, q.start)
        if (
            q.indicator
            and not q.target
            and q.period_rule != "period.annual_target"
            and q.unit not in w.flow_units  # (培训卫生技术人员3000人次: times, not people at a point)
            and (
                (_stock(_measured(q, w), w) and not _doing(norm, w, own_clause, q.start))  # (招聘注册护士420人)
                or _word_in(text, w.stock_verbs, own_clause, q.start)
                or (
                    (
                        q.unit in w.stock_units
                        or (
                            q.unit in w.set_all_counters
                            and q.indicator.endswith(w.stock_counted)
                            and not w.stocks_not_after.search(q.indicator)  # (新晋升三级医院3家)
                        )
                    )
                    and not q.change
                    and not _doing(
                        norm, w, own_clause, breaks.clause_end(q.end, len(norm))
                    )  # (对1.36万所学校食堂开展检查)
                )
            )
        ):
            # a stock (余额, 拥有量) is counted at a point: over 1-9月, at 9月30日; a target
            # for one (力争全年…拥有量达到13件) is for the target's period
            if not _now_stock(q, own_clause, text, w, frame):
                _at_end(q, "period.stock_at_end")
        elif (
            q.kind == "count"
            and q.unit in w.level_counters
            and not q.target
            and q.period_rule != "period.annual_target"
            and w.level_before.search(norm, max(own_clause, q.start - 4), q.start)
            and not _doing(norm, w, own_clause, q.start)
            and not frame.days_long()
        ):
            # 1-9月…服务机构发展到89家: the number of what there is, reached by the period's end
            if not _now_stock(q, own_clause, text, w, frame):
                _at_end(q, "period.level_reached")
        elif (
            q.indicator_rule == "indicator.share_of"
            and not q.change
            and i
            and (owner := qs[i - 1]).period is q.period
            and owner.period_rule in _POINT_RULES
            and owner.start >= sentence[0]
        ):
            # 公办幼儿园71所，占74.0%: the share of a stock, at the stock's point
            _at_end(q, "period.share_of_stock")
        if q.indicator and q.kind in ("count", "number", "measure") and w.rate_markers.search(q.indicator):
            q.kind = "rate"
    _table_columns(text, qs, w, lexicon, dates)
    _ranked_rows(text, qs, w)
    for q in qs:
        if (
            (q.period_rule in ("period.table_caption", "period.table_column") or q.indicator_rule in _TABLE_CELLS)
            and q.indicator
            and not q.change
            and (_stock(_measured(q, w), w) or q.unit in w.stock_units)
            and q.unit not in w.flow_units  # (社区卫生服务中心门诊人次 / 560: visits, no stock)
            and not (w.flow_verbs.search(q.indicator) or w.level_doing.search(q.indicator))  # (新建学校（所）)
        ):
            # (各项存款余额 under a caption of 1-10月: at 10月31日; 学校数 / 在校生数 in a year's
            # bulletin: at the year's end)
            _at_end(q, "period.stock_at_end")
    _parallel_changes(text, qs, _distribute(text, qs, w, dates, breaks), w)
    for q in qs:
        if (
            q.period_rule == "period.stock_at_end"
            and q.indicator_rule in _RESPECTIVELY
            and not _stock(_measured(q, w), w)
            and q.unit not in w.stock_units
            # (全市共有…分别为320家: a stock; not one in a clause before, 全省共有…，新设…分别增长)
            and not _word_in(text, w.stock_verbs, breaks.clause_start(text.sentence_of(q.start)[0], q.start), q.start)
        ):
            # (…增速居前的是鹰潭市、赣州市，分别增长9.6%、7.4%: read as a stock under the phrase it
            # had before its list gave it 新设经营主体, which is none)
            q.period_value, q.period_rule = None, f"period.{q.period_source}"
    _point_basis(qs, w)
    for q in qs:
        of = q.change[2] if q.change else None
        if (
            of is not None
            and of.period_rule == "period.stock_at_end"
            and q.period is of.period
            and q.period_value is None
            and (q.unit == of.unit or q.indicator_rule in _TABLE_CELLS)
        ):
            # 全县共有幼儿园96所，比上年减少4所: a change in the stock's own unit is at its point
            # too, as is its growth in a table's row (登记在册经营主体 / 612.47 / 6.3)
            q.period_value, q.period_rule = of.period_value, "period.stock_at_end"
    _parts_of_stocks(text, qs, w, breaks)
    _flows_to_point(text, qs, w, breaks)
    _streaks(text, qs, w, breaks, dates)
    return qs


_RESPECTIVELY = (  # (the indicators a 分别 list gives)
    "indicator.respectively_item",
    "indicator.respectively_places",
    "indicator.respectively_picked",
    "indicator.respectively_before",
)
_TABLE_CELLS = (  # (a table's cells)
    "indicator.table_column",
    "indicator.table_row",
    "indicator.table_caption",
    "indicator.table_row_level",
    "indicator.table_column_change",
)


def _table_columns(text: Text, qs: list[Linked], w: _Words, lexicon: Lexicon, dates: _Dates) -> None:
    """A table written one cell per line (a line that is only a number, or a dash, is a
    cell), or one row to a line with its fields parted by wide spaces (see _fields): the column
    headers are the lines before its first row, one for the rows' labels and one for each of a
    row's cells (区、县（市） / 优良天数比例（%） / PM2.5浓度（微克/立方米） / 越城区 / 89.6 / 29 /
    柯桥区 / …), and a cell's indicator is its column's header without the unit in brackets
    (indicator.table_column). A change header (同比增长（%）) with no measure of its own is the
    change of the row's level in the nearest column before it (indicator.table_row_level), else
    of what the line before the headers names (indicator.table_caption). Under a header that
    names only values (绝对值（亿元）) or a change (比上年同期增长（%）), a row whose label is no
    place, office or total names its cells' measure (indicator.table_row) and the change header
    their change (change.table_column); a header that is a measure and its change (固定资产投资
    比上年同期增长（%）) gives both (indicator.table_column_change). Rows of one cell under a
    caption that ends in its unit (…车流量（单位：万辆）) take the caption's measure
    (indicator.table_caption_measure). A unit in a header's or caption's brackets, or a row's
    unit cell (水泥 / 万吨 / 2210.4 under 产品名称 / 单位 / 产量), is the unit of its cells that
    write none (flagged unit_from_header)."""
    norm = text.norm
    if not text.paragraphs:
        return
    lines, row_cells = _fields(text, text.paragraphs, w, lexicon)
    # a cell of a row written on one line is the table's to read, whatever its phrase gave it
    # (地区生产总值　　1234.5 under 指标　　绝对值（亿元）): the rules below replace it where they read one
    cells = [q for q in qs if q.indicator is None or q.start in row_cells]
    if not cells:
        return
    starts = [a for a, _ in lines]
    levels: dict[int, list[Linked]] = {}  # a measure row's level cells, by the row's label line
    tables: dict[int, _TableSaid] = {}  # what the lines over a table say, by its headers' first line
    row_units_said: dict[int, str] = {}  # the unit a measure row's label writes (…（亿元）), by the label's line
    row_levels: dict[int, list[Linked]] = {}  # a row's cells under a measure's header so far, by its label line
    row_points: dict[int, DateFound] = {}  # the date a row's label writes in brackets (…（10月末）), by its line
    row_wholes: dict[int, str | None] = {}  # the name of the row an indented row is a part of, by its line
    units = [_unit_line(norm, a, b, lexicon) for a, b in lines]  # a row's unit column (万吨)
    is_cell = [w.table_cell.fullmatch(norm, a, b) is not None or u is not None for (a, b), u in zip(lines, units)]
    for q in cells:
        i = bisect_right(starts, q.start) - 1
        if i < 0 or not is_cell[i]:
            continue
        head = i - 1
        while head >= 0 and is_cell[head]:
            head -= 1
        n = head + 1
        while n < len(lines) and is_cell[n]:
            n += 1
        width = n - head - 1  # cells in this row
        first = head  # the first row's label: back over rows of the same width
        while True:
            if first - width - 1 >= 0 and all(is_cell[first - width : first]) and not is_cell[first - width - 1]:
                first -= width + 1
            elif (  # 全年粮食 / 528.36 / … / 一、分季节 / 1.夏粮: over a heading of a group of rows
                first - width - 2 >= 0
                and not is_cell[first - 1]
                and _group_heading(norm, lines[first - 1], w)
                and all(is_cell[first - width - 1 : first - 1])
                and not is_cell[first - width - 2]
            ):
                first -= width + 2
            else:
                break
        if width == 1 and first >= 1 and _caption_measure(text, q, *lines[first - 1], w, lexicon, dates):
            continue  # 附：…每日出入口车流量（单位：万辆） / 10月1日（星期三） / 346.2
        top = first - width - 1  # the label column's header, then one header per cell
        opened = top >= 1 and _group_heading(norm, lines[first - 1], w) and not any(is_cell[top - 1 : first])
        if opened:
            top -= 1  # 指标名称 / 单位 / 1—10月 / 同比增长（%） / 一、工业 / 规模以上工业总产值 …: the first group's heading is no header
        if head < 0 or top < 0 or any(is_cell[top:first]):
            continue
        if (said := tables.get(top)) is None:  # (once a table: its caption's date, its columns' units)
            index = _index_table(norm, lines, top, width, is_cell, w)
            headers = [w.table_unit.sub("", norm[c:d]).strip() for c, d in lines[top + 1 : top + width + 1]]
            said = tables[top] = _TableSaid(
                _column_dates(_caption_dates(norm, lines, top, width, is_cell, w, dates), headers),
                _column_units(norm, lines, top, width, w, lexicon, index),
                index,
            )
        a, b = lines[top + (i - head)]
        header = w.table_unit.sub("", norm[a:b]).strip()
        if q.period_source not in ("clause", "sentence") and (cap := said.dates[i - head - 1]) is not None:
            # 表1　2025年10月末南宁市分机构类型存贷款情况 / 单位：亿元 / 机构类型 / …: the
            # caption's date is its cells' (a balance's at the end of a span it names: below)
            q.period, q.period_source, q.period_value, q.period_rule = cap, "section", None, "period.table_caption"
        change = _header_change(header, w, said.index)
        if header in w.normals:  # 常年同期（毫米）: a column of normals, averages over many years
            q.period, q.period_source, q.period_value, q.period_rule = None, None, None, "period.normal"
        la, lb = lines[head]
        led = False
        if w.table_row_lead is not None and (lead := w.table_row_lead.match(norm, la, lb)) is not None:
            la, led = lead.end(), True  # 其中：　武陵区: the row is 武陵区's
        label = text.source[la:lb].strip()
        row = norm[la:lb].strip()
        na, nb, label_unit, part = _row_name(norm, la, lb, w, lexicon)  # (without its unit, its mark, its item)
        row_point = None  # 金融机构人民币各项存款余额（10月末）: the row's date in brackets, not its name
        if nb - na > 2 and norm[nb - 1] == ")" and (opening := norm.rfind("(", na, nb)) > na:
            inner = [d for d in dates.within(opening + 1, nb - 1) if d.end <= nb - 1 and d.value]
            if len(inner) == 1 and inner[0].start == opening + 1 and inner[0].end == nb - 1:
                row_point, nb = inner[0], opening
        if row_point is not None:
            row_points[head] = row_point
        elif (led or part) and (row_point := row_points.get(head - width - 1)) is not None:
            row_points[head] = row_point  # 其中：住户存款 under 各项存款余额（10月末）: the part at its whole's date
        named = text.source[na:nb]
        # (城乡居民收入比 / 1.86 under 绝对量（元）: a ratio's row takes no amount's unit from its column)
        ratio = bool(w.table_ratio_rows) and named.endswith(w.table_ratio_rows)
        # (地区生产总值 / 亿元 / 318.62 / 5.9 / 3 under 指标 / 单位 / 绝对值 / 增速（%） / 全市位次: a rank, in no unit)
        ranked = (  # (a whole number: 5.9 is no rank)
            header.endswith(w.table_rank_headers)
            and q.figure.unit is None
            and q.value is not None
            and q.value == int(q.value)
        )
        if ranked:
            q.kind = "rank"
        if q.figure.unit is None and not ratio and not ranked:
            if (unit := w.table_unit.search(norm, a, b)) is not None:
                _unit_from_header(q, norm[unit.start() : unit.end()], lexicon)
            elif (column_unit := said.units[i - head - 1]) is not None:
                _unit_from_header(q, column_unit, lexicon)  # 单位：% over the table (亿元 is no growth column's)
            elif change is None or w.change.search(header) is None:
                # 水泥 / 万吨 / 2210.4 / -3.1 under 产品名称 / 单位 / 产量 / 比上年增长（%）: the row's
                # unit cell is the unit of its cells whose header is no change, or a basis alone (户籍人口
                # / 万人 / 120.5 / -0.3 under 2025年 / 比上年: a change in the row's unit, no % listed)
                row_units = {u for u in units[head + 1 : n] if u is not None}
                if len(row_units) == 1:
                    _unit_from_header(q, row_units.pop(), lexicon)
        row_date = _date_header(dates, na, nb, w) if nb > na else None  # (1月 / 0.3 / 0.4: the month's row)
        measure_row = (
            named
            and len(named) <= w.table_header_max
            and row not in w.table_total_rows
            and not row_date
            and not _is_place(text, row, w)
            and not _place_head(text, row, w)  # (无为市管理部: an office named by its place)
        )
        dated = change is None and _date_header(dates, a, b, w)  # (1—11月: the column's period; each row a measure)
        if change is not None and change.start() > 0:
            prefix = header[: change.start()]
            value_word = next((v for v in w.table_value_headers if prefix.endswith(v) and len(prefix) > len(v)), "")
            # (6月同比: the change over 6月; 1—6月累计同比: over 1—6月)
            dated_change = _date_header(dates, a, a + change.start() - len(value_word), w)
            if dated_change and q.period_source not in ("clause", "sentence"):
                q.period, q.period_source, q.period_value, q.period_rule = (
                    dated_change,
                    "section",
                    None,
                    "period.table_column",
                )
        month = row_date.value if row_date is not None and len(row_date.value or "") == _MONTH_LEN else None
        if month and dated and dated.kind == "year" and dated.value and dated.value != month[:4]:
            # 1月 / 0.5 / 0.3 under 月份 / 2025年 / 2026年: the row's month of the column's year
            q.period, q.period_source, q.period_value, q.period_rule = (
                row_date,
                "clause",
                f"{dated.value}{month[4:]}",
                "period.table_row",
            )
        elif month and (header if change is None else header[: change.start()].strip()) in w.table_cumulative_headers:
            # 3月 / 88.4 / 253.7 under 月份 / 本月 / 累计: from the year's start to the row's month
            q.period, q.period_source, q.period_value, q.period_rule = (
                row_date,
                "clause",
                f"{month[:4]}-01/{month}" if month[5:] != "01" else month,
                "period.table_row",
            )
        elif (row_date or row_point) and q.period_source not in ("clause", "sentence"):
            # (1月 / 0.3; 各项存款余额（10月末）and its parts: the row's date, over its column's)
            q.period, q.period_source, q.period_value, q.period_rule = (
                row_date or row_point,
                "clause",
                None,
                "period.table_row",
            )
        elif dated and q.period_source not in ("clause", "sentence"):
            q.period, q.period_source, q.period_value, q.period_rule = dated, "section", None, "period.table_column"
        if q.period_source not in ("clause", "sentence") and (
            group := _group_date(norm, lines, is_cell, first - 1 if opened else first, head, w, dates)
        ):
            # 六、农业和居民收入（前三季度） over 农林牧渔业增加值　亿元　64.37 under a 1—10月 column: the group's
            q.period, q.period_source, q.period_value, q.period_rule = group, "section", None, "period.table_group"
        if measure_row and label_unit is not None:
            row_units_said[head] = label_unit  # 规模以上工业总产值（亿元）: the row's unit
        elif measure_row and part and head - width - 1 in row_units_said:
            row_units_said[head] = row_units_said[head - width - 1]  # #限额以上单位消费品零售额: in the unit above
        if q.figure.unit is None and change is None and (row_unit := row_units_said.get(head)) is not None:
            _unit_from_header(q, row_unit, lexicon)
        if (change is not None or header in w.table_value_headers or dated) and measure_row and head not in row_levels:
            # (not a change column after a measure's: 国有大型商业银行 / 5824.3 / 297.6 under 机构类型 /
            # 各项存款余额 / 比年初增减 is the balance's change, below)
            # 社会消费品零售总额 / 8532.4 / 4.6 under 绝对值（亿元） / 比上年同期增长（%）: each row
            # is a measure, each column what of it (its level, its growth)
            q.indicator, q.indicator_span = named, (na, nb)
            q.indicator_rule = "indicator.table_row"
            if head not in row_wholes:
                row_wholes[head] = _whole_row(norm, lines, head, width, first, w, lexicon)
            q.whole = row_wholes[head]
            if change is not None:
                # (of the row's nearest level, not one it compares with: 2024年 / 2025年 / 比上年增长;
                # in that level's period: its growth over 1—11月)
                level = _row_level(levels.get(head), change)
                _cell_change(q, change, w, level)
                if (
                    level is not None
                    and level.period_rule == "period.table_column"
                    and q.period_rule != "period.table_column"
                ):
                    q.period, q.period_source, q.period_value, q.period_rule = (
                        level.period,
                        level.period_source,
                        None,
                        "period.table_column",
                    )
            else:
                levels.setdefault(head, []).append(q)
        elif (
            (dated or header in w.table_value_headers or row_date and _value_change(header, change, w))
            and not measure_row
            and (caption := _caption_line(norm, lines, top, is_cell, w)) is not None
        ):
            # 肥西县 / 286.4 / 301.2 under 地区 / 2024年 / 2025年 below 表1 各县（市、区）地区生产总值:
            # each cell the caption's measure, in its column's year (or under 总量（亿元）: the
            # caption's measure's level)
            lo, hi = caption
            if w.table_caption_lead is not None and (lead := w.table_caption_lead.match(norm, lo, hi)) is not None:
                lo = lead.end()  # (表1 各县（市、区）|地区生产总值)
            lo, hi = _caption_phrase(text, lo, hi, w, dates)
            if hi > lo:
                q.indicator, q.indicator_span = text.source[lo:hi], (lo, hi)
                q.indicator_rule = "indicator.table_caption"
                if change is not None:
                    _cell_change(q, change, w)  # (1月 / 0.3 under 月份 / 当月同比: the caption's measure's growth)
                else:
                    row_levels.setdefault(head, []).append(q)
        elif header and len(header) <= w.table_header_max and change is None and not dated:
            q.indicator, q.indicator_span = text.source[a : a + len(header)], (a, a + len(header))
            q.indicator_rule = "indicator.table_column"
            row_levels.setdefault(head, []).append(q)  # (the level a growth column after it is the change of)
            if q.period is not None and _annual_plan_header(header, w):
                # 年度计划投资 under a caption of 1—6月: the amount the year's plan sets, for the year
                year = (q.period_value or q.period.value or "")[:4]
                if year.isdigit():
                    q.period_value, q.period_rule = year, "period.annual_target"
            if measure_row:
                q.subject = label  # 水泥 under 产量: what the column measures of (its id: 水泥产量)
                levels.setdefault(head, []).append(q)
        elif (
            change is not None
            and _MEASURE_CHAR.search(measure := header[: change.start()].rstrip())  # (核心CPI, CPI)
            and not any(c.isdigit() for c in measure)  # (1-11月比上年同期增长: when, not what)
            and measure not in w.table_value_headers  # (累计, 本月)
        ):
            # 固定资产投资比上年同期增长（%） over a column of places: the measure before the
            # change is the cells' indicator, the change their change
            q.indicator, q.indicator_span = text.source[a : a + len(measure)], (a, a + len(measure))
            q.indicator_rule = "indicator.table_column_change"
            if measure_row:
                q.subject = label  # 大豆 under 总产比上年增长（%）: the growth of 大豆总产 (as a level's, above)
            _cell_change(q, change, w)
        elif (
            change is not None
            and not patterns.HAN_CHAR.search(header[: change.start()])
            and (level := _row_level(row_levels.get(head), change)) is not None
        ):
            # 武陵区 / 178.36 / 5.4 under 区县（市） / 地区生产总值（亿元） / 同比增长（%）: the change
            # of the row's level, in the nearest column before it that is not what it is compared
            # with (汛期降雨量 / 常年同期 / 较常年同期增减: of 汛期降雨量)
            q.indicator, q.indicator_span = level.indicator, level.indicator_span
            q.indicator_rule, q.subject = "indicator.table_row_level", level.subject
            _cell_change(q, change, w, level)
            if (
                level.period_rule in ("period.table_caption", "period.table_column")
                and q.period_rule != "period.table_column"
                and q.period is not level.period
            ):
                # (…装机容量及1—9月发电量 / 发电量 / 同比增长; 1—11月 / 同比增长: its level's period)
                q.period, q.period_source, q.period_value, q.period_rule = (
                    level.period,
                    level.period_source,
                    None,
                    level.period_rule,
                )
        elif change is not None and not patterns.HAN_CHAR.search(header[: change.start()]) and top > 0:
            # 各县（市、区）规模以上工业增加值增速如下： / 地区 / 同比增长（%） / 钟祥市 / 8.9: the
            # measure is the one the line before the headers names
            ca, cb = lines[top - 1]
            said = (
                w.table_caption.search(norm, ca, cb) if w.table_caption is not None and not is_cell[top - 1] else None
            )
            if said is not None:
                lo, hi = _caption_phrase(text, ca, said.start(), w, dates)  # (分地区看，…)
                if hi > lo:
                    q.indicator, q.indicator_span = text.source[lo:hi], (lo, hi)
                    q.indicator_rule = "indicator.table_caption"
                    _cell_change(q, change, w)


_CLAUSE_MARKS = "，,；;：:"


_CAPTION_JOINER = 2  # the most characters between two dates of a caption that name no measure (与, 及上年)


@dataclass(frozen=True)
class _TableSaid:
    """What the lines over a table say of its cells: the caption's date, each column's unit."""

    dates: tuple[DateFound | None, ...]  # the caption's date of each column after the rows' labels
    units: list[str | None]
    index: bool = False  # a table of indices (…居民消费价格指数, 上年同月=100): 同比 heads no growth rates


def _column_dates(dated: tuple[tuple[DateFound, str], ...], headers: list[str]) -> tuple[DateFound | None, ...]:
    """The caption's date of each column (``headers``, without their units): of a caption that
    names several dates, each before a measure (2025年6月末…装机容量及1—6月发电量), the one whose
    words name the column's measure, else that of the nearest column before it that names one
    (装机容量 / 占比: the capacity's share, at its date); else the caption's first date."""
    first = dated[0][0] if dated else None
    # (each date names a measure of its own: not 2025年与2024年各县地区生产总值对比)
    if len(dated) < 2 or not all(len(words) > _CAPTION_JOINER for _, words in dated):
        return (first,) * len(headers)
    out: list[DateFound | None] = []
    for c, header in enumerate(headers):
        found = next(
            (d for measure in [header, *reversed(headers[:c])] for d, words in dated if measure and measure in words),
            None,
        )
        out.append(found or first)
    return tuple(out)


def _row_level(levels: list[Linked] | None, change: regex.Match) -> Linked | None:
    """The level a change column is of: the nearest before it whose column is not the change's
    basis (较常年同期增减 is not of the column 常年同期)."""
    basis = change.group("basis") or ""
    compared = basis[1:] if basis[:1] in _COMPARATIVES else basis  # (较常年同期: 常年同期)
    return next((c for c in reversed(levels or []) if not (c.indicator and c.indicator == compared)), None)


def _date_header(dates: _Dates, a: int, b: int, w: _Words) -> DateFound | None:
    """The date a table's column header is, all of it but a unit in brackets (1—11月, 2024年,
    2024年（亿元）)."""
    unit = w.table_unit.search(dates.norm, a, b)
    end = unit.start() if unit is not None else b
    found = dates.within(a, end)
    if len(found) != 1 or found[0].start != a:
        return None
    # (1—11月累计, 10月当月: the span's or the month's values, no measure of their own)
    return found[0] if found[0].end >= end or dates.norm[found[0].end : end].strip() in w.table_value_headers else None


def _row_name(norm: str, a: int, b: int, w: _Words, lexicon: Lexicon) -> tuple[int, int, str | None, bool]:
    """What a table row's label names: its span without a unit it writes at its end in brackets
    (规模以上工业总产值（亿元）; 各项存款余额（11月末，亿元）: the last of what the brackets hold; not
    （不含电力）, which is no unit), a mark that makes it a part of the row above (#限额以上…,
    ＃…; not #1机组) or an item's number before it ((一)税收收入); the unit, if any; whether it
    is a part."""
    while a < b and norm[a].isspace():
        a += 1
    while b > a and norm[b - 1].isspace():
        b -= 1
    unit = None
    if (m := w.table_unit.search(norm, a, b)) is not None:
        inner = norm[m.start() : m.end()].strip().strip("()").strip()
        last = (w.unit_list_sep.split(inner) or [""])[-1].strip()
        if last and _scaled_unit(last, lexicon) is not None:
            unit, b = last, m.start()
    part = False
    if (mark := next((p for p in w.table_part_rows if norm.startswith(p, a)), None)) is not None and (
        patterns.HAN_CHAR.match(norm, a + len(mark))
    ):
        part, a = True, a + len(mark)
    if w.table_item_number is not None and (item := w.table_item_number.match(norm, a, b)) is not None:
        a = item.end()
    return a, b, unit, part


def _caption_line(
    norm: str, lines: list[tuple[int, int]], top: int, is_cell: list[bool], w: _Words
) -> tuple[int, int] | None:
    """The caption right above a table's headers (over its unit line, if one stands between):
    its whole line, if that is short and no sentence."""
    for k in (top - 1, top - 2):
        if k < 0 or is_cell[k]:
            return None
        a, b = lines[k]
        if w.table_unit_line is not None and w.table_unit_line.match(norm[a:b]):
            continue
        a, b = norm.rfind("\n", 0, a) + 1, len(norm) if (end := norm.find("\n", b)) < 0 else end  # (its whole line)
        return None if b - a > w.table_caption_max or _SENTENCE_END in norm[a:b] else (a, b)
    return None


def _caption_dates(
    norm: str, lines: list[tuple[int, int]], top: int, width: int, is_cell: list[bool], w: _Words, dates: _Dates
) -> tuple[tuple[DateFound, str], ...]:
    """The dates of the caption right above a table's headers (over its unit line, if one
    stands between), not in brackets (…主要指标（2024年同期为基数）), if that is a short line of
    its own and no sentence (a column whose header is a date, 2025年 or 1—11月, is its own year
    or span over it: period.table_column); each with the caption's words after it up to the next."""
    if (caption := _caption_line(norm, lines, top, is_cell, w)) is None:
        return ()
    a, b = caption
    found = [d for d in dates.within(a, b) if _open_bracket(norm, a, d.start) is None]
    ends = [d.start for d in found[1:]] + [b]
    return tuple((d, norm[d.end : end]) for d, end in zip(found, ends))


def _is_percent(written: str, lexicon: Lexicon) -> bool:
    found = _scaled_unit(written, lexicon)
    return found is not None and found[1].kind == "percent"


def _caption_phrase(text: Text, a: int, end: int, w: _Words, dates: _Dates) -> tuple[int, int]:
    """The measure a table's caption names before ``end``: after its last clause mark (分地区看，
    附：), its date and scope words trimmed; none if no word is left (表1)."""
    if w.table_caption_unit is not None and (unit := w.table_caption_unit.search(text.norm, a, end)) is not None:
        end = unit.start()  # (…地区生产总值（单位：亿元）: the measure, not its unit)
    if (drop := next((d for d in w.table_caption_drop if text.norm.endswith(d, a, end)), None)) is not None:
        end -= len(drop)  # (…一般公共预算收入完成情况: the revenue)
    opening = max(text.norm.rfind(c, a, end) for c in _CLAUSE_MARKS) + 1
    lo, hi = _trim(text, max(a, opening), end, w, dates)
    # (表1 alone names no measure: a phrase with no word, 1, is none)
    return (lo, hi) if _MEASURE_CHAR.search(text.norm, lo, hi) else (lo, lo)


def _caption_measure(text: Text, q: Linked, a: int, b: int, w: _Words, lexicon: Lexicon, dates: _Dates) -> bool:
    """A cell of a column of one cell a row under a caption (``a``-``b``) that ends with the
    unit in brackets: the unit, if the cell writes none, and the measure the caption names after
    its date and scope words (indicator.table_caption_measure). False if the line is no such
    caption."""
    norm = text.norm
    if w.table_caption_unit is None or (unit := w.table_caption_unit.search(norm, a, b)) is None:
        return False
    if q.figure.unit is None:
        _unit_from_header(q, unit.group("unit"), lexicon)
    lo, hi = _caption_phrase(text, a, unit.start(), w, dates)  # (附：…)
    if hi > lo:
        q.indicator, q.indicator_span = text.source[lo:hi], (lo, hi)
        q.indicator_rule = "indicator.table_caption_measure"
    return True


def not_in_name(words, scope) -> str:
    """A look-ahead for right after a scope word (one of ``words``): not one that opens the name
    of a service after a word that introduces one (通过全国12315平台, 12345热线和全国旅游投诉举报
    平台), the name closed by one of ``scope.not_in_names`` within a few characters and no
    punctuation (linking.toml [scope]). (After the word, so that a scan still starts at the
    scope words' first characters: the look-behinds are of each introducing word and scope word.)"""
    if not scope.not_in_names or not scope.services_after:
        return ""
    pairs = sorted({service + word for service in scope.services_after for word in words})
    after = "|".join(f"(?<={regex.escape(pair)})" for pair in pairs)  # (fixed widths: re takes them)
    name = rf"[^，。；、,;:\s]{{0,{_NAME_REACH}}}(?:{alternation(list(scope.not_in_names))})"
    return rf"(?!(?={name})(?:{after}))"  # (the name first: it fails at once after most scope words)


def _annual_plan_header(header: str, w: _Words) -> bool:
    """Whether a column's header names the year's plan (年度计划投资, 年度投资计划), not how far
    it is done (年度计划完成率: the months', a rate)."""
    return (
        header.startswith(w.annual_words)
        and any(noun in header for noun in w.plan_nouns)
        and not header.endswith(w.table_percent_ends)
    )


def _ranked_rows(text: Text, qs: list[Linked], w: _Words) -> None:
    """The rank a ranking table's row opens with (1  平陆县  3.46 … under 排名  县（市、区）
    综合指数 …): the row's place in the ranking its header names, a rank whose indicator is
    that header (indicator.table_rank), or the measure the text before the table says places
    are ranked by (按…综合指数由小到大排名: indicator.table_rank_key); its area is the row's
    label (area.table_row)."""
    norm, source = text.norm, text.source
    lines = text.paragraphs
    starts = [a for a, _ in lines]
    headers: dict[int, tuple[int, int] | None] = {}  # a table's first row's line -> its rank header's span
    keys: list[tuple[int, int]] | None = None  # the spans of what the text says places are ranked by
    ranked_by: dict[int, tuple[int, int] | None] = {}  # a table's first row's line -> its rank key's span
    firsts: dict[int, int] = {}  # a rank row's line -> its block's first row's line (once a block)
    for q in qs:
        if q.indicator is not None or q.unit is not None or not _RANK_CELL.fullmatch(norm, q.start, q.end):
            continue
        i = bisect_right(starts, q.start) - 1
        if i < 0 or norm[lines[i][0] : q.start].strip() or not _rank_row(norm, source, *lines[i], w):
            continue  # (not what its line opens with)
        row = i  # back over the rows that open with a rank, to the header line
        while row > 0 and _rank_row(norm, source, *lines[row - 1], w):
            if row - 1 in firsts:  # (the row above already walked back: its block's first row)
                row = firsts[row - 1]
                break
            row -= 1
        firsts[i] = row
        if row == 0:
            continue
        if row not in headers:
            a, b = lines[row - 1]
            first = _FIELD.search(source, a, b)
            headers[row] = first.span() if first and norm[first.start() : first.end()] in w.table_rank_headers else None
        if (header := headers[row]) is not None:
            if keys is None:
                keys = [m.span("key") for m in w.table_rank_key.finditer(norm)] if w.table_rank_key else []
            if row not in ranked_by:
                ranked_by[row] = _rank_key(norm, source, lines, row, header, keys, w)
            if (key := ranked_by[row]) is not None:
                q.kind, q.indicator, q.indicator_span = "rank", source[key[0] : key[1]], key
                q.indicator_rule = "indicator.table_rank_key"
            else:
                q.kind, q.indicator, q.indicator_span = "rank", norm[header[0] : header[1]], header
                q.indicator_rule = "indicator.table_rank"


def _rank_key(
    norm: str,
    source: str,
    lines: list[tuple[int, int]],
    row: int,
    header: tuple[int, int],
    keys: list[tuple[int, int]],
    w: _Words,
) -> tuple[int, int] | None:
    """What a ranking table's rank column ranks by: the column its caption ranks by (表2
    …PM2.5浓度排名 over PM2.5浓度（微克/立方米）), else what the text before the table says places
    are ranked by, if that ends with one of its columns (按环境空气质量综合指数由小到大排名 over
    综合指数); None when neither says."""
    a, b = lines[row - 1]
    names = [
        (f.start(), f.start() + len(w.table_unit.sub("", norm[f.start() : f.end()])))
        for f in _FIELD.finditer(source, header[1], b)
        if patterns.HAN_CHAR.search(norm, f.start(), f.end())
    ]
    if row >= 2:
        ca, cb = lines[row - 2]
        caption = norm[ca:cb]
        for lo, hi in names:
            if hi > lo and any(norm[lo:hi] + word in caption for word in _RANKED_WORDS):
                return lo, hi
    k = bisect_right(keys, (header[0],)) - 1
    if k >= 0 and any(norm.endswith(norm[lo:hi], *keys[k]) for lo, hi in names if hi > lo):
        return keys[k]
    return None


_RANKED_WORDS = ("排名", "排序")


def _whole_row(
    norm: str, lines: list[tuple[int, int]], head: int, width: int, first: int, w: _Words, lexicon: Lexicon
) -> str | None:
    """The name of the row an indented row is a part of: the nearest row above it, in its
    table, indented less (三、城镇居民人均可支配收入 / 25312 / 4.6 over 　　工资性收入 / 14326 /
    4.2), or None for a row not indented."""
    indent = _indent(norm, *lines[head])
    if not indent:
        return None
    for k in range(head - width - 1, first - 1, -(width + 1)):
        if _indent(norm, *lines[k]) < indent:
            na, nb, _, _ = _row_name(norm, *lines[k], w, lexicon)
            return norm[na:nb] or None
    return None


def _indent(norm: str, a: int, b: int) -> int:
    """How many spaces open the line a field or line [a, b) opens (a row's label)."""
    start = norm.rfind("\n", 0, a) + 1
    lead = norm[start:a]
    return len(lead) + len(norm[a:b]) - len(norm[a:b].lstrip()) if not lead.strip() else 0


def _group_date(
    norm: str,
    lines: list[tuple[int, int]],
    is_cell: list[bool],
    first: int,
    head: int,
    w: _Words,
    dates: _Dates,
) -> DateFound | None:
    """The date the heading of the group of rows a row is in writes (六、农业和居民收入（前三季度）),
    if one does: the nearest line above the row's label, inside its table, that heads a group
    (a row's label is followed by its cells, a group's heading by the next row's label)."""
    for k in range(head - 1, first - 1, -1):
        if not is_cell[k] and not is_cell[k + 1] and _group_heading(norm, lines[k], w):
            found = [d for d in dates.within(*lines[k]) if d.end <= lines[k][1] and d.value]
            return found[-1] if found else None
    return None


def _index_table(norm: str, lines: list[tuple[int, int]], top: int, width: int, is_cell: list[bool], w: _Words) -> bool:
    """Whether a table holds indices, not growth rates: its caption names one (…居民消费价格指数)
    or a header or the line over the headers gives the base (上年同月=100)."""
    caption = _caption_line(norm, lines, top, is_cell, w)
    if caption is not None and w.index_words.search(norm, *caption):
        return True
    lo = lines[max(0, top - 1)][0]
    return w.index_base.search(norm, lo, lines[min(top + width, len(lines) - 1)][1]) is not None


def _group_heading(norm: str, line: tuple[int, int], w: _Words) -> bool:
    """Whether a line inside a table heads a group of its rows: short (a date in brackets may
    make it longer than a header: 一、规模以上工业生产（1—10月）), and opening with an item's number
    (一、工业, 1.夏粮; not 主要产品产量（万吨）)."""
    return line[1] - line[0] <= w.table_header_max + _FIELD_UNIT and _LIST_LABEL.match(norm, *line) is not None


def _rank_row(norm: str, source: str, a: int, b: int, w: _Words) -> bool:
    """Whether a line is a table row that opens with a rank, then a label, then cells."""
    return _opens_with_rank(norm, [(m.start(), m.end()) for m in _FIELD.finditer(source, a, b)], w)


def _opens_with_rank(norm: str, fields: list[tuple[int, int]], w: _Words) -> bool:
    """Whether a row's fields are a rank, a label (not a cell: 1  18  3 under 月份  优良天数 is a
    month's row), then cells."""
    return (
        len(fields) > 2
        and _RANK_CELL.fullmatch(norm, *fields[0]) is not None
        and w.table_cell.fullmatch(norm, *fields[1]) is None
        and any(w.table_cell.fullmatch(norm, s, e) for s, e in fields[2:])
    )


def _fields(
    text: Text, lines: list[tuple[int, int]], w: _Words, lexicon: Lexicon
) -> tuple[list[tuple[int, int]], set[int]]:
    """The lines with a table row written on one line read as one line per field (武陵区　　178.36
    5.4 under 区县（市）　　地区生产总值（亿元）　　同比增长（%）): a line of two fields or more
    parted by wide spaces (a full-width space, two spaces or a tab), each field short and none
    a clause of prose; in a row, all before its first cell is one label (合　计, 其中：　武陵区).
    And the starts of those rows' cells."""
    norm, source = text.norm, text.source  # (the source tells a full-width space from one space)
    out: list[tuple[int, int]] = []
    cells: set[int] = set()
    for a, b in lines:
        # (a comma in brackets is no clause: 各项存款余额（11月末，亿元）　2186.42)
        prose = _PROSE.search(_IN_BRACKETS.sub("", norm[a:b]))
        fields = [] if prose else [(m.start(), m.end()) for m in _FIELD.finditer(source, a, b)]
        first = next((k for k, (s, e) in enumerate(fields) if w.table_cell.fullmatch(norm, s, e)), None)
        if first == 0 and _opens_with_rank(norm, fields, w):
            # 1  平陆县  3.46  7.9 under 排名  县（市、区）  综合指数 …: the row's place in its
            # ranking goes with its label, before which it is written
            first = next((k for k, (s, e) in enumerate(fields) if k > 1 and w.table_cell.fullmatch(norm, s, e)), None)
        if first is not None and first > 1 and _unit_line(norm, *fields[first - 1], lexicon) is not None:
            first -= 1  # 原煤\t万吨\t7186.4 under 产品名称\t单位\t10月份: the unit is a cell of its own column
        if first is not None and first > 1:
            fields[:first] = [(fields[0][0], fields[first - 1][1])]
        if len(fields) >= 2 and all(e - s <= w.table_header_max + _FIELD_UNIT for s, e in fields):
            out.extend(fields)
            if first is not None and first > 0:
                cells.update(s for s, _ in fields[1:])
        else:
            out.append((a, b))
    return out, cells


def _table_unit_said(norm: str, lines: list[tuple[int, int]], top: int, w: _Words) -> str | None:
    """The units a line right before a table's headers gives (单位：%; 单位：万元、%), or a
    caption there that ends with them in brackets (…零售总额（单位：亿元，%）), if one does."""
    for k in (top - 1, top - 2):
        if k >= 0:
            a, b = lines[k]
            if w.table_unit_line is not None and (m := w.table_unit_line.match(norm[a:b])) is not None:
                return m.group("unit")
            if w.table_caption_unit is not None and (m := w.table_caption_unit.search(norm, a, b)) is not None:
                return m.group("unit")
    return None


def _column_units(
    norm: str, lines: list[tuple[int, int]], top: int, width: int, w: _Words, lexicon: Lexicon, index: bool = False
) -> list[str | None]:
    """The unit of each of a table's columns of cells among the units said over the table
    (see _table_unit_said): the one unit said, but a growth column's only if it is a percentage
    (亿元 is no growth column's; a change of an amount, 比年初增减, is in the amount's unit); of
    several (单位：万件，万元，%), the percentage is the growth and rate columns' (同比增长, 整改率:
    a header that is a change, ends in one of ``table_percent_ends`` or starts as
    ``table_percent_header`` says: 完成年度预算, not 完成年度投资) and the others are the
    other columns', in their order (the one other for all of them; not fewer others than columns,
    unless each header names what a unit counts: 单位：所、人 over 学校数 / 招生数 / 在校生数, 所
    counts 学校 and 人 counts 生: ``table_unit_counts``). A
    percentage listed and no rate column is the change columns' (单位：亿元，% over 1—9月累计 /
    同比增减, though 增减 may count an amount). A unit written in one column's header is that
    column's (个 of 项目个数), and a rank column (排名:
    ``table_rank_headers``) has none (单位：个、亿元、% over 项目个数 / 年度计划投资 / 完成投资 /
    完成率 / 排名: 个, 亿元, 亿元, %, none)."""
    said = _table_unit_said(norm, lines, top, w)
    if said is None:
        return [None] * width
    units = [u for u in w.unit_list_sep.split(said) if u]
    percent = [u for u in units if _is_percent(u, lexicon)]
    headers = [w.table_unit.sub("", norm[a:b]).strip() for a, b in lines[top + 1 : top + width + 1]]
    ranked = [h.endswith(w.table_rank_headers) for h in headers]  # (排名, 全市位次: a rank column has no unit)
    changes = [_header_change(h, w, index) for h in headers]
    rates = [  # (比年初增减: an amount, in 亿元)
        (change is not None and not h.endswith(w.table_amount_changes, change.start()))
        or (
            len(units) > 1
            and (
                h.endswith(w.table_percent_ends)
                or (w.table_percent_header is not None and w.table_percent_header.match(h) is not None)
            )
        )
        for h, change in zip(headers, changes)
    ]
    if percent and len(units) > 1 and not any(rates):
        # 单位：亿元，% over 1—9月累计 / 同比增减: the % listed is the change column's, whatever 增减 is elsewhere
        rates = [change is not None for change in changes]
    others = [u for u in units if u not in percent]
    levels = [k for k, rate in enumerate(rates) if not rate and not ranked[k]]
    named: dict[int, str] = {}  # 单位：个、亿元、% over 项目个数: the column whose header writes a unit's counter
    if len(units) > 1:
        for u in others:
            holding = [k for k in levels if u in headers[k]]
            if len(holding) == 1 and holding[0] not in named:
                named[holding[0]] = u
        for k in levels:  # 单位：所、人 over 学校数 / 在校生数: the unit that counts what the header names
            stem = headers[k].removesuffix("数")
            counting = [u for u in others if stem.endswith(w.table_unit_counts.get(u, ()))]
            if k not in named and len(counting) == 1:
                named[k] = counting[0]
        others = [u for u in others if u not in named.values()]
        levels = [k for k in levels if k not in named]
    out: list[str | None] = []
    for k, rate in enumerate(rates):
        if ranked[k]:
            out.append(None)
        elif k in named:
            out.append(named[k])
        elif rate:
            out.append(percent[0] if percent else None)
        elif len(units) == 1:
            out.append(units[0])
        elif len(others) == len(levels):
            out.append(others[levels.index(k)])
        else:
            out.append(others[0] if len(others) == 1 else None)
    return out + [None] * (width - len(out))


def _value_change(header: str, change: regex.Match | None, w: _Words) -> bool:
    """Whether a header is a change with no measure of its own (同比, 当月同比, 累计同比): a month's
    row under it is of the caption's measure."""
    return change is not None and (header[: change.start()].strip() in w.table_value_headers or not change.start())


def _header_change(header: str, w: _Words, index: bool = False) -> regex.Match | None:
    """The change a column's header says (比上年同期增长（%）), or, when the header ends in a
    basis (同比, 比上年; CPI同比, 6月环比: a column of growth rates, signed), that basis's growth,
    unless the table holds indices (上年同月=100: 100.6 is no rise of 100.6%)."""
    change = w.change.search(header)
    if change is None and not index and header.endswith(w.table_basis_headers):
        # (CPI同比, 6月环比: a measure's or a month's growth rates)
        change = w.change.search(header + w.table_basis_growth)
    return change


def _cell_change(q: Linked, change: regex.Match, w: _Words, of: Linked | None = None) -> None:
    """The change a table column's header says (比上年同期增长), of a cell written signed
    (-2.8 under 增长 is a fall; 0 is flat), of ``of`` (its row's level) when given."""
    if q.value is None or q.change is not None:
        return
    basis = change.group("basis") or None
    verb = w.directions.get(change.group("verb") or change.group("verb2") or "", "up")
    flipped = {"up": "down", "down": "up"}.get(verb, verb) if q.value < 0 else verb
    q.change = (basis, "flat" if q.value == 0 else flipped, of)
    q.change_rule, q.change_words = "change.table_column", change.group(0)


def _scaled_unit(written: str, lexicon: Lexicon):
    """The scale and unit a unit's words are (亿元 -> 亿, 元), the shortest scale first; None
    when they are none (or a unit read only after Chinese numerals). A rate's unit may be
    written with its one (1/10万: per 100,000, as /10万)."""
    if written.startswith("1/"):
        written = written[1:]
    for n in range(len(written)):
        unit = lexicon.units.get(written[n:])
        if unit is not None and not unit.chinese_only and (n == 0 or written[:n] in lexicon.scales):
            return written[:n], unit
    return None


def _unit_line(norm: str, start: int, end: int, lexicon: Lexicon) -> str | None:
    """A line that is only a unit, with its scale (万吨, 亿千瓦时): a table's unit cell."""
    line = norm[start:end].strip()
    if not line or len(line) > _UNIT_LINE_MAX or _scaled_unit(line, lexicon) is None:
        return None
    return line


_UNIT_LINE_MAX = 8  # (平方公里, 亿千瓦时, 万标准立方米)


def _units_from_list(norm: str, qs: list[Linked], w: _Words, lexicon: Lexicon) -> None:
    """分别为138、135、131微克/立方米; 243.6万、178.2万、97.5万人次; 0.5个和0.8个百分点: numbers
    listed with only separators between them, the last with a unit, the others with none (or
    with only its first word, 个 of 个百分点), are in the last's unit (flagged unit_from_list)."""
    run: list[Linked] = []
    for q in qs:
        if run and not w.list_sep.fullmatch(norm, run[-1].end, q.start):
            run = []
        f = q.figure
        if f.unit is not None and run and f.unit_text and (found := _scaled_unit(f.unit_text, lexicon)):
            scale, words = found[0], f.unit_text[len(found[0]) :]
            for p in run:
                own = p.figure.unit_text or ""
                if scale and not own.startswith(scale):
                    continue  # 146、141万吨: 146吨 or 146万吨? the scale is the last one's only: none
                if p.figure.unit is None or (own and words.startswith(own)):
                    _unit_from_header(p, words, lexicon, "unit_from_list", p.figure.unit is not None)
            run = []
            continue
        bare = f.kind in ("number", "count") and (f.unit is None or f.unit_text in w.unit_first_words)
        run = [*run, q] if bare and f.value is not None else []


def _unit_from_header(
    q: Linked, written: str, lexicon: Lexicon, flag: str = "unit_from_header", own_words: bool = False
) -> None:
    """A cell with no unit of its own under a column header that writes one in brackets
    (绝对值（亿元）): the cell's value in that unit, flagged ``unit_from_header`` (the unit's
    words are the header's, outside the cell's span). ``own_words``: the figure wrote the
    unit's first word (个 of 个百分点), which is no unit of its own; its value is its number's."""
    inner = written.strip().strip("()（）").strip()
    f = q.figure
    if f.value is None or (found := _scaled_unit(inner, lexicon)) is None:
        return
    scale, unit = found
    base = parse_number(f.number_text, lexicon) if own_words else f.value
    if base is None:
        return
    value = parse_number(f.number_text + scale, lexicon) if scale else base  # (as 8532.4亿元 reads)
    if value is None:
        return
    value = exact_product(value, unit.factor)
    q.figure = replace(
        f,
        value=value,
        unit=unit.base,
        unit_text=inner,
        kind=unit.kind,
        unit_id=unit.id,
        flags=[*f.flags, flag],
    )
    q.value, q.unit, q.kind = value, unit.base, unit.kind


def _streaks(text: Text, qs: list[Linked], w: _Words, breaks: _Breaks, dates: _Dates) -> None:
    """连续4年稳定在550亿斤以上: a streak of N years ending in the figure's year is the period
    of the count of years and of the figures after it in its clause (2021/2024). A streak
    written in numerals (连续六年, a date, not a figure) is the same for the figures after
    it in its clause, ending in the year of each one's period."""
    norm = text.norm
    starts = [q.start for q in qs]
    for d in dates.streaks:
        first, _, last = (d.value or "").partition("/")
        n = int(last[:4]) - int(first[:4]) + 1 if first[:4].isdigit() and last[:4].isdigit() else 0
        end = breaks.clause_end(d.end, text.sentence_of(d.start)[1])
        for p in qs[bisect_left(starts, d.end) : bisect_left(starts, end)]:
            year = _last_year(p)
            if n > 1 and year is not None and p.period_source != "clause":
                p.period, p.period_source = d, "clause"
                p.period_value, p.period_rule = f"{year - n + 1}/{year}", "period.streak"
    for i, q in enumerate(qs):
        if not (q.kind == "duration" and q.unit in ("年", "个月") and norm.endswith(w.streak, 0, q.start)):
            continue
        n = q.value
        if n is None or n != int(n) or not 1 < n <= 100 or q.period_source == "clause":
            continue
        if q.unit == "年":
            year = _last_year(q)
            span = f"{year - int(n) + 1}/{year}" if year is not None else None
        else:  # 已连续6个月同比增长: the months through the last of the figure's period
            month = _last_month(q)
            span = f"{periods.add_months(month, 1 - int(n))}/{month}" if month is not None else None
        if span is None:
            continue
        end = breaks.clause_end(q.end, text.sentence_of(q.start)[1])
        for p in qs[i:]:
            if p.start >= end:
                break
            if p is q or (p.period is q.period and p.period_value is None):
                p.period_value, p.period_rule = span, "period.streak"


def _last_month(q: Linked) -> str | None:
    """The last month of a figure's period (2025-01/2025-09 -> 2025-09; 2024 -> 2024-12)."""
    last = (q.period_value or (q.period.value if q.period else None) or "").rsplit("/", 1)[-1]
    if len(last) == 4 and last.isdigit():
        return f"{last}-12"
    return last[:7] if len(last) >= 7 and last[:4].isdigit() and last[5:7].isdigit() else None


def _last_year(q: Linked) -> int | None:
    """The last year of a figure's period (a streak ends in it: 2021-2024年 -> 2024)."""
    value = q.period_value or (q.period.value if q.period else None) or ""
    year = value.rsplit("/", 1)[-1][:4]
    return int(year) if year.isdigit() else None


def _point_basis(qs: list[Linked], w: _Words) -> None:
    """A change against a point (比上年末增加, 较年初提高) is of a stock: it and the figure
    it qualifies are counted at the last day of their period (1-6月 -> 6月30日), as is any
    other change that takes its period from that figure (同比增长9.6%，比年初增加…)."""
    stocks: set[int] = set()
    for q in qs:
        basis = q.change[0] if q.change else None
        if basis and any(word in basis for word in w.point_basis) and q.change_rule != "change.basis_said_before":
            # (not a basis said for a figure before it: …比上年末增加57家，全年营业收入146.2亿元，增长7.6%)
            for p in (q, q.change[2]):  # type: ignore[index]
                if p is not None and _at_end(p, "period.point_basis"):
                    stocks.add(id(p))
            year = (q.period_value or "")[:4]
            if year.isdigit() and any(word in basis for word in w.year_over_year) and basis.endswith(w.point_ends):
                q.basis_period = f"{int(year) - 1}-12-31"  # 比上年末: the last day of the year before the figure's
    for q in qs:
        of = q.change[2] if q.change else q.rank_of
        if of is not None and id(of) in stocks and of.period_value and q.period is of.period and not q.period_value:
            q.period_value, q.period_rule = of.period_value, "period.point_basis"


_STOCK_RULES = ("period.stock_at_end", "period.point_basis")


def _parts_of_stocks(text: Text, qs: list[Linked], w: _Words, breaks: _Breaks) -> None:
    """The parts 其中 lists after a stock or a level reached (全省共有水库3120座，其中大型水库12座、中型水库87座),
    or brackets hold right after one (参保人数52.6万人（在职职工39.8万人，…）), are counted
    at the stock's point too (period.part_of_stock); so are the parts a sentence opening with
    其中 lists after the sentence that gives the stock (年末实有床位3172张，增长3.8%。其中，医院
    床位2364张；基层医疗卫生机构床位718张), its clauses one part each in the unit of the part
    before (a part's share with it: 占74.1%), when
    their own clause or sentence gives them no period."""
    norm = text.norm
    before: Linked | None = None
    last: Linked | None = None  # the last part found
    for q in qs:
        p, before = before, q
        if p is None or q.period is None or q.period_value is not None or q.kind == "rank":
            continue
        sentence = text.sentence_of(q.start)
        clause = breaks.clause_start(sentence[0], q.start)
        bracket = _open_bracket(norm, sentence[0], q.start)
        further = False  # a part in a clause of its own after the sentence's first part
        opens = False  # the sentence opens with 其中 (其中，医院床位2364张)
        if bracket is not None:
            # …比上年末增加1.3万人（在职职工39.8万人，…）: the parts in brackets after a stock
            clause = max(clause, bracket)
        elif w.part_opening.match(norm, clause, q.start) is None:
            lead = w.part_opening.match(norm, sentence[0], clause) if clause > sentence[0] else None
            if lead is not None and not norm[lead.end() : clause].strip(patterns.PART_MARKS):
                opens = True
            elif (
                last is not None
                and last.start >= text.paragraph_of(q.start)[0]
                and _SENTENCE_END not in norm[last.end : q.start]  # (；基层…床位652张: the same sentence)
                and (last.unit == q.unit or (q.kind == "percent" and p is last))  # (…床位2108张，占74.1%)
            ):
                further = True
            else:
                continue
        elif clause == sentence[0]:
            opens = True
        if w.flow_verbs.search(norm, clause, q.start):
            continue  # (其中新增贷款320亿元: a flow, of its own period)
        # the stock: the figure before, whose clause the part opens after, or a part before
        whole = last if further else p if p.end <= clause else None
        if whole is None and p.period_rule == "period.part_of_stock" and p.start >= clause:
            whole = p
        own = q.period_source in ("clause", "sentence") and q.period is not (whole.period if whole else None)
        if whole is not None and whole.start < sentence[0] and not own and opens:
            # 。其中，医院床位2364张: of a level the sentences before gave
            whole = _whole_before(text, qs, q, p)
            if whole is None:
                continue
        elif whole is not None and not further and (whole.start < sentence[0] or whole.period is not q.period):
            continue
        if whole is None:
            continue
        point = whole.period_value
        if point is None and whole.period is not None and whole.period.kind == "date" and whole.period.value:
            point = whole.period.value  # (年末全县实有床位3172张: a stock its own clause puts at a point)
        if (
            point
            and (
                whole.period_rule in (*_STOCK_RULES, "period.level_reached", "period.part_of_stock")
                or not whole.period_value
            )
            and (
                whole.period_rule != "period.level_reached"  # (of a level reached: a part of it, not a doing)
                or (q.unit == whole.unit and not _doing(norm, w, clause, q.start))
            )
        ):
            q.period_value, q.period_rule = point, "period.part_of_stock"
            if q.kind != "percent":
                last = q  # (a part's share does not go on the list of parts: 占74.1%；基层…床位652张)


def _whole_before(text: Text, qs: list[Linked], q: Linked, p: Linked) -> Linked | None:
    """The level a part that opens its sentence with 其中 is of: of the levels of its paragraph
    before it in its unit, the one whose indicator ends most like the part's (…总收入1127.84亿元…。
    年末…累计结存846.39亿元。其中，基本养老保险基金总收入…: the income's, not the balance's),
    if they share two characters or more; else the last of the sentence before (…医疗卫生机构
    1200个，增长2%。其中，医院35个), the figure before it ``p`` being of that sentence."""
    paragraph = text.paragraph_of(q.start)
    lo = paragraph[0] if paragraph else text.sentence_of(p.start)[0]
    levels = [
        r for r in qs if lo <= r.start < q.start and r.change is None and r.kind != "percent" and r.unit == q.unit
    ]
    best, shared = None, 2
    for r in levels:
        n = _shared_end(r.indicator or "", q.indicator or "")
        if n >= shared:
            best, shared = r, n
    if best is not None:
        return best
    last = text.sentence_of(p.start)[0]
    return next((r for r in reversed(levels) if r.start >= last), None)


def _shared_end(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` end alike."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _open_bracket(norm: str, lo: int, pos: int) -> int | None:
    """Where a bracket still open at ``pos`` opened, after ``lo``; None when none is (the
    normalized text writes （） as ())."""
    at = norm.rfind("(", lo, pos)
    if at < 0 or norm.find(")", at, pos) >= 0:
        return None
    return at + 1


_DAYS_LONG = 31  # a release about at most this many days is about an event or a holiday
_QUARTER_DAYS = 89  # a span at least this long (a quarter) is no aside on a month


def _days_between(first: str, last: str | None, days: Decimal | None) -> bool:
    """Whether ``days`` is the length of the span from ``first`` to ``last`` (either way of
    counting its ends): 6月17日 to 7月19日 is 33天, not the 5天 it was late by."""
    a, b = periods.bound_dates(first)[0], periods.bound_dates(last)[0] if last else None
    if a is None or b is None or days is None:
        return False
    span = (b - a).days
    return span <= days <= span + 1


_DAY_RULES = ("period.day_in_clause", "period.day_opening", "period.day_earlier_clause")
_FLOW_KINDS = ("count", "money", "measure")


def _flows_to_point(text: Text, qs: list[Linked], w: _Words, breaks: _Breaks) -> None:
    """A flow under a point (截至9月底，…新改建农村公路342公里) runs from the start of the
    point's year to the point: an amount or a count after a verb of action in its clause,
    unless the clause says 累计 or its indicator is a stock. The rates and ranks that took
    its period take the span too."""
    norm = text.norm
    flow: Linked | None = None  # the last flow: a clause after it with no verb goes on with it
    for q in qs:
        if q.period is None or q.period_value is not None or q.period_rule in _DAY_RULES:
            continue
        value = q.period.value or ""
        if len(value) != 10 or q.kind not in _FLOW_KINDS or (q.indicator and _stock(q.indicator, w)):
            continue
        sentence = text.sentence_of(q.start)
        clause = breaks.clause_start(sentence[0], q.start)
        verb = w.flow_verbs.search(norm, clause, q.start)
        if (
            verb is not None
            and not w.cumulative.search(norm, clause, q.start)
            and not w.stock_verbs.search(norm, verb.end(), q.start)  # 开展…，共有…: what there is
        ) or (
            # 办理质押融资登记9笔，融资金额1.86亿元: the amount of the same doing, in the clause
            # right after the flow's (not one that opens with its own scope: 全市公共充电桩8600个)
            verb is None
            and flow is not None
            and flow.period is q.period
            and clause > sentence[0]
            and breaks.clause_start(sentence[0], clause - 1) <= flow.start < clause
            and not norm.startswith(w.scopes, clause)
            and not w.cumulative.search(norm, clause, q.start)
            and not w.stock_verbs.search(norm, clause, q.start)
            and not w.level_before.search(norm, max(clause, q.start - 4), q.start)
        ):
            q.period_value, q.period_rule = periods.since_year_start(value), "period.flow_to_point"
            flow = q
    for q in qs:
        of = q.change[2] if q.change else q.rank_of
        if of is not None and of.period_rule == "period.flow_to_point" and q.period is of.period and not q.period_value:
            q.period_value, q.period_rule = of.period_value, "period.flow_to_point"


def _record_closes(norm: str, at: int, words: tuple[str, ...]) -> bool:
    """Whether a record word stands at ``at`` and closes its clause (为2020年以来最高；), not one
    that opens a measure's name (今年以来最高气温达到39.6℃)."""
    word = next((x for x in words if norm.startswith(x, at)), None)
    return word is not None and norm[at + len(word) : at + len(word) + 1] in _CLAUSE_CLOSERS


_CLAUSE_CLOSERS = frozenset(("", "）", ")", *(set(CLAUSE_BREAK) - set(":："))))  # (a clause's end, not a colon)


def _past_date(pos: int, dates: _Dates) -> int:
    """Where the text goes on after the date that starts at ``pos`` (今年|计划…), or ``pos``."""
    at = bisect_left(dates.starts, pos)
    return dates[at].end if at < len(dates) and dates[at].start == pos else pos


_POINT_RULES = ("period.stock_at_end", "period.level_reached")  # (a count of what there is, at a point)


def _at_end(q: Linked, rule: str) -> bool:
    """Count ``q`` at the last day of its period (a span); True when it now is."""
    if q.period is None:
        return False
    if q.period_value is not None:
        return True  # already a point (a stock by its indicator)
    last = periods.bounds(q.period.value)[1]
    if last is None or last == q.period.value:
        return q.period.kind == "date"
    q.period_value, q.period_rule = last, rule
    return True


def words(lexicon: Lexicon) -> _Words:
    """The linking words of a lexicon (built once a lexicon), for a caller that asks the
    frame about the dates before linking (see Frame.section_years)."""
    return _words(lexicon)
