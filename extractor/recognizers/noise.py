"""Noise: text that is not part of the release (spam tails, page furniture).

Patterns live in ``data/noise.toml``. A match covers from its start (moved back over the
pattern's ``lead``, if it has one) to the end of its line; nothing inside noise becomes a
figure, date or entity.
"""

from __future__ import annotations

from ..candidates import NoiseFound
from ..lexicon import Lexicon
from ..text import Text


def recognize(text: Text, lexicon: Lexicon) -> list[NoiseFound]:
    out: list[NoiseFound] = []
    for p_start, p_end in text.paragraphs:
        line_start = text.norm.rfind("\n", 0, p_start) + 1  # a pattern's ^ and \s* see the indent
        for rule_id, pattern, lead in lexicon.noise_patterns:
            # a pattern that opens with ^ can match only at the line's start (a paragraph is one line)
            if pattern.pattern.startswith("^"):
                m = text.match(pattern, line_start, p_end)
            else:
                m = text.search(pattern, line_start, p_end)
            if m and m.end() > m.start():
                start = m.start()
                before = lead.search(text.norm, max(p_start, start - 8), start) if lead else None
                if before:
                    start = before.start()
                while start < p_end and text.norm[start].isspace():
                    start += 1
                out.append(NoiseFound(start, p_end, rule_id))
                break
    return out
