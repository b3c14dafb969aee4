"""Inputs a reviewer of the twelfth session's change tried, each with what a careful reader
expects (the problems it found, mended)."""

from __future__ import annotations

from extractor.pipeline import extract


def _figures(text: str, date: str = "2026-07-21") -> dict[str, object]:
    return {q.text: q for q in extract(text, reference_date=date).quantities}


def test_review_12_items_before_respectively_that_are_no_places_qualify_the_measure():
    got = _figures("航空、铁路分别完成货运量12.3万吨、860万吨。")
    assert (got["860万吨"].indicator, got["860万吨"].indicator_id) == ("铁路货运量", "transp.railway_freight")
    got = _figures("上半年，城镇、农村居民分别实现人均可支配收入26000元、12000元。")
    assert (
        got["12000元"].indicator_id == "hh.rural_disposable_income"
        and got["26000元"].indicator_id != "hh.disposable_income"
    )
    got = _figures("全市A级景区、乡村旅游点分别接待游客1230万人次、860万人次。")
    assert got["860万人次"].indicator_id is None  # (a part's visitors, not the city's)


def test_review_12_places_before_respectively_each_qualify_their_figure():
    got = _figures("牛屯镇、万古镇分别出栏生猪9.86万头、8.42万头。")
    assert (got["9.86万头"].qualifier, got["8.42万头"].qualifier) == ("牛屯镇", "万古镇")
    assert got["8.42万头"].indicator_id == "agri.hogs_slaughtered"


def test_review_12_a_stock_by_its_verb_stays_a_stock_after_a_list():
    got = _figures("2026年上半年全市科技创新情况\n\n上半年，全市共有高新技术企业、科技型中小企业分别为320家、1260家。")
    assert got["1260家"].period.value == "2026-06-30"


def test_review_12_a_table_count_of_what_was_done_is_no_stock():
    text = "某区2025年教育事业发展统计公报\n\n附表 2025年各学段学校增减情况\n学段\t新建学校（所）\t撤并学校（所）\n小学\t3\t5"
    got = _figures(text)
    assert got["3"].period.value == "2025" and got["5"].period.value == "2025"


def test_review_12_a_stocks_growth_in_a_table_is_at_its_point():
    text = "2025年1-10月全市金融机构存贷款情况\n单位：亿元、%\n指标\t余额\t同比增长\n各项存款余额\t5236.4\t6.3"
    assert _figures(text)["6.3"].period.value == "2025-10-31"


def test_review_12_a_record_word_that_opens_a_measure_leaves_the_span():
    got = _figures("2026年7月全市气候情况\n\n今年以来最高气温达到39.6℃，出现在7月15日。")
    assert got["39.6℃"].period.value == "2026-01-01/2026-07-21"


def test_review_12_a_bare_measure_reads_its_own_paragraph_and_no_other():
    text = (
        "2025年1-9月全市经济运行情况\n\n1-9月，全市房地产开发投资186.4亿元，同比下降6.3%。\n\n"
        "1-9月，全市固定资产投资同比增长3.2%。分地区看，赛罕区完成投资68.5亿元。"
    )
    assert _figures(text)["68.5亿元"].indicator_id is None
    text = "2025年1-9月全市固定资产投资和房地产开发情况\n\n1-9月，全市固定资产投资同比增长3.2%。分地区看，赛罕区投资增长5.1%。"
    assert _figures(text)["5.1%"].indicator_id != "inv.real_estate_development_investment"


def test_review_12_the_pages_date_before_its_source_is_the_pages():
    text = "标题\n发布时间：2026-10-23 16:40　　来源：市人力资源和社会保障局　　浏览次数：2217\n\n发布时间：2026年10月22日（星期四）上午10:00\n正文。"
    doc = extract(text)
    assert (doc.reference.date.value, doc.metadata.conference_time.value) == ("2026-10-23", "2026-10-22")


def test_review_12_no_ratio_from_a_label_a_time_or_a_score():
    got = _figures("表1：12个重点项目完成情况。7月15日1:30，市防指启动应急响应。市足球队以3:1战胜对手。")
    assert "12个" in got and not any(q.kind.value == "rate" for q in got.values())


def test_review_12_a_total_after_two_modes_is_not_narrowed_to_the_last():
    got = _figures("全年铁路货运量1200万吨，公路货运量2.3亿吨，货物周转量600亿吨公里，旅客周转量80亿人公里。")
    assert (got["600亿吨公里"].indicator_id, got["80亿人公里"].indicator_id) == (
        "transp.freight_turnover",
        "transp.passenger_turnover",
    )


def test_review_12_a_decimal_under_a_rank_header_is_no_rank():
    text = "华容县2026年前三季度主要经济指标\n指标\t单位\t绝对值\t增速（%）\t全市位次\n地区生产总值\t亿元\t318.62\t5.9\t第3位"
    assert _figures(text)["5.9"].kind.value != "rank"
