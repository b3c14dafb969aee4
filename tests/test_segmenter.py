"""Our segmenter cuts exactly as jieba's Tokenizer.cut (accurate mode, HMM on) does with
the same dictionary: on every release the tests hold and on random text, both with the C
accelerator (extractor/_route.c) and with the Python loop that runs where it is not built."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import jieba
import jieba.finalseg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import segmenter
from extractor.lexicon import load
from extractor.text import build, normalize

ROOT = Path(__file__).resolve().parents[1]
RELEASES = sorted({*ROOT.glob("tests/**/*.txt"), *ROOT.glob("corpus/**/*.txt")} - {*ROOT.glob("tests/**/README*")})


@lru_cache(maxsize=1)
def _pair() -> tuple[segmenter.Segmenter, jieba.Tokenizer]:
    jieba.setLogLevel(logging.WARNING)
    ours = segmenter.segmenter(load())
    theirs = jieba.Tokenizer()
    theirs.FREQ, theirs.total = ours.frequencies(), ours.total
    theirs.initialized = True
    for word in ours.force_split:
        jieba.finalseg.add_force_split(word)
    return ours, theirs


@pytest.fixture(params=["compiled", "python"])
def ours(request):
    """Our segmenter, cutting with the C accelerator or with the Python loop."""
    if request.param == "python":
        return segmenter.segmenter(load(), compiled=False)
    seg, _ = _pair()
    if not seg.compiled:
        pytest.skip("the C accelerator is not built here (no C compiler at install)")
    return seg


def _jieba_spans(tokenizer: jieba.Tokenizer, text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for word in tokenizer.cut(text):
        spans.append((pos, pos + len(word)))
        pos += len(word)
    return spans


@pytest.mark.parametrize("path", RELEASES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_cut_as_jieba_on_releases(path, ours):
    _, theirs = _pair()
    text = normalize(path.read_text(encoding="utf-8"))
    assert ours.spans(text) == _jieba_spans(theirs, text)


def test_spans_of_a_slice_are_offsets_in_the_whole_text(ours):
    _, theirs = _pair()
    text = "标题\n全市专利授权量同比增长12.9%，居全省第2位。\n"
    start, end = 3, len(text) - 1
    assert ours.spans(text, start, end) == [(a + start, b + start) for a, b in _jieba_spans(theirs, text[start:end])]


SEED_CHARS = (ROOT / "corpus").glob("**/*.txt")
ALPHABET = sorted(
    set("".join(p.read_text(encoding="utf-8") for p in SEED_CHARS)) | set("亳菊谯城区 \t\r\nabcXYZ0.5%-_#&+")
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_same_cut_as_jieba_on_random_text(ours, text):
    _, theirs = _pair()
    assert ours.spans(text) == _jieba_spans(theirs, text)


def test_force_split_words_are_cut_in_characters_by_both(ours):
    """A user-dictionary word of frequency 0 is never joined by the HMM (jieba's add_word
    with freq 0), in C as in Python."""
    _, theirs = _pair()
    if not ours.force_split:
        pytest.skip("the user dictionary has no word of frequency 0")
    for word in sorted(ours.force_split)[:20]:
        text = f"据悉{word}。"
        assert ours.spans(text) == _jieba_spans(theirs, text)


def test_the_accelerator_reads_only_what_it_was_given():
    """Guards of the C entry point: a block outside the text is an error, not a crash."""
    seg, _ = _pair()
    if not seg.compiled:
        pytest.skip("the C accelerator is not built here")
    with pytest.raises(IndexError):
        seg._trie.cut("全市", 0, 5, [])
    assert seg._trie.get("全市") is not None and seg._trie.get("") is None


def _reference_tokens_in(tokens, start, end):
    return [(max(s, start), min(e, end)) for s, e in tokens if s < end and e > start]


@pytest.mark.parametrize("path", RELEASES[:12], ids=lambda p: str(p.relative_to(ROOT)))
def test_tokens_cut_on_demand_are_the_tokens_of_whole_paragraphs(path):
    ours, _ = _pair()
    source = path.read_text(encoding="utf-8")
    whole = [t for p in build(source, load()).paragraphs for t in ours.spans(normalize(source), *p)]
    text = build(source, load())  # fresh: nothing cut yet
    for start in range(0, len(source), 37):
        for width in (1, 9, 60):
            assert text.tokens_in(start, start + width) == _reference_tokens_in(whole, start, start + width)
        containing = [t for t in whole if t[0] <= start < t[1]]
        assert text.token_at(start) == (containing[0] if containing else None)
    assert text.tokens == whole
