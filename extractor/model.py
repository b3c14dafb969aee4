"""The extractor's data model: pydantic models and enums only.

Every record found in a text carries ``text`` and a half-open ``span`` into the decoded
source; :meth:`Document.span_errors` checks ``source[start:end] == text`` for all of them
(the pipeline runs it on every document it builds). Numbers are ``Decimal`` inside and
serialize as JSON numbers (integral values as integers, others as the shortest decimal).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Annotated, NotRequired

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema
from typing_extensions import TypedDict

SCHEMA_VERSION = "1.0"


def _decimal_out(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(str(value.normalize()))


Number = Annotated[
    Decimal,
    PlainSerializer(_decimal_out, return_type=int | float, when_used="always"),
    WithJsonSchema({"type": "number"}),
]
Span = Annotated[tuple[int, int], Field(description="[start, end) character offsets into the decoded source text")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Kind(str, Enum):
    count = "count"
    money = "money"
    percent = "percent"
    percentage_point = "percentage_point"
    rank = "rank"
    rate = "rate"
    measure = "measure"
    multiple = "multiple"
    duration = "duration"
    ordinal = "ordinal"
    number = "number"


class Direction(str, Enum):
    up = "up"
    down = "down"
    flat = "flat"


class DateKind(str, Enum):
    date = "date"
    month = "month"
    year = "year"
    period = "period"


class DateResolved(str, Enum):
    """How a date's value was read: written in full (2024年9月), from the release's
    reference (8月, 今年, 今年以来: its year or end from the release's date or period), or
    from context (记者8日获悉: the month of the date before; 2023年…比上年: the sentence's year)."""

    written = "written"
    reference = "reference"
    context = "context"


class EntityType(str, Enum):
    organization = "organization"
    person = "person"
    document = "document"
    media = "media"
    place = "place"
    product = "product"
    event = "event"


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class TextSpan(Strict):
    text: str
    span: Span


class Source(Strict):
    path: str | None = None
    sha256: str
    length: int = Field(description="length of the decoded text in characters")
    encoding: str
    format: str = Field("text", description="text, or html (the spans refer to the article text taken from the page)")


class Field_(Strict):
    """One metadata field: the value as written and, where it has one, its normalized form."""

    raw: str
    span: Span
    value: str | None = None


class PersonRef(Strict):
    raw: str
    span: Span
    organization: str | None = None
    title: str | None = None
    person: str | None = None


class Metadata(Strict):
    index_number: Field_ | None = Field(None, description="索引号")
    category: Field_ | None = Field(None, description="组配分类")
    publisher: Field_ | None = Field(None, description="发布机构")
    topic: Field_ | None = Field(None, description="主题分类")
    validity: Field_ | None = Field(None, description="有效性")
    keywords: Field_ | None = Field(None, description="关键词")
    name: Field_ | None = Field(None, description="名称")
    document_number: Field_ | None = Field(None, description="文号")
    created_date: Field_ | None = Field(None, description="生成日期")
    published_date: Field_ | None = Field(None, description="发布日期")
    conference_topic: Field_ | None = Field(None, description="发布主题")
    speakers: list[PersonRef] = Field(default_factory=list, description="发布人")
    host: PersonRef | None = Field(None, description="主持人")
    conference_time: Field_ | None = Field(None, description="发布时间")
    conference_place: Field_ | None = Field(None, description="发布地点")
    conference_organizer: Field_ | None = Field(None, description="发布单位")
    media: list[TextSpan] = Field(default_factory=list, description="参会媒体")
    reference_date: str | None = Field(None, description="the date year-less expressions resolve against")


class Item(Strict):
    label: str
    heading: TextSpan
    span: Span


class Section(Strict):
    id: str
    number: int | None = None
    label: str | None = None
    heading: TextSpan | None = None
    span: Span
    paragraphs: list[Span] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)


class Change(Strict):
    basis: str | None = None
    direction: Direction
    of: str | None = Field(None, description="id of the quantity this change qualifies")
    basis_period: str | None = Field(
        None, description="the period the change is against (同比 of 2024-01/2024-09: 2023-01/2023-09)"
    )


class Rank(Strict):
    position: int
    scope: str | None = None
    of: str | None = Field(None, description="id of the quantity that is ranked")


class PeriodSource(str, Enum):
    """Where a figure's period was read: its own clause, its sentence, its paragraph, the
    heading of its section, the title, or the release's period (stated nowhere nearer)."""

    clause = "clause"
    sentence = "sentence"
    paragraph = "paragraph"
    section = "section"
    title = "title"
    reference = "reference"


class Period(Strict):
    text: str = Field(description="the words the period was read from")
    value: str | None = Field(description="2024, 2024-09, 2024-09-30, or START/END of these")
    start: str | None = Field(None, description="its first day (ISO)")
    end: str | None = Field(None, description="its last day (ISO)")
    source: PeriodSource | None = None
    date: str | None = Field(None, description="id of the date record it was read from")


class AreaSource(str, Enum):
    """Where a figure's area was read: a place or scope word in its clause, its sentence, one
    opening a clause earlier in its paragraph, the header of its row in a table written one
    cell per line, or the release's jurisdiction."""

    clause = "clause"
    sentence = "sentence"
    paragraph = "paragraph"
    row = "row"
    reference = "reference"


class FigureArea(Strict):
    name: str = Field(description="the division's full official name (亳州市, 湖北省, 全国)")
    code: str | None = Field(None, description="its six-digit GB/T 2260 code (none for 全国)")
    level: str = Field(description="country, province, city, county or district")
    source: AreaSource
    text: str | None = Field(None, description="the words it was read from (a place, a scope word)")
    span: Span | None = None


class FigureRules(TypedDict, closed=True):
    """The ids of the rules that decided a figure. A mapping, not a model: a model instance
    per figure made building the document's records an eighth dearer (callgrind)."""

    figure: Annotated[str, Field(description="the recognizer rule that found the figure (quantity.number_unit)")]
    unit: Annotated[str | None, Field(description="the unit entry that gave its unit and kind (units.件)")]
    indicator: Annotated[str | None, Field(description="the rule that chose its indicator (indicator.own_phrase)")]
    change: Annotated[str | None, Field(description="the rule that found its change (change.basis_verb)")]
    period: Annotated[str | None, Field(description="the rule that chose its period (period.clause, period.title …)")]
    checks: Annotated[list[str], Field(description="the checks that flagged it or raised an issue on it")]
    # (not required: a JSON written before areas and ids existed still reads)
    indicator_id: NotRequired[
        Annotated[
            str | None, Field(description="how its indicator id was found (indicator_id.vocabulary, …of_qualified)")
        ]
    ]
    area: NotRequired[
        Annotated[str | None, Field(description="the rule that chose its area (area.clause, area.reference …)")]
    ]


class Quantity(Strict):
    id: str
    text: str
    span: Span
    value: Number | None
    value_max: Number | None = None
    number_text: str
    unit_text: str | None = None
    unit: str | None = None
    kind: Kind
    approx: str | None = None
    indicator: str | None = None
    indicator_id: str | None = Field(None, description="the measure's id in extractor/data/indicator_ids.toml")
    indicator_span: Span | None = None
    qualifier: str | None = None
    scope: str | None = None
    area: FigureArea | None = None
    period: Period | None = None
    change: Change | None = None
    rank: Rank | None = None
    target: bool = False
    section: str | None = None
    sentence: Span
    rules: FigureRules
    flags: list[str] = Field(default_factory=list)


class Repair(Strict):
    reading: str
    reason: str


class DateRecord(Strict):
    id: str
    text: str
    span: Span
    value: str | None
    kind: DateKind
    year_inferred: bool = False
    resolved: DateResolved = DateResolved.written
    repair: Repair | None = None
    rule: str
    flags: list[str] = Field(default_factory=list)


class Entity(Strict):
    id: str
    type: EntityType
    text: str
    span: Span
    title: str | None = None
    organization: str | None = None
    rule: str


class Noise(Strict):
    text: str
    span: Span
    rule: str


class Candidate(Strict):
    reading: str
    plausible: bool = True


class Issue(Strict):
    code: str
    severity: Severity
    text: str
    span: Span
    message: str
    ref: str | None = Field(None, description="id of the record the issue concerns")
    candidates: list[Candidate] = Field(default_factory=list)
    rule: str


class ReferencePart(Strict):
    value: str = Field(description="a day (the date) or a period value (the period), as a figure's period")
    start: str | None = Field(None, description="its first day (ISO)")
    end: str | None = Field(None, description="its last day (ISO)")
    text: str | None = Field(None, description="the words it was read from (none when given by the caller)")
    span: Span | None = None
    rule: str = Field(description="the rule that read it (reference.header, reference.title …)")


class ReferenceArea(Strict):
    name: str = Field(description="the jurisdiction's full official name (亳州市)")
    code: str | None = Field(None, description="its six-digit GB/T 2260 code (none for 全国)")
    level: str
    text: str | None = Field(None, description="the words it was read from (none when given by the caller)")
    span: Span | None = None
    rule: str = Field(description="the rule that read it (area.publisher, area.title …)")


class Reference(Strict):
    """The release's own time and place: when it was published, what period it reports on
    and the jurisdiction it speaks for. Year-less expressions resolve against its time (the
    period's year first); scope words (全市, 我省) against its area."""

    date: ReferencePart | None = None
    period: ReferencePart | None = None
    area: ReferenceArea | None = None


class Document(Strict):
    schema_version: str = SCHEMA_VERSION
    pipeline_version: str
    source: Source
    metadata: Metadata
    reference: Reference | None = None
    title: TextSpan | None = None
    sections: list[Section] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    dates: list[DateRecord] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    noise: list[Noise] = Field(default_factory=list)
    issues: list[Issue] = Field(default_factory=list)

    def span_errors(self, source: str) -> list[str]:
        """Every record whose span does not slice ``source`` to exactly its text."""
        records: list[TextSpan | Quantity | DateRecord | Entity | Noise | Issue] = [
            *self.quantities,
            *self.dates,
            *self.entities,
            *self.noise,
            *self.issues,
            *self.metadata.media,
        ]
        if self.title:
            records.append(self.title)
        if self.reference is not None:
            records += [
                TextSpan(text=p.text, span=p.span)
                for p in (self.reference.date, self.reference.period, self.reference.area)
                if p is not None and p.text is not None and p.span is not None
            ]
        records += [
            TextSpan(text=q.area.text, span=q.area.span)
            for q in self.quantities
            if q.area is not None and q.area.text is not None and q.area.span is not None
        ]
        for section in self.sections:
            records += [section.heading] if section.heading else []
            records += [item.heading for item in section.items]
        return [
            f"{type(r).__name__} {r.text!r} at {list(r.span)}"
            for r in records
            if source[r.span[0] : r.span[1]] != r.text
        ]


# ---------------------------------------------------------------------------- diff reports
Scalar = str | int | float | bool | list[str] | None


class Report(Strict):
    """Diff reports: their schemas are built when first used, not when extraction imports this."""

    model_config = ConfigDict(extra="forbid", frozen=False, defer_build=True)


class FigureRef(Report):
    """One figure as a diff shows it."""

    id: str
    text: str
    value: Number | None
    unit: str | None
    kind: str
    indicator: str | None
    scope: str | None = None
    period: str | None = None
    section: str | None = None
    flags: list[str] = Field(default_factory=list)
    sentence: str | None = Field(None, description="the source sentence, when the source text is at hand")


class FieldChange(Report):
    field: str
    old: Scalar
    new: Scalar


class FigureChange(Report):
    status: str = Field(description="added, removed or changed")
    old: FigureRef | None = None
    new: FigureRef | None = None
    changes: list[FieldChange] = Field(default_factory=list)


class EntityChange(Report):
    status: str = Field(description="added or removed")
    type: str
    text: str
    old_count: int
    new_count: int


class DocumentDiff(Report):
    status: str = Field(description="identical, changed, added or removed")
    old_source: str | None
    new_source: str | None
    figures: list[FigureChange] = Field(default_factory=list)
    metadata: list[FieldChange] = Field(default_factory=list)
    entities: list[EntityChange] = Field(default_factory=list)


class DiffSummary(Report):
    documents: int = 0
    identical: int = 0
    changed: int = 0
    added: int = 0
    removed: int = 0
    figures_added: int = 0
    figures_removed: int = 0
    figures_changed: int = 0


class DiffReport(Report):
    """``extractor diff OLD NEW``: what changed between two extractions."""

    schema_version: str = SCHEMA_VERSION
    kind: str = "documents"
    summary: DiffSummary
    documents: list[DocumentDiff]


class IndicatorPair(Report):
    old_indicator: str
    new_indicator: str
    canonical: str = Field(
        description="what the pair was matched on: the indicator id (data/indicator_ids.toml; for a JSON "
        "written before ids, looked up from its phrase), else the phrase as the vocabulary normalizes it"
    )
    unit: str | None
    old_value: Number
    new_value: Number
    abs_change: Number
    pct_change: float | None = Field(description="(new - old) / old * 100, rounded to 2 decimals")
    old_period: str | None
    new_period: str | None
    stated_growth: float | None = Field(description="the growth the new release states for the figure (下降 negative)")
    growth_check: str = Field(description="ok, mismatch (beyond rounding) or none")
    old_sentence: str | None = None
    new_sentence: str | None = None


class YearOverYear(Report):
    """``extractor diff --by-indicator OLD NEW``: two releases of one series, indicator by indicator."""

    schema_version: str = SCHEMA_VERSION
    kind: str = "by_indicator"
    old: str | None
    new: str | None
    pairs: list[IndicatorPair]
    only_old: list[str]
    only_new: list[str]
    skipped_damaged: list[str]
