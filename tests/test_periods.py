"""A figure's period: the arithmetic of period values (extractor.periods), where the
period is read (clause … section, title), and the release's date given on the command
line (--date overrides what the text says, --fallback-date only fills in)."""

from __future__ import annotations

import json

import pytest

from extractor import extract, periods

from .test_cli import run_cli


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2024-09-30", "2024-09-30", "2024-09-30"),
        ("2024-01/2024-09", "2024-01-01", "2024-09-30"),
        ("2024-01-01/2024-10-22", "2024-01-01", "2024-10-22"),
        ("2020/2024", "2020-01-01", "2024-12-31"),
        ("2024-13", None, None),
        ("2023-02-29", None, None),
        ("2024-09/2024-01", None, None),
        ("九月", None, None),
        (None, None, None),
    ],
)
def test_periods_bounds(value, first, last):
    assert periods.bounds(value) == (first, last)


@pytest.mark.parametrize(
    "value, earlier, before",
    [
        ("2024", "2023", "2023"),
        ("2024-01/2024-09", "2023-01/2023-09", None),  # nine months: no period of that length just before
        ("2024-07/2024-09", "2023-07/2023-09", "2024-04/2024-06"),
        ("2024-01", "2023-01", "2023-12"),
        ("2024-02-29", "2023-02-28", None),  # the last day stays the last day
        ("2024-09-30", "2023-09-30", None),
        ("2020/2024", "2019/2023", "2015/2019"),
        ("x", None, None),
    ],
)
def test_periods_year_earlier_and_previous(value, earlier, before):
    assert (periods.year_earlier(value), periods.previous(value)) == (earlier, before)


def _period(text: str, figure: str, **kwargs):
    q = next(q for q in extract(text, **kwargs).quantities if q.text == figure)
    return (q.period.value, q.period.source.value, q.rules["period"]) if q.period else None


def test_period_from_the_heading_of_the_section():
    text = "一、2024年1-9月主要指标\n全市新增企业300家。\n二、其他工作\n全市培训1200人次。\n"
    assert _period(text, "300家") == ("2024-01/2024-09", "section", "period.section")
    assert _period(text, "1200人次") is None


def test_period_from_the_heading_of_an_indented_section():
    """Headings and items indented with ideographic spaces (　　二、2025年工作计划), as pages
    copied to text are, open their sections as unindented ones do."""
    text = "某市应急管理局工作总结\n　　一、2024年工作情况\n　　（一）安全形势稳定。全年发生事故21起。\n　　二、2025年工作计划\n　　计划开展执法检查5000次。\n"
    doc = extract(text)
    assert [s.heading.text for s in doc.sections] == ["2024年工作情况", "2025年工作计划"]
    # (计划开展…: the section's year's plan, its amount for that year)
    assert _period(text, "5000次") == ("2025", "section", "period.annual_target")
    assert doc.sections[0].items and doc.sections[0].items[0].label == "(一)"


def test_period_comparison_date_is_not_the_period():
    text = "2024年，全市粮食产量100万吨，比2020年增长12%。"
    q = next(q for q in extract(text).quantities if q.text == "12%")
    assert (q.period.value, q.change.basis_period) == ("2024", "2020")


def test_period_of_a_stock_is_the_last_day():
    text = "1-9月，全市新增贷款300亿元。9月末，全市各项贷款余额5236亿元。"
    assert _period(text, "5236亿元", reference_date="2024-10-20")[:2] == ("2024-09-30", "sentence")
    assert _period(text, "300亿元", reference_date="2024-10-20")[:2] == ("2024-01/2024-09", "sentence")


def test_period_now_is_the_release_date():
    assert _period("目前，全市共有技工院校112所。", "112所", reference_date="2024-11-13") == (
        "2024-11-13",
        "sentence",
        "period.sentence",
    )
    assert _period("目前，全市共有技工院校112所。", "112所") is None  # no date: no guess


