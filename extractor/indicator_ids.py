"""Stable indicator ids: the phrase a figure's indicator is written with, looked up in the
vocabulary of ``extractor/data/indicator_ids.toml``.

The same measure is written many ways (授权发明专利, 发明专利授权量, 获授权发明专利); each
way is an alias of one entry with a stable id (``ip.invention_patents_granted``), so
releases join on the id. A phrase is normalized before it is looked up, and the names and
aliases are normalized the same way when the file is loaded: quotation marks and bracketed
parts are removed (“一带一路”, 细颗粒物（PM2.5）), then leading scope words and verbs (全市,
实现, 累计 …), then one trailing measure word (量, 数, 额 …). Only
an exact match after that gives an id, so a phrase the vocabulary does not name gets none
(never the nearest entry). Two entries whose names normalize alike are a load error.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .charmap import simplified
from .errors import ExtractorError

DATA_FILE = "indicator_ids.toml"
_ORG_PREFIX_MAX = 14  # characters before the end of a body's name a phrase starts with
_LOOKED_UP = 50_000  # phrases whose entry is remembered
_AFTER_VERB_MIN = 4  # what remains of a phrase without its verbs: shorter is too vague (企业, 游客)
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")  # 细颗粒物（PM2.5）, 各县（市、区）
_UNREAD = object()  # (a phrase not looked up yet: None is an answer)
_DASHES = str.maketrans("—–～~", "----")  # (0—6岁, 0～6岁, 0-6岁: one age group however its dash is written)
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")  # 对“一带一路”沿线国家进出口: the words, not the marks
Dimension = Literal["money", "count", "percent", "rate", "measure", "index", "duration"]


_NUMBER = re.compile(r"^[0-9.,]+[万亿千百]*")  # (an example's figure without its number: its counter)


class VocabularyError(ExtractorError, ValueError):
    """The indicator vocabulary is malformed; the message names the file and the entry."""


class Indicator(BaseModel):
    """One measure: its stable id, preferred name, other names and the dimension of its level."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z]+\.[a-z0-9_]+$")
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    dimension: Dimension
    only_in: tuple[str, ...] = ()  # a bureau's own measure: the release's title or publisher names one
    # the stock this measure is the growth of (新增存款 of 存款余额): that stock's change in
    # amount against a point (比年初增加286.4亿元) is this measure
    increase_of: str | None = None

    @field_validator("aliases")
    @classmethod
    def _no_blank(cls, aliases: tuple[str, ...]) -> tuple[str, ...]:
        if any(not a.strip() for a in aliases):
            raise ValueError("an alias is blank")
        return aliases


