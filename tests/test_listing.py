"""The run's listing and index on disk (extractor/listing.py): the same jobs and the same
index as the in-memory version gave, in the same order, without holding them in memory."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import batch, listing


def test_the_sort_key_orders_strings_as_python_does():
    rng = random.Random(7)
    alphabet = ["a", "Z", "/", ".", "_", "0", "é", "市", "〇", "\U0001f600", "\U00020000", "\udcff", "\udc80", "\ue000"]
    strings = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(2000)]
    assert sorted(strings, key=listing.key) == sorted(strings)


def test_a_large_folder_is_sorted_on_disk(tmp_path, monkeypatch):
    names = [f"{n}.txt" for n in ["b", "市", "a", "A", "10", "9", "ü", "_x", "z"]]
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    in_memory = [job.source for job in batch.discover([str(tmp_path)])]
    monkeypatch.setattr(listing, "SORT_IN_MEMORY", 4)
    assert list(listing.sorted_strings(iter(names))) == sorted(names)
    assert [job.source for job in batch.discover([str(tmp_path)])] == in_memory
    assert in_memory == [(tmp_path / name).as_posix() for name in sorted(names)]


def test_scan_gives_the_jobs_discover_gave(tmp_path):
    folder = tmp_path / "in"
    for name in ["a.txt", "a.html", "A.txt", "b/c.txt", "b.txt.json/x.txt", "c?.txt", "c_.txt", "说明/公报.txt"]:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("全市生产总值100亿元。", encoding="utf-8")
    with batch.scan([str(folder)], outdir=tmp_path / "out") as jobs:
        scanned = list(jobs)
        assert len(jobs) == len(scanned) == 8
        assert jobs.has_source((folder / "a.txt").as_posix()) and not jobs.has_source("a.txt")
    assert scanned == batch.discover([str(folder), str(folder / "a.txt")], outdir=tmp_path / "out")
    outs = [job.out for job in scanned]
    assert len({out.casefold() for out in outs}) == len(outs)  # (A.txt and a.txt differ only in case)


def test_a_listing_on_standard_input_is_never_held_in_memory(tmp_path):
    """Paths listed on standard input are read one at a time, named and kept on disk: the
    Python objects a scan holds at its peak do not grow with the listing (in memory they
    took about 1.7 KB a path: 15 MB more for 10,000 paths than for 1,000). Measured in a
    process of its own, where no other test's threads allocate meanwhile."""
    script = (
        "import sys, tracemalloc\n"
        "from extractor import batch\n"
        "folder = sys.argv[1]\n"
        "def peak(count):\n"
        "    lines = (f'{folder}/releases/{i % 50:02d}/发布-{i:06d}.txt\\n' for i in range(count))\n"
        "    tracemalloc.reset_peak()\n"
        "    base = tracemalloc.get_traced_memory()[0]\n"
        "    with batch.scan(['-'], stdin_lines=lambda: lines, outdir=folder + '/out') as jobs:\n"
        "        assert len(jobs) == count and next(iter(jobs)).out == '00/发布-000000'\n"
        "        assert sum(1 for _ in jobs) == count\n"
        "    return tracemalloc.get_traced_memory()[1] - base\n"
        # (pathlib interns every part of a path: the interned strings' table resizes as unique
        # names come and go, a transient allocation of about 1 MB that fell inside one window or
        # the other by what was interned before; held large and warmed up, it resizes in neither)
        "keep = [sys.intern(f'warm-{i}') for i in range(100_000)]\n"
        "tracemalloc.start()\n"
        "peak(100)\n"
        "peak(10_000)\n"
        "print(peak(1_000), peak(10_000))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=300, check=True
    )
    small, large = map(int, result.stdout.split())
    assert large - small < 1_000_000, f"{small / 1e6:.1f} MB for 1,000 paths, {large / 1e6:.1f} MB for 10,000"


def test_the_index_is_folded_and_written_in_source_order(tmp_path):
    records = [{"source": s, "status": "ok", "output": f"{s}.json"} for s in ["b.txt", "市/a.txt", "a.txt", "Z.txt"]]
    (tmp_path / batch.INDEX).write_text("".join(json.dumps(r) + "\n" for r in records[:3]), encoding="utf-8")
    failed = {"source": "a.txt", "status": "failed", "error_code": "empty", "error": "a.txt: empty"}
    (tmp_path / batch.JOURNAL).write_text(json.dumps(records[3]) + "\n" + json.dumps(failed) + "\n{cut sho")
    with batch._settle(tmp_path) as index:
        assert json.loads(index.get("a.txt"))["status"] == "failed"  # (the journal's line is the newer)
        assert index.get("nothing.txt") is None
    lines = (tmp_path / batch.INDEX).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["Z.txt", "a.txt", "b.txt", "市/a.txt"]
    assert [json.loads(line)["file"] for line in (tmp_path / batch.ERRORS).read_text().splitlines()] == ["a.txt"]
    assert not (tmp_path / batch.JOURNAL).exists()


