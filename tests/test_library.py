"""The library's entries: clear errors for what extract() cannot take, extract_bytes and
extract_html, and a user's words and units as a lexicon of their own (nothing global)."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys

import pytest

import extractor
from extractor.lexicon import LexiconError, load
from extractor.segmenter import segmenter

from .conftest import ROOT

SENTENCE = "全年集装箱吞吐量120万标准箱，同比增长5%。"
UNITS = '[[units]]\ntext = "标准箱"\nbase = "标准箱"\nkind = "count"\n'


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"text": "全市新增企业12家。".encode()}, "text is bytes; extract() takes the release as str"),
        ({"text": None}, "text must be a str, not NoneType"),
        (
            {"text": "5月1日", "reference_date": "2024-13-01"},
            "reference_date '2024-13-01' is not a day of the calendar",
        ),
        (
            {"text": "5月1日", "reference_date": "yesterday"},
            "reference_date 'yesterday' is not a date like '2024-10-08'",
        ),
        (
            {"text": "5月1日", "fallback_date": 20240501},
            "fallback_date must be a date like '2024-10-08' (str or datetime.date), not int",
        ),
    ],
    ids=["bytes", "None", "month-13", "word", "int"],
)
def test_library_extract_refuses_what_it_cannot_take(kwargs, message):
    text = kwargs.pop("text")
    with pytest.raises(extractor.ExtractorError) as caught:
        extractor.extract(text, **kwargs)
    assert str(caught.value).startswith(message)
    assert isinstance(caught.value, (TypeError, ValueError))  # code written against those still catches it


def test_library_extract_takes_a_date_object():
    document = extractor.extract("5月1日召开会议。", reference_date=datetime.date(2024, 1, 2))
    assert [d.value for d in document.dates] == ["2024-05-01"]
    assert document.metadata.reference_date == "2024-01-02"


def test_library_extract_bytes_decodes_like_a_file(tmp_path):
    text = "发布日期 2024-03-01\n全市新增高新技术企业35家，同比增长12.9%。\n"
    path = tmp_path / "gb.txt"
    path.write_bytes(text.encode("gb18030"))
    from_bytes = extractor.extract_bytes(text.encode("gb18030"), str(path))
    assert from_bytes == extractor.extract_file(path, source=str(path))
    with pytest.raises(extractor.ExtractorError):
        extractor.extract_bytes(text)  # str is not bytes


def test_library_extract_html_str_and_bytes():
    page = (
        "<html><head><meta charset='gbk'><title>全市经济运行情况</title></head><body><div class='nav'>首页</div>"
        "<div class='content'><p>全市新增高新技术企业35家，同比增长12.9%。</p></div></body></html>"
    )
    from_str = extractor.extract_html(page)
    from_bytes = extractor.extract_html(page.encode("gbk"))
    assert [q.text for q in from_str.quantities] == [q.text for q in from_bytes.quantities] == ["35家", "12.9%"]
    assert from_str.title.text == "全市经济运行情况" and from_bytes.source.encoding == "gb18030"
    assert from_str.source.format == "html"


def test_library_user_words_and_units(tmp_path):
    (tmp_path / "words.txt").write_text("# 用户词典\n集装箱吞吐量 n\n知识产权保护中心\n", encoding="utf-8")
    (tmp_path / "units.toml").write_text(UNITS, encoding="utf-8")
    lexicon = extractor.load_lexicon(userdict=tmp_path / "words.txt", units=tmp_path / "units.toml")
    sentence = "亳州知识产权保护中心" + SENTENCE
    cut = [sentence[a:b] for a, b in segmenter(lexicon).spans(sentence)]
    assert "知识产权保护中心" in cut and "集装箱吞吐量" in cut
    found = extractor.extract(SENTENCE, lexicon=lexicon).quantities[0]
    assert (found.text, found.value, found.unit, found.kind.value) == ("120万标准箱", 1200000, "标准箱", "count")
    # the packaged lexicon is untouched: nothing global changed
    assert extractor.extract(SENTENCE).quantities[0].text == "120万"
    assert "标准箱" not in load().units and "知识产权保护中心" not in [s for s, *_ in load().userdict]
    assert [s for s, *_ in extractor.load_userdict(tmp_path / "words.txt").userdict[-2:]] == [
        "集装箱吞吐量",
        "知识产权保护中心",
    ]


@pytest.mark.parametrize(
    "file,content,message",
    [
        ("words.txt", "好词 多 n x\n", "words.txt:1: expected 'word [freq] [tag]'"),
        ("units.toml", UNITS.replace('kind = "count"', 'kind = "boxes"'), "kind 'boxes' is not one of"),
        ("units.toml", UNITS + 'colour = "red"\n', "unknown key 'colour'"),
        ("units.toml", UNITS.replace("标准箱", "件"), "unit '件' is already a unit of the extractor"),
        ("units.toml", "units = [", "not TOML"),
    ],
    ids=["userdict-line", "unit-kind", "unit-key", "unit-duplicate", "toml"],
)
def test_library_bad_user_files_name_file_and_entry(tmp_path, file, content, message):
    path = tmp_path / file
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        extractor.load_lexicon(**{"userdict" if file.endswith(".txt") else "units": path})
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)
    assert isinstance(caught.value, extractor.ExtractorError)


def test_library_user_files_on_the_command_line(tmp_path):
    (tmp_path / "units.toml").write_text(UNITS, encoding="utf-8")
    (tmp_path / "release.txt").write_text(SENTENCE, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "extractor",
            "extract",
            str(tmp_path / "release.txt"),
            "--units",
            str(tmp_path / "units.toml"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["quantities"][0]["unit"] == "标准箱"
    missing = subprocess.run(
        [
            sys.executable,
            "-m",
            "extractor",
            "extract",
            str(tmp_path / "release.txt"),
            "--userdict",
            str(tmp_path / "nope.txt"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert missing.returncode == 2 and missing.stderr == f"extractor: {tmp_path / 'nope.txt'}: no such file\n"
