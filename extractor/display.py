"""Text for people: counts with the right plural, and columns aligned by display width.

A wide character (Chinese, full-width forms) takes two cells of a terminal, a combining
mark none. Python's ``f"{s:24}"`` counts code points, so ``授权发明专利`` (6 code points,
12 cells) would push its row six cells right."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """The cells ``text`` takes on a terminal (East Asian Wide and Fullwidth count 2)."""
    return sum(
        0
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(c) in ("W", "F")
        else 1
        for c in text
    )


def clip(text: str, cells: int) -> str:
    """The longest start of ``text`` that fits in ``cells`` (… marks a cut)."""
    if width(text) <= cells:
        return text
    out, used = [], 0
    for c in text:
        w = width(c)
        if used + w > cells - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def pad(text: str, cells: int) -> str:
    """``text`` padded on the right to at least ``cells`` (never clipped)."""
    return text + " " * (cells - width(text))


def left(text: str, cells: int) -> str:
    """``text`` clipped to ``cells`` and padded on the right to exactly ``cells``."""
    return pad(clip(text, cells), cells)


def right(text: str, cells: int) -> str:
    """``text`` padded on the left to at least ``cells`` (numbers are never clipped)."""
    return " " * (cells - width(text)) + text


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 document``, ``2 documents``, ``0 documents`` (``plural`` when not noun + s)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
