"""One deterministic conflict policy for overlapping candidates.

1. Nothing survives inside noise (``resolve.noise``).
2. Dates win over figures (``resolve.date_over_figure``: date digits are never figures);
   no figure inside the disclosure header or the 发布会 block (``resolve.header_region``),
   or inside a 《document title》 (``resolve.document_title``; a date inside a title is
   still a date: 《…2023年度推进计划》).
3. Within a dimension: the longest span wins (``resolve.longer_span``), then the leftmost
   (``resolve.leftmost``), then the more specific entity type (``resolve.entity_type``),
   then the rule listed first (``resolve.rule_order``).

Every loser is returned with the rule of the policy that beat it and what beat it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from .candidates import DateFound, EntityFound, Found, NoiseFound, QuantityFound

F = TypeVar("F", bound=Found)


@dataclass(slots=True)
class Lost:
    """A candidate that lost: the policy rule that decided, and the winner (a candidate, or
    the span of a header region)."""

    candidate: Found
    reason: str
    winner: Found | tuple[int, int] | None = None


@dataclass(slots=True)
class Resolved:
    dates: list[DateFound]
    quantities: list[QuantityFound]
    entities: list[EntityFound]
    lost: list[Lost]


class _Regions:
    """Spans to test overlap against, merged and sorted once."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, item: Found) -> bool:
        i = bisect_right(self.starts, item.start) - 1
        if i >= 0 and self.ends[i] > item.start:
            return True
        return i + 1 < len(self.starts) and self.starts[i + 1] < item.end


# when two entities cover the same span, the more specific type wins
_TYPE_ORDER = {"document": 0, "media": 1, "event": 2, "product": 3, "person": 4, "organization": 5, "place": 6}


def _beaten_by(winner: Found, loser: Found) -> str:
    if winner.end - winner.start > loser.end - loser.start:
        return "resolve.longer_span"
    if winner.start < loser.start:
        return "resolve.leftmost"
    if getattr(winner, "type", None) != getattr(loser, "type", None):
        return "resolve.entity_type"
    return "resolve.rule_order"


def longest_first(items: list[F], lost: list[Lost] | None = None) -> list[F]:
    """Keep non-overlapping items: longest span first, then leftmost, then the more specific
    entity type; output in text order. Each item dropped goes to ``lost`` with its reason."""
    starts: list[int] = []  # kept spans, sorted and disjoint
    ends: list[int] = []
    kept: list[F] = []  # in the order of ``starts``
    for item in sorted(items, key=lambda f: (-(f.end - f.start), f.start, _TYPE_ORDER.get(getattr(f, "type", ""), 9))):
        i = bisect_right(starts, item.start)
        if (i > 0 and ends[i - 1] > item.start) or (i < len(starts) and starts[i] < item.end):
            if lost is not None:
                winner = kept[i - 1] if i > 0 and ends[i - 1] > item.start else kept[i]
                lost.append(Lost(item, _beaten_by(winner, item), winner))
            continue
        starts.insert(i, item.start)
        ends.insert(i, item.end)
        kept.insert(i, item)
    return kept


def _covering(items: Sequence[Found], starts: list[int], item: Found) -> Found | None:
    """The item of ``items`` (sorted, disjoint) that overlaps ``item``, if any."""
    i = bisect_right(starts, item.start) - 1
    if i >= 0 and items[i].end > item.start:
        return items[i]
    return items[i + 1] if i + 1 < len(items) and items[i + 1].start < item.end else None


def resolve(
    noise: list[NoiseFound],
    header: list[tuple[int, int]],
    dates: list[DateFound],
    quantities: list[QuantityFound],
    entities: list[EntityFound],
) -> Resolved:
    lost: list[Lost] = []
    noise_spans = [n.span for n in noise]
    in_noise = _Regions(noise_spans)

    def clean(items: list[F]) -> list[F]:
        if not noise:
            return list(items)  # (most releases have none: nothing to test)
        out = []
        for item in items:
            if in_noise.overlaps(item):
                lost.append(Lost(item, "resolve.noise", next(n for n in noise if n.overlaps(item))))
            else:
                out.append(item)
        return out

    entities = longest_first(clean(entities), lost)
    documents = [e for e in entities if e.type == "document"]
    dates = longest_first(clean(dates), lost)
    blocked = _Regions(noise_spans + header + [e.span for e in documents] + [d.span for d in dates])
    free = []
    date_starts = [d.start for d in dates]
    document_starts = [e.start for e in documents]
    for q in quantities:
        if not blocked.overlaps(q):
            free.append(q)
        elif in_noise.overlaps(q):
            lost.append(Lost(q, "resolve.noise", next(n for n in noise if n.overlaps(q))))
        elif (date := _covering(dates, date_starts, q)) is not None:
            lost.append(Lost(q, "resolve.date_over_figure", date))
        elif (document := _covering(documents, document_starts, q)) is not None:
            lost.append(Lost(q, "resolve.document_title", document))
        else:
            lost.append(Lost(q, "resolve.header_region", next((h for h in header if q.overlaps(h)), None)))
    quantities = longest_first(free, lost)
    return Resolved(dates, quantities, entities, lost)
