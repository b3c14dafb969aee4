"""Damage and plausibility checks over linked figures.

- ``missing_unit``: an Arabic number written with no unit or counter right before more
  text (scraping lost the character after it: 案件15市行政, 工作站1面向社会). The counter
  is suggested from parallel phrases in the same document (…案件253件 -> 件) or from the
  counters that usually go with a word of its indicator.
- ``suspect_figure``: a figure above the plausibility limit for its indicator and the
  publisher's level (专利质押融资14311.5亿元 for a city). Extracted as written; the
  candidate readings split the digits into a lost count and an amount (143笔 + 11.5亿元).
- ``missing_separator``: a figure run into the next number or a Latin word (80.5万元8件,
  11.9%PCT): the figures are fine, the punctuation was lost.
- ``value_out_of_range``: a value the output does not carry as a number (10^28 or more,
  more than 10 decimal places, or a fraction a JSON number would round): the figure keeps
  its text and span, its value is null.

Each check returns :class:`Finding` records (a flag and an issue for one figure);
:func:`check` runs them in order. Neither the candidates nor the linked records change.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from . import patterns
from .candidates import IssueFound
from .lexicon import Lexicon
from .link import Linked
from .numerals import MAX_PLACES, carried, parse_number
from .text import Text

_ALNUM = regex.compile(r"[0-9A-Za-z]")
_FULL_STOP = regex.compile("。")
_NOT_MISSING_BEFORE = regex.compile(r"(?:为|是|指数|系数|比值|比例|得分|约|PM|pm)$")


@dataclass(slots=True)
class Finding:
    """What one check found about one figure: a flag on it, an issue, or both."""

    figure: Linked
    rule: str
    flag: str | None = None
    issue: IssueFound | None = None


def check(text: Text, figures: list[Linked], lexicon: Lexicon, publisher: str | None) -> list[Finding]:
    """Every check over the linked figures, in order. A figure whose value is out of range
    is seen with no value by the checks after; money already flagged as implausible is
    not flagged again as a count run into an amount."""
    found = list(check_value_range(text, figures))
    cleared = {id(f.figure) for f in found}
    found += check_missing_units(text, figures, lexicon)
    found += check_plausibility(text, figures, lexicon, publisher, cleared)
    found += check_bounded_shares(text, figures, lexicon, cleared)
    suspect = {id(f.figure) for f in found if f.flag in ("suspect_figure", "value_out_of_range")}
    found += check_countable_money(text, figures, lexicon, suspect)
    found += check_separators(text, figures)
    return found


def _shown(text: Text, q: Linked) -> str:
    return text.source[q.start : q.end]


@lru_cache(maxsize=4)
def _limits(lexicon: Lexicon):
    data = lexicon.plausibility
    return data.levels, data.limit, data.counters


def publisher_level(publisher: str | None, lexicon: Lexicon) -> str:
    """city, county or province, from the publisher's name; city when unknown."""
    levels, _, _ = _limits(lexicon)
    if not publisher:
        return "city"
    name = regex.sub(r"[(（].*?[)）]", "", publisher)
    best, best_pos = "city", -1
    for level, suffixes in levels:  # (province, city, county: the fields in order)
        for suffix in suffixes:
            pos = name.find(suffix)
            if pos >= 0 and (best_pos < 0 or pos < best_pos):
                best, best_pos = level, pos
    return best


class _Counts:
    """The well-formed counts of a document (a unit, kind count), indexed once so that the
    suggestions for each number that lost its counter cost a few bisections, not a pass
    over every figure (a document of thousands of bare numbers stayed quadratic)."""

    def __init__(self, text: Text, quantities: list[Linked]) -> None:
        self.by_unit: dict[str, list[int]] = {}  # unit -> starts of the counts in it, sorted
        self.by_head: dict[tuple[str, str], list[int]] = {}  # (last 2 characters of the indicator, unit) -> starts
        for other in sorted(quantities, key=lambda o: o.start):
            if other.kind != "count" or not other.unit:
                continue
            self.by_unit.setdefault(other.unit, []).append(other.start)
            if other.indicator and len(other.indicator) >= 2:
                self.by_head.setdefault((other.indicator[-2:], other.unit), []).append(other.start)
        self.heads: dict[str, list[str]] = {}
        for head, unit in self.by_head:
            self.heads.setdefault(head, []).append(unit)
        self.full_stops = [m.start() for m in _FULL_STOP.finditer(text.norm)]

    def sentence_start(self, pos: int) -> int:
        """Where the sentence up to 。 holding ``pos`` starts (``norm.rfind("。", 0, pos) + 1``)."""
        i = bisect_left(self.full_stops, pos)
        return self.full_stops[i - 1] + 1 if i else 0


