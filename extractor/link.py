"""Linking figures to what they measure: indicator, qualifier, change, rank, scope, period,
target, and 分别 lists.

The indicator of a figure is the phrase before it in its clause (after the previous
figure and whatever that figure took), trimmed on jieba token boundaries: periods, scope
words, connectives and verbs at its edges, and everything up to the last action verb
(data/indicators.toml). A figure that opens its clause, or follows a verb (指导29家企业…),
measures the noun phrase after it; the rest of the clause is its qualifier. A growth rate
or a rank with no phrase of its own qualifies the figure before it and takes its indicator.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .candidates import DateFound, QuantityFound
from .lexicon import Lexicon, alternation
from .text import Text, verb_words

CLAUSE_BREAK = ",，;；:：。!?！？\n"
_EDGE_JUNK = " “”\"'()（）《》、·-—:："
_LIST_SEP = regex.compile(r"、|和|及|与|以及")
_WORD = regex.compile(r"^[\p{Han}A-Za-z“”\"]+$")
_QUOTED_TAIL = regex.compile(r"[“\"][^“”\"]{1,16}[”\"]$")


@dataclass(frozen=True)
class _Words:
    basis: regex.Pattern
    change: regex.Pattern
    directions: dict[str, str]
    rank_tail: regex.Pattern
    scopes: tuple[str, ...]
    scope_re: regex.Pattern
    targets: regex.Pattern
    strip_leading: tuple[str, ...]
    strip_trailing: tuple[str, ...]
    cut_after: frozenset[str]
    rate_markers: tuple[str, ...]
    np_end: frozenset[str]
    head_nouns: tuple[str, ...]


@lru_cache(maxsize=4)
def _words(lexicon: Lexicon) -> _Words:
    q = lexicon.raw["quantities"]
    ind = lexicon.raw["indicators"]
    directions = {w: "up" for w in q["change"]["up"]} | {w: "down" for w in q["change"]["down"]} | {w: "flat" for w in q["change"]["flat"]}
    basis = alternation(q["change"]["basis"])
    rank = q["rank"]
    return _Words(
        basis=regex.compile(basis),
        change=regex.compile(rf"(?P<basis>{basis})?(?:[^,，;；。]{{0,8}}?)(?P<verb>{alternation(list(directions))})了?"
                             rf"(?:{alternation(q['approx']['prefix'])})?$"),
        directions=directions,
        rank_tail=regex.compile(rf"(?:{alternation(rank['scopes'])})?(?:{alternation(rank['verbs'])})?(?:{alternation(rank['scopes'])})?$"),
        scopes=tuple(q["scope"]["words"]),
        scope_re=regex.compile(alternation(q["scope"]["words"]) + r"(?!排名|排|第|位居|位列)"),
        targets=regex.compile(alternation(q["target"]["words"])),
        strip_leading=tuple(sorted(ind["strip_leading"], key=len, reverse=True)),
        strip_trailing=tuple(sorted(ind["strip_trailing"], key=len, reverse=True)),
        cut_after=frozenset(ind["cut_after"]),
        rate_markers=tuple(ind["rate_markers"]),
        np_end=frozenset(ind["noun_phrase_end"]),
        head_nouns=tuple(ind["head_nouns"]),
    )


def _clause_start(norm: str, lo: int, pos: int) -> int:
    i = pos
    while i > lo and norm[i - 1] not in CLAUSE_BREAK:
        i -= 1
    return i


def _clause_end(norm: str, pos: int, hi: int) -> int:
    i = pos
    while i < hi and norm[i] not in CLAUSE_BREAK:
        i += 1
    return i


def _trim(text: Text, start: int, end: int, w: _Words, dates: list[DateFound]) -> tuple[int, int]:
    """Trim a phrase to its indicator: cut after the last action verb, drop dates, scope
    words, connectives and verbs at its edges, and a quoted name at its end."""
    norm = text.norm
    tokens = text.tokens_in(start, end)
    if tokens and norm[tokens[-1][0]:tokens[-1][1]] in w.cut_after:
        return end, end  # 指导|29家: the verb governs the figure, which counts what follows
    for s, e in reversed(tokens):
        if norm[s:e] in w.cut_after:
            start = e
            break
    changed = True
    while changed and start < end:
        changed = False
        while start < end and norm[start] in _EDGE_JUNK + CLAUSE_BREAK:
            start, changed = start + 1, True
        for d in dates:
            if d.start <= start < d.end:
                start, changed = d.end, True
        for word in w.scopes + w.strip_leading:
            if norm.startswith(word, start, end) and text.is_boundary(start + len(word)):
                start, changed = start + len(word), True
                break
        quoted = _QUOTED_TAIL.search(norm, start, end)
        if quoted and quoted.start() > start:
            end, changed = quoted.start(), True
        while end > start and norm[end - 1] in _EDGE_JUNK:
            end, changed = end - 1, True
        for word in w.strip_trailing:
            if norm.endswith(word, start, end) and text.is_boundary(end - len(word)):
                end, changed = end - len(word), True
                break
    return start, end


def _ends_with_verb(text: Text, start: int, end: int, w: _Words) -> bool:
    tokens = text.tokens_in(start, end)
    if not tokens:
        return False
    last = text.norm[tokens[-1][0]:tokens[-1][1]]
    return last in verb_words() or last in w.cut_after


def _right_noun_phrase(text: Text, start: int, hi: int, w: _Words) -> tuple[int, int]:
    """The noun phrase a figure counts when it opens its clause: 4家|企业|通过… -> 企业."""
    norm = text.norm
    if norm.startswith("的", start):
        start += 1
    end, stopped = start, False
    for s, e in text.tokens_in(start, hi):
        word = norm[s:e]
        if word == "、" and end > start:
            continue
        if word in w.np_end or word in w.cut_after or word == "的" or not _WORD.match(word):
            stopped = word != "的" and _WORD.match(word) is not None
            break
        end = e
    if not stopped and end - start > 8:
        for s, e in text.tokens_in(start, end):
            if norm[s:e] in w.head_nouns:
                end = e
                break
    return start, end


def _qualifier_end(text: Text, start: int, hi: int, w: _Words) -> int:
    """The qualifier runs to ``hi`` but stops before a second action verb (a new thought
    run on over lost punctuation: 获批…企业|印发…)."""
    first = True
    for s, e in text.tokens_in(start, hi):
        if text.norm[s:e] in w.cut_after or text.norm[s:e] in w.np_end:
            if not first:
                return s
        first = False
    return hi


def _period_for(q: QuantityFound, clause_lo: int, sentence: tuple[int, int], paragraph: tuple[int, int] | None,
                dates: list[DateFound], norm: str) -> DateFound | None:
    usable = [d for d in dates if d.kind != "date" and d.end <= q.start]
    in_clause = [d for d in usable if d.start >= clause_lo]
    if in_clause:
        return in_clause[-1]
    lead = [d for d in usable if d.start == sentence[0] or (paragraph and d.start == paragraph[0] and norm[d.end:d.end + 1] in ",，")]
    lead = [d for d in lead if not paragraph or d.start >= paragraph[0]]
    return lead[-1] if lead else None


def _distribute(text: Text, qs: list[QuantityFound], w: _Words, dates: list[DateFound]) -> None:
    """A、B和C分别增长x、y和z: each figure measures its own list item."""
    norm = text.norm
    for marker in regex.finditer("分别", norm):
        sentence = text.sentence_of(marker.start())
        run: list[QuantityFound] = []
        for q in (q for q in qs if marker.end() <= q.start < sentence[1] and q.kind != "rank"):
            gap = norm[(run[-1].end if run else marker.end()):q.start]
            if run and regex.search(r"[;；。,，]", gap):
                break
            run.append(q)
        s, e = _trim(text, _clause_start(norm, sentence[0], marker.start()), marker.start(), w, dates)
        items = [p for p in _LIST_SEP.split(norm[s:e]) if p]
        if len(items) < 2 or len(items) != len(run):
            continue
        last_tokens = [norm[a:b] for a, b in text.tokens_in(e - len(items[-1]), e)]
        first_tokens = [norm[a:b] for a, b in text.tokens_in(s, s + len(items[0]))]
        tail = "".join(last_tokens[len(first_tokens):]) if len(last_tokens) > len(first_tokens) else ""
        for q, item in zip(run, items):
            q.indicator = item if item.endswith(tail) else item + tail
            q.indicator_span = None


def link(text: Text, lexicon: Lexicon, quantities: list[QuantityFound], dates: list[DateFound]) -> None:
    """Fill indicator, qualifier, change, rank, scope, period and target in place."""
    w = _words(lexicon)
    norm = text.norm
    qs = sorted(quantities, key=lambda q: q.start)
    taken = 0  # end of the text the previous figure used (itself, its noun phrase, its qualifier)
    for i, q in enumerate(qs):
        sentence = text.sentence_of(q.start)
        lo = max(sentence[0], taken)
        clause_lo = _clause_start(norm, lo, q.start)
        left_end = q.start
        if q.approx and norm.endswith(q.approx, 0, left_end):
            left_end -= len(q.approx)
        left = norm[clause_lo:left_end]

        if q.kind == "rank":
            left_end = clause_lo + w.rank_tail.search(left).start()
        else:
            m = w.change.search(left)
            if m and m.group("verb"):
                basis = m.group("basis")
                if basis is None:
                    found = list(w.basis.finditer(norm, clause_lo, left_end))
                    basis = found[-1].group(0) if found else None
                q.change = (basis, w.directions[m.group("verb")], None)
                left_end = clause_lo + (m.start("basis") if m.group("basis") else m.start("verb"))
                for b in w.basis.finditer(norm, clause_lo, left_end):
                    left_end = min(left_end, b.start())

        s, e = _trim(text, clause_lo, left_end, w, dates)
        base = next((p for p in reversed(qs[:i]) if p.start >= sentence[0] and p.change is None and p.kind != "rank"), None)
        taken = q.end
        if (q.change or q.kind == "rank") and e <= s and base is not None:
            q.indicator, q.indicator_span = base.indicator, base.indicator_span
            if q.change:
                q.change = (q.change[0], q.change[1], qs.index(base))
            else:
                q.rank_of = qs.index(base)
        elif q.kind in ("count", "number", "ordinal", "measure") and (e <= s or _ends_with_verb(text, clause_lo, left_end, w)):
            hi = _clause_end(norm, q.end, sentence[1])
            nxt = next((p.start for p in qs[i + 1:] if p.start < hi), hi)
            hi = min(hi, nxt)
            ns, ne = _right_noun_phrase(text, q.end, hi, w)
            if ne > ns:
                q.indicator, q.indicator_span = text.source[ns:ne], (ns, ne)
                list_end = norm.find("、", ne, hi)
                q_end = _qualifier_end(text, ne, list_end if list_end >= 0 else hi, w)
                q.qualifier = text.source[ne:q_end].strip().removeprefix("的") or None
                # a qualifier that runs into the next figure is also that figure's phrase
                taken = ne if q_end == nxt else q_end
            elif e > s:
                q.indicator, q.indicator_span = text.source[s:e], (s, e)
        elif e > s:
            q.indicator, q.indicator_span = text.source[s:e], (s, e)
        if q.kind == "rank" and q.rank_of is None and base is not None and q.indicator == base.indicator:
            q.rank_of = qs.index(base)

        paragraph = text.paragraph_of(q.start)
        scopes = list(w.scope_re.finditer(norm, paragraph[0] if paragraph else sentence[0], q.start))
        q.scope = scopes[-1].group(0) if scopes else None
        q.period = _period_for(q, clause_lo, sentence, paragraph, dates, norm)
        q.target = bool(w.targets.search(norm, _clause_start(norm, sentence[0], q.start), q.start))
        if q.indicator and q.kind in ("count", "number", "measure") and any(m in q.indicator for m in w.rate_markers):
            q.kind = "rate"
    _distribute(text, qs, w, dates)
