"""Inputs a reviewer of the twelfth session's change tried, each with what a careful reader
expects (the problems it found, mended)."""

from __future__ import annotations

from decimal import Decimal

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
    got = _figures("柳泉镇、马坡镇分别出栏生猪7.35万头、6.18万头。")
    assert (got["7.35万头"].qualifier, got["6.18万头"].qualifier) == ("柳泉镇", "马坡镇")
    assert got["6.18万头"].indicator_id == "agri.hogs_slaughtered"


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
        "2025年1-9月全市经济运行情况\n\n1-9月，全市房地产开发投资142.7亿元，同比下降5.4%。\n\n"
        "1-9月，全市固定资产投资同比增长3.2%。分地区看，金水区完成投资52.7亿元。"
    )
    assert _figures(text)["52.7亿元"].indicator_id is None
    text = "2025年1-9月全市固定资产投资和房地产开发情况\n\n1-9月，全市固定资产投资同比增长3.2%。分地区看，金水区投资增长5.1%。"
    assert _figures(text)["5.1%"].indicator_id != "inv.real_estate_development_investment"


def test_review_12_the_pages_date_before_its_source_is_the_pages():
    text = "标题\n发布时间：2026-10-23 16:40　　来源：市人力资源和社会保障局　　浏览次数：2217\n\n发布时间：2026年10月22日（星期四）上午10:00\n正文。"
    doc = extract(text)
    assert (doc.reference.date.value, doc.metadata.conference_time.value) == ("2026-10-23", "2026-10-22")


def test_review_12_no_ratio_from_a_label_or_a_time():
    got = _figures("表1：12个重点项目完成情况。7月15日1:30，市防指启动应急响应。")
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


# A second reviewer's inputs (the change after bce2c7b, and the mends above)


def test_review_12b_a_total_before_a_days_record_is_no_peak():
    text = (
        "国庆假期，全省铁路发送旅客485.36万人次，同比增长6.7%，其中10月3日发送旅客76.35万人次，创单日发送旅客历史新高。"
    )
    got = _figures(text)
    assert got["485.36万人次"].indicator_id == "transp.railway_passengers"
    assert got["6.7%"].indicator_id == "transp.railway_passengers"


def test_review_12b_a_clause_before_respectively_names_only_bare_figures_of_no_list():
    got = _figures("截至6月末，全市经营主体总量稳步增长，分别为企业5.6万户、个体工商户18.2万户。")
    assert got["18.2万户"].indicator_id == "mkt.individual_businesses"
    got = _figures("2025年，全市居民消费价格和工业生产者出厂价格总体平稳，分别为101.2和98.6。")
    assert got["98.6"].indicator_id != "price.cpi"


def test_review_12b_ratios_without_a_ratio_word_before_them():
    got = _figures("城乡居民收入倍差缩小至1.93:1。全市城乡居民收入比进一步缩小，为2.06:1。")
    assert (got["1.93:1"].value, got["2.06:1"].value) == (Decimal("1.93"), Decimal("2.06"))


def test_review_12b_a_years_budget_heading_keeps_its_year_and_a_years_tasks_no_plan():
    text = "某县财政局2026年上半年工作总结\n\n一、2025年预算执行情况\n全县一般公共预算收入86.5亿元，增长5.2%。"
    assert _figures(text)["86.5亿元"].period.value == "2025"
    text = "某县2026年上半年工作总结\n\n2025年12个目标任务全面完成，全县地区生产总值增长5.2%。"
    assert _figures(text)["5.2%"].period.value == "2025"


def test_review_12b_no_plan_from_nouns_that_open_with_its_word():
    for text, figure in (
        ("2026年1—9月全市工作情况\n\n1—9月，计划生育特殊家庭扶助金发放3200万元。", "3200万元"),
        ("2026年1—10月全市工作情况\n\n1—10月，计划投资完成率达91.9%。", "91.9%"),
        ("2026年上半年全市工作情况\n\n上半年，计划总投资亿元以上项目完成投资320亿元。", "320亿元"),
    ):
        assert _figures(text)[figure].rules["period"] != "period.annual_target", text


def test_review_12b_villages_and_communities_before_respectively_say_where():
    got = _figures("阳光社区、幸福社区分别新增城镇就业120人、86人。")
    assert got["86人"].indicator_id == "emp.urban_new_jobs" and got["86人"].qualifier == "幸福社区"


def test_review_12b_a_stock_verb_of_an_earlier_clause_makes_no_stock_of_a_list():
    text = "2026年前三季度全省经营主体发展情况\n\n前三季度，全省共有登记在册经营主体538.26万户，新设经营主体增速居前的是新余市、吉安市，分别增长8.7%、6.9%。"
    assert _figures(text)["6.9%"].period.value == "2026-01/2026-09"


def test_review_12b_a_record_after_wei_whatever_follows_it():
    text = "2025年全省汛期水旱灾害防御工作情况\n\n长江干流芜湖站7月15日最高水位11.92米，为2020年以来最高水位；淮河干流蚌埠站最高水位21.36米。"
    assert _figures(text)["21.36米"].period.value == "2025"


def test_review_12b_a_mode_read_in_one_way_narrows_the_turnover():
    got = _figures("全年公路货运量17.86亿吨，增长3.9%，货物周转量4926.35亿吨公里。")
    assert got["4926.35亿吨公里"].indicator_id == "transp.road_freight_turnover"
    got = _figures("全年全社会货运量2.5亿吨，其中公路货运量2.3亿吨，货物周转量600亿吨公里。")
    assert got["600亿吨公里"].indicator_id == "transp.freight_turnover"