def test_the_temporary_database_leaves_no_file(tmp_path, monkeypatch):
    """Pages beyond the cache go to SQLite's temporary file, which is unlinked as soon as it
    is opened: nothing is left in the temporary folder, even by a process killed."""
    spill = tmp_path / "spill"
    spill.mkdir()
    monkeypatch.setenv("SQLITE_TMPDIR", str(spill))
    monkeypatch.setattr(listing, "CACHE_KB", 64)
    with listing.Index() as index:
        index.update((f"{i:08d}.txt", "x" * 200) for i in range(20_000))  # ~5 MB: past the cache
        assert index.get("00012345.txt") == "x" * 200
        assert os.listdir(spill) == []
    assert os.listdir(spill) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_in_parts_gives_the_same_index(tmp_path, monkeypatch, workers):
    """A local run takes the jobs in parts (a pool of workers each); the output is the same."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(7):
        (folder / f"r{i}.txt").write_text(f"全市生产总值{100 + i}亿元，同比增长{i}.5%。", encoding="utf-8")
    whole = tmp_path / "whole"
    batch.run(batch.discover([str(folder)]), whole, batch.Settings(), workers=workers)
    monkeypatch.setattr(batch, "_PART", 3)
    parts = tmp_path / "parts"
    with batch.scan([str(folder)], outdir=parts) as jobs:
        summary = batch.run(jobs, parts, batch.Settings(), workers=workers)
    assert (summary.documents, summary.extracted) == (7, 7)
    for name in ["index.jsonl", "errors.jsonl", *(f"r{i}.json" for i in range(7))]:
        expected = (whole / name).read_text(encoding="utf-8")
        got = (parts / name).read_text(encoding="utf-8")
        assert got == expected.replace(str(whole), str(parts)), name
    assert Path(parts / "index.jsonl").read_text().count("\n") == 7


@pytest.mark.parametrize("workers", [1, 2])
def test_a_release_whose_output_name_moved_is_extracted_again(tmp_path, workers):
    """A release indexed under another name (its inputs were given another way) is not
    'unchanged' because a file of its old name exists: that file may be another release's."""
    folder = tmp_path / "in"
    (folder / "b").mkdir(parents=True)
    (folder / "a.txt").write_text("全市地区生产总值100亿元。", encoding="utf-8")
    (folder / "aa.txt").write_text("全市地区生产总值200亿元。", encoding="utf-8")
    (folder / "b" / "a.txt").write_text("全县地区生产总值50亿元。", encoding="utf-8")
    out = tmp_path / "out"
    batch.run(batch.discover([str(folder / "b")]), out, batch.Settings())  # b/a.txt -> a.json
    (out / "a.json").unlink()
    summary = batch.run(batch.discover([str(folder)]), out, batch.Settings(), workers=workers)
    index = {r["source"]: r for r in map(json.loads, (out / batch.INDEX).read_text(encoding="utf-8").splitlines())}
    moved = index[(folder / "b" / "a.txt").as_posix()]
    assert (summary.extracted, moved["output"]) == (3, "b/a.json")
    assert json.loads((out / "b" / "a.json").read_text(encoding="utf-8"))["quantities"][0]["value"] == 5_000_000_000


def test_a_temporary_folder_with_no_room_is_one_clear_line(tmp_path):
    """The listing's temporary file cannot grow (a full disk, a small tmpfs: here a limit on
    the size of files the process writes): one line naming the folder and what to do, exit
    1, no traceback; what was extracted is kept."""
    script = (
        "import resource, sys\n"
        "from extractor import listing\n"
        "listing.CACHE_KB = 16\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))\n"
        "from extractor.cli import main\n"
        "sys.argv = ['extractor', 'run', '-', '-o', sys.argv[1], '-q']\n"
        "main()\n"
    )
    listed = "".join(f"{tmp_path}/missing/{i:06d}-{'x' * 40}.txt\n" for i in range(20_000))
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "out")],
        input=listed,
        capture_output=True,
        text=True,
        env={**os.environ, "SQLITE_TMPDIR": str(tmp_path)},
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"temporary file in {tmp_path}" in result.stderr and "SQLITE_TMPDIR" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_a_file_name_not_in_utf8_is_extracted_and_recorded_readably(tmp_path):
    """A GBK file name on a UTF-8 system (通报 as b'\\xcd\\xa8\\xb1\\xa8'): read by its own name,
    recorded with the bytes it could not decode as \\xNN, written under a safe name; a
    second run skips it. (It was a traceback.)"""
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + "/\u5168".encode("gbk") + b"\xb1\xa8.txt", "wb") as fh:
        fh.write("全市地区生产总值100亿元。".encode())
    out = tmp_path / "out"
    cli = [sys.executable, "-m", "extractor", "run", str(folder), "-o", str(out), "-q"]
    first = subprocess.run(cli, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    [record] = [json.loads(line) for line in (out / batch.INDEX).read_text(encoding="utf-8").splitlines()]
    assert record["status"] == "ok" and "\\x" in record["source"] and (out / record["output"]).exists()
    second = subprocess.run(cli, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0 and "1 unchanged" in second.stderr + second.stdout
