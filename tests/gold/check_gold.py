"""Check every hand annotation in tests/gold against its text.

Every surface must occur at least `occurrence` times; fields must be well formed.
Run: python tests/gold/check_gold.py [--require-periods] [--require-areas] [FILE.gold.json ...]
(--require-periods: every figure has a ``period`` and the file a ``reference``;
--require-areas: every figure has an ``area`` and an ``indicator_id``, the reference an ``area``.)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
KINDS = {
    "count",
    "money",
    "percent",
    "percentage_point",
    "rank",
    "rate",
    "measure",
    "multiple",
    "duration",
    "number",
    "ordinal",
}  # (the last two: a figure that lost its unit, as the review page saves it)
ENTITY_TYPES = {"organization", "person", "document", "media", "place", "product", "event"}
DAMAGE_CODES = {"date_missing_char", "missing_unit", "suspect_figure"}
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ROOT = HERE.parent.parent
# full names of the divisions (column 2 of the GB/T 2260 register) and the vocabulary's ids
AREA_NAMES = {
    line.split("\t")[1]
    for line in (ROOT / "extractor" / "data" / "areas.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
}
INDICATOR_IDS = set(
    re.findall(r'\{ id = "([^"]+)"', (ROOT / "extractor" / "data" / "indicator_ids.toml").read_text("utf-8"))
)
PERIOD_SOURCES = {"clause", "sentence", "paragraph", "section", "title", "reference", "review"}


def _period(where: str, period) -> list[str]:
    """A figure's period: null, or {"value": a date value, "source": one of PERIOD_SOURCES}."""
    if period is None:
        return []
    if (
        not isinstance(period, dict)
        or not DATE_VALUE.match(str(period.get("value")))
        or period.get("source") not in PERIOD_SOURCES
    ):
        return [
            f"{where}: period must be null or {{value: a date value, source: one of {sorted(PERIOD_SOURCES)}}}, "
            f"not {period!r}"
        ]
    return []


def _area(where: str, item: dict) -> list[str]:
    """A figure's area (a full name of the register, or null) and indicator id (the vocabulary's, or null)."""
    errors = []
    for key in ("area", "indicator_id"):
        if key not in item and REQUIRE_AREAS:
            errors.append(f"{where}: no {key} (null when the text does not tell)")
    if item.get("area") is not None and item["area"] not in AREA_NAMES:
        errors.append(f"{where}: area {item['area']!r} is not a full name in extractor/data/areas.tsv")
    if item.get("indicator_id") is not None and item["indicator_id"] not in INDICATOR_IDS:
        errors.append(f"{where}: indicator_id {item['indicator_id']!r} is not in extractor/data/indicator_ids.toml")
    return errors


def _reference(gold_path: Path, text: str, reference) -> list[str]:
    where = f"{gold_path.name}: reference"
    if not isinstance(reference, dict):
        return [f"{where} must be an object"]
    errors = []
    if reference.get("date") is not None and not DAY.match(str(reference["date"])):
        errors.append(f"{where}: date {reference['date']!r} is not YYYY-MM-DD")
    if reference.get("period") is not None and not DATE_VALUE.match(str(reference["period"])):
        errors.append(f"{where}: period {reference['period']!r} is not a date value")
    if REQUIRE_AREAS and "area" not in reference:
        errors.append(f"{where}: no area (null when the text does not tell)")
    if reference.get("area") is not None and reference["area"] not in AREA_NAMES:
        errors.append(f"{where}: area {reference['area']!r} is not a full name in extractor/data/areas.tsv")
    for key in ("date", "period", "area"):
        surface = reference.get(f"{key}_surface")
        if surface and _find(text, surface, reference.get(f"{key}_occurrence", 1)) < 0:
            errors.append(f"{where}: {key}_surface {surface!r} not found")
    return errors


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
    if "reference" in data:
        errors += _reference(gold_path, text, data["reference"])
    elif REQUIRE_PERIODS:
        errors.append(f"{gold_path.name}: no reference (date, period)")
    for key in ("figures", "dates", "relative_dates", "entities", "damage", "noise"):
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
                if "period" in item:
                    errors += _period(where, item["period"])
                elif REQUIRE_PERIODS:
                    errors.append(f"{where}: no period (null when a careful reader could not tell)")
                errors += _area(where, item)
                for flag in item.get("flags", []):
                    if flag not in DAMAGE_CODES:
                        errors.append(f"{where}: unknown flag {flag!r}")
            elif key in ("dates", "relative_dates") and not DATE_VALUE.match(str(item.get("value"))):
                errors.append(f"{where}: bad date value {item.get('value')!r}")
            elif key == "entities" and item.get("type") not in ENTITY_TYPES:
                errors.append(f"{where}: bad entity type {item.get('type')!r}")
            elif key == "damage" and item.get("code") not in DAMAGE_CODES:
                errors.append(f"{where}: bad damage code {item.get('code')!r}")
    return errors


REQUIRE_PERIODS = False
REQUIRE_AREAS = False


def main(argv: list[str]) -> int:
    global REQUIRE_PERIODS, REQUIRE_AREAS
    REQUIRE_PERIODS = "--require-periods" in argv
    REQUIRE_AREAS = "--require-areas" in argv
    argv = [a for a in argv if a not in ("--require-periods", "--require-areas")]
    paths = [Path(a) for a in argv] or sorted(HERE.glob("*.gold.json"))
    errors = [e for p in paths for e in check(p)]
    for e in errors:
        print(e)
    print(f"{len(paths)} annotation files, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
