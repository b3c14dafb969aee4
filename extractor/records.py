"""The output records: the candidates that survived ``resolve``, what ``link`` and ``checks``
returned about them, and the header, combined into one :class:`Document`.

Relations between records go by identity: a figure's change or rank names the record link
made for the figure it qualifies, and a period the date candidate it is; the ids (q1, d1)
are given here, in text order, and looked up by those objects, never by a position.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field

from . import __version__, periods, reference, where
from .candidates import DateFound, EntityFound, IssueFound, NoiseFound, SectionFound
from .checks import Finding
from .lexicon import Lexicon
from .link import Linked
from .model import Candidate, Document, Field_, Issue, Metadata, PersonRef, TextSpan
from .recognizers import metadata as meta_rec
from .resolve import Resolved
from .text import Text


def _field(found: meta_rec.MetadataFound, key: str, value: str | None = None) -> Field_ | None:
    v = found.fields.get(key)
    return Field_(raw=v.raw, span=v.span, value=value if value is not None else v.raw) if v else None


def _person(v: meta_rec.Value, lexicon: Lexicon) -> PersonRef:
    org, title, person = meta_rec.split_person(v.raw, lexicon)
    return PersonRef(raw=v.raw, span=v.span, organization=org, title=title, person=person)


def metadata(
    text: Text, found: meta_rec.MetadataFound, lexicon: Lexicon, days: dict[str, str | None], reference_date: str | None
) -> Metadata:
    """The header's fields; ``days`` holds the day each date field gives (see
    ``pipeline._reference``)."""
    date_fields = set(lexicon.metadata.date_fields)
    meta = Metadata(
        **{
            key: _field(found, key, days.get(key) if key in date_fields else None)
            for key in lexicon.header_labels
            if key in found.fields
        }
    )
    for key in ("conference_topic", "conference_time", "conference_place", "conference_organizer"):
        setattr(meta, key, _field(found, key, days.get(key) if key in date_fields else None))
    if "speakers" in found.fields:
        meta.speakers = [_person(v, lexicon) for v in meta_rec.split_list(text, found.fields["speakers"], trailing=())]
    if "host" in found.fields:
        meta.host = _person(found.fields["host"], lexicon)
    if "media" in found.fields:
        meta.media = [TextSpan(text=v.raw, span=v.span) for v in meta_rec.split_list(text, found.fields["media"])]
    meta.reference_date = reference_date
    return meta


def _issue(i: IssueFound, text: Text, ref: str | None) -> Issue:
    return Issue(
        code=i.code,
        severity=i.severity,
        text=text.source[i.start : i.end],
        span=(i.start, i.end),
        message=i.message,
        ref=ref,
        rule=i.rule,
        candidates=[Candidate(reading=r, plausible=p) for r, p in i.candidates],
    )


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
            items.append(
                {
                    "label": label,
                    "heading": {"text": text.source[heading[0] : heading[1]], "span": heading},
                    "span": (span[0], end),
                }
            )
        heading = {"text": text.source[s.heading[0] : s.heading[1]], "span": s.heading} if s.heading else None
        out.append(
            {
                "id": f"s{i}",
                "number": s.number,
                "label": s.label,
                "heading": heading,
                "span": (s.start, s.end),
                "paragraphs": s.paragraphs,
                "items": items,
            }
        )
    return out


class _Checked:
    """What the checks found about one figure."""

    __slots__ = ("flags", "issues", "rules", "cleared")

    def __init__(self) -> None:
        self.flags: list[str] = []
        self.issues: list[IssueFound] = []
        self.rules: list[str] = []
        self.cleared = False


_UNCHECKED = _Checked()


@dataclass(slots=True)
class Where:
    """Where and what (extractor/where.py): the release's jurisdiction, each figure's area
    and each figure's indicator id with its rule, by the identity of its linked record."""

    home: where.Placed | None = None
    areas: dict[int, where.Placed] = field(default_factory=dict)
    indicator_ids: dict[int, tuple[str | None, str]] = field(default_factory=dict)


_NO_ID = (None, None)


def _area(placed: where.Placed | None, text: Text) -> dict | None:
    if placed is None:
        return None
    a = placed.area
    return {
        "name": a.name,
        "code": a.code,
        "level": a.level,
        "source": placed.source,
        "text": text.source[placed.span[0] : placed.span[1]] if placed.span else None,
        "span": placed.span,
    }


def _quantity(
    q: Linked,
    qid: str,
    text: Text,
    ids: dict[int, str],
    section: str | None,
    date_ids: dict[int, str],
    checked: _Checked,
    placed: where.Placed | None,
    indicator_id: tuple[str | None, str | None],
    area_records: dict[int, dict],
) -> dict:
    f = q.figure
    period = None
    if q.period is not None:
        value = q.period_value or q.period.value
        start, end = periods.bounds(value)
        period = {
            "text": text.source[q.period.start : q.period.end],
            "value": value,
            "start": start,
            "end": end,
            "source": q.period_source,
            "date": date_ids.get(id(q.period)),
        }
    change = None
    if q.change:
        of = q.change[2]
        change = {
            "basis": q.change[0],
            "direction": q.change[1],
            "of": ids[id(of)] if of is not None else None,
            "basis_period": q.basis_period,
        }
    rank = None
    if q.kind == "rank" and f.value is not None:
        rank = {
            "position": int(f.value),
            "scope": f.rank_scope,
            "of": ids[id(q.rank_of)] if q.rank_of is not None else None,
        }
    value, value_max = (None, None) if checked.cleared else (f.value, f.value_max)
    return {
        "id": qid,
        "text": text.source[f.start : f.end],
        "span": f.span,
        "value": value,
        "value_max": value_max,
        "number_text": f.number_text,
        "unit_text": f.unit_text,
        "unit": f.unit,
        "kind": q.kind,
        "approx": q.approx,
        "indicator": q.indicator,
        "indicator_id": indicator_id[0],
        "indicator_span": q.indicator_span,
        "qualifier": q.qualifier,
        "scope": q.scope,
        "area": area_records[id(placed)] if placed is not None else None,
        "period": period,
        "change": change,
        "rank": rank,
        "target": q.target,
        "section": section,
        "sentence": text.sentence_of(f.start),
        "rules": {
            "figure": f.rule,
            "unit": f.unit_id,
            "indicator": q.indicator_rule if q.indicator is not None else None,
            "change": q.change_rule if q.change else None,
            "period": q.period_rule,
            "checks": checked.rules,
            "indicator_id": indicator_id[1],
            "area": placed.rule if placed is not None else None,
        },
        "flags": sorted(set(f.flags + checked.flags)) if f.flags or checked.flags else [],
    }