def test_year_less_months_take_the_year_a_headline_reports_on():
    """A release whose first line is a headline writing its period (no title read off it: a
    figure in it) looks back: 12月 is that period's, not the release date's year."""
    text = "2024年12月訪港旅客按年上升5.1% 全年逾4,388萬人次\n發佈時間：2025年1月21日\n12月過境旅客共96,300人次。\n"
    assert _period(text, "96,300人次")[0] == "2024-12"
    assert _period(text, "4,388萬人次")[0] == "2024"
    assert extract(text).title.text == text.split("\n")[0]  # (3,492: a thousands separator, no sentence)


def test_period_never_reads_the_machine_clock():
    text = "今年以来，全市新增企业300家，12月份新增20家。"
    assert extract(text).model_dump_json() == extract(text).model_dump_json()


def test_cli_date_overrides_the_release_date_and_fallback_date_only_fills_in(tmp_path):
    release = tmp_path / "r.txt"
    release.write_text("发布日期：2023-11-29\n8月，全市新增企业300家。\n", encoding="utf-8")
    bare = tmp_path / "bare.txt"
    bare.write_text("8月，全市新增企业300家。\n", encoding="utf-8")

    def period(*args):
        result = run_cli("extract", *args)
        assert result.returncode == 0, result.stderr
        doc = json.loads(result.stdout)
        return doc["metadata"]["reference_date"], doc["quantities"][0]["period"]["value"]

    assert period(str(release)) == ("2023-11-29", "2023-08")
    assert period(str(release), "--date", "2024-05-01") == ("2024-05-01", "2024-08")
    assert period(str(release), "--fallback-date", "2024-05-01") == ("2023-11-29", "2023-08")
    assert period(str(bare), "--fallback-date", "2024-05-01")[1] == "2024-08"
    bad = run_cli("extract", str(release), "--date", "2024-13-01")
    assert bad.returncode == 2 and "is not a date like" in bad.stderr and "Traceback" not in bad.stderr


