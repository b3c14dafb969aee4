"""Every example kept beside the rule data runs through the whole pipeline; every `not`
string yields nothing of its dimension. Adding a rule means adding an example here's data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor import extract
from extractor.lexicon import load
from extractor.numerals import parse_number
from extractor.recognizers.metadata import split_person

LEX = load()
REFERENCE = "2024-10-22"


def _cases(file: str):
    return [pytest.param(ex, id=f"{file}:{ex.text[:24]}") for ex in LEX.examples(file)]


def _negatives(file: str):
    return [pytest.param(text, id=f"{file}:not:{text[:20]}") for text in LEX.negatives(file)]


def _find(items, text):
    found = [i for i in items if i.text == text]
    assert found, f"{text!r} not found; got {[i.text for i in items]}"
    return found[0]


@pytest.mark.parametrize("example", _cases("numerals"))
def test_numerals_parse(example):
    assert parse_number(example.text, LEX) == Decimal(str(example.value))


def _check_figures(example) -> list:
    """Run ``example`` through the pipeline; every figure it expects is found, with what it states."""
    doc = extract(example.text, reference_date=REFERENCE)
    found = []
    for want in example.expect:
        q = _find(doc.quantities, want.text)
        if want.value is not None:
            assert q.value == Decimal(str(want.value)), q
        if want.value_max is not None:
            assert q.value_max == Decimal(str(want.value_max)), q
        for key in ("unit", "approx", "indicator", "qualifier", "target"):
            if getattr(want, key) is not None:
                assert getattr(q, key) == getattr(want, key), (key, q)
        if want.kind is not None:
            assert q.kind.value == want.kind, q
        if want.change == "none":
            assert q.change is None, q
        elif want.change is not None:
            assert q.change is not None and q.change.direction.value == want.change, q
        if want.basis is not None:
            assert q.change is not None and q.change.basis == want.basis, q
        if want.rank_scope is not None:
            assert q.rank is not None and q.rank.scope == want.rank_scope, q
        found.append(q)
    return found


@pytest.mark.parametrize("example", _cases("units") + _cases("quantities") + _cases("indicators"))
def test_quantities_examples(example):
    _check_figures(example)


def _unit_cases():
    """Each unit (and counter) of units.toml with the example that covers it: the first
    expected figure that ends in the unit (the longest unit it ends in) and states its value
    and unit, from units.toml or quantities.toml (what lexicon.load() requires)."""
    by_length = sorted(LEX.units_file.units, key=lambda u: len(u.text), reverse=True)
    covering: dict[str, tuple] = {}
    for example in LEX.examples("units") + LEX.examples("quantities"):
        for i, want in enumerate(example.expect):
            unit = next((u for u in by_length if want.text.endswith(u.text)), None)
            if unit and want.unit is not None and want.value is not None:
                covering.setdefault(unit.text, (example, i))
    return [pytest.param(unit, covering.get(unit.text), id=unit.id) for unit in LEX.units_file.units]


@pytest.mark.parametrize("unit,covered", _unit_cases())
def test_units_every_unit_has_an_example_that_runs(unit, covered):
    assert covered is not None, f"{unit.id}: no example in units.toml or quantities.toml"
    example, i = covered
    figure = _check_figures(example)[i]
    assert figure.unit == unit.base and figure.text.endswith(unit.text), figure


@pytest.mark.parametrize("text", _negatives("units") + _negatives("quantities"))
def test_quantities_negatives(text):
    assert extract(text, reference_date=REFERENCE).quantities == []


@pytest.mark.parametrize("example", _cases("dates"))
def test_dates_examples(example):
    doc = extract(example.text, reference_date=REFERENCE)
    for want in example.expect:
        d = _find(doc.dates, want.text)
        assert d.value == (want.value or None), d


@pytest.mark.parametrize("text", _negatives("dates"))
def test_dates_negatives(text):
    assert extract(text, reference_date=REFERENCE).dates == []


@pytest.mark.parametrize("example", _cases("entities"))
def test_entities_examples(example):
    doc = extract(example.text, reference_date=REFERENCE)
    for want in example.expect:
        e = _find(doc.entities, want.text)
        assert e.type.value == want.type
        if want.title is not None:
            assert e.title == want.title
    assert not [e.text for e in doc.entities if e.text in example.not_]


def _header_example(i: int):
    """The metadata of header example ``i``, with its index number, category and publisher checked."""
    example = LEX.examples("metadata")[i]
    meta = extract(example.text).metadata
    want = example.expect
    assert meta.index_number.raw == want["index_number"]
    assert meta.category.raw == want["category"]
    assert meta.publisher.raw == want["publisher"]
    return meta, want


def test_metadata_header_example():
    meta, want = _header_example(0)
    assert meta.keywords is None and meta.document_number is None
    assert meta.published_date.value == want["published_date"]


def test_metadata_header_with_colons_example():
    meta, want = _header_example(2)
    example = LEX.examples("metadata")[2]
    assert meta.created_date.value == want["created_date"]
    assert meta.published_date.raw == "2025-04-11 09:32"  # (发布时间 on a line with the page's 来源: the page's)
    assert extract(example.text).quantities == []  # the index number is no figure


def test_metadata_a_pages_source_line_is_a_header_line():
    """来源：…　　发布时间：…: a page's label that gives no field opens a header line; the date
    after it is the release's reference date, over a signature's."""
    example = LEX.examples("metadata")[-3]
    doc = extract(example.text + "2024年，全县地区生产总值增长5%。\n某县统计局\n2025年3月25日\n")
    assert doc.metadata.published_date.value == example.expect["published_date"]  # (the page's 发布时间)
    assert (doc.reference.date.value, doc.reference.date.rule) == ("2025-03-28", "reference.header")
    assert doc.metadata.publisher is None  # (来源 is no field of the output)


@pytest.mark.parametrize("label", LEX.metadata.page_labels)
def test_metadata_every_page_label_opens_a_header_line(label):
    """Each of metadata.toml's page_labels, opening a page's line, lets the fields after it be read."""
    meta = extract(f"某县2024年统计公报\n{label}：某县统计局　　发布时间：2025-03-28 10:15\n全县增长5%。\n").metadata
    assert meta.published_date is not None and meta.published_date.value == "2025-03-28"  # (the page's date)


def test_metadata_people_example():
    example = LEX.examples("metadata")[1]
    meta = extract(example.text).metadata
    want = example.expect
    speaker = meta.speakers[0]
    assert (speaker.organization, speaker.title, speaker.person) == (
        want["speaker_organization"],
        want["speaker_title"],
        want["speaker_person"],
    )
    assert (meta.host.title, meta.host.person) == (want["host_title"], want["host_person"])


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("市市场监管局四级调研员王璞", ("市市场监管局", "四级调研员", "王璞")),
        ("省统计局副局长张三丰", ("省统计局", "副局长", "张三丰")),
        ("王五", (None, None, "王五")),
    ],
)
def test_metadata_split_person(raw, expected):
    assert split_person(raw, LEX) == expected


def _noise_cases(key: str):
    return [pytest.param(p.id, text, id=f"{p.id}:{text[:16]}") for p in LEX.noise.pattern for text in getattr(p, key)]


@pytest.mark.parametrize("rule,text", _noise_cases("examples"))
def test_noise_examples(rule, text):
    doc = extract(f"全市新增企业12家。\n{text}")
    assert [n.rule for n in doc.noise] == [rule]
    assert [q.text for q in doc.quantities] == ["12家"]


@pytest.mark.parametrize("rule,text", _noise_cases("not_"))
def test_noise_negatives(rule, text):
    assert extract(text).noise == []


def _damage_cases():
    return [pytest.param(ex, id=f"plausibility:{ex.text[:20]}") for ex in LEX.examples("plausibility")]


@pytest.mark.parametrize("example", _damage_cases())
def test_damage_examples(example):
    doc = extract(f"发布机构 {example.publisher}\n{example.text}", reference_date=REFERENCE)
    q = _find(doc.quantities, example.figure)
    assert example.flag in q.flags, q
    issue = next(i for i in doc.issues if i.ref == q.id and i.code == example.flag)
    readings = tuple(c.reading for c in issue.candidates)
    assert readings[: len(example.candidates)] == example.candidates, readings


@pytest.mark.parametrize("example", _cases("places"))
def test_places_examples(example):
    places = [e.text for e in extract(example.text, reference_date=REFERENCE).entities if e.type.value == "place"]
    assert sorted(places) == sorted(example.expect)


# Words of indicators.toml that no example sentence holds yet (184 of 333 when the guard
# was written). The list may only shrink: a new word comes with an example sentence, and a
# word that gains one leaves the list. (A sentence holding the word shows it in use; that
# the word decided the indicator is for the rule ids of the figure to say.)
INDICATOR_WORDS_WITHOUT_EXAMPLE = {
    "strip_leading": "合计 总计 今年以来 已有 已经 另有 获得 处理 组织 出具 提供 签订 兑现 认定 培育 推动 引导 帮助 将 把 立案 立案办理 做出 作出 印发 备案 创建 参与 新获批 获批 支持 拨付 帮扶 吸引 带动 与 以及 并 同时 此外 另外 我市 本市 我省 我们 截至目前 目前 首次 再 又 仅 各级 计划 按可比口径 按可比价格计算 按不变价格计算 按现价计算 按可比口径计算 从全年看 总体看 月末 期末 截至年底 各县(区) 各县市区 各地 各部门 各乡镇",
    "cut_after": "移送 组织 出具 提供 签订 兑现 设立 拨付 培育 认定 帮助 推动 引导 处理 收到 印发 制定 修订 获得 获批 做出 作出 立案查处 新开工 开工 招募 颁发 争取",
    "strip_trailing": "由原来的 由原来 从原来的 每人每年 合计 总计 突破 逾 已达 已有 仅 稳定 稳定在 提升 降至 降低 增至 升至 按要求 全部 继续 持续 基本 维持 将",
    "meta_words": "增幅 涨幅 速度",
    "meta_suffixes": "总数",
    "comparison_starts": "相当于 恢复至 恢复到",
    "rate_markers": "每百人 每十万人 每平方公里 每百户 万人口",
    "head_nouns": "个人 园区 医院 家庭 农户 人才 团队 基地 网点 窗口 工作站 门店",
    "noun_phrase_end": "并 并且 且 获批 获得 参与 参加 被 列入 取得 落户 上线 投产 开工 竣工 中有 按要求 全部 报名 晋级 与 以及",
    "generic_phrases": "年度目标任务 计划",
}


def _indicator_word_cases():
    texts = [e.text for file in ("units", "quantities", "indicators") for e in LEX.examples(file)]
    cases = []
    for name in type(LEX.indicators).model_fields:
        words = getattr(LEX.indicators, name)
        if name == "examples" or isinstance(words, (str, int)):
            continue  # (a pattern or a limit, not words)
        known = set(INDICATOR_WORDS_WITHOUT_EXAMPLE.get(name, "").split())
        for word in words:
            cases.append(
                pytest.param(word, any(word in t for t in texts), word in known, id=LEX.indicators.entry_id(name, word))
            )
    return cases


@pytest.mark.parametrize("word,has_example,known_without", _indicator_word_cases())
def test_indicators_every_word_has_an_example(word, has_example, known_without):
    if known_without:
        assert not has_example, f"{word!r} has an example now: take it off INDICATOR_WORDS_WITHOUT_EXAMPLE"
    else:
        assert has_example, f"{word!r}: add an [[examples]] sentence holding it to indicators.toml"


def test_indicators_words_without_example_are_words_of_the_file():
    for name, words in INDICATOR_WORDS_WITHOUT_EXAMPLE.items():
        assert set(words.split()) <= set(getattr(LEX.indicators, name)), name


def test_units_a_unit_that_is_none_before_a_number():
    """对 is a unit of pairs (婚姻登记18.42万对), but not in 1对1帮扶 (one to one), nor is 具 in
    5具备条件的企业 (具备 opens there: a word, not the counter)."""
    doc = extract("结对帮扶困难家庭12对，实行1对1帮扶，5具备条件的企业。", reference_date=REFERENCE)
    assert [(q.text, q.unit) for q in doc.quantities] == [("12对", "对"), ("1", None), ("1", None), ("5", None)]
