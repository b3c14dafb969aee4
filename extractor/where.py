"""Where and what: the release's jurisdiction, each figure's area and its indicator id, the
parts that make a figure a row (area, indicator, period, value, unit).

The jurisdiction, the first that gives one:
``area.given`` (the caller's ``area``), ``area.publisher`` (the header's 发布机构 or 发布单位
starts with it: 亳州市市场监督管理局 -> 亳州市), ``area.title`` (the first place named in the
title: 2024年湖北省国民经济和社会发展统计公报), ``area.source_line`` (the source a page names
near its top: 来源：襄阳日报), ``area.title_line`` (in a line of the title under the page's
heading), ``area.speaker`` (the organization of a 发布会's speaker or host that names its
place: 吉林省农业农村厅), ``area.dateline`` (a news item's opening: 扬州日报讯,
新华社合肥10月8日电), ``area.signature`` (an organization on one of the last lines:
湖北省统计局), ``area.organization`` (the first organization of the body whose name starts
with a place below the country).

A figure's area is the nearest place before it that says where: a place name or an
organization named with its place (蒙城县, 亳州市市场监管局), or a scope word resolved
against the jurisdiction (全市 of 蒙城县 -> 亳州市; 全国). The nearest one in its clause
(``area.clause``), else in its sentence (``area.sentence``), else one opening a clause
earlier in its paragraph (``area.paragraph``), else the jurisdiction (``area.reference``). A
place after a comparison word (高于全省平均水平) is compared with, not described; one outside
the jurisdiction before 旅客/游客/客商/籍 or after 来自 is where the people counted come from
(台湾旅客 in a Hong Kong release), not where; a place
in a list (长沙、株洲、衡阳三个城市) is one of several, not where; a scope word before a rank
word (全省排名第2) or inside a rank's scope (位列全国…第12位) is where the rank was taken, not
the ranked place; the count of the set a rank is taken among (居全省21个地市第4位) is of that
scope (``area.set_scope``). A list of places before 分别 gives each figure after it its own
(``area.respectively``: 广陵区、邗江区分别新增23个和19个).

The indicator id is the vocabulary's entry for the indicator as written
(``indicator_id.vocabulary``), or for the indicator without the place it starts with
(``indicator_id.after_place``: 陕西省货物贸易进出口总值), or without the body it starts with
(``indicator_id.after_org``: 宜兴市人民法院执行到位金额), or up to a word that says what the
figure did (``indicator_id.before_cut``: 森林火灾受害率控制在), or for a word that goes on from the
figure before it in a list read with that figure's phrase (``indicator_id.listed_after``:
发生生产安全事故15起、死亡12人), or a short phrase opening a clause read with the amount
before it up to its 。 (``indicator_id.clause_after``: 商品房销售面积…；销售额); a change or a
rank without one takes the id of the figure it qualifies (``indicator_id.of_qualified``), and a
stock's change in amount against a point is the measure whose ``increase_of`` names the stock
(``indicator_id.increase_of``: 存款余额…比年初增加 -> 新增存款). Who or what did the verb before the measure
is read with it (``indicator_id.subject``: 规模以上服务业企业实现营业收入), after a counted noun read
after the verb right before its count (``indicator_id.verb_before_count``: 扶持4100余人自主创业 ->
扶持自主创业); a part after 其中 is read with its whole, never as the whole's own entry; a doer that
is a part of the place (the vocabulary's ``narrowed_by``: 重点景区共接待游客) makes the
figure, and its growth, a part of the measure: no id. In a release whose title names a field of the
vocabulary's ``contexts`` the phrase is first read as that field's measure
(``indicator_id.release_field``: 个人住房贷款 in a 住房公积金 report). A rank or a comparing
percentage with none, and no figure it is known to qualify, takes the id of the last figure
of its sentence that has one (``indicator_id.compared``). An entry with ``only_in`` is one
bureau's own measure, given only where the release's title or publisher names it. A figure
of another kind than the entry's level (a count where it is money, a share after 占) gets
none.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, takewhile

import regex

from . import patterns, reference
from .areas import LEVEL_RANK, Area, AreaTable, Prefix, areas
from .candidates import EntityFound, SectionFound
from .charmap import simplified
from .indicator_ids import Indicator, Vocabulary, vocabulary
from .lexicon import Lexicon, alternation
from .link import CLAUSE_BREAK, Linked, not_in_name
from .recognizers import structure as structure_rec
from .text import Text, normalize


@dataclass(slots=True)
class Placed:
    """An area and how it was read: the rule, and the words (a place, a scope word)."""

    area: Area
    rule: str
    span: tuple[int, int] | None = None

    @property
    def source(self) -> str:
        return _SOURCES.get(self.rule) or self.rule.removeprefix("area.")


_SOURCES = {f"area.{s}": s for s in ("clause", "sentence", "paragraph", "reference")} | {
    "area.respectively": "sentence",
    "area.of_qualified": "sentence",  # (the place of what it qualifies, in its sentence)
    "area.table_row": "row",
    "area.set_scope": "clause",  # (the scope word before the count, in its clause)
}


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    area: Area


@dataclass(frozen=True)
class _Words:
    scope: patterns.Pattern
    kinds: dict[str, str]
    compared: regex.Pattern
    opening_lead: int
    list_marks: frozenset[str]
    list_separators: frozenset[str]
    separators_longest: tuple[str, ...]  # (the same, longest first: 以及 before 及)
    respectively: regex.Pattern  # 分别, and words that go on with a list given before (分列)
    respectively_gap: int  # at most this many characters between a list's last place and 分别
    respectively_reach: int  # … or this many, from a list that opens the sentence
    turn_label: regex.Pattern | None  # a press conference's speaker label (【发布人 覃立新】, 赵振宇：)
    turn_label_words: tuple[str, ...]  # … a questioner's or the host's, in a press conference
    turn_question_words: tuple[str, ...]  # … a questioner's (记者): the turn after it answers
    clause_break: patterns.Pattern
    source_label: regex.Pattern
    source_lines: int
    rank_verb: regex.Pattern  # a rank verb ending right before a place (位列全国)
    dateline: regex.Pattern  # a news item's opening: 扬州日报讯, 新华社合肥10月8日电
    rank_verb_reach: int
    origin_after: tuple[str, ...]  # after a place: where the people counted come from (香港旅客)
    origin_before: regex.Pattern  # … or before one (来自福建省的旅客)
    scope_before: regex.Pattern  # a scope word right before a position
    table_cell: regex.Pattern  # a line that is only a number: a table's cell
    table_row_cells: int


@lru_cache(maxsize=8)
def _words(lexicon: Lexicon) -> _Words:
    area = lexicon.linking.area
    not_before = alternation(list(lexicon.linking.scope.not_before))
    return _Words(
        # (the single characters and the words scanned for over the whole text: re where it takes them)
        scope=patterns.compile(
            rf"(?:{alternation(list(area.scope_kinds))})(?!{not_before})"
            + not_in_name(list(area.scope_kinds), lexicon.linking.scope),
            prefer_re=True,
        ),
        kinds=dict(area.scope_kinds),
        compared=regex.compile(rf"(?:{alternation(list(area.compared_before))})$"),
        opening_lead=area.opening_lead,
        list_marks=frozenset(area.list_marks),
        list_separators=frozenset(lexicon.linking.lists.separators),
        separators_longest=tuple(sorted(lexicon.linking.lists.separators, key=len, reverse=True)),
        respectively=regex.compile(alternation([lexicon.linking.lists.respectively, *area.respectively_more])),
        respectively_gap=area.respectively_gap,
        respectively_reach=area.respectively_reach,
        turn_label=regex.compile(area.turn_label) if area.turn_label else None,
        turn_label_words=tuple(area.turn_label_words),
        turn_question_words=tuple(area.turn_question_words),
        clause_break=patterns.compile("[" + regex.escape(CLAUSE_BREAK) + "]", prefer_re=True),
        source_label=regex.compile(rf"(?:{alternation(list(area.source_labels))})[:：]\s*(?P<name>[^\s|｜]+)"),
        source_lines=area.source_lines,
        rank_verb=regex.compile(
            rf"(?:{alternation(list(lexicon.quantities.rank.verbs) + list(area.rank_scope_before))})$"
        ),
        dateline=regex.compile(
            rf"(?P<name>[^\s，。,（(]{{2,{area.dateline_max}}}?)(?:{alternation(list(area.dateline_ends))})"
        ),
        rank_verb_reach=max(map(len, lexicon.quantities.rank.verbs)),
        origin_after=area.origin_after,
        origin_before=regex.compile(rf"(?:{alternation(list(area.origin_before))})$"),
        scope_before=regex.compile(rf"(?:{alternation(list(area.scope_kinds))})$"),
        table_cell=regex.compile(area.table_cell),
        table_row_cells=area.table_row_cells,
    )


def jurisdiction(
    text: Text,
    lexicon: Lexicon,
    publisher: tuple[str, tuple[int, int]] | None,
    title: tuple[int, int] | None,
    entities: list[EntityFound],
    excluded: list[tuple[int, int]],
    given: Area | None = None,
    speakers: list[tuple[str, tuple[int, int]]] = (),  # type: ignore[assignment]
) -> Placed | None:
    """The area the release speaks for (see the module's doc). ``publisher``: the header's
    publisher as written and its span; ``speakers``: the 发布会 block's speakers and host as
    written (their organization first) and their spans; ``excluded``: header lines, noise
    and the title."""
    if given is not None:
        return Placed(given, "area.given")
    table = areas()
    if publisher is not None:
        raw, span = publisher
        prefix = _org_prefix(normalize(raw))
        if prefix is not None and prefix.area is not None:
            return Placed(prefix.area, "area.publisher", (span[0], span[0] + len(prefix.text)))
    if title is not None and (found := _title_place(text, table, title, entities)) is not None:
        return found
    w = _words(lexicon)
    for start, end in text.paragraphs[: w.source_lines]:
        for m in w.source_label.finditer(text.norm, start, end):
            prefix = _org_prefix(m.group("name"))
            if prefix is not None and prefix.area is not None:
                return Placed(prefix.area, "area.source_line", (m.start("name"), m.start("name") + len(prefix.text)))
    opening = reference.opening_paragraphs(text, title, excluded)
    heading = list(takewhile(lambda p: reference.is_title_line(text, *p), opening))  # the title's lines
    for start, end in heading:
        if structure_rec.SECTION.match(text.norm, start, end):
            continue
        found = table.first_in(text.norm, start, end)
        if found is not None and found[1].area is not None:
            pos, prefix = found
            return Placed(prefix.area, "area.title_line", (pos, pos + len(prefix.text)))
    for raw, span in speakers:
        prefix = _org_prefix(normalize(raw))
        if prefix is not None and prefix.area is not None and prefix.area.level != "country":
            return Placed(prefix.area, "area.speaker", (span[0], span[0] + len(prefix.text)))
    for start, end in opening[len(heading) : len(heading) + 1]:
        dateline = w.dateline.match(text.norm, start, end)
        found = table.first_in(text.norm, start, dateline.end("name")) if dateline else None
        if found is not None and found[1].area is not None:
            pos, prefix = found
            return Placed(prefix.area, "area.dateline", (pos, pos + len(prefix.text)))
    for start, end in reference.signature_lines(text, lexicon, excluded):
        found = table.first_in(text.norm, start, end)
        if found is not None and found[1].area is not None:
            pos, prefix = found
            return Placed(prefix.area, "area.signature", (pos, pos + len(prefix.text)))
    for e in entities:
        if e.type != "organization" or any(s <= e.start < x for s, x in excluded):
            continue
        prefix = _org_prefix(text.norm[e.start : e.end])
        if prefix is not None and prefix.area is not None and prefix.area.level != "country":
            return Placed(prefix.area, "area.organization", (e.start, e.start + len(prefix.text)))
    return None


def _title_place(text: Text, table: AreaTable, title: tuple[int, int], entities: list[EntityFound]) -> Placed | None:
    """The place a title names: the first that stands on its own (…统计公报 of 湖北省), over
    one that only opens an organization's name (西安海关…陕西省外贸进出口情况: 陕西省; a
    title naming its publisher alone, 亳州市市场监管局召开…, gives the publisher's)."""
    orgs = {e.start for e in entities if e.type == "organization" and title[0] <= e.start < title[1]}
    first: Placed | None = None
    pos = title[0]
    while (found := table.first_in(text.norm, pos, title[1])) is not None:
        at, prefix = found
        pos = at + len(prefix.text)
        if prefix.area is None:
            continue
        placed = Placed(prefix.area, "area.title", (at, pos))
        if at not in orgs:
            return placed
        first = first or placed
    return first


def _mentions(
    text: Text, lexicon: Lexicon, entities: list[EntityFound], home: Area | None, turns: _Turns | None = None
) -> list[_Mention]:
    """Every place, organization with its place, and scope word that names an area, in
    text order; none after a comparison word."""
    w = _words(lexicon)
    table = areas()
    norm = text.norm
    # (an autonomous region, 内蒙古自治区, or a municipality, 重庆市, is as much a province)
    province = next((a for a in (home, *table.parents(home)) if a.level == "province"), None) if home else None
    out: list[_Mention] = []
    turns = turns or _Turns(text, w)
    for e in entities:
        name = text.norm[e.start : e.end]
        if e.type == "place":
            end = e.end
            if _name_ends().match(norm, end) and (longer := table.full_name_ending(norm, end + 1)):
                if longer[0] == e.start:  # 柳江 (a river's name) + 区 is 柳江区: the division's whole name
                    name, end = norm[e.start : end + 1], end + 1
            area = _place(name, province)
            if area is not None:
                out.append(_Mention(e.start, end, area))
        elif e.type == "organization":
            prefix = _org_prefix(name)  # (a national body, 国家知识产权局, is cited more than it says where)
            if prefix is not None and prefix.area is not None and prefix.area.level != "country":
                out.append(_Mention(e.start, e.start + len(prefix.text), prefix.area))
    taken = sorted((m.start, m.end) for m in out)
    taken_starts = [s for s, _ in taken]
    reach = list(accumulate((e for _, e in taken), max))  # the furthest end of the spans up to each
    for m in _name_ends().finditer(text.norm):  # divisions the entity recognizer does not know (南康区)
        found = table.full_name_ending(text.norm, m.end())
        if found is None or not text.is_boundary(found[0]):
            continue
        k = bisect_left(taken_starts, m.end())  # (the spans that start before the name ends…)
        if k and reach[k - 1] > found[0]:
            continue  # (…and one of them ends after it starts: an entity holds it)
        # a name read off the text is weaker than an entity: only a division of the release's
        # province (会同县委组织部 in a Henan county's release is 会同 + 县委, not Hunan's 会同县)
        inside = tuple(a for a in found[1] if province is None or table.contains(province, a))
        area = _one(table, inside, province) if inside else None
        if area is not None:
            out.append(_Mention(found[0], m.end(), area))
    named = sorted(out, key=lambda m: m.start)
    named_starts = [m.start for m in named]
    for m in w.scope.finditer(norm):
        if w.rank_verb.search(norm, max(0, m.start() - w.rank_verb_reach), m.start()):
            continue  # 居全省第2位, 在全省11个设区市中: the frame of a rank, where no figure is
        kind = w.kinds[m.group()]
        area = _scope_area(table, kind, home)
        if home is not None and kind != "国" and table.enclosing(home, kind) is None:
            # 全市 in a province's release: the city its paragraph named last before it
            paragraph = text.paragraph_of(m.start())
            lo = turns.start(paragraph[0]) if paragraph else m.start()
            k = bisect_left(named_starts, m.start()) - 1
            while k >= 0 and named[k].start >= lo:
                if named[k].area.name.endswith(kind) and table.contains(home, named[k].area):
                    area = named[k].area
                    break
                k -= 1
        if area is not None:
            out.append(_Mention(m.start(), m.end(), area))
    out = [m for m in out if not w.compared.search(norm, max(0, m.start - 4), m.start)]
    # a place inside a quoted name (“浙江安全码”, “赣服通”) is part of the name, not where
    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(norm)]
    if quoted:
        quoted_starts = [a for a, _ in quoted]
        out = [
            m
            for m in out
            if (k := bisect_right(quoted_starts, m.start) - 1) < 0
            or not (m.end <= quoted[k][1] and m.start > quoted[k][0])
        ]
    # 香港旅客 in a Macao release, 来自福建省的旅客: where they come from, when that is outside
    # the jurisdiction (黄山市游客接待量 in a release of 安徽省 is where they are counted)
    outside = {
        (m.start, m.end)
        for m in out
        if not w.scope.fullmatch(norm, m.start, m.end)
        and home is not None
        and m.area != home
        and not table.contains(home, m.area)
    }
    out = [
        m
        for m in out
        if (m.start, m.end) not in outside
        or not (norm.startswith(w.origin_after, m.end) or w.origin_before.search(norm, max(0, m.start - 2), m.start))
    ]
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def _listed(norm: str, w: _Words, m: _Mention, figure_ends: dict[int, int]) -> bool:
    """A place in a list of places (长沙、株洲、衡阳三个城市), which says no one place; a place
    with its own figure in brackets, or right after it and then the list goes on or ends
    (南康区（29微克/立方米）、赣县区（27…）; 绩溪县28微克/立方米、旌德县30微克/立方米), is not."""
    after = norm[m.end : m.end + 1]
    if after in w.list_marks:
        return True
    if norm[max(0, m.start - 1) : m.start] not in w.list_marks or after in "（(":
        return False
    own = figure_ends.get(m.end)  # (绩溪县、旌德县5个乡镇…: a count of its parts, not its figure)
    return own is None or norm[own : own + 1] not in _OWN_FIGURE_ENDS


