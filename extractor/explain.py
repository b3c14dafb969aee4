"""``extractor explain``: every candidate each recognizer found in a sentence, which won,
and why the others lost, as the pipeline's own trace reports them (nothing is recognized
again here)."""
from __future__ import annotations

from .display import pad
from .lexicon import Lexicon
from .pipeline import trace


def explain_text(sentence: str, reference: str | None = None, lexicon: Lexicon | None = None) -> str:
    kept = trace(sentence, reference_date=reference, lexicon=lexicon)
    text, document = kept.text, kept.document
    assert text is not None and document is not None and kept.resolved is not None
    lost = {id(x.candidate): x for x in kept.resolved.lost}
    lines = ["tokens: " + " / ".join(sentence[s:e] for s, e in text.tokens), "candidates:"]
    for dim, c in sorted(kept.candidates, key=lambda x: (x[1].start, -x[1].end)):
        why = lost.get(id(c))
        if why is None:
            verdict = "kept"
        else:
            w = why.winner
            by = (f" to {sentence[w.start:w.end]!r} {w.rule}" if hasattr(w, "rule") else
                  f" to the region [{w[0]},{w[1]})" if isinstance(w, tuple) else "")
            verdict = f"lost: {why.reason}{by}"
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