class Example(BaseModel):
    """A sentence as releases write it, and the id the figure written ``figure`` gets."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    figure: str
    id: str


class Context(BaseModel):
    """A field a release can be about: its measures are looked up with ``prefix`` before them
    (or ``suffix`` after them) first when its title has one of ``when`` and none of ``unless``
    (住房公积金: 个人住房贷款 is the fund's)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    prefix: str = ""
    #: … or after it (a CPI release's 食品烟酒 is 食品烟酒价格)
    suffix: str = ""
    when: tuple[str, ...] = Field(min_length=1)
    #: … unless its title also has one of these (空气质量和地表水水质状况: not air alone)
    unless: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _prefix_or_suffix(self) -> Context:
        if bool(self.prefix) == bool(self.suffix):
            raise ValueError("a context has a prefix or a suffix (one of them)")
        return self


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    strip_leading: tuple[str, ...]
    strip_trailing: tuple[str, ...]
    kind_counts: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    statistic_scopes: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    statistic_scope_ids: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    share_words: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    contexts: tuple[Context, ...] = ()
    narrowed_by: tuple[str, ...] = ()
    kind_members: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    kind_breaks: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    sample_marks: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    counter_kinds: tuple[tuple[Annotated[str, Field(min_length=1)], ...], ...] = ()
    place_row_ends: tuple[str, ...] = ()
    row_measure_ends: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    row_value_headers: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    compared: tuple[str, ...] = ()
    point_bases: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    increase_words: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    after_verbs: tuple[str, ...] = ()
    field_headings: tuple[str, ...] = ()
    org_ends: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    cut_before: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    measure_after: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    measure_after_inside: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    new_before: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    measure_verbs: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    listed_gap: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    part_gaps: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    adverbs: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    inserted: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    peak_said: str = ""
    peak_word: str = ""

    @field_validator("peak_said")
    @classmethod
    def _a_pattern(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as e:
            raise ValueError(f"not a regular expression: {e}") from None
        return pattern

    not_doers: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    indicators: tuple[Indicator, ...]
    examples: tuple[Example, ...] = ()


class Vocabulary:
    """The loaded vocabulary: :meth:`lookup` a phrase, :meth:`get` an id."""

    def __init__(self, data: _File, name: str = DATA_FILE) -> None:
        self.leading = tuple(sorted(set(data.strip_leading), key=len, reverse=True))
        self.trailing = tuple(sorted(set(data.strip_trailing), key=len, reverse=True))
        self.kind_counts = tuple(data.kind_counts)
        self.statistic_scopes = tuple(sorted(data.statistic_scopes, key=len, reverse=True))
        self.statistic_scope_ids = tuple(data.statistic_scope_ids)
        self.share_words = data.share_words[1:]  # (read as data.share_words[0])
        self.share_word = data.share_words[0] if data.share_words else ""
        self.indicators = data.indicators
        self.contexts = data.contexts
        self.narrowed_by = data.narrowed_by
        self.kind_members = frozenset(data.kind_members)
        self.kind_ends = tuple({m[-1] for m in data.kind_members})  # (their last characters: one test first)
        self.kind_breaks = data.kind_breaks
        self.sample_marks = data.sample_marks
        self.place_row_ends = data.place_row_ends
        self.row_measure_ends = data.row_measure_ends
        self.row_value_headers = frozenset(data.row_value_headers)
        self.compared = data.compared
        self.point_bases = data.point_bases
        self.increase_words = data.increase_words
        self.after_verbs = tuple(sorted(set(data.after_verbs), key=len, reverse=True))
        self._verb_starts = frozenset(v[0] for v in self.after_verbs)  # (a quick test before the list)
        self.field_headings = data.field_headings
        self.org_ends = tuple(sorted(set(data.org_ends), key=len, reverse=True))
        self.cut_before = tuple(sorted(set(data.cut_before), key=len, reverse=True))
        # what ends the doing before a measure: an adverb of how (累计, 共) or a verb of action
        self.measure_after = tuple(sorted({*data.measure_after, *data.after_verbs}, key=len, reverse=True))
        self.measure_after_inside = data.measure_after_inside
        self.adverbs = tuple(sorted(set(data.adverbs), key=len, reverse=True))  # (累计, 合计: data.adverbs)
        self.inserted = frozenset(data.inserted)  # (日均: read inside the phrase before it)
        self.peak_said = re.compile(data.peak_said) if data.peak_said else None
        self.peak_word = data.peak_word
        # the verbs a count may follow (扶持4100余人自主创业): of action or of what was done, longest first
        self.count_verbs = tuple(sorted({*data.after_verbs, *data.measure_verbs}, key=len, reverse=True))
        self.new_before = tuple(sorted(set(data.new_before), key=len, reverse=True))
        self.measure_verbs = tuple(sorted(set(data.measure_verbs), key=len, reverse=True))
        self.listed_gap = frozenset(("", *data.listed_gap))  # (none at all, or one of these)
        self.part_gaps = frozenset(data.part_gaps)  # (of them, those that name a part: 其中)
        self.not_doers = tuple(data.not_doers)
        self.examples = data.examples
        self.by_id: dict[str, Indicator] = {}
        self._looked_up: dict[str, Indicator | None] = {}  # phrases recur across releases
        self._read: dict[tuple[str, str], object] = {}  # readings by (reading, phrase)
        self._memos: dict[int, tuple[object, dict[str, Indicator | None]]] = {}
        self._by_key: dict[str, Indicator] = {}
        for entry in data.indicators:
            if entry.id in self.by_id:
                raise VocabularyError(f"{name}: indicator {entry.id}: the id is used twice")
            self.by_id[entry.id] = entry
            for written in (entry.name, *entry.aliases):
                key = self.normalize(written)
                other = self._by_key.get(key)
                if other is not None and other is not entry:
                    raise VocabularyError(
                        f"{name}: indicator {entry.id}: {written!r} reads as {key!r}, which already names {other.id}"
                    )
                self._by_key[key] = entry
        self.increases: dict[str, Indicator] = {}  # a stock's id -> the id of its growth
        for entry in data.indicators:
            if entry.increase_of is None:
                continue
            if entry.increase_of not in self.by_id:
                raise VocabularyError(f"{name}: indicator {entry.id}: increase_of: no indicator {entry.increase_of!r}")
            if entry.increase_of in self.increases:
                raise VocabularyError(f"{name}: indicator {entry.id}: {entry.increase_of} already has an increase")
            self.increases[entry.increase_of] = entry
        # each counter's kind (人次 -> 0), and the kinds each entry's examples count in
        self.counter_kind = {c: k for k, kind in enumerate(data.counter_kinds) for c in kind}
        self.counted_in: dict[str, set[int | None]] = {}
        for i, example in enumerate(data.examples):
            if example.id not in self.by_id:
                raise VocabularyError(f"{name}: examples[{i}]: no indicator {example.id!r}")
            counter = _NUMBER.sub("", example.figure, count=1)
            self.counted_in.setdefault(example.id, set()).add(self.counter_kind.get(counter))
        missing = sorted(set(self.by_id) - {e.id for e in data.examples})
        if missing:
            raise VocabularyError(
                f"{name}: {len(missing)} indicators have no example: {', '.join(missing[:5])}"
                + (" …" if len(missing) > 5 else "")
            )

    def normalize(self, phrase: str) -> str:
        """The phrase without quotation marks, 的 (占游客总数的比重 as 占游客总数比重) and its
        bracketed parts, leading scope words and verbs, a count of kinds it opens with or ends
        a list with (四项…, A、B四项…), and one trailing measure word (a phrase
        that is only such words stays as it is), a share word at its end read as the first of
        ``share_words`` (…的比率 as …比重), read as normalization reads the text (入境旅客 as
        written 入境旅客, 內地 as 内地), its dashes as one (0～6岁 as 0-6岁)."""
        written = "".join(simplified(phrase).split()).translate(_QUOTES).translate(_DASHES).replace("的", "")
        text = _BRACKETED.sub("", written) or written
        changed = True
        while changed and text.startswith(self.leading):  # (one test of all the words first: most start with none)
            changed = False
            for word in self.leading:
                if text.startswith(word) and len(text) > len(word):
                    text, changed = text[len(word) :], True
                    break
        if self.kind_counts and (count := next((c for c in self.kind_counts if c in text), None)) is not None:
            at = text.find(count)
            if (at == 0 or "、" in text[:at]) and len(text) > at + len(count):
                text = text[at + len(count) :]  # (A、B、C四项社会保险基金总收入: the whole the list sums)
        if text.endswith(self.trailing):
            word = next(w for w in self.trailing if text.endswith(w))
            if len(text) > len(word):
                text = text[: -len(word)]
        if self.share_words and text.endswith(self.share_words):
            word = next(w for w in self.share_words if text.endswith(w))
            if len(text) > len(word):
                return text[: -len(word)] + self.share_word  # (比例, 比率: 比重)
        return text

    def lookup(self, phrase: str | None) -> Indicator | None:
        """The entry the phrase names, or None."""
        if not phrase:
            return None
        found = self._looked_up.get(phrase, _UNREAD)  # (no KeyError raised for each new phrase)
        if found is _UNREAD:
            if len(self._looked_up) >= _LOOKED_UP:
                self._looked_up.clear()  # (a bound on memory over a long batch)
            found = self._looked_up[phrase] = self._by_key.get(self.normalize(phrase))
        return found  # type: ignore[return-value]

    def without_verbs(self, phrase: str | None) -> Indicator | None:
        """The entry the phrase names once one or two verbs of action at its start are
        removed (更新投放新能源公交车 -> 新能源公交车), when 4 characters or more remain."""
        return next((entry for rest in self._verbs_off(phrase) if (entry := self.lookup(rest)) is not None), None)

    def without_scope(self, phrase: str | None) -> Indicator | None:
        """The entry the phrase names once the scope of the statistic it starts with is removed
        (规上工业原煤产量 -> 原煤产量), if 2 characters or more remain and the entry is one of the
        industry's own (``statistic_scope_ids``: not 规上工业研发经费投入 -> the whole society's)."""
        if not phrase or not self.statistic_scopes or not phrase.startswith(self.statistic_scopes):
            return None
        scope = next(w for w in self.statistic_scopes if phrase.startswith(w))
        entry = self.lookup(phrase[len(scope) :]) if len(phrase) - len(scope) >= 2 else None
        return entry if entry is not None and entry.id.startswith(self.statistic_scope_ids) else None

    def without_leading(self, phrase: str) -> str:
        """The phrase without the scope words and verbs it opens with (完成投资 -> 投资), as long
        as something is left."""
        lead = next((w for w in self.leading if phrase.startswith(w)), "")
        while lead and len(phrase) > len(lead):
            phrase = phrase[len(lead) :]
            lead = next((w for w in self.leading if phrase.startswith(w)), "")
        return phrase

    def verbs_off(self, phrase: str) -> str:
        """The phrase without the one or two verbs of action at its start (投入衔接资金 -> 衔接资金),
        when 4 characters or more remain; else the phrase."""
        rests = list(self._verbs_off(phrase))
        return rests[-1] if rests else phrase

    def _verbs_off(self, phrase: str | None) -> Iterator[str]:
        if not phrase or phrase[0] not in self._verb_starts:
            return
        rest = phrase
        for _ in range(2):
            verb = next((v for v in self.after_verbs if rest.startswith(v)), None)
            if verb is None or len(rest) - len(verb) < _AFTER_VERB_MIN:
                return
            rest = rest[len(verb) :]
            yield rest

    def after_org(self, phrase: str | None) -> Indicator | None:
        """The entry the phrase names once the body it starts with is removed, a name ending
        in one of ``org_ends`` (宜兴市人民法院执行到位金额 -> 执行到位金额, 成都高新区新登记企业
        -> 新登记企业), as many as it starts with, if 2 characters or more remain."""
        if not phrase or not self.org_ends:
            return None
        return self._remembered("after_org", phrase, self._after_org)  # (綿陽高新區 as 绵阳高新区)

    def _after_org(self, rest: str) -> Indicator | None:
        found = None
        while found is None:
            ends = [(at + len(end), end) for end in self.org_ends if 0 <= (at := rest.find(end)) <= _ORG_PREFIX_MAX]
            if not ends:
                return None
            cut = min(ends)[0]
            if len(rest) - cut < 2:
                return None
            rest = rest[cut:]
            found = self.lookup(rest) or self.without_verbs(rest)
        return found

    def before_cut(self, phrase: str | None) -> Indicator | None:
        """The entry the phrase names up to a word that says what the figure did rather than
        what it measures (森林火灾受害率控制在 -> 森林火灾受害率, 死亡人数较2024年 -> 死亡人数), if 2
        characters or more come before it."""
        if not phrase:
            return None
        return self._remembered("before_cut", phrase, self._before_cut)

    def _before_cut(self, phrase: str) -> Indicator | None:
        cuts = [at for word in self.cut_before if (at := phrase.find(word, 2)) >= 2]
        return self.lookup(phrase[: min(cuts)]) if cuts else None

    def after_doing(self, phrase: str | None) -> tuple[Indicator, str] | None:
        """The entry the phrase names from after a word that ends the doing before its measure
        (``measure_after``: 累计, 共 …, or a verb of ``after_verbs``) anywhere in it, the
        longest such rest first, if 4 characters or more remain (公路、水路、铁路、民航累计发送
        旅客 -> 发送旅客); and the part before it, who did it, which may narrow the measure.
        Else, at one of ``adverbs`` (累计, 合计), the entry the phrase names without it, however
        short the rest (高速公路累计通行车辆 -> 高速公路通行车辆), with no one who did it."""
        if not phrase:
            return None
        return self._remembered("after_doing", phrase, self._after_doing)

    def _remembered(self, kind: str, phrase: str, read):
        """A reading of a phrase (``read`` of it in simplified characters), remembered
        (phrases recur across releases; bounded)."""
        key = (kind, phrase)
        found = self._read.get(key, _UNREAD)
        if found is _UNREAD:
            if len(self._read) >= _LOOKED_UP:
                self._read.clear()
            found = self._read[key] = read(simplified(phrase))
        return found

    def _inside_word(self, phrase: str, at: int, end: int) -> bool:
        """Whether ``phrase[at:end]`` is inside one of ``measure_after_inside`` there (共 of 公共)."""
        marker = phrase[at:end]
        return any(
            (k := word.find(marker)) >= 0 and k <= at and phrase.startswith(word, at - k)
            for word in self.measure_after_inside
        )

    def _after_doing(self, phrase: str) -> tuple[Indicator, str] | None:
        for at in range(1, len(phrase) - 1):  # (the rest may be short when only an adverb goes)
            if phrase.startswith(self.measure_after, at):
                end = at + next(len(w) for w in self.measure_after if phrase.startswith(w, at))
                if self._inside_word(phrase, at, end):
                    continue  # 专业公共卫生机构: 共 of 公共, no doing
                if any(word in phrase[:at] for word in self.not_doers):
                    return None  # (人均累计接待…: an average, not who did it)
                if len(phrase) - end >= _AFTER_VERB_MIN and (entry := self.lookup(phrase[end:])) is not None:
                    # 铁路累计发送旅客: who did it read with the measure first (铁路发送旅客)
                    return self.lookup(phrase[:at] + phrase[end:]) or entry, phrase[:at]
                if (
                    phrase[at:end] in self.adverbs
                    and len(phrase) - (end - at) >= _AFTER_VERB_MIN
                    and (entry := self.lookup(phrase[:at] + phrase[end:])) is not None
                ):
                    # 高速公路累计通行车辆: an adverb of how much says nothing of what (高速公路通行车辆);
                    # what comes before it is part of the entry's name, not who did it
                    return entry, ""
        return None

    def verb_ending(self, phrase: str | None) -> tuple[Indicator, str] | None:
        """The entry the longest ending of the phrase names that starts with a verb of
        ``measure_verbs`` (the measure is what was done: 劳动保障监察机构主动检查用人单位 ->
        主动检查用人单位), if what comes before is no verb too (排查整改各类隐患: both were done);
        and that part before it, who did it, which may narrow the measure."""
        if not phrase or not self.measure_verbs:
            return None
        return self._remembered("verb_ending", phrase, self._verb_ending)

    def _verb_ending(self, phrase: str) -> tuple[Indicator, str] | None:
        for at in range(1, len(phrase) - _AFTER_VERB_MIN + 1):
            if phrase.startswith(self.measure_verbs, at) and not phrase[:at].endswith(self.measure_verbs):
                if any(word in phrase[:at] for word in self.not_doers):
                    return None  # 尚未整改, 人均检查, 涉民生: not who did it, another measure
                if (entry := self.lookup(phrase[at:])) is not None:
                    return entry, phrase[:at]
        return None

    def _fields(self, title: str | None) -> list[Context]:
        """The fields a release with this title is about."""
        if not title:
            return []
        return [
            c
            for c in self.contexts
            if any(word in title for word in c.when) and not any(word in title for word in c.unless)
        ]

    def prefixes(self, title: str | None) -> tuple[str, ...]:
        """The prefixes of the fields a release with this title is about."""
        return tuple(c.prefix for c in self._fields(title) if c.prefix)

    def suffixes(self, title: str | None) -> tuple[str, ...]:
        """The suffixes of the fields a release with this title is about (价格 of a CPI release)."""
        return tuple(c.suffix for c in self._fields(title) if c.suffix)

    def memo(self, owner: object) -> dict[str, Indicator | None]:
        """A bounded memory of lookups that also depend on ``owner`` (the area table a place
        is read off), kept with this vocabulary."""
        memo = self._memos.get(id(owner))
        if memo is None or memo[0] is not owner:
            memo = self._memos[id(owner)] = (owner, {})
        if len(memo[1]) >= _LOOKED_UP:
            memo[1].clear()  # (a bound on memory over a long batch)
        return memo[1]

    def counts_other(self, entry: Indicator, counter: str | None) -> bool:
        """Whether a count in ``counter`` counts another kind of thing than every example of
        the entry does (人次 where the entry counts institutions in 个), or counts at all where
        the entry is a physical measure no example counts (81个县（市、区）PM2.5平均浓度低于…:
        the places)."""
        kind = self.counter_kind.get(counter or "")
        kinds = self.counted_in.get(entry.id, set())
        if kind is None or not kinds or kind in kinds:
            return False
        return None not in kinds or (entry.dimension == "measure" and kinds == {None})

    def counts_places(self, counter: str | None) -> bool:
        """Whether ``counter`` counts places, bodies or things that stand (个, 家, 所: the last kind of
        ``counter_kinds``), not people or cases (人, 件)."""
        kinds = list(self.counter_kind.values())
        return counter is not None and bool(kinds) and self.counter_kind.get(counter) == max(kinds)

    def kind_member(self, phrase: str) -> str | None:
        """The word of ``kind_members`` the phrase is, after its scope words and bracketed parts
        (毕业生就业（含升学）率: 毕业生就业率), if it is one."""
        if not phrase.endswith(self.kind_ends):
            return None
        word = self.without_leading(phrase)
        word = _BRACKETED.sub("", word) or word
        return word if word in self.kind_members else None

    def kind_named(self, phrase: str) -> str | None:
        """The longest beginning of the phrase, after its scope words, the whole first, that names
        an entry whose examples count places or bodies (小学 of 全区小学, of 小学招生; 幼儿园 of
        幼儿园共有教职工): the kind of thing a sentence opening with it is about."""
        phrase = self.without_leading(phrase)
        top = max(self.counter_kind.values(), default=None)
        for end in range(len(phrase), 1, -1):
            entry = self.lookup(phrase[:end])
            if entry is not None and top in self.counted_in.get(entry.id, ()):
                return phrase[:end]
        return None

    def peak_of(self, phrase: str | None) -> Indicator | None:
        """The entry the phrase names with ``peak_word`` inside it (高速公路|单日最高|车流量), the
        latest place first."""
        if not phrase or not self.peak_word or self.peak_word in phrase:
            return None
        return next(
            (e for at in range(len(phrase), -1, -1) if (e := self.lookup(phrase[:at] + self.peak_word + phrase[at:]))),
            None,
        )

    def get(self, indicator_id: str) -> Indicator | None:
        return self.by_id.get(indicator_id)

    def ids(self) -> Iterable[str]:
        return self.by_id.keys()


def parse(text: str, name: str = DATA_FILE) -> Vocabulary:
    """A vocabulary from the text of a TOML file (errors name ``name`` and the entry)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise VocabularyError(f"{name}: not TOML ({exc})") from None
    try:
        data = _File.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        entry = _entry_name(raw, first["loc"])
        raise VocabularyError(f"{name}: {where}{entry}: {first['msg']}") from None
    return Vocabulary(data, name)


def _entry_name(raw: dict, loc: tuple) -> str:
    if len(loc) >= 2 and loc[0] == "indicators" and isinstance(loc[1], int):
        try:
            return f" ({raw['indicators'][loc[1]].get('id', '?')})"
        except (IndexError, AttributeError, KeyError):
            return ""
    return ""


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, loaded once."""
    return parse(resources.files("extractor.data").joinpath(DATA_FILE).read_text(encoding="utf-8"))
