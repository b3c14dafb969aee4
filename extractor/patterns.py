"""Compiling rule patterns: ``regex``, or the stdlib ``re`` where it is safe and faster.

Every pattern is written in the ``regex`` module's syntax and compiled with ``regex``.
A pattern with no unbounded repetition (no ``+``, ``*`` or ``{n,}``) does a bounded
amount of work at each position (at most the product of its repetition bounds), so
scanning a text with it takes time linear in the text: it cannot hang.
:class:`extractor.text.Text` runs every other pattern under the ``regex`` module's
timeout when the document's time bound cannot be an alarm signal (outside the main
thread; see ``timebound.bound``), and the bounded ones never under it.

A caller may ask for ``re`` (``prefer_re=True``). It gets it only for a bounded
pattern that ``re`` accepts. ``re`` scans long alternations of literal words
(place, organization and title names) four to seven times faster than ``regex`` does,
and a pattern that opens with a look-behind or a digit several times slower, so the
choice is made per pattern, where bench measurements showed it pays (see the callers).

tests/test_patterns.py checks that both engines find the same matches for every pattern
compiled with ``re``, on every release the tests hold.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Iterator

import regex

# \p{Han} (Unicode script Han) as a character range, for re
HAN_RANGES = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6"
    "\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0"
    "\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479"
)
_UNBOUNDED = re.compile(r"[+*]|\{\d*,\}")
_ESCAPE = re.compile(r"\\.", re.DOTALL)

Pattern = re.Pattern | regex.Pattern

# an item's label: 1. 2、 3) (LIST_MARK), (一) （二） (CN_ITEM_MARK)
LIST_MARK = r"\d{1,2}[.、)）]"
CN_ITEM_MARK = r"[(（][一二三四五六七八九十]+[)）]"
# a list label (1. 2、 3)) before the text of its item, as the figure and indicator rules see it
LIST_LABEL = rf"{LIST_MARK}(?=\p{{Han}})"
# a mark of prose in the normalized text (；！？ as ;!?), not a table's: a comma that is no
# thousands' separator (1,234.5 is none)
PROSE = r"[，。;!?；！？]|(?<!\d),|,(?!\d)"
# … or a section's or item's number in Chinese numerals (三、全市粮食总产量…), before its text
# (not 一、 of 一、二级公路 or 一、二、三产业: a list of numerals names the thing)
CN_LIST_LABEL = (
    rf"(?:{LIST_MARK}|[一二三四五六七八九十]{{1,3}}[、)）]|{CN_ITEM_MARK})(?=\p{{Han}})(?![一二三四五六七八九十])"
)


def bounded(source: str) -> bool:
    """True when the pattern has no unbounded repetition (escaped characters aside)."""
    return not _UNBOUNDED.search(_ESCAPE.sub("", source))


def _for_re(source: str) -> str:
    """``\\p{Han}`` spelled out: as a class on its own, as ranges inside a class."""
    out = []
    i, in_class = 0, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            if source.startswith("\\p{Han}", i):
                out.append(HAN_RANGES if in_class else f"[{HAN_RANGES}]")
                i += len("\\p{Han}")
                continue
            out.append(source[i : i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
            out.append(c)
            i += 1
            if source.startswith("^", i):
                out.append("^")
                i += 1
            if source.startswith("]", i):  # a leading ] is a literal
                out.append("]")
                i += 1
            continue
        if c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


COMPILED_WITH_RE: list[tuple[str, int]] = []  # (source, flags) of each pattern given to re, for the tests


def compile(source: str, flags: int = 0, *, prefer_re: bool = False) -> Pattern:  # noqa: A001
    """``regex``; with ``prefer_re``, ``re`` for a bounded pattern that ``re`` accepts."""
    if prefer_re and bounded(source):
        try:
            compiled = re.compile(_for_re(source), flags)
            COMPILED_WITH_RE.append((source, flags))
            return compiled
        except re.error:
            pass  # regex-only syntax (variable-width lookbehind, \L, ...)
    return regex.compile(source, flags)


#: a half-width comma that is no thousands separator (3,492萬 is a number): one that ends a clause
CLAUSE_COMMA = r"(?<!\d),|,(?!\d)"

#: one Chinese character (the recognizers, linking and checks ask it of the next character)
HAN_CHAR = compile(r"\p{Han}", prefer_re=True)
PART_MARKS = " ，,：:"  # what may stand between 其中 and the part it opens (其中，医院…)


def is_bounded(pattern: Pattern) -> bool:
    """True for a pattern compiled with ``re`` here: linear time, no time bound needed."""
    return type(pattern) is re.Pattern


# keyed by identity: hashing an ``re`` pattern hashes its whole compiled program each time
# (tens of microseconds for a long word alternation); the pattern is kept so its id stays its own
_LINEAR: dict[int, tuple[Pattern, bool]] = {}


def runs_in_linear_time(pattern: Pattern) -> bool:
    """True for a bounded pattern, whichever engine compiled it: scanning a text with it
    cannot hang, so it never runs under the ``regex`` timeout (which reads the process
    clock at every match)."""
    got = _LINEAR.get(id(pattern))
    if got is None or got[0] is not pattern:
        got = _LINEAR[id(pattern)] = (pattern, is_bounded(pattern) or bounded(pattern.pattern))
    return got[1]


def finditer_near(pattern: Pattern, string: str, anchor: Pattern, reach: int) -> Iterator:
    """What ``pattern.finditer(string)`` yields, for a pattern whose every match holds a
    match of ``anchor`` that starts 1 to ``reach`` characters after the match's own start
    (a name of 1–4 characters before a suffix): the pattern is tried only at those
    positions, in order, as finditer would try them. A scan that fails at most positions
    costs more than finding the few anchors."""
    starts = sorted({s for m in anchor.finditer(string) for s in range(max(m.start() - reach, 0), m.start())})
    last = 0
    for start in starts:
        if start >= last and (m := pattern.match(string, start)):
            last = m.end()
            yield m


def group_numbers(pattern: Pattern):
    """A pattern's named groups by number, as attributes: ``m.group(g.num)``. Asked by
    name, a ``regex`` match first tries to read the name as a number and fails with an
    exception, about 0.5 µs a call; in the recognizers' hot loops that was a tenth of a
    release's time. (Groups that share a name share a number.)"""
    return namedtuple("Groups", list(pattern.groupindex))(**pattern.groupindex)
