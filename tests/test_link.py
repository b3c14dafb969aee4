"""The linker's quick lookups answer exactly what the plain scans they replace answer."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.lexicon import load
from extractor.link import CLAUSE_BREAK, _Breaks, _Scopes, _words
from extractor.text import _paragraphs, normalize

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    normalize(p.read_text(encoding="utf-8"))
    for p in sorted({*ROOT.glob("tests/**/*.txt"), *ROOT.glob("corpus/**/*.txt")})
]
WORDS = _words(load())


def _scanned(norm: str, region: tuple[int, int], pos: int) -> str | None:
    found = list(WORDS.scope_re.finditer(norm, region[0], pos))
    return found[-1].group(0) if found else None


def _check_scopes(norm: str, step: int) -> None:
    scopes = _Scopes(norm, WORDS.scope_re, WORDS.scope_reach)
    for region in _paragraphs(norm):
        for pos in range(region[0], region[1] + 1, step):
            assert scopes.last(region, pos) == _scanned(norm, region, pos), (region, pos)


def test_scopes_match_a_scan_up_to_each_position():
    for norm in TEXTS:
        _check_scopes(norm, 5)


# scope words, the words after which they do not count, and their pieces, run together
_PIECES = [
    "全省",
    "全市",
    "我市",
    "本省",
    "全",
    "省",
    "市",
    "排名",
    "排",
    "第",
    "位居",
    "位",
    "列",
    "增长",
    "3%",
    ",",
    "。",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_scopes_on_words_run_together(pieces):
    _check_scopes("".join(pieces) or "空", 1)


def _clause_start(norm: str, lo: int, pos: int) -> int:
    breaks = [i for i in range(lo, pos) if norm[i] in CLAUSE_BREAK]
    return breaks[-1] + 1 if breaks else lo


def _clause_end(norm: str, pos: int, hi: int) -> int:
    m = re.compile("[" + re.escape(CLAUSE_BREAK) + "]").search(norm, pos, hi)
    return m.start() if m else hi


def test_clause_edges_match_a_scan():
    for norm in TEXTS[::10]:
        breaks = _Breaks(norm)
        for pos in range(0, len(norm) + 1, 13):
            for lo in (0, max(0, pos - 20), pos):
                assert breaks.clause_start(lo, pos) == _clause_start(norm, lo, pos)
            for hi in (pos, min(len(norm), pos + 20), len(norm)):
                assert breaks.clause_end(pos, hi) == _clause_end(norm, pos, hi)
