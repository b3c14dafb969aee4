"""Diffing extraction results: after a rule change (document by document, figure by
figure) and year over year (indicator by indicator, across wording variants).

Figures are matched by a stable key — normalized indicator, kind, unit, scope, period —
with position only as a tie-breaker, so a moved sentence does not read as removed plus
added. Left-overs are then matched by the same surface in the same sentence (an indicator
or unit that changed), then by indicator alone; what remains was added or removed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import regex

from . import growth
from .indicator_ids import vocabulary
from .io import parse_document, text_for
from .model import (
    DiffReport,
    DiffSummary,
    Document,
    DocumentDiff,
    EntityChange,
    FieldChange,
    FigureChange,
    FigureRef,
    IndicatorPair,
    Quantity,
    YearOverYear,
)

_JUNK = regex.compile(r"[\s“”\"'《》()（）、:：,，]")


class DiffError(ValueError):
    """A side of the diff that cannot be read; the message names it."""


@dataclass
class Side:
    """One extraction, with the text its spans refer to when that text can be found."""

    path: str
    document: Document
    text: str | None
    relative: str = ""  # the JSON's path inside the folder given

    def sentence(self, q: Quantity) -> str | None:
        return self.text[q.sentence[0] : q.sentence[1]].strip() if self.text else None


# ---------------------------------------------------------------------------- loading
def load_side(path: Path) -> list[Side]:
    """An extraction JSON, or every extraction JSON in a folder (recursively)."""
    if not path.exists():
        raise DiffError(f"{path}: no such file or folder")
    files = sorted(path.rglob("*.json")) if path.is_dir() else [path]
    sides = []
    for f in files:
        try:
            document = parse_document(f.read_bytes())
        except OSError as exc:
            raise DiffError(f"{f}: cannot read ({exc.strerror})") from None
        except ValueError as exc:
            raise DiffError(f"{f}: not an extraction JSON ({exc})") from None
        relative = f.relative_to(path).as_posix() if path.is_dir() else f.name
        sides.append(Side(f.as_posix(), document, text_for(f, document), relative))
    if path.is_dir() and not sides:
        raise DiffError(f"{path}: holds no extraction JSON")
    return sides


def pair_documents(old: list[Side], new: list[Side], two_files: bool = False) -> list[tuple[Side | None, Side | None]]:
    """Pair by source path, then by the path inside the folders compared, then by content
    hash; two files given on their own are a pair; the rest were added or removed."""
    if two_files:
        return [(old[0], new[0])]
    pairs: list[tuple[Side | None, Side | None]] = []
    old_left, new_left = list(old), list(new)
    for key in (lambda s: s.document.source.path, lambda s: s.relative, lambda s: s.document.source.sha256):
        for o in list(old_left):
            match = next((n for n in new_left if key(n) == key(o)), None)
            if match is not None:
                new_left.remove(match)
                old_left.remove(o)
                pairs.append((o, match))
    pairs += [(o, None) for o in old_left] + [(None, n) for n in new_left]
    return sorted(pairs, key=lambda p: (p[0] or p[1]).document.source.path or (p[0] or p[1]).path)


# ---------------------------------------------------------------------------- figures
def norm_indicator(indicator: str | None) -> str:
    return _JUNK.sub("", indicator or "")


def _key(q: Quantity) -> tuple:
    return (norm_indicator(q.indicator), q.kind.value, q.unit, q.scope, q.period.value if q.period else None)


def _ref(q: Quantity, side: Side) -> FigureRef:
    return FigureRef(
        id=q.id,
        text=q.text,
        value=q.value,
        unit=q.unit,
        kind=q.kind.value,
        indicator=q.indicator,
        scope=q.scope,
        period=q.period.value if q.period else None,
        section=q.section,
        flags=q.flags,
        sentence=side.sentence(q),
    )


_COMPARED = ("value", "value_max", "unit", "kind", "indicator", "approx", "scope", "flags")


def _value(q: Quantity, name: str):
    v = getattr(q, name)
    if isinstance(v, Decimal):
        return _scalar(v)
    return v.value if hasattr(v, "value") else v


def _scalar(v: Decimal) -> int | float | str:
    """A value as a report field: an int or a float when that is exact, else the exact
    decimal as text (a figure of 4,301 digits, or 0.12345678901234567890, from an old JSON)."""
    if v == v.to_integral_value() and v.adjusted() < 4000:
        return int(v)
    if float(v) == v:
        return float(v)
    return format(v, "f") if abs(v.adjusted()) < 4000 else str(v)


def _changes(a: Quantity, b: Quantity) -> list[FieldChange]:
    out = [FieldChange(field=f, old=_value(a, f), new=_value(b, f)) for f in _COMPARED if _value(a, f) != _value(b, f)]
    pa, pb = (a.period.value if a.period else None), (b.period.value if b.period else None)
    if pa != pb:
        out.append(FieldChange(field="period", old=pa, new=pb))
    ca, cb = (
        (a.change.model_dump(mode="json", exclude={"of"}) if a.change else None),
        (b.change.model_dump(mode="json", exclude={"of"}) if b.change else None),
    )
    if ca != cb:
        out.append(FieldChange(field="change", old=str(ca) if ca else None, new=str(cb) if cb else None))
    return out


def _match(
    old: list[Quantity], new: list[Quantity], key: Callable[[Quantity], tuple], pairs: list[tuple[Quantity, Quantity]]
) -> tuple[list[Quantity], list[Quantity]]:
    """Pair figures with equal keys, in text order within a key (position breaks ties)."""
    by_key: dict[tuple, list[Quantity]] = defaultdict(list)
    for q in new:
        by_key[key(q)].append(q)
    left_old = []
    for q in old:
        bucket = by_key.get(key(q))
        if bucket:
            pairs.append((q, bucket.pop(0)))
        else:
            left_old.append(q)
    left_new = [q for bucket in by_key.values() for q in bucket]
    return left_old, sorted(left_new, key=lambda q: q.span)


def diff_documents(old: Side | None, new: Side | None) -> DocumentDiff:
    if old is None or new is None:
        side = old or new
        status = "removed" if new is None else "added"
        figures = [
            FigureChange(status=status, old=_ref(q, side) if old else None, new=_ref(q, side) if new else None)
            for q in side.document.quantities
        ]
        return DocumentDiff(
            status=status,
            old_source=old and old.document.source.path,
            new_source=new and new.document.source.path,
            figures=figures,
        )
    pairs: list[tuple[Quantity, Quantity]] = []
    left_old, left_new = _match(list(old.document.quantities), list(new.document.quantities), _key, pairs)
    left_old, left_new = _match(left_old, left_new, lambda q: (q.text, _sentence_of(q, old, new)), pairs)
    left_old, left_new = _match(left_old, left_new, lambda q: (norm_indicator(q.indicator), q.kind.value), pairs)
    figures = []
    for a, b in sorted(pairs, key=lambda p: p[1].span):
        changes = _changes(a, b)
        if changes:
            figures.append(FigureChange(status="changed", old=_ref(a, old), new=_ref(b, new), changes=changes))
    figures += [FigureChange(status="removed", old=_ref(q, old)) for q in left_old]
    figures += [FigureChange(status="added", new=_ref(q, new)) for q in left_new]
    figures.sort(key=lambda f: ((f.new or f.old).section or "", (f.new.id if f.new else f.old.id)))
    metadata = _metadata_changes(old.document, new.document)
    entities = _entity_changes(old.document, new.document)
    status = "changed" if figures or metadata or entities else "identical"
    return DocumentDiff(
        status=status,
        old_source=old.document.source.path,
        new_source=new.document.source.path,
        figures=figures,
        metadata=metadata,
        entities=entities,
    )


def _sentence_of(q: Quantity, old: Side, new: Side) -> str | None:
    side = old if any(q is o for o in old.document.quantities) else new
    return side.sentence(q) if side.text else str(q.sentence)


def _metadata_changes(a: Document, b: Document) -> list[FieldChange]:
    da, db = a.metadata.model_dump(mode="json"), b.metadata.model_dump(mode="json")
    out = []
    for name in da:
        va, vb = _meta_value(da[name]), _meta_value(db[name])
        if va != vb:
            out.append(FieldChange(field=name, old=va, new=vb))
    return out


def _meta_value(v):
    if isinstance(v, dict):
        return v.get("value") or v.get("raw")
    if isinstance(v, list):
        return [x.get("text") or x.get("raw") for x in v]
    return v


def _entity_changes(a: Document, b: Document) -> list[EntityChange]:
    ca = Counter((e.type.value, e.text) for e in a.entities)
    cb = Counter((e.type.value, e.text) for e in b.entities)
    out = []
    for key in sorted(set(ca) | set(cb)):
        if ca[key] != cb[key]:
            status = "added" if cb[key] > ca[key] else "removed"
            out.append(EntityChange(status=status, type=key[0], text=key[1], old_count=ca[key], new_count=cb[key]))
    return out


def diff(old_path: Path, new_path: Path) -> DiffReport:
    two_files = old_path.is_file() and new_path.is_file()
    documents = [diff_documents(o, n) for o, n in pair_documents(load_side(old_path), load_side(new_path), two_files)]
    summary = DiffSummary(documents=len(documents))
    for d in documents:
        setattr(summary, d.status, getattr(summary, d.status) + 1)
        for f in d.figures:
            name = f"figures_{f.status}"
            setattr(summary, name, getattr(summary, name) + 1)
    return DiffReport(summary=summary, documents=documents)


def diff_sides(old: Side, new: Side) -> DiffReport:
    """One pair of documents (used by the golden test's failure message)."""
    d = diff_documents(old, new)
    summary = DiffSummary(
        documents=1,
        **{d.status: 1},
        figures_added=sum(f.status == "added" for f in d.figures),
        figures_removed=sum(f.status == "removed" for f in d.figures),
        figures_changed=sum(f.status == "changed" for f in d.figures),
    )
    return DiffReport(summary=summary, documents=[d])


# ---------------------------------------------------------------------------- year over year
def canonical(indicator: str) -> str:
    """What an indicator is matched by across releases: its id in the vocabulary
    (data/indicator_ids.toml: 发明专利授权量, 授权发明专利 and 获授权发明专利 are all
    ``ip.invention_patents_granted``), else its phrase as the vocabulary normalizes it
    before a lookup (leading scope words and verbs, a final measure word removed)."""
    words = vocabulary()
    phrase = norm_indicator(indicator)  # (quotes, brackets and list marks aside: “专精特新”企业, 县（市、区）)
    entry = words.lookup(phrase)
    return entry.id if entry is not None else words.normalize(phrase)


def _stated_growth(q: Quantity, doc: Document) -> float | None:
    for g in doc.quantities:
        if g.change and g.change.of == q.id and g.kind.value == "percent" and g.value is not None:
            value = float(g.value)
            return -abs(value) if g.change.direction.value == "down" else value
    return None


def by_indicator(old_path: Path, new_path: Path) -> YearOverYear:
    old, new = load_side(old_path), load_side(new_path)
    if len(old) != 1 or len(new) != 1:
        raise DiffError("--by-indicator compares two extraction JSON files, one release each")
    old, new = old[0], new[0]

    # the same measure: by its indicator id (the vocabulary, data/indicator_ids.toml; for a
    # JSON written before ids, or one with an older vocabulary, looked up now), else by its
    # phrase as the vocabulary normalizes it
    def measure(q: Quantity) -> str:
        return q.indicator_id or canonical(q.indicator)

    def plain(side: Side) -> tuple[dict[tuple, Quantity], list[Quantity]]:
        figures: dict[tuple, Quantity] = {}
        damaged = []
        for q in side.document.quantities:
            if q.change or q.kind.value == "rank" or not q.indicator:
                continue
            if q.flags:
                damaged.append(q)
                continue
            if q.kind.value == "ordinal" or q.value is None:
                continue
            figures.setdefault((measure(q), q.unit), q)
        return figures, damaged

    old_figs, old_damaged = plain(old)
    new_figs, new_damaged = plain(new)
    pairs = []
    for key in sorted(set(old_figs) & set(new_figs), key=lambda k: old_figs[k].span):
        a, b = old_figs[key], new_figs[key]
        delta, pct = growth.change(a.value, b.value)
        stated = _stated_growth(b, new.document)
        check = "none"
        if stated is not None and pct is not None:
            # rounding: the stated growth's own last digit, and the inputs' last digits
            check = growth.check(stated, pct, a.number_text, b.number_text)
        pairs.append(
            IndicatorPair(
                old_indicator=a.indicator,
                new_indicator=b.indicator,
                canonical=key[0],
                unit=key[1],
                old_value=a.value,
                new_value=b.value,
                abs_change=delta,
                pct_change=pct,
                old_period=a.period.value if a.period else None,
                new_period=b.period.value if b.period else None,
                stated_growth=stated,
                growth_check=check,
                old_sentence=old.sentence(a),
                new_sentence=new.sentence(b),
            )
        )
    damaged = {measure(q) for q in old_damaged + new_damaged}
    only_old = sorted({old_figs[k].indicator for k in set(old_figs) - set(new_figs) if k[0] not in damaged})
    only_new = sorted({new_figs[k].indicator for k in set(new_figs) - set(old_figs) if k[0] not in damaged})
    return YearOverYear(
        old=old.document.source.path,
        new=new.document.source.path,
        pairs=pairs,
        only_old=only_old,
        only_new=only_new,
        skipped_damaged=sorted({q.indicator for q in old_damaged + new_damaged}),
    )
