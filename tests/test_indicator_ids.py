"""The indicator vocabulary (extractor/data/indicator_ids.toml): every entry's example runs
through the whole pipeline, and a malformed file is one clear error naming the entry."""

from __future__ import annotations

import pytest

from extractor.indicator_ids import VocabularyError, parse, vocabulary
from extractor.pipeline import extract

VOCABULARY = vocabulary()


@pytest.mark.parametrize("example", VOCABULARY.examples, ids=lambda e: f"{e.id}:{e.figure}")
def test_each_example_gets_its_id_through_the_pipeline(example):
    figures = [q for q in extract(example.text).quantities if q.text == example.figure]
    assert figures, f"no figure {example.figure!r} in {example.text!r}"
    if figures[0].rules["indicator_id"] in (
        "indicator_id.increase_of",
        "indicator_id.clause_after",
        "indicator_id.release_field",
        "indicator_id.without_scope",
        "indicator_id.before_cut",
    ):
        # (a stock's growth, a phrase read with the amount before, a measure of the release's field,
        # a phrase up to what the figure did: the rule, not the phrase alone)
        assert figures[0].indicator_id == example.id
        return
    entry = VOCABULARY.lookup(figures[0].indicator)
    assert entry is not None and entry.id == example.id, (figures[0].indicator, entry and entry.id)


def test_every_indicator_has_an_example_and_the_vocabulary_is_large_enough():
    assert {e.id for e in VOCABULARY.examples} == set(VOCABULARY.ids())
    assert len(VOCABULARY.indicators) >= 150


def test_lookup_normalizes_scope_words_verbs_and_a_measure_word():
    assert VOCABULARY.lookup("全市地区生产总值").id == "econ.gdp"
    assert VOCABULARY.lookup("获授权发明专利").id == VOCABULARY.lookup("发明专利授权量").id
    assert VOCABULARY.lookup("有效发明专利拥有量").id == "ip.valid_invention_patents"
    assert VOCABULARY.lookup("企业") is None  # a phrase the vocabulary does not name gets no id
    # a count of the kinds a phrase sums, at its start or ending the list of them, is no part of it
    income = VOCABULARY.lookup("社会保险基金总收入")
    assert income is not None and VOCABULARY.lookup("四项社会保险基金总收入") is income
    assert VOCABULARY.lookup("城镇职工基本养老保险、失业保险、工伤保险三项社会保险基金总收入") is income
    # a bracketed part goes first; places of no one division are scope words; 范围 a range
    assert VOCABULARY.lookup("细颗粒物（PM2.5）平均浓度").id == "env.pm25"
    assert VOCABULARY.lookup("各县（市、区）PM2.5平均浓度范围").id == "env.pm25"
    assert VOCABULARY.lookup("中心城区空气质量优良天数比例").id == "env.good_air_days_ratio"
    # quotation marks are not words (a phrase cut after an opening quote keeps the closing one)
    assert VOCABULARY.lookup("一带一路”沿线国家进出口").id == "trade.belt_and_road_trade"
    # a share word at the end reads as 比重 (比例, 比率), also after a trailing word (…比例平均)
    assert VOCABULARY.lookup("提取额占当年缴存额的比率").id == "hpf.withdrawal_ratio"
    assert VOCABULARY.lookup("设区城市环境空气质量优良天数比重平均").id == "env.good_air_days_ratio"
    assert VOCABULARY.lookup("") is None and VOCABULARY.lookup(None) is None


HEAD = 'strip_leading = ["全市"]\nstrip_trailing = ["量"]\n'
ONE = '{ id = "econ.gdp", name = "地区生产总值", aliases = ["GDP"], dimension = "money" }'
EXAMPLE = 'examples = [{ text = "地区生产总值100亿元。", figure = "100亿元", id = "econ.gdp" }]\n'


