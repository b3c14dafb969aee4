"""Inputs a reviewer of the thirteenth session's change reproduced problems with (each mended in
general form; the data's examples hold the rules' own cases)."""

from __future__ import annotations

from extractor import extract
from extractor.explain import explain_text


def _figures(text: str) -> dict:
    return {q.text: q for q in extract(text, reference_date="2026-07-21").quantities}


def test_review_13_explain_says_a_threshold_is_why_a_figure_has_no_period_area_or_id():
    said = explain_text("2026年1—10月全省邮政行业运行情况\n\n全省快递业务量超过1亿件的设区市达到5个。", "2026-11-20")
    assert "period.threshold" in said
    assert "threshold that defines a set" in said


def test_review_13_a_total_over_a_span_of_years_is_no_level_of_its_last_year():
    head = "某县“十四五”时期经济社会发展成就\n\n"
    got = _figures(head + "2021—2025年，全县实际利用外资达到25亿美元，招商引资到位资金达1200亿元。")
    assert got["25亿美元"].period.value == "2021/2025" and got["1200亿元"].period.value == "2021/2025"
    got = _figures(head + "2021—2025年，全县完成造林面积达到12.5万亩，接待游客达到6800万人次。")
    assert got["12.5万亩"].period.value == "2021/2025" and got["6800万人次"].period.value == "2021/2025"
    # (a level it rose from is said: the last year's level)
    got = _figures(head + "2021—2025年，一般公共预算总收入从38.5亿元增加到52.9亿元。")
    assert got["52.9亿元"].period.value == "2025"


def test_review_13_a_plan_or_a_level_reached_after_超过_or_以下的_is_no_threshold():
    got = _figures("2025年全市经济运行情况\n\n全市固定资产投资超过500亿元的目标顺利完成。")
    assert got["500亿元"].period.value == "2025" and got["500亿元"].indicator_id == "inv.fixed_asset_investment"
    got = _figures("2025年全市生态环境状况\n\n全市PM2.5平均浓度降至30微克/立方米以下的历史最好水平。")
    assert got["30微克/立方米"].period.value == "2025" and got["30微克/立方米"].indicator_id == "env.pm25"
    got = _figures("2025年\n\n全县粮食产量连续五年稳定在50万吨以上的水平。")
    assert got["50万吨"].rules["period"] != "period.threshold"
    # (a threshold whatever period its clause states)
    got = _figures(
        "2025年招商引资情况\n\n全年新培育年出口额500万元以上的跨境电商企业38家。全年引进超过50亿元的重大项目3个。"
    )
    assert got["500万元"].rules["period"] == got["50亿元"].rules["period"] == "period.threshold"


def test_review_13_a_count_of_divisions_keeps_its_own_change():
    got = _figures(
        "2025年全区民政事业发展统计公报\n\n全区社会组织登记数增长3.2%。年末全区街道12个，比上年增加2个，增长20.0%。"
    )
    assert got["20.0%"].change.of == got["12个"].id
    got = _figures("2025年全市经济\n\n全市生产总值增长5.1%。年末全市乡镇18个，比上年减少3个，下降14.3%。")
    assert got["14.3%"].indicator_id is None and got["14.3%"].change.of == got["18个"].id


def test_review_13_flows_of_a_health_or_forestry_release_are_no_stocks():
    got = _figures(
        "2025年全市卫生健康事业发展统计公报\n\n乡镇卫生院总收入12.5亿元。全年新开办诊所45个。培养全科医生300人。"
        "改造提升养老床位1200张。修复湿地面积2.3万亩。全市共有村卫生室946个。"
    )
    for figure in ("12.5亿元", "45个", "300人", "1200张", "2.3万亩"):
        assert got[figure].period.value == "2025", figure
    assert got["946个"].period.value == "2025-12-31"


def test_review_13_年均_and_累计_under_a_heading_of_a_year_and_its_span_keep_the_span():
    text = (
        "安溪县2026年政府工作报告\n\n一、2025年和“十四五”时期工作回顾\n\n"
        "——经济实力持续增强。地区生产总值年均增长6.9%，一般公共预算收入累计完成128.6亿元。新建道路23.6公里。\n"
    )
    got = _figures(text)
    assert got["6.9%"].period.value == got["128.6亿元"].period.value == "2021/2025"
    assert got["23.6公里"].period.value == "2025"


