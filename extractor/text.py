"""The document text: the source as decoded, a normalized copy, its structure and tokens.

Normalization maps each character to exactly one character (full-width ASCII to
half-width, ideographic and no-break spaces to a space), so every offset in the
normalized copy is an offset in the source: recognizers match on ``norm`` and report
spans that slice ``source``.
"""
from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


from . import patterns, segmenter
from .lexicon import Lexicon

# U+FF0C (，) stays as written: a half-width comma between digits is a thousands separator,
# a full-width one never is.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: 0x20, 0xFEFF: 0x20})

SENTENCE_END = "。!?;"
_SENTENCE_RE = patterns.compile(r"[^。!?;\n]*(?:[。!?;]+[”’」』)]?|$)")


_TO_NORMALIZE = re.compile("[" + "".join(sorted(map(chr, _FULLWIDTH))) + "]+")  # translating only these runs is faster


def normalize(source: str) -> str:
    """Full-width ASCII to half-width and odd spaces to a space, one character for one."""
    norm = _TO_NORMALIZE.sub(lambda m: m.group().translate(_FULLWIDTH), source)
    assert len(norm) == len(source)
    return norm


@dataclass
class Text:
    source: str
    norm: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    segmenter: segmenter.Segmenter = field(repr=False)
    deadline: float | None = None  # time.monotonic() after which pattern matching gives up (when no alarm bounds it)
    places: frozenset[str] = frozenset()   # jieba's place words (ns)
    verbs: frozenset[str] = frozenset()    # jieba's verbs (v)
    common: frozenset[str] = frozenset()   # frequent words, never a person's name
    common_prefixes: frozenset[str] = frozenset()  # every start of a common word, and the words
    #: a string's score in jieba's dictionary: truthy for a word, falsy for a prefix or nothing
    lookup: Callable[[str], float | None] = field(default=lambda word: None, repr=False)

    def _timeout(self) -> float | None:
        return None if self.deadline is None else max(0.001, self.deadline - time.monotonic())

    def _scan(self, method: str, pattern: patterns.Pattern, pos: int, endpos: int | None):
        """``pattern.<method>`` over the normalized text, within the time bound (a bounded
        pattern runs in linear time and needs none)."""
        endpos = len(self.norm) if endpos is None else endpos
        if patterns.runs_in_linear_time(pattern):
            return getattr(pattern, method)(self.norm, pos, endpos)
        return getattr(pattern, method)(self.norm, pos, endpos, timeout=self._timeout())

    def finditer(self, pattern: patterns.Pattern, pos: int = 0, endpos: int | None = None):
        """Matches of a compiled pattern over the normalized text, within the time bound."""
        return self._scan("finditer", pattern, pos, endpos)

    def search(self, pattern: patterns.Pattern, pos: int = 0, endpos: int | None = None):
        return self._scan("search", pattern, pos, endpos)

    def match(self, pattern: patterns.Pattern, pos: int = 0, endpos: int | None = None):
        return self._scan("match", pattern, pos, endpos)

    # Tokens. jieba cuts each run of word characters (a block) on its own, so a block is
    # cut the first time a rule asks for a token in it; most of a release's blocks hold
    # no figure and no name and are never cut. Characters outside the blocks but inside a
    # paragraph are tokens of their own; those outside paragraphs (line ends) are none.
    def _block_tokens(self, i: int) -> tuple[list[tuple[int, int]], list[int]]:
        got = self._cut.get(i)
        if got is None:
            spans = self.segmenter.block(self.norm, *self._blocks[i])
            got = self._cut[i] = (spans, [s for s, _ in spans])
        return got

    def token_at(self, offset: int) -> tuple[int, int] | None:
        """The jieba token that contains ``offset``."""
        i = bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset < self._blocks[i][1]:
            spans, starts = self._block_tokens(i)
            return spans[bisect_right(starts, offset) - 1]
        return (offset, offset + 1) if self.paragraph_of(offset) is not None else None

    def is_boundary(self, offset: int) -> bool:
        """True when ``offset`` falls between two jieba tokens (or at a text edge)."""
        token = self.token_at(offset)
        return token is None or token[0] == offset

    def tokens_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The tokens that overlap [start, end), clipped to it."""
        out: list[tuple[int, int]] = []
        blocks = self._blocks
        i = max(bisect_right(self._block_starts, start) - 1, 0)
        pos = start
        while pos < end:
            if i < len(blocks) and blocks[i][1] <= pos:
                i += 1
                continue
            if i < len(blocks) and blocks[i][0] <= pos:
                spans, starts = self._block_tokens(i)
                for k in range(bisect_right(starts, pos) - 1, len(spans)):  # (no copy of a long block's tail)
                    s, e = spans[k]
                    if s >= end:
                        break
                    out.append((max(s, start), min(e, end)))
                pos = blocks[i][1]
                i += 1
                continue
            stop = min(end, blocks[i][0] if i < len(blocks) else end)
            out += [(k, k + 1) for k in range(pos, stop) if self.paragraph_of(k) is not None]
            pos = stop
        return out

    @property
    def tokens(self) -> list[tuple[int, int]]:
        """Every token of the text (cuts every block)."""
        return self.tokens_in(0, len(self.norm))

    def tokens_of_blocks_at(self, offsets: Iterable[int]) -> list[tuple[int, int]]:
        """The tokens of the blocks that hold any of ``offsets``; no other block is cut."""
        hit = set()
        starts, blocks = self._block_starts, self._blocks
        for offset in offsets:
            i = bisect_right(starts, offset) - 1
            if i >= 0 and offset < blocks[i][1]:
                hit.add(i)
        return [t for i in sorted(hit) for t in self._block_tokens(i)[0]]

    def __post_init__(self) -> None:
        self._sentence_starts = [s for s, _ in self.sentences]
        self._paragraph_starts = [s for s, _ in self.paragraphs]
        self._blocks = [b for p_start, p_end in self.paragraphs for b in self.segmenter.blocks(self.norm, p_start, p_end)]
        self._block_starts = [s for s, _ in self._blocks]
        self._cut: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}

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
    """Normalize, split into paragraphs and sentences, ready to segment with jieba."""
    norm = normalize(source)
    paragraphs = _paragraphs(norm)
    seg = segmenter.segmenter(lexicon)
    return Text(
        source=source,
        norm=norm,
        paragraphs=paragraphs,
        sentences=_sentences(norm, paragraphs),
        segmenter=seg,
        deadline=deadline,
        places=seg.classes["ns"],
        verbs=seg.classes["v"],
        common=seg.classes["common"],
        common_prefixes=seg.prefixes("common"),
        lookup=seg.lookup,
    )


