"""Patterns compiled with the stdlib ``re`` find exactly what ``regex`` finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import extract, patterns
from extractor.lexicon import alternation
from extractor.text import normalize

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    normalize(p.read_text(encoding="utf-8"))
    for p in sorted({*ROOT.glob("tests/**/*.txt"), *ROOT.glob("corpus/**/*.txt")})
]


def _compiled_with_re() -> list[tuple[str, int]]:
    extract("全市新增企业1家。")  # every recognizer has compiled its patterns
    return sorted(set(patterns.COMPILED_WITH_RE))


def test_some_patterns_use_re():
    assert len(_compiled_with_re()) >= 5


@pytest.mark.parametrize("source,flags", _compiled_with_re(), ids=lambda v: str(v)[:40])
def test_same_matches_with_both_engines(source, flags):
    fast, reference = patterns.compile(source, flags, prefer_re=True), regex.compile(source, flags)
    assert patterns.is_bounded(fast)
    for text in TEXTS:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in reference.finditer(text)]
        for start in range(0, len(text), 97):  # windows, as the rules search clauses
            end = min(len(text), start + 60)
            a, b = fast.search(text, start, end), reference.search(text, start, end)
            assert (a and a.span()) == (b and b.span())


def test_han_ranges_are_the_han_script():
    han = re.compile(f"[{patterns.HAN_RANGES}]")
    chars = {chr(cp) for cp in range(0x2E80, 0xA000)} | {chr(cp) for cp in range(0xF900, 0xFB00)} | set("".join(TEXTS))
    differ = [c for c in chars if bool(han.match(c)) != bool(regex.match(r"\p{Han}", c))]
    assert differ == []


@pytest.mark.parametrize(
    "source,expected",
    [
        (r"(?:北京|上海)市?", True),
        (r"\p{Han}{1,4}(?:镇|乡)", True),
        (r"[^。]{0,40}$", True),
        (r"\d+", False),
        (r"a*", False),
        (r"\p{Han}{2,}", False),
        (r"\+\*", True),
        (r"[+*]", False),
    ],
)
def test_bounded(source, expected):
    assert patterns.bounded(source) is expected


def test_unbounded_or_regex_only_patterns_stay_with_regex():
    assert not patterns.is_bounded(patterns.compile(r"\d+", prefer_re=True))
    assert not patterns.is_bounded(patterns.compile(r"(?<=于|截至)\d", prefer_re=True))  # variable-width look-behind
    assert not patterns.is_bounded(patterns.compile(r"(?:北京|上海)"))  # not asked for
    inside = patterns.compile(r"[^\p{Han}，]{1,3}", prefer_re=True)
    assert patterns.is_bounded(inside) and inside.match("ab，") and not inside.match("中")


def test_only_unbounded_patterns_run_under_the_time_bound():
    assert patterns.runs_in_linear_time(regex.compile(r"(?<!\d)\d{1,3}年"))
    assert patterns.runs_in_linear_time(patterns.compile(r"(?:北京|上海)", prefer_re=True))
    assert not patterns.runs_in_linear_time(regex.compile(r"\d+(?:\.\d+)?"))


def test_finditer_near_finds_what_finditer_finds():
    from extractor.lexicon import load
    from extractor.recognizers.entities import _PLACE_NAME_MAX, _rules

    rules = _rules(load())
    samples = [*TEXTS, "白马镇河湖街道水库新区", "镇镇镇镇镇", "沿江河湖", "一二三四五六镇", "a镇 b乡"]
    for text in samples:
        near = patterns.finditer_near(rules.named_place, text, rules.named_place_anchor, _PLACE_NAME_MAX)
        assert [m.span() for m in near] == [m.span() for m in rules.named_place.finditer(text)]


_LETTERS = st.sampled_from("全省市国我本第排名a.(")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text(_LETTERS, min_size=1, max_size=4), min_size=1, max_size=12),
    st.text(_LETTERS, max_size=30),
    st.sampled_from(["", "$", "名", "(?!市)", "[省市]"]),
)
def test_alternation_matches_as_a_flat_list_longest_first(words, text, after):
    """The trie alternation finds what a flat alternation of the words, longest first, finds,
    even where what follows makes the engine fall back to a shorter word."""
    flat = "(?:" + "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"
    for engine in (re, regex):
        ours, reference = engine.compile(alternation(words) + after), engine.compile(flat + after)
        assert [m.span() for m in ours.finditer(text)] == [m.span() for m in reference.finditer(text)]
        assert [(m.span() if m else None) for m in (ours.match(text, i) for i in range(len(text)))] == [
            (m.span() if m else None) for m in (reference.match(text, i) for i in range(len(text)))
        ]


def test_alternation_is_a_trie():
    assert alternation(["全省", "全市", "我市", "全"]) == "(?:全(?:市|省|)|我市)"
    assert alternation(["a"]) == "(?:a)"