def _nearest(starts: list[int], lo: int, hi: int, pos: int) -> tuple[int, int]:
    """How many of the sorted ``starts`` lie in [lo, hi), and the least distance from one of them to ``pos``."""
    a, b = bisect_left(starts, lo), bisect_left(starts, hi)
    if a == b:
        return 0, 10**9
    i = min(max(bisect_left(starts, pos, a, b), a), b)
    near = [abs(starts[k] - pos) for k in (i - 1, i) if a <= k < b]
    return b - a, min(near)


def _suggest(text: Text, q: Linked, counts: _Counts, lexicon: Lexicon) -> list[str]:
    """Counters the document itself suggests for a number that lost its counter, best first:
    1. well-formed counts whose indicator ends like this number's (…案件253件 for 案件15),
       nearest first; 2. counters the data pairs with a word next to the number;
    3. the counters of the other counts in the same sentence."""
    _, _, counters = _limits(lexicon)
    votes: dict[str, tuple[int, int]] = {}

    def vote(unit: str, weight: int, distance: int) -> None:
        old = votes.get(unit, (0, 10**9))
        votes[unit] = (old[0] + weight, min(old[1], distance))

    head = (q.indicator or "")[-2:]
    if len(head) == 2:
        for unit in counts.heads.get(head, ()):
            n, distance = _nearest(counts.by_head[(head, unit)], -1, len(text.norm) + 1, q.start)
            vote(unit, 3 * n, distance)
    if not votes:
        around = text.norm[max(0, q.start - 6) : q.end + 8]
        for word, units in counters.items():
            if word in around:
                for u in units:
                    vote(u, 1, 0)
    if not votes:
        sentence = text.sentence_of(q.start)
        whole = (counts.sentence_start(sentence[0]), sentence[1])
        for unit, starts in counts.by_unit.items():
            n, distance = _nearest(starts, whole[0], whole[1] + 40, q.start)
            if n:
                vote(unit, n, distance)
    return [u for u, _ in sorted(votes.items(), key=lambda kv: (-kv[1][0], kv[1][1], kv[0]))]


def _ordinal_counters(text: Text, quantities: list[Linked], lexicon: Lexicon) -> list[str]:
    """Counters this document itself writes after ordinals or batches (第3批, 9批)."""
    ordinal = lexicon.plausibility.ordinal_counters
    return [u for u in ordinal if any(q.unit == u for q in quantities) or regex.search(rf"第\d+{u}", text.norm)]


def check_value_range(text: Text, quantities: list[Linked]) -> Iterator[Finding]:
    """A figure whose value (or range end) the output cannot carry exactly keeps its text
    and span with a null value, flagged: never a crash, never a rounded number."""
    for q in quantities:
        value_max = q.figure.value_max
        if (q.value is None or carried(q.value)) and (value_max is None or carried(value_max)):
            continue
        shown = _shown(text, q)
        shown = shown if len(shown) <= 40 else f"{shown[:20]}…{shown[-12:]} ({len(shown)} characters)"
        yield Finding(
            q,
            "check.value_range",
            "value_out_of_range",
            IssueFound(
                q.start,
                q.end,
                "check.value_range",
                code="value_out_of_range",
                severity="warning",
                message=f"{shown}: the value is not carried (values are below 10^28 with at most "
                f"{MAX_PLACES} decimal places, and a fraction a JSON number writes exactly); "
                "the figure keeps its text, its value is null",
            ),
        )


def check_missing_units(text: Text, quantities: list[Linked], lexicon: Lexicon) -> Iterator[Finding]:
    counts: _Counts | None = None  # built at the first number that needs it
    ordinal_counters: list[str] | None = None
    for q in quantities:
        if q.unit or q.kind not in ("number", "ordinal") or q.figure.unit_text or q.figure.value_max is not None:
            continue  # (a range with no unit is one only before 之间: nothing was lost)
        nxt = text.norm[q.end : q.end + 1]
        before = text.norm[max(0, q.start - 3) : q.start]
        if not (patterns.HAN_CHAR.match(nxt) or nxt in (",", "，", "、", ";", "；")):
            continue
        if _NOT_MISSING_BEFORE.search(before) and q.kind != "ordinal":
            continue
        if q.kind == "ordinal":
            if ordinal_counters is None:
                ordinal_counters = _ordinal_counters(text, quantities, lexicon)
            suggestions = ordinal_counters
        else:
            counts = counts or _Counts(text, quantities)
            suggestions = _suggest(text, q, counts, lexicon)
        where = f"第{q.figure.number_text}" if q.kind == "ordinal" else q.figure.number_text
        message = f"{where} has no unit or counter; a character after the number was probably lost"
        if suggestions:
            message += "; the context suggests " + " or ".join(suggestions)
        yield Finding(
            q,
            "check.missing_unit",
            "missing_unit",
            IssueFound(
                q.start,
                q.end,
                "check.missing_unit",
                code="missing_unit",
                severity="warning",
                message=message,
                candidates=[(f"{_shown(text, q)}{u}", True) for u in suggestions],
            ),
        )


