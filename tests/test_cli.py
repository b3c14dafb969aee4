"""The command line, run as a real subprocess on real files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, SEED


def run_cli(*args, cwd=ROOT, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "extractor.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=stdin,
    )


def test_cli_extract_prints_json():
    result = run_cli("extract", SEED)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"]["path"] == SEED
    assert any(q["text"] == "18856件" for q in doc["quantities"])


def test_cli_extract_writes_file_identical_to_stdout(tmp_path):
    out = tmp_path / "seed.json"
    assert run_cli("extract", SEED, "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == run_cli("extract", SEED).stdout


def test_cli_extract_missing_file_is_a_clear_error(tmp_path):
    result = run_cli("extract", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert "nope.txt: no such file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary\xff\xfe\x00", "looks like a binary file"),
        (b"\xb0\xa1\xff\xff\xfe\x80\x80\x81 random \x9f\x9f\xff", "not UTF-8 or GB18030"),
    ],
)
def test_cli_extract_bad_input_names_file_and_problem(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run_cli("extract", str(bad))
    assert result.returncode == 1
    assert "bad.txt" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_extract_reads_gb18030(tmp_path):
    text = "发布日期 2024-03-01\n全市新增高新技术企业35家，同比增长12.9%。\n"
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gb18030"))
    doc = json.loads(run_cli("extract", str(path)).stdout)
    assert doc["source"]["encoding"] == "gb18030"
    assert [q["text"] for q in doc["quantities"]] == ["35家", "12.9%"]


def test_cli_run_folder_keeps_going_past_bad_files(tmp_path):
    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(ROOT / SEED, corpus / "seed.txt")
    (corpus / "sub" / "空 白.txt").write_bytes(b"")
    (corpus / "sub" / "ok.txt").write_text("全市新增企业12家。", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("run", str(corpus), "-o", str(out), "-q")
    assert result.returncode == 1
    assert result.stderr.count("failed:") == 1 and "空 白.txt: the file is empty" in result.stderr
    assert (out / "seed.json").exists() and (out / "sub" / "ok.json").exists()
    assert not (out / "sub" / "空 白.json").exists()
    assert "3 documents: 2 extracted" in result.stdout and "1 failed" in result.stdout


def test_cli_run_is_byte_identical_across_runs(tmp_path):
    for name in ("a", "b"):
        assert run_cli("run", "corpus", "-o", str(tmp_path / name), "-q").returncode == 0
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == [
        "2023-bozhou-ip-press-conference.json",
        "2023-bozhou-ip-press-conference.txt",
        "errors.jsonl",
        "index.jsonl",
    ]
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_cli_run_matches_committed_output(tmp_path):
    assert run_cli("run", "corpus/", "-o", str(tmp_path), "-q").returncode == 0
    for produced in tmp_path.iterdir():
        committed = ROOT / "output" / produced.name
        assert committed.read_bytes() == produced.read_bytes(), (
            f"output/{produced.name} is stale: run `extractor run corpus -o output`"
        )


def test_cli_run_empty_folder_is_a_usage_error(tmp_path):
    result = run_cli("run", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "no release files" in result.stderr
    assert run_cli("run", "corpus", "-o", str(tmp_path), "--jobs", "0").returncode == 2


def test_cli_explain_shows_rules():
    result = run_cli("explain", "全省排名第2位")
    assert result.returncode == 0
    assert "quantity.rank" in result.stdout


def test_cli_area_sets_the_jurisdiction_and_a_bad_one_is_one_clear_line(tmp_path):
    ok = run_cli("extract", "--area", "341622", str(SEED))
    assert ok.returncode == 0, ok.stderr
    doc = json.loads(ok.stdout)
    assert doc["reference"]["area"] | {"span": None} == {
        "name": "蒙城县",
        "code": "341622",
        "level": "county",
        "text": None,
        "span": None,
        "rule": "area.given",
    }
    # 全市 of a county's release is its city
    assert {q["area"]["name"] for q in doc["quantities"] if q["area"]["text"] == "全市"} == {"亳州市"}
    for bad in ("朝阳区", "火星"):  # several divisions share the name; no division has it
        result = run_cli("extract", "--area", bad, str(SEED))
        assert result.returncode == 2 and bad in result.stderr and "Traceback" not in result.stderr


def test_cli_run_with_an_area_extracts_again_without_it_and_lists_unmapped_indicators(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    out = tmp_path / "out"
    first = run_cli("run", str(folder), "-o", str(out), "--area", "亳州市")
    assert first.returncode == 0, first.stderr
    assert json.loads((out / "index.jsonl").read_text(encoding="utf-8").splitlines()[0])["area"] == "亳州市"
    # the indicators left without an id, most frequent first, for growing the vocabulary
    assert "indicators with no id in the vocabulary, most frequent: " in first.stderr
    again = run_cli("run", str(folder), "-o", str(out), "-q")
    assert "1 extracted, 0 unchanged" in again.stdout and "indicators with no id" not in again.stderr
    record = json.loads((out / "index.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert "area" not in record and "_unmapped" not in record
