"""extract(text) -> Document: the one place the stages are listed in order.

normalize -> noise -> header/metadata -> the release's date and period -> structure -> jieba tokens ->
recognizers (dates, once; quantities; entities) -> resolve -> link -> checks -> records.

Each stage returns what it adds; none changes what an earlier stage made. ``trace`` runs
the same stages and keeps what they returned, for ``extractor explain``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import checks, records, reference, where
from . import link as linking
from . import resolve as resolving
from .calendar import ReferenceDate
from .candidates import DateFound, EntityFound, NoiseFound, QuantityFound, SectionFound
from .errors import ArgumentError, check_date, check_text
from .lexicon import Lexicon, load
from .model import Document
from .recognizers import dates as date_rec
from .recognizers import entities as entity_rec
from .recognizers import metadata as meta_rec
from .recognizers import noise as noise_rec
from .recognizers import quantities as quantity_rec
from .recognizers import structure as structure_rec
from .text import Text, build
from .timebound import Expired, ExtractionTimeout, bound, time_bound

__all__ = ["extract", "trace", "Trace", "ExtractionTimeout", "time_bound"]

# header fields whose values are identifiers, never figures
_IDENTIFIER_FIELDS = ("index_number", "document_number")
_NAVIGATION = "noise.breadcrumb"  # (noise.breadcrumb, noise.breadcrumb_site: a page's path, under its masthead)


@dataclass
class Trace:
    """What the stages of one extraction returned: the reference date, every candidate
    before ``resolve``, what it decided (losers with the policy rule that beat them), and
    the records of ``link`` and ``checks``."""

    text: Text | None = None
    reference: ReferenceDate | None = None
    time: reference.Found | None = None
    noise: list[NoiseFound] = field(default_factory=list)
    sections: list[SectionFound] = field(default_factory=list)
    candidates: list[tuple[str, DateFound | QuantityFound | EntityFound]] = field(default_factory=list)
    resolved: resolving.Resolved | None = None
    linked: list[linking.Linked] = field(default_factory=list)
    findings: list[checks.Finding] = field(default_factory=list)
    #: the release's jurisdiction, each figure's area and indicator id (extractor/where.py)
    where: records.Where | None = None
    document: Document | None = None


@lru_cache(maxsize=8)
def _title_words(lexicon: Lexicon) -> tuple[tuple[str, ...], frozenset[str]]:
    """How a site's masthead ends, and every label a page's header or a conference's block
    writes a field with (文号, 责任编辑): what the title is not (once a lexicon)."""
    meta = lexicon.metadata
    labels = (
        *lexicon.header_labels.values(),
        *meta.header_aliases,
        *meta.page_labels,
        *lexicon.conference_labels.values(),
    )
    return tuple(lexicon.noise.masthead_ends), frozenset(labels)


def _release(time: reference.Found, dates: list[DateFound]) -> tuple[DateFound, str] | None:
    """The date record the release's period was read from, and where (title or reference)."""
    period = time.period
    if period is None or period.span is None:
        return None
    source = "title" if period.rule in ("reference.title", "reference.title_line") else "reference"
    found = next((d for d in dates if d.span == period.span), None)
    if found is None:  # read from a date that lost to another candidate: its own record
        found = DateFound(period.span[0], period.span[1], period.rule, value=period.value, kind="period")
    return found, source


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unicode(text: str, source: str | None) -> str:
    text = check_text(text)
    if (surrogate := _SURROGATE.search(text)) is not None:
        raise ArgumentError(
            f"{source or 'text'}: a lone surrogate (U+{ord(surrogate.group()):04X}) at offset "
            f"{surrogate.start()} is not Unicode text; decode the release strictly, or with "
            "errors='replace'"
        )
    return text


def extract(
    text: str,
    source: str | None = None,
    *,
    reference_date: str | None = None,
    fallback_date: str | None = None,
    data: bytes | None = None,
    encoding: str = "utf-8",
    source_format: str = "text",
    timeout: float | None = None,
    lexicon: Lexicon | None = None,
    area: str | None = None,
) -> Document:
    """Extract everything factual from one release.

    Year-less expressions (8月, 5月10日) resolve against the reference date: ``reference_date``
    if given, else the release's own 发布日期/发布时间/生成日期, else its first full date,
    else ``fallback_date`` (for example the publication date of the page it came from).
    ``data`` is the input as bytes, for the hash (default: ``text`` encoded as UTF-8).
    ``timeout`` (seconds) bounds the extraction; past it, :class:`ExtractionTimeout`.
    Text that is not a str, or a date that is not ``YYYY-MM-DD`` (or a ``datetime.date``),
    is an :class:`extractor.errors.ArgumentError`. ``area`` (a division's name or six-digit
    code: 亳州市, 341600) is the jurisdiction scope words resolve against, whatever the
    release says; a name that is no division, or several, is an ArgumentError too.
    """
    text = _unicode(text, source)
    given_area = _area(area)
    reference_date = check_date(reference_date, "reference_date")
    fallback_date = check_date(fallback_date, "fallback_date")
    try:
        with bound(timeout) as deadline:
            return _extract(
                text,
                source,
                reference_date,
                fallback_date,
                data,
                encoding,
                source_format,
                deadline,
                lexicon or load(),
                given_area=given_area,
            )
    except (TimeoutError, Expired):
        raise ExtractionTimeout(f"{source or 'text'}: extraction took longer than {timeout} s") from None