@pytest.mark.parametrize(
    "text, message",
    [
        (HEAD + f"indicators = [{ONE}, {ONE}]\n" + EXAMPLE, "indicator econ.gdp: the id is used twice"),
        (
            HEAD + f'indicators = [{ONE}, {{ id = "econ.gdp2", name = "全市GDP", dimension = "money" }}]\n' + EXAMPLE,
            "indicator econ.gdp2: '全市GDP' reads as 'GDP', which already names econ.gdp",
        ),
        (
            HEAD + f'indicators = [{ONE}, {{ id = "econ.other", name = "其他", dimension = "money" }}]\n' + EXAMPLE,
            "1 indicators have no example: econ.other",
        ),
        (
            HEAD + 'indicators = [{ id = "econ.gdp", name = "地区生产总值", dimension = "cnt" }]\n' + EXAMPLE,
            "indicators.0.dimension (econ.gdp): Input should be",
        ),
        (
            HEAD
            + 'indicators = [{ id = "econ.gdp", name = "地区生产总值", dimension = "money", alias = ["GDP"] }]\n'
            + EXAMPLE,
            "indicators.0.alias (econ.gdp): Extra inputs are not permitted",
        ),
        (
            HEAD + 'indicators = [{ id = "GDP", name = "地区生产总值", dimension = "money" }]\n' + EXAMPLE,
            "indicators.0.id (GDP): String should match pattern",
        ),
        (
            HEAD + f"indicators = [{ONE}]\n" + EXAMPLE.replace('id = "econ.gdp" }', 'id = "econ.gpd" }'),
            "examples[0]: no indicator 'econ.gpd'",
        ),
        ("indicators = [", "not TOML"),
        (
            HEAD.replace("strip_trailing", 'contexts = [{ when = ["价格"] }]\nstrip_trailing', 1)
            + f"indicators = [{ONE}]\n"
            + EXAMPLE,
            "a context has a prefix or a suffix",
        ),
        (
            HEAD + "peak_said = '单日(最高'\n" + f"indicators = [{ONE}]\n" + EXAMPLE,
            "peak_said: Value error, not a regular expression",
        ),
    ],
)
def test_a_malformed_vocabulary_is_one_line_naming_the_entry(text, message):
    with pytest.raises(VocabularyError) as error:
        parse(text, "test.toml")
    assert str(error.value).startswith("test.toml: ") and message in str(error.value)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    "text, figure, expected, rule",
    [
        # the place a phrase starts with says where, not what (a full name or a short one)
        (
            "上半年，湖北省规模以上工业增加值同比增长7.2%。",
            "7.2%",
            "ind.above_scale_value_added",
            "indicator_id.after_place",
        ),
        ("1-8月，宜昌城镇新增就业3.6万人。", "3.6万人", "emp.urban_new_jobs", "indicator_id.after_place"),
        ("其中，江汉区高新技术企业320家。", "320家", "sci.high_tech_enterprises", "indicator_id.after_place"),
        # a list of places before the measure says where (each place's measure), not what
        (
            "上饶市、抚州市地表水国考断面水质优良比例均为100%。",
            "100%",
            "env.good_water_ratio",
            "indicator_id.after_place",
        ),
        # a count is never a percentage: the cities counted, not their ratio
        ("全省13个设区城市环境空气质量优良天数比例平均为88.6%。", "13个", None, "indicator_id.none_other_measure"),
        # (a kind's row of a grain release's table, 薯类, that the vocabulary does not name: not
        # the field's measure, which is all grain's; 稻谷's row names its own)
        (
            "2024年邵阳市粮食生产情况\n\n表3　分品种粮食播种面积和产量\n品种\t播种面积（万亩）\t总产量（万吨）\n稻谷\t402.10\t170.33\n薯类\t21.07\t5.12\n",
            "21.07",
            None,
            None,
        ),
        (
            "2024年邵阳市粮食生产情况\n\n表3　分品种粮食播种面积和产量\n品种\t播种面积（万亩）\t总产量（万吨）\n稻谷\t402.10\t170.33\n薯类\t21.07\t5.12\n",
            "402.10",
            "agri.rice_area",
            "indicator_id.subject",
        ),
        # (what is new, 新开工, where no entry names the new ones: not all of them)
        (
            "2025年全市重点项目建设情况\n\n全年新开工亿元以上项目215个，比上年增加12个。",
            "215个",
            None,
            "indicator_id.none_new",
        ),
        (
            "2025年全市重点项目建设情况\n\n全年新开工亿元以上项目215个，比上年增加12个。",
            "12个",
            None,
            "indicator_id.none_new",
        ),
        ("全年新认定高新技术企业64家，有效期内高新技术企业达到318家。", "64家", None, "indicator_id.none_new"),
        # (a count of places where the measure is a physical one no example counts: the places)
        (
            "全省100个县（市、区）中，PM2.5平均浓度低于国家二级标准的有81个，比上年同期增加6个。",
            "81个",
            None,
            "indicator_id.none_other_measure",
        ),
        (
            "全省13个设区城市环境空气质量优良天数比例平均为88.6%。",
            "88.6%",
            "env.good_air_days_ratio",
            "indicator_id.vocabulary",
        ),
        # a verb of action the phrase starts with says what was done, not what is measured
        ("全年更新投放新能源公交车126辆。", "126辆", "transp.new_energy_buses", "indicator_id.after_verb"),
        # a body's name the phrase starts with says who, not what
        ("1-6月，成都高新区新登记企业3480户。", "3480户", "mkt.new_enterprises", "indicator_id.after_org"),
        # what the figure did, after the measure, is not part of it
        ("全县森林火灾受害率控制在0.05‰以内。", "0.05‰", "emerg.forest_fire_damage_rate", "indicator_id.before_cut"),
        # a list before 分别 ends before its comparison (较2024年): not a part of the last item
        ("全市生产安全事故起数、死亡人数较2023年分别下降8%和6%。", "8%", "safety.accidents", "indicator_id.vocabulary"),
        # an entry only_in a jurisdiction's releases: the jurisdiction names it (澳門 read as 澳门)
        (
            "澳門特別行政區政府統計暨普查局資料顯示，本年首季入境旅客共982萬人次。",
            "982萬人次",
            "tour.visitor_arrivals",
            "indicator_id.vocabulary",
        ),
        ("本年首季全省入境旅客共982万人次。", "982万人次", None, None),  # not on the mainland
        # a rank of the measure carries its id
        ("1-9月，全市PM2.5浓度排名全省第3位。", "第3位", "env.pm25", "indicator_id.vocabulary"),
        # … but not when what remains is too vague to be the measure (检查企业 is not 企业)
        ("全年共检查企业1862家次。", "1862家次", None, None),
        # a percentage after 占 is a share of the count, another measure: no id
        ("其中，江汉区高新技术企业320家，占全市的18.5%。", "18.5%", None, None),
        # a word that goes on from the figure before it in a list: read with that figure's phrase
        (
            "1-9月，全市共发生生产安全事故15起、死亡12人，同比分别下降6.3%和7.7%。",
            "12人",
            "safety.accident_deaths",
            "indicator_id.listed_after",
        ),
        (  # (its growth, of the same phrase, is read as it was)
            "1-9月，全市共发生生产安全事故15起、死亡12人，同比分别下降6.3%和7.7%。",
            "7.7%",
            "safety.accident_deaths",
            "indicator_id.of_qualified",
        ),
        # (with 已 between: what was done to what the figure before counts)
        (
            "全县发现各类事故隐患4315项，已整改4207项。",
            "4207项",
            "safety.hazards_rectified",
            "indicator_id.listed_after",
        ),
        # … or with the beginning of the phrase before it (粮食|播种面积，总产量); a short phrase first
        (
            "2024年，全县粮食播种面积120.5万亩，总产量52.3万吨，同比增长2.1%。",
            "52.3万吨",
            "agri.grain_output",
            "indicator_id.listed_after",
        ),
        ("全市共有普通高中45所，在校生8.6万人。", "8.6万人", "edu.high_school_students", "indicator_id.of_kind"),
        (
            "1-10月，全市发明专利授权量2,310件，同比增长8.5%，授权总量居全省第4位。",
            "第4位",
            "ip.invention_patents_granted",
            "indicator_id.listed_after",
        ),
        # a comparison or a rank with no id of its own: the figure its sentence is about
        (
            "前三季度，全县农村常住居民人均可支配收入15230元，增长7.1%，快于城镇居民2.3个百分点。",
            "2.3个百分点",
            "hh.rural_disposable_income",
            "indicator_id.compared",
        ),
        # (a share is its own measure, never the amount's)
        (
            "全市工业投资增长9.7%，工业投资占全部投资的比重为33.8%。",
            "33.8%",
            "inv.industrial_investment_share",
            "indicator_id.vocabulary",
        ),
        # (each list item with its own head: the second 总产量 is the corn's, not the wheat's)
        (
            "全市小麦播种面积100万亩，总产量50万吨，玉米播种面积80万亩，总产量40万吨。",
            "40万吨",
            "agri.corn_output",
            "indicator_id.listed_after",
        ),
        (
            "全市共有普通高中45所，在校生8.6万人，初中120所，在校生15.3万人。",
            "15.3万人",
            "edu.junior_high_students",
            "indicator_id.of_kind",
        ),
        # (no comparison: 性别比, 超过亿元的项目; a rank of a figure with no id takes none)
        ("年末全市常住人口500.2万人，出生人口性别比为105.2。", "105.2", None, None),
        ("全市固定资产投资增长5.2%，投资超过亿元的项目达120个。", "120个", None, None),
        ("全市地区生产总值5000亿元，增长5%，低空经济规模800亿元，居全省第2位。", "第2位", None, None),
        # (a doer the measure restates, or one the vocabulary reads with it, is no part)
        (
            "全年全市资质以上建筑业企业完成建筑业总产值2865.3亿元，增长4.6%。",
            "2865.3亿元",
            "constr.total_output",
            "indicator_id.subject",
        ),
        (
            "2024年，全市1200家规模以上工业企业实现营业收入3000亿元。",
            "3000亿元",
            "ind.above_scale_revenue",
            "indicator_id.subject",
        ),
        # a count where the entry is money (or money where it is a count) is another measure
        ("今年以来，全市发放创业担保贷款326笔、4.2亿元。", "326笔", None, "indicator_id.none_other_measure"),
        (
            "今年以来，全市发放创业担保贷款326笔、4.2亿元。",
            "4.2亿元",
            "emp.startup_guarantee_loans",
            "indicator_id.vocabulary",
        ),
        # who did the verb before the measure is read with it (indicator_id.subject) …
        (
            "1-8月，全市规模以上服务业企业实现营业收入263.8亿元，同比增长7.2%。",
            "263.8亿元",
            "serv.above_scale_services_revenue",
            "indicator_id.subject",
        ),
        (
            "1-8月，全市规模以上服务业企业实现营业收入263.8亿元，同比增长7.2%。",
            "7.2%",
            "serv.above_scale_services_revenue",
            "indicator_id.of_qualified",
        ),
        # … and a doer that is a part (narrowed_by: 景区) makes it a part of the measure: no id
        (
            "国庆假期，全市纳入监测的28家重点景区共接待游客312.6万人次，同比增长8.4%。",
            "312.6万人次",
            None,
            "indicator_id.none_part",
        ),
        (
            "国庆假期，全市纳入监测的28家重点景区共接待游客312.6万人次，同比增长8.4%。",
            "8.4%",
            None,
            "indicator_id.none_of_withheld",
        ),
        # … as is one day's count (单日: the day's, not the measure's total)
        (
            "国庆假期，全市接待游客537.4万人次，10月3日单日接待游客达71.6万人次。",
            "71.6万人次",
            None,
            "indicator_id.none_part",
        ),
        (
            "国庆假期，全市接待游客537.4万人次，10月3日单日接待游客达71.6万人次。",
            "537.4万人次",
            "tour.visitors",
            "indicator_id.vocabulary",
        ),
        (
            "国庆假期，全市共接待游客486.2万人次，同比增长9.6%。",
            "486.2万人次",
            "tour.visitors",
            "indicator_id.vocabulary",
        ),
        # a measure after who did it and how (累计, 分别, a verb of action): indicator_id.after_doing …
        (
            "国庆假期，全市公路、水路、铁路、民航累计发送旅客413.7万人次，同比增长5.8%，日均55.2万人次。",
            "413.7万人次",
            "transp.passenger_volume",
            "indicator_id.after_doing",
        ),
        # (a list of who before 分别 is no part of the phrase: 引进人才 alone)
        ("宜昌高新区、猇亭区分别引进人才1200人和860人。", "860人", "emp.talent_introduced", "indicator_id.vocabulary"),
        # … or read without an adverb of how much inside it (累计 says nothing of what is measured)
        (
            "国庆假期，全省高速公路合计通行车辆2105.6万辆次，同比增长4.6%。",
            "2105.6万辆次",
            "transp.expressway_traffic",
            "indicator_id.after_doing",
        ),
        (
            "以电动汽车、锂电池、太阳能电池为代表的“新三样”产品合计出口57.3亿元，增长18.9%。",
            "57.3亿元",
            "trade.new_three_exports",
            "indicator_id.after_doing",
        ),
        # a counted noun read after the verb right before its count (indicator_id.verb_before_count)
        (
            "1-10月，全省扶持3.16万人自主创业。",
            "3.16万人",
            "emp.entrepreneurs_supported",
            "indicator_id.verb_before_count",
        ),
        # a count of another kind of thing than the entry counts: visits are not institutions,
        # households not people (counter_kinds)
        (
            "其中，医院96.51万人次，基层医疗卫生机构132.86万人次。",
            "132.86万人次",
            None,
            "indicator_id.none_other_measure",
        ),
        ("年末全市共有城乡低保对象12.46万户、21.38万人。", "12.46万户", None, "indicator_id.none_other_measure"),
        (
            "年末全市共有城乡低保对象12.46万户、21.38万人。",
            "21.38万人",
            "ss.minimum_living_allowance_recipients",
            "indicator_id.vocabulary",
        ),
        # a share right after a count no entry names is a share of what is counted, not the
        # entry its phrase names (第二产业 firms: not the secondary industry's share of the economy)
        (
            "新登记经营主体中，第二产业860户，占14.8%；第三产业4890户，占84.3%。",
            "14.8%",
            None,
            "indicator_id.none_share_of_count",
        ),
        (
            "全市地区生产总值2400亿元，其中第二产业增加值960亿元，占40.0%。",
            "40.0%",
            "econ.secondary_share",
            "indicator_id.vocabulary",
        ),
        # 共 inside 公共 is no doing before the rest (measure_after_inside): 专业公共卫生机构 are not
        # all 卫生机构
        ("其中，医院21个，专业公共卫生机构9个。", "9个", None, None),
        # how long a streak lasted is no level of the measure, nor a change of it
        ("8月末，全市商品房待售面积196.3万平方米，连续下降4个月。", "4个月", None, "indicator_id.none_duration"),
        # a monitored sample's level is the sample's (sample_marks), and its growth; its rate is the measure
        (
            "假期全县纳入监测的5个重点商圈实现社会消费品零售总额2.46亿元，同比增长6.1%。",
            "2.46亿元",
            None,
            "indicator_id.none_sample",
        ),
        (
            "假期全县纳入监测的5个重点商圈实现社会消费品零售总额2.46亿元，同比增长6.1%。",
            "6.1%",
            None,
            "indicator_id.none_of_withheld",
        ),
        (
            "假期全县重点监测的42家酒店平均入住率78.6%。",
            "78.6%",
            "tour.hotel_occupancy_rate",
            "indicator_id.vocabulary",
        ),
        # parts listed after a rate are the parts' rates, not counts of the parts
        (
            "全市医院病床使用率79.4%，比上年提高1.1个百分点。其中，公立医院86.2%，民营医院61.5%。",
            "86.2%",
            None,
            "indicator_id.none_rate_part",
        ),
        (
            "全市医院病床使用率79.4%，比上年提高1.1个百分点。其中，公立医院86.2%，民营医院61.5%。",
            "61.5%",
            None,
            "indicator_id.none_rate_part",
        ),
        # (mends of a review: a kind's measure in a table is its row's, not a kind read off the
        # column 学校数; a part after 其中 or a new subject after 全县 is no kind; a station that
        # measured the whole is no sample, nor the whole after one; a part of the whole's
        # measure keeps its own id under it; a part's rate and its change have none)
        (
            "表2　2025年各级各类学校情况\n学校类型\t学校数（所）\t招生（人）\t在校生（人）\n小学\t120\t13870\t84260",
            "84260",
            "edu.primary_students",
            "indicator_id.subject",
        ),
        (
            "全市共有医疗卫生机构2860个，其中医院134个。床位4.12万张。",
            "4.12万张",
            "health.beds",
            "indicator_id.of_kind",
        ),
        (
            "全年新建改扩建学校12所，新增学位7260个；年末全县床位2860张。",
            "2860张",
            "health.beds",
            "indicator_id.listed_after",
        ),
        (
            "据全市12个国控站点监测的数据，1—6月全市PM2.5平均浓度为31微克/立方米，同比下降6.1%。",
            "31微克/立方米",
            "env.pm25",
            "indicator_id.vocabulary",
        ),
        (
            "春节假期，全市纳入监测的48家A级旅游景区接待游客51.2万人次，全市共接待游客326.5万人次。",
            "326.5万人次",
            "tour.visitors",
            "indicator_id.vocabulary",
        ),
        (
            "某市1-9月主要指标\n指标\t单位\t1-9月\n进出口总额\t亿元\t356.2\n　一般贸易\t亿元\t201.4",
            "201.4",
            "trade.general_trade",
            "indicator_id.vocabulary",
        ),
        (
            "某县主要指标\n指标\t单位\t2025年\n农林牧渔业总产值\t亿元\t86.2\n　农业产值\t亿元\t41.4",
            "41.4",
            "agri.crop_farming_output_value",
            "indicator_id.vocabulary",
        ),
        (
            "全市医院病床使用率80.7%。其中，公立医院87.1%，比上年提高2.1个百分点；民营医院63.4%。",
            "2.1个百分点",
            None,
            "indicator_id.none_of_withheld",
        ),
        (
            "全市医院病床使用率80.7%。其中，公立医院87.1%，比上年提高2.1个百分点；民营医院63.4%。",
            "63.4%",
            None,
            "indicator_id.none_rate_part",
        ),
        (
            "某区主要指标\n指标\t单位\t2025年\t比上年增长率（%）\n地区生产总值\t亿元\t1356.2\t5.6",
            "5.6",
            "econ.gdp",
            "indicator_id.table_row",
        ),
        # … and beds are not the hospitals (a counter kind of its own)
        ("其中，公立医院6430张，民营医院3120张。", "3120张", None, "indicator_id.none_other_measure"),
        # a measure every kind of school has, said after a sentence or clause that opens with a
        # kind: that kind's (中等职业学校在校生), or none where no entry names it (kind_members)
        (
            "全县中等职业学校4所，招生1830人，在校生5270人。",
            "5270人",
            "edu.secondary_vocational_students",
            "indicator_id.of_kind",
        ),
        (
            "全区小学37所，比上年减少1所；招生4020人，在校生25870人。",
            "25870人",
            "edu.primary_students",
            "indicator_id.of_kind",
        ),
        ("普通高中7所，在校生9630人。专任教师742人，生师比13.0∶1。", "742人", None, "indicator_id.none_of_kind"),
        ("全县共有养老机构46个，床位5120张。", "5120张", "health.elderly_care_beds", "indicator_id.of_kind"),
        ("全县有41所幼儿园开设托班，提供托位1260个。", "1260个", None, "indicator_id.none_of_kind"),
        (
            "中等职业学校3所，招生2460人，在校生6940人；毕业生2130人，毕业生就业（含升学）率96.8%。",
            "96.8%",
            None,
            "indicator_id.none_of_kind",
        ),
        ("社区养老服务设施132个，床位1860张。", "1860张", None, "indicator_id.none_of_kind"),
        (
            "全区共有各级各类学校126所，在校学生9.6万人；专任教师6210人。",
            "6210人",
            "edu.full_time_teachers",
            "indicator_id.of_kind",
        ),
        # … across a ；, within its sentence (农村居民 of the wage income: the business income's too)
        (
            "上半年，全县农村居民人均工资性收入4620元，增长6.1%；人均经营净收入2780元，增长5.0%。",
            "2780元",
            "hh.rural_business_net_income",
            "indicator_id.listed_after",
        ),
        # … and a measure read narrower after the mode an earlier figure of its sentence names
        (
            "公路货运量17.86亿吨，增长3.9%，货物周转量4926.35亿吨公里。",
            "4926.35亿吨公里",
            "transp.road_freight_turnover",
            "indicator_id.listed_after",
        ),
        # items before 分别 that name a measure with the one after it (公路货运量, 水路货运量)
        (
            "9月当月，公路、水路分别完成货运量1.87亿吨和0.94亿吨。",
            "0.94亿吨",
            "transp.waterway_freight",
            "indicator_id.vocabulary",
        ),
        # a phrase that reads as an increase only once 新增 is stripped (贷款) is the stock's, unless
        # it or its change says an increase (一季度贷款增加…)
        ("其中，赣州市贷款同比增长9.8%，居全省第1位。", "9.8%", "fin.loans_balance", "indicator_id.stock_of"),
        ("一季度贷款增加2318.4亿元。", "2318.4亿元", "fin.loans_increase", "indicator_id.vocabulary"),
        # a figure its sentence says is a single day's record measures the peak day (and its growth)
        (
            "10月2日，全省高速公路车流量达298.5万辆，为假期单日最高，同比增长2.7%。",
            "2.7%",
            "transp.peak_day_expressway_traffic",
            "indicator_id.of_qualified",
        ),
        (
            "10月3日全省铁路发送旅客76.35万人次，创单日发送旅客历史新高。",
            "76.35万人次",
            "transp.railway_peak_day_passengers",
            "indicator_id.peak_day",
        ),
        ("全省铁路发送旅客485.36万人次。", "485.36万人次", "transp.railway_passengers", "indicator_id.vocabulary"),
        # a bare measure word said of a place: the measure of the paragraph's figure it ends (投资)
        (
            "1—9月，全市房地产开发投资142.7亿元，同比下降5.4%。枣阳市、宜城市投资分别增长3.2%和1.5%。",
            "1.5%",
            "inv.real_estate_development_investment",
            "indicator_id.bare_measure",
        ),
        # … not one cut from a longer phrase (亿元以上项目完成投资 is not the paragraph's investment)
        ("全市房地产开发投资142.7亿元。亿元以上项目完成投资同比增长8.6%。", "8.6%", None, None),
        # a measure after 分别, the list before it says who (分别完成一般公共预算收入)
        (
            "张家港经济技术开发区、锦丰镇分别完成一般公共预算收入36.18亿元、19.42亿元。",
            "19.42亿元",
            "fisc.general_budget_revenue",
            "indicator_id.vocabulary",
        ),
        (
            "柳泉镇、马坡镇分别出栏生猪7.35万头、6.18万头。",
            "6.18万头",
            "agri.hogs_slaughtered",
            "indicator_id.vocabulary",
        ),
        # a real estate release's bare 投资 is the development investment
        (
            "2025年前三季度全市房地产市场运行情况\n\n分地区看，金水区完成投资52.7亿元。",
            "52.7亿元",
            "inv.real_estate_development_investment",
            "indicator_id.release_field",
        ),
        # what is new is another measure than what there is: read with the word before the indicator
        (
            "1-9月，全市新设立经营主体4.73万户，同比增长3.8%。",
            "4.73万户",
            "mkt.new_business_entities",
            "indicator_id.with_new",
        ),
        # the longest ending of the phrase that starts with a verb of what was done: indicator_id.verb_ending …
        (
            "1-9月，全县劳动保障监察机构主动检查用人单位1468户。",
            "1468户",
            "emp.employers_inspected",
            "indicator_id.verb_ending",
        ),
        # … not after a negation, an average or a part (尚未整改, 人均检查, 涉民生)
        ("全县尚未整改隐患135处。", "135处", None, None),
        ("监察员人均检查用人单位52户。", "52户", None, None),
        # (a new count's id is not money's)
        ("今年全市新设立经营主体320亿元。", "320亿元", None, "indicator_id.none_other_measure"),
        # … not when a verb comes before it too (both were done)
        ("汛前累计排查整改各类隐患243处。", "243处", None, None),
        # … unless who did it is a part (a station's passengers are not the place's)
        ("春节假期，合肥南站累计发送旅客12.3万人次。", "12.3万人次", None, "indicator_id.none_part"),
        # a short word that goes on from the figure before, read before its measure (日均发送旅客)
        (
            "国庆假期，全市公路、水路、铁路、民航累计发送旅客413.7万人次，同比增长5.8%，日均55.2万人次。",
            "55.2万人次",
            "transp.daily_passengers_sent",
            "indicator_id.listed_after",
        ),
        # … a short word read inside the phrase before it (铁路日均发送旅客), not only before its ending
        (
            "国庆假期，全省铁路累计发送旅客874.4万人次，日均109.3万人次。",
            "109.3万人次",
            "transp.railway_daily_passengers",
            "indicator_id.listed_after",
        ),
        # … a part after 其中 is read with the whole, and so is each part listed after it …
        (
            "全市今年秋粮计划播种面积6315万亩，其中玉米4927万亩、水稻846万亩、大豆532万亩。",
            "846万亩",
            "agri.rice_area",
            "indicator_id.listed_after",
        ),
        # … also after 其中： or in brackets, and after a growth, of the level it qualifies …
        (
            "全市今年秋粮计划播种面积6315万亩（其中：玉米4927万亩、水稻846万亩）。",
            "846万亩",
            "agri.rice_area",
            "indicator_id.listed_after",
        ),
        # … but never as the whole again, nor as a part of a share
        ("全年受理投诉举报咨询7.6万件，其中投诉3.1万件。", "3.1万件", None, None),
        (
            "全市外贸进出口1234.5亿元，占全省比重12.5%（其中出口800亿元）。",
            "800亿元",
            "trade.exports",
            "indicator_id.vocabulary",
        ),
        # … the figure before read without its adverb of how much (日均高速公路通行车辆)
        (
            "国庆假期，全省高速公路累计通行车辆2105.6万辆次，同比增长4.6%，日均263.2万辆次。",
            "263.2万辆次",
            "transp.daily_expressway_traffic",
            "indicator_id.listed_after",
        ),
        # a growth rate of the same phrase takes the id its level was read with (A级景区游客), …
        (
            "全市A级旅游景区累计接待游客437.9万人次，同比增长13.6%。",
            "13.6%",
            "tour.a_level_scenic_visitors",
            "indicator_id.of_qualified",
        ),
        # … and the growth of a part's figure in a 分别 list is the part's too: none
        (
            "全省重点监测的36家景区共接待游客87.6万人次，实现门票收入3.92亿元，同比分别增长27.4%和22.6%。",
            "27.4%",
            None,
            "indicator_id.none_of_withheld",
        ),
        # a percentage that is a change keeps the id of what it qualifies
        ("全市高新技术企业1520家，同比增长14.8%。", "14.8%", "sci.high_tech_enterprises", "indicator_id.of_qualified"),
        # a row that names the measure under a column that names none of its own (产量)
        (
            "某区统计公报\n\n产品名称\n单位\n产量\n比上年增长（%）\n发电量\n亿千瓦时\n2312.6\n7.8",
            "2312.6",
            "ind.electricity_generation",
            "indicator_id.table_row",
        ),
        # … and no id under a column that names a measure of the row's thing the vocabulary lacks
        (
            "某县教育事业统计公报\n\n学校类别\n学校数\n招生数\n在校生数\n幼儿园\n128\n3126\n10842",
            "3126",
            None,
            None,
        ),
        # a row indented under a thing's measure, of another measure the row does not restate the
        # thing of: the thing's (the waterway's turnover), which no entry names; a part of the
        # whole's measure keeps its own (出口总额 under 进出口总额)
        (
            "某省1-9月交通运输主要指标\n指标\t单位\t1-9月\n水路客运量\t万人\t214.8\n　旅客周转量\t万人公里\t2865.1",
            "2865.1",
            None,
            "indicator_id.none_part",
        ),
        (
            "某市1-9月主要指标\n指标\t单位\t1-9月\n进出口总额\t亿元\t356.2\n　出口总额\t亿元\t201.4",
            "201.4",
            "trade.exports",
            "indicator_id.vocabulary",
        ),
        # … nor under a rate or share of the row's measure (完成率, 占比: row_measure_ends)
        (
            "某区2025年工作目标完成情况\n\n指标\t单位\t目标\t完成\t完成率（%）\n技术合同成交额\t亿元\t20\t23.4\t117.0",
            "117.0",
            None,
            None,
        ),
        # … and one that says only how many (件数) takes the row's, the measure it names
        (
            "某县2025年政务服务工作情况\n\n事项类别\t件数\t同比增长（%）\n办理政务服务事项\t126500\t8.5",
            "126500",
            "gov.items_handled",
            "indicator_id.table_row",
        ),
        # a row whose name is a scenic spot's, with its district in the next column: the spot's
        # visitors (a part), not the district's (洛邑古城, not 老城区)
        (
            "2026年五一假期全市文旅市场情况\n\n表1　重点景区接待游客情况\n景区\t所在县区\t接待游客（万人次）\n洛邑古城\t老城区\t86.3",
            "86.3",
            None,
            "indicator_id.none_kind_row",
        ),
        # … while a column that counts the row's things takes the row's id
        (
            "某县卫生健康统计公报\n\n机构类别\n机构数\n床位数\n医院\n12\n2860",
            "12",
            "health.hospitals",
            "indicator_id.table_row",
        ),
        # what an accident caused, read with the accident, and the next one with the same words
        (
            "全市共发生道路交通事故1426起，造成387人死亡、1573人受伤。",
            "1573人",
            "safety.road_traffic_injuries",
            "indicator_id.listed_after",
        ),
        # an item before 分别 read with the first item's words
        (
            "全市道路交通事故起数、死亡人数、受伤人数同比分别下降8.4%、10.6%、6.3%。",
            "6.3%",
            "safety.road_traffic_injuries",
            "indicator_id.listed_after",
        ),
        # … after 为 as after 向
        (
            "为1.2万户企业发放稳岗返还资金1.4亿元。",
            "1.4亿元",
            "ss.job_stabilisation_refunds",
            "indicator_id.vocabulary",
        ),
        # the enterprises a count after 向 names receive the refunds: not theirs, as a narrowed measure
        (
            "向1.2万户企业发放稳岗返还资金1.4亿元。",
            "1.4亿元",
            "ss.job_stabilisation_refunds",
            "indicator_id.vocabulary",
        ),
        # a phrase whose entry alone is another field's (调解成功率: the courts' mediation) is read
        # with the figure before it first
        (
            "全年办结争议案件4.8万件，调解成功率68.4%。",
            "68.4%",
            "emp.labour_dispute_mediation_success_rate",
            "indicator_id.listed_after",
        ),
        # a part after 其中 read with its whole's phrase without the verb it opens with
        (
            "全年投入衔接推进乡村振兴补助资金2.7亿元，其中用于产业发展的比重为58.6%。",
            "58.6%",
            "agri.revitalization_fund_industry_share",
            "indicator_id.listed_after",
        ),
    ],
)
def test_indicator_id_after_a_place_from_a_list_and_not_for_another_measure(text, figure, expected, rule):
    q = next(q for q in extract(text).quantities if q.text == figure)
    assert (q.indicator_id, q.rules["indicator_id"]) == (expected, rule)


