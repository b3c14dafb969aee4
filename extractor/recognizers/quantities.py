"""Figures: numbers with their scale, unit or counter, approximation, ranges, percentages
(百分之八十五), ranks (全省排名第2位), and bare numbers whose counter may have been lost.

Figures are found on characters (jieba splits 2.46万户 badly); jieba only vetoes a figure
whose edges cut a word (李四人民币, 三成立, 天然气). Ordinals that name things (十九届,
第二十五次) and named counts (五十周年, 十大典型案例, “两个维护”) are not figures.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from .. import patterns
from ..candidates import QuantityFound
from ..lexicon import Lexicon, Unit, alternation
from ..numerals import chinese_numeral_class, exact_product, parse_number, scale_pattern
from ..text import Text

AR = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
# a minus sign belongs to a number only where it cannot be a dash (同比增长-2.3%)
SIGN = r"(?:(?<![\dA-Za-z.\-~～—月])-)?"
# a list label: 1. 2、 (3) at the start of a line or after 注：
_YEAR = regex.compile(r"(?:19|20)\d{2}")
# a list label (1. 2、 3)) at a line or sentence start (注:1.…。2.…), never a figure
LIST_LABEL = regex.compile(r"(?:^|(?<=[:：\s(（。;；]))" + patterns.LIST_LABEL, regex.MULTILINE)


class _Rules:
    def __init__(self, lexicon: Lexicon) -> None:
        cn = chinese_numeral_class(lexicon)
        digit_chars = "".join(sorted(set(lexicon.digits) | set(lexicon.small_units)))
        # at least one digit or 十/百/千: 亿元以上 is not a number
        self.cn_number = rf"(?={cn}*[{digit_chars}]){cn}+(?:点[{''.join(lexicon.digits)}]+)?"
        scale = scale_pattern(lexicon)
        units = alternation(list(lexicon.units))
        inner = alternation(lexicon.quantities.approx.inner)
        self.prefixes = sorted(lexicon.quantities.approx.prefix, key=len, reverse=True)
        self.suffixes = sorted(lexicon.quantities.approx.suffix, key=len, reverse=True)
        self.prefix_re = patterns.compile(alternation(self.prefixes) + "$", prefer_re=True)
        self.prefix_max = max(map(len, self.prefixes))
        self.suffix_re = patterns.compile(alternation(self.suffixes), prefer_re=True)
        # a word of either kind can be there only next to one of its edge characters: most
        # figures have none, and are not searched (see approx_around)
        self.prefix_last = frozenset(w[-1] for w in self.prefixes if w)
        self.suffix_first = frozenset(w[0] for w in self.suffixes if w)
        dash = alternation(lexicon.quantities.range.connectors)
        rng = lexicon.quantities.range
        rank = lexicon.quantities.rank
        rank_scope = alternation(rank.scopes)
        rank_verb = alternation(rank.verbs)
        rank_counter = alternation(rank.counters)
        # the approximation word inside a figure, before its scale (2300余万元, 1000多万人次)
        # or after it (23万余元, 300余家)
        scaled = rf"(?:(?P<inner>{inner})(?P<scale>{scale})|(?P<scale>{scale})?(?P<inner>{inner})?)"
        self.arabic = regex.compile(rf"(?<![\d.A-Za-z])(?P<num>{SIGN}{AR}){scaled}(?:(?P<unit>{units})|(?![\dA-Za-z]))")
        self.chinese = regex.compile(  # (?={cn}) first, for speed: the scan skips other characters
            rf"(?={cn})(?<!{cn}|第|点)(?P<num>{self.cn_number}){scaled}(?P<unit>{units})"
        )
        self.percent = regex.compile(rf"百分之(?P<num>{self.cn_number}|{AR})")
        self.ga, self.gc = patterns.group_numbers(self.arabic), patterns.group_numbers(self.chinese)
        # A range is tried only where one can start: at a digit of a run of digits, scale and
        # unit characters that a connector and a digit follow (the rest of the pattern implies
        # it; no connector is such a character). The runs are found once, so a run of
        # thousands of numbers and counters (1个1个…) is not scanned again from each of them;
        # the other numbers of the text are never tried, and the unit alternation is not
        # tried after them (a third of the scan's time).
        self.range_dashes = patterns.compile(rf"{dash}(?=\d)", prefer_re=True)
        # (after normalization the only digits are ASCII: the class's \d is these ten)
        self.range_run_chars = frozenset("0123456789,." + "".join(lexicon.scales) + "".join(lexicon.units))
        assert not {w[0] for w in lexicon.quantities.range.connectors} & self.range_run_chars
        self.range_starts = patterns.compile(r"(?<![\d.A-Za-z])\d", prefer_re=True)
        self.range = regex.compile(
            rf"(?<![\d.A-Za-z])(?P<a>{AR})(?P<scale1>{scale})?(?P<unit1>{units})?{dash}"
            rf"(?P<b>{AR})(?P<scale>{scale})?(?:(?P<unit>{units})|(?={alternation(rng.unitless_before)}))"
        )
        self.gr = patterns.group_numbers(self.range)
        ratio = lexicon.quantities.ratio
        self.ratio = (  # 14.3∶1, 1:1.09: one side 1 (a time of day is an identifier: 上午9:30, 15日1:30)
            regex.compile(
                rf"(?<![\d.:A-Za-z])(?:(?P<a>\d+(?:\.\d+)?){alternation(ratio.colons)}1(?![\d.:])"
                rf"|1{alternation(ratio.colons)}(?P<b>\d+(?:\.\d+)?)(?![\d.:]|\p{{Han}}))"
            )
            if ratio is not None
            else None
        )
        # a scope, a rank verb and a scope after it (居全省, 增速居西部地区)
        rank_lead = rf"(?P<scope>{rank_scope})?(?P<verb>{rank_verb})(?P<scope2>{rank_scope}|\p{{Han}}{{2,{rank.free_scope_max}}}?)?"
        self.rank = regex.compile(
            rf"(?:{rank_lead}|(?P<scope3>{rank_scope}))"
            rf"(?P<rank>第(?P<num>\d+|[一二三四五六七八九十]+)(?P<counter>{rank_counter})?)"
        )
        self.bare_rank = regex.compile(rf"(?P<rank>第(?P<num>\d+)(?P<counter>{rank_counter}))")
        self.rank_counters = frozenset(rank.counters)
        self.rank_bands = tuple(rank.bands)
        self.first_rank = (  # 居全省首位: the first place, written with no number
            regex.compile(rf"(?:{rank_lead})(?P<rank>{alternation(rank.first)})") if rank.first else None
        )
        self.rank_next = regex.compile(
            rf"(?:{alternation(rank.listed_after)})(?P<rank>第(?P<num>\d+|[一二三四五六七八九十]+)(?P<counter>{rank_counter}))"
        )
        ordinal = lexicon.quantities.ordinal
        self.ordinal_lost = regex.compile(rf"第(?P<num>\d+)(?=\p{{Han}})(?!{units}|{alternation(ordinal.named_after)})")
        self.not_before_cn = patterns.compile(alternation(lexicon.quantities.chinese.not_before), prefer_re=True)
        self.bare_scale_after = patterns.compile(
            f"(?:{alternation(lexicon.quantities.chinese.bare_scale_after)})$", prefer_re=True
        )
        self.units = lexicon.units
        ident = lexicon.quantities.identifier
        self.identifier_after = patterns.compile(alternation(ident.after), prefer_re=True)
        self.identifier_before = ident.before
        self.hotline = regex.compile(ident.hotline)
        self.hotline_before_word = regex.compile(ident.hotline_before_word)
        self.class_bound = regex.compile(
            rf"(?:{alternation(ident.class_bound)})(?=\p{{Han}})(?!{alternation(ident.class_not_before)})"
        )
        self.identifier_spans = [patterns.compile(p) for p in ident.spans]  # bounded: no time bound needed

    def identifiers(self, text: Text) -> list[tuple[int, int]]:
        """The telephone numbers and standard codes of the text."""
        return [m.span() for p in self.identifier_spans for m in text.finditer(p)]

    def approx_around(self, norm: str, start: int, end: int, inner: str | None) -> str | None:
        if inner:
            return inner
        # (the $ of prefix_re also matches before a line end that ends the window)
        last = norm[start - 1 : start] if start else ""
        if not self.prefix_last or last in self.prefix_last or last == "\n":
            before = self.prefix_re.search(norm, max(0, start - self.prefix_max), start)
            if before:
                return before.group(0)
        if self.suffix_first and norm[end : end + 1] not in self.suffix_first:
            return None
        after = self.suffix_re.match(norm, end)
        return after.group(0) if after else None


@lru_cache(maxsize=4)
def _rules(lexicon: Lexicon) -> _Rules:
    return _Rules(lexicon)


def _cuts_word(text: Text, start: int, end: int, rules: _Rules) -> bool:
    """True when the span starts or ends inside a jieba word (赔偿李四人民币: 四人); an
    approximation word glued to the figure (近九成, 三成以上) does not count."""
    first, last = text.token_at(start), text.token_at(end)
    start_ok = first is None or first[0] == start or text.norm[first[0] : start] in rules.prefixes
    end_ok = last is None or last[0] == end or text.norm[end : last[1]] in rules.suffixes
    return not (start_ok and end_ok)


def _unit_starts_word(text: Text, unit_start: int, unit_end: int) -> bool:
    """True when the unit's last character begins a longer, common word (3天然气, 5项目);
    not when jieba merely glued two counters (6个处)."""
    norm, prefixes = text.norm, text.common_prefixes
    for p in range(unit_start, unit_end):  # (a loop, not any() over a generator: units are short)
        if norm[p : unit_end + 1] in prefixes:
            break
    else:
        return False  # no common word starts in the unit and runs on: no need to cut the block
    token = _word_from_unit(text, unit_start, unit_end)
    if token is None:
        return False
    # the token, or a common word it opens (5|具备条件: 具备, not the counter 具)
    return any(norm[token[0] : k] in text.common for k in range(token[1], unit_end, -1))


def _word_from_unit(text: Text, unit_start: int, unit_end: int) -> tuple[int, int] | None:
    """The jieba token that starts in the unit and runs on past it (12333|人社|服务热线), if any."""
    token = text.token_at(unit_end - 1)
    return token if token is not None and token[0] >= unit_start and token[1] > unit_end else None


def _make(
    m: regex.Match,
    rule: str,
    value: Decimal | None,
    unit: Unit | None,
    number_text: str,
    unit_text: str | None,
    approx: str | None,
    start: int | None = None,
    end: int | None = None,
) -> QuantityFound:
    if unit is None:
        kind, base, unit_id = "number", None, None
    else:
        kind, base = unit.kind, unit.base
        _, unit_id, times_one = _unit_facts(unit)
        if value is not None and not times_one:
            value = exact_product(value, unit.factor)
    return QuantityFound(
        m.start() if start is None else start,
        m.end() if end is None else end,
        rule,
        value=value,
        number_text=number_text,
        unit_text=unit_text,
        unit=base,
        kind=kind,
        approx=approx,
        unit_id=unit_id,
    )


# A unit's id, and whether its factor is exactly 1 (coefficient 1, exponent 0: the exact
# product of a value and it is the value, digit for digit and exponent for exponent), made
# once per unit. Keyed by identity, as patterns._LINEAR: a frozen model's hash hashes every
# field; the unit is kept so its id stays its own.
_UNIT_FACTS: dict[int, tuple[Unit, str, bool]] = {}
_ONE_TUPLE = Decimal(1).as_tuple()


def _unit_facts(unit: Unit) -> tuple[Unit, str, bool]:
    got = _UNIT_FACTS.get(id(unit))
    if got is None or got[0] is not unit:
        got = _UNIT_FACTS[id(unit)] = (unit, unit.id, unit.factor.as_tuple() == _ONE_TUPLE)
    return got


def _after_words(norm: str, pos: int, words: tuple[str, ...]) -> bool:
    """True when one of ``words`` ends just before ``pos``, spaces aside (no copy of the text)."""
    while pos > 0 and norm[pos - 1].isspace():
        pos -= 1
    return norm.endswith(words, 0, pos)


_DIGIT = regex.compile(r"[0-9]")


def _arabic(text: Text, lexicon: Lexicon, rules: _Rules, identifiers: list[tuple[int, int]]) -> list[QuantityFound]:
    out = []
    norm = text.norm
    g = rules.ga
    for m in text.finditer(rules.arabic):
        num, start = m.group(g.num), m.start()
        if norm.endswith("第", 0, start):
            continue  # 第2位 is a rank, 第2批 a named ordinal: see _ranks
        if "," in num and "，" in text.source[m.start(g.num) : m.end(g.num)]:
            continue
        if identifiers and any(a <= start < b for a, b in identifiers):
            continue  # a telephone number, a code, a time of day, the bound of a class
        scale = m.group(g.scale) or ""
        unit_text = m.group(g.unit)
        end = m.end()
        if unit_text and (
            _unit_starts_word(text, m.start(g.unit), m.end(g.unit))
            or (rules.hotline_before_word.fullmatch(num) and _word_from_unit(text, m.start(g.unit), m.end(g.unit)))
        ):
            unit_text, end = None, m.start(g.unit)  # (12333人社服务热线: 人 is no unit there)
        if (
            not unit_text
            and not scale
            and (
                rules.identifier_after.match(norm, end)
                or _after_words(norm, start, rules.identifier_before)
                or rules.hotline.fullmatch(num)
                or LIST_LABEL.match(norm, start)
                or (rules.hotline_before_word.fullmatch(num) and patterns.HAN_CHAR.match(norm, end))
            )
        ):
            continue
        if unit_text is None and m.group(g.inner) and not scale:
            end = m.end(g.inner)
        value = parse_number(num + scale, lexicon)
        unit = rules.units.get(unit_text) if unit_text else None
        if unit is not None and (unit.chinese_only or unit.not_before_number and _DIGIT.match(norm, end)):
            unit, unit_text, end = None, None, m.start(g.unit)  # (1对1帮扶: no pair)
        if unit is not None and not scale and _band(text, rules, start, unit.text):
            continue  # 排名前3位的是…: the places at the top of a ranking, not a count
        if unit is not None and unit.text == "年" and _YEAR.fullmatch(num):
            continue  # 2024年第23期: a year, never a count of years
        if unit is not None and unit.kind not in ("percent", "percentage_point") and rules.class_bound.match(norm, end):
            continue  # 7座以下小型客车: the bound of a class, not a figure
        approx = rules.approx_around(norm, start, end, m.group(g.inner))
        written_unit = (scale + (unit_text or "")) or None
        rule = "quantity.number_unit" if unit else ("quantity.scaled_number" if scale else "quantity.bare_number")
        out.append(_make(m, rule, value, unit, num, written_unit, approx, end=end))
    return out


def _band(text: Text, rules: _Rules, start: int, unit: str | None) -> bool:
    """Whether a count in a rank's counter follows 前 or 后 as a word of its own (排名前三位,
    后3名): the places at the top or bottom of a ranking, no figure (not 目前三名, 会后五名)."""
    if unit not in rules.rank_counters:
        return False
    band = next((b for b in rules.rank_bands if text.norm.endswith(b, 0, start)), None)
    return band is not None and text.is_boundary(start - len(band))


def _chinese(text: Text, lexicon: Lexicon, rules: _Rules, identifiers: list[tuple[int, int]]) -> list[QuantityFound]:
    out = []
    norm = text.norm
    g = rules.gc
    for m in text.finditer(rules.chinese):
        if identifiers and any(a <= m.start() < b for a, b in identifiers):
            continue  # (三次产业结构, 四项社会保险基金: a name that holds a numeral)
        num, scale = m.group(g.num), m.group(g.scale) or ""
        unit = rules.units[m.group(g.unit)]
        if (
            unit.arabic_only
            or _cuts_word(text, m.start(), m.end(), rules)
            or _unit_starts_word(text, m.start(g.unit), m.end(g.unit))
        ):
            continue
        if (
            not m.group(g.inner)
            and not scale
            and unit.kind != "multiple"  # (增长一倍, 近一倍: a figure)
            and (num == "一" or (num == "两" and unit.kind == "count"))
        ):
            continue  # 一个, 一批, 两个: idiom more often than a count
        if (
            num[0] in "百千万亿"
            and not (m.group(g.inner) and unit.kind != "duration")
            and not rules.bare_scale_after.search(norm, max(0, m.start() - 2), m.start())
        ):
            # 每千名, 千万头…工程: a bare order of magnitude names a scale (but 近百件 and 百余场
            # are figures; 百余年历史 is an age, not one)
            continue
        if _inside_quotes(norm, m.start()) or rules.not_before_cn.match(norm, m.end()):
            continue  # “两个确立” is a name; 从四个方面介绍 is the structure of a speech
        if _band(text, rules, m.start(), m.group(g.unit)):
            continue  # 前三位的是平陆县、芮城县、垣曲县: the places ranked first, not a count
        value = parse_number(num + scale, lexicon)
        if not value:
            continue
        approx = rules.approx_around(norm, m.start(), m.end(), m.group(g.inner))
        out.append(_make(m, "quantity.chinese_numeral", value, unit, num, scale + m.group(g.unit), approx))
    for m in text.finditer(rules.percent):
        value = parse_number(m.group("num"), lexicon)
        if value is None:
            continue
        approx = rules.approx_around(norm, m.start(), m.end(), None)
        out.append(
            QuantityFound(
                m.start(),
                m.end(),
                "quantity.percent_words",
                value=value,
                number_text=m.group("num"),
                unit_text="百分之",
                unit="%",
                kind="percent",
                approx=approx,
            )
        )
    return out


def _inside_quotes(norm: str, offset: int) -> bool:
    """True when an opening quote stands at most 12 characters before ``offset`` with no
    closing quote after it (“两个确立”). Only those 12 characters are read: a search back
    to the last quote of the text was a pass over the text per numeral."""
    lo = max(0, offset - 12)
    left = max(norm.rfind("“", lo, offset), norm.rfind('"', lo, offset))
    return left >= 0 and norm.find("”", left + 1, offset) < 0


def _range_matches(text: Text, rules: _Rules):
    """What a scan of the text with ``rules.range`` finds, trying it only at the digits of
    the runs of digit, scale and unit characters that a connector and a digit follow, in
    order, as the scan would (each run read once, back from its connector)."""
    norm, chars = text.norm, rules.range_run_chars
    last = 0
    for dash in rules.range_dashes.finditer(norm):
        run = dash.start()
        while run > last and norm[run - 1] in chars:  # back over the run the connector ends
            run -= 1
        for start in rules.range_starts.finditer(norm, run, dash.start()):
            if (m := text.match(rules.range, start.start())) is not None:
                last = m.end()
                yield m
                break  # (a range ends after its connector: the next starts after it)


def _ranges(text: Text, lexicon: Lexicon, rules: _Rules, identifiers: list[tuple[int, int]]) -> list[QuantityFound]:
    out = []
    g = rules.gr
    for m in _range_matches(text, rules):
        if identifiers and any(a <= m.start() < b for a, b in identifiers):
            continue  # (0—14岁人口: an age group's bounds, no range of a figure)
        unit1, unit = m.group(g.unit1), m.group(g.unit)
        if unit1 and unit1 != unit:
            continue
        scale = m.group(g.scale) or ""
        low = parse_number(m.group(g.a) + (m.group(g.scale1) or scale), lexicon)
        high = parse_number(m.group(g.b) + scale, lexicon)
        if low is None or high is None or high <= low:
            continue
        u = rules.units[unit] if unit else None
        q = _make(
            m,
            "quantity.range",
            low,
            u,
            text.norm[m.start() : m.end(g.b)],
            (scale + (unit or "")) or None,
            rules.approx_around(text.norm, m.start(), m.end(), None),
        )
        q.value_max = exact_product(high, u.factor) if u else high
        out.append(q)
    return out


def _ratios(text: Text, lexicon: Lexicon, rules: _Rules, identifiers: list[tuple[int, int]]) -> list[QuantityFound]:
    """生师比14.3∶1: the side that is not 1, as one figure of kind rate."""
    out: list[QuantityFound] = []
    if rules.ratio is None:
        return out
    for m in text.finditer(rules.ratio):
        if any(a < m.end() and m.start() < b for a, b in identifiers):
            continue
        number = m.group("a") or m.group("b")
        value = parse_number(number, lexicon)
        if value is None:
            continue
        out.append(QuantityFound(m.start(), m.end(), "quantity.ratio", value=value, number_text=number, kind="rate"))
    return out


def _rank(m: regex.Match, rule: str, value: Decimal, scope: str | None) -> QuantityFound:
    """The rank a match's ``rank`` group holds (第2位, 第一名)."""
    return QuantityFound(
        m.start("rank"),
        m.end("rank"),
        rule,
        value=value,
        number_text=m.group("num"),
        unit_text=m.group("counter"),
        unit=m.group("counter"),
        kind="rank",
        rank_scope=scope,
    )


