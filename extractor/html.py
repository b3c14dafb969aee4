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

_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "blockquote",
    "dd",
    "dt",
}
_SPACE = regex.compile(r"[ \t\u3000\xa0]+")
_DEPTH_LIMIT = 2048  # libxml2's limit on nesting with huge_tree (256 without)


class HtmlError(ValueError):
    """A page with no article text."""


@lru_cache(maxsize=4)
def _settings(lexicon: Lexicon):
    h = lexicon.html
    furniture = regex.compile(
        r"(?i)(?:^|[-_\s])(?:" + "|".join(regex.escape(w) for w in h.furniture) + r")(?:$|[-_\s\d])"
    )
    return h.drop_tags, furniture, h.content, h.title, h.header_labels


def _lines(element) -> list[str]:
    """The text of an element, one line per block element (walked with a stack, not by
    recursion: a page nests up to the parser's 2,048 levels)."""
    parts: list[str] = []
    stack: list[tuple[object, bool]] = [(element, False)]  # (node, its children are done)
    while stack:
        node, done = stack.pop()
        if not isinstance(node.tag, str):
            if node.tail:
                parts.append(node.tail)
            continue
        tag = node.tag.lower()
        block = tag in _BLOCK
        if done:
            if tag in ("td", "th"):
                parts.append(" ")
            if block:
                parts.append("\n")
            if node.tail and node is not element:
                parts.append(node.tail)
            continue
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    if element.tail:
        parts.append(element.tail)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


_MARKED = etree.XPath("//*[@class or @id]")
_MARKED_INSIDE = etree.XPath(".//*[@class or @id]")
_HOLDS_ARTICLE = etree.XPath("string-length(string(.)) > 200 and count(.//p) >= 2")


def _drop(root, drop_tags, furniture) -> None:
    for node in list(root.iter(*drop_tags)):
        if node.getparent() is not None:
            node.drop_tree()
    marked = _MARKED(root)  # in document order: a node's descendants follow it
    i = 0
    while i < len(marked):
        node = marked[i]
        i += 1
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if node.getparent() is not None and marks.strip() and furniture.search(marks) and not _holds_article(node):
            i += len(_MARKED_INSIDE(node))  # nothing inside dropped furniture is looked at again
            node.drop_tree()


def _holds_article(node) -> bool:
    """Furniture never holds a long run of text: keep anything with 200+ characters of prose
    (counted by libxml2: each piece of nested furniture reads its own text)."""
    return bool(_HOLDS_ARTICLE(node))


def _header_table(root, header_labels):
    """The first table holding a disclosure header label. A table inside one whose text
    holds none holds none either (its text is part of the outer table's): it is not read."""
    if not any(label in root.text_content() for label in header_labels):
        return None
    failed: set = set()
    for table in root.iter("table"):
        outer = next(table.iterancestors("table"), None)
        if outer is not None and outer in failed:
            failed.add(table)
            continue
        text = table.text_content()
        if any(label in text for label in header_labels):
            return table
        failed.add(table)
    return None


def article_text(html: str, lexicon: Lexicon, name: str = "page") -> str:
    """The page's disclosure header, title and article text, as plain lines."""
    drop_tags, furniture, content, title_selectors, header_labels = _settings(lexicon)
    parser = lxml.html.HTMLParser(huge_tree=True)  # (without, text nested 256 levels deep was lost)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise HtmlError(f"{name}: not readable as HTML ({exc})") from None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":  # the parser stopped: what follows is not in the tree
            raise HtmlError(
                f"{name}: the page nests elements deeper than the HTML parser's limit of "
                f"{_DEPTH_LIMIT:,} levels, where it stops reading (line {error.line}: {error.message})"
            )
    title = ""
    for selector in title_selectors:
        found = root.cssselect(selector)
        if found:
            title = (found[0].get("content") if found[0].tag == "meta" else found[0].text_content()) or ""
            title = _SPACE.sub(" ", title).strip()
            if title:
                break
    header: list[str] = []
    table = _header_table(root, header_labels)
    if table is not None:
        header = _lines(table)
        table.drop_tree()
    _drop(root, drop_tags, furniture)
    body = None
    for selector in content:
        body = next((n for n in root.cssselect(selector) if len(n.text_content().strip()) > 50), None)
        if body is not None:
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
