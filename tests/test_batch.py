"""Batch runs through the real command line on real files: good releases mixed with bad
files, resuming after kill -9, and identical bytes whatever --jobs is."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path, PurePosixPath

import pytest
import regex

from extractor import batch, pipeline, timebound
from extractor.batch import _safe, discover

from .conftest import ROOT

GOLD = ROOT / "tests" / "gold"
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市商务局_1-9月外贸情况</title>
<script>var counter = "9999家";</script><style>p {{ color: red }}</style></head><body>
<div class="nav">首页 &gt; 政务公开 &gt; 统计数据</div>
<h1>{title}</h1><div class="share-bar">分享到：微信 微博</div>
<div id="zoom"><p>1-9月，全市进出口总额{value}亿元，同比增长6.1%。</p><p>新设外资企业{count}家。</p></div>
<div class="footer">主办单位：某市人民政府 某ICP备12345678号</div></body></html>"""


def run_cli(*args, cwd=ROOT, **kw):
    return subprocess.run(
        [sys.executable, "-m", "extractor.cli", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", **kw
    )


def make_corpus(folder: Path) -> dict[str, str]:
    """Good releases and bad files; returns {relative name: expected error code} for the bad ones."""
    (folder / "html").mkdir(parents=True)
    (folder / "子目录 甲").mkdir()
    for i, src in enumerate(sorted(GOLD.glob("*.txt"))[:6]):
        shutil.copy(src, folder / f"good-{i}.txt")
    seed_text = (ROOT / "corpus" / "2023-bozhou-ip-press-conference.txt").read_text(encoding="utf-8")
    (folder / "子目录 甲" / "亳州 发布会.txt").write_text(seed_text, encoding="utf-8")
    (folder / "gb18030.txt").write_bytes(
        "发布日期 2024-03-01\n全市新增高新技术企业35家，同比增长12.9%。\n".encode("gb18030")
    )
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "全市新增企业12家。".encode())
    (folder / "html" / "page.html").write_text(
        PAGE.format(title="1-9月外贸情况", value="1,234.5", count=86), encoding="utf-8"
    )
    (folder / "html" / "page-gbk.htm").write_bytes(
        PAGE.format(title="前三季度外贸", value="88.6", count=12).replace("utf-8", "gbk").encode("gbk")
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "truncated.txt").write_bytes("全市新增企业12家。".encode()[:-1])
    (folder / "big.txt").write_text("全市新增企业12家。" * 3000, encoding="utf-8")
    return {"empty.txt": "empty", "binary.txt": "binary", "truncated.txt": "truncated", "big.txt": "too_large"}


