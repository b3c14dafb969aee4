"""Traditional characters read as simplified ones, one for one (data/traditional.tsv, made
by tools/make_traditional.py from OpenCC's table), so that a release in traditional
characters (萬, 億, 區, 點) reads as one in simplified characters does; the source keeps what
was written. Normalization (``text.normalize``) and the indicator vocabulary's keys use it."""

from __future__ import annotations

from importlib import resources


def _table() -> dict[int, int]:
    table = {}
    lines = resources.files("extractor.data").joinpath("traditional.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line and not line.startswith(("#", "traditional\t")):
            trad, simplified = line.split("\t")
            table[ord(trad)] = ord(simplified)
    return table


TRADITIONAL: dict[int, int] = _table()


def simplified(s: str) -> str:
    """``s`` with its traditional characters read as simplified ones (same length)."""
    return s.translate(TRADITIONAL)
