"""The document text: the source as decoded, a normalized copy, its structure and tokens.

Normalization maps each character to exactly one character (full-width ASCII to
half-width, ideographic and no-break spaces to a space, traditional characters to
simplified ones), so every offset in the
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
from .charmap import TRADITIONAL
from .lexicon import Lexicon

# U+FF0C (，) stays as written: a half-width comma between digits is a thousands separator,
# a full-width one never is.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: 0x20, 0xFEFF: 0x20})

SENTENCE_END = "。!?;"
_SENTENCE_RE = patterns.compile(r"[^。!?;\n]*(?:[。!?;]+[”’」』)]?|$)")


# Decimal digits of other scripts (٣, ३, and those Unicode 15 and 16 added, U+116D7, which
# the regex module's \d knows and Python's Decimal does not): the number parser reads ASCII
# and full-width digits only, so these become U+FFFD in the normalized copy and no pattern
# takes them for a number (the source keeps them; every span still slices it). The first
# digit of each run of ten (two runs are longer); tests/test_hostile_text.py checks them
# against regex's [\d--[0-9]].
OTHER_DIGITS = tuple(
    range(first, first + 10)
    for first in (
        0x660,
        0x6F0,
        0x7C0,
        0x966,
        0x9E6,
        0xA66,
        0xAE6,
        0xB66,
        0xBE6,
        0xC66,
        0xCE6,
        0xD66,
        0xDE6,
        0xE50,
        0xED0,
        0xF20,
        0x1040,
        0x1090,
        0x17E0,
        0x1810,
        0x1946,
        0x19D0,
        0x1A80,
        0x1A90,
        0x1B50,
        0x1BB0,
        0x1C40,
        0x1C50,
        0xA620,
        0xA8D0,
        0xA900,
        0xA9D0,
        0xA9F0,
        0xAA50,
        0xABF0,
        0x104A0,
        0x10D30,
        0x10D40,
        0x11066,
        0x110F0,
        0x11136,
        0x111D0,
        0x112F0,
        0x11450,
        0x114D0,
        0x11650,
        0x116C0,
        0x116D0,
        0x116DA,
        0x11730,
        0x118E0,
        0x11950,
        0x11BF0,
        0x11C50,
        0x11D50,
        0x11DA0,
        0x11DE0,
        0x11F50,
        0x16130,
        0x16A60,
        0x16AC0,
        0x16B50,
        0x16D70,
        0x1CCF0,
        0x1D7CE,
        0x1D7D8,
        0x1D7E2,
        0x1D7EC,
        0x1D7F6,
        0x1E140,
        0x1E2F0,
        0x1E4F0,
        0x1E5F1,
        0x1E950,
        0x1FBF0,
    )
)
_OTHER_DIGIT_MAP = {cp: 0xFFFD for run in OTHER_DIGITS for cp in run}


def _char_class(code_points, extra: str = "") -> str:
    """A regex character class of the code points, written as ranges, and ``extra``."""
    runs: list[list[int]] = []
    for cp in sorted(code_points):
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return (
        "["
        + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs)
        + extra
        + "]"
    )


_NORMALIZE_MAP = _FULLWIDTH | _OTHER_DIGIT_MAP | TRADITIONAL
# translating only these runs is faster. re tests a class of characters of the Basic
# Multilingual Plane by a bitmap, others range by range, so every character beyond the
# plane is in the class (one range; translate leaves those that are not digits as they are)
_TO_NORMALIZE = re.compile(_char_class((cp for cp in _NORMALIZE_MAP if cp <= 0xFFFF), "\U00010000-\U0010ffff") + "+")


def normalize(source: str) -> str:
    """Full-width ASCII to half-width, odd spaces to a space, digits of other scripts to
    U+FFFD (see ``OTHER_DIGITS``), traditional characters to simplified ones (see
    ``TRADITIONAL``): one character for one."""
    norm = _TO_NORMALIZE.sub(lambda m: m.group().translate(_NORMALIZE_MAP), source)
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
    places: frozenset[str] = frozenset()  # jieba's place words (ns)
    verbs: frozenset[str] = frozenset()  # jieba's verbs (v)
    common: frozenset[str] = frozenset()  # frequent words, never a person's name
    common_prefixes: frozenset[str] = frozenset()  # every start of a common word, and the words
    #: a string's score in jieba's dictionary: truthy for a word, falsy for a prefix or nothing
    lookup: Callable[[str], float | None] = field(default=lambda word: None, repr=False)

    def _timeout(self) -> float | None:
        return None if self.deadline is None else max(0.001, self.deadline - time.monotonic())

    def _scan(self, method: str, pattern: patterns.Pattern, pos: int, endpos: int | None):
        """``pattern.<method>`` over the normalized text, within the time bound (a bounded
        pattern runs in linear time and needs none; without a deadline, under the alarm or
        no bound, there is no timeout to pass, and regex parses none)."""
        endpos = len(self.norm) if endpos is None else endpos
        if self.deadline is None or patterns.runs_in_linear_time(pattern):
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
        self._blocks = [
            b for p_start, p_end in self.paragraphs for b in self.segmenter.blocks(self.norm, p_start, p_end)
        ]
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
