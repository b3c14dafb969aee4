"""schemas/ is generated from the models: a test fails when they disagree, and every
output validates against the committed schema."""

from __future__ import annotations

import json

import jsonschema

from extractor.cli import schema_texts
from extractor.io import to_json

from .conftest import ROOT

SCHEMA = ROOT / "schemas" / "document.schema.json"


def test_schema_matches_models():
    for name, text in schema_texts().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} is out of date with extractor/model.py: run `extractor schema -o schemas`"
        )


def test_schema_seed_output_validates(seed_document):
    jsonschema.validate(json.loads(to_json(seed_document)), json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_schema_committed_output_validates():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    outputs = sorted((ROOT / "output").glob("**/*.json"))
    assert outputs, "output/ holds no extraction JSON"
    for path in outputs:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)
