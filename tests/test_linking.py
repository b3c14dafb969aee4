"""data/linking.toml: every table's examples, every indicator rule's and change rule's
example, run through the whole pipeline; each rule of the chain has one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor import extract
from extractor.lexicon import load
from extractor.link import INDICATOR_RULES

DATA = load().linking
WORDS = [(table, e) for table in DATA.TABLES for e in getattr(DATA, table).examples]


def _figure(text: str, figure: str):
    found = [q for q in extract(text).quantities if q.text == figure]
    assert len(found) == 1, [q.text for q in extract(text).quantities]
    return found[0]


@pytest.mark.parametrize("table, example", WORDS, ids=[f"{t}:{e.text}" for t, e in WORDS])
def test_linking_word_examples(table, example):
    assert _figure(example.text, example.figure).indicator == example.indicator


@pytest.mark.parametrize("rule", DATA.indicator_rule, ids=[r.id for r in DATA.indicator_rule])
def test_linking_indicator_rule_example(rule):
    q = _figure(rule.text, rule.figure)
    assert (q.rules["indicator"], q.indicator) == (rule.id, rule.indicator)


@pytest.mark.parametrize("rule", DATA.change_rule, ids=[r.id for r in DATA.change_rule])
def test_linking_change_rule_example(rule):
    from extractor.pipeline import trace

    kept = trace(rule.text)
    linked = [q for q in kept.linked if kept.text.source[q.start : q.end] == rule.figure]
    assert [(q.change_rule, q.change_words) for q in linked] == [(rule.id, rule.words)]


def test_linking_every_indicator_rule_has_an_example():
    """Every indicator rule id link.py names (its chain, and the ones around it) has its example."""
    import re

    import extractor.link

    source = open(extractor.link.__file__, encoding="utf-8").read()
    named = {rule for rule, _ in INDICATOR_RULES} | set(re.findall(r'"(indicator\.[a-z_]+)"', source))
    assert named == {r.id for r in DATA.indicator_rule}


def test_linking_every_table_has_an_example():
    assert all(getattr(DATA, table).examples for table in DATA.TABLES)


def test_linking_every_change_rule_has_an_example():
    import re
    from pathlib import Path

    import extractor.link

    source = Path(extractor.link.__file__).read_text(encoding="utf-8")
    assert set(re.findall(r'"(change\.[a-z_]+)"', source)) == {r.id for r in DATA.change_rule}


@pytest.mark.parametrize("example", DATA.period.examples, ids=[f"{e.text}:{e.figure}" for e in DATA.period.examples])
def test_linking_period_examples(example):
    q = _figure(example.text, example.figure)
    period = (q.period.value, q.period.source.value) if q.period else (None, None)
    assert period == (example.period, example.source)
    assert q.rules["period"] == (
        example.rule if q.period is None else example.rule or f"period.{example.source}"
    )  # a null period names its rule when a rule decided it (period.cumulative_no_start)
    if example.basis_period is not None:
        assert q.change.basis_period == example.basis_period


@pytest.mark.parametrize(
    "example", DATA.area.examples, ids=[f"{e.figure}:{e.area}:{e.rule}" for e in DATA.area.examples]
)
def test_linking_area_examples(example):
    doc = extract(example.text, reference_date="2024-10-22")
    (q,) = [q for q in doc.quantities if q.text == example.figure]
    assert q.area is not None and q.area.name == example.area, q.area
    if example.rule is not None:
        assert q.rules["area"] == example.rule
    if example.jurisdiction is not None:
        assert doc.reference.area.rule == example.jurisdiction


def test_linking_every_area_rule_has_an_example():
    import re
    from pathlib import Path

    import extractor.where

    source = Path(extractor.where.__file__).read_text(encoding="utf-8")
    named = set(re.findall(r'"(area\.[a-z_]+)"', source)) - {"area.given"}  # (the caller's: tests/test_cli.py)
    shown = {e.rule for e in DATA.area.examples} | {e.jurisdiction for e in DATA.area.examples}
    assert named <= shown, named - shown


def test_linking_a_table_row_written_on_one_line_is_read_as_its_cells():
    """A table whose rows are written one to a line, fields parted by wide spaces: the headers
    give each column's measure and unit, a growth column is the change of the row's level
    (indicator.table_row_level); rows of one cell under a caption ending in its unit take the
    caption's measure and unit, the row's day its period, and a spaced-out 合　计 is the total."""
    text = (
        "常德市2025年一季度经济运行情况\n附表\n区县（市）　　地区生产总值（亿元）　　同比增长（%）\n"
        "武陵区　　163.82　　5.7\n鼎城区　　118.46　　6.4\n\n"
        "附：2025年国庆中秋假期全省高速公路每日出入口车流量（单位：万辆）\n"
        "10月1日（星期三）　298.5\n10月2日（星期四）　276.4\n合　计　　　574.9\n"
    )
    got = {q.text: q for q in extract(text, reference_date="2025-10-09").quantities}
    level, growth = got["118.46"], got["6.4"]
    assert (level.value, level.unit, level.indicator, level.area.name) == (11846000000, "元", "地区生产总值", "鼎城区")
    assert (growth.unit, growth.indicator, growth.change.basis, growth.rules["indicator"]) == (
        "%",
        "地区生产总值",
        "同比",
        "indicator.table_row_level",
    )
    day, total = got["276.4"], got["574.9"]
    assert (day.value, day.unit, day.indicator, day.period.value) == (
        2764000,
        "辆",
        "高速公路每日出入口车流量",
        "2025-10-02",
    )
    assert (total.value, total.indicator) == (5749000, "高速公路每日出入口车流量")
    assert "unit_from_header" in day.flags


def test_linking_one_line_table_rows_a_reviewer_tried():
    """A growth column is of the nearest level column before it; a label holding a full-width
    space (其中：　武陵区) is one label; a measure row's own phrase leaves it to the table; 市本级
    in prose is no table total; a table on the first lines takes no caption from below it."""

    def got(text):
        return {q.text: q for q in extract(text).quantities}

    two = got(
        "区县（市）　　地区生产总值（亿元）　　固定资产投资（亿元）　　同比增长（%）\n武陵区　　163.82　　76.4　　7.3\n"
    )
    assert (two["7.3"].indicator, two["7.3"].change.basis) == ("固定资产投资", "同比")
    lead = got("附表\n区县（市）　　地区生产总值（亿元）　　同比增长（%）\n其中：　武陵区　　163.82　　5.7\n")
    assert (lead["163.82"].value, lead["5.7"].indicator, lead["5.7"].area.name) == (
        16382000000,
        "地区生产总值",
        "武陵区",
    )
    row = got("指标　　绝对值（亿元）　　同比增长（%）\n地区生产总值　　1234.5　　5.3\n")
    assert (row["1234.5"].unit, row["5.3"].unit, row["5.3"].change.basis) == ("元", "%", "同比")
    prose = got("全市一般公共预算支出350亿元，县区支出230亿元，市本级120亿元。")
    assert prose["120亿元"].indicator == "市本级"
    below = got("10月1日（星期三）　298.5\n10月2日（星期四）　276.4\n全市公路客运量（单位：万人次）\n")
    assert below["276.4"].unit is None and below["276.4"].indicator is None


def test_linking_late_rules_a_second_reviewer_tried():
    """A scope word opening a service's name only after a word that introduces one (通过全国12315
    平台: no scope; 全省建成省级创新平台120个: 全省); named places listed with mixed separators
    and a long phrase before 分别 each take their figure; a doing after 其中 is no part of a
    level reached; the words read inside a phrase are a closed list (中学 is no 普通高中学校)."""

    def got(text):
        return {q.text: q for q in extract(text).quantities}

    service = got("郯城县市场监督管理局2024年工作总结\n全年通过全国12315平台受理投诉举报咨询6483件。")
    assert service["6483件"].scope is None and service["6483件"].area.name == "郯城县"
    built = got("黄山市科学技术局2024年工作总结\n全省建成省级创新平台120个，全省12345热线受理群众诉求860万件。")
    assert [(built[k].scope, built[k].area.name) for k in ("120个", "860万件")] == [("全省", "安徽省")] * 2
    courts = got(
        "无锡市中级人民法院2025年上半年工作情况\n"
        "梁溪区人民法院、锡山区人民法院和惠山区人民法院一审服判息诉率分别为93.4%、92.1%、90.8%。"
    )
    assert [courts[k].area.name for k in ("93.4%", "92.1%", "90.8%")] == ["梁溪区", "锡山区", "惠山区"]
    new = got("发布日期：2024-10-20\n2024年1-9月，全市高新技术企业达到320家，其中新认定150家。")
    assert (new["320家"].period.value, new["150家"].period.value) == ("2024-09-30", "2024-01/2024-09")
    assert got("某市教育局\n共有普通高校5所，中学120所。")["120所"].indicator_id is None


def test_linking_a_table_column_header_gives_its_cells_their_unit():
    """附表 written one cell per line: 绝对值（亿元） gives 8532.4 its unit (the cell writes
    none; flagged, since the words are the header's), a dash is an empty cell, and each row's
    label is its cells' measure."""
    from extractor import extract

    text = (
        "某省1—10月经济运行情况\n附表\n指标\n绝对值（亿元）\n比上年同期增长（%）\n"
        "规模以上工业增加值\n—\n7.4\n社会消费品零售总额\n8532.4\n-4.6\n"
    )
    got = {q.text: q for q in extract(text).quantities}
    retail = got["8532.4"]
    assert (retail.value, retail.unit, retail.unit_text, retail.indicator) == (
        853240000000,
        "元",
        "亿元",
        "社会消费品零售总额",
    )
    assert "unit_from_header" in retail.flags and retail.span == (text.index("8532.4"), text.index("8532.4") + 6)
    growth = got["-4.6"]
    assert (growth.unit, growth.indicator, growth.change.basis, growth.change.direction) == (
        "%",
        "社会消费品零售总额",
        "比上年同期",
        "down",
    )
    assert got["7.4"].indicator == "规模以上工业增加值"


def test_linking_a_list_item_takes_the_last_items_words_once():
    """A list item goes on with the words after the last item once: 经关闸口岸 + 口岸入境 is
    经关闸口岸入境, not 经关闸口岸口岸入境 (the tail is cut by tokens, which can overlap)."""
    from extractor.link import _joined

    assert _joined("经甲口岸", "口岸入境") == "经甲口岸入境"
    assert _joined("出口", "额") == "出口额"
    assert _joined("出口额", "额") == "出口额"


def test_table_unit_column_gives_its_row_cells_their_unit():
    """A table with a unit column (产品名称 / 单位 / 产量 / 比上年增长（%）): the row's unit
    cell is the unit of its value cells, not of its change cells, and the columns stay aligned;
    the change is the change of the row's output."""
    from extractor import extract

    text = (
        "某省统计公报\n表2　主要农产品产量\n产品名称\n单位\n产量\n比上年增长（%）\n"
        "油料\n万吨\n36.8\n-1.2\n蔬菜\n亿斤\n12.5\n3.3\n"
    )
    got = {q.text: q for q in extract(text).quantities}
    oil = got["36.8"]
    assert (oil.value, oil.unit, oil.unit_text, oil.change) == (368000, "吨", "万吨", None)
    assert "unit_from_header" in oil.flags and oil.span == (text.index("36.8"), text.index("36.8") + 4)
    assert (got["12.5"].unit, got["12.5"].unit_text) == ("斤", "亿斤")
    fall = got["-1.2"]
    assert (fall.unit, fall.indicator, fall.change.basis, fall.change.direction) == ("%", "产量", "比上年", "down")
    assert fall.indicator_id == oil.indicator_id == "agri.oil_crops_output"  # (the output of the row's product)


def test_respectively_places_end_between_words():
    """兴宁区、江南区、邕宁区地区生产总值分别增长…: the last place ends where a word ends
    (邕宁区|地区生产总值), so the indicator keeps its 地区."""
    from extractor import extract

    doc = extract("南宁市统计局发布\n\n兴宁区、江南区、邕宁区地区生产总值分别增长5.1%、4.8%和4.6%。")
    assert [(q.indicator, q.area.name) for q in doc.quantities] == [
        ("地区生产总值", "兴宁区"),
        ("地区生产总值", "江南区"),
        ("地区生产总值", "邕宁区"),
    ]


def test_a_notes_figure_has_no_area_nor_period():
    """注释： and its numbered lines define terms: a threshold there (年主营业务收入500万元及以上)
    measures no place in no period; the body's figures keep the jurisdiction."""
    from extractor import extract

    doc = extract(
        "2024年某县国民经济和社会发展统计公报\n歙县统计局\n\n全县规模以上工业增加值增长6.4%。\n\n"
        "注释：\n1.本公报数据为初步统计数。\n2.限额以上零售业指年主营业务收入500万元及以上的零售业法人单位。\n"
    )
    got = {q.text: q for q in doc.quantities}
    assert got["6.4%"].area.name == "歙县"
    note = got["500万元"]
    assert (note.area, note.period, note.rules["period"]) == (None, None, "period.note")


def test_a_second_respectively_with_a_measure_of_its_own():
    """甲、乙面积分别为…，单产分别达到…: the second 分别 names a measure of its own (单产), so
    its figures do not take the indicators of the figures before (面积)."""
    from extractor.pipeline import trace

    text = "某县2024年工作总结\n油菜、花生种植面积分别为21.3万亩、8.6万亩，单产分别达到185.2公斤、302.4公斤。"
    got = {text[q.start : q.end]: q for q in trace(text).linked}
    assert got["8.6万亩"].indicator == "花生种植面积"
    assert [got[f].indicator for f in ("185.2公斤", "302.4公斤")] == ["单产", "单产"]


def test_a_sentence_that_opens_with_its_topic_does_not_inherit_the_figure_before():
    """…居全市第1位；…分列第2位、第3位。小学学龄儿童净入学率方面，宜城市、南漳县分别为…: the
    percentages measure the topic their sentence opens with, not the students of the sentence
    before."""
    from extractor import extract

    text = (
        "某市2025年教育事业发展统计公报\n\n从在校生规模看，宜城市在校生8.21万人，居全市第1位；南漳县7.02万人，"
        "列第2位。小学学龄儿童净入学率方面，宜城市、南漳县分别为99.2%、98.7%。"
    )
    got = {q.text: q for q in extract(text).quantities}
    assert got["99.2%"].indicator == got["98.7%"].indicator == "小学学龄儿童净入学率"
    # (an aspect of the figure before is no measure of its own, and a rank keeps what it ranks)
    text = "某市统计局发布\n全市地区生产总值843.7亿元，增长6.1%。总量方面，居全省第3位；增速方面，居全省第5位。"
    assert {q.text: q.indicator for q in extract(text).quantities}["第5位"] == "地区生产总值"


@pytest.mark.parametrize(
    "sentence,first",
    [
        ("纺织业、通用设备制造业价格分别上涨1.2%和0.8%。", "纺织业价格"),
        ("纺织业、通用设备制造业ＰＰＩ分别上涨1.2%和0.8%。", "纺织业ＰＰＩ"),  # (as written)
        ("采矿业、电气机械和器材制造业增加值分别增长3.1%和9.6%。", "采矿业增加值"),
        # (a word that only ends in the character is no kind: 专业, 营业, 就业, 从业, 产业)
        ("全区新登记企业、农民专业合作社分别为1286户、12户。", "新登记企业"),
        ("批发业、零售业营业利润分别增长3.2%、5.1%。", "批发业营业利润"),
        ("第二产业、第三产业就业人数分别为38.6万人、57.2万人。", "第二产业就业人数"),
        ("工业、建筑业从业人员分别为12.6万人、8.3万人。", "工业从业人员"),
        ("工业、农业产业化龙头企业分别为126家、58家。", "工业产业化龙头企业"),
    ],
)
def test_a_list_of_kinds_shares_the_words_after_the_last_ones_kind_word(sentence, first):
    """纺织业、通用设备制造业价格分别上涨…: both kinds' prices (the words after the last item's
    word of the first item's kind, …业), though 制造业 and 纺织业 are words of their own; not
    after a two-character word that only ends so."""
    from extractor import extract

    assert extract("某市统计公报\n" + sentence).quantities[0].indicator == first


def test_changes_listed_after_a_respectively_list_go_one_to_each_figure():
    """城镇、农村居民人均可支配收入分别达到…元、…元，增长a、b: a is the urban income's growth and b
    the rural one's (change.respectively), not both the last figure's; the first item's
    measure is the one the vocabulary names with the last item's tail (农村居民 is one word)."""
    from extractor import extract

    text = "某县2026年政府工作报告\n城镇、农村居民人均可支配收入分别达到41230元、21860元，增长4.8%、7.1%。"
    got = {q.text: q for q in extract(text).quantities}
    assert got["41230元"].indicator == "城镇居民人均可支配收入"
    assert (got["4.8%"].change.of, got["4.8%"].indicator_id) == (got["41230元"].id, "hh.urban_disposable_income")
    assert (got["7.1%"].change.of, got["7.1%"].change.direction) == (got["21860元"].id, "up")
    assert got["7.1%"].indicator_id == "hh.rural_disposable_income"
    # (more changes than the list's figures: none is one of each)
    more = extract("某县工作报告\n甲镇、乙镇税收分别为3.1亿元、2.4亿元，增长4.8%、7.1%、2.2%。").quantities
    assert next(q for q in more if q.text == "7.1%").change is None


def test_a_rank_of_the_sentence_before_is_not_what_grows():
    """甲区…增长11.4%，增速居全市第1位。乙区、丙区分别增长9.6%、8.9%: the growth rates after
    the rank grow the measure, not the rank (its phrase, 增速, is not theirs)."""
    from extractor.pipeline import trace

    text = "某市1-11月经济运行\n全市规模以上工业增加值增长8.2%，增速居全省第2位。江阴市、宜兴市分别增长9.1%、7.7%。"
    got = {text[q.start : q.end]: q.indicator for q in trace(text).linked}
    assert got["9.1%"] == got["7.7%"] == "规模以上工业增加值"


@pytest.mark.parametrize("before", [0, 14])  # (a few figures back are walked; past that, indexed)
def test_a_change_after_a_parallel_change_is_of_the_same_measure(before):
    """据…发布的70个大中城市…，9月份，我市新建商品住宅销售价格环比下降0.3%，同比下降3.9%: the
    second change is of what the first is (its indicator, its period), not of the count
    before both; the same past the figures a base walks back over."""
    from extractor import extract

    lead = "，".join(f"指标{k}达到{k + 1}个" for k in range(before)) + "；" if before else ""
    text = (
        "2024年前三季度全市房地产市场运行情况\n" + lead + "据国家统计局发布的70个大中城市商品住宅销售价格变动情况，"
        "9月份，全市新建商品住宅销售价格环比下降0.3%，同比下降3.9%。"
    )
    got = {q.text: q for q in extract(text, reference_date="2024-10-21").quantities}
    assert got["3.9%"].indicator == got["0.3%"].indicator == "商品住宅销售价格"
    assert got["3.9%"].period.value == "2024-09"


def test_a_streak_is_of_its_measure_but_not_its_id():
    """粮食总产量…，连续6年稳定在…以上: the streak and the level it held are of 粮食总产量 (连续
    is no indicator); the streak's length is how long, not the output, so it has no id."""
    from extractor import extract

    text = "某县2024年统计公报\n全年全县粮食总产量31.5亿斤，比上年增加0.6亿斤，连续6年稳定在30亿斤以上。"
    got = {q.text: q for q in extract(text).quantities}
    assert got["6年"].indicator == got["30亿斤"].indicator == "粮食总产量"
    assert (got["30亿斤"].indicator_id, got["6年"].indicator_id) == ("agri.grain_output", None)


def test_a_product_tables_cells_are_of_their_row():
    """产品名称 / 单位 / 产量 / 比上年增长（%） with rows 水泥 / 万吨 / 2210.4 / -3.1: the output
    cell is 水泥产量 (its id read with the row's label), the growth cell is the growth of it."""
    from extractor import extract

    text = "某省统计公报\n表3　主要工业产品产量\n产品名称\n单位\n产量\n比上年增长（%）\n水泥\n万吨\n2210.4\n-3.1\n"
    got = {q.text: q for q in extract(text).quantities}
    level, growth = got["2210.4"], got["-3.1"]
    assert (level.indicator_id, level.rules["indicator_id"]) == ("ind.cement_output", "indicator_id.subject")
    assert growth.change.of == level.id and growth.indicator_id == "ind.cement_output"


def test_the_fifth_sessions_rules_leave_ordinary_sentences_alone():
    """What a reviewer found the fifth session's rules did to ordinary sentences, kept right:
    a word about the figures before 分别 (增速) still gives them the figures' measures; a word
    ending in 乡/镇 is no place; 红旗 (of 红旗区) opens no name; a growth after a streak keeps
    its id; a period before a table's change header is no measure; a named title with
    full-width brackets is found."""
    from extractor import extract

    def got(text, **kw):
        return {q.text: q for q in extract(text, **kw).quantities}

    g = got("2024年，全市城镇居民人均可支配收入4.5万元、农村居民人均可支配收入2.1万元，增速分别为4.2%和6.3%。")
    assert (g["4.2%"].indicator_id, g["6.3%"].indicator_id) == (
        "hh.urban_disposable_income",
        "hh.rural_disposable_income",
    )
    assert got("2024年，全县开展送戏下乡120场。")["120场"].indicator == "送戏下乡"
    assert got("日照市应急管理局发布\n\n红旗街道办事处开展应急演练3次。")["3次"].area.name == "日照市"
    assert (
        got("2024年，全市社会消费品零售总额连续3年保持增长，全年增长5.6%。")["5.6%"].indicator_id == "cons.retail_sales"
    )
    lists = got("全市住宅投资、办公楼投资和商业营业用房投资分别增长3.1%、2.4%和1.9%。")
    assert [lists[f].indicator for f in ("3.1%", "2.4%")] == ["住宅投资", "办公楼投资"]
    table = got("某市1-11月经济运行\n县区\n1-11月比上年同期增长（%）\n东港区\n7.4\n岚山区\n6.9\n")
    assert table["7.4"].indicator != "1-11月"
    doc = extract(
        "某市统计局\n索 引 号：123/2024-001\n标　　题：某市2024年1—6月经济运行情况（简况）\n\n"
        "某市2024年1—6月经济运行情况（简况）\n\n全市地区生产总值1200亿元。\n"
    )
    assert doc.title.text == "某市2024年1—6月经济运行情况（简况）"


def test_places_picked_out_of_a_measure_are_where_its_figures_are():
    """增速较快的是A、B和C，分别增长…；D增长…: the measure before the picking words, each
    figure for its place, and the places' clauses after go on with it."""
    text = (
        "从设区市看，规模以上工业增加值增速较快的是抚州市、萍乡市和新余市，分别增长9.7%、8.9%和8.4%；南昌市增长6.2%。"
    )
    got = {q.text: (q.indicator, q.area.name if q.area else None) for q in extract(text).quantities}
    assert got == {
        "9.7%": ("规模以上工业增加值", "抚州市"),
        "8.9%": ("规模以上工业增加值", "萍乡市"),
        "8.4%": ("规模以上工业增加值", "新余市"),
        "6.2%": ("规模以上工业增加值", "南昌市"),
    }


def test_a_bare_new_counts_the_paragraphs_level_not_its_rank():
    """城镇新增就业…，总量居全省第3位。…分别新增…: the rank's phrase holds 新增 too, but what a
    bare 新增 counts is the level's."""
    text = "1-9月，全市城镇新增就业3.92万人，总量居全省第4位；失业人员再就业0.87万人。分县市区看，当阳市、枝江市分别新增4610人、3950人。"
    got = {q.text: q.indicator for q in extract(text).quantities}
    assert got["4610人"] == got["3950人"] == "城镇新增就业"


def test_numbers_listed_before_a_unit_are_in_it():
    """138、135、131微克/立方米; 243.6万、178.2万、97.5万人次; 0.5个和0.8个百分点: the list's
    last unit is each number's (flagged), not a list of numbers with no unit."""
    text = "休宁县、祁门县分别为138、131微克/立方米，分别为243.6万、97.5万人次，分别提高0.5个和0.8个百分点。全市有1、2号线。"
    got = {q.text: (q.value, q.unit, q.kind.value, "unit_from_list" in q.flags) for q in extract(text).quantities}
    assert got["138"] == (138, "微克/立方米", "measure", True)
    assert got["243.6万"] == (2436000, "人次", "count", True)
    assert got["0.5个"] == (0.5, "百分点", "percentage_point", True)
    assert got["131微克/立方米"][3] is False and got["1"][1] is None  # (numbers before no unit keep none)


def test_a_unit_line_over_a_table_is_its_cells_unit():
    """附表 / …同比增速 / 单位：% / 县区 / 规上工业增加值 / 固定资产投资 / 甲区 / 8.6 / 6.8: the
    cells write no unit; the line over the headers gives it."""
    text = "附表\n2025年1-8月各县区主要指标同比增速\n单位：%\n县区\n规上工业增加值\n固定资产投资\n埇桥区\n9.1\n7.4\n砀山县\n8.2\n5.6"
    got = {(q.text, q.indicator): (q.unit, "unit_from_header" in q.flags) for q in extract(text).quantities}
    assert got[("7.4", "固定资产投资")] == ("%", True)
    assert got[("8.2", "规上工业增加值")] == ("%", True)


def test_several_units_over_a_table_are_its_columns_in_order():
    """单位：万件，万元，% over 快递业务量 / 同比增长 / 快递业务收入 / 同比增长: the percentage is
    the growth columns', the others the other columns' in their order; a rate column (整改率)
    takes the percentage too; a caption can say them in brackets (…（单位：亿元，%）)."""
    listed = "附表\n单位：万件，万元，%\n市别\t快递业务量\t同比增长\t快递业务收入\t同比增长\n甲市\t8231.4\t12.6\t71284.6\t8.5"
    rates = "表1　问题整改情况\n单位：万元、%\n县区　问题金额　已整改金额　整改率\n甲县　842.6　810.5　96.2"
    caption = "各县区社会消费品零售总额（单位：亿元，%）\n县区\t社会消费品零售总额\t同比增长\n甲县\t130.6\t5.8"
    got = {q.text: (q.value, q.unit) for t in (listed, rates, caption) for q in extract(t).quantities}
    assert got["8231.4"] == (82314000, "件") and got["71284.6"] == (712846000, "元")
    assert got["12.6"] == (Decimal("12.6"), "%") and got["8.5"] == (Decimal("8.5"), "%")
    assert got["842.6"] == (8426000, "元") and got["96.2"] == (Decimal("96.2"), "%")
    assert got["130.6"] == (13060000000, "元") and got["5.8"] == (Decimal("5.8"), "%")


def test_units_listed_over_a_table_go_to_the_columns_that_count_what_they_count():
    """单位：所、人 over 学校数 / 招生数 / 在校生数 / 专任教师数: 所 counts schools and 人 people
    (``table_unit_counts``), so each column gets its own, not none for want of an order."""
    text = "表1　2025年各级各类学校情况\n单位：所、人\n学段\t学校数\t招生数\t在校生数\t专任教师数\n小学\t46\t13870\t84260\t4720"
    got = {q.text: (q.value, q.unit) for q in extract(text).quantities}
    assert got["46"] == (46, "所") and got["13870"] == (13870, "人") and got["4720"] == (4720, "人")


def test_a_column_of_how_much_of_the_years_budget_is_done_is_in_percent():
    """单位：亿元、% over 完成数 / 同比增长 / 完成年度预算: the last is the share of the budget done
    (``table_percent_starts``), a percentage like the growth, not an amount in 亿元."""
    text = "表2　各区税收收入完成情况\n单位：亿元、%\n地区\t完成数\t同比增长\t完成年度预算\n蒙城县\t27.45\t3.6\t86.9"
    got = {q.text: (q.value, q.unit) for q in extract(text).quantities}
    assert got["27.45"] == (2745000000, "元") and got["86.9"] == (Decimal("86.9"), "%")
    # (完成年度投资 is an amount; 占年初预算, 完成全年计划 are shares too)
    text = "表3　重点项目\n单位：亿元、%\n类别\t年度计划投资\t完成年度投资\t完成率\n产业项目\t126.4\t98.7\t78.1"
    got = {q.text: (q.value, q.unit) for q in extract(text).quantities}
    assert got["98.7"] == (9870000000, "元") and got["78.1"] == (Decimal("78.1"), "%")
    for header in ("占年初预算", "完成全年计划"):
        text = f"表2　各区税收\n单位：亿元、%\n地区\t完成数\t同比增长\t{header}\n蒙城县\t27.45\t3.6\t86.9"
        assert {q.text: q.unit for q in extract(text).quantities}["86.9"] == "%"


def test_a_rank_column_holds_ranks_in_no_unit():
    """指标 / 单位 / 绝对值 / 增速（%） / 全市位次: the unit column is the level's, and a header
    ending in a rank word (位次, 排名) holds ranks, in no unit; the place a row names is the
    rank's, though the header over its row says 排名."""
    text = (
        "华容县2026年前三季度主要经济指标及在全市位次\n指标\t单位\t绝对值\t增速（%）\t全市位次\n"
        "地区生产总值\t亿元\t318.62\t5.9\t3"
    )
    got = {q.text: q for q in extract(text).quantities}
    assert (got["318.62"].value, got["318.62"].unit) == (31862000000, "元")
    assert (got["3"].kind, got["3"].unit, got["3"].rank.position) == ("rank", None, 3)
    places = "岳阳市发展和改革委员会\n\n附表\n单位：个、亿元、%\n地区\t项目个数\t完成投资\t完成率\t排名\n华容县\t38\t35.6\t56.7\t4"
    four = next(q for q in extract(places).quantities if q.text == "4")
    assert (four.kind, four.area.name) == ("rank", "华容县")


def test_a_change_of_an_amount_column_is_the_level_before_it_in_its_unit():
    """单位：亿元 over 机构类型 / 各项存款余额 / 比年初增减: the change column counts amounts in the
    table's unit, each the change of the row's balance (a row that names an institution, not a
    measure); a signed cell is a fall."""
    text = "表1　2025年10月末分机构存贷款情况\n单位：亿元\n机构类型\t各项存款余额\t比年初增减\n政策性银行\t418.7\t-21.4\n城市商业银行\t2541.6\t141.2"
    got = {q.text: q for q in extract(text).quantities}
    assert (got["-21.4"].value, got["-21.4"].unit, got["-21.4"].indicator) == (-2140000000, "元", "各项存款余额")
    assert got["-21.4"].change.direction.value == "down" and got["141.2"].change.direction.value == "up"
    assert got["141.2"].rules["indicator"] == "indicator.table_row_level"


def test_a_measure_before_respectively_is_each_figure_that_names_none():
    """PM2.5平均浓度分别为：绩溪县28微克/立方米、旌德县30微克/立方米: each place's figure measures it."""
    text = "宣城市生态环境局发布\n\n各县市区PM2.5平均浓度分别为：绩溪县28微克/立方米、旌德县30微克/立方米。"
    got = {q.text: (q.indicator, q.area.name if q.area else None) for q in extract(text).quantities}
    assert got == {"28微克/立方米": ("PM2.5平均浓度", "绩溪县"), "30微克/立方米": ("PM2.5平均浓度", "旌德县")}


def test_turns_only_in_a_press_conferences_answers():
    """Headings or page furniture in brackets (【工业】) are no speakers' labels, and a statement
    that answers no question does not carry its place over its paragraphs."""
    bulletin = "湘潭市统计局发布\n\n【工业】\n\n1-9月，雨湖区规模以上工业增加值增长6.5%。\n\n规模以上工业企业实现利润总额120亿元。\n\n【投资】\n\n投资增长3%。"
    statement = "湖南省人民政府新闻办公室新闻发布会\n\n【主持人 唐卫东】\n\n下面请发布人介绍。\n\n【发布人 覃立新】\n\n长沙市橘子洲景区接待游客38.6万人次。\n\n旅游收入达到120亿元。"
    assert {q.text: q.area.name for q in extract(bulletin).quantities}["120亿元"] == "湘潭市"
    assert {q.text: q.area.name for q in extract(statement).quantities}["120亿元"] == "湖南省"


def test_a_measure_before_respectively_only_when_it_names_one():
    text = (
        "今年新开工的两个项目分别为：绩溪县1.2亿元、旌德县3亿元。各县市区优良天数比例分别为：绩溪县92.7%、旌德县91.4%。"
    )
    got = {q.text: q.indicator for q in extract(text).quantities}
    assert got["1.2亿元"] is None and got["92.7%"] == "优良天数比例"


def test_a_topic_opens_any_sentence_not_only_the_first():
    """…方面，A、B分别为138、131微克/立方米: the topic names what the figures measure in a later
    sentence of a paragraph as in its first (a start-of-text anchor once kept it to the first)."""
    text = "全市空气质量总体稳定。臭氧浓度方面，休宁县、屯溪区分别为138、131微克/立方米。"
    got = {q.text: q.indicator for q in extract(text).quantities}
    assert got["138"] == got["131微克/立方米"] == "臭氧浓度"


def test_review_a_caption_gives_its_first_date_outside_brackets_not_over_dated_columns():
    """A reviewer's inputs: the caption's first date (not 2024 of 2025年与2024年), not one in
    brackets (…（2024年同期为基数）), and none over columns that are each a year."""
    both = "某市2025年经济\n\n表1　2025年与2024年各县地区生产总值对比\n县别\t地区生产总值（亿元）\n甲县\t120.5"
    bracket = "某市2025年经济\n\n2025年1-10月各县主要指标（2024年同期为基数）\n县别\t地区生产总值（亿元）\n甲县\t120.5"
    years = (
        "某市2025年经济\n\n表1　2023—2025年各县地区生产总值\n县别\t2023年\t2024年\t2025年\n甲县\t100.1\t110.2\t120.3"
    )
    assert extract(both, reference_date="2025-12-01").quantities[0].period.value == "2025"
    assert extract(bracket, reference_date="2025-12-01").quantities[0].period.value == "2025-01/2025-10"
    got = {q.text: q.period.value for q in extract(years, reference_date="2025-12-01").quantities}
    assert got == {"100.1": "2023", "110.2": "2024", "120.3": "2025"}  # (each its column's)


def test_review_rules_that_reached_too_far():
    """A reviewer's inputs for the session's rules: a rank with a measure of its own keeps it
    (not 按照…排名's words); a phrase with a share of its own is no comparison; a growth picked
    out is a growth; where_only skips a part 其中 opens; a short word only takes the 从…看
    measure; a breadcrumb from a site is not prose with ＞; the footer is not body text."""
    got = {q.text: q for q in extract("按照省考核办法排名，我市营商环境居全省第3位。").quantities}
    assert got["第3位"].indicator == "营商环境"
    got = {q.text: q for q in extract("全市规上工业增加值增长6.1%，增速高于全市平均水平的县区占比为60%。").quantities}
    assert got["60%"].indicator == "增速高于全市平均水平的县区占比"
    got = {q.text: q for q in extract("全市规上工业增加值增长6.1%，增速最快的是江北区（12.5%）。").quantities}
    assert got["12.5%"].change is not None and got["12.5%"].rules["change"] == "change.picked_growth"
    got = {q.text: q for q in extract("全市城镇新增就业5.2万人，其中高校毕业生2.1万人。南昌市为1.8万人。").quantities}
    assert got["1.8万人"].indicator == "城镇新增就业"
    got = {q.text: q for q in extract("从规上工业增加值看，全市工业增加值增长5%，规上工业增加值增长6%。").quantities}
    assert got["5%"].indicator == "工业增加值"
    assert extract("办理流程：申请＞受理＞审查＞决定，全年办理1200件。").quantities
    got = {q.text for q in extract("服务热线电话：12345，全年接听群众来电120万件，办结率98.5%。").quantities}
    assert {"120万件", "98.5%"} <= got


def test_a_table_of_main_indicators_reads_each_row_as_a_measure_in_its_unit():
    """指标 / 1—11月 / 同比增长（%） over rows that name a measure and its unit (规模以上工业
    总产值（亿元）, 各项存款余额（11月末，亿元）), with parts marked # (#限额以上单位消费品零售额, in
    the unit of the row above): each row its measure, its value in its unit, the date column's
    period, and its span the name as written; 单位：所、人 over more columns gives each the unit
    that counts what its header names (学校数: 所; 招生数, 在校生数: 人)."""
    text = (
        "2025年1—11月某区经济运行情况\n\n2025年1—11月某区主要经济指标\n指标\t1—11月\t同比增长（%）\n"
        "规模以上工业总产值（亿元）\t1862.47\t6.3\n社会消费品零售总额（亿元）\t398.65\t5.2\n"
        "　#限额以上单位消费品零售额\t163.28\t4.1\n金融机构本外币各项存款余额（11月末，亿元）\t2186.42\t8.4"
    )
    got = {q.text: q for q in extract(text, reference_date="2025-12-19").quantities}
    output = got["1862.47"]
    assert (output.indicator, output.value, output.unit) == ("规模以上工业总产值", 186247000000, "元")
    assert output.period.value == "2025-01/2025-11" and output.rules["period"] == "period.table_column"
    assert (got["163.28"].indicator, got["163.28"].unit) == ("限额以上单位消费品零售额", "元")
    assert (got["2186.42"].indicator, got["2186.42"].value) == ("金融机构本外币各项存款余额", 218642000000)
    assert got["6.3"].unit == "%" and got["6.3"].indicator == "规模以上工业总产值"
    from extractor.pipeline import trace

    kept = trace(text, reference_date="2025-12-19")  # (a reviewer found the spans off by the line's start)
    assert all(
        kept.text.source[a:b] == q.indicator for q in kept.linked if (span := q.indicator_span) for a, b in [span]
    )
    schools = (
        "附表1　2025年各级各类学校基本情况\n单位：所、人\n学校类别\t学校数\t招生数\t在校生数\n合计\t314\t18535\t75074"
    )
    got = {q.text: q.unit for q in extract(schools).quantities}
    assert got == {"314": "所", "18535": "人", "75074": "人"}


def test_a_change_column_is_not_of_the_column_it_compares_with():
    """汛期降雨量（毫米） / 常年同期（毫米） / 较常年同期增减（%）: the change is of the rainfall, against
    the normal in the column before it, not of the normal."""
    text = "表1　2025年汛期各市降雨量\n市\t汛期降雨量（毫米）\t常年同期（毫米）\t较常年同期增减（%）\n合肥市\t742\t650\t14.2"
    got = {q.text: q for q in extract(text, reference_date="2025-10-16").quantities}
    assert got["14.2"].indicator == "汛期降雨量" and got["14.2"].change.of == got["742"].id


def test_review_2_tables_holidays_and_flows():
    """A second reviewer's inputs: a growth column is of the nearest level (2025年, not 2024年);
    a change column excludes only the column it names whole (较常年降雨量增减 is of 降雨量); a
    header that only opens with a date keeps the caption's date; a holiday takes only its own
    definition's days (not 清明假期（4月4日至6日）'s); flows of people are no stocks (培训…人次,
    招聘…人); a rate over the year is no stock (床位使用率); a label's bracket that is no unit
    stays in its name, and # before a digit is no part mark."""
    growth = "某县2025年统计公报\n\n表1　主要经济指标\n指标\t2024年\t2025年\t比上年增长（%）\n地区生产总值（亿元）\t286.4\t301.2\t5.2"
    got = {q.text: q for q in extract(growth, reference_date="2026-03-19").quantities}
    assert got["5.2"].change.of == got["301.2"].id and got["286.4"].period.value == "2024"
    rain = "表1　2025年汛期各市降雨量\n市\t降雨量（毫米）\t较常年降雨量增减（%）\n合肥市\t742\t14.2"
    got = {q.text: q for q in extract(rain, reference_date="2025-10-16").quantities}
    assert got["14.2"].indicator == "降雨量" and got["14.2"].change.of == got["742"].id
    invest = "某市2025年经济运行情况\n\n表2　2025年1—10月各县固定资产投资\n县别\t1—10月投资额（亿元）\t比上年同期增长（%）\n肥西县\t312.5\t5.5"
    assert extract(invest, reference_date="2025-12-01").quantities[0].period.value == "2025-01/2025-10"
    qingming = "2026年“五一”假期开封文旅市场持续升温\n\n与清明假期（4月4日至6日）相比，全市接待游客增长9%。今年“五一”假期，全市共接待游客863.5万人次。"
    doc = extract(qingming, reference_date="2026-05-06")
    # (the holiday's days as dates.toml lists them for 2026, never 清明's 4月4日至6日)
    may_day = "2026-05-01/2026-05-05"
    assert doc.reference.period.value == may_day and doc.quantities[-1].period.value == may_day
    flows = "某市卫健委2025年前三季度工作情况\n\n1-9月，全市培训卫生技术人员3000人次，招聘注册护士420人。"
    assert {q.period.value for q in extract(flows, reference_date="2025-10-20").quantities} == {"2025-01/2025-09"}
    rate = "某县2025年卫生统计公报\n\n全年全县医疗卫生机构床位使用率78.5%。"
    assert extract(rate, reference_date="2026-03-01").quantities[0].period.value == "2025"
    labels = "某区2025年经济运行情况\n\n指标\t1—11月\t同比增长（%）\n工业投资（不含电力）\t12.3\t4.1\n#1机组利用小时\t4163\t2.1"
    got = {q.text: q.indicator for q in extract(labels, reference_date="2025-12-19").quantities}
    assert got["12.3"] == "工业投资（不含电力）" and got["4163"] == "#1机组利用小时"


def test_a_table_of_places_over_years_takes_the_captions_measure():
    """表1 各县（市、区）地区生产总值 / 单位：亿元 / 地区 / 2024年 / 2025年 / 增长（%）: a place's cells are
    the caption's measure in each column's year, the growth that of 2025's; a release that ends
    before a season it names (2025年汛期以来… of July) reports on no more than it."""
    text = "合肥市2025年经济运行情况\n\n表1 各县（市、区）地区生产总值\n单位：亿元\n地区\t2024年\t2025年\t增长（%）\n肥西县\t286.4\t301.2\t5.2"
    got = {q.text: q for q in extract(text, reference_date="2026-03-01").quantities}
    assert [(got[t].indicator, got[t].period.value) for t in ("286.4", "301.2")] == [
        ("地区生产总值", "2024"),
        ("地区生产总值", "2025"),
    ]
    assert got["5.2"].change.of == got["301.2"].id and got["301.2"].indicator_id == "econ.gdp"
    season = "2025年汛期以来全市雨情通报\n\n今年汛期（5月1日—9月30日）以来，全市平均降雨量412毫米。"
    assert extract(season, reference_date="2025-07-15").reference.period.value == "2025"


def test_a_ranking_table_whose_rows_open_with_their_place():
    """A ranking table's rows open with their place in it, before the label (1  平陆县  3.46 …
    under 排名  县（市、区）  综合指数 …): the cells after the label are read under their
    columns all the same."""
    table = (
        "表1　2026年11月各县（市、区）环境空气质量排名\n"
        "排名  县（市、区）  综合指数  PM2.5（微克/立方米）\n"
        "1  平陆县  3.46  29\n"
        "2  芮城县  3.58  34\n"
    )
    got = {q.text: q for q in extract(table, reference_date="2026-12-09").quantities}
    assert got["34"].indicator == "PM2.5" and got["34"].unit == "微克/立方米" and got["34"].area.name == "芮城县"
    assert got["3.46"].indicator == "综合指数" and got["3.46"].period.value == "2026-11"
    # … and the rank a row opens with is its place in the ranking, a rank of the row's place
    assert (got["2"].kind.value, got["2"].rank.position, got["2"].indicator) == ("rank", 2, "排名")
    assert got["2"].area.name == "芮城县" and got["2"].rules["area"] == "area.table_row"


def test_a_row_on_one_line_with_a_unit_column():
    """A table row written on one line with a unit column (原煤\t万吨\t7186.4 under 产品名称\t单位\t
    10月份): the unit is a cell of its column, the unit of the row's cells, not part of its label."""
    table = "表1　2026年10月份规模以上工业主要能源产品产量\n产品名称\t单位\t10月份\t同比增长（%）\n原煤\t万吨\t7186.4\t3.2\n"
    got = {q.text: q for q in extract(table, reference_date="2026-11-18").quantities}
    assert got["7186.4"].indicator == "原煤" and got["7186.4"].value == 71864000 and got["7186.4"].unit == "吨"
    assert got["3.2"].indicator == "原煤" and got["3.2"].change.of == got["7186.4"].id


def test_a_term_the_release_defines_with_为期_gives_the_title_and_figures_its_days():
    """2月2日至3月13日，为期40天的2026年春运: the title's 2026年春运 and each 春运期间 are those days."""
    text = (
        "遂宁市2026年春运工作新闻发布会实录\n\n发布时间：2026-03-18\n\n"
        "2月2日至3月13日，为期40天的2026年春运已经顺利结束。\n\n"
        "春运期间，全市道路水路累计发送旅客348.6万人次，同比增长4.9%。"
    )
    doc = extract(text)
    spring = "2026-02-02/2026-03-13"
    assert doc.reference.period.value == spring
    assert {q.period.value for q in doc.quantities} == {spring}


def test_as_many_units_as_columns_are_theirs_in_order():
    """单位：亿元，% over 1—9月累计 / 同比增减: the first column in 亿元, the second in % (同比增减 is
    no amount here, whatever 比年初增减 is elsewhere)."""
    table = "表1　2026年1—9月一般公共预算收入主要项目\n单位：亿元，%\n项目\t1—9月累计\t同比增减\n一般公共预算收入\t218.46\t3.2\n企业所得税\t34.58\t-0.6"
    got = {q.text: q for q in extract(table, reference_date="2026-10-21").quantities}
    assert (got["218.46"].value, got["218.46"].unit) == (21846000000, "元")
    assert (got["3.2"].unit, got["-0.6"].unit) == ("%", "%")


def test_a_heading_of_a_group_of_rows_inside_a_table():
    """全年粮食 / 528.36 …, then 一、分季节, then 1.夏粮 / 21.48 …: the rows after a heading of a
    group of rows are the table's as those before it."""
    table = (
        "表1　2025年衡阳市粮食生产情况\n指标\t播种面积（万亩）\t总产量（万吨）\n"
        "全年粮食\t528.36\t208.68\n一、分季节\n1.夏粮\t21.48\t4.13\n2.早稻\t186.30\t76.57\n"
    )
    got = {q.text: q for q in extract(table, reference_date="2025-12-23").quantities}
    assert (got["186.30"].indicator, got["186.30"].value, got["186.30"].unit) == ("播种面积", 1863000, "亩")
    assert (got["4.13"].value, got["4.13"].unit) == (41300, "吨")
    # … and a heading right under the headers, before the first row, is no column's header
    table = (
        "表1　三台县2026年1—10月主要经济指标\n指标名称\t单位\t1—10月\t同比增长（%）\n一、工业\t\t\t\n"
        "规模以上工业总产值\t亿元\t318.64\t9.1\n二、投资\n房地产开发投资\t亿元\t21.46\t-11.3\n"
    )
    got = {q.text: q for q in extract(table, reference_date="2026-11-20").quantities}
    assert (got["318.64"].indicator, got["318.64"].unit_text) == ("规模以上工业总产值", "亿元")
    assert (got["-11.3"].unit_text, got["-11.3"].change.direction) == ("%", "down")


def test_a_unit_written_in_a_header_is_that_columns_and_a_rank_column_has_none():
    """单位：个、亿元、% over 项目个数 / 年度计划投资 / 完成投资 / 完成率 / 排名: 个 is 项目个数's (its
    header writes it), 亿元 the other amounts', % the rate's, and the rank column takes none."""
    table = (
        "附表：2026年1—6月各区县（市）重点项目建设进度\n单位：个、亿元、%\n"
        "地区\t项目个数\t年度计划投资\t完成投资\t完成率\t排名\n武陵区\t38\t62.8\t35.6\t56.7\t4\n"
    )
    got = {q.text: q.unit for q in extract(table, reference_date="2026-07-16").quantities}
    assert got == {"38": "个", "62.8": "元", "35.6": "元", "56.7": "%", "4": None}


def test_the_sites_masthead_above_its_navigation_is_no_title():
    """运城市生态环境局 / 当前位置：首页 > … / the release's title: the line above a page's
    navigation is the site's name; the title is the line after, and its field (空气质量) reads
    the release's 综合指数 as the air quality index."""
    text = (
        "运城市生态环境局\n当前位置：首页 > 信息公开 > 环境质量 > 空气质量\n"
        "运城市生态环境局关于2026年10月各县（市、区）环境空气质量排名情况的通报\n发布时间：2026-11-10\n\n"
        "10月，全市环境空气质量综合指数为4.87。1—10月，综合指数为4.23，在全省排第7位。"
    )
    doc = extract(text)
    assert doc.title.text.startswith("运城市生态环境局关于") and doc.reference.period.value == "2026-10"
    assert {q.text: q.indicator_id for q in doc.quantities}["4.23"] == "env.air_quality_index"
    # … but a title above the navigation (a page's own title, copied first) stays the title
    titled = "关于2026年11月全市空气质量状况的通报\n当前位置：首页 > 信息公开 > 通知公告\n发布时间：2026-12-05\n\n综合指数为4.12。"
    assert extract(titled).title.text == "关于2026年11月全市空气质量状况的通报"


def test_a_rows_label_is_the_area_of_its_own_row_only():
    """中江县  17  13.3  41 then 高新区  188  12.9  264 (a zone no division names) in a speaker's
    answer: the second row's cells are not 中江县's (a row's label is no place for the lines after
    it); they fall back to the release's area."""
    text = (
        "德阳市科学技术局2026年第四季度新闻发布会实录\n发布时间：2026-12-10\n\n【记者】\n"
        "请问我市高新技术企业在各县（市、区）的分布情况如何？\n\n【张明】\n"
        "谢谢您的提问。从区域分布看，高新技术企业主要集中在旌阳区和高新区。\n"
        "2026年11月底各县（市、区）高新技术企业情况\n单位：家，%\n"
        "地区  高新技术企业  比上年末增长  科技型中小企业入库数\n"
        "旌阳区  236  13.2  305\n绵竹市  48  10.6  97\n中江县  17  13.3  41\n高新区  188  12.9  264\n"
    )
    got = {q.text: q for q in extract(text).quantities}
    assert got["41"].area.name == "中江县" and got["264"].area.name == "德阳市"
    # … while a paragraph of prose that opens with its place and a wide space is that place's
    prose = (
        "绵阳市2026年1—9月经济运行情况\n\n二、分区县情况\n"
        "涪城区　1—9月，实现地区生产总值512.3亿元，增长6.1%。\n游仙区　1—9月，实现地区生产总值301.2亿元，增长5.8%。"
    )
    got = {q.text: q.area.name for q in extract(prose, reference_date="2026-10-20").quantities}
    assert got == {"512.3亿元": "涪城区", "6.1%": "涪城区", "301.2亿元": "游仙区", "5.8%": "游仙区"}


def test_a_column_of_absolute_amounts_makes_each_row_its_measure():
    """指标 / 绝对量（元） / 比上年同期增长（%）: 绝对量 names only the values, so each row names
    its measure (全体居民人均可支配收入 / 13847), its unit from the header's brackets."""
    table = "附表　2026年前三季度城乡居民收支主要指标\n指标\t绝对量（元）\t比上年同期增长（%）\n一、全体居民人均可支配收入\t13847\t6.3\n"
    table += "五、城乡居民收入比\t1.92\t—\n"  # (a ratio's row: no 元)
    got = {q.text: q for q in extract(table, reference_date="2026-10-28").quantities}
    assert (got["13847"].indicator, got["13847"].unit) == ("全体居民人均可支配收入", "元") and got["1.92"].unit is None
    assert got["6.3"].indicator == "全体居民人均可支配收入" and got["6.3"].change.of == got["13847"].id


def test_an_empty_header_field_and_a_bracketed_font_widget_are_no_title():
    """您当前的位置：首页 > … (a path), 文　　号： left empty and 字号：[ 大 中 小 ] are the page's,
    not the release's: the title is the line after them."""
    text = (
        "您当前的位置：首页 > 政务公开 > 统计信息\n发布机构：某省工业和信息化厅\n文　　号：\n"
        "2025年1—10月全省规模以上工业经济运行情况\n字号：[ 大 中 小 ]\n\n"
        "1—10月，全省实现利润总额1647.3亿元，增长6.9%。"
    )
    doc = extract(text, reference_date="2025-11-21")
    assert doc.title.text == "2025年1—10月全省规模以上工业经济运行情况"
    assert [n.rule for n in doc.noise][:1] == ["noise.breadcrumb"]


def test_review_10_tables_cumulative_totals_and_periods_after():
    """A tenth session reviewer's inputs: a block after a table under a line that is no item's
    heading is no group of the table's rows; a row that opens with a number and then another
    number is no ranked row (月份 / 1 / 18 / 3); a doing inside a noun after 累计 (累计建成技能
    培训基地) is no doing over the release's span; 进入汛期以后 is during the flood season; a rank
    column takes none of the units listed, and a growth column the percentage."""
    after = (
        "某市2025年1—9月工业经济运行情况\n\n表1　分县市区规模以上工业增加值\n地区\n增速（%）\n钟祥市\n8.9\n京山市\n7.2\n"
        "主要产品产量（万吨）\n原煤\n712.4\n水泥\n365.2"
    )
    got = {q.text: q for q in extract(after, reference_date="2025-10-20").quantities}
    assert got["712.4"].indicator != "增速" and got["712.4"].unit != "%"
    months = "某市2026年一季度空气质量情况\n\n表2　2026年1—3月全市空气质量情况\n月份  优良天数（天）  重污染天数（天）\n1  18  3\n2  21  1\n"
    got = {q.text: q for q in extract(months, reference_date="2026-04-10").quantities}
    # (a month's row is no row this reads yet; what it reads is never another column's)
    assert got["18"].indicator in (None, "优良天数") and got["3"].indicator in (None, "重污染天数")
    built = "2025年上半年全市人力资源和社会保障工作情况\n\n全市累计建成技能培训基地36个。"
    assert extract(built, reference_date="2025-07-20").quantities[0].period is None
    flood = (
        "信阳市2025年汛期防汛工作情况\n发布时间：2025-10-10\n\n今年汛期（5月1日至9月30日），全市降雨偏多。"
        "进入汛期以后，全市平均降雨量612毫米。"
    )
    assert extract(flood).quantities[0].period.value == "2025-05-01/2025-09-30"
    ranks = "附表：各县重点项目建设进度\n单位：个、亿元、%\n地区\t项目个数\t完成投资\t排名\n武陵区\t38\t35.6\t4\n"
    got = {q.text: q.unit for q in extract(ranks, reference_date="2026-07-16").quantities}
    assert got == {"38": "个", "35.6": "元", "4": None}
    growth = "附表：各县工业增加值\n单位：亿元、%\n地区\t增速\t完成投资\n武陵区\t8.2\t62.8\n"
    got = {q.text: q.unit for q in extract(growth, reference_date="2026-07-16").quantities}
    assert got == {"8.2": "%", "62.8": "元"}


def test_review_10b_lists_of_numerals_bands_first_places_plans_and_labels():
    """A second tenth-session reviewer's inputs: 一、 of 一、二级公路 is no item's number; 目前三名
    counts people while 排名前3位 names the top of a ranking; 放在首位 and 居民…摆在首位 rank
    nothing while 居全省首位 does; 年度投资计划 is the year's plan and 年度计划完成率 the months'
    progress; a reader count after a clause of prose is a figure; 同志们： is no empty field."""
    got = {q.text: q.indicator for q in extract("全市一、二级公路里程达到1260公里。").quantities}
    assert got == {"1260公里": "一、二级公路里程"}
    got = [q.text for q in extract("目前三名伤者生命体征平稳。空气质量排名前3位的是芮城县。").quantities]
    assert got == ["三名"]
    idioms = "全市始终把节能减排放在首位，始终把城乡居民就业摆在首位。全市发电量58.3亿千瓦时，居全省首位。"
    assert [(q.text, q.rank.scope if q.rank else None) for q in extract(idioms).quantities] == [
        ("58.3亿千瓦时", None),
        ("首位", "全省"),
    ]
    plan = (
        "附表：2026年1—6月各县重点项目建设进度\n单位：亿元、%\n地区\t年度投资计划\t年度计划完成率\n武陵区\t62.8\t56.7"
    )
    got = {q.text: q.period.value for q in extract(plan, reference_date="2026-07-16").quantities}
    assert got == {"62.8": "2026", "56.7": "2026-01/2026-06"}
    views = "2025年全市政务新媒体运营情况\n全年公众号推送文章1286篇，总阅读量：3520000"
    assert [q.text for q in extract(views).quantities] == ["1286篇", "3520000"]
    assert extract("同志们：\n今天召开全市安全生产工作会议，会议应到120人。").title is None
    assert (
        extract("责任编辑：\n2026年全市文旅工作情况\n\n全市接待游客120万人次。").title.text == "2026年全市文旅工作情况"
    )


def test_a_column_headed_by_a_basis_alone_holds_growth_rates():
    """区市　进出口　同比 under 单位：亿元，%: 同比 is a column of growth rates (signed), in the %
    the unit line lists, not in 亿元."""
    table = "表　2026年前三季度各区市外贸进出口情况\n单位：亿元，%\n区市　进出口　同比\n全市　963.28　5.1\n莱阳市　67.45　-2.3\n"
    got = {q.text: q for q in extract(table, reference_date="2026-10-23").quantities}
    assert (got["5.1"].unit_text, got["5.1"].change.basis, got["5.1"].change.direction) == ("%", "同比", "up")
    assert (got["-2.3"].unit_text, got["-2.3"].change.direction, got["67.45"].unit_text) == ("%", "down", "亿元")


def test_headers_ending_in_a_basis_and_rows_that_are_months():
    """月份 / CPI同比 / CPI环比 over 1月 / 0.3 / 0.4: each cell is CPI's growth (同比, 环比) in
    its row's month; 类别 / 6月同比 / 1—6月同比 over 食品烟酒 / -0.1 / -0.4: each the row's
    growth over the month or the months its header opens with."""
    text = (
        "2026年上半年常德市居民消费价格运行分析\n表1  2026年1—6月常德市CPI涨跌幅（单位：%）\n"
        "月份\tCPI同比\tCPI环比\n1月\t0.3\t0.4\n3月\t0.2\t-0.8\n\n"
        "表2  2026年上半年常德市居民消费价格分类涨跌幅（单位：%）\n类别\t6月同比\t1—6月同比\n食品烟酒\t-0.1\t-0.4\n"
    )
    got = [(q.indicator, q.change.basis, q.change.direction, q.period.value) for q in extract(text).quantities]
    assert got == [
        ("CPI", "同比", "up", "2026-01"),
        ("CPI", "环比", "up", "2026-01"),
        ("CPI", "同比", "up", "2026-03"),
        ("CPI", "环比", "down", "2026-03"),
        ("食品烟酒", "同比", "down", "2026-06"),
        ("食品烟酒", "同比", "down", "2026-01/2026-06"),
    ]


def test_a_value_header_over_places_takes_the_captions_measure():
    """县（市、区）　总量（亿元）　比上年增长（%） below 表1　2025年各县（市、区）地区生产总值: each
    place's level is the caption's measure, and the growth column its growth."""
    table = "表1　2025年各县（市、区）地区生产总值\n县（市、区）　总量（亿元）　比上年增长（%）\n临川区　648.27　5.6\n南城县　271.93　6.1\n"
    got = {q.text: q for q in extract(table, reference_date="2026-03-27").quantities}
    assert (got["648.27"].indicator, got["648.27"].indicator_id) == ("地区生产总值", "econ.gdp")
    assert (got["6.1"].indicator, got["6.1"].change.direction) == ("地区生产总值", "up")


def test_a_rows_date_in_brackets_is_its_period_and_its_parts():
    """金融机构人民币各项存款余额（10月末） under a 1—10月 column: the row names the balance, at
    10月末, and so is its part 其中：住户存款; the brackets are no part of the name."""
    table = (
        "三台县2026年1—10月主要经济指标\n指标名称\t单位\t1—10月\t同比增长（%）\n"
        "金融机构人民币各项存款余额（10月末）\t亿元\t765.42\t7.1\n其中：住户存款\t亿元\t612.38\t9.4\n"
    )
    got = {q.text: q for q in extract(table, reference_date="2026-11-20").quantities}
    assert (got["765.42"].indicator, got["765.42"].period.value) == ("金融机构人民币各项存款余额", "2026-10-31")
    assert (got["612.38"].indicator, got["612.38"].period.value) == ("住户存款", "2026-10-31")


def _figures(text: str, date: str = "2026-07-21") -> dict:
    return {q.text: q for q in extract(text, reference_date=date).quantities}


def test_review_11_growths_indices_and_amount_changes():
    """A reviewer's inputs (eleventh session): a change of a growth rate is of the one right
    before it, not of another measure's further back; a table of indices (上年同月=100) holds no
    growth rates; a 比上年 column under a row's unit cell holds amounts."""
    got = _figures(
        "1—11月，全市规上工业增加值增长6.2%。全市实现社会消费品零售总额1234.5亿元，增速比上年同期回落0.5个百分点。"
    )
    assert got["0.5个百分点"].indicator_id == "cons.retail_sales"
    got = _figures(
        "表2　2026年10月居民消费价格指数\n类别\t环比\t同比\n居民消费价格\t100.2\t100.6\n食品烟酒\t99.8\t99.1\n"
    )
    assert got["100.6"].change is None and got["99.1"].change is None
    got = _figures("指标\t单位\t2025年\t比上年\n户籍人口\t万人\t120.5\t-0.3\n出生人口\t人\t8120\t-512\n", "2026-03-10")
    assert (got["-0.3"].value, got["-0.3"].unit, got["-0.3"].change.direction) == (-3000, "人", "down")
    assert _figures("表1\n月份\t当月\t累计\n1月\t0.3\t0.4\n")["0.4"].indicator != "1"


def test_review_11_counts_sets_stocks_and_rank_keys():
    """三个产业园区 are figures (only 三次产业 and 四项社会保险 name kinds); 26起火灾均… counts
    events, not a set; 出栏 listed with 存栏 is no stock; 按由低到高排序 names no measure."""
    assert set(_figures("全市新建三个产业园区，培育五个产业集群。")) == {"三个", "五个"}
    assert _figures("2025年，全市26起火灾均未造成人员伤亡。", "2026-01-10")["26起"].period.value == "2025"
    got = _figures("2026年上半年某县农业农村经济运行分析\n全县生猪存栏、出栏分别为8.6万头、12.3万头。")
    assert got["12.3万头"].period.value == "2026-01/2026-06"
    text = "按由低到高排序，前三位是甲县、乙县、丙县。\n排名  县（市、区）  综合指数\n1  平陆县  3.46\n2  芮城县  3.58"
    assert _figures(text)["2"].indicator == "排名"


def test_review_11a_month_rows_captions_groups_and_rank_keys():
    """The first reviewer's inputs (eleventh session)."""
    # a month's row under a year's column: that month of that year; under 累计: from January
    got = _figures("表1 各月居民消费价格同比涨幅（单位：%）\n月份\t2025年\t2026年\n1月\t0.5\t0.3\n")
    assert (got["0.5"].period.value, got["0.3"].period.value) == ("2025-01", "2026-01")
    got = _figures("全市社会消费品零售总额\n月份\t本月（亿元）\t累计（亿元）\n3月\t88.4\t253.7\n")
    assert got["253.7"].period.value == "2026-01/2026-03"
    # a month's row under 当月同比: the caption's measure's growth, the unit in brackets no measure
    got = _figures("表1 2026年1—6月CPI涨跌幅（单位：%）\n月份\t当月同比\t累计同比\n2月\t1.1\t0.7\n")
    assert (got["1.1"].change.basis, got["0.7"].period.value) == ("同比", "2026-01/2026-02")
    assert got["1.1"].indicator.startswith("CPI")
    got = _figures(
        "表1　2025年各县（市、区）地区生产总值（单位：亿元）\n县（市、区）　总量　比上年增长（%）\n临川区　648.27　5.6\n"
    )
    assert got["648.27"].indicator == "地区生产总值"
    # the first group's date, and a group heading longer than a header
    got = _figures(
        "某县2026年1—10月主要经济指标\n指标名称\t单位\t1—10月\t同比增长（%）\n一、农业（前三季度）\n"
        "农林牧渔业增加值\t亿元\t64.37\t4.2\n二、规模以上工业生产（1—10月）\n规模以上工业总产值\t亿元\t296.18\t9.1\n",
        "2026-11-20",
    )
    assert (got["64.37"].period.value, got["296.18"].unit_text) == ("2026-01/2026-09", "亿元")
    got = _figures("表2　2026年6月居民消费价格分类涨跌幅\n类别\t本月同比\t1—6月累计同比\n食品烟酒\t-0.1\t-0.4\n")
    assert got["-0.4"].period.value == "2026-01/2026-06"
    # a ranking table's caption says what it ranks by, over a sentence before another table
    text = (
        "按环境空气质量综合指数由小到大排名。\n表1　环境空气质量排名\n排名  县（市、区）  综合指数\n1  平陆县  3.46\n"
        "表2　各县（市、区）PM2.5浓度排名\n排名  县（市、区）  PM2.5浓度（微克/立方米）\n1  垣曲县  22\n2  夏县  25\n"
    )
    ranks = [
        (q.indicator, q.indicator_id) for q in extract(text, reference_date="2026-12-09").quantities if q.kind == "rank"
    ]
    assert ranks == [
        ("环境空气质量综合指数", "env.air_quality_index"),
        ("PM2.5浓度", "env.pm25"),
        ("PM2.5浓度", "env.pm25"),
    ]
    # an amount of spending is no price, whatever its row's name (食品烟酒类)
    got = _figures(
        "表2　2025年全市居民人均消费支出构成\n指标\t绝对值（元）\t比上年增长（%）\n食品烟酒类\t7215\t5.2\n",
        "2026-03-10",
    )
    assert got["7215"].indicator_id is None


def test_review_11a_a_day_in_a_years_section_and_a_set_of_units():
    """3月10日 under 一、2025年度…考核情况 in a release of 2026 keeps its own year (an event, maybe
    of the release's year); 38家重点排污单位均完成… counts what was done, not a set."""
    text = "市安委办工作通报\n发布日期：2026-04-10\n\n一、2025年度安全生产考核情况\n3月10日，市安委办召开考核总结会，对12个先进单位予以通报表扬。\n"
    assert extract(text).quantities[0].period.value == "2026-03-10"
    assert _figures("2025年，全县38家重点排污单位均完成自动监控设施安装。", "2026-01-10")["38家"].period.value == "2025"


def test_an_indented_row_is_read_with_the_row_it_is_a_part_of():
    """三、城镇居民人均可支配收入 / 31847 over 　　工资性收入 / 18265: the urban residents' wage
    income (indicator_id.table_part), not the whole population's nor none."""
    text = (
        "附表　2026年前三季度城乡居民收支主要指标\n指标\t绝对量（元）\t比上年同期增长（%）\n"
        "一、全体居民人均可支配收入\t13847\t6.3\n　　工资性收入\t7134\t5.9\n"
        "三、城镇居民人均可支配收入\t31847\t4.9\n　　工资性收入\t18265\t4.4\n"
        "二、全体居民人均消费支出\t10527\t5.1\n　　交通通信\t1347\t7.6\n"
    )
    got = _figures(text, "2026-10-20")
    assert (got["7134"].indicator_id, got["18265"].indicator_id) == ("hh.wage_income", "hh.urban_wage_income")
    assert got["1347"].indicator_id == "hh.transport_communication_expenditure"  # (全体 as 全市: a scope)
    assert got["18265"].rules["indicator_id"] == "indicator_id.table_part"