def _date(d: DateFound, did: str, text: Text) -> dict:
    return {
        "id": did,
        "text": text.source[d.start : d.end],
        "span": d.span,
        "value": d.value,
        "kind": d.kind,
        "year_inferred": d.year_inferred,
        "resolved": d.resolved or ("reference" if d.year_inferred else "written"),
        "repair": {"reading": d.repair[0], "reason": d.repair[1]} if d.repair else None,
        "rule": d.rule,
        "flags": d.flags,
    }


def _reference(time: reference.Found, text: Text, home: where.Placed | None) -> dict:
    def part(p: reference.Part | None) -> dict | None:
        if p is None:
            return None
        start, end = periods.bounds(p.value)
        return {
            "value": p.value,
            "start": start,
            "end": end,
            "text": text.source[p.span[0] : p.span[1]] if p.span else None,
            "span": p.span,
            "rule": p.rule,
        }

    area = _area(home, text)
    if area is not None:
        area["rule"] = home.rule  # type: ignore[union-attr]
        del area["source"]
    return {"date": part(time.date), "period": part(time.period), "area": area}


def _entity(e: EntityFound, eid: str, text: Text) -> dict:
    return {
        "id": eid,
        "type": e.type,
        "text": text.source[e.start : e.end],
        "span": e.span,
        "title": e.title,
        "organization": e.organization,
        "rule": e.rule,
    }


def checked(findings: list[Finding]) -> dict[int, _Checked]:
    """The findings of the checks, per figure (by the identity of its linked record)."""
    out: dict[int, _Checked] = {}
    for f in findings:
        c = out.get(id(f.figure))
        if c is None:
            c = out[id(f.figure)] = _Checked()
        if f.flag:
            c.flags.append(f.flag)
            c.cleared = c.cleared or f.flag == "value_out_of_range"
        if f.issue is not None:
            c.issues.append(f.issue)
        if f.rule not in c.rules:
            c.rules.append(f.rule)
    return out


def document(
    text: Text,
    raw: bytes,
    source: dict,
    meta: Metadata,
    title_span: tuple[int, int] | None,
    sections: list[SectionFound],
    resolved: Resolved,
    linked: list[Linked],
    findings: list[Finding],
    noise: list[NoiseFound],
    time: reference.Found | None = None,
    placed: Where | None = None,
) -> Document:
    """The output document; ``source`` holds path, encoding and format; ``time`` the
    release's date and period."""
    figures = sorted(linked, key=lambda q: (q.start, q.end))
    qids = {id(q): f"q{i + 1}" for i, q in enumerate(figures)}
    dates = resolved.dates
    dids = {id(d): f"d{i + 1}" for i, d in enumerate(dates)}
    by_figure = checked(findings)
    placed = placed or Where()
    section_starts = [s.start for s in sections]
    # one area record per Placed, for all the figures it places (most share the jurisdiction's)
    area_records: dict[int, dict] = {}
    for p in placed.areas.values():
        if id(p) not in area_records:
            area_records[id(p)] = _area(p, text)  # type: ignore[assignment]
    records = [
        _quantity(
            q,
            qids[id(q)],
            text,
            qids,
            _section_of(sections, section_starts, q.start),
            dids,
            by_figure.get(id(q), _UNCHECKED),
            placed.areas.get(id(q)),
            placed.indicator_ids.get(id(q), _NO_ID),
            area_records,
        )
        for q in figures
    ]
    issues = [_issue(i, text, dids[id(d)]) for d in dates for i in d.issues]
    for d in dates:
        if d.year_inferred and d.value is None and not d.issues:
            issues.append(
                Issue(
                    code="no_reference_date",
                    severity="info",
                    text=text.source[d.start : d.end],
                    span=d.span,
                    ref=dids[id(d)],
                    rule="pipeline.reference_date",
                    message="no year: the release gives no date to resolve this against; "
                    "pass a reference date (extractor extract --date YYYY-MM-DD)",
                )
            )
    issues += [_issue(i, text, qids[id(q)]) for q in figures for i in by_figure.get(id(q), _UNCHECKED).issues]
    issues.sort(key=lambda i: (i.span, i.code))
    return Document.model_validate(
        {
            "pipeline_version": __version__,
            "source": {**source, "sha256": hashlib.sha256(raw).hexdigest()},
            "metadata": meta,
            "reference": _reference(time, text, placed.home) if time is not None else None,
            "title": {"text": text.source[title_span[0] : title_span[1]], "span": title_span} if title_span else None,
            "sections": _sections(text, sections),
            "quantities": records,
            "dates": [_date(d, dids[id(d)], text) for d in dates],
            "entities": [_entity(e, f"e{i + 1}", text) for i, e in enumerate(resolved.entities)],
            "noise": [{"text": text.source[n.start : n.end], "span": n.span, "rule": n.rule} for n in noise],
            "issues": issues,
        }
    )
