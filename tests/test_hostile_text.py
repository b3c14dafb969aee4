"""Hostile input through the command line: shapes of text that once grew quadratically,
a release written as one line, digits of other scripts, figures too large to carry, and
web pages nested deep or heavy enough to need the time bound."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

HEADER = [
    "索引号 115107000083876123/2024-00236 组配分类 统计信息",
    "发布机构 绵阳市统计局 主题分类 统计、综合政务",
    "有效性 有效 关键词 经济运行",
    "名称 2024年前三季度绵阳市经济运行情况 文号",
    "生成日期 2024-10-22 发布日期 2024-10-23",
]
BODY = [
    "2024年前三季度绵阳市经济运行情况",
    "前三季度，全市地区生产总值2918.6亿元，同比增长6.2%，增速居全省第2位。",
    "规模以上工业增加值同比增长10.1%，社会消费品零售总额1137.6亿元，同比增长5.3%。",
]


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args], cwd=cwd or ROOT, capture_output=True, text=True, timeout=300
    )


def extract_json(path: Path) -> dict:
    done = cli("extract", str(path))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _errors(out: Path) -> list[dict]:
    errors = out / "errors.jsonl"
    return [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()] if errors.exists() else []


# Each took 13 s to minutes before its scan was made linear; now each takes under a second.
SLOW_SHAPES = {
    "di1.txt": "第1" * 3400,  # 20 KB: 21 s (ordinal counters, the base of each figure)
    "quotes.txt": "“一”" * 4500,  # 40 KB: 13 s (runs of quoted names)
    "unit_run.txt": "1个" * 10000,  # 40 KB: 17 s (the range scan from every number)
    "org.txt": "公司" * 1000,  # 6 KB: over a minute (organization names walked back to the start)
    "respectively.txt": "出口和进口分别增长1.5%和2.3%，" * 700,  # 分别 lists over every figure
}


def test_hostile_text_slow_shapes_run_within_the_time_bound(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name, text in SLOW_SHAPES.items():
        (src / name).write_text(text, encoding="utf-8")
    done = cli("run", str(src), "-o", str(tmp_path / "out"), "--jobs", "1", "--timeout", "10", "-q")
    assert done.returncode == 0, (done.stderr, _errors(tmp_path / "out"))
    document = json.loads((tmp_path / "out" / "di1.json").read_text(encoding="utf-8"))
    assert len(document["quantities"]) == 3399  # (the last 第1 has no character after it)


@pytest.mark.parametrize("joiner", [" ", "　", ""], ids=["space", "ideographic-space", "nothing"])
def test_hostile_text_one_line_release_with_header_keeps_its_figures(tmp_path, joiner):
    text = joiner.join(HEADER + BODY)
    path = tmp_path / "one-line.txt"
    path.write_text(text + "\n", encoding="utf-8")
    document = extract_json(path)
    figures = {q["text"]: q for q in document["quantities"]}
    assert {"2918.6亿元", "6.2%", "第2位", "10.1%", "1137.6亿元", "5.3%"} <= set(figures), sorted(figures)
    assert figures["2918.6亿元"]["indicator"] == "地区生产总值"
    assert document["metadata"]["index_number"]["value"] == "115107000083876123/2024-00236"
    assert document["metadata"]["published_date"]["value"] == "2024-10-23"
    for q in document["quantities"]:
        assert text[q["span"][0] : q["span"][1]] == q["text"]


def test_hostile_text_header_lines_of_a_normal_release_are_unchanged(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(HEADER + [""] + BODY) + "\n", encoding="utf-8")
    document = extract_json(path)
    assert document["metadata"]["name"]["value"] == "2024年前三季度绵阳市经济运行情况"
    assert document["metadata"]["published_date"]["value"] == "2024-10-23"
    assert len(document["quantities"]) == 6


def _new_digits() -> list[str]:
    """The digits \\d knows that Python's Decimal does not (Unicode 15 and 16)."""
    from decimal import Decimal, InvalidOperation

    import regex

    out = []
    for cp in range(0x10000, 0x20000):
        c = chr(cp)
        if regex.match(r"\d", c):
            try:
                Decimal(c)
            except InvalidOperation:
                out.append(c)
    return out


def test_hostile_text_digits_of_other_scripts_are_not_numbers(tmp_path):
    digits = _new_digits()
    assert len(digits) == 110 and {"\U000116d7", "\U00011f57", "\U0001e5f4"} <= set(digits)
    text = "".join(
        f"全市新增{c}{c}家企业，增长{c}.{c}%，20{c}{c}年{c}月{c}日，第{c}位，1{c}-3{c}万元，{c}亿元。\n" for c in digits
    )
    path = tmp_path / "digits.txt"
    path.write_text(text, encoding="utf-8")
    document = extract_json(path)
    for record in document["quantities"] + document["dates"]:
        assert not set(record["text"]) & set(digits), record


