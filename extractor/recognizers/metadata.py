"""The disclosure header (索引号 … 发布日期) and the 发布会 block (发布人:… 参会媒体:…).

Header lines hold several ``label value`` pairs; block lines are ``label:value``. Values
keep their span; empty values are absent. People are split into organization, title
and name by the title lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..lexicon import Lexicon, alternation
from ..text import Text

# a web page puts more on the line after a block value: 发布时间：2025-04-11 09:32　　来源：县人社局
_NEXT_FIELD = regex.compile(r"\s{2,}(?=\p{Han}{2,6}[:：]|【)")
# the longest value a header field or 发布会 line is read to the line's end (the longest in
# the hand-annotated releases: 39 characters, a list of media)
_VALUE_MAX = 100
_GAP = regex.compile(r"\s")
# a date and time as header fields write them: 2023-05-13, 2023年5月13日 09:32, 2023/05/13 09:32:00
_DATE_VALUE = regex.compile(
    r"\s*[:：]?\s*(?:19|20)[0-9]{2}(?:[-/.年][0-9]{1,2}(?:[-/.月][0-9]{1,2}[日号]?)?)?"
    r"(?:\s{1,3}[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?)?"
)
_LIST_SPLIT = regex.compile(r"[、,，;；]|(?<=\p{Han}{2})(?:和|及|与)(?=\p{Han}{2})")


@dataclass
class Value:
    raw: str
    span: tuple[int, int]


@dataclass
class MetadataFound:
    fields: dict[str, Value] = field(default_factory=dict)
    lists: dict[str, list[Value]] = field(default_factory=dict)
    regions: list[tuple[int, int]] = field(default_factory=list)  # lines that belong to the header/block


def _label(m: regex.Match) -> str:
    """A label as the data files write it (索 引 号 -> 索引号)."""
    return _LABEL_SPACES.sub("", m.group(0))


def _value(text: Text, start: int, end: int) -> Value | None:
    raw = text.source[start:end]
    stripped = raw.strip().strip(":：").strip()
    if not stripped:
        return None
    offset = start + raw.index(stripped)
    return Value(stripped, (offset, offset + len(stripped)))


def split_list(text: Text, value: Value, trailing: tuple[str, ...] = ("等",)) -> list[Value]:
    """Split ``中安在线、安徽商报…和亳州广播电视台、安徽日报等`` into its items."""
    items = []
    pos = value.span[0]
    for piece in _LIST_SPLIT.split(value.raw):
        start = text.source.index(piece, pos) if piece else pos
        pos = start + len(piece)
        for word in trailing:
            if piece.endswith(word) and len(piece) > len(word) + 1:
                piece = piece[: -len(word)]
        v = _value(text, start, start + len(piece))
        if v:
            items.append(v)
    return items


def split_person(raw: str, lexicon: Lexicon) -> tuple[str | None, str | None, str | None]:
    """``市市场监管局四级调研员王璞`` -> (市市场监管局, 四级调研员, 王璞)."""
    titles = sorted(lexicon.entities.person.titles, key=len, reverse=True)
    best = None
    for title in titles:
        i = raw.rfind(title)
        if i >= 0 and (best is None or i + len(title) > best[0] + len(best[1])):
            best = (i, title)
    if best is None:
        return None, None, raw or None
    i, title = best
    # a longer title ending at the same place (四级调研员 over 调研员)
    for t in titles:
        if raw.endswith(t, 0, i + len(title)) and len(t) > len(title):
            i, title = i + len(title) - len(t), t
    org, person = raw[:i].strip() or None, raw[i + len(title) :].strip() or None
    return org, title, person


@lru_cache(maxsize=4)
def _patterns(
    lexicon: Lexicon,
) -> tuple[dict[str, str], dict[str, str], regex.Pattern, regex.Pattern, regex.Pattern | None]:
    """Label -> field name for the header and the 发布会 block, and their patterns, built once;
    and the pattern of a page's label that opens a header line but gives no field (来源：)."""
    header = {label: key for key, label in lexicon.header_labels.items()}
    header |= {label: key for label, key in lexicon.metadata.header_aliases.items()}
    block = {label: key for key, label in lexicon.conference_labels.items()}
    header_re = regex.compile(rf"(?:^|(?<=\s))(?:{_spaced(header)}|(?<=\s){_spaced(block)})(?=\s|$|[:：])")
    block_re = regex.compile(rf"^{alternation(list(block))}\s*[:：]")
    pages = lexicon.metadata.page_labels
    page_re = regex.compile(rf"\s*(?:{alternation(list(pages))})\s*[:：]") if pages else None
    return header, block, header_re, block_re, page_re