_OWN_FIGURE_ENDS = frozenset("、，,；;。") | {""}


_QUOTED = regex.compile(r"“[^“”\n]{1,16}”")  # a quoted name


@lru_cache(maxsize=1)
def _name_ends() -> patterns.Pattern:
    """The last characters of the divisions' full names, where a name can end."""
    return patterns.compile("[" + "".join(sorted(areas().name_ends)) + "]", prefer_re=True)


@lru_cache(maxsize=8192)
def _org_prefix(name: str) -> Prefix | None:
    """The place an organization's name starts with; for a national body's local office
    (国家税务总局桐乡市税务局) the place named after the national part. (Names recur across
    releases: each is read once.)"""
    table = areas()
    prefix = table.org_prefix(name)
    if prefix is not None and prefix.area is not None and prefix.area.level == "country":
        inner = table.first_in(name, len(prefix.text))
        if inner is not None and inner[1].area is not None:
            pos, found = inner
            return Prefix(name[: pos + len(found.text)], found.areas)
    return prefix


@lru_cache(maxsize=8192)
def _place(name: str, province: Area | None) -> Area | None:
    """The division a place entity names (read once per name and province)."""
    table = areas()
    return _one(table, table.find(name), province)


def _one(table: AreaTable, found: tuple[Area, ...], province: Area | None) -> Area | None:
    """The one division a name means: within the release's province when several share it,
    then the highest (长沙 is 长沙市, not 长沙县); None when it stays ambiguous."""
    if len(found) > 1 and province is not None:
        found = tuple(a for a in found if table.contains(province, a)) or found
    if len(found) > 1:
        top = min(LEVEL_RANK[a.level] for a in found)
        found = tuple(a for a in found if LEVEL_RANK[a.level] == top)
    return found[0] if len(found) == 1 else None


