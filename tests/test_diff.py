"""extractor diff: the seed against edited copies (re-extracted from edited text, and
edited JSON), through the real command line; reports validate against schemas/."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from extractor.diff import canonical

from .conftest import ROOT

SEED = ROOT / "corpus" / "2023-bozhou-ip-press-conference.txt"
MOVED = "将4个侵权个人列入严重违法失信管理名单。"


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "extractor.cli", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )


def edit(text: str) -> str:
    text = text.replace("授权发明专利330件", "授权发明专利331件")  # a figure changed
    text = text.replace("加强知识产权领域信用信息采集和管理、信用风险分级及分类监管," + MOVED, "")
    text = text.replace(
        "出具电商侵权判定咨询意见42件。",  # a sentence moved
        "出具电商侵权判定咨询意见42件。加强知识产权领域信用信息采集和管理、信用风险分级及分类监管," + MOVED,
        1,
    )
    text = text.replace("专利执行保险4份,", "")  # a figure removed
    return text.replace("开放许可62件", "开放许可62项")  # a unit changed


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("diff")
    (base / "old").mkdir()
    (base / "new").mkdir()
    shutil.copy(SEED, base / "old" / "seed.txt")
    (base / "new" / "seed.txt").write_text(edit(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    for side in ("old", "new"):
        assert run_cli("run", str(base / side), "-o", str(base / f"{side}-out"), "-q").returncode == 0
    return base / "old-out", base / "new-out"


def test_diff_edited_copy_reports_each_change(outputs):
    old, new = outputs
    result = run_cli("diff", str(old), str(new), "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, json.loads((ROOT / "schemas" / "diff.schema.json").read_text(encoding="utf-8")))
    figures = report["documents"][0]["figures"]
    summary = sorted((f["status"], (f["new"] or f["old"])["text"], [c["field"] for c in f["changes"]]) for f in figures)
    assert summary == [("changed", "331件", ["value"]), ("changed", "62项", ["unit"]), ("removed", "4份", [])]
    changed = next(f for f in figures if f["new"] and f["new"]["text"] == "331件")
    assert "全市共获授权发明专利330件" in changed["old"]["sentence"] and "331件" in changed["new"]["sentence"]
    assert not any("侵权个人" == (f["new"] or f["old"])["indicator"] for f in figures), (
        "a moved sentence is not a change"
    )


def test_diff_identical_exits_0(outputs):
    old, _ = outputs
    result = run_cli("diff", str(old), str(old))
    assert result.returncode == 0 and "1 identical" in result.stdout


def test_diff_text_and_markdown_views(outputs):
    old, new = outputs
    text = run_cli("diff", str(old), str(new)).stdout
    assert "~ 330件" in text and "[value: 330 → 331]" in text and "- 4份" in text and "\x1b[" not in text
    markdown = run_cli("diff", str(old), str(new), "--format", "markdown").stdout
    assert markdown.startswith("**1 document**:") and "| ~ | s1 |" in markdown and "| − | s1 |" in markdown


def test_diff_json_edits_flag_and_indicator(outputs, tmp_path):
    old, _ = outputs
    document = json.loads((old / "seed.json").read_text(encoding="utf-8"))
    document["quantities"][4]["flags"] = ["suspect_figure"]  # a flag added
    document["quantities"][5]["indicator"] = "高价值发明专利拥有量"  # an indicator changed
    document["entities"] = document["entities"][1:]  # an entity removed
    document["metadata"]["publisher"]["value"] = "亳州市知识产权局"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    report = json.loads(run_cli("diff", str(old / "seed.json"), str(edited), "--format", "json").stdout)
    doc = report["documents"][0]
    changes = {(f["new"]["text"], c["field"]) for f in doc["figures"] for c in f["changes"]}
    assert changes == {("24件", "flags"), ("727件", "indicator")}
    assert [m["field"] for m in doc["metadata"]] == ["publisher"]
    assert [(e["status"], e["text"]) for e in doc["entities"]] == [("removed", "亳州市市场监督管理局")]


def test_diff_folder_pairs_added_and_removed_documents(outputs, tmp_path):
    old, _ = outputs
    other = tmp_path / "other"
    other.mkdir()
    assert run_cli("run", "tests/gold/a1-mianyang-q3-economy.txt", "-o", str(other), "-q").returncode == 0
    report = json.loads(run_cli("diff", str(old), str(other), "--format", "json").stdout)
    assert sorted(d["status"] for d in report["documents"]) == ["added", "removed"]


def test_diff_bad_input_exits_2(tmp_path):
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    result = run_cli("diff", str(tmp_path / "x.json"), str(tmp_path / "missing.json"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert (
        "x.json: not an extraction JSON" in run_cli("diff", str(tmp_path / "x.json"), str(tmp_path / "x.json")).stderr
    )


def test_diff_by_indicator_matches_the_hand_written_report(tmp_path):
    """The 2024 release of the seed's series, with reworded indicators, new and dropped
    figures and one stated growth that does not fit, against a report computed by hand."""
    expected = json.loads((ROOT / "tests" / "diff" / "expected-by-indicator.json").read_text(encoding="utf-8"))
    new_json = tmp_path / "2024.json"
    assert run_cli("extract", "tests/diff/2024-bozhou-ip-press-conference.txt", "-o", str(new_json)).returncode == 0
    result = run_cli(
        "diff", "--by-indicator", "output/2023-bozhou-ip-press-conference.json", str(new_json), "--format", "json"
    )
    assert result.returncode == 1, result.stderr  # values differ: 1, like diff
    report = json.loads(result.stdout)
    jsonschema.validate(
        report, json.loads((ROOT / "schemas" / "diff-by-indicator.schema.json").read_text(encoding="utf-8"))
    )

    def key(p):
        return (
            p["old_indicator"],
            p["new_indicator"],
            p["old_value"],
            p["new_value"],
            p["abs_change"],
            p["pct_change"],
            p["stated_growth"],
            p["growth_check"],
        )

    assert sorted(map(key, report["pairs"])) == sorted(map(key, expected["pairs"]))
    got = {p["old_indicator"]: p for p in report["pairs"]}
    for p in expected["pairs"]:
        if p["old_period"]:  # where the hand report gives a period, it is the one found
            assert (got[p["old_indicator"]]["old_period"], got[p["old_indicator"]]["new_period"]) == (
                p["old_period"],
                p["new_period"],
            )
    assert set(report["only_new"]) == set(expected["only_new"])
    assert set(report["only_old"]) == set(expected["only_old"])
    assert set(report["skipped_damaged"]) == set(expected["skipped_damaged"])
    mismatch = [p for p in report["pairs"] if p["growth_check"] == "mismatch"]
    assert [(p["new_indicator"], p["stated_growth"], p["pct_change"]) for p in mismatch] == [
        ("发明专利授权量", 15.2, 10.61)
    ]


def test_diff_by_indicator_views():
    text = run_cli(
        "diff",
        "--by-indicator",
        "output/2023-bozhou-ip-press-conference.json",
        "output/2023-bozhou-ip-press-conference.json",
    ).stdout
    assert "授权发明专利" in text and "+0.00" in text
    markdown = run_cli(
        "diff",
        "--by-indicator",
        "output/2023-bozhou-ip-press-conference.json",
        "output/2023-bozhou-ip-press-conference.json",
        "--format",
        "markdown",
    ).stdout
    assert (
        markdown.startswith("`corpus/2023-bozhou-ip-press-conference.txt` → ")
        and "| 授权发明专利 → 授权发明专利 | 件 | 330 | 330 |" in markdown
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("授权发明专利", "发明专利授权量"),
        ("获授权发明专利", "发明专利授权"),
        ("有效注册商标量", "有效注册商标"),
        ("规上工业增加值", "规模以上工业增加值"),
        ("实际利用外资", "实际使用外资"),
        ("全市新增城镇就业", "城镇新增就业"),
    ],
)
def test_by_indicator_matches_wording_variants_through_the_vocabulary(old, new):
    """What synonyms.toml did, the vocabulary does: variants of one measure match by its id,
    and a phrase it has no id for by the phrase as it normalizes it (累计…数 is …)."""
    assert canonical(old) == canonical(new) and "." in canonical(old)
    assert canonical("累计发放稳岗返还资金数") == canonical("发放稳岗返还资金")
    assert canonical("“专精特新”中小企业") == canonical("专精特新中小企业")
    assert canonical("县（市、区）") == canonical("县市区")