def numbered_releases(folder: Path, count: int) -> Path:
    """``count`` releases r000.txt…, the gold releases in turn, each with a line of its own."""
    folder.mkdir()
    sources = sorted(GOLD.glob("*.txt"))
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"r{i:03d}.txt").write_text(text + f"\n补充说明：本期共收集样本{i + 1}个。\n", encoding="utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("corpus")
    bad = make_corpus(folder)
    return folder, bad


@pytest.fixture(scope="module")
def one_worker(corpus, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    folder, _ = corpus
    out = tmp_path_factory.mktemp("out1")
    return out, run_cli("run", str(folder), "-o", str(out), "--jobs", "1", "--max-bytes", "20000")


def test_batch_good_extracted_bad_reported_once(corpus, one_worker):
    folder, bad = corpus
    out, result = one_worker
    assert result.returncode == 1, result.stderr
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted((Path(e["file"]).name, e["code"]) for e in errors) == sorted(bad.items())
    for e in errors:
        assert Path(e["file"]).name in e["message"]
    index = [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(index) == 15 and sum(r["status"] == "ok" for r in index) == 11
    for record in index:
        if record["status"] == "ok":
            document = json.loads((out / record["output"]).read_text(encoding="utf-8"))
            text = (out / record["text"]).read_text(encoding="utf-8")
            assert document["source"]["sha256"] == record["sha256"] and len(text) == document["source"]["length"]
            for q in document["quantities"]:
                assert text[q["span"][0] : q["span"][1]] == q["text"]
    for name in bad:
        assert not (out / name.replace(".txt", ".json")).exists()
    assert "15 documents: 11 extracted, 0 unchanged (skipped), 4 failed" in result.stdout


def test_batch_html_article_without_page_furniture(one_worker):
    out, _ = one_worker
    page = json.loads((out / "html" / "page.json").read_text(encoding="utf-8"))
    assert page["source"]["format"] == "html"
    assert [q["text"] for q in page["quantities"]] == ["1,234.5亿元", "6.1%", "86家"]
    text = (out / "html" / "page.txt").read_text(encoding="utf-8")
    assert "9999" not in text and "分享到" not in text and "首页" not in text and "ICP" not in text
    gbk = json.loads((out / "html" / "page-gbk.json").read_text(encoding="utf-8"))
    assert gbk["source"]["encoding"] == "gb18030" and [q["text"] for q in gbk["quantities"]][-1] == "12家"


def test_batch_encodings_and_names(one_worker):
    out, _ = one_worker
    gb = json.loads((out / "gb18030.json").read_text(encoding="utf-8"))
    assert gb["source"]["encoding"] == "gb18030" and gb["quantities"][0]["text"] == "35家"
    bom = json.loads((out / "bom.json").read_text(encoding="utf-8"))
    assert bom["source"]["encoding"] == "utf-8-sig" and bom["quantities"][0]["text"] == "12家"
    assert (out / "子目录 甲" / "亳州 发布会.json").exists()


def test_batch_jobs_1_and_2_give_identical_bytes(corpus, one_worker, tmp_path):
    folder, _ = corpus
    out1, _ = one_worker
    result = run_cli("run", str(folder), "-o", str(tmp_path), "--jobs", "2", "--max-bytes", "20000")
    assert result.returncode == 1
    assert tree(tmp_path) == tree(out1)


def test_batch_second_run_resumes(corpus, one_worker, tmp_path):
    folder, _ = corpus
    out = tmp_path / "out"
    shutil.copytree(one_worker[0], out)
    before = tree(out)
    result = run_cli("run", str(folder), "-o", str(out), "--max-bytes", "20000", "-q")
    assert "0 extracted, 11 unchanged (skipped), 4 failed" in result.stdout
    assert tree(out) == before
    forced = run_cli("run", str(folder), "-o", str(out), "--max-bytes", "20000", "-q", "--force")
    assert "11 extracted, 0 unchanged" in forced.stdout and tree(out) == before


def test_batch_resume_redoes_releases_extracted_with_other_rules(tmp_path, monkeypatch):
    """A changed rule (a unit, a lexicon entry, code) changes the rules fingerprint in the
    index, and a resumed run extracts again what the old rules extracted, though the
    version number is the same; an index written before the fingerprint existed counts as
    other rules."""
    folder = numbered_releases(tmp_path / "in", 3)
    out = tmp_path / "out"
    jobs = discover([str(folder)])
    first = batch.run(jobs, out, batch.Settings())
    assert first.extracted == 3
    assert {json.loads(line)["rules"] for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()} == {
        batch.fingerprint()
    }
    assert batch.run(jobs, out, batch.Settings()).skipped == 3
    monkeypatch.setattr(batch, "_fingerprint", lambda: "other-rules")
    again = batch.run(jobs, out, batch.Settings())
    assert (again.extracted, again.skipped) == (3, 0)
    monkeypatch.undo()
    old = [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    (out / "index.jsonl").write_text(
        "".join(json.dumps({k: v for k, v in r.items() if k != "rules"}) + "\n" for r in old), encoding="utf-8"
    )
    assert batch.run(jobs, out, batch.Settings()).extracted == 3


def test_batch_killed_midway_resumes_to_the_same_output(tmp_path):
    folder = numbered_releases(tmp_path / "many", 48)
    reference = tmp_path / "reference"
    assert run_cli("run", str(folder), "-o", str(reference), "-q", "--jobs", "2").returncode == 0

    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "extractor.cli", "run", str(folder), "-o", str(out), "-q", "--jobs", "1"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    journal = out / ".index.journal"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if journal.exists() and len(journal.read_text(encoding="utf-8").splitlines()) >= 5:
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    for path in out.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # every JSON present is whole
    done = len(list(out.glob("*.json")))
    assert 5 <= done < 48

    resumed = run_cli("run", str(folder), "-o", str(out), "-q", "--jobs", "2")
    assert resumed.returncode == 0, resumed.stderr
    skipped = int(resumed.stdout.split(" unchanged")[0].split()[-1])
    assert skipped >= 5
    assert tree(out) == tree(reference)


@pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
def test_batch_a_release_that_kills_its_worker_fails_alone(tmp_path, monkeypatch):
    """A worker process that dies (a crash, or the kernel killing it for memory) does not
    stop the batch: the release it was extracting is reported once as "crashed", every
    other release is extracted, and their output is what an undisturbed run gives."""
    folder = numbered_releases(tmp_path / "many", 40)
    reference = tmp_path / "reference"
    assert batch.run(discover([str(folder)]), reference, batch.Settings(), workers=2).failed == 0

    real = batch.process

    def dies_on_r017(job, outdir, settings):
        if job.source.endswith("r017.txt"):
            os.kill(os.getpid(), signal.SIGKILL)  # the worker process dies for real
        return real(job, outdir, settings)

    monkeypatch.setattr(batch, "process", dies_on_r017)  # forked workers inherit it
    out = tmp_path / "out"
    summary = batch.run(discover([str(folder)]), out, batch.Settings(), workers=2)
    assert (summary.extracted, summary.failed) == (39, 1)
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["file"].rsplit("/", 1)[-1], e["code"]) for e in errors] == [("r017.txt", "crashed")]
    assert "stopped" in errors[0]["message"]
    index = [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(index) == 40
    expected = {k: v for k, v in tree(reference).items() if not k.startswith(("r017.", "index", "errors"))}
    assert {k: v for k, v in tree(out).items() if not k.startswith(("index", "errors"))} == expected


def test_batch_workers_that_cannot_start_are_a_clear_error(tmp_path, monkeypatch):
    """If every worker dies before extracting anything, the batch stops with a message
    (not an endless retry), and the index it leaves is consistent."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"r{i}.txt").write_text(f"全市新增企业{i + 1}家。", encoding="utf-8")

    def dies(states):
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(batch, "_init_worker", dies)
    with pytest.raises(batch.BatchError, match="--jobs 1"):
        batch.run(discover([str(folder)]), tmp_path / "out", batch.Settings(), workers=2)
    assert (tmp_path / "out" / "index.jsonl").read_text(encoding="utf-8") == ""
    assert not (tmp_path / "out" / ".index.journal").exists()


def test_batch_inputs_globs_stdin_and_files(tmp_path):
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "x.txt").write_text("全市新增企业3家。", encoding="utf-8")
    (folder / "a" / "y.html").write_text(PAGE.format(title="t", value="1", count=2), encoding="utf-8")
    (folder / "z.txt").write_text("全市新增企业4家。", encoding="utf-8")
    by_glob = discover([str(folder / "**" / "*.txt")])
    assert [j.out for j in by_glob] == ["a/x", "z"]
    out = tmp_path / "out"
    listed = f"{folder / 'a' / 'x.txt'}\n{folder / 'z.txt'}\n"
    result = run_cli("run", "-", "-o", str(out), "-q", input=listed)
    assert result.returncode == 0, result.stderr
    assert len([p for p in out.rglob("*.json")]) == 2
    assert all(out in p.parents for p in out.rglob("*"))


@pytest.mark.parametrize(
    "raw,safe",
    [
        ("../../etc/passwd", "etc/passwd"),
        ("/abs/path.txt", "abs/path.txt"),
        ("子目录 甲/亳州 发布会.txt", "子目录 甲/亳州 发布会.txt"),
        ("a/.hidden/b?.txt", "a/hidden/b_.txt"),
    ],
)
def test_batch_output_names_stay_inside_outdir(raw, safe):
    assert _safe(PurePosixPath(raw)) == PurePosixPath(safe)


def test_batch_same_stem_different_suffix_do_not_collide(tmp_path):
    (tmp_path / "a.txt").write_text("全市新增企业3家。", encoding="utf-8")
    (tmp_path / "a.html").write_text(PAGE.format(title="t", value="1", count=2), encoding="utf-8")
    assert sorted(str(j.out) for j in discover([str(tmp_path)])) == ["a", "a.txt"]


def test_batch_help_documents_exit_status():
    result = run_cli("run", "--help")
    assert "Exit status: 0" in result.stdout and "--jobs" in result.stdout


def test_batch_time_bound_fails_a_document_that_takes_too_long(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "small.txt").write_text("全市新增企业3家。", encoding="utf-8")
    (folder / "huge.txt").write_text("全市新增企业12家，同比增长3.5%。" * 20000, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("run", str(folder), "-o", str(out), "--jobs", "1", "--timeout", "0.1", "-q")
    assert result.returncode == 1
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["file"].endswith("huge.txt"), e["code"]) for e in errors] == [(True, "timeout")]
    assert (out / "small.json").exists() and not (out / "huge.json").exists()


def test_time_bound_interrupts_a_runaway_pattern_match():
    """The alarm stops a match that backtracks without end (regex checks for signals)."""
    with pytest.raises(timebound.Expired):
        with timebound.bound(0.2) as deadline:
            assert deadline is None  # the main thread: an alarm, no per-pattern deadline
            regex.search(r"(?:a|aa)+c", "a" * 60)
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0 and signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_time_bound_outside_the_main_thread_is_a_pattern_deadline():
    got: list = []

    def work() -> None:
        with timebound.bound(5.0) as deadline:
            got.append(deadline)
        got.append(pipeline.extract("全市新增企业3家。", timeout=5.0).quantities[0].value)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert isinstance(got[0], float) and got[1] == 3


def test_time_bound_fails_a_slow_extraction():
    with pytest.raises(pipeline.ExtractionTimeout, match="longer than 0.1 s"):
        pipeline.extract("全市新增企业12家，同比增长3.5%。" * 20000, source="huge.txt", timeout=0.1)


def test_rules_fingerprint_counts_what_can_change_output_only(tmp_path):
    """The fingerprint changes with a rule (a data entry, a pipeline statement), not with a
    comment, a docstring, a TOML comment or a module outside the pipeline (the command line)."""
    package = tmp_path / "extractor"
    shutil.copytree(batch._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    base = batch.fingerprint(package)

    def changed(relative: str, edit) -> bool:
        path = package / relative
        before = path.read_text(encoding="utf-8")
        path.write_text(edit(before), encoding="utf-8")
        try:
            return batch.fingerprint(package) != base
        finally:
            path.write_text(before, encoding="utf-8")

    assert not changed(
        "link.py",
        lambda s: (
            "# a comment\n"
            + s.replace('"""', '"""Words added to the docstring. ', 1).replace(
                "\n\n\n", "\n\n\n# a comment between functions\n\n", 1
            )
            + "\n# trailing\n"
        ),
    )
    assert not changed("data/units.toml", lambda s: "# a comment on the units\n" + s)
    assert not changed("cli.py", lambda s: s + "\nX = 1\n")
    assert not changed("diff.py", lambda s: s + "\nX = 1\n")
    assert changed("link.py", lambda s: s + "\nX = 1\n")
    assert changed("recognizers/dates.py", lambda s: s + "\nX = 1\n")
    assert changed("data/units.toml", lambda s: s.replace("亿元", "亿圆", 1))
    assert changed("data/userdict.txt", lambda s: s + "新词 3\n")


def test_batch_resume_redoes_releases_extracted_with_other_dates(tmp_path):
    """A run given another --date or --fallback-date extracts again: the dates decide the
    release's time and every year-less expression; the same dates again skip."""
    folder = numbered_releases(tmp_path / "in", 2)
    out = tmp_path / "out"
    jobs = discover([str(folder)])
    assert batch.run(jobs, out, batch.Settings()).extracted == 2
    assert batch.run(jobs, out, batch.Settings()).skipped == 2
    dated = batch.Settings(reference_date="2024-10-22")
    assert batch.run(jobs, out, dated).extracted == 2
    assert batch.run(jobs, out, dated).skipped == 2
    records = [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["date"] for r in records} == {"2024-10-22"}
    assert batch.run(jobs, out, batch.Settings(reference_date="2024-10-22", fallback_date="2024-01-01")).extracted == 2
