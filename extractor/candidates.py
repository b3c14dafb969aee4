"""What recognizers return: candidates with a span on the source text and a rule id.

Recognizers create these; ``resolve`` chooses among overlapping ones; ``link`` and
``checks`` fill in context; ``pipeline`` turns the survivors into model records.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(slots=True)
class Found:
    start: int
    end: int
    rule: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def overlaps(self, other: "Found | tuple[int, int]") -> bool:
        s, e = other.span if isinstance(other, Found) else other
        return self.start < e and s < self.end


@dataclass(slots=True)
class IssueFound(Found):
    code: str = ""
    severity: str = "warning"
    message: str = ""
    candidates: list[tuple[str, bool]] = field(default_factory=list)


@dataclass(slots=True)
class NoiseFound(Found):
    pass


@dataclass(slots=True)
class DateFound(Found):
    value: str | None = None
    kind: str = "date"
    year_inferred: bool = False
    repair: tuple[str, str] | None = None
    flags: list[str] = field(default_factory=list)
    issues: list[IssueFound] = field(default_factory=list)
    again: tuple | None = field(default=None, repr=False)  # (rule, handler, match) to resolve a year-less date later


@dataclass(slots=True)
class QuantityFound(Found):
    value: Decimal | None = None
    value_max: Decimal | None = None
    number_text: str = ""
    unit_text: str | None = None
    unit: str | None = None
    kind: str = "number"
    approx: str | None = None
    rank_scope: str | None = None
    flags: list[str] = field(default_factory=list)
    # filled by link
    indicator: str | None = None
    indicator_span: tuple[int, int] | None = None
    qualifier: str | None = None
    scope: str | None = None
    period: DateFound | None = None
    change: tuple[str | None, str, int | None] | None = None  # basis, direction, index of qualified figure
    rank_of: int | None = None
    new: str | None = None  # a "newly" verb (新增) before a count that is not a change
    target: bool = False
    issues: list[IssueFound] = field(default_factory=list)

    def text_for(self, text) -> str:
        return text.source[self.start:self.end]


@dataclass(slots=True)
class EntityFound(Found):
    type: str = "organization"
    title: str | None = None
    organization: str | None = None


@dataclass(slots=True)
class SectionFound(Found):
    number: int | None = None
    label: str | None = None
    heading: tuple[int, int] | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    items: list[tuple[str, tuple[int, int], tuple[int, int]]] = field(default_factory=list)  # label, heading, span