def test_cli_run_date_sets_every_release_date(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("发布日期：2023-11-29\n8月，全市新增企业300家。\n", encoding="utf-8")
    result = run_cli("run", str(folder), "-o", str(tmp_path / "out"), "--date", "2024-05-01", "-q")
    assert result.returncode == 0, result.stderr
    doc = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    assert doc["quantities"][0]["period"]["value"] == "2024-08"


def test_a_disclosure_pages_named_title_is_the_title_after_a_banner():
    """A 政务公开 page whose banner (the office's name) comes first and whose header names
    the release (标　　题：…, labels spaced out): the title is the line that says the name, and
    the release's period is read from it."""
    from extractor import extract

    text = (
        "某市自然资源和规划局\n政务公开\n索 引 号：00371645/2024-01187\n发布机构：某市自然资源和规划局\n"
        "生成日期：2024-07-18\n标　　题：2024年上半年全市土地供应情况\n\n2024年上半年全市土地供应情况\n\n"
        "　　全市供应国有建设用地5630亩，同比下降3.2%。\n"
    )
    doc = extract(text)
    assert doc.title.text == "2024年上半年全市土地供应情况"
    assert doc.metadata.index_number.value == "00371645/2024-01187"
    assert (doc.reference.period.value, doc.reference.period.rule) == ("2024-01/2024-06", "reference.title")
    assert [q.text for q in doc.quantities] == ["5630亩", "3.2%"]


def test_a_titles_quarter_is_the_months_to_its_end_when_the_body_opens_with_them():
    """2026年三季度…运行分析 whose body opens with 2026年1—9月: the release reports on the nine
    months (reference.year_to_date), and its figures with it; a body that opens with the
    quarter's own months keeps the quarter."""
    head = "发布日期：2026-10-20\n\n2026年三季度全县商务运行分析\n\n"
    doc = extract(head + "2026年1—9月，全县实现社会消费品零售总额86.4亿元，同比增长4.6%。\n")
    assert (doc.reference.period.value, doc.reference.period.rule) == ("2026-01/2026-09", "reference.year_to_date")
    assert doc.quantities[0].period.value == "2026-01/2026-09"
    doc = extract(head + "三季度，全县实现社会消费品零售总额29.8亿元，同比增长4.1%。\n")
    assert doc.reference.period.value == "2026-07/2026-09"


def test_a_holidays_break_moves_from_year_to_year():
    """春节 2025 was 01-28 to 02-04, 2024 02-10 to 02-17: the same period of another year is
    that year's break as dates.toml lists it, else the year alone, never the days shifted."""
    text = (
        "贵阳市2025年春节假期文化和旅游市场情况\n\n春节假期全市共接待游客1047.5万人次，同比增长7.8%，"
        "较2019年同期增长33.4%；2018年同期为100万人次。"
    )
    doc = extract(text, reference_date="2025-02-05")
    dates = {d.text: d.value for d in doc.dates}
    assert dates["2019年同期"] == "2019-02-04/2019-02-10" and dates["2018年同期"] == "2018"
    growth = next(q for q in doc.quantities if q.text == "7.8%")
    assert growth.change.basis_period == "2024-02-10/2024-02-17"


def test_lunar_days_take_the_year_written_and_stop_at_the_29th():
    dates = {
        d.text: d.value
        for d in extract("2024年正月十五，全县接待游客12.3万人次。正月三十返程。", reference_date="2025-02-05").dates
    }
    assert dates == {"2024年正月十五": "2024-02-24"}  # (正月 2024 had 29 days: no 正月三十)


def test_a_share_of_a_balance_is_at_the_end_but_of_a_total_count_is_not():
    balance = extract("某市2024年1-9月金融运行情况\n全市住户存款占各项存款余额的比重达55.3%。").quantities[0]
    visitors = extract(
        "2025年春节假期文化和旅游市场情况\n假期全市接待过夜游客304.2万人次，占游客总数的29.0%。"
    ).quantities[1]
    assert balance.period.value == "2024-09-30" and visitors.period.value == "2025-01-28/2025-02-04"


def test_a_release_period_in_its_title_is_the_days_the_release_defines():
    """2026年“五一”假期 in the title of a release whose body gives the holiday's days (今年“五一”
    假期（5月1日至5日）), which the data do not list for 2026: the release reports on those days,
    and so do its figures, not on the year."""
    from extractor import extract

    text = "2026年“五一”假期开封文旅市场持续升温\n\n今年“五一”假期（5月1日至5日），全市共接待游客863.5万人次。"
    doc = extract(text, reference_date="2026-05-06")
    assert doc.reference.period.value == "2026-05-01/2026-05-05"
    assert doc.quantities[0].period.value == "2026-05-01/2026-05-05"


def test_the_days_a_release_gives_its_holiday_win_over_the_data_files():
    """2026年国庆中秋假期（10月1日至8日): the release says its break runs eight days, the data
    list seven for 2026's 国庆; the release reports on the days it gives, title and figures."""
    from extractor import extract

    text = "2026年国庆中秋假期全省交通运输情况\n\n2026年国庆中秋假期（10月1日至8日），全省铁路发送旅客485.36万人次。"
    doc = extract(text, reference_date="2026-10-09")
    assert doc.reference.period.value == "2026-10-01/2026-10-08"
    assert doc.quantities[0].period.value == "2026-10-01/2026-10-08"


def test_months_of_a_span():
    from extractor.periods import months_of

    assert months_of("2026-04/2026-06") == ["2026-04", "2026-05", "2026-06"]
    assert months_of("2026") == [] and months_of("2025-11/2026-02") == [] and months_of("2026-04/2026-04") == []


def test_a_section_headed_by_another_year_dates_its_context_years_words():
    """A work report of 2026: under 一、2025年工作回顾, 年末 and 比上年 are 2025's; under 二、“十四五”
    时期发展成就, 五年来 and 连续3年 run through 2025; 今年 under 三、2026年… stays the report's."""
    from extractor import extract

    text = (
        "2026年某区政府工作报告\n发布时间：2026-01-16\n\n一、2025年工作回顾\n"
        "年末全区实有经营主体48.6万户，比上年末增长5.7%。高新技术企业达3518家，比上年增加265家。\n"
        "二、“十四五”时期发展成就\n五年来，累计新增城镇就业10.9万人；综合评价连续3年位居全省第1位。\n"
        "三、2026年主要预期目标\n今年地区生产总值增长5%左右。\n"
    )
    doc = extract(text)
    got = {q.text: q.period.value for q in doc.quantities}
    assert got["48.6万户"] == "2025-12-31" and got["10.9万人"] == "2021/2025" and got["第1位"] == "2023/2025"
    assert got["5%"] == "2026"
    # … and the dates listed say so too, as the figures do
    listed = {d.text: d.value for d in doc.dates}
    assert listed["年末"] == "2025-12-31" and listed["五年来"] == "2021/2025" and listed["今年"] == "2026"


def test_schools_counted_are_at_the_years_end_unless_built():
    """小学1052所 in a year's bulletin: the schools there are at the year's end; 新改扩建学校12所
    and 对1.36万所学校食堂开展检查: what was done over the year, or to what."""
    from extractor import extract

    text = (
        "某市2025年国民经济和社会发展统计公报\n发布日期：2026-03-27\n\n全市有普通高校6所，小学1052所。"
        "全年新改扩建学校12所。对全市1.36万所学校食堂开展全覆盖检查。"
    )
    got = {q.text: q.period.value for q in extract(text).quantities}
    assert got["1052所"] == "2025-12-31" and got["6所"] == "2025-12-31"
    assert got["12所"] == "2025" and got["1.36万所"] == "2025"


def test_review_11_durations_headings_and_months():
    """A reviewer's inputs (eleventh session): 5天 late is no span of 33 days; an event's year in a
    heading (二、2027年省运会筹备工作) is not its section's time; items listed before 分别 are no
    months; a breakdown by stage (分阶段看) does not open its sentences' periods."""
    from extractor import extract

    doc = extract("发布日期：2025-08-01\n6月17日入梅，7月19日出梅，较常年偏晚5天，梅雨期33天。")
    got = {q.text: q.period.value for q in doc.quantities}
    assert got["5天"] == "2025-07-19" and got["33天"] == "2025-06-17/2025-07-19"
    text = "某市体育局2025年工作总结\n发布日期：2026-01-10\n\n一、2025年主要工作\n全年举办赛事12场。\n二、2027年省运会筹备工作\n9月，完成场馆主体工程8个。\n"
    assert {q.text: q.period.value for q in extract(text).quantities}["8个"] == "2025-09"
    text = "发布日期：2026-03-01\n1—2月，全市各月用电量均保持增长，工业用电量、居民生活用电量分别增长6.1%、5.2%。"
    assert {q.period.value for q in extract(text).quantities} == {"2026-01/2026-02"}
    text = "某市2025年1—11月经济运行情况\n全市工业经济稳定运行。分阶段看，1—5月，增长4.1%，6—11月，增长7.8%。装备制造业增长8.1%。"
    assert {q.text: q.period.value for q in extract(text, reference_date="2025-12-15").quantities}[
        "8.1%"
    ] == "2025-01/2025-11"


def test_review_11_a_statistics_scope_names_only_the_industrys_own():
    from extractor.indicator_ids import vocabulary

    v = vocabulary()
    assert v.without_scope("规上工业原煤产量").id == "ind.raw_coal_output"
    assert v.without_scope("规上工业研发经费投入") is None and v.without_scope("规上工业用水量") is None
