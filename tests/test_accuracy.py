"""Accuracy on releases the rules were not written for: the team's annotated corpus
(tests/gold) plus the seed, scored by `extractor eval`, must stay above the targets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.evaluate import Report, evaluate, indicator_matches, locate

from .conftest import ROOT

GOLD = ROOT / "tests" / "gold"
TARGETS = {"figures_f1": 0.95, "indicator": 0.90, "dates_f1": 0.95, "damage": 0.95}


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(GOLD)


def test_accuracy_gold_annotations_fit_their_text():
    sys.path.insert(0, str(GOLD))
    try:
        import check_gold
    finally:
        sys.path.remove(str(GOLD))
    paths = sorted(GOLD.glob("*.gold.json"))
    assert len(paths) >= 16, "the gold corpus needs at least 15 releases beyond the seed"
    # every figure of every annotated set has its period, every release its reference
    paths += sorted(
        p
        for folder in ("heldout", "heldout2", "heldout3", "heldout4")
        for p in (GOLD.parent / folder).glob("*.gold.json")
    )
    # and (issue "Where and what") every figure its area and indicator id, every release its area
    check_gold.REQUIRE_PERIODS = check_gold.REQUIRE_AREAS = True
    try:
        assert [e for p in paths for e in check_gold.check(p)] == []
    finally:
        check_gold.REQUIRE_PERIODS = check_gold.REQUIRE_AREAS = False


def test_accuracy_targets(report):
    total = report.total()
    scores = {
        "figures_f1": total.figures.f1,
        "indicator": total.indicator.value,
        "dates_f1": total.dates.f1,
        "damage": total.damage.value,
    }
    below = {k: round(v, 3) for k, v in scores.items() if v < TARGETS[k]}
    assert not below, f"below target {TARGETS}: {below}"
    assert total.noise_leaks == 0


@pytest.mark.parametrize("name", sorted(p.name for p in GOLD.glob("*.gold.json")))
def test_accuracy_each_release_generalizes(report, name):
    """Every release, whatever its bureau or form, keeps most of its figures right."""
    doc = next(d for d in report.documents if name.startswith(Path(d.name).stem) or Path(d.name).stem in name)
    assert doc.figures.f1 >= 0.9, doc.problems
    assert doc.dates.recall >= 0.6 and doc.noise_leaks == 0


def test_accuracy_seed_is_in_the_corpus(report):
    assert any(d.name == "2023-bozhou-ip-press-conference.txt" for d in report.documents)


@pytest.mark.parametrize(
    "gold,pred,ok",
    [
        ("商标注册申请量", "商标注册申请量", True),
        ("授权发明专利", "获授权发明专利", True),
        ("死亡人数", "死亡", True),
        ("企业", "国家知识产权示范企业", True),
        ("出口", "进口", False),
        ("地区生产总值", None, False),
    ],
)
def test_accuracy_indicator_matching(gold, pred, ok):
    assert indicator_matches(gold, pred) is ok


def test_accuracy_a_ranks_or_a_changes_word_is_no_difference_for_a_rank_or_a_change():
    assert indicator_matches("综合指数排名", "环境空气质量综合指数", rank=True)  # (the figure's rank says 排名)
    assert not indicator_matches("综合指数排名", "环境空气质量综合指数")  # (a figure that is no rank)
    assert indicator_matches("综合指数同比改善幅度", "综合指数", change=True)  # (its change says the rest)
    assert not indicator_matches("出口增速", "进口", change=True)


def test_accuracy_locate_counts_occurrences_inside_longer_numbers():
    assert locate("共15件，其中5件", "5件", 1) == (2, 4)
    assert locate("共15件，其中5件", "5件", 2) == (7, 9)
    assert locate("共15件", "5件", 2) is None


def _eval_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "extractor.cli", "eval", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_accuracy_eval_cli_json(tmp_path):
    result = _eval_cli("tests/gold", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["overall"]["figures"]["f1"] >= TARGETS["figures_f1"]
    assert {"document", "figures", "dates", "entities", "damage_flagged", "problems"} <= set(data["documents"][0])


def test_accuracy_eval_cli_lists_problems_with_sentences(tmp_path):
    text = "全市新增企业12家，同比增长5%。\n"
    annotation = {
        "document": "r.txt",
        "genre": "test",
        "form": "news",
        "reference_date": "2024-01-01",
        "figures": [
            {
                "surface": "12家",
                "occurrence": 1,
                "value": 13,
                "unit": "家",
                "kind": "count",
                "indicator": "企业",
                "flags": [],
            }
        ],
        "dates": [],
        "entities": [],
        "damage": [],
        "noise": [],
    }
    gold_dir = _gold_folder(tmp_path, text, annotation)
    result = _eval_cli(str(gold_dir))
    assert result.returncode == 0, result.stderr
    assert "wrong" in result.stdout and "gold 13 家, got 12 家" in result.stdout
    assert "spurious" in result.stdout and "全市新增企业12家" in result.stdout


def test_accuracy_eval_cli_scores_a_prediction_folder(tmp_path):
    import shutil

    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    for name in ("a1-mianyang-q3-economy.txt", "a1-mianyang-q3-economy.gold.json"):
        shutil.copy(GOLD / name, gold_dir / name)
    extracted = subprocess.run(
        [
            sys.executable,
            "-m",
            "extractor.cli",
            "extract",
            str(gold_dir / "a1-mianyang-q3-economy.txt"),
            "-o",
            str(pred_dir / "a1-mianyang-q3-economy.json"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert extracted.returncode == 0, extracted.stderr
    fresh = json.loads(_eval_cli(str(gold_dir), "--format", "json").stdout)["overall"]
    stored = json.loads(_eval_cli(str(gold_dir), "--pred", str(pred_dir), "--format", "json").stdout)["overall"]
    assert stored == fresh


def test_accuracy_eval_cli_bad_annotation_is_a_clear_error(tmp_path):
    (tmp_path / "r.txt").write_text("全市新增企业12家。", encoding="utf-8")
    (tmp_path / "r.gold.json").write_text(
        json.dumps(
            {
                "document": "r.txt",
                "figures": [{"surface": "99家", "occurrence": 1, "value": 99, "unit": "家", "kind": "count"}],
            }
        ),
        encoding="utf-8",
    )
    result = _eval_cli(str(tmp_path))
    assert result.returncode == 2
    assert "r.gold.json" in result.stderr and "99家" in result.stderr and "Traceback" not in result.stderr


# indicator floors: heldout3's first measurement was 0.828 (its annotators name indicators
# more fully than the text does, 噪声类投诉 for 噪声类), heldout4's 0.856, heldout5's 0.847,
# the others' 0.876 and 0.858
# heldout6's figures: first measured 0.890 (clock times, hotlines, ages and class bounds
# read as figures), 0.918 after the general fixes, 0.982 once a table's header gave its cells
# their unit; heldout7's: first measured 0.933 (its 澳門 release in traditional characters
# 0.725), 0.961 after the general fixes; heldout8's: first measured 0.964 (indicator 0.832),
# 0.982 (0.902) after the general fixes; heldout9's: first measured 0.950 (0.857), 0.986 (0.868)
# after the general fixes; heldout10's: first measured 0.954 (0.833), 0.995 (0.876) once a
# table row written on one line was read as its cells; heldout11's: first measured 0.851 (0.738),
# 0.986 (0.761) once a unit line's several units went to their columns; their floors are under that
# where a set's own floors stand under the others', and why (each a little under its numbers)
_FLOORS = {
    # an education bulletin whose annotator dated what there is at the year's end by the year
    # (在园幼儿, 中等职业学校41所: 2024), where tests/gold/README.md's convention (a stock takes the
    # end of its period) and the other sets date it 2024-12-31: period 0.882, then 0.876 once a
    # count of schools (所) became a stock
    "heldout": {"period": 0.87},
    # dates: heldout10's annotators wrote no date for a holiday release's bare 假期 (which the
    # rules read as the holiday, dates.defined_term) and the year alone for 2019年 of 较2019年同期
    # (the holiday of 2019 here): 0.877 when first measured, 0.886 later
    "heldout10": {"dates": 0.85},
    # an audit report whose periods its prose names after the figures or as what the audit
    # looked into (2023年至2024年就业补助资金管理使用情况): period 0.772 first, 0.859 now; ids right
    # 0.883 first, 0.950 now (a health bulletin's parts and tables)
    "heldout11": {"period": 0.83, "id_right": 0.92},
    # a flood season and a May Day holiday: the annotators wrote 五一 alone as a date, no date
    # for a bare 假期, and the same days of a holiday's other years (2019年同期), which the rules
    # read as the year (dates 0.856 first, 0.866 now; times 0.899, values 0.928 -> 0.934); period
    # 0.655 first, 0.870 now; ids right 0.892 first, 0.914 now
    "heldout12": {"dates": 0.85, "times": 0.88, "time_values": 0.92, "period": 0.85, "id_right": 0.9},
    # a spring-transport press conference whose annotators wrote no date for 春运 used as a noun
    # (春运工作, 全市春运实现…), which the rules read as the period the release defines (dates
    # 0.960 first, 0.890 now, when 春运期间 became one span), and a key-projects notice whose
    # stocks at the half year's end (已开工…个, 开工率) the rules read over the half year
    # (period 0.764 first, 0.892 now)
    "heldout13": {"dates": 0.86, "period": 0.87},
    # a central bank branch's report whose annotators gave the balance's id to its change against
    # the year's start (存款余额…，比年初增加…: the other sets' 新增存款, indicator_id.increase_of), and
    # an education bulletin's with no id for each school level's teachers, students and places the
    # vocabulary names only for all levels (专任教师, 托位): ids right 0.887 first, 0.934 now; and
    # whose annotators marked as noise a site's masthead over its navigation (中国人民银行江西省分行)
    # and an attached file's name (相关附件：2026年1—10月…指标.xls), which other sets' annotate as an
    # organization and a date (a masthead as noise lost 80 areas there): 3 of 6 leaks left
    "heldout18": {"id_right": 0.92, "noise_leaks": 3},
    # a population bulletin and a health bulletin whose stocks at the year's end and rates of the
    # year (年末常住人口, 每千人口床位) the rules read otherwise: period 0.847 first; and whose
    # annotators marked as noise a site's masthead over its navigation (贵州省能源局), as heldout18's
    "heldout20": {"period": 0.83, "noise_leaks": 1},
    # (a site's masthead over its navigation marked as noise, as heldout18's and heldout20's)
    "heldout22": {"noise_leaks": 1},
}


@pytest.mark.parametrize(
    "folder,indicator_floor,figures_floor",
    [
        ("heldout", 0.85, 0.95),
        ("heldout2", 0.85, 0.95),
        ("heldout3", 0.82, 0.95),
        ("heldout4", 0.85, 0.95),
        ("heldout5", 0.82, 0.95),
        ("heldout6", 0.82, 0.95),
        ("heldout7", 0.82, 0.93),
        ("heldout8", 0.85, 0.95),
        ("heldout9", 0.82, 0.95),
        ("heldout10", 0.82, 0.95),
        # (its annotators name an audit's findings as clauses, 被挤占挪用或闲置就业补助资金 for
        # the phrase 就业补助资金, and a postal table's measure from its caption)
        ("heldout11", 0.74, 0.95),
        # (its annotators name a flood season's table cells by the caption, 汛期降雨量 for the
        # header's 常年同期 column's normals, and a tax press conference's measures as clauses;
        # figures: 0.919 first, 0.940 now: an education table under 单位：所、人 has no units)
        ("heldout12", 0.78, 0.93),
        # (its annotators name an industry release's products by their output, 水泥产量 for the
        # phrase 水泥, and a CPI release's categories with their price; figures 0.906 first, 0.995 now)
        ("heldout13", 0.72, 0.97),
        # (figures 0.771 first, 0.958 now: a water bulletin's table under 单位：毫米，亿立方米 over
        # four columns gets no units, which column is whose its unit line does not say)
        ("heldout14", 0.78, 0.94),
        # (figures 0.920 first, 0.997 now: a group's heading right under a table's headers was
        # read as a column's)
        ("heldout15", 0.86, 0.97),
        # (figures 0.965 first, 0.996 now: a rate's unit written 1/10万 in a unit column)
        ("heldout16", 0.83, 0.97),
        # (its annotators name an industry release's kinds of firm, industries and products by
        # their measure, 股份制企业增加值 for the phrase 股份制企业, 水泥产量 for 水泥, as heldout13's)
        ("heldout17", 0.70, 0.97),
        # (figures 0.940 first, 0.994 now: 单位：所、人 over an education table's columns, and a
        # rank column 全市位次 read in the row's unit)
        ("heldout18", 0.78, 0.97),
        # (first measured at f306cb5: figures 0.983, indicator 0.772)
        ("heldout19", 0.74, 0.96),
        # (first measured at f306cb5: figures 0.978, indicator 0.820)
        ("heldout20", 0.78, 0.95),
        # (first measured at 324e616: figures 0.991, indicator 0.859)
        ("heldout21", 0.80, 0.97),
        # (first measured at 324e616: figures 0.969, indicator 0.860)
        ("heldout22", 0.80, 0.96),
    ],
)
def test_accuracy_heldout_sets_stay_high(folder, indicator_floor, figures_floor):
    """Releases written without sight of the rules: a floor, not the targets, so that a rule
    change that generalizes badly shows up here."""
    sys.path.insert(0, str(GOLD))
    try:
        import check_gold
    finally:
        sys.path.remove(str(GOLD))
    paths = sorted((ROOT / "tests" / folder).glob("*.gold.json"))
    assert paths and [e for p in paths for e in check_gold.check(p)] == []
    total = evaluate(ROOT / "tests" / folder).total()
    floors = _FLOORS.get(folder, {})  # (the sets whose floors stand lower, and why: _FLOORS)
    assert total.figures.f1 >= figures_floor and total.indicator.value >= indicator_floor
    assert total.dates.f1 >= floors.get("dates", 0.9)
    assert total.noise_leaks <= floors.get("noise_leaks", 0)
    # time (issue "When"): first measured 0.34-0.49 of periods right and no relative date
    # found; floors a little under the numbers of the rules that read them (0.907-0.961 on
    # 2026-12-07; README, Accuracy)
    assert total.period.value >= floors.get("period", 0.88)
    assert total.times.f1 >= floors.get("times", 0.93) and total.time_values.value >= floors.get("time_values", 0.95)
    # where and what (issue "Where and what"): first measured 0.47-0.98 of areas right; floors
    # under today's 0.91-0.99 (README, Accuracy); an id given is right at least 0.94 of the time
    # (0.954-0.990 on 2026-12-07) and given to at least 0.4 of the figures (0.427-0.512 then,
    # after the vocabulary's growth to 935 entries and the blind re-annotation)
    assert total.area.value >= 0.9 and total.indicator_id_right.value >= floors.get("id_right", 0.94)
    assert total.indicator_id_given.value >= floors.get("id_given", 0.4)


def test_accuracy_eval_scores_periods_and_relative_dates(tmp_path):
    """A figure's period is scored where its annotation gives one (null included), and the
    relative dates (今年, 全年 …) apart from the calendar dates; both reach the text view."""
    text = "2024年1-9月，全市新增企业12家。今年以来，全市新增个体户30户。\n"
    annotation = {
        "document": "r.txt",
        "genre": "test",
        "form": "news",
        "reference_date": "2024-10-20",
        "reference": {"date": None, "period": "2024-01/2024-09"},
        "figures": [
            {
                "surface": "12家",
                "occurrence": 1,
                "value": 12,
                "unit": "家",
                "kind": "count",
                "indicator": "企业",
                "flags": [],
                "period": {"value": "2024-01/2024-09", "source": "sentence"},
            },
            {
                "surface": "30户",
                "occurrence": 1,
                "value": 30,
                "unit": "户",
                "kind": "count",
                "indicator": "个体户",
                "flags": [],
                "period": {"value": "2024-01-01/2024-10-20", "source": "sentence"},
            },
        ],
        "dates": [{"surface": "2024年1-9月", "occurrence": 1, "value": "2024-01/2024-09"}],
        "relative_dates": [{"surface": "今年以来", "occurrence": 1, "value": "2024-01-01/2024-10-20"}],
        "entities": [],
        "damage": [],
        "noise": [],
    }
    gold_dir = _gold_folder(tmp_path, text, annotation)
    data = json.loads(_eval_cli(str(gold_dir), "--format", "json").stdout)["overall"]
    assert data["period"]["total"] == 2 and data["period"]["right"] >= 1  # 1-9月 is read today
    assert data["relative_dates"]["tp"] + data["relative_dates"]["fn"] == 1
    text = _eval_cli(str(gold_dir)).stdout
    assert "period right" in text and "relative dates F1" in text


def test_accuracy_eval_scores_areas_and_indicator_ids(tmp_path):
    """A figure's area and indicator id are scored where its annotation gives them, and the
    release's area; the text view reports them."""
    text = "发布机构：亳州市统计局\n\n全市地区生产总值2000亿元，其中蒙城县新增企业12家。\n"
    figure = {"occurrence": 1, "flags": [], "approx": None, "change": None, "rank": None}
    annotation = {
        "document": "r.txt",
        "genre": "statistics",
        "form": "news",
        "reference_date": "2024-10-20",
        "reference": {"date": None, "period": None, "area": "亳州市"},
        "figures": [
            {
                **figure,
                "surface": "2000亿元",
                "value": 200000000000,
                "unit": "元",
                "kind": "money",
                "indicator": "地区生产总值",
                "area": "亳州市",
                "indicator_id": "econ.gdp",
            },
            {
                **figure,
                "surface": "12家",
                "value": 12,
                "unit": "家",
                "kind": "count",
                "indicator": "新增企业",
                "area": "亳州市",
                "indicator_id": None,
            },
        ],
        "dates": [],
        "entities": [],
        "damage": [],
        "noise": [],
    }
    gold_dir = _gold_folder(tmp_path, text, annotation)
    data = json.loads(_eval_cli(str(gold_dir), "--format", "json").stdout)["overall"]
    assert data["area"] == {"right": 1, "total": 2, "rate": 0.5}  # 12家 is 蒙城县's: the annotation says 亳州市
    assert data["reference_area"]["right"] == 1
    assert data["indicator_id_right"]["right"] == data["indicator_id_right"]["total"] == 1
    text = _eval_cli(str(gold_dir)).stdout
    assert "area right 0.500" in text and "indicator id given" in text


