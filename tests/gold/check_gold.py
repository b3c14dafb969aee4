"""Check every hand annotation in tests/gold against its text.

Every surface must occur at least `occurrence` times; fields must be well formed.
Run: python tests/gold/check_gold.py [FILE.gold.json ...]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
KINDS = {"count", "money", "percent", "percentage_point", "rank", "rate", "measure", "multiple", "duration"}
ENTITY_TYPES = {"organization", "person", "document", "media", "place", "product", "event"}
DAMAGE_CODES = {"date_missing_char", "missing_unit", "suspect_figure"}
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")


def _find(text: str, surface: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence):
        start = text.find(surface, start + 1)
        if start < 0:
            return -1
    return start


def check(gold_path: Path) -> list[str]:
    errors: list[str] = []
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    text_path = gold_path.parent / data["document"]
    text = text_path.read_text(encoding="utf-8")
    for key in ("figures", "dates", "entities", "damage", "noise"):
        for i, item in enumerate(data.get(key, [])):
            where = f"{gold_path.name}: {key}[{i}] {item.get('surface')!r}"
            surface, occ = item.get("surface"), item.get("occurrence", 1)
            if not surface or _find(text, surface, occ) < 0:
                errors.append(f"{where}: occurrence {occ} not found in {text_path.name}")
            if key == "figures":
                if not isinstance(item.get("value"), (int, float)):
                    errors.append(f"{where}: value must be a number")
                if item.get("kind") not in KINDS:
                    errors.append(f"{where}: kind {item.get('kind')!r} not one of {sorted(KINDS)}")
                for flag in item.get("flags", []):
                    if flag not in DAMAGE_CODES:
                        errors.append(f"{where}: unknown flag {flag!r}")
            elif key == "dates" and not DATE_VALUE.match(str(item.get("value"))):
                errors.append(f"{where}: bad date value {item.get('value')!r}")
            elif key == "entities" and item.get("type") not in ENTITY_TYPES:
                errors.append(f"{where}: bad entity type {item.get('type')!r}")
            elif key == "damage" and item.get("code") not in DAMAGE_CODES:
                errors.append(f"{where}: bad damage code {item.get('code')!r}")
    return errors


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(HERE.glob("*.gold.json"))
    errors = [e for p in paths for e in check(p)]
    for e in errors:
        print(e)
    print(f"{len(paths)} annotation files, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
