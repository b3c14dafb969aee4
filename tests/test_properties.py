"""Properties that hold for any text: extraction never fails, every span slices the source,
nothing overlaps within a dimension, and the output is deterministic."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import extract
from extractor.errors import ExtractorError
from extractor.io import to_json
from extractor.model import Document

PIECES = [
    "全市",
    "同比增长",
    "下降",
    "12",
    "3.5",
    "万",
    "亿元",
    "%",
    "个百分点",
    "件",
    "家",
    "第",
    "位",
    "全省排名",
    "2024年",
    "1-9月",
    "5月10日",
    "510日",
    "20241-6月",
    "约",
    "余",
    "百分之",
    "三十五",
    "。",
    "，",
    ",",
    ";",
    "\n",
    "《办法》",
    "“亳菊”",
    "市统计局",
    "局长王明",
    "CBA直播",
    "发布日期 2024-10-22\n",
    "十九届",
    "一是",
    "二、",
    "（",
    "）",
]
releases = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(releases)
def test_properties_any_text(text):
    document = extract(text)
    assert document.span_errors(text) == []
    for records in (document.quantities, document.dates, document.entities):
        spans = sorted(tuple(r.span) for r in records)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans
    assert to_json(extract(text)) == to_json(document)


# Any Unicode text at all (surrogates aside: a str read from a file never holds one), mixed
# with the pieces above and with digits of other scripts, among them those Unicode 15 and 16
# added, which regex's \d knows and Python's Decimal does not (U+116D7, U+11F57, U+1E5F4).
OTHER_DIGITS = ["\U000116d7", "\U00011f57", "\U0001e5f4", "\U00010d40", "٣", "३", "𝟗", "¹", "①"]
any_text = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=6),
        st.sampled_from(PIECES),
        st.sampled_from(OTHER_DIGITS),
        st.sampled_from(["9" * 40, "1.12345678901", "第", "“", "”"]),
    ),
    max_size=30,
).map("".join)


@pytest.fixture(scope="module")
def document_schema():
    from .conftest import ROOT

    schema = json.loads((ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)  # built once: jsonschema.validate() checks the schema again at every call


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(text=any_text)
def test_properties_any_unicode_text(text, document_schema):
    try:
        document = extract(text)
    except ExtractorError:
        return  # the project's own error, with a message: allowed
    assert isinstance(document, Document)
    for records in (document.quantities, document.dates, document.entities, document.issues, document.noise):
        for r in records:
            assert text[r.span[0] : r.span[1]] == r.text
    dumped = to_json(document)
    document_schema.validate(json.loads(dumped))
    assert to_json(extract(text)) == dumped
    for q in document.quantities:
        assert not set(q.number_text) & set(OTHER_DIGITS[:4])


def test_properties_lone_surrogate_is_the_projects_error():
    with pytest.raises(ExtractorError, match="surrogate"):
        extract("全市增长\ud800 12%")
