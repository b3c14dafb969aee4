"""Entities: organizations, people (with title and organization), 《documents》, media,
places, products and geographical indications, events.

Organizations, media and events are found by their suffix (data/entities.toml) on a jieba
token boundary and extended to the left over tokens until a stop word, a previous
organization, or punctuation. People are a title followed by a name that starts with a
known surname. Products are quoted names next to a product word (地理标志, 商标, 品牌).
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .. import patterns
from ..areas import areas
from ..candidates import EntityFound
from ..lexicon import Lexicon, alternation
from ..numerals import chinese_numeral_class
from ..text import Text

_DOCUMENT = regex.compile(r"《[^《》\n]{1,80}》")
_HAN = regex.compile(r"^\p{Han}+$")
# a speaker's turn in a transcript: 林志坚：…  (at the start of a line)
_SPEAKER = patterns.compile(r"^(?P<name>\p{Han}{2,3})[:：]", regex.MULTILINE, prefer_re=True)
_PLACE_NAME_MAX = 4  # characters of a place name before a named suffix (白马镇, 南水北调新区)
_QUOTED_RUN = 16  # quoted names in a run before a product or event word (“玉环文旦”“天台黄茶”地理标志)
_NUMERAL = regex.compile(r"[零〇一二两三四五六七八九十百千万亿\d]")


class _Rules:
    def __init__(self, lexicon: Lexicon) -> None:
        e = lexicon.entities
        org = e.organization
        self.org_suffix_re = patterns.compile(alternation(org.suffixes), prefer_re=True)
        self.org_suffixes = tuple(sorted(org.suffixes, key=len, reverse=True))
        self.org_stop = frozenset(org.stop)
        self.org_max = org.max_length
        self.org_generic = frozenset(org.generic)
        self.branch = frozenset(org.branch_suffixes)
        self.weak = frozenset(org.weak_suffixes)
        self.local_prefixes = org.local_prefixes
        meta = lexicon.metadata
        # the labels of header fields (文号：…, 地点：…) are never a speaker's name
        self.field_labels = frozenset([*meta.header.values(), *meta.header_aliases, *meta.conference.values()])
        approx = lexicon.quantities.approx
        count = rf"(?:[\d.,]|{chinese_numeral_class(lexicon)})+(?:{alternation(approx.inner)})?{alternation(org.counted_by)}"
        self.count_after = patterns.compile(rf"(?:{alternation(approx.prefix)})?{count}", prefer_re=True)
        self.count_before = patterns.compile(rf"{count}$", prefer_re=True)
        person = e.person
        self.titles = patterns.compile(alternation(person.titles), prefer_re=True)
        self.titles_after = patterns.compile(alternation(person.titles_after), prefer_re=True)
        self.surnames = frozenset(person.surnames)
        self.compound_surnames = person.compound_surnames
        self.media_re = patterns.compile(alternation(e.media.suffixes), prefer_re=True)
        self.media_names = patterns.compile(alternation(e.media.names), prefer_re=True)
        quoted = r"[“\"](?P<name>[^”\"\n]{1,12})[”\"]"
        self.product_before = regex.compile(alternation(e.product.context_before) + quoted)
        # a run of quoted names before the product word: “玉环文旦”“天台黄茶”地理标志
        # (at most _QUOTED_RUN names: a scan from each quote of a longer run would reach its end,
        # and a run of thousands of names took minutes; a longer run keeps its last names)
        self.product_after = regex.compile(
            rf"(?:[“\"][^”\"\n]{{1,12}}[”\"][、和及]?){{1,{_QUOTED_RUN}}}" + alternation(e.product.context_after)
        )
        self.quoted_name = regex.compile(r"[“\"](?P<name>[^”\"\n]{1,12})[”\"]")
        self.event_re = patterns.compile(alternation(e.event.suffixes), prefer_re=True)
        self.event_max = e.event.max_tokens
        # “春风行动”“就业援助月”等专项活动: every quoted name of the run is an event
        self.event_quoted = regex.compile(
            rf"(?:“[^”\n]{{2,12}}”[、和及]?){{1,{_QUOTED_RUN}}}(?:等)?(?:专项|系列)?"
            + alternation(e.event.quoted_before)
        )
        self.org_names = patterns.compile(alternation(org.names), prefer_re=True)
        self.org_not = org.not_names
        places = lexicon.places
        self.place_names = frozenset(places.provinces + places.cities + places.countries)
        self.place_full = patterns.compile(
            alternation(places.provinces + places.cities) + r"(?:省|市|自治区|地区|州|盟)?", prefer_re=True
        )
        self.place_suffixes = places.suffixes
        self.not_places = frozenset(places.not_places)
        self.not_divisions = frozenset(places.division_not_names) | self.not_places
        self.joining = tuple(places.joining)  # (和县 after 马鞍山市: maybe 市和县)
        self.division_end = patterns.compile("[" + "".join(sorted(areas().name_ends)) + "]", prefer_re=True)
        self.place_last = frozenset(suffix[-1] for suffix in places.suffixes)
        self.place_name_max = max(map(len, self.place_names))
        # a block can hold a place token only if it holds a gazetteer name (a province or city
        # is where place_full matches; countries are looked for apart) or a suffix's last
        # character (separate patterns: re scans each fast, an alternation of both slowly)
        self.place_candidates = (
            patterns.compile(alternation(sorted(places.countries)), prefer_re=True),
            patterns.compile("[" + "".join(sorted(self.place_last)) + "]", prefer_re=True),
        )
        self.named_place = patterns.compile(
            rf"(?P<name>\p{{Han}}{{1,{_PLACE_NAME_MAX}}})" + alternation(places.named_suffixes), prefer_re=True
        )
        # the suffix starts 1 to _PLACE_NAME_MAX characters after the name does: try the pattern only there
        self.named_place_anchor = patterns.compile(
            "[" + "".join(regex.escape(c) for c in sorted({s[0] for s in places.named_suffixes})) + "]", prefer_re=True
        )


@lru_cache(maxsize=4)
def _rules(lexicon: Lexicon) -> _Rules:
    return _Rules(lexicon)


def _word(text: Text, token: tuple[int, int]) -> str:
    return text.norm[token[0] : token[1]]


def _suffix_on_boundary(text: Text, start: int, end: int) -> bool:
    """The suffix ends a jieba token and either starts one or ends a word of 3+ characters
    (监管局, 商标局), never a 2-character word (格局, 部署, 举办)."""
    if not text.is_boundary(end):
        return False
    if text.is_boundary(start):
        return True
    token = text.token_at(end - 1)
    return token is not None and token[1] == end and token[1] - token[0] >= 3


def _ends_with_org_suffix(word: str, rules: _Rules) -> bool:
    return word.endswith(rules.org_suffixes)  # (a tuple: any of them, in one call)


def _extend_left(text: Text, rules: _Rules, start: int, suffix: str, end: int) -> int:
    """Move ``start`` left over jieba tokens while they can belong to the name, which ends
    at ``end`` and holds at most ``org_max`` characters (a bound on each token only let
    every suffix of 公司公司… walk back to the paragraph's start)."""
    para = text.paragraph_of(start)
    floor = para[0] if para else 0
    places = text.places
    while start > floor:
        token = text.token_at(start - 1)
        if token is None:
            break
        word = _word(text, token)
        if not _HAN.match(word) or word in rules.org_stop or end - token[0] > rules.org_max:
            break
        if (
            _NUMERAL.search(word)
            and not word.startswith("第")
            and not text.norm.startswith(("届", "次"), token[1])
            and word not in places
        ):
            break  # 新建十二个|村级…; but 十九|届中央政治局 keeps its term, 四川省|交通运输厅 its place
        if token[0] > 0 and text.norm[token[0] - 1].isdigit():
            break  # 7月|市…: the token is the tail of a date or figure
        if _ends_with_org_suffix(word, rules) and suffix not in rules.branch:
            current = text.token_at(start)
            current_word = _word(text, current) if current else ""
            if current_word in places or current_word.startswith(rules.local_prefixes):
                break  # 市市场监管局|亳州海关, 亳州学院|市经信局: a new organization starts
        start = token[0]
    return start


def _organizations(text: Text, rules: _Rules) -> list[EntityFound]:
    out = [
        EntityFound(m.start(), m.end(), "entity.organization_name", type="organization")
        for m in text.finditer(rules.org_names)
        if text.is_boundary(m.start()) or text.is_boundary(m.end())
    ]
    for m in text.finditer(rules.org_suffix_re):
        if text.norm.endswith(rules.org_not, 0, m.end()) or not _suffix_on_boundary(text, m.start(), m.end()):
            continue
        if m.start() > 0 and _NUMERAL.match(text.norm[m.start() - 1]):
            continue  # 加装电梯六百四十七部: a counter, not a department
        token = text.token_at(m.start())
        start = _extend_left(text, rules, min(m.start(), token[0] if token else m.start()), m.group(0), m.end())
        name = text.norm[start : m.end()]
        if name in rules.org_generic or len(name) < 3 or (m.group(0) in rules.weak and len(name) < 5):
            continue
        if rules.count_after.match(text.norm, m.end()) or rules.count_before.search(
            text.norm, max(0, start - 8), start
        ):
            continue  # 服务站136个, 十二个村级服务站: a kind of facility, counted
        out.append(EntityFound(start, m.end(), "entity.organization_suffix", type="organization"))
    return out


def _name_at(text: Text, pos: int, rules: _Rules) -> int | None:
    """End of a person's name starting at ``pos`` (a surname, 2-3 characters), or None."""
    token = text.token_at(pos)
    if token is None or token[0] != pos:
        return None
    end = token[1]
    if end - pos == 1:
        nxt = text.token_at(end)
        if nxt is None or not 1 <= nxt[1] - nxt[0] <= 2:
            return None
        end = nxt[1]
    name = text.norm[pos:end]
    if not (2 <= len(name) <= 3 and _HAN.match(name)):
        return None
    if not (name[:1] in rules.surnames or name.startswith(rules.compound_surnames)):
        return None
    if name in text.common:
        return None
    return end


def _people(text: Text, rules: _Rules, orgs: list[EntityFound]) -> list[EntityFound]:
    out = []
    org_by_end = {o.end: o for o in orgs}
    for m in text.finditer(rules.titles):
        if not text.is_boundary(m.end()):
            continue
        pos = m.end()
        while pos < len(text.norm) and text.norm[pos] == " ":
            pos += 1
        end = _name_at(text, pos, rules)
        if end is None:
            continue
        org = org_by_end.get(m.start())
        out.append(
            EntityFound(
                pos,
                end,
                "entity.person_title",
                type="person",
                title=m.group(0),
                organization=text.source[org.start : org.end] if org else None,
            )
        )
    for m in text.finditer(rules.titles_after):
        for length in (3, 2):
            pos = m.start() - length
            if pos >= 0 and _name_at(text, pos, rules) == m.start():
                out.append(EntityFound(pos, m.start(), "entity.person_title_after", type="person", title=m.group(0)))
                break
    for m in text.finditer(_SPEAKER):
        if _name_at(text, m.start(), rules) == m.end("name") and m.group("name") not in rules.field_labels:
            out.append(EntityFound(m.start(), m.end("name"), "entity.person_speaker", type="person"))
    known = {text.norm[p.start : p.end] for p in out}
    seen = {(p.start, p.end) for p in out}
    for name, start in _mentions(text.norm, known):
        end = start + len(name)
        if (start, end) not in seen and text.is_boundary(end):
            out.append(EntityFound(start, end, "entity.person_mention", type="person"))
    return out


def _mentions(norm: str, names: set[str]) -> list[tuple[str, int]]:
    """Every mention of every name, as a scan for each name in turn finds them: (name, start)
    by name, then in text order. One overlapping scan per name length (names are 2 or 3
    characters, so at most one of a length starts at a place), not one scan of the text
    per name (a text of thousands of titled names was quadratic)."""
    found: list[tuple[str, int]] = []
    for length in sorted({len(n) for n in names}):
        words = sorted(n for n in names if len(n) == length)
        pattern = regex.compile("|".join(regex.escape(w) for w in words))
        found += [(m.group(), m.start()) for m in pattern.finditer(norm, overlapped=True)]
    found.sort()
    out: list[tuple[str, int]] = []
    for name, start in found:  # a name's scan does not find it overlapping itself (哈哈 in 哈哈哈)
        if out and out[-1][0] == name and start < out[-1][1] + len(name):
            continue
        out.append((name, start))
    return out


def _suffixed(
    text: Text, rules: _Rules, pattern: regex.Pattern, kind: str, rule: str, max_tokens: int
) -> list[EntityFound]:
    """Media and events: a suffix on a token boundary plus up to ``max_tokens`` tokens before it."""
    out = []
    for m in text.finditer(pattern):
        if not text.is_boundary(m.end()):
            continue
        token = text.token_at(m.start())
        start = token[0] if token else m.start()
        for _ in range(max_tokens):
            prev = text.token_at(start - 1) if start > 0 else None
            if prev is None:
                break
            word = _word(text, prev)
            if not _HAN.match(word) or word in rules.org_stop or len(word) > 4 or word in text.verbs:
                break
            start = prev[0]
        if m.end() - start <= len(m.group(0)):
            continue
        out.append(EntityFound(start, m.end(), rule, type=kind))
    return out


def _places(text: Text, rules: _Rules) -> list[EntityFound]:
    """Provinces, cities and countries from the gazetteer (data/places.toml), and jieba place
    words that end in 县, 区, 镇, 乡 or 村."""
    places = text.places
    out = []
    full = list(text.finditer(rules.place_full))
    for m in full:
        if text.is_boundary(m.start()) and text.is_boundary(m.end()):
            out.append(EntityFound(m.start(), m.end(), "entity.place_gazetteer", type="place"))
    for m in patterns.finditer_near(rules.named_place, text.norm, rules.named_place_anchor, _PLACE_NAME_MAX):
        start, end = m.start(), m.end()
        if not (text.is_boundary(start) and text.is_boundary(end)) or text.norm[start:end] in rules.not_places:
            continue
        words = [text.norm[a:b] for a, b in text.tokens_in(start, m.end("name"))]
        if any(
            (len(w) >= 2 and w in text.common and w not in text.places) or w in "和与及的在对为是了全各本该我这那个"
            for w in words
        ):
            continue  # 推进城乡, 和特色小镇, 8个镇: ordinary words before the suffix, not a name
        out.append(EntityFound(start, end, "entity.place_named", type="place"))
    norm = text.norm
    out += _divisions(text, rules)
    at = [m.start() for m in full] + [m.start() for p in rules.place_candidates for m in text.finditer(p)]
    for start, end in text.tokens_of_blocks_at(at):
        if end - start < 2 or (norm[end - 1] not in rules.place_last and end - start > rules.place_name_max):
            continue
        word = norm[start:end]
        if word in rules.not_places or word[0] in "各全我本该":
            continue
        if word in rules.place_names:
            out.append(EntityFound(start, end, "entity.place_gazetteer", type="place"))
        elif (
            end - start >= 3
            and norm[end - 1] in rules.place_last
            and word in places
            and word.endswith(rules.place_suffixes)
        ):
            out.append(EntityFound(start, end, "entity.place_suffix", type="place"))
    return out


def _divisions(text: Text, rules: _Rules) -> list[EntityFound]:
    """The full names of divisions (data/areas.tsv: 郎溪县, 宁国市) on word boundaries; a name
    of two characters (泾县) only with no Chinese character on either side but a separator, or
    right after the full name of the division that holds it, or after a division's name and 、
    (绩溪县、旌德县、泾县分别…), on a word boundary (安阳市滑县)."""
    norm, table, out = text.norm, areas(), []
    for m in text.finditer(rules.division_end):
        found = table.full_name_ending(norm, m.end(), shortest=2)
        if found is None or norm[found[0] : m.end()] in rules.not_divisions:
            continue
        start, end = found[0], m.end()
        if end - start >= 3:
            if text.is_boundary(start) and text.is_boundary(end):
                out.append(EntityFound(start, end, "entity.place_division", type="place"))
        elif (
            (_apart(norm, start - 1) and _apart(norm, end))
            or (
                _after_parent(norm, start, found[1], table)
                and (_apart(norm, end) or (text.is_boundary(end) and not norm.startswith(rules.joining, start)))
            )
            or (_listed(norm, start, table) and text.is_boundary(end))
        ):
            # 、泾县、; 安阳市滑县小麦: after the division that holds it, a short name is that one;
            # 绩溪县、旌德县、泾县分别…: the last of a list of divisions
            out.append(EntityFound(start, end, "entity.place_division", type="place"))
    return out


def _listed(norm: str, start: int, table) -> bool:
    """Whether a short name comes right after a separator that follows a division's full name
    (绩溪县、旌德县、泾县: 泾县 goes on with a list of divisions)."""
    return (
        start >= 1
        and norm[start - 1] in _LIST_MARKS
        and table.full_name_ending(norm, start - 1, shortest=2) is not None
    )


_LIST_MARKS = "、"  # (a list of divisions: 、 alone; 和 and 及 also join other words)


def _after_parent(norm: str, start: int, found: tuple, table) -> bool:
    """Whether a short name comes right after the full name of the division that holds it
    (安阳市滑县: 滑县 is 安阳市's)."""
    for area in found:
        parent = table.code(area.parent) if area.parent else None
        if parent is not None and norm.endswith(parent.name, 0, start):
            return True
    return False


def _apart(norm: str, i: int) -> bool:
    """Whether the character at ``i`` sets a short name apart: none, or no Chinese character
    (a separator or punctuation: 、泾县、; a figure: 泾县31微克)."""
    return i < 0 or i >= len(norm) or not _HAN.match(norm[i])  # (、 is no Chinese character)


def recognize(text: Text, lexicon: Lexicon) -> list[EntityFound]:
    rules = _rules(lexicon)
    orgs = _organizations(text, rules)
    out = list(orgs)
    out += _people(text, rules, orgs)
    out += [EntityFound(m.start(), m.end(), "entity.document", type="document") for m in text.finditer(_DOCUMENT)]
    out += [
        EntityFound(m.start(), m.end(), "entity.media_name", type="media") for m in text.finditer(rules.media_names)
    ]
    out += _suffixed(text, rules, rules.media_re, "media", "entity.media_suffix", 2)
    out += _suffixed(text, rules, rules.event_re, "event", "entity.event_suffix", rules.event_max)
    for m in text.finditer(rules.event_quoted):
        out += [
            EntityFound(q.start("name"), q.end("name"), "entity.event_quoted", type="event")
            for q in text.finditer(rules.quoted_name, m.start(), m.end())
        ]
    out += [
        EntityFound(m.start("name"), m.end("name"), "entity.product_context_before", type="product")
        for m in text.finditer(rules.product_before)
    ]
    for m in text.finditer(rules.product_after):
        out += [
            EntityFound(q.start("name"), q.end("name"), "entity.product_context_after", type="product")
            for q in text.finditer(rules.quoted_name, m.start(), m.end())
        ]
    out += _places(text, rules)
    return out
