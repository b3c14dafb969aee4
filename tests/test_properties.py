"""Properties that hold for any text: extraction never fails, every span slices the source,
nothing overlaps within a dimension, and the output is deterministic."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import extract
from extractor.io import to_json

PIECES = ["全市", "同比增长", "下降", "12", "3.5", "万", "亿元", "%", "个百分点", "件", "家", "第", "位", "全省排名",
          "2024年", "1-9月", "5月10日", "510日", "20241-6月", "约", "余", "百分之", "三十五", "。", "，", ",", ";", "\n",
          "《办法》", "“亳菊”", "市统计局", "局长王明", "CBA直播", "发布日期 2024-10-22\n", "十九届", "一是", "二、", "（", "）"]
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
