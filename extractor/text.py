"""The document text: the source as decoded, a normalized copy, its structure and tokens.

Normalization maps each character to exactly one character (full-width ASCII to
half-width, ideographic and no-break spaces to a space), so every offset in the
normalized copy is an offset in the source: recognizers match on ``norm`` and report
spans that slice ``source``.
"""
from __future__ import annotations

import time
from bisect import bisect_right
from dataclasses import dataclass, field


from . import patterns, segmenter
from .lexicon import Lexicon

# U+FF0C (，) stays as written: a half-width comma between digits is a thousands separator,
# a full-width one never is.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: 0x20, 0xFEFF: 0x20})

SENTENCE_END = "。!?;"
_SENTENCE_RE = patterns.compile(r"[^。!?;\n]*(?:[。!?;]+[”’」』)]?|$)")


def normalize(source: str) -> str:
    """Full-width ASCII to half-width and odd spaces to a space, one character for one."""
    norm = source.translate(_FULLWIDTH)
    assert len(norm) == len(source)
    return norm


@dataclass
class Text:
    source: str
    norm: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    tokens: list[tuple[int, int]] = field(repr=False)
    _token_starts: list[int] = field(repr=False)
    deadline: float | None = None  # time.monotonic() after which pattern matching gives up
    places: frozenset[str] = frozenset()   # jieba's place words (ns)
    verbs: frozenset[str] = frozenset()    # jieba's verbs (v)
    common: frozenset[str] = frozenset()   # frequent words, never a person's name
    vocabulary: dict = field(default_factory=dict, repr=False)  # jieba's words (truthy) and prefixes (falsy)

    def _timeout(self) -> float | None:
        return None if self.deadline is None else max(0.001, self.deadline - time.monotonic())

    def finditer(self, pattern: patterns.Pattern, pos: int = 0, endpos: int | None = None):
        """Matches of a compiled pattern over the normalized text, within the time bound
        (a bounded pattern compiled with ``re`` runs in linear time and needs none)."""
        endpos = len(self.norm) if endpos is None else endpos
        if patterns.is_bounded(pattern):
            return pattern.finditer(self.norm, pos, endpos)
        return pattern.finditer(self.norm, pos, endpos, timeout=self._timeout())

    def search(self, pattern: patterns.Pattern, pos: int = 0, endpos: int | None = None):
        endpos = len(self.norm) if endpos is None else endpos
        if patterns.is_bounded(pattern):
            return pattern.search(self.norm, pos, endpos)
        return pattern.search(self.norm, pos, endpos, timeout=self._timeout())

    def token_at(self, offset: int) -> tuple[int, int] | None:
        """The jieba token that contains ``offset``."""
        i = bisect_right(self._token_starts, offset) - 1
        if i >= 0 and self.tokens[i][0] <= offset < self.tokens[i][1]:
            return self.tokens[i]
        return None

    def is_boundary(self, offset: int) -> bool:
        """True when ``offset`` falls between two jieba tokens (or at a text edge)."""
        token = self.token_at(offset)
        return token is None or token[0] == offset

    def tokens_in(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect_right(self._token_starts, start) - 1
        i = max(i, 0)
        out = []
        while i < len(self.tokens) and self.tokens[i][0] < end:
            s, e = self.tokens[i]
            if e > start:
                out.append((max(s, start), min(e, end)))
            i += 1
        return out

    def __post_init__(self) -> None:
        self._sentence_starts = [s for s, _ in self.sentences]
        self._paragraph_starts = [s for s, _ in self.paragraphs]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i][1]:
            return self.sentences[i]
        return (offset, offset)

    def paragraph_of(self, offset: int) -> tuple[int, int] | None:
        i = bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i][1]:
            return self.paragraphs[i]
        return None


def _paragraphs(norm: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in norm.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    return spans


def _sentences(norm: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for p_start, p_end in paragraphs:
        for m in _SENTENCE_RE.finditer(norm, p_start, p_end):
            if m.end() > m.start():
                spans.append((m.start(), m.end()))
    return spans


def build(source: str, lexicon: Lexicon, deadline: float | None = None) -> Text:
    """Normalize, split into paragraphs and sentences, and segment with jieba."""
    norm = normalize(source)
    paragraphs = _paragraphs(norm)
    seg = segmenter.segmenter(lexicon)
    tokens: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        tokens += seg.spans(norm, p_start, p_end)
    return Text(
        source=source,
        norm=norm,
        paragraphs=paragraphs,
        sentences=_sentences(norm, paragraphs),
        tokens=tokens,
        _token_starts=[s for s, _ in tokens],
        deadline=deadline,
        places=seg.classes["ns"],
        verbs=seg.classes["v"],
        common=seg.classes["common"],
        vocabulary=seg.words,
    )


