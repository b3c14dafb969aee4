"""What recognizers return: candidates with a span on the source text and a rule id.

Recognizers create these; ``resolve`` chooses among overlapping ones (and says why each
loser lost); ``link`` and ``checks`` return records of their own about the survivors;
``records`` combines them into the output. Nobody changes a candidate once it is made.
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

    def overlaps(self, other: Found | tuple[int, int]) -> bool:
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
    #: years from the context year a relative word names (上年: -1), if it is one
    relative: int | None = None
    #: how its value was resolved: written in full, from the release's reference, from context
    resolved: str | None = None
    #: the holiday whose break it is (春节), as dates.toml names it: its days move from year to year
    holiday: str | None = None


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
    unit_id: str | None = None  # the unit entry that gave unit and kind (unit.件), if one did
    flags: list[str] = field(default_factory=list)


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