def figure_areas(
    text: Text,
    lexicon: Lexicon,
    figures: list[Linked],
    entities: list[EntityFound],
    home: Placed | None,
) -> dict[int, Placed]:
    """Each figure's area (by the identity of its linked record); a figure with none is
    left out."""
    w = _words(lexicon)
    turns = _Turns(text, w)
    found = _mentions(text, lexicon, entities, home.area if home else None, turns)
    figure_ends = {q.start: q.end for q in figures}
    mentions = [m for m in found if not _listed(text.norm, w, m, figure_ends)]
    ends = [m.end for m in mentions]
    # (a table row's label, 中江县  17  13.3  41, is the area of its own row's cells only)
    openings = [m for m in mentions if _opens_clause(text, w, m) and not _row_label(text, m)]
    opening_ends = [m.end for m in openings]
    out: dict[int, Placed] = {}
    at_home = Placed(home.area, "area.reference") if home is not None else None  # (one record for all)
    norm = text.norm
    made: dict[tuple[int, str], Placed] = {}

    def placed(m: _Mention, rule: str) -> Placed:  # (one record per mention and rule)
        key = (m.start, rule)
        got = made.get(key)
        if got is None:
            got = made[key] = Placed(m.area, rule, (m.start, m.end))
        return got

    for q in figures:
        sentence = text.sentence_of(q.start)
        i = bisect_right(ends, q.start) - 1
        while i >= 0 and (mentions[i].start >= q.start or _ranked_in(text, w, q, mentions[i])):
            i -= 1  # (not one starting inside the figure, nor the scope a rank was taken in)
        if i >= 0 and mentions[i].start >= sentence[0] and not w.clause_break.search(norm, mentions[i].end, q.start):
            out[id(q)] = placed(mentions[i], "area.clause")  # the nearest in the figure's clause
            continue
        of = q.change[2] if q.change else None
        if (
            of is not None
            and of.start >= sentence[0]
            and (own := out.get(id(of))) is not None
            and own.rule == "area.clause"
            and ")" not in norm[of.end : q.start]  # (（其中红花岗区38.7万人次），同比增长: a part's)
        ):
            # 娄山关景区（汇川区）接待游客29.4万人次，同比增长17.4%: the growth is of that place's
            out[id(q)] = Placed(own.area, "area.of_qualified", own.span)
            continue
        # else the nearest opening a clause: in the sentence, else earlier in the paragraph
        j = bisect_right(opening_ends, q.start) - 1
        while j >= 0 and (openings[j].start >= q.start or _ranked_in(text, w, q, openings[j])):
            j -= 1
        m = openings[j] if j >= 0 else None
        paragraph = text.paragraph_of(q.start)
        if m is not None and m.start >= sentence[0]:
            out[id(q)] = placed(m, "area.sentence")
        elif m is not None and paragraph is not None and m.start >= turns.start(paragraph[0]):
            out[id(q)] = placed(m, "area.paragraph")
        elif at_home is not None and q.period_rule not in _DEFINING:  # (a note or a threshold defines, of no place)
            out[id(q)] = at_home
    for q in figures:
        if q.period_rule == "period.count_of_a_set" and (m := _set_scope(text, w, q, home)) is not None:
            out[id(q)] = placed(m, "area.set_scope")  # 居全省21个地市第4位: 21 of the province's
    for q, m in _respectively(text, w, figures, found):
        out[id(q)] = placed(m, "area.respectively")
    for q in figures:  # 江油市、三台县分别…286.4亿元、201.3亿元，增长5.2%、6.1%: each change its level's place
        of = q.change[2] if q.change else None
        own = out.get(id(of)) if of is not None else None
        now = out.get(id(q))
        if (
            own is not None
            and own.rule == "area.respectively"
            and text.sentence_of(of.start) == text.sentence_of(q.start)  # type: ignore[union-attr]
            and (now is None or now.rule not in ("area.clause", "area.respectively"))
        ):
            out[id(q)] = Placed(own.area, "area.of_qualified", own.span)
    for q, m in _table_rows(text, w, figures, found):
        out[id(q)] = placed(m, "area.table_row")
    found_starts = [m.start for m in found]  # (in text order)
    for q in figures:  # 1  平陆县  3.46 …: a ranking row's rank is of the place after it, its label
        if (
            q.indicator_rule in ("indicator.table_rank", "indicator.table_rank_key")
            and (paragraph := text.paragraph_of(q.start)) is not None
        ):
            k = bisect_left(found_starts, q.end)
            if k < len(found) and found[k].start < paragraph[1]:
                out[id(q)] = placed(found[k], "area.table_row")
    return out


def _set_scope(text: Text, w: _Words, q: Linked, home: Placed | None) -> _Mention | None:
    """The scope word right before the count of a set (全省21个地市, 在全省11个设区市中), as a
    mention of the area it names."""
    m = w.scope_before.search(text.norm, max(0, q.start - 3), q.start)
    if m is None or home is None:
        return None
    area = _scope_area(areas(), w.kinds[m.group()], home.area)
    return _Mention(m.start(), m.end(), area) if area is not None else None


def _scope_area(table: AreaTable, kind: str, home: Area | None) -> Area | None:
    """The area a scope word of this kind names (全国; 全市 of 蒙城县 -> 亳州市), or None."""
    if kind == "国":
        return table.national
    return (table.enclosing(home, kind) or home) if home else None


def _table_rows(text: Text, w: _Words, figures: list[Linked], mentions: list[_Mention]):
    """A table written one cell per line: each cell (a line that is only a number) after a
    line that is a place, or an office named by its place, with only cells between, is that
    place's: (cell, mention) pairs."""
    norm = text.norm
    lines = text.paragraphs
    starts = [p[0] for p in lines]
    heads = {m.start: m for m in mentions}
    for q in figures:
        i = bisect_right(starts, q.start) - 1
        if i < 0 or not w.table_cell.fullmatch(norm, *lines[i]):
            continue
        k = i - 1
        while k >= 0 and i - k <= w.table_row_cells and w.table_cell.fullmatch(norm, *lines[k]):
            k -= 1
        if k < 0 or i - k > w.table_row_cells:
            continue
        head = heads.get(lines[k][0])
        if head is not None and not any(c.isdigit() for c in norm[lines[k][0] : lines[k][1]]):
            yield q, head


def _respectively(text: Text, w: _Words, figures: list[Linked], mentions: list[_Mention]):
    """广陵区、邗江区、江都区分别新增23个、19个和17个: each figure after 分别 is the place of
    its rank in the list before it, when the counts agree; so is each rank (分别居全省第一位和
    第二位). A later 分别 (or 分列) of the sentence with no list of its own goes on with the
    sentence's list (…分别为87.4%、91.2%，同比分别上升4.3、1.8个百分点)."""
    norm = text.norm
    starts = [q.start for q in figures]
    given: tuple[tuple[int, int], list[_Mention]] | None = None  # (sentence, its last list)
    for marker in w.respectively.finditer(norm):
        sentence = text.sentence_of(marker.start())
        places, end = _place_list(text, w, mentions, sentence, marker.start()) or (None, 0)
        if places is None or marker.start() - end > w.respectively_gap:
            # a list further back, or the sentence's: not when 分别's own clause lists
            # something else (检查企业和个体户分别为…, 城镇和农村分别增长…)
            named = {p.end + end - places[-1].end for p in places} if places else set()  # (人民法院、…)
            places = places or (given[1] if given is not None and given[0] == sentence else None)
            if places is not None and _own_list(text, w, mentions, sentence, marker.start(), named):
                places = None
        if places is None:
            continue
        given = (sentence, places)
        after = figures[bisect_left(starts, marker.end()) : bisect_left(starts, sentence[1])]
        for ranks in (False, True):
            run: list[Linked] = []
            for q in after:
                if (q.kind == "rank") != ranks:
                    continue
                if run and w.clause_break.search(norm, run[-1].end, q.start):
                    break
                run.append(q)
            if ranks and run and w.clause_break.search(norm, marker.end(), run[0].start):
                continue  # (ranks of a later clause go with that clause's 分别)
            if len(run) == len(places):
                yield from zip(run, places)


def _own_list(
    text: Text, w: _Words, mentions: list[_Mention], sentence: tuple[int, int], marker: int, named: set[int]
) -> bool:
    """Whether the clause of 分别 lists things of its own before it: a separator (、和及与)
    with no place ending right before it (企业和个体户分别…, 城镇和农村分别…), nor a place's
    words of a named list (``named``: 天宁区人民法院、…)."""
    norm = text.norm
    lo = max([sentence[0], *(b.end() for b in w.clause_break.finditer(norm, sentence[0], marker))])
    ends = {m.end for m in mentions} | named
    return any(norm[i] in w.list_separators and i not in ends for i in range(lo + 1, marker))


_COMMAS = frozenset("，,")


class _Turns:
    """A press conference's answers: a speaker's label on a line of its own (【发布人 覃立新】,
    赵振宇：) starts a turn, and what an answer says where it is about (假期，张家界市共接待
    游客…) goes on over the answer's paragraphs, as a paragraph's opening place goes on over its
    sentences. Only in a release whose labels name a questioner or the host (linking.toml's
    turn_label_words, so that page furniture or headings, 【工业】, 工业生产：, are none), and only
    in a turn that answers a question (the label before it a questioner's)."""

    def __init__(self, text: Text, w: _Words) -> None:
        norm, labels = text.norm, []
        if w.turn_label is not None:
            for a, b in text.paragraphs:
                m = w.turn_label.fullmatch(norm, a, b)
                if m is not None:
                    labels.append((a, m.group("bracketed") or m.group("said") or m.group("name") or ""))
        named = any(word in said for _, said in labels for word in w.turn_label_words)
        self.labels = [a for a, _ in labels] if named else []
        self.answers = {  # (the labels of answers: the label before each a questioner's)
            a for (a, _), (_, before) in zip(labels[1:], labels) if any(q in before for q in w.turn_question_words)
        }

    def start(self, paragraph_start: int) -> int:
        """Where the answer the paragraph starting here is in starts (else the paragraph's start)."""
        k = bisect_right(self.labels, paragraph_start) - 1  # (the last label at or before it)
        return self.labels[k] if k >= 0 and self.labels[k] in self.answers else paragraph_start


