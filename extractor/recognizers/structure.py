"""Document structure: the title, numbered sections (一、二、), items (一是, 二是, (一)),
and paragraphs, each with its span.

Content before the first numbered section is section ``s0`` (no number). Lines of the
disclosure header and the 发布会 block, and noise, belong to no section.
"""

from __future__ import annotations

import regex

from ..candidates import SectionFound
from ..lexicon import Lexicon
from ..numerals import parse_number
from ..patterns import CLAUSE_COMMA, CN_ITEM_MARK
from ..text import Text

_CN = "一二三四五六七八九十"
# (paragraphs start after their indent, 　　二、…: a heading is matched at its paragraph's start)
SECTION = regex.compile(
    rf"(?<=^[ \t]*)(?P<label>[{_CN}]+)[、.．]\s*(?P<heading>[^。\n]{{1,60}}?)(?:[。]|$)", regex.MULTILINE
)
ITEM = regex.compile(
    rf"(?:(?<=^[ \t]*)|(?<=[。;；]))(?P<label>[{_CN}]+是|{CN_ITEM_MARK}|第[{_CN}]+[,，、])(?P<heading>[^。;；\n]{{2,80}}?)(?=[。;；]|$)",
    regex.MULTILINE,
)


# (a comma between digits is a thousands separator: 全年逾3,492萬人次 can be a title)
_SENTENCE_PUNCT = regex.compile(rf"[。，;:：]|{CLAUSE_COMMA}")


_EMPTY_FIELD = regex.compile(r"\s*(?P<label>\p{Han}[\s\p{Han}]{0,7})[:：]\s*")  # a field's name and nothing else


def find_title(
    text: Text,
    excluded: list[tuple[int, int]],
    named: str | None = None,
    navigation: list[tuple[int, int]] | None = None,
    masthead_ends: tuple[str, ...] = (),
    field_labels: frozenset[str] = frozenset(),
) -> tuple[int, int] | None:
    """The first short line outside the header with no sentence punctuation; or, when the
    header names the release (名称, 标题), the line outside it that says that name (a page's
    banner, the office's name, can come first). A line right above the page's navigation
    (``navigation``: 当前位置：首页 > …) that ends as a site's or body's name does
    (``masthead_ends``: 临汾市生态环境局) is the site's name, not the release's title; a line
    that is only the label of a field (``field_labels``) left empty is skipped."""
    if named and (name := named.strip()):
        for start, end in text.paragraphs:
            if text.norm[start:end].strip() == name and not any(s <= start < e for s, e in excluded):
                return (start, end)
    paragraphs = text.paragraphs
    for k, (start, end) in enumerate(paragraphs):
        if any(s <= start < e for s, e in excluded):
            continue
        line = text.norm[start:end]
        if (empty := _EMPTY_FIELD.fullmatch(line)) is not None and "".join(empty["label"].split()) in field_labels:
            continue  # 文　　号：, 责任编辑： with nothing after it: a field of the page left empty (not 同志们：)
        if len(line) <= 60 and not _SENTENCE_PUNCT.search(line) and not SECTION.match(line):
            after = paragraphs[k + 1][0] if k + 1 < len(paragraphs) else None
            if (
                navigation
                and after is not None
                and line.rstrip().endswith(masthead_ends)
                and any(s <= after < e for s, e in navigation)
            ):
                continue  # 临汾市生态环境局 / 当前位置：首页 > …: the site's masthead
            return (start, end)
        return None
    return None


def recognize(text: Text, lexicon: Lexicon, excluded: list[tuple[int, int]]) -> list[SectionFound]:
    """Sections over the paragraphs not in ``excluded`` (header lines, title, noise)."""
    body = [p for p in text.paragraphs if not any(s <= p[0] < e for s, e in excluded)]
    sections: list[SectionFound] = []
    current: SectionFound | None = None
    for start, end in body:
        m = SECTION.match(text.norm, start, end)
        if m:
            number = parse_number(m.group("label"), lexicon)
            current = SectionFound(
                start,
                end,
                "structure.section",
                number=int(number) if number else None,
                label=m.group("label"),
                heading=(m.start("heading"), m.end("heading")),
            )
            sections.append(current)
            continue
        if current is None:
            current = SectionFound(start, end, "structure.preamble")
            sections.append(current)
        current.end = end
        current.paragraphs.append((start, end))
        for item in text.finditer(ITEM, start, end):
            sentence_end = text.sentence_of(item.start())[1]
            current.items.append(
                (
                    item.group("label"),
                    (item.start("heading"), item.end("heading")),
                    (item.start(), max(sentence_end, item.end())),
                )
            )
    return sections
