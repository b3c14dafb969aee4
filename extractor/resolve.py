"""One deterministic conflict policy for overlapping candidates.

1. Nothing survives inside noise.
2. Dates win over figures (date digits are never figures); no figure inside the
   disclosure header or the 发布会 block, or inside a 《document title》 (a date inside a
   title is still a date: 《…2023年度推进计划》).
3. Within a dimension: the longest span wins, then the leftmost, then the rule listed first.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TypeVar

from .candidates import DateFound, EntityFound, Found, NoiseFound, QuantityFound

F = TypeVar("F", bound=Found)


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


def longest_first(items: list[F]) -> list[F]:
    """Keep non-overlapping items: longest span first, then leftmost, then the more specific
    entity type; output in text order."""
    starts: list[int] = []  # kept spans, sorted and disjoint
    ends: list[int] = []
    kept: list[F] = []
    for item in sorted(items, key=lambda f: (-(f.end - f.start), f.start, _TYPE_ORDER.get(getattr(f, "type", ""), 9))):
        i = bisect_right(starts, item.start)
        if (i > 0 and ends[i - 1] > item.start) or (i < len(starts) and starts[i] < item.end):
            continue
        starts.insert(i, item.start)
        ends.insert(i, item.end)
        kept.append(item)
    return sorted(kept, key=lambda f: (f.start, f.end))


def resolve(noise: list[NoiseFound], header: list[tuple[int, int]], dates: list[DateFound],
            quantities: list[QuantityFound], entities: list[EntityFound]
            ) -> tuple[list[DateFound], list[QuantityFound], list[EntityFound]]:
    noise_spans = [n.span for n in noise]
    in_noise = _Regions(noise_spans)
    entities = longest_first([e for e in entities if not in_noise.overlaps(e)])
    documents = [e.span for e in entities if e.type == "document"]
    dates = longest_first([d for d in dates if not in_noise.overlaps(d)])
    blocked = _Regions(noise_spans + header + documents + [d.span for d in dates])
    quantities = longest_first([q for q in quantities if not blocked.overlaps(q)])
    return dates, quantities, entities