def _named_list(norm: str, w: _Words, before: list[_Mention]) -> tuple[list[_Mention], int]:
    """Places each followed by the same words, listed with separators (天宁区人民法院、钟楼区人民法院
    和金坛区人民法院): the places, and where the last one's words end; none if no such list ends
    the mentions before."""
    last = before[-1]
    run, suffix = [last], None
    for m in reversed(before[:-1]):
        words = norm[m.end : run[0].start]
        sep = next((s for s in w.separators_longest if words.endswith(s) and len(words) > len(s)), None)
        if sep is None or len(words) - len(sep) > _NAMED_SUFFIX or (suffix or words[: -len(sep)]) != words[: -len(sep)]:
            break
        suffix = words[: -len(sep)]
        run.insert(0, m)
    if suffix is None or not norm.startswith(suffix, last.end):
        return [], last.end
    return run, last.end + len(suffix)


_NAMED_SUFFIX = 8  # the longest words a listed place is named with (人民法院, 市场监管局)


def _place_list(
    text: Text, w: _Words, mentions: list[_Mention], sentence: tuple[int, int], marker: int
) -> tuple[list[_Mention], int] | None:
    """The places listed before 分别 in its sentence (only separators between them, or the same
    words after each: 天宁区人民法院、钟楼区人民法院), and where the list ends: right before 分别 in
    its clause, or opening the sentence or 分别's clause a little before it."""
    norm = text.norm
    before = [m for m in mentions if sentence[0] <= m.start and m.end <= marker]
    if len(before) < 2:
        return None
    places = [before[-1]]
    for m in reversed(before[:-1]):  # the list: places with only separators between them
        if norm[m.end : places[0].start] not in w.list_separators:
            break
        places.insert(0, m)
    end = places[-1].end
    if len(places) < 2:
        places, end = _named_list(norm, w, before)  # 天宁区人民法院、钟楼区人民法院…分别
    if len(places) < 2:
        return None
    gap = marker - end
    if gap <= w.respectively_gap and not w.clause_break.search(norm, end, marker):
        return places, end
    if norm[end:marker] in _COMMAS:
        return places, end  # 增速较快的是鹰潭市、上饶市和吉安市，分别增长…: the list ends the clause before
    if gap <= w.respectively_reach and places[0].start - sentence[0] <= w.opening_lead:
        return places, end  # 江油市、三台县、安州区新登记经营主体分别为…
    if (
        gap <= w.respectively_reach
        and _opens_clause(text, w, places[0])
        and not w.clause_break.search(norm, end, marker)
    ):
        return places, end  # 分县市区看，太康县、郸城县、沈丘县夏粮总产量分别为…: opening 分别's clause
    if (
        gap <= w.respectively_reach
        and _opens_clause(text, w, places[0])
        and len(w.clause_break.findall(norm, end, marker)) == 1
        and norm[marker - 1 : marker] in _COMMAS
    ):
        return places, end  # 南昌、赣州、九江三市结算人次居全省前三位，分别为…: the clause right before
    return None


def _ranked_in(text: Text, w: _Words, q: Linked, m: _Mention) -> bool:
    """Whether a mention is the scope a rank was taken in: after a rank verb in the rank's
    clause (位列全国热门旅游目的地第12位, 位居全省沿海港口第2位). The rank describes the ranked
    place, not that scope."""
    if q.kind != "rank":
        return False
    paragraph = text.paragraph_of(m.start)  # (not a table's 排名 header over its first row's place)
    lo = max(0, m.start - w.rank_verb_reach, paragraph[0] if paragraph is not None else 0)
    verb = w.rank_verb.search(text.norm, lo, m.start)
    return verb is not None and not w.clause_break.search(text.norm, m.end, q.start)


_ROW_LABEL_END = regex.compile(r"(?:\t|\u3000| {2,})[\t\u3000 ]*[-−+]?\d")  # a row's label, then wide space and a cell
_PROSE = regex.compile(patterns.PROSE)


def _row_label(text: Text, m: _Mention) -> bool:
    """Whether a mention is a table row's label: wide space and a cell after it, in a line with
    no punctuation of prose (not 涪城区　1—9月，实现地区生产总值…: a paragraph that opens with its place)."""
    if not _ROW_LABEL_END.match(text.source, m.end):
        return False
    line = text.paragraph_of(m.start)
    return line is not None and not _PROSE.search(text.norm, line[0], line[1])


def _opens_clause(text: Text, w: _Words, m: _Mention) -> bool:
    """Whether the mention stands at most ``opening_lead`` characters after a clause's start
    (其中，蒙城县…; 全市…)."""
    lo = max(0, m.start - w.opening_lead - 1)
    paragraph = text.paragraph_of(m.start)
    return (
        lo == 0
        or (paragraph is not None and paragraph[0] >= lo)
        or w.clause_break.search(text.norm, lo, m.start) is not None
    )


def indicator_ids(
    figures: list[Linked],
    vocab: Vocabulary | None = None,
    table: AreaTable | None = None,
    text: Text | None = None,
    lexicon: Lexicon | None = None,
    title: str | None = None,
    publisher: str | None = None,
    sections: list[SectionFound] | None = None,
    area: str | None = None,
) -> dict[int, tuple[str | None, str]]:
    """Each figure's indicator id and the rule that found it (by the identity of its linked
    record); a figure given none on purpose has None and the rule that withheld it (a part, a
    sample: ``indicator_id.none_…``); one the vocabulary names nothing for is left out.
    ``text``, ``lexicon``, ``title``, ``publisher``
    and ``sections`` let the rules that read around the figure run (without them only its
    own phrase is looked up); ``area``, the jurisdiction's name, counts as the publisher's
    for an entry's ``only_in`` (a Macao release's 入境旅客)."""
    ids = _Ids(vocab or vocabulary(), table or areas(), text, lexicon, title, publisher, sections, area)
    for q in figures:  # in text order: what a change qualifies comes before it
        ids.add(q)
    return {**{k: (None, rule) for k, rule in ids.withheld.items()}, **ids.out}


