"""The golden test: the seed release must reproduce the hand-verified golden JSON exactly.

On failure it prints a field-level difference (figure by figure), not a wall of JSON.
Regenerate on purpose with `python tests/golden/regenerate.py`, then review by hand.
"""

from __future__ import annotations

import json

from extractor.diff import Side, diff_sides
from extractor.diffview import text_view
from extractor.io import to_json, to_json_bytes
from extractor.model import Document

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "2023-bozhou-ip-press-conference.json"


def field_differences(old, new, path="$"):
    """Readable differences between two JSON values, keyed by record id where there is one."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in sorted(set(old) | set(new), key=str):
            if key not in new:
                out.append(f"{path}.{key}: removed (was {json.dumps(old[key], ensure_ascii=False)[:120]})")
            elif key not in old:
                out.append(f"{path}.{key}: added {json.dumps(new[key], ensure_ascii=False)[:120]}")
            else:
                out += field_differences(old[key], new[key], f"{path}.{key}")
        return out
    if isinstance(old, list) and isinstance(new, list):
        if all(isinstance(x, dict) and "id" in x for x in old + new):
            return field_differences({x["id"]: x for x in old}, {x["id"]: x for x in new}, path)
        if old != new:
            if len(old) == len(new):
                return [d for i, (a, b) in enumerate(zip(old, new)) for d in field_differences(a, b, f"{path}[{i}]")]
            return [
                f"{path}: {json.dumps(old, ensure_ascii=False)[:150]} -> {json.dumps(new, ensure_ascii=False)[:150]}"
            ]
        return []
    if old != new:
        return [f"{path}: {json.dumps(old, ensure_ascii=False)} -> {json.dumps(new, ensure_ascii=False)}"]
    return []


def test_golden_seed_matches(seed_document):
    produced = to_json(seed_document)
    expected = GOLDEN.read_text(encoding="utf-8")
    if produced != expected:
        # the figure-level report of `extractor diff`, then every other field that differs
        text = (ROOT / "corpus" / "2023-bozhou-ip-press-conference.txt").read_text(encoding="utf-8")
        report = diff_sides(
            Side("golden", Document.model_validate_json(expected), text), Side("produced", seed_document, text)
        )
        diffs = field_differences(json.loads(expected), json.loads(produced))
        message = text_view(report) + "\n\nall fields:\n" + ("\n".join(diffs[:80]) or "(only formatting differs)")
        raise AssertionError(
            f"golden differs in {len(diffs)} field(s):\n{message}\n"
            "If the change is intended: python tests/golden/regenerate.py, then review by hand."
        )


def test_golden_differences_are_readable():
    old = {"quantities": [{"id": "q1", "value": 330, "unit": "件"}]}
    new = {"quantities": [{"id": "q1", "value": 331, "unit": "件"}]}
    assert field_differences(old, new) == ["$.quantities.q1.value: 330 -> 331"]


def test_json_bytes_are_the_json_text_encoded(seed_document):
    """A batch writes the serializer's bytes directly: they are the golden's text, as UTF-8."""
    assert to_json_bytes(seed_document) == to_json(seed_document).encode("utf-8") == GOLDEN.read_bytes()
