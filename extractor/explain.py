"""``extractor explain``: every candidate each recognizer found in a sentence, which won,
and why the others lost."""
from __future__ import annotations

from .calendar import ReferenceDate
from .display import pad
from .lexicon import Lexicon, load
from .pipeline import extract
from .recognizers import dates as date_rec, entities as entity_rec, quantities as quantity_rec
from .text import build


def explain_text(sentence: str, reference: str | None = None, lexicon: Lexicon | None = None) -> str:
    lexicon = lexicon or load()
    text = build(sentence, lexicon)
    ref = ReferenceDate.from_iso(reference)
    document = extract(sentence, reference_date=reference, lexicon=lexicon)
    kept = {tuple(r.span) for r in (*document.quantities, *document.dates, *document.entities)}
    lines = ["tokens: " + " / ".join(sentence[s:e] for s, e in text.tokens), "candidates:"]
    candidates = [("date", c) for c in date_rec.recognize(text, lexicon, ref)]
    candidates += [("figure", c) for c in quantity_rec.recognize(text, lexicon)]
    candidates += [("entity", c) for c in entity_rec.recognize(text, lexicon)]
    for dim, c in sorted(candidates, key=lambda x: (x[1].start, -x[1].end)):
        verdict = "kept" if c.span in kept else "lost (overlaps a longer span or a date)"
        lines.append(f"  {pad(f'[{c.start},{c.end})', 9)} {pad(repr(sentence[c.start:c.end]), 16)} {dim:6} {c.rule:32} {verdict}")
    lines.append("figures:")
    for q in document.quantities:
        lines.append(f"  {q.text!r}: value={q.value} unit={q.unit} kind={q.kind.value} indicator={q.indicator!r} "
                     f"approx={q.approx} change={q.change.model_dump(mode='json') if q.change else None} flags={q.flags}")
    for d in document.dates:
        lines.append(f"  date {d.text!r}: {d.value} ({d.rule})")
    for i in document.issues:
        lines.append(f"  issue {i.code} {i.text!r}: {i.message}")
    return "\n".join(lines)