class _Ids:
    """The indicator ids of a release's figures, found one figure after the other."""

    def __init__(
        self,
        vocab: Vocabulary,
        table: AreaTable,
        text: Text | None,
        lexicon: Lexicon | None,
        title: str | None,
        publisher: str | None = None,
        sections: list[SectionFound] | None = None,
        area: str | None = None,
    ) -> None:
        self.vocab, self.table, self.text = vocab, table, text
        self.item_fields = _item_fields(sections or [], text, vocab.field_headings)
        self.section_starts = sorted(s.start for s in sections or [] if s.heading)  # (headed sections)
        # (who publishes: a bureau's own measures; read as the vocabulary is, 澳門 as 澳门)
        self.release = simplified("\n".join((title or "", publisher or "", area or "")))
        self.share = lexicon.linking.share.verb if lexicon is not None else None
        self.share_words = (self.share, *lexicon.linking.share.words) if lexicon is not None else ()
        # between the places of a list a phrase starts with (上饶市、抚州市国考断面…)
        self.separators = "".join(s for s in lexicon.linking.lists.separators if len(s) == 1) if lexicon else ""
        self.compared = _compared(vocab.compared) if vocab.compared and text is not None else None
        self.fields = vocab.prefixes(title)  # 住房公积金 in the title: 个人住房贷款 is the fund's
        self.suffixes = vocab.suffixes(title)  # 居民消费价格 in the title: 食品烟酒 is 食品烟酒价格
        self.out: dict[int, tuple[str, str]] = {}
        self.before: Linked | None = None  # the figure before
        self.in_sentence: list[Linked] = []  # the figures before this one in its sentence
        self.earlier: list[Linked] = []  # every figure before this one
        self._starts: list[int] = []  # (where each of them starts)
        self.sentence = -1  # where that sentence starts
        self.said: dict[tuple[int, str | None], Indicator] = {}  # ids read off a list, by sentence and phrase
        self.parts: dict[int, Linked] = {}  # a part's figure (其中玉米…) -> the whole's it was read with
        self.read_after: dict[tuple[str, str], Indicator | None] = {}  # _read_after by (head, phrase), once
        self.levels: list[Linked] = []  # the figures before this one in its sentence with an id and no change
        # a figure read after the one before (造成612人死亡) -> the phrase it was read with
        self.heads: dict[int, str] = {}
        self.narrowed: set[int] = set()  # figures of a part or another measure (重点景区共接待游客, 贷款7,326笔)
        self.narrowed_phrases: set[tuple[int, str | None]] = set()  # (sentence, indicator) of those of a part
        self.paragraph = -1  # where the paragraph of the figure before starts
        self.openings: list[Linked] = []  # the figures of that paragraph so far
        self.first_ones: set[int] = set()  # (those that open a sentence)
        self.withheld: dict[int, str] = {}  # the figures given no id on purpose, and why (rule ids)
        self.kind_done, self.kind_now = 0, None  # (how many of them _kind has read, and the kind then)
        self.subjects = vocab.kind_breaks  # 全县, 我市 …: a new subject
        self.rate_parts: set[int] = set()  # parts listed after a rate (其中，公立医院87.1%)

    def add(self, q: Linked) -> None:
        sentence = self.text.sentence_of(q.start)[0] if self.text is not None else -1
        if sentence != self.sentence:
            self.in_sentence.clear()
            if not self._goes_on(sentence):
                self.levels.clear()
            self.sentence = sentence
        if self.text is not None:
            self._opens(q, not self.in_sentence)
        found = self._find(q, sentence)
        if found is not None:
            self.out[id(q)] = found
            if q.indicator and q.change is None:
                self.levels.append(q)
        self.before = q
        self.in_sentence.append(q)
        self.earlier.append(q)
        self._starts.append(q.start)

    def _goes_on(self, sentence: int) -> bool:
        """Whether the sentence starting there goes on from the one before it, after ；."""
        if self.text is None:
            return False
        norm, at = self.text.norm, sentence - 1
        while at >= 0 and norm[at] in " \t\u3000":
            at -= 1
        return at >= 0 and norm[at] == ";"

    def _withhold(self, q: Linked, rule: str, narrow: bool = True) -> None:
        """No id for ``q``, for the reason ``rule`` names (a part, a sample …), nor (``narrow``)
        for its change."""
        if narrow:
            self.narrowed.add(id(q))
        self.withheld[id(q)] = rule

    def _opens(self, q: Linked, first: bool) -> None:
        """Keep ``q`` among the figures of its paragraph (a new paragraph starts them again), and
        whether it is the first of its sentence (or clause after ；)."""
        assert self.text is not None
        paragraph = self.text.paragraph_of(q.start)
        start = paragraph[0] if paragraph is not None else -1
        if start != self.paragraph:
            self.paragraph = start
            self.openings.clear()
            self.first_ones.clear()
            self.kind_done, self.kind_now = 0, None
        self.openings.append(q)
        if first:
            self.first_ones.add(id(q))

    def _kind(self) -> str | None:
        """The kind of thing (小学, 普通高中) the figures before, in the paragraph, are about: the
        last that names one (not one in brackets, 中等职业学校5所(含技工学校1所), nor a part after
        其中, 其中医院134个, nor a table's cell), past the figures of a measure of a kind (招生
        16920人，在校生…), changes and figures inside a sentence; none past another that opens a
        sentence (会师镇有各级各类学校41所: a place's schools) or a scope word that starts a new
        subject (…新增学位7260个；年末全县床位2860张). Read forward once a paragraph."""
        assert self.text is not None
        norm, vocab = self.text.norm, self.vocab
        for k in range(self.kind_done, len(self.openings) - 1):
            p = self.openings[k]
            if self._new_subject(k):
                self.kind_now = None
            lo = self.text.sentence_of(p.start)[0]
            if (
                p.indicator
                and norm.count("(", lo, p.start) <= norm.count(")", lo, p.start)
                and not any(norm.find(word, lo, p.start) >= 0 for word in vocab.part_gaps)
                and not (p.indicator_rule or "").startswith(_TABLE_RULES)
                and (kind := vocab.kind_named(p.indicator)) is not None
            ):
                self.kind_now = kind
            elif id(p) in self.first_ones and not p.change and p.indicator and vocab.kind_member(p.indicator) is None:
                self.kind_now = None
        self.kind_done = max(self.kind_done, len(self.openings) - 1)
        return None if self._new_subject(len(self.openings) - 1) else self.kind_now

    def _new_subject(self, k: int) -> bool:
        """Whether a scope word (全县, 我市) stands between the k-th figure of the paragraph and the
        one before it (or the paragraph's start)."""
        assert self.text is not None
        lo = self.openings[k - 1].end if k else self.paragraph
        return any(self.text.norm.find(word, lo, self.openings[k].start) >= 0 for word in self.subjects)

    def _of_sample(self, q: Linked, norm: str) -> bool:
        """Whether ``q`` is said of a monitored sample its sentence names before it (纳入监测的48家
        景区接待游客…，实现门票收入…), with no new subject after that (…，全市共接待游客: the
        whole's; 据12个站点监测的数据，全市PM2.5…: the stations measured the whole)."""
        marks = [at for m in self.vocab.sample_marks if (at := norm.rfind(m, self.sentence, q.start)) >= 0]
        if not marks:
            return False
        after = max(marks)
        return not any(norm.find(word, after, q.start) >= 0 for word in self.subjects)

    def _rate_part(self, q: Linked, norm: str) -> bool:
        """Whether ``q`` is a part listed after a rate (…病床使用率80.7%，比上年提高…。其中，公立医院
        87.1%), or after such a part (，民营医院63.4%): the part's rate, which no entry names."""
        before = self.before
        if before is None:
            return False
        part = before.change[2] if before.change else before
        if part is not None and id(part) in self.rate_parts:
            # (，民营医院63.4%; …87.1%，比上年提高2.1个百分点；民营医院63.4%)
            return q.indicator_span is not None and norm[before.end : q.indicator_span[0]] in _RATE_PARTS_GAPS
        gap = _gap(before, q, norm)
        rate = part  # (the rate, or the rate a change before qualifies)
        if not gap or rate is None or rate.kind != "percent" or rate.change or id(rate) not in self.out:
            return False
        parted = _part_word(gap, self.vocab) or _part_sentence(gap, self.vocab)
        entry = self.vocab.get(self.out[id(rate)][0])
        return parted and entry is not None and entry.dimension in _RATIOS

    def _first_item(self, q: Linked) -> str | None:
        """The phrase of the first figure of the list of items ``q``'s is in (the figures right
        before it in its sentence whose items are listed before 分别 too), if another's."""
        first = None
        for p in reversed(self.in_sentence):
            if p.indicator_rule != "indicator.respectively_item":
                break
            first = p
        return first.indicator if first is not None and first.indicator != q.indicator else None

    def _here(self, entry: Indicator | None) -> Indicator | None:
        """The entry, unless its ``only_in`` words are none of the release's."""
        if entry is not None and entry.only_in and not any(word in self.release for word in entry.only_in):
            return None
        return entry

    def _find(self, q: Linked, sentence: int) -> tuple[str, str] | None:
        if q.period_rule == "period.threshold":
            return None  # 业务量超过1亿件的设区市: what defines the set, no measure of its own
        if (
            q.kind == "count"
            and self.in_sentence
            and self.in_sentence[-1].period_rule == "period.threshold"
            and self.vocab.counts_places(q.unit)
        ):
            # …超过1亿件的设区市达到5个: the set's members, and their change
            self._withhold(q, "indicator_id.none_threshold_set")
            return None
        vocab, text = self.vocab, self.text
        entry, rule = None, "indicator_id.item_field"
        if text is not None and q.indicator and q.indicator_span and vocab.new_before:
            lo = q.indicator_span[0]
            new = (  # (one test of all the words first: most phrases follow none)
                next((v for v in vocab.new_before if text.norm.endswith(v, 0, lo)), None)
                if text.norm.endswith(vocab.new_before, 0, lo)
                else None
            )
            if new is not None and (entry := vocab.lookup(new + q.indicator)) is not None:
                rule = "indicator_id.with_new"  # 新设立|经营主体: the new ones, not all
            elif new is not None and vocab.lookup(q.indicator) is not None:
                # 新开工|亿元以上项目: the new ones, which no entry names; not all
                self._withhold(q, "indicator_id.none_new")
                return None
        if entry is None and self.item_fields and len(q.indicator or "") <= _GENERIC:
            # （一）道路运输领域。…共发生事故78起、死亡69人: the field's accidents and deaths
            fields = _field_at(self.item_fields, q.start)
            if fields:
                entry = _in_field(q.indicator, vocab, fields)
                if entry is None and self.before is not None and text is not None:
                    entry = next(
                        (e for f in fields if (e := _listed_after(self.before, q, vocab, text.norm, f)) is not None),
                        None,
                    )
        if entry is None and self.suffixes and q.indicator:
            entry = next((e for suffix in self.suffixes if (e := vocab.lookup(q.indicator + suffix)) is not None), None)
            rule = "indicator_id.release_field"
        if entry is None and text is not None and q.indicator_rule == "indicator.counted_noun" and q.indicator:
            # 扶持4100余人自主创业: the verb before the count read with what it counts (扶持自主创业)
            entry, rule = _verb_before_count(q, vocab, text.norm), "indicator_id.verb_before_count"
        if entry is None and q.subject and q.indicator:
            entry, rule = vocab.lookup(q.subject + q.indicator), "indicator_id.subject"
            if entry is None and q.indicator_rule in _TABLE_CELLS:
                name = _subject_row(q.subject)
                if vocab.lookup(q.indicator) is not None and not name.endswith(vocab.place_row_ends):
                    # 国有大型商业银行 / 5824.3 under 机构类型 / 各项存款余额: the deposits of a
                    # kind of bank, not the place's (and the change of that)
                    self._withhold(q, "indicator_id.none_kind_row")
                    return None
                # 发电量 / 亿千瓦时 / 2312.6 under 产品名称 / 单位 / 产量: the row names the measure
                # (not under 招生数: a measure of the row's thing, 幼儿园)
                if not q.indicator.endswith(vocab.row_measure_ends) or q.indicator in vocab.row_value_headers:
                    entry, rule = vocab.lookup(q.subject), "indicator_id.table_row"
            if (
                entry is None
                and self.fields
                and q.indicator_rule in _COLUMN_CELLS
                and self.table.find(_subject_row(q.subject))
            ):
                # 邵东市 / 播种面积 in a grain release: a place's row, the field's measure (not 薯类's
                # row, a part of it; 稻谷 / 播种面积: the row's measure, above)
                entry, rule = _in_field(q.indicator, vocab, self.fields), "indicator_id.release_field"
            if entry is None and _narrows(q.subject, q.indicator, vocab):
                self._withhold(q, "indicator_id.none_part")
                self.narrowed_phrases.add((sentence, q.indicator))
                return None  # 重点景区共接待游客: the scenic areas' visitors, not the place's
        of = q.change[2] if q.change else q.rank_of
        if of is not None and id(of) in self.narrowed:
            return self._withhold(q, "indicator_id.none_of_withheld", narrow=False)  # (and its growth)
        if (
            q.indicator_rule == "indicator.share_of"
            and self.before is not None
            and (id(self.before) in self.narrowed or (self.before.kind == "count" and id(self.before) not in self.out))
            and q.indicator
            and self.before.indicator
            and q.indicator.startswith(self.before.indicator)
        ):
            self._withhold(q, "indicator_id.none_share_of_count")
            return None  # 第二产业860户，占14.8%: a share of what is counted there (no entry's), not of the economy
        if q.change and of is None and (sentence, q.indicator) in self.narrowed_phrases:
            # (…共接待游客…，实现门票收入…，同比分别增长27.4%和22.6%: the part's growth too)
            return self._withhold(q, "indicator_id.none_of_withheld", narrow=False)
        if (
            q.change
            and (q.kind == "percent" or (of is not None and of.change is not None and of.unit == q.unit))
            and of is not None
            and of.indicator == q.indicator
            and id(of) in self.out
        ):
            # A级旅游景区累计接待游客…，同比增长13.6%: the growth of what it qualifies, read as that was
            # (比年初增加538.46亿元，同比多增62.17亿元: the increase's, compared with last year's)
            return self.out[id(of)][0], "indicator_id.of_qualified"
        if (
            entry is None
            and text is not None
            and q.indicator
            and (member := vocab.kind_member(q.indicator)) is not None
            and not (q.indicator_rule or "").startswith(_TABLE_RULES)
            and (kind := self._kind()) is not None
        ):
            # 全区小学46所，与上年持平；招生13870人，在校生84260人: the primary schools' (小学在校生);
            # 普通高中…。专任教师1385人: the high schools' teachers, which no entry names
            found = self._read_pair(kind, member)
            if found is None:
                self._withhold(q, "indicator_id.none_of_kind")
                return None
            return found.id, "indicator_id.of_kind"
        if (
            entry is None
            and text is not None
            and q.kind == "percent"
            and not q.change
            and self.before is not None
            and (own := vocab.lookup(q.indicator)) is not None
            and own.dimension not in _RATIOS
            and self._rate_part(q, text.norm)
        ):
            self.rate_parts.add(id(q))  # 病床使用率80.7%。其中，公立医院87.1%: their rate, not a count of them
            self._withhold(q, "indicator_id.none_rate_part")  # (and its change)
            return None
        if (
            entry is None
            and text is not None
            and (len(q.indicator or "") <= _GENERIC or self._here(vocab.lookup(q.indicator)) is None)
        ):  # (调解成功率 of a labour release: not the courts' measure it names alone, read with 争议案件)
            # 普通高中76所，在校生16.84万人: a short phrase is read with the one before it first
            key = (sentence, q.indicator)
            whole = _whole_of(self.before, q, vocab, text.norm, self.parts) if self.before is not None else None
            if whole is not None:
                # 其中玉米4927万亩、水稻846万亩: a part, and each part listed after it, read with the whole
                entry = _read_part(whole, q, vocab)
                if entry is not None:
                    self.parts[id(q)] = whole
            elif self.before is not None:
                entry = _listed_after(self.before, q, vocab, text.norm)
                head = self.heads.get(id(self.before)) if entry is None else None
                if head and (entry := _listed_after(self.before, q, vocab, text.norm, head=head)) is not None:
                    self.heads[id(q)] = head  # (…、2046人受伤: read with 道路交通事故 too)
                elif entry is not None:
                    self.heads[id(q)] = self.before.indicator  # (造成612人死亡: read with 道路交通事故)
                elif q.indicator_rule == "indicator.respectively_item" and (first := self._first_item(q)):
                    # 道路交通事故起数、死亡人数、受伤人数…分别下降…: an item read with the first's words
                    entry = _read_with(first, q.indicator, vocab)  # type: ignore[arg-type]
                elif q.indicator and len(q.indicator) <= _GENERIC:
                    entry = self._read_in_sentence(q)  # 全区小学46所，…招生13870人，在校生84260人
            if entry is not None:
                self.said[key] = entry
            else:
                entry = self.said.get(key)  # (分别下降26.7%和30.8%: the same phrase again, not after a list)
            rule = "indicator_id.listed_after"
        if entry is None and not (q.subject and q.indicator_rule in _COLUMN_CELLS):
            # (after the phrase read with the figure before it: 夏粮播种面积…，总产… in a grain
            # release is the summer grain's, not all grain's)
            entry, rule = _in_field(q.indicator, vocab, self.fields), "indicator_id.release_field"
        if entry is None and q.whole and q.indicator:
            # 三、城镇居民人均可支配收入 / 　　工资性收入 / 14326: the part read with its whole (城镇居民人均工资性收入)
            entry, rule = _read_with(q.whole, q.indicator, vocab), "indicator_id.table_part"
            if entry is None:  # (二、全体居民人均消费支出 / 　　食品烟酒: 全体居民人均食品烟酒消费支出)
                entry = next(
                    (
                        e
                        for at in range(len(q.whole) - 1, 1, -1)
                        if (e := vocab.lookup(q.whole[:at] + q.indicator + q.whole[at:])) is not None
                    ),
                    None,
                )
            if entry is None and _of_whole_subject(q.whole, q.indicator, vocab):
                # 水路客运量 / 　旅客周转量: the waterway's, which no entry names
                self._withhold(q, "indicator_id.none_part")
                return None
        if entry is None:
            entry, rule = vocab.lookup(q.indicator), "indicator_id.vocabulary"
            if entry is not None and (narrower := self._read_in_sentence(q, entry)) is not None:
                entry, rule = narrower, "indicator_id.listed_after"  # 公路货运量…，货物周转量: 公路货物周转量
        if entry is None:
            entry, rule = _after_place(q.indicator, vocab, self.table, self.separators), "indicator_id.after_place"
            if entry is None and self.fields:
                # 盐湖区综合指数 in an air quality release: the place's measure of the release's field
                rest = _without_place(q.indicator, self.table, self.separators)
                entry = _in_field(rest, vocab, self.fields) if rest != q.indicator else None
                rule = "indicator_id.place_in_field"
        if entry is None:
            entry, rule = vocab.without_scope(q.indicator), "indicator_id.without_scope"
        if entry is None:
            entry, rule = vocab.without_verbs(q.indicator), "indicator_id.after_verb"
        if entry is None:
            entry, rule = vocab.after_org(q.indicator), "indicator_id.after_org"
        if entry is None:
            entry, rule = vocab.before_cut(q.indicator), "indicator_id.before_cut"
        if entry is None and (found := vocab.after_doing(q.indicator)) is not None:
            if any(word in found[1] for word in vocab.narrowed_by):
                self._withhold(q, "indicator_id.none_part")
                return None  # 重点景区共推出各类文旅活动: the scenic areas' events, not the place's
            entry, rule = found[0], "indicator_id.after_doing"
        if entry is None and (found := vocab.verb_ending(q.indicator)) is not None:
            if any(word in found[1] for word in vocab.narrowed_by):
                self._withhold(q, "indicator_id.none_part")
                return None  # (火车站累计发送旅客: a station's)
            entry, rule = found[0], "indicator_id.verb_ending"
        if entry is None and text is not None:
            entry, rule = self._clause_after(q, text.norm), "indicator_id.clause_after"
        if entry is None:
            entry, rule = self._bare_measure(q), "indicator_id.bare_measure"
        if entry is not None and text is not None and not q.change and vocab.peak_said is not None:
            end = text.sentence_of(q.start)[1]
            said = vocab.peak_said.search(text.norm, q.end, end)
            # (its own record: no other figure between, not 全省…612.48万人次，…其中10月1日…98.47万人次，创单日…)
            if said and not _DIGIT.search(text.norm, q.end, said.start()) and (peak := vocab.peak_of(q.indicator)):
                entry, rule = peak, "indicator_id.peak_day"  # …车流量达298.5万辆，为假期单日最高
        entry = self._here(entry)  # (出动执法人员 of a tourism bureau: its own measure, not market regulation's)
        if entry is not None and q.kind == "duration" and entry.dimension != "duration":
            self.withheld[id(q)] = "indicator_id.none_duration"
            return None  # 粮食总产量…连续6年稳定在…, 待售面积…连续下降4个月: how long it lasted, not the output
        if entry is not None and text is not None and entry.dimension not in _RATIOS and self._of_sample(q, text.norm):
            # 全市重点监测的56家商贸企业实现销售额: the sample's, not the place's
            self._withhold(q, "indicator_id.none_sample")
            return None
        if entry is not None and (
            _other_measure(q, entry) or (q.kind == "count" and q.change is None and vocab.counts_other(entry, q.unit))
        ):
            # 发放贷款7,326笔: the number of loans, and its growth too
            self._withhold(q, "indicator_id.none_other_measure")
            return None
        if (
            entry is not None
            and entry.increase_of is not None
            and vocab.increase_words
            and not any(word in (q.indicator or "") + (q.change_words or "") for word in vocab.increase_words)
        ):
            entry, rule = vocab.get(entry.increase_of), "indicator_id.stock_of"  # 贷款同比增速: not 新增贷款's
        if entry is not None and not (
            self.share and text and _share_of(q, entry, text.norm, self.share, max(sentence, 0))
        ):
            grown = vocab.increases.get(entry.id)
            if (
                grown is not None
                and q.change
                and q.kind in _LEVELS
                and any(b in (q.change[0] or "") for b in vocab.point_bases)
            ):
                return grown.id, "indicator_id.increase_of"  # 存款余额…，比年初增加286.4亿元: 新增存款
            return entry.id, rule
        if of is not None and id(of) in self.out:
            return self.out[id(of)][0], "indicator_id.of_qualified"
        phrase = q.indicator or ""
        if (
            of is None
            and self.compared is not None
            and q.kind in _COMPARING
            and (q.kind == "rank" or self.compared.search(phrase))
            and not any(word in phrase for word in self.share_words)  # (a share is a measure of its own)
        ):
            # 授权总量居全省第5位, 增速快于城镇居民2.3个百分点: of the figure the sentence is about
            last = next((p for p in reversed(self.in_sentence) if id(p) in self.out and p.kind != "rank"), None)
            if last is not None:
                return self.out[id(last)][0], "indicator_id.compared"
        return None

    def _read_in_sentence(self, q: Linked, entry: Indicator | None = None) -> Indicator | None:
        """The entry of ``q``'s phrase read after what an earlier figure of its sentence measures
        (of its kind, with an id, no change; the nearest first), when that is another measure
        than the earlier figure's: 全区小学46所，与上年持平；招生13870人，在校生84260人 (小学在校生).
        With ``entry``, the entry the phrase names alone, only a narrower one whose name holds
        that one's, when the nearest level of its sentence reads it so and no other level reads it
        another way (公路货运量17.86亿吨，增长3.9%，货物周转量4926.35亿吨公里: 公路货物周转量; not after
        铁路货运量…，公路货运量…, nor when one of them is the total, 全社会货运量…，其中公路货运量…)."""
        levels = self.levels[-_SENTENCE_LEVELS:]  # (the nearest few: a run-on sentence stays linear)
        if entry is not None:
            # one narrower reading among the levels of its sentence, none when one of them names
            # the total (铁路货运量…，公路货运量…，货物周转量; 全社会货运量…，其中公路货运量…，货物周转量)
            own = [e for p in levels if (e := self.vocab.get(self.out[id(p)][0])) is not None]
            if any(a is not b and any(n in b.name for n in (a.name, *a.aliases)) for a in own for b in own):
                return None  # (全社会货运量…，其中公路货运量…: the total is there too)
            narrower = {
                f for p in levels if (f := self._reading(p, q)) is not None and f is not entry and entry.name in f.name
            } - set(own)
            nearest = self._reading(levels[-1], q) if levels else None
            # (read so after the nearest level, and in no other way after the others)
            return nearest if len(narrower) == 1 and nearest in narrower else None
        for p in reversed(levels):
            if p.kind != q.kind:
                continue
            found = self._reading(p, q)
            if found is not None and found.id != self.out[id(p)][0]:
                return found
        return None

    def _reading(self, p: Linked, q: Linked) -> Indicator | None:
        """``q``'s phrase read after ``p``'s (_read_after), once a pair."""
        return self._read_pair(p.indicator or "", q.indicator or "")

    def _read_pair(self, head: str, phrase: str) -> Indicator | None:
        """``phrase`` read after ``head`` (_read_after), once a pair."""
        key = (head, phrase)
        if key not in self.read_after:
            self.read_after[key] = _read_after(head, phrase, self.vocab)
        return self.read_after[key]

    def _bare_measure(self, q: Linked) -> Indicator | None:
        """全市完成房地产开发投资142.7亿元…分地区看，金水区完成投资52.7亿元: a bare measure word
        (投资, after the words that lead a phrase: 完成) said of a place is the measure of the first
        figure of its paragraph, else of its section (when the release has sections), whose
        indicator ends in that word and has an id (of the same kind, or the figure is a change
        of it): what the paragraph is about, not a part of it listed later (住宅投资)."""
        phrase = self.vocab.without_leading(q.indicator or "")
        if not 2 <= len(phrase) <= _GENERIC or q.indicator_span is None or self.text is None:
            return None
        # (said of a place: 赛罕区完成投资, not 亿元以上项目完成投资 or 房屋新开工面积)
        norm, end = self.text.norm, q.indicator_span[1]
        opening = max(norm.rfind(c, max(0, end - _BARE_REACH), end) for c in _BARE_OPENS) + 1
        said = norm[opening:end]
        rest = _without_place(said, self.table, self.separators)
        if rest is None or rest == said:
            return None
        if self.vocab.without_leading(rest) != phrase:
            return None
        paragraph = self.text.paragraph_of(q.start)
        lo = paragraph[0] if paragraph is not None else q.start
        k = bisect_right(self.section_starts, q.start)
        section = self.section_starts[k - 1] if k else lo  # (no sections: the paragraph alone)
        for p in [
            *self.earlier[bisect_left(self._starts, lo) :],
            *self.earlier[bisect_left(self._starts, section) : bisect_left(self._starts, lo)],
        ]:
            found = self.out.get(id(p))
            if (
                found is not None
                and p.indicator
                and len(p.indicator) > len(phrase)
                and p.indicator.endswith(phrase)
                and (p.kind == q.kind or q.change)
            ):
                return self.vocab.get(found[0])
        return None

    def _clause_after(self, q: Linked, norm: str) -> Indicator | None:
        """商品房销售面积96.4万平方米，同比下降5.1%；销售额71.2亿元: a short phrase that opens its
        clause goes on from the last amount before it up to its 。, read as one phrase with
        that amount's (新建商品房|销售额)."""
        phrase, span = q.indicator, q.indicator_span
        if not phrase or span is None or len(phrase) > _CLAUSE_PHRASE:
            return None
        if norm[span[0] - 1 : span[0]] not in _CLAUSE_OPENS:
            return None  # (其中，新开工|面积: a word before it in its clause says what it is of)
        lo = max(norm.rfind("。", 0, span[0]), norm.rfind("\n", 0, span[0]))  # (； ends no sentence here)
        last = next(
            (
                p
                for p in takewhile(lambda p: p.start > lo, reversed(self.earlier))
                if p.kind in _LEVELS and not p.change
            ),
            None,
        )
        if last is None or not last.indicator or last.indicator == phrase:
            return None
        return _read_with(last.indicator[:-1], phrase, self.vocab)  # (a beginning of it, never all of it)