def test_an_items_heading_that_names_a_field_reads_its_short_phrases_as_the_fields():
    text = (
        "某市2024年10月份安全生产形势通报\n\n二、分行业领域情况\n\n"
        "（一）道路运输领域。1-10月共发生事故78起、死亡69人。\n\n（二）工矿商贸领域。共发生事故39起、死亡28人。\n"
    )
    got = {q.text: (q.indicator_id, q.rules["indicator_id"]) for q in extract(text).quantities}
    assert got["78起"] == ("safety.road_transport_accidents", "indicator_id.item_field")
    assert got["69人"] == ("safety.road_transport_deaths", "indicator_id.item_field")
    assert got["39起"] == ("safety.industry_commerce_accidents", "indicator_id.item_field")
    assert got["28人"] == ("safety.industry_commerce_deaths", "indicator_id.item_field")


def test_a_release_about_a_field_reads_its_measures_as_the_fields():
    """In a 住房公积金 report, 个人住房贷款 is the fund's loans (the vocabulary's `contexts`);
    the same words elsewhere are no measure of the fund."""
    report = "某市住房公积金2024年年度报告\n\n2024年，发放个人住房贷款5,216笔、26.31亿元，同比下降4.2%。年末个人住房贷款余额218.6亿元。"
    got = {q.text: (q.indicator_id, q.rules["indicator_id"]) for q in extract(report).quantities}
    assert got["26.31亿元"] == ("house.provident_fund_loans", "indicator_id.release_field")
    assert got["218.6亿元"] == ("hpf.loan_balance", "indicator_id.release_field")
    assert got["5,216笔"] == (None, "indicator_id.none_other_measure")  # the number of loans, not their amount
    elsewhere = extract("全市商业银行发放个人住房贷款26.31亿元。").quantities[0]
    assert not (elsewhere.indicator_id or "").startswith(("hpf.", "house.provident"))
    assert VOCABULARY.prefixes("某市住房公积金2024年年度报告") == ("住房公积金",)
    assert VOCABULARY.prefixes("2024年国民经济和社会发展统计公报") == ()
    # an environment bureau's 罚没款 and a safety bureau's 罚款 are their own fines
    environment = "池州市2025年1—5月生态环境质量状况\n\n全市查处环境违法案件37件，罚没款金额258.3万元。"
    safety = "松阳县应急管理局2024年工作总结\n\n全年立案查处安全生产违法行为47起，罚款金额213.6万元。"
    assert extract(environment).quantities[-1].indicator_id == "env.environmental_fines"
    assert extract(safety).quantities[-1].indicator_id == "safety.fines"
    # an industry release's 利润总额 is the industry's; a release that also covers services is not
    industry = "2025年1—9月全省规模以上工业经济运行情况\n\n1—9月，全省实现利润总额1647.3亿元，增长6.9%。"
    assert extract(industry).quantities[0].indicator_id == "ind.above_scale_profit"
    assert VOCABULARY.prefixes("1—10月规模以上工业和服务业企业利润情况") == ()
    # … and a place's measure of the field (盐湖区综合指数 in an air quality release)
    air = "2026年10月各县（市、区）环境空气质量排名情况的通报\n\n盐湖区综合指数同比改善5.9%。"
    assert extract(air).quantities[0].indicator_id == "env.air_quality_index"


