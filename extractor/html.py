"""Article text from government web pages (.html/.htm/.shtml), with lxml.

Drops scripts, styles, navigation and page furniture (data/html.toml), keeps the
disclosure header table (索引号, 发布机构 …) as ``label value`` lines, then the title, then
the article's paragraphs, one per line. The text returned is what the pipeline reads and
what every span refers to.
"""
from __future__ import annotations

from functools import lru_cache

import lxml.html
import regex
from lxml import etree

from .lexicon import Lexicon

_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "blockquote", "dd", "dt"}
_SPACE = regex.compile(r"[ \t\u3000\xa0]+")


class HtmlError(ValueError):
    """A page with no article text."""


@lru_cache(maxsize=4)
def _settings(lexicon: Lexicon):
    h = lexicon.raw["html"]
    furniture = regex.compile(r"(?i)(?:^|[-_\s])(?:" + "|".join(regex.escape(w) for w in h["furniture"]) + r")(?:$|[-_\s\d])")
    return tuple(h["drop_tags"]), furniture, tuple(h["content"]), tuple(h["title"]), tuple(h["header_labels"])


def _lines(element) -> list[str]:
    """The text of an element, one line per block element."""
    parts: list[str] = []

    def walk(node) -> None:
        if not isinstance(node.tag, str):
            if node.tail:
                parts.append(node.tail)
            return
        block = node.tag.lower() in _BLOCK
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node.tag.lower() in ("td", "th"):
            parts.append(" ")
        if block:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    walk(element)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _drop(root, drop_tags, furniture) -> None:
    for node in list(root.iter(*drop_tags)):
        if node.getparent() is not None:
            node.drop_tree()
    for node in list(root.iter()):
        if not isinstance(node.tag, str) or node.getparent() is None:
            continue
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if marks.strip() and furniture.search(marks) and not _holds_article(node):
            node.drop_tree()


def _holds_article(node) -> bool:
    """Furniture never holds a long run of text: keep anything with 200+ characters of prose."""
    return len("".join(node.itertext())) > 200 and len(node.findall(".//p")) >= 2


def article_text(html: str, lexicon: Lexicon, name: str = "page") -> str:
    """The page's disclosure header, title and article text, as plain lines."""
    drop_tags, furniture, content, title_selectors, header_labels = _settings(lexicon)
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise HtmlError(f"{name}: not readable as HTML ({exc})") from None
    title = ""
    for selector in title_selectors:
        found = root.cssselect(selector)
        if found:
            title = (found[0].get("content") if found[0].tag == "meta" else found[0].text_content()) or ""
            title = _SPACE.sub(" ", title).strip()
            if title:
                break
    header: list[str] = []
    for table in root.iter("table"):
        text = table.text_content()
        if any(label in text for label in header_labels):
            header = _lines(table)
            table.drop_tree()
            break
    _drop(root, drop_tags, furniture)
    body = None
    for selector in content:
        found = [n for n in root.cssselect(selector) if len(n.text_content().strip()) > 50]
        if found:
            body = found[0]
            break
    if body is None:
        body = root.find("body") if root.find("body") is not None else root
    lines = _lines(body)
    if lines and title and lines[0] == title:
        lines = lines[1:]
    if not lines and not title:
        raise HtmlError(f"{name}: the page holds no article text")
    blocks = ["\n".join(header)] if header else []
    blocks += [title] if title else []
    blocks += ["\n".join(lines)]
    return "\n\n".join(b for b in blocks if b) + "\n"