_CLAUSE_PHRASE = 5  # (销售额, 基金总支出: longer names a measure of its own)
_CLAUSE_OPENS = frozenset("，；,;")


@lru_cache(maxsize=4)
def _compared(words: tuple[str, ...]) -> regex.Pattern:
    return regex.compile(alternation(list(words)))


_LEVELS = frozenset({"money", "count", "measure"})
_COMPARING = frozenset({"rank", "percent", "percentage_point", "multiple"})  # what a comparison or rank is


def _narrows(subject: str, indicator: str, vocab: Vocabulary) -> bool:
    """Whether who did it (重点景区共接待游客) is a part of the place, which makes the measure
    the part's: a doer ending in one of the vocabulary's ``narrowed_by``, unless the measure
    restates it (资质以上建筑业企业完成建筑业总产值: the industry's own measure)."""
    if not subject.endswith(vocab.narrowed_by):
        return False
    return not any(subject[i : i + 2] in indicator for i in range(len(subject) - 1))


_LISTED = frozenset("、，,")
_DIGIT = regex.compile(r"\d")
_RATE_PARTS_GAPS = _LISTED | {";"}  # (between parts listed after a rate, across ；)
_TABLE_RULES = "indicator.table"  # (a table's cells: its rows and columns say what, not the prose)
_SENTENCE_LEVELS = 8  # how many levels back in its sentence a short word is read after (小学58所…在校生)
_BARE_OPENS = "，；。：\n、"  # what opens the clause a bare measure is said in
_BARE_REACH = 16  # (how far back the clause's opening is looked for)
_GENERIC = 3  # a phrase this short (在校生, 死亡, 参保率) is read with the one before it first


