"""Provenance: every span slices the decoded source to exactly the record's text, on the
seed and on every team-written release."""

from __future__ import annotations

import pytest

from extractor import extract_file
from extractor.io import read_release, to_json

from .conftest import ROOT

RELEASES = sorted((ROOT / "tests" / "gold").glob("*.txt")) + [ROOT / "corpus" / "2023-bozhou-ip-press-conference.txt"]


def _records(doc):
    yield from doc.quantities
    yield from doc.dates
    yield from doc.entities
    yield from doc.noise
    yield from doc.issues
    if doc.title:
        yield doc.title
    for section in doc.sections:
        if section.heading:
            yield section.heading
        for item in section.items:
            yield item.heading
    yield from doc.metadata.media


@pytest.mark.parametrize("path", RELEASES, ids=lambda p: p.name)
def test_spans_slice_source(path):
    text, _, _ = read_release(path)
    doc = extract_file(path)
    assert doc.source.length == len(text)
    for record in _records(doc):
        start, end = record.span
        assert text[start:end] == record.text, record
    for q in doc.quantities:
        if q.indicator_span:
            assert text[q.indicator_span[0] : q.indicator_span[1]] == q.indicator


@pytest.mark.parametrize("path", RELEASES[:3], ids=lambda p: p.name)
def test_spans_output_is_deterministic(path):
    assert to_json(extract_file(path)) == to_json(extract_file(path))


def test_spans_nothing_inside_noise(seed_document):
    noise = [n.span for n in seed_document.noise]
    assert noise, "the seed's spam tail must be noise"
    for record in list(seed_document.quantities) + list(seed_document.dates) + list(seed_document.entities):
        assert not any(s < record.span[1] and record.span[0] < e for s, e in noise), record
