"""Batch runs under hostile input, through the real command line: colliding and long
output names, OUTDIR inside the inputs, files that are not regular files, symbolic links,
wrong charsets, unwritable output folders, and the batch process killed under its workers."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

SEED = (ROOT / "corpus" / "2023-bozhou-ip-press-conference.txt").read_text(encoding="utf-8")


def cli(*args, cwd=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extractor.cli", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        **kw,
    )


def release(path: Path, count: int = 3) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"全市新增企业{count}家，同比增长1.5%。\n", encoding="utf-8")
    return path


def outputs(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def index(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]


def errors(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


def one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert all(w in result.stderr for w in words), result.stderr


# ------------------------------------------------------------------ names
def test_batch_same_name_in_three_folders_keeps_all_three(tmp_path):
    for i, name in enumerate("xyz"):
        release(tmp_path / name / "report.txt", i + 1)
    result = cli("run", "x", "y", "z", "-o", "out", "-q", "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert [p for p in outputs(out) if p.endswith(".json")] == ["x/report.json", "y/report.json", "z/report.json"]
    values = [
        json.loads((out / f"{d}/report.json").read_text(encoding="utf-8"))["quantities"][0]["value"] for d in "xyz"
    ]
    assert values == [1, 2, 3]
    assert len({r["output"] for r in index(out)}) == 3
    again = cli("run", "x", "y", "z", "-o", "out2", "-q", "--jobs", "1", cwd=tmp_path)
    assert again.returncode == 0 and outputs(out) == outputs(tmp_path / "out2")  # stable names


def test_batch_paths_on_stdin_from_outside_the_current_folder_do_not_collide(tmp_path):
    site = tmp_path / "site"
    for i, section in enumerate(["news", "stats/2024", "stats/2023"]):
        release(site / section / "index.txt", i + 1)
    listed = "".join(f"{p}\n" for p in sorted(site.rglob("index.txt")))
    work = tmp_path / "work"
    work.mkdir()
    result = cli("run", "-", "-o", "out", "-q", "--jobs", "2", cwd=work, input=listed)
    assert result.returncode == 0, result.stderr
    assert [p for p in outputs(work / "out") if p.endswith(".json")] == [
        "news/index.json",
        "stats/2023/index.json",
        "stats/2024/index.json",
    ]


def test_batch_names_that_collide_after_sanitizing_get_a_stable_tag(tmp_path):
    release(tmp_path / "in" / "a?.txt", 1)
    release(tmp_path / "in" / "a_.txt", 2)
    release(tmp_path / "in" / "A_.txt", 3)
    result = cli("run", "in", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = [r["output"] for r in index(tmp_path / "out")]
    assert len(set(n.casefold() for n in names)) == 3
    assert sorted(
        json.loads((tmp_path / "out" / n).read_text(encoding="utf-8"))["quantities"][0]["value"] for n in names
    ) == [1, 2, 3]


def test_batch_long_file_name_is_shortened_not_fatal(tmp_path):
    title = "关于" + "全市知识产权保护工作" * 7 + "情况的通报全文"  # 79 characters, 241 bytes with .txt
    release(tmp_path / "in" / f"{title}.txt")
    release(tmp_path / "in" / "short.txt")
    result = cli("run", "in", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (long_json,) = [n for n in outputs(tmp_path / "out") if n.endswith(".json") and n != "short.json"]
    assert long_json.startswith("关于全市知识产权") and "~" in long_json and len(long_json.encode()) <= 205
    again = cli("run", "in", "-o", "out", cwd=tmp_path)
    assert again.returncode == 0 and "2 unchanged" in again.stdout


def test_batch_folder_named_like_a_pages_text_does_not_stop_the_batch(tmp_path):
    release(tmp_path / "in" / "x.txt" / "inner.txt", 4)
    (tmp_path / "in" / "x.html").write_text("<html><body><p>全市新增企业5家。</p></body></html>", encoding="utf-8")
    result = cli("run", "in", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert outputs(tmp_path / "out") == [
        "errors.jsonl",
        "index.jsonl",
        "x.html.json",
        "x.html.txt",
        "x.txt/inner.json",
        "x.txt/inner.txt",
    ]


# ------------------------------------------------------------------ OUTDIR and the inputs
def test_batch_outdir_inside_the_input_folder_is_not_read_again(tmp_path):
    release(tmp_path / "a.txt")
    for _ in range(3):
        result = cli("run", ".", "-o", "out", "-q", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert outputs(tmp_path / "out") == ["a.json", "a.txt", "errors.jsonl", "index.jsonl"]
    listed = "".join(f"{p}\n" for p in sorted(tmp_path.rglob("*.txt")))  # find . -name '*.txt' | …
    result = cli("run", "-", "-o", "out", "-q", cwd=tmp_path, input=listed)
    assert result.returncode == 0 and outputs(tmp_path / "out") == ["a.json", "a.txt", "errors.jsonl", "index.jsonl"]


def test_batch_outdir_that_is_an_input_folder_is_refused(tmp_path):
    folder = tmp_path / "in"
    (folder).mkdir()
    (folder / "a.txt").write_bytes("发布日期 2024-03-01\n全市新增企业35家。\n".encode("gb18030"))
    (folder / "a.html").write_text("<html><body><p>全市新增企业5家。</p></body></html>", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    one_line_error(cli("run", "in", "-o", "in", cwd=tmp_path), "in", "output folder")
    one_line_error(cli("run", "in", "-o", str(folder) + "/.", cwd=tmp_path), "output folder")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_batch_output_that_would_overwrite_an_input_is_refused(tmp_path):
    release(tmp_path / "out" / "a.txt")
    one_line_error(cli("run", "out/a.txt", "-o", "out", cwd=tmp_path), "out/a.txt", "overwrite")
    assert cli("run", "out/a.txt", "-o", ".", "-q", cwd=tmp_path).returncode == 0  # ./a.json and ./a.txt
    release(tmp_path / "b.txt")  # its text would be written as ./b.txt, itself
    one_line_error(cli("run", "b.txt", "-o", ".", cwd=tmp_path), "b.txt", "overwrite")
    assert (tmp_path / "b.txt").read_text(encoding="utf-8").startswith("全市新增企业3家")


# ------------------------------------------------------------------ what is read
def test_batch_files_that_are_not_regular_files_are_reported_not_read(tmp_path):
    folder = tmp_path / "in"
    release(folder / "ok.txt")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named.txt")
    result = cli("run", "in", "named.txt", "/dev/zero", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 1
    assert sorted((e["file"], e["code"]) for e in errors(tmp_path / "out")) == [
        ("/dev/zero", "not_regular"),
        ("in/pipe.txt", "not_regular"),
        ("named.txt", "not_regular"),
    ]
    assert "a named pipe" in result.stderr and "a device" in result.stderr


def test_batch_max_bytes_bounds_memory(tmp_path):
    big = tmp_path / "in" / "big.txt"
    release(tmp_path / "in" / "small.txt")
    with big.open("wb") as fh:  # 600 MB, sparse: nothing is written to disk
        fh.truncate(600_000_000)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = cli("run", "in", "-o", "out", "-q", "--jobs", "1", "--max-bytes", "100000", cwd=tmp_path)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert result.returncode == 1
    assert [(e["file"], e["code"]) for e in errors(tmp_path / "out")] == [("in/big.txt", "too_large")]
    assert max(peak_kb, before) < 400_000, peak_kb  # KB: the file was not read whole
    record = next(r for r in index(tmp_path / "out") if r["source"] == "in/big.txt")
    assert record["sha256"] and len(record["sha256"]) == 64  # hashed in blocks


def test_batch_symbolic_links(tmp_path):
    outside = tmp_path / "elsewhere" / "secret.txt"
    release(outside, 7)
    folder = tmp_path / "in"
    release(folder / "ok.txt", 1)
    release(folder / "sub" / "deep.txt", 2)
    (folder / "secret.txt").symlink_to(outside)
    (folder / "alias.txt").symlink_to("ok.txt")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "sub" / "loop").symlink_to("..")
    (folder / "self.txt").symlink_to("self.txt")
    result = cli("run", "in", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 1
    reported = sorted((e["file"], e["code"]) for e in errors(tmp_path / "out"))
    assert reported == [
        ("in/gone.txt", "dangling_symlink"),
        ("in/secret.txt", "symlink_outside"),
        ("in/self.txt", "symlink_loop"),
        ("in/sub/loop", "symlink_loop"),
    ]
    assert sorted(n for n in outputs(tmp_path / "out") if n.endswith(".json")) == [
        "alias.json",
        "ok.json",
        "sub/deep.json",
    ]
    # a ** glob through the loop finds each file once
    by_glob = cli("run", "in/**/*.txt", "-o", "out-glob", "-q", cwd=tmp_path)
    assert sorted(n for n in outputs(tmp_path / "out-glob") if n.endswith(".json")) == [
        "alias.json",
        "ok.json",
        "sub/deep.json",
    ]
    assert sum(e["code"] == "symlink_loop" for e in errors(tmp_path / "out-glob")) == 2, by_glob.stderr
    followed = cli("run", "in", "-o", "out-followed", "-q", "--follow-symlinks", cwd=tmp_path)
    assert "secret.json" in outputs(tmp_path / "out-followed"), followed.stderr


# ------------------------------------------------------------------ decoding
def test_batch_wrong_declared_charset_is_detected(tmp_path):
    page = (
        '<html><head><meta charset="iso-8859-1"><title>外贸情况</title></head><body>'
        "<p>1-9月，全市进出口总额88.6亿元，同比增长6.1%，新设外资企业12家，实际使用外资3.2亿美元。</p>"
        "<p>其中，出口总额52.3亿元，进口总额36.3亿元。</p></body></html>"
    )
    (tmp_path / "page.html").write_bytes(page.encode("gbk"))
    result = cli("extract", "page.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["source"]["encoding"] == "gb18030"
    assert [q["value"] for q in document["quantities"]][:2] == [8860000000, 6.1]


def test_batch_a_byte_order_mark_alone_is_as_empty_as_a_blank_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bom.txt").write_bytes(b"\xef\xbb\xbf")
    (tmp_path / "in" / "bom-blank.txt").write_bytes(b"\xef\xbb\xbf \n")
    (tmp_path / "in" / "blank.txt").write_bytes(b"\n\n")
    result = cli("run", "in", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 1
    assert sorted((e["file"], e["code"]) for e in errors(tmp_path / "out")) == [
        ("in/blank.txt", "empty"),
        ("in/bom-blank.txt", "empty"),
        ("in/bom.txt", "empty"),
    ]


# ------------------------------------------------------------------ unwritable output
def test_batch_unwritable_output_folder_is_one_clear_line(tmp_path):
    release(tmp_path / "in" / "a.txt")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    refused = cli("run", "in", "-o", "file", cwd=tmp_path)  # click's own check of -o
    assert refused.returncode == 2 and "'file' is a file" in refused.stderr and "Traceback" not in refused.stderr
    one_line_error(cli("run", "in", "-o", "file/out", cwd=tmp_path), "file/out", "cannot write")
    one_line_error(cli("run", "in", "-o", "/proc/extractor-out", cwd=tmp_path), "/proc/extractor-out")
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"


def test_batch_read_only_output_folder_is_one_clear_line(tmp_path):
    release(tmp_path / "in" / "a.txt")
    out = tmp_path / "ro"
    out.mkdir()
    if subprocess.run(["chattr", "+i", str(out)], capture_output=True).returncode != 0:
        os.chmod(out, 0o555)
        if os.access(out, os.W_OK):  # root without chattr: nothing here is read-only
            pytest.skip("cannot make a folder read-only here")
    try:
        one_line_error(cli("run", "in", "-o", "ro", cwd=tmp_path), "ro", "cannot write")
        assert list(out.iterdir()) == []
    finally:
        subprocess.run(["chattr", "-i", str(out)], capture_output=True)
        os.chmod(out, 0o755)


# ------------------------------------------------------------------ the batch process killed
def _children(pid: int) -> list[int]:
    kids = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            kids += [int(k) for k in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
        except OSError:
            pass
    return kids


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_batch_workers_end_with_the_batch_process(tmp_path, signum):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(120):
        (folder / f"r{i:03d}.txt").write_text(SEED + f"\n样本{i}个。\n", encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "extractor.cli", "run", str(folder), "-o", str(out), "--jobs", "2", "-q"],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    kids: list[int] = []
    while time.monotonic() < deadline and process.poll() is None:
        kids = _children(process.pid)
        if len(kids) >= 2 and len(list(out.glob("*.json"))) >= 3:
            break
        time.sleep(0.05)
    assert len(kids) >= 2 and process.poll() is None
    os.kill(process.pid, signum)
    _, stderr = process.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert not [k for k in kids if _alive(k)]
    finally:
        for k in kids:
            if _alive(k):
                os.kill(k, signal.SIGKILL)
    if signum == signal.SIGTERM:  # stopped as by Ctrl-C: the index is written, the journal folded in
        assert process.returncode == 143 and "run the same command again" in stderr
        assert not (out / ".index.journal").exists()
    resumed = cli("run", str(folder), "-o", str(out), "--jobs", "2", "-q")
    assert resumed.returncode == 0, resumed.stderr
    assert len(index(out)) == 120 and len(list(out.glob("*.json"))) == 120


def test_batch_export_target_is_checked_before_extracting(tmp_path):
    release(tmp_path / "in" / "a.txt")
    for url, words in [
        ("mysql://x/y", ("unknown target",)),
        ("postgresql://nobody@127.0.0.1:1/none", ("127.0.0.1",)),
        ("sqlite:///missing/folder/x.db", ("missing/folder",)),
    ]:
        result = cli("run", "in", "-o", "out", "--to", url, cwd=tmp_path)
        one_line_error(result, *words)
        assert not (tmp_path / "out").exists()  # nothing was extracted


def test_batch_jsonl_stream_on_standard_output(tmp_path):
    for i, name in enumerate(["b", "a", "c"]):
        release(tmp_path / "in" / f"{name}.txt", i + 1)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    streams = []
    for jobs in ("1", "2"):
        result = cli("run", "in", "-o", f"out{jobs}", "--jsonl", "-", "--jobs", jobs, "-q", cwd=tmp_path)
        assert result.returncode == 1 and "3 extracted" in result.stderr  # the summary on stderr
        streams.append(result.stdout)
    assert streams[0] == streams[1]
    lines = streams[0].splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == ["in/a.txt", "in/b.txt", "in/c.txt"]
    assert json.loads(lines[0]) == json.loads((tmp_path / "out1" / "a.json").read_text(encoding="utf-8"))
    again = cli("run", "in", "-o", "out1", "--jsonl", "all.jsonl", "-q", cwd=tmp_path)  # unchanged ones too
    assert (tmp_path / "all.jsonl").read_text(encoding="utf-8") == streams[0] and "3 unchanged" in again.stdout