def _spaced(labels: dict[str, str]) -> str:
    """The labels, each as a page may space it out (索 引 号, 文　　号), longest first."""
    return "|".join(_LABEL_SPACE.join(map(regex.escape, label)) for label in sorted(labels, key=len, reverse=True))


_LABEL_SPACE = "[ \u3000]*"
_PAGE_GAP = regex.compile(r"(?:\s{2,}|\u3000)")  # (the wide space between a page's fields on its line)
_LABEL_SPACES = regex.compile(_LABEL_SPACE)


def _value_end(text: Text, key: str, start: int, end: int, date_fields: frozenset[str]) -> int:
    """Where the last value of a header line (or a block value) ends: at the line's end,
    unless the line runs on for more than ``_VALUE_MAX`` characters, as a release written
    as one line does (索引号 … 发布日期 2023-05-13 某市统计局关于…，全市…): then a date field
    stops after its date and time, any other at the first gap of whitespace, and a value
    with neither stops at ``_VALUE_MAX`` characters, so the body is read as body."""
    if end - start <= _VALUE_MAX:
        return end
    if key in date_fields and (m := _DATE_VALUE.match(text.norm, start, end)):
        return m.end()
    gap = _GAP.search(text.norm, start, start + _VALUE_MAX)
    return gap.start() if gap else start + _VALUE_MAX


def recognize(text: Text, lexicon: Lexicon) -> MetadataFound:
    found = MetadataFound()
    header, block, header_re, block_re, page_re = _patterns(lexicon)
    date_fields = frozenset(lexicon.metadata.date_fields)
    for p_start, p_end in text.paragraphs:
        line = text.norm[p_start:p_end]
        opening = header_re.match(text.norm, p_start, p_end)  # (a header line opens with a label)
        if (opening is not None and _label(opening) in header) or (
            # 来源：某县统计局　　发布时间：2025-03-28 10:15: a page's label, then a field's (or
            # 发布时间：…　　来源：…: a field's, then a page's label on the line)
            page_re is not None
            and p_end - p_start <= 2 * _VALUE_MAX
            and (
                (page_re.match(text.norm, p_start, p_end) and text.search(header_re, p_start, p_end) is not None)
                or (
                    opening is not None
                    and _PAGE_GAP.search(text.norm, opening.end(), p_end)
                    and page_re.search(text.norm, opening.end(), p_end)
                )
            )
        ):
            labels = list(text.finditer(header_re, p_start, p_end))  # (the opening, or the field after 来源：)
            region_end = p_end
            for m, nxt in zip(labels, labels[1:] + [None]):
                # (a 发布会 block's label after a gap on a header line: 索引号：…　　发布时间：2025-01-10)
                key = header.get(_label(m)) or block[_label(m)]
                key = lexicon.metadata.header_line_fields.get(key, key)  # (发布时间 beside 来源: the page's)
                if nxt:
                    end = nxt.start()
                else:
                    end = region_end = _value_end(text, key, m.end(), p_end, date_fields)
                if (other := _NEXT_FIELD.search(text.norm, m.end(), end)) is not None:
                    end = other.start()  # (信息来源：…, a field the output has no place for)
                v = _value(text, m.end(), end)
                if v:
                    found.fields[key] = v
            found.regions.append((p_start, region_end))
            continue
        m = block_re.match(line)
        if m:
            label = m.group(0).rstrip(":： ").strip()
            nxt = _NEXT_FIELD.search(text.norm, p_start + m.end(), p_end)
            end = nxt.start() if nxt else _value_end(text, block[label], p_start + m.end(), p_end, date_fields)
            # (the fields after the first on a page's line are not read, but belong to the block)
            found.regions.append((p_start, p_end if p_end - p_start <= 2 * _VALUE_MAX else end))
            v = _value(text, p_start + m.end(), end)
            if v:
                found.fields[block[label]] = v
    return found
