"""extract(text) -> Document: the one place the stages are listed in order.

normalize -> noise -> header/metadata -> structure -> jieba tokens -> recognizers
(dates, quantities, entities) -> resolve -> link -> checks -> models.
"""
from __future__ import annotations

import hashlib
import re
import signal
import threading
import time
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from . import __version__, checks
from . import link as linking
from . import resolve as resolving
from .calendar import ReferenceDate
from .candidates import DateFound, EntityFound, IssueFound, QuantityFound, SectionFound
from .errors import ArgumentError, ExtractorError, check_date, check_text
from .lexicon import Lexicon, load
from .model import (
    Candidate,
    Document,
    Field_,
    Issue,
    Metadata,
    PersonRef,
    TextSpan,
)
from .recognizers import dates as date_rec
from .recognizers import entities as entity_rec
from .recognizers import metadata as meta_rec
from .recognizers import noise as noise_rec
from .recognizers import quantities as quantity_rec
from .recognizers import structure as structure_rec
from .text import Text, build

# header fields whose values are identifiers, never figures
_IDENTIFIER_FIELDS = ("index_number", "document_number")


def _field(found: meta_rec.MetadataFound, key: str, value: str | None = None) -> Field_ | None:
    v = found.fields.get(key)
    return Field_(raw=v.raw, span=v.span, value=value if value is not None else v.raw) if v else None


def _person(v: meta_rec.Value, lexicon: Lexicon) -> PersonRef:
    org, title, person = meta_rec.split_person(v.raw, lexicon)
    return PersonRef(raw=v.raw, span=v.span, organization=org, title=title, person=person)


def _metadata(text: Text, found: meta_rec.MetadataFound, lexicon: Lexicon, all_dates: list[DateFound]) -> Metadata:
    date_fields = set(lexicon.metadata.date_fields)
    iso: dict[str, str | None] = {}
    for key in date_fields:
        v = found.fields.get(key)
        if v:
            inside = [d for d in all_dates if v.span[0] <= d.start and d.end <= v.span[1] and d.kind == "date"]
            iso[key] = max(inside, key=lambda d: d.end - d.start).value if inside else None
    meta = Metadata(**{key: _field(found, key, iso.get(key) if key in date_fields else None)
                       for key in lexicon.header_labels if key in found.fields})
    for key in ("conference_topic", "conference_time", "conference_place", "conference_organizer"):
        setattr(meta, key, _field(found, key, iso.get(key) if key in date_fields else None))
    if "speakers" in found.fields:
        meta.speakers = [_person(v, lexicon) for v in meta_rec.split_list(text, found.fields["speakers"], trailing=())]
    if "host" in found.fields:
        meta.host = _person(found.fields["host"], lexicon)
    if "media" in found.fields:
        meta.media = [TextSpan(text=v.raw, span=v.span) for v in meta_rec.split_list(text, found.fields["media"])]
    for key in lexicon.metadata.reference_fields:
        if iso.get(key):
            meta.reference_date = iso[key]
            break
    return meta


def _reference(meta: Metadata, all_dates: list[DateFound]) -> ReferenceDate:
    if meta.reference_date:
        return ReferenceDate.from_iso(meta.reference_date)
    full = [d for d in all_dates if d.kind == "date" and d.value and not d.year_inferred]
    return ReferenceDate.from_iso(full[0].value if full else None)


def _issue(i: IssueFound, text: Text, ref: str | None) -> Issue:
    return Issue(code=i.code, severity=i.severity, text=text.source[i.start:i.end], span=(i.start, i.end),
                 message=i.message, ref=ref, rule=i.rule,
                 candidates=[Candidate(reading=r, plausible=p) for r, p in i.candidates])


def _section_of(sections: list[SectionFound], starts: list[int], offset: int) -> str | None:
    i = bisect_right(starts, offset) - 1
    return f"s{i}" if i >= 0 and offset < sections[i].end else None


# Records are built as plain dicts and the Document is validated once, in one pass of
# pydantic-core: the same checks as building every record's model, a tenth of the time.
def _sections(text: Text, sections: list[SectionFound]) -> list[dict]:
    out = []
    for i, s in enumerate(sections):
        items = []
        for j, (label, heading, span) in enumerate(s.items):
            end = s.items[j + 1][2][0] if j + 1 < len(s.items) else s.end
            while end > span[0] and text.source[end - 1].isspace():
                end -= 1
            items.append({"label": label, "heading": {"text": text.source[heading[0]:heading[1]], "span": heading},
                          "span": (span[0], end)})
        heading = {"text": text.source[s.heading[0]:s.heading[1]], "span": s.heading} if s.heading else None
        out.append({"id": f"s{i}", "number": s.number, "label": s.label, "heading": heading, "span": (s.start, s.end),
                    "paragraphs": s.paragraphs, "items": items})
    return out