def test_hostile_text_figure_too_large_to_carry(tmp_path):
    path = tmp_path / "large.txt"
    path.write_text(
        "全市专项资金" + "9" * 4301 + "元。另有资金12345678901234567890亿元，"
        "调剂9999999999999999999999999999.5元，单价1.12345678901元，合计0.5万元。\n",
        encoding="utf-8",
    )
    done = cli("extract", str(path))
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)  # a 4,301-digit number would exceed Python's int digits limit
    figures = document["quantities"]
    assert [q["value"] for q in figures] == [None, 1234567890123456789000000000, None, None, 5000]
    for q in figures[:1] + figures[2:4]:
        assert q["flags"] == ["value_out_of_range"] and q["value_max"] is None
        assert q["text"] == document_text(path)[q["span"][0] : q["span"][1]]
    issues = [i for i in document["issues"] if i["code"] == "value_out_of_range"]
    assert len(issues) == 3 and "10^28" in issues[0]["message"] and "4302 characters" in issues[0]["message"]


def document_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


ARTICLE = "".join(f"<p>{s}</p>" for s in BODY)


def _nested_page(depth: int, article_inside: bool = True) -> str:
    opening = '<div class="wrap">' * depth
    closing = "</div>" * depth
    inner = f'<div id="zoom">{ARTICLE}</div>' if article_inside else ""
    return f"<html><head><title>{BODY[0]}</title></head><body>{opening}{inner}{closing}</body></html>"


def test_hostile_text_page_nested_300_levels_keeps_its_article(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(_nested_page(300), encoding="utf-8")
    document = extract_json(path)
    assert {"2918.6亿元", "1137.6亿元"} <= {q["text"] for q in document["quantities"]}


def test_hostile_text_page_nested_past_the_parser_limit_is_reported(tmp_path):
    path = tmp_path / "deeper.html"
    path.write_text(_nested_page(3000), encoding="utf-8")
    done = cli("extract", str(path))
    assert done.returncode == 1
    assert "deeper.html" in done.stderr and "2,048 levels" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    run = cli("run", str(path), "-o", str(tmp_path / "out"), "-q")
    assert run.returncode == 1
    assert [(e["code"], "2,048 levels" in e["message"]) for e in _errors(tmp_path / "out")] == [("html", True)]


def test_hostile_text_time_bound_covers_the_html_stage(tmp_path):
    # 4 MB of nested furniture around a short article: reading the page is the slow part
    furniture = ('<div class="nav-menu"><a href="#">首页</a>' * 150 + "</div>" * 150) * 200
    page = f'<html><head><title>{BODY[0]}</title></head><body>{furniture}<div id="zoom">{ARTICLE}</div></body></html>'
    path = tmp_path / "heavy.html"
    path.write_text(page, encoding="utf-8")
    done = cli("run", str(path), "-o", str(tmp_path / "out"), "--timeout", "0.1", "-q")
    assert done.returncode == 1, done.stderr
    assert [e["code"] for e in _errors(tmp_path / "out")] == ["timeout"]
    unbounded = cli("run", str(path), "-o", str(tmp_path / "out2"), "--timeout", "60", "-q")
    assert unbounded.returncode == 0, unbounded.stderr


def test_hostile_text_other_digits_table_is_regex_digits():
    """text.OTHER_DIGITS lists every digit but 0-9 that the regex module's \\d knows (a newer
    regex module knowing more digits fails here: add them)."""
    import regex

    from extractor.text import OTHER_DIGITS

    every = "".join(map(chr, range(0x110000)))
    known = {ord(c) for c in regex.findall(r"[\d--[0-9\uff10-\uff19]]", every, flags=regex.V1)}
    assert {cp for run in OTHER_DIGITS for cp in run} == known


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # (the alarm's, ignored in __del__)
def test_hostile_text_an_alarm_in_a_finalizer_still_ends_the_time():
    """The alarm may land inside a finalizer (``__del__``, run while a pattern is compiled),
    where Python ignores what it raises: the time bound still ends the extraction when it
    closes (a CI run once saw a 0.1 s bound end with exit 0 this way)."""
    import gc
    import time

    from extractor.timebound import ExtractionTimeout, time_bound

    class Slow:
        def __del__(self):
            end = time.monotonic() + 0.3
            while time.monotonic() < end:
                pass

    with pytest.raises(ExtractionTimeout):
        with time_bound(0.05):
            Slow()  # (deleted at once: the alarm lands in its __del__)
            gc.collect()