def test_respectively_after_a_list_of_figures_each_change_is_of_its_own():
    """油菜播种面积…，产量…，分别增长1.2%和3.4%: the first change is of the first figure."""
    figures = {q.text: q for q in extract("油菜播种面积79.3万亩,产量14.6万吨,分别增长1.2%和3.4%。").quantities}
    assert figures["1.2%"].change.of == figures["79.3万亩"].id
    assert figures["3.4%"].change.of == figures["14.6万吨"].id


def test_a_bureaus_own_measure_only_in_its_releases():
    """出动执法人员 (`only_in` 市场监管) is market regulation's measure: a tourism bureau's
    release counts its own officers, which the vocabulary does not name."""
    market = "某市市场监督管理局2024年前三季度工作情况\n\n前三季度，全市共出动执法人员2.36万人次，检查各类经营主体1.8万户次。"
    tourism = "某市文化和旅游局国庆假期文旅市场情况\n\n假期期间，全市共出动执法人员940人次，检查文旅经营单位615家。"
    assert [q.indicator_id for q in extract(market).quantities] == [
        "mkt.enforcement_officers_deployed",
        "mkt.entities_inspected",
    ]
    assert [q.indicator_id for q in extract(tourism).quantities] == [None, None]


def test_indicator_id_of_a_row_that_narrows_the_column_and_of_parts_after_a_sentence():
    """A table row that names a kind of body (国有大型商业银行) under a column that names a
    measure (各项存款余额): the body's deposits, not the place's, so no id, nor for the change
    column's cell; 其中 opening the sentence after a whole reads its parts with the whole
    (医院 after …总诊疗人次: the hospitals' visits, not the number of hospitals), also after a rank
    of the whole's growth (…增速居全省第4位。其中，出口…)."""
    table = "表1　分机构存贷款情况\n单位：亿元\n机构类型\t各项存款余额\t比年初增减\n国有大型商业银行\t5824.3\t297.6"
    got = {q.text: q.indicator_id for q in extract(table).quantities}
    assert got == {"5824.3": None, "297.6": None}
    visits = "全年全县医疗卫生机构总诊疗人次231.5万人次，比上年增长4.7%。其中，医院96.5万人次。"
    assert {q.text: q.indicator_id for q in extract(visits).quantities}["96.5万人次"] == "health.hospital_visits"
    trade = "1-9月，全市外贸进出口总额176.3亿元，同比增长13.1%，增速居全省第4位。其中，出口121.5亿元。"
    assert {q.text: q.indicator_id for q in extract(trade).quantities}["121.5亿元"] == "trade.exports"