_TABLE_CELLS = ("indicator.table_column", "indicator.table_row_level")  # (a row's cells, under a measure's column)


def _listed_after(
    before: Linked, q: Linked, vocab: Vocabulary, norm: str, field: str = "", head: str | None = None
) -> Indicator | None:
    """The entry of a word that goes on from the figure before it (发生生产安全事故11起、
    死亡9人: the deaths of the accidents; 质押融资612笔、金额143.6亿元): that figure's
    indicator and this one's read as one phrase (after ``field``, the field of an item); a
    part after 其中 is read with its whole (see _read_part)."""
    if not (before.indicator and q.indicator):
        return None
    gap = _gap(before, q, norm)
    if gap is None:
        return None
    if _part_word(gap, vocab):
        return _read_part(whole, q, vocab, field) if (whole := _whole(before)) is not None else None
    if gap[0] not in _LISTED or gap[1:] not in vocab.listed_gap:
        return None  # (one separator, and what may stand before a done word: 发现隐患5437处，已整改5129处)
    # the whole phrase, then its beginnings (粮食|播种面积，总产量); or the phrase the figure
    # before was itself read with (…事故1426起，造成387人死亡、1573人受伤: 道路交通事故)
    return _read_with(head or before.indicator, q.indicator, vocab, field)


def _verb_before_count(q: Linked, vocab: Vocabulary, norm: str) -> Indicator | None:
    """The entry of a counted noun (4100余人|自主创业) read after the verb of action or of what
    was done right before its count, the longest such verb first (扶持4100余人自主创业 ->
    扶持自主创业)."""
    lo = q.start - len(q.approx) if q.approx and norm.endswith(q.approx, 0, q.start) else q.start
    for verb in vocab.count_verbs:
        if norm.endswith(verb, 0, lo) and (entry := vocab.lookup(verb + q.indicator)) is not None:
            return entry
    return None


def _gap(before: Linked, q: Linked, norm: str) -> str | None:
    """What stands between the figure before and ``q``'s phrase, if that opens with a separator
    or a bracket."""
    if not (q.indicator_span and before.end < q.indicator_span[0]):
        return None
    # (what stands before a counted noun's figure: 1837起，造成612人|死亡; and after the noun
    # the figure before counts: 612人死亡|、2046人受伤)
    lo = q.start if q.indicator_rule == "indicator.counted_noun" and before.end < q.start else q.indicator_span[0]
    end = before.end
    if before.indicator_rule == "indicator.counted_noun" and before.indicator_span and before.indicator_span[1] <= lo:
        end = max(end, before.indicator_span[1])
    gap = norm[end:lo]
    if not gap:
        return None
    return gap if gap[0] in _LISTED or gap[0] in "(。" else None


def _part_word(gap: str, vocab: Vocabulary) -> bool:
    """Whether the gap names a part of the figure before: ，其中 / ，其中： / （其中."""
    return gap[1:].rstrip(":") in vocab.part_gaps


def _whole(before: Linked) -> Linked | None:
    """The whole the parts after the figure before are of: that figure if it is a level, the
    level it qualifies if it is a growth (实有经营主体41.86万户，同比增长6.2%，其中企业…), none if
    it is a share (占全省比重12.5%（其中出口…）: the parts are of the amount, not of the share),
    what it ranks if it is a rank (…总额176.3亿元，同比增长13.1%，增速居全省第4位。其中，出口…)."""
    if before.kind == "rank":
        before = before.rank_of
        if before is None:
            return None
    if before.change:
        before = before.change[2]
        if before is None or before.change:
            return None
    return before if before.kind not in ("percent", "percentage_point") else None


