"""Library entries for a release held in memory or read with a user's lexicon: bytes as a
file's bytes are decoded, a web page's HTML, and a user dictionary or extra units.

``extract(text)`` takes text; these take what a caller more often holds::

    import extractor
    doc = extractor.extract_html(page_bytes)              # a downloaded page
    doc = extractor.extract_bytes(sys.stdin.buffer.read())
    lexicon = extractor.load_lexicon(userdict="my_words.txt", units="my_units.toml")
    doc = extractor.extract(text, lexicon=lexicon)
"""

from __future__ import annotations

import os

from .errors import ArgumentError, check_text
from .io import HTML_SUFFIXES, InputError, decode, read_release
from .lexicon import Lexicon, load
from .model import Document
from .pipeline import extract


def load_lexicon(userdict: str | os.PathLike | None = None, units: str | os.PathLike | None = None) -> Lexicon:
    """The extractor's lexicon plus a user dictionary and extra units (see
    :meth:`extractor.lexicon.Lexicon.with_extras` for the two formats). Nothing global
    changes: pass the result to ``extract(..., lexicon=...)``. A bad file raises
    :class:`extractor.lexicon.LexiconError` naming the file and the line or entry."""
    if userdict is None and units is None:
        return load()
    return load().with_extras(userdict=userdict, units=units)


def warm(lexicon: Lexicon | None = None) -> None:
    """Load everything an extraction needs once, before the first release: the lexicon,
    the segmenter's whole dictionary and every compiled pattern (a batch calls it in its
    parent, so the worker processes it forks share all of it)."""
    from .segmenter import segmenter

    lexicon = lexicon or load()
    segmenter(lexicon).load_all()
    extract("全市新增企业1家。", lexicon=lexicon)


def load_userdict(path: str | os.PathLike) -> Lexicon:
    """For jieba users: the lexicon with the words of ``path`` (``word [freq] [tag]`` a
    line). Unlike ``jieba.load_userdict`` it returns a lexicon and changes nothing global."""
    return load_lexicon(userdict=path)


def extract_bytes(
    data: bytes,
    source: str | None = None,
    *,
    html: bool = False,
    reference_date: str | None = None,
    fallback_date: str | None = None,
    timeout: float | None = None,
    lexicon: Lexicon | None = None,
    name: str | None = None,
    area: str | None = None,
) -> Document:
    """Extract a release given as bytes, decoded as a file is (a byte-order mark, UTF-8,
    else GB18030 as detected; for ``html=True`` the page's own charset first, then its
    article text). ``source`` is the path recorded in the document; ``name`` (default:
    ``source``) is what messages call the input. Bytes that are no text are an
    :class:`extractor.io.InputError`."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ArgumentError(f"data must be bytes, not {type(data).__name__} (for text, call extract())")
    data = bytes(data)
    name = name or source or ("page" if html else "text")
    text, encoding = decode(data, name, html=html)
    if html:
        text = _article(text, name)
    if "\x00" in text:
        raise InputError(f"{name}: looks like a binary file, not text", "binary")
    return extract(
        text,
        source,
        reference_date=reference_date,
        fallback_date=fallback_date,
        data=data,
        encoding=encoding,
        source_format="html" if html else "text",
        timeout=timeout,
        lexicon=lexicon,
        area=area,
    )


def extract_html(
    page: str | bytes,
    source: str | None = None,
    *,
    reference_date: str | None = None,
    fallback_date: str | None = None,
    timeout: float | None = None,
    lexicon: Lexicon | None = None,
) -> Document:
    """Extract the article of a web page: its disclosure header, title and paragraphs, as
    ``extractor extract page.html`` reads it. ``page`` is the HTML as str, or as bytes
    (decoded by the page's ``<meta charset>``, else detected). Every span refers to the
    article text, which is the document's ``source`` text."""
    if isinstance(page, (bytes, bytearray, memoryview)):
        return extract_bytes(
            page,
            source,
            html=True,
            reference_date=reference_date,
            fallback_date=fallback_date,
            timeout=timeout,
            lexicon=lexicon,
        )
    page = check_text(page, "page")
    text = _article(page, source or "page")
    return extract(
        text,
        source,
        reference_date=reference_date,
        fallback_date=fallback_date,
        data=page.encode("utf-8"),
        source_format="html",
        timeout=timeout,
        lexicon=lexicon,
    )


def extract_path(
    path: str | os.PathLike,
    lexicon: Lexicon,
    fallback_date: str | None = None,
    source: str | None = None,
    reference_date: str | None = None,
    area: str | None = None,
) -> Document:
    """Like :func:`extractor.extract_file`, with ``lexicon`` (a user's words and units)."""
    from pathlib import Path

    text, data, encoding = read_release(path)
    fmt = "html" if Path(path).suffix.lower() in HTML_SUFFIXES else "text"
    return extract(
        text,
        source=source or Path(path).as_posix(),
        data=data,
        encoding=encoding,
        reference_date=reference_date,
        fallback_date=fallback_date,
        source_format=fmt,
        lexicon=lexicon,
        area=area,
    )


def _article(page: str, name: str) -> str:
    from .html import HtmlError, article_text

    try:
        return article_text(page, load(), name)
    except HtmlError as exc:
        raise InputError(str(exc), "html") from None