def _area(area: str | None) -> where.Area | None:
    if area is None:
        return None
    if not isinstance(area, str) or (found := where.area_named(area.strip())) is None:
        raise ArgumentError(
            f"area: {area!r} is not one division of GB/T 2260 (a full or short name, or a six-digit code; "
            "a name several divisions share needs its code)"
        )
    return found


def trace(text: str, *, reference_date: str | None = None, lexicon: Lexicon | None = None) -> Trace:
    """Extract ``text`` and keep what every stage returned (see :class:`Trace`)."""
    text = _unicode(text, None)
    kept = Trace()
    _extract(
        text,
        None,
        check_date(reference_date, "reference_date"),
        None,
        None,
        "utf-8",
        "text",
        None,
        lexicon or load(),
        kept,
    )
    return kept


def _extract(
    text: str,
    source: str | None,
    reference_date: str | None,
    fallback_date: str | None,
    data: bytes | None,
    encoding: str,
    source_format: str,
    deadline: float | None,
    lexicon: Lexicon,
    kept: Trace | None = None,
    given_area: where.Area | None = None,
) -> Document:
    doc = build(text, lexicon, deadline=deadline)
    noise = noise_rec.recognize(doc, lexicon)
    meta_found = meta_rec.recognize(doc, lexicon)
    named = meta_found.fields.get("name")  # (read as the lines are: normalized)
    title_span = structure_rec.find_title(  # (not a noise line: a page's path above the title)
        doc,
        meta_found.regions + [n.span for n in noise],
        doc.norm[named.span[0] : named.span[1]] if named else None,
        [n.span for n in noise if n.rule.startswith(_NAVIGATION)],
        *_title_words(lexicon),
    )
    excluded = meta_found.regions + [n.span for n in noise] + ([title_span] if title_span else [])
    time = reference.find(doc, lexicon, meta_found, title_span, excluded, reference_date, fallback_date)
    ref = time.ref
    metadata = records.metadata(doc, meta_found, lexicon, time.days, time.reported)
    sections = structure_rec.recognize(doc, lexicon, excluded)

    dates = date_rec.recognize(doc, lexicon, ref)
    quantities = quantity_rec.recognize(doc, lexicon)
    entities = entity_rec.recognize(doc, lexicon)
    header_identifiers = [v.span for k, v in meta_found.fields.items() if k in _IDENTIFIER_FIELDS]
    resolved = resolving.resolve(noise, meta_found.regions + header_identifiers, dates, quantities, entities)

    time = reference.refined(time, resolved.dates)
    frame = linking.Frame(sections, _release(time, resolved.dates), now=ref.iso)
    # (一、2025年工作回顾 in a report of 2026: its 年末 is 2025's, in the dates listed as for the figures)
    resolved.dates = frame.section_years(resolved.dates, doc.norm, linking.words(lexicon))
    linked = linking.link(doc, lexicon, resolved.quantities, resolved.dates, frame)
    publisher = (
        metadata.publisher.raw
        if metadata.publisher
        else (metadata.conference_organizer.raw if metadata.conference_organizer else None)
    )
    findings = checks.check(doc, linked, lexicon, publisher)
    header_publisher = metadata.publisher or metadata.conference_organizer
    home = where.jurisdiction(
        doc,
        lexicon,
        (header_publisher.raw, header_publisher.span) if header_publisher else None,
        title_span,
        resolved.entities,
        excluded,
        given_area,
        [(p.raw, p.span) for p in (*metadata.speakers, *([metadata.host] if metadata.host else []))],
    )
    placed = where.figure_areas(doc, lexicon, linked, resolved.entities, home)
    ids = where.indicator_ids(
        linked,
        text=doc,
        lexicon=lexicon,
        title=doc.source[title_span[0] : title_span[1]] if title_span else None,
        publisher=publisher,
        sections=sections,
        area=home.area.name if home is not None else None,
    )

    document = records.document(
        doc,
        data if data is not None else text.encode("utf-8"),
        {"path": source, "length": len(text), "encoding": encoding, "format": source_format},
        metadata,
        title_span,
        sections,
        resolved,
        linked,
        findings,
        noise,
        time,
        found_where := records.Where(home, placed, ids),
    )
    errors = document.span_errors(text)
    if errors:
        raise AssertionError(f"{source or 'text'}: spans that do not slice the source (a bug): {errors[:5]}")
    if kept is not None:
        kept.text, kept.reference, kept.time, kept.noise, kept.sections = doc, ref, time, noise, sections
        kept.candidates = (
            [("date", d) for d in dates] + [("figure", q) for q in quantities] + [("entity", e) for e in entities]
        )
        kept.resolved, kept.linked, kept.findings, kept.document = resolved, linked, findings, document
        kept.where = found_where
    return document