def test_review_13_累计完成投资_of_a_project_has_no_start_the_release_says():
    got = _figures("2026年1—10月全市重点项目建设情况\n\n沪渝蓉高铁项目累计完成投资128.5亿元，占总投资的62.3%。")
    assert got["128.5亿元"].period is None


def test_review_13_a_release_of_grain_and_other_produce_gives_its_bare_measures_no_grain_id():
    got = _figures("2025年全市粮食和重要农产品生产情况\n\n油料生产稳中有增。播种面积35万亩，总产量8.6万吨。")
    assert got["35万亩"].indicator_id is None and got["8.6万吨"].indicator_id is None


def test_review_13_a_growth_column_takes_its_dated_level_columns_period():
    text = "某市2026年财政\n\n附表　2026年各县市区一般公共预算收入完成情况\n地区\t1—11月\t同比增长（%）\n涪城区\t246870\t8.7\n"
    got = _figures(text)
    assert got["246870"].period.value == got["8.7"].period.value == "2026-01/2026-11"
    # (a caption of no date: its measure after the whole 各县市区)
    text = "某市2026年财政\n\n附表　各县市区一般公共预算收入完成情况\n地区\t1—11月累计\t同比增长（%）\n涪城区\t246870\t8.7\n"
    assert _figures(text)["246870"].indicator_id == "fisc.general_budget_revenue"


def test_review_13b_an_institutions_measures_are_no_stock_only_a_count_of_it():
    got = _figures(
        "2025年全市卫生健康事业发展统计公报\n\n乡镇卫生院入院人数3.2万人。社区卫生服务中心出院人数1.5万人。"
        "乡镇卫生院次均门诊费用85.6元。招录执业医师150人。全年新晋升三级医院3家，通过等级评审的医院12家。"
        "全市共有村卫生室946个。"
    )
    for figure in ("3.2万人", "1.5万人", "85.6元", "150人", "3家", "12家"):
        assert got[figure].period.value == "2025", figure
    assert got["946个"].period.value == "2025-12-31"
    table = "2025年全市卫生健康事业发展统计公报\n\n表1　主要指标\n指标\t2025年\t增长（%）\n社区卫生服务中心门诊人次（万人次）\t560\t2.3\n"
    assert _figures(table)["560"].period.value == "2025"


def test_review_13b_a_stock_that_rose_under_a_span_of_years_is_at_its_last_day():
    got = _figures("某县“十四五”时期经济社会发展成就\n\n2021—2025年，存款余额从2020年的320亿元增加到520亿元。")
    assert got["520亿元"].period.value == "2025-12-31"


def test_review_13b_a_heading_of_a_year_and_the_span_it_opens_gives_the_year():
    got = _figures("某县2026年政府工作报告\n\n二、2026年和“十五五”时期主要目标任务\n\n地区生产总值增长5.5%左右。")
    assert got["5.5%"].period.value == "2026"


def test_review_13b_a_price_releases_products_are_no_output_and_a_sets_members_no_measure():
    got = _figures("2026年10月份全市工业生产者价格变动情况\n\n原油下降5.1%，天然气上涨2.3%，锂离子电池下降12.6%。")
    assert {q.indicator_id for q in got.values()} == {None}
    got = _figures("2025年1—9月全省邮政业运行情况\n\n全省快递业务量超过5000万件的地市达到7个，比上年增加2个。")
    assert got["7个"].indicator_id is None and got["2个"].indicator_id is None
    got = _figures("2025年全市消费\n\n社会消费品零售总额保持在500亿元以上的规模。")
    assert got["500亿元"].rules["period"] != "period.threshold"


def test_review_13b_a_share_column_takes_its_level_columns_date_of_the_caption():
    text = (
        "2026年前三季度全省能源运行情况\n\n表2　2026年1—9月全省发电量及9月末发电装机容量\n"
        "类型　发电量（亿千瓦时）　同比增长（%）　装机容量（万千瓦）　占比（%）\n火电　1098.40　-1.2　3968.2　40.24\n"
    )
    got = _figures(text)
    assert got["40.24"].period.value == got["3968.2"].period.value == "2026-09-30"
    assert got["-1.2"].period.value == "2026-01/2026-09"


def test_review_13b_an_age_group_listed_or_before_的_is_no_figure():
    got = _figures("0—14岁、15—59岁、60岁及以上人口占比分别为13.6%、60.2%、26.2%。")
    assert "0—14岁" not in got and "15—59岁" not in got