def test_accuracy_a_ranks_counter_or_none_is_its_unit(tmp_path):
    """A rank's unit is its counter (位) or none, as annotators write it; a count's is not."""
    text = "全市地区生产总值2000亿元，居全省第3位。新建学校5所。\n"
    figure = {"occurrence": 1, "flags": [], "approx": None, "change": None}
    annotation = {
        "document": "r.txt",
        "reference_date": "2024-10-20",
        "figures": [
            {
                **figure,
                "surface": "2000亿元",
                "value": 200000000000,
                "unit": "元",
                "kind": "money",
                "indicator": "地区生产总值",
                "rank": None,
            },
            {
                **figure,
                "surface": "第3位",
                "value": 3,
                "unit": None,
                "kind": "rank",
                "indicator": "地区生产总值",
                "rank": {"position": 3, "scope": "全省"},
            },
            {**figure, "surface": "5所", "value": 5, "unit": None, "kind": "count", "indicator": "学校", "rank": None},
        ],
        "dates": [],
        "entities": [],
        "damage": [],
        "noise": [],
    }
    gold_dir = _gold_folder(tmp_path, text, annotation)
    figures = json.loads(_eval_cli(str(gold_dir), "--format", "json").stdout)["overall"]["figures"]
    assert (figures["tp"], figures["fn"]) == (2, 1)  # 第3位 (位 for none) right; 5所 (所 for none) wrong