def _ranks(text: Text, lexicon: Lexicon, rules: _Rules) -> list[QuantityFound]:
    out = []
    seen = set()
    for pattern, rule in ((rules.rank, "quantity.rank"), (rules.bare_rank, "quantity.rank_ordinal")):
        for m in text.finditer(pattern):
            start, end = m.start("rank"), m.end("rank")
            if (start, end) in seen:
                continue
            value = parse_number(m.group("num"), lexicon)
            if value is None:
                continue
            seen.add((start, end))
            groups = m.groupdict()
            out.append(_rank(m, rule, value, groups.get("scope2") or groups.get("scope") or groups.get("scope3")))
    for m in text.finditer(rules.first_rank) if rules.first_rank is not None else ():
        if not (text.is_boundary(m.start("verb")) and text.is_boundary(m.end("verb"))):
            continue  # 节能减排放在首位, 城乡居民…摆在首位: no rank verb there (排 of 减排, 居 of 居民)
        if (m.start("rank"), m.end("rank")) not in seen:
            seen.add((m.start("rank"), m.end("rank")))
            scope = m.group("scope2") or m.group("scope")
            out.append(
                QuantityFound(
                    m.start("rank"),
                    m.end("rank"),
                    "quantity.rank_first",
                    value=Decimal(1),
                    kind="rank",
                    rank_scope=scope,
                )
            )
    for r in list(out):  # 第一位和第二位: one more of the list, after a rank (and after that one)
        while (m := text.match(rules.rank_next, r.end)) is not None and (m.start("rank"), m.end("rank")) not in seen:
            value = parse_number(m.group("num"), lexicon)
            if value is None:
                break
            seen.add((m.start("rank"), m.end("rank")))
            r = _rank(m, "quantity.rank_listed", value, r.rank_scope)
            out.append(r)
    for m in text.finditer(rules.ordinal_lost):
        out.append(
            QuantityFound(
                m.start(),
                m.end(),
                "quantity.ordinal_no_counter",
                value=parse_number(m.group("num"), lexicon),
                number_text=m.group("num"),
                kind="ordinal",
            )
        )
    return out


def recognize(text: Text, lexicon: Lexicon) -> list[QuantityFound]:
    """Every figure candidate; overlaps with dates, noise and each other go to ``resolve``."""
    rules = _rules(lexicon)
    identifiers = rules.identifiers(text)
    return (
        _arabic(text, lexicon, rules, identifiers)
        + _chinese(text, lexicon, rules, identifiers)
        + _ranges(text, lexicon, rules, identifiers)
        + _ranks(text, lexicon, rules)
        + _ratios(text, lexicon, rules, identifiers)
    )