def _quantity(q: QuantityFound, qid: str, text: Text, ids: list[str], section: str | None,
              date_ids: dict[int, str]) -> dict:
    period = None
    if q.period is not None:
        period = {"text": text.source[q.period.start:q.period.end], "value": q.period.value, "date": date_ids[id(q.period)]}
    change = None
    if q.change:
        change = {"basis": q.change[0], "direction": q.change[1], "of": ids[q.change[2]] if q.change[2] is not None else None}
    rank = None
    if q.kind == "rank" and q.value is not None:
        rank = {"position": int(q.value), "scope": q.rank_scope, "of": ids[q.rank_of] if q.rank_of is not None else None}
    return {"id": qid, "text": text.source[q.start:q.end], "span": q.span, "value": q.value, "value_max": q.value_max,
            "number_text": q.number_text, "unit_text": q.unit_text, "unit": q.unit, "kind": q.kind, "approx": q.approx,
            "indicator": q.indicator, "indicator_span": q.indicator_span, "qualifier": q.qualifier, "scope": q.scope,
            "period": period, "change": change, "rank": rank, "target": q.target, "section": section,
            "sentence": text.sentence_of(q.start), "rule": q.rule, "flags": sorted(set(q.flags))}


def _date(d: DateFound, did: str, text: Text) -> dict:
    return {"id": did, "text": text.source[d.start:d.end], "span": d.span, "value": d.value, "kind": d.kind,
            "year_inferred": d.year_inferred, "repair": {"reading": d.repair[0], "reason": d.repair[1]} if d.repair else None,
            "rule": d.rule, "flags": d.flags}


def _entity(e: EntityFound, eid: str, text: Text) -> dict:
    return {"id": eid, "type": e.type, "text": text.source[e.start:e.end], "span": e.span, "title": e.title,
            "organization": e.organization, "rule": e.rule}


class ExtractionTimeout(ExtractorError):
    """Extracting a document took longer than the time bound."""


class _Expired(BaseException):
    """Raised by the alarm inside whatever was running (a BaseException, so that no
    ``except Exception`` on the way can swallow it)."""