def test_indicator_id_not_of_a_fire_nor_of_a_share_after_respectively():
    """直接财产损失 of road accidents is no fire's loss (that entry is only in releases about
    fires); items 分别占 a total are their shares, not their levels."""
    roads = "上半年，全市共发生道路交通事故1426起，直接财产损失942.7万元。"
    assert {q.text: q.indicator_id for q in extract(roads).quantities}["942.7万元"] is None
    shares = "1-10月共发生事故78起、死亡69人，事故起数和死亡人数分别占全市总量的61.9%和66.3%。"
    assert {q.text: q.indicator_id for q in extract(shares).quantities}["66.3%"] is None


def test_an_increase_compared_with_last_years_is_of_the_increase():
    """比年初增加538.5亿元，同比多增62.2亿元: the second compares the increase with last year's:
    a change of the increase (its measure and id), not of the balance."""
    text = "10月末，全市各项存款余额10847.3亿元，同比增长5.9%；比年初增加538.5亿元，同比多增62.2亿元。"
    got = {q.text: q for q in extract(text).quantities}
    more = got["62.2亿元"]
    assert (more.change.basis, more.change.direction.value) == ("同比", "up")
    assert more.change.of == got["538.5亿元"].id and more.indicator_id == "fin.deposits_increase"


def test_review_fires_and_towns_keep_their_ids():
    """A reviewer's inputs: a fire's loss named in full keeps its id in any release, and a bare
    直接财产损失 is a fire's in a fire brigade's release; a town's row (高桥镇) is a place's and
    keeps its column's id."""
    safety = "某市2024年上半年安全生产形势通报\n上半年，全市火灾直接财产损失86万元。"
    assert extract(safety).quantities[0].indicator_id == "safety.fire_losses"
    brigade = "某市消防救援支队2024年火灾情况\n全年共接报火灾1200起，直接财产损失560万元。"
    assert extract(brigade).quantities[-1].indicator_id == "safety.fire_losses"
    towns = "某县2024年财政收支\n\n乡镇\t一般公共预算收入\t同比增长\n城关镇\t3120.5\t5.1\n高桥镇\t2120.5\t3.1"
    assert {q.indicator_id for q in extract(towns).quantities} == {"fisc.general_budget_revenue"}