def _splits(
    number_text: str, unit_text: str, limit: Decimal | None, counters: list[str], lexicon: Lexicon
) -> list[tuple[str, bool]]:
    whole, _, frac = number_text.replace(",", "").partition(".")
    out = []
    for cut in range(len(whole) - 1, 0, -1):
        left, right = whole[:cut], whole[cut:]
        if right.startswith("0") and (len(right) > 1 or not frac):
            continue  # no amount starts with 0, and none is 0
        right_text = right + ("." + frac if frac else "")
        value = parse_number(right_text + unit_text[:1] if unit_text[:1] in lexicon.scales else right_text, lexicon)
        plausible = limit is None or (value is not None and value <= limit)
        counter = counters[0] if counters else "?"
        out.append((f"{left}{counter} + {right_text}{unit_text}", plausible))
    out.sort(key=lambda c: not c[1])
    return out


def _suspect(q: Linked, rule: str, message: str, candidates: list[tuple[str, bool]]) -> Finding:
    return Finding(
        q,
        rule,
        "suspect_figure",
        IssueFound(
            q.start, q.end, rule, code="suspect_figure", severity="warning", message=message, candidates=candidates
        ),
    )


def check_bounded_shares(
    text: Text, quantities: list[Linked], lexicon: Lexicon, cleared: set[int] = frozenset()
) -> Iterator[Finding]:  # type: ignore[assignment]
    """A share or pass rate above 100% (结案率968%) is damaged or mistyped."""
    bounded = lexicon.plausibility.bounded_percent
    for q in quantities:
        if (
            q.kind == "percent"
            and q.value is not None
            and q.value > 100
            and q.indicator
            and q.indicator.endswith(bounded)
            and id(q) not in cleared
        ):
            yield _suspect(
                q,
                "check.bounded_share",
                f"{_shown(text, q)} for {q.indicator}: a share or rate cannot exceed 100%; "
                "a digit or separator was probably lost. Extracted as written.",
                [],
            )


def check_countable_money(
    text: Text, quantities: list[Linked], lexicon: Lexicon, flagged: set[int] = frozenset()
) -> Iterator[Finding]:  # type: ignore[assignment]
    """Money measuring a counted thing (机构4219.8万元): a count and an amount run together
    (unless ``flagged``, the ids of the figures already suspect or out of range)."""
    heads = lexicon.plausibility.countable_heads
    for q in quantities:
        if q.kind != "money" or not q.indicator or id(q) in flagged:
            continue
        head = next((h for h in heads if q.indicator.endswith(h)), None)
        number_text = q.figure.number_text
        if head is None or len(number_text.replace(",", "").partition(".")[0]) < 2:
            continue
        yield _suspect(
            q,
            "check.countable_money",
            f"{_shown(text, q)} is money but measures {head}, which is counted in {heads[head]}: "
            "a count and an amount may have run together. Extracted as written.",
            _splits(number_text, q.figure.unit_text or "", None, [heads[head]], lexicon),
        )


def check_plausibility(
    text: Text, quantities: list[Linked], lexicon: Lexicon, publisher: str | None, cleared: set[int] = frozenset()
) -> Iterator[Finding]:  # type: ignore[assignment]
    _, limits, counters = _limits(lexicon)
    level = publisher_level(publisher, lexicon)
    for q in quantities:
        if q.kind != "money" or q.value is None or not q.indicator or id(q) in cleared:
            continue
        for limit in limits:
            if not any(k in q.indicator for k in limit.keywords):
                continue
            cap = Decimal(getattr(limit, level))
            if q.value > cap:
                lost = next((units for word, units in counters.items() if word in q.indicator), [])
                yield _suspect(
                    q,
                    "check.plausibility",
                    f"{_shown(text, q)} for {q.indicator} is above the plausible limit for a {level} release "
                    f"({limit.why}); the digits may be a lost count run into the amount. Extracted as written.",
                    _splits(q.figure.number_text, q.figure.unit_text or "", cap, lost, lexicon),
                )
            break


def check_separators(text: Text, quantities: list[Linked]) -> Iterator[Finding]:
    for q in quantities:
        nxt = text.norm[q.end : q.end + 1]
        if q.unit and nxt and _ALNUM.match(nxt):
            yield Finding(
                q,
                "check.missing_separator",
                None,
                IssueFound(
                    q.start,
                    q.end,
                    "check.missing_separator",
                    code="missing_separator",
                    severity="info",
                    message=f"no punctuation between {_shown(text, q)} and the text after it; "
                    "a separator was probably lost (both are read separately)",
                ),
            )