def _read_part(whole: Linked, q: Linked, vocab: Vocabulary, field: str = "") -> Indicator | None:
    """The entry of a part of the figure ``whole`` (其中玉米4927万亩 after 秋粮播种面积…), read
    with the whole's phrase, but never the whole's own entry (投诉举报咨询…，其中投诉…)."""
    entry = _read_with(whole.indicator, q.indicator, vocab, field) if whole.indicator and q.indicator else None
    return None if entry is not None and entry is vocab.lookup(whole.indicator) else entry


def _part_sentence(gap: str, vocab: Vocabulary) -> bool:
    """Whether the gap opens a sentence of parts: 。其中， / 。其中："""
    return gap[0] == "。" and gap[1:].rstrip(patterns.PART_MARKS) in vocab.part_gaps


def _whole_of(before: Linked, q: Linked, vocab: Vocabulary, norm: str, parts: dict[int, Linked]) -> Linked | None:
    """The figure ``q`` is a part of, when it follows ``before`` as one: after a word that names
    a part (，其中玉米…), or as the next item of a list of parts (、水稻…)."""
    gap = _gap(before, q, norm)
    if gap is None:
        return None
    if _part_word(gap, vocab):
        return _whole(before)
    if _part_sentence(gap, vocab):
        # (…总诊疗人次231.45万人次，比上年增长4.7%。其中，医院96.51万人次; not …实有床位3172张。其中，医院12个)
        whole = _whole(before)
        return whole if whole is not None and (whole.unit == q.unit or q.kind == "percent") else None
    return parts.get(id(before)) if gap == "、" else None


def _read_after(head: str, phrase: str, vocab: Vocabulary, field: str = "") -> Indicator | None:
    """The entry ``phrase`` names read after ``head``, or after the longest beginning of it (of
    two characters or more) with which it names one; after ``field`` first."""
    for end in range(len(head), 1, -1):
        entry = vocab.lookup(field + head[:end] + phrase)
        if entry is not None:
            return entry
    return None


def _read_with(head: str, phrase: str, vocab: Vocabulary, field: str = "") -> Indicator | None:
    """The entry ``phrase`` names read after ``head``, or after the longest beginning of it
    (of two characters or more) with which it names one; after ``field`` first. Else, for a
    short word (日均, 单日), the entry it names inside the whole of ``head`` (铁路发送旅客…，日均
    137.1万人次: 铁路日均发送旅客), that and ``head`` without its adverbs first (铁路累计发送旅客:
    铁路发送旅客). Else the entry it names read before the longest ending of ``head`` with which
    it names one (累计发送旅客413.7万人次，同比增长5.8%，日均55.2万人次: 日均发送旅客)."""
    entry = _read_after(head, phrase, vocab, field)
    if entry is not None:
        return entry
    plain = _without_adverbs(head, vocab)
    if phrase in vocab.inserted:
        for whole in dict.fromkeys((plain, head)):  # (plain first: what the adverb hid)
            for at in range(len(whole) - 1, 1, -1):
                entry = vocab.lookup(field + whole[:at] + phrase + whole[at:])
                if entry is not None:
                    return entry
    for start in range(len(head) - 1):
        entry = vocab.lookup(field + phrase + head[start:])
        if entry is not None:
            return entry
    if plain != head:
        return _read_with(plain, phrase, vocab, field)
    bare = vocab.verbs_off(head)  # (投入衔接推进乡村振兴补助资金…，其中用于产业发展的比重: the funds')
    return _read_with(bare, phrase, vocab, field) if bare != head else None


def _without_adverbs(phrase: str, vocab: Vocabulary) -> str:
    """The phrase without the adverbs of how much inside it (高速公路累计通行车辆 -> 高速公路通行车辆:
    ``累计`` says nothing of what is measured), but at its start (the lookup removes those). An
    adverb's characters inside another word go too (综合计划 -> 综划): harmless, as the result is
    only ever looked up whole, and such a phrase names no entry."""
    for word in vocab.adverbs:
        at = phrase.find(word, 1)
        while at > 0:
            phrase = phrase[:at] + phrase[at + len(word) :]
            at = phrase.find(word, at)
    return phrase


def _item_fields(
    sections: list[SectionFound], text: Text | None, ends: tuple[str, ...]
) -> list[tuple[int, int, tuple[str, ...]]]:
    """The items whose heading names a field (道路运输领域): each item's span, to the next
    item or its section's end, and the field as written and without its last word."""
    if text is None or not ends:
        return []
    out = []
    for s in sections:
        for i, (_label, heading, span) in enumerate(s.items):
            name = text.norm[heading[0] : heading[1]].rstrip("。.:：")
            end = next((e for e in ends if name.endswith(e) and len(name) > len(e)), None)
            if end is not None and len(name) <= _FIELD_MAX:
                hi = s.items[i + 1][2][0] if i + 1 < len(s.items) else s.end
                out.append((span[0], hi, (name, name[: -len(end)])))
    return out


def _field_at(items: list[tuple[int, int, tuple[str, ...]]], pos: int) -> tuple[str, ...]:
    return next((fields for lo, hi, fields in items if lo <= pos < hi), ())


_FIELD_MAX = 10  # a heading longer than this is a sentence, not a field's name


def _in_field(phrase: str | None, vocab: Vocabulary, fields: tuple[str, ...]) -> Indicator | None:
    """The entry of the phrase as a measure of the field the release is about."""
    for prefix in fields:
        if phrase and not phrase.startswith(prefix) and (entry := vocab.lookup(prefix + phrase)) is not None:
            return entry
    return None


_DEFINING = ("period.note", "period.threshold")  # (figures that define: of no place)
_COLUMN_CELLS = ("indicator.table_column", "indicator.table_column_change")  # (its row's what, its column's measure)


def _of_whole_subject(whole: str, part: str, vocab: Vocabulary) -> bool:
    """Whether a table row indented under ``whole`` measures something else of what the whole
    is about: another dimension than the whole's (万人公里 under 万人), the whole a thing and a
    measure the vocabulary names apart (水路 + 客运量), and the row holds neither (旅客周转量 under 水路客运量: the waterway's passenger turnover; not
    出口总额 under 进出口总额 or 工业用电量 under 全社会用电量, parts of the measure, nor 城镇居民人均
    消费支出 under 城镇居民人均可支配收入, which names its own)."""
    own, named = vocab.lookup(whole), vocab.lookup(part)
    if own is None or (named is not None and named.dimension == own.dimension):
        return False  # (一般贸易 under 进出口总额, 农业产值 under 农林牧渔业总产值: parts of the same measure)
    for at in range(2, len(whole) - 1):
        measure = whole[at:]
        found = vocab.lookup(measure)
        if found is not None and found is not own and whole[:at] not in vocab.statistic_scopes:
            return measure not in part and whole[:at] not in part
    return False


def _subject_row(subject: str) -> str:
    """A table row's name: its first field of words, after a rank (洛邑古城　老城区 is a scenic
    spot's row, not 老城区's; 1  平陆县 is 平陆县's)."""
    return next((f for f in subject.split() if patterns.HAN_CHAR.search(f)), subject)


def _other_measure(q: Linked, entry: Indicator) -> bool:
    """A level counted where the entry is money, or money where it is a count, is another
    measure of the same thing (质押融资612笔 is the number of loans, not the amount); a count
    or an amount of money is never a percentage, rate or index (全省11个设区城市…优良天数比例:
    the cities counted; 食品烟酒类 7215元 in a spending table: no price)."""
    if q.change is not None:
        return False
    return {q.kind, entry.dimension} == {"money", "count"} or (
        q.kind in ("count", "money") and entry.dimension in _RATIOS
    )


_RATIOS = frozenset({"percent", "index"})  # (a rate may be counted: 万人发明专利拥有量35.2件)


def _share_of(q: Linked, entry: Indicator, norm: str, verb: str, lo: int) -> bool:
    """A percentage after 占, of a measure whose level is an amount, is a share of it
    (涧西区高新技术企业486家，占全市的26.1%), a different measure; with no phrase of its own
    where it stands, after ``lo`` (…死亡人数分别占全市总量的61.9%和66.3%)."""
    if q.kind != "percent" or q.change is not None or entry.dimension not in _LEVELS:
        return False
    after = q.indicator_span[1] if q.indicator_span else lo
    return norm.find(verb, after, q.start) >= 0


def _after_place(phrase: str | None, vocab: Vocabulary, table: AreaTable, separators: str = "") -> Indicator | None:
    """The entry the phrase names once the place it starts with, or the list of places, is
    removed (陕西省货物贸易进出口总值, 郑州城镇新增就业, 上饶市、抚州市国考断面水质优良比例):
    the places say where, not what."""
    if not phrase:
        return None
    memo = vocab.memo(table)  # (phrases recur across releases)
    if phrase in memo:
        return memo[phrase]
    rest = _without_place(phrase, table, separators)
    found = vocab.lookup(rest) if rest != phrase else None
    memo[phrase] = found
    return found


def _without_place(phrase: str | None, table: AreaTable, separators: str = "") -> str | None:
    """The phrase without the place it starts with, or the list of places (the phrase itself
    when it starts with none, or what is left starts with a separator)."""
    if not phrase:
        return phrase
    rest = phrase
    while (prefix := table.org_prefix(rest)) is not None and len(prefix.text) < len(rest):
        rest = rest[len(prefix.text) :]  # (a list of places: 上饶市、抚州市国考断面水质优良比例)
        if rest[0] not in separators:
            break
        rest = rest[1:]
    return phrase if rest.startswith(tuple(separators)) else rest


def area_named(name: str, table: AreaTable | None = None) -> Area | None:
    """The division a caller names (--area): a full name or a short one, or a six-digit
    code; None when it names none or several."""
    table = table or areas()
    found = (table.code(name),) if name.isdigit() and table.code(name) else table.find(name)
    return found[0] if len(found) == 1 else None