@contextmanager
def _time_bound(seconds: float | None) -> Iterator[float | None]:
    """Bound the time of one extraction. In the main thread (a batch worker, the command
    line) an alarm signal interrupts whatever runs when the time is up, a pattern match
    included: ``regex`` and ``re`` both stop a long match for a signal, so one alarm
    bounds every stage at no cost per call. Elsewhere (another thread, or an alarm
    already set by the caller) it yields a deadline instead, and every pattern scan that
    could take more than linear time runs under the ``regex`` module's own timeout (which
    reads the process clock at every match, costing about a tenth of the time)."""
    if seconds is None:
        yield None
        return
    if (not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield time.monotonic() + seconds
        return

    def expired(_signum: int, _frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


@contextmanager
def time_bound(timeout: float | None, what: str = "text") -> Iterator[Callable[[], float | None]]:
    """Bound a whole stretch of work, reading a web page's article included, by one time
    bound (:func:`_time_bound`); past it, :class:`ExtractionTimeout`. Yields what is left
    to pass on as ``extract(..., timeout=left())``: None under the alarm, which already
    covers the extraction, else the seconds before the deadline. (Where the bound is a
    deadline, not an alarm, a page's HTML stage itself is not interrupted.)"""
    try:
        with _time_bound(timeout) as deadline:
            yield lambda: None if deadline is None else max(0.001, deadline - time.monotonic())
    except (TimeoutError, _Expired):
        raise ExtractionTimeout(f"{what}: reading and extracting took longer than {timeout} s") from None


_SURROGATE = re.compile("[\ud800-\udfff]")


def extract(text: str, source: str | None = None, *, reference_date: str | None = None,
            fallback_date: str | None = None, data: bytes | None = None, encoding: str = "utf-8",
            source_format: str = "text", timeout: float | None = None, lexicon: Lexicon | None = None) -> Document:
    """Extract everything factual from one release.

    Year-less expressions (8月, 5月10日) resolve against the reference date: ``reference_date``
    if given, else the release's own 发布日期/发布时间/生成日期, else its first full date,
    else ``fallback_date`` (for example the publication date of the page it came from).
    ``data`` is the input as bytes, for the hash (default: ``text`` encoded as UTF-8).
    ``timeout`` (seconds) bounds the extraction; past it, :class:`ExtractionTimeout`.
    Text that is not a str, or a date that is not ``YYYY-MM-DD`` (or a ``datetime.date``),
    is an :class:`extractor.errors.ArgumentError`.
    """
    text = check_text(text)
    if (surrogate := _SURROGATE.search(text)) is not None:
        raise ArgumentError(f"{source or 'text'}: a lone surrogate (U+{ord(surrogate.group()):04X}) at offset "
                            f"{surrogate.start()} is not Unicode text; decode the release strictly, or with "
                            "errors='replace'")
    reference_date = check_date(reference_date, "reference_date")
    fallback_date = check_date(fallback_date, "fallback_date")
    try:
        with _time_bound(timeout) as deadline:
            return _extract(text, source, reference_date, fallback_date, data, encoding, source_format, deadline,
                            lexicon or load())
    except (TimeoutError, _Expired):
        raise ExtractionTimeout(f"{source or 'text'}: extraction took longer than {timeout} s") from None


def _extract(text: str, source: str | None, reference_date: str | None, fallback_date: str | None,
             data: bytes | None, encoding: str, source_format: str, deadline: float | None, lexicon: Lexicon) -> Document:
    doc = build(text, lexicon, deadline=deadline)
    noise = noise_rec.recognize(doc, lexicon)
    meta_found = meta_rec.recognize(doc, lexicon)
    undated = date_rec.recognize(doc, lexicon, ReferenceDate(None, None))
    metadata = _metadata(doc, meta_found, lexicon, undated)
    if reference_date:
        metadata.reference_date = reference_date
    ref = _reference(metadata, undated)
    if ref.iso is None and fallback_date:
        ref = ReferenceDate.from_iso(fallback_date)
    if metadata.reference_date is None and ref.iso:
        metadata.reference_date = ref.iso
    title_span = structure_rec.find_title(doc, meta_found.regions)
    excluded = meta_found.regions + [n.span for n in noise] + ([title_span] if title_span else [])
    sections = structure_rec.recognize(doc, lexicon, excluded)

    dates = date_rec.with_reference(doc, lexicon, undated, ref)
    quantities = quantity_rec.recognize(doc, lexicon)
    entities = entity_rec.recognize(doc, lexicon)
    header_identifiers = [v.span for k, v in meta_found.fields.items() if k in _IDENTIFIER_FIELDS]
    dates, quantities, entities = resolving.resolve(noise, meta_found.regions + header_identifiers, dates, quantities, entities)

    linking.link(doc, lexicon, quantities, dates)
    checks.check_value_range(doc, quantities)
    checks.check_missing_units(doc, quantities, lexicon)
    publisher = metadata.publisher.raw if metadata.publisher else (metadata.conference_organizer.raw if metadata.conference_organizer else None)
    checks.check_plausibility(doc, quantities, lexicon, publisher)
    checks.check_bounded_shares(doc, quantities, lexicon)
    checks.check_countable_money(doc, quantities, lexicon)
    checks.check_separators(doc, quantities)

    qids = [f"q{i + 1}" for i in range(len(quantities))]
    dids = {id(d): f"d{i + 1}" for i, d in enumerate(dates)}
    section_starts = [s.start for s in sections]
    records = [_quantity(q, qid, doc, qids, _section_of(sections, section_starts, q.start), dids)
               for q, qid in zip(quantities, qids)]
    issues = [_issue(i, doc, dids[id(d)]) for d in dates for i in d.issues]
    for d in dates:
        if d.year_inferred and d.value is None and not d.issues:
            issues.append(Issue(code="no_reference_date", severity="info", text=doc.source[d.start:d.end], span=d.span,
                                ref=dids[id(d)], rule="pipeline.reference_date",
                                message="no year: the release gives no date to resolve this against; "
                                        "pass a reference date (extractor extract --date YYYY-MM-DD)"))
    issues += [_issue(i, doc, qid) for q, qid in zip(quantities, qids) for i in q.issues]
    issues.sort(key=lambda i: (i.span, i.code))
    raw = data if data is not None else text.encode("utf-8")
    document = Document.model_validate({
        "pipeline_version": __version__,
        "source": {"path": source, "sha256": hashlib.sha256(raw).hexdigest(), "length": len(text), "encoding": encoding,
                   "format": source_format},
        "metadata": metadata,
        "title": {"text": doc.source[title_span[0]:title_span[1]], "span": title_span} if title_span else None,
        "sections": _sections(doc, sections),
        "quantities": records,
        "dates": [_date(d, dids[id(d)], doc) for d in dates],
        "entities": [_entity(e, f"e{i + 1}", doc) for i, e in enumerate(entities)],
        "noise": [{"text": doc.source[n.start:n.end], "span": n.span, "rule": n.rule} for n in noise],
        "issues": issues,
    })
    errors = document.span_errors(text)
    if errors:
        raise AssertionError(f"{source or 'text'}: spans that do not slice the source (a bug): {errors[:5]}")
    return document