def test_accuracy_a_signed_cell_that_falls_is_right_with_or_without_its_sign(tmp_path):
    """-4.7 under 比上年增长（%）: annotators write -4.7 or 4.7 with direction down (both say the
    fall); a sign that disagrees with the direction is still wrong."""
    text = "表1　各县工业增加值\n县\t增加值（亿元）\t比上年增长（%）\n蒙城县\t215.3\t-4.7\n利辛县\t198.6\t-2.9\n"
    down = {"basis": "比上年", "direction": "down"}
    cell = {"occurrence": 1, "flags": [], "approx": None, "unit": "%", "kind": "percent", "indicator": "增加值"}
    annotation = {
        "document": "r.txt",
        "reference_date": "2024-10-20",
        "figures": [
            {**cell, "surface": "-4.7", "value": 4.7, "change": down, "rank": None},
            {**cell, "surface": "-2.9", "value": 2.9, "change": {**down, "direction": "up"}, "rank": None},
        ],
        "dates": [],
        "entities": [],
        "damage": [],
        "noise": [],
    }
    gold_dir = _gold_folder(tmp_path, text, annotation)
    figures = json.loads(_eval_cli(str(gold_dir), "--format", "json").stdout)["overall"]["figures"]
    assert figures["tp"] == 1  # -4.7 right; -2.9 annotated as a rise is not


def _gold_folder(tmp_path: Path, text: str, annotation: dict) -> Path:
    """A folder with one release (r.txt) and its annotation, as `extractor eval` reads it."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "r.txt").write_text(text, encoding="utf-8")
    (gold_dir / "r.gold.json").write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")
    return gold_dir
