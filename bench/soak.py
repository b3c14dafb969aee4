"""Soak: a batch of releases with hostile files among them, its process group killed with
``kill -9`` at random moments and resumed, compared with a run that was never interrupted.

    python bench/soak.py --docs 2000 --hostile 0.05 --kills 2

Checks and prints: the resumed output is byte-identical to the uninterrupted one (every
JSON, text, index.jsonl and errors.jsonl), nothing was written outside OUTDIR (the inputs
and the folder around them are unchanged), and every hostile entry is reported exactly
once (a failure in errors.jsonl with the expected code, or one ok record for those that
must be extracted: long and colliding names, a wrong charset, new Unicode digits, a huge
figure, a one-line release).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted([*ROOT.glob("tests/gold/*.txt"), *ROOT.glob("tests/heldout*/*.txt"), *ROOT.glob("corpus/*.txt")])
MAX_BYTES = 300_000


def hostile_kinds() -> list[tuple[str, str | None, object]]:
    """(name, expected error code or None for 'extracted', maker(path)) for each kind."""

    def text(content: str, encoding: str = "utf-8"):
        return lambda p: p.write_bytes(content.encode(encoding))

    def raw(data: bytes):
        return lambda p: p.write_bytes(data)

    def fifo(p: Path) -> None:
        os.mkfifo(p)

    def link(target: str):
        return lambda p: p.symlink_to(target)

    def sparse(p: Path) -> None:
        with p.open("wb") as fh:
            fh.truncate(MAX_BYTES * 4)

    page = (
        '<html><head><meta charset="iso-8859-1"><title>外贸</title></head><body><p>全市进出口总额88.6亿元，'
        "同比增长6.1%，新设外资企业12家，实际使用外资3.2亿美元，出口52.3亿元。</p></body></html>"
    )
    nested = "<html><body>" + "<div>" * 300 + "<p>全市新增企业5家。</p>" + "</div>" * 300 + "</body></html>"
    return [
        ("empty.txt", "empty", raw(b"")),
        ("bom-only.txt", "empty", raw(b"\xef\xbb\xbf")),
        ("binary.txt", "binary", raw(bytes(range(256)) * 8)),
        ("truncated.txt", "truncated", raw("全市新增企业12家。".encode()[:-1])),
        ("oversized.txt", "too_large", sparse),
        ("pipe.txt", "not_regular", fifo),
        ("dangling.txt", "dangling_symlink", link("nowhere.txt")),
        ("outside.txt", "symlink_outside", link("/etc/hostname")),
        ("loop.txt", "symlink_loop", link("loop.txt")),
        ("wrong-charset.html", None, lambda p: p.write_bytes(page.encode("gbk"))),
        ("nested.html", None, text(nested)),
        ("关于" + "全市知识产权保护工作" * 7 + "情况的通报全文.txt", None, text("全市新增企业3家。\n")),
        ("collide?.txt", None, text("全市新增企业4家。\n")),
        ("collide_.txt", None, text("全市新增企业5家。\n")),
        ("new-digits.txt", None, text("全市新增企业\U000116d7\U00011f57\U0001e5f4家，另有3家。\n")),
        ("huge-figure.txt", None, text("全市新增企业" + "9" * 4301 + "家。\n")),
        (
            "one-line-header.txt",
            None,
            text("索引号：11341600-2024-001 发布机构：某市统计局 " + "全市新增企业3家，同比增长2.5%。" * 200),
        ),
        ("ordinals.txt", None, text("第1" * 5000)),
        ("quotes.txt", None, text("“一”" * 5000)),
    ]


def build(folder: Path, docs: int, share: float, seed: int) -> dict[str, str | None]:
    """The input folder; returns {source path: expected error code or None} for hostile entries."""
    rng = random.Random(seed)
    kinds = hostile_kinds()
    hostile_count = max(len(kinds), round(docs * share))
    expected: dict[str, str | None] = {}
    for i in range(docs - hostile_count):
        sub = folder / f"part{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        sample = SAMPLES[rng.randrange(len(SAMPLES))].read_text(encoding="utf-8")
        (sub / f"r{i:05d}.txt").write_text(sample + f"\n补充说明：本期共收集样本{i + 1}个。\n", encoding="utf-8")
    for j in range(hostile_count):
        name, code, make = kinds[j % len(kinds)]
        sub = folder / f"hostile{j // len(kinds):02d}"
        sub.mkdir(parents=True, exist_ok=True)
        make(sub / name)
        expected[(sub / name).as_posix()] = code
    return expected


def snapshot(folder: Path) -> dict[str, str]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if p.is_symlink() or not p.is_file():
                out[p.as_posix()] = "special"
            else:
                st = p.stat()
                out[p.as_posix()] = f"{st.st_size}:{st.st_mtime_ns}"
    return out


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def command(inputs: Path, out: Path, jobs: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "extractor",
        "run",
        str(inputs),
        "-o",
        str(out),
        "--jobs",
        str(jobs),
        "-q",
        "--max-bytes",
        str(MAX_BYTES),
        "--timeout",
        "30",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--hostile", type=float, default=0.05, help="share of hostile entries")
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="extractor-soak-"))
    rng = random.Random(args.seed)
    try:
        inputs = work / "in"
        expected = build(inputs, args.docs, args.hostile, args.seed)
        before = snapshot(work)
        print(
            f"{args.docs} entries, {len(expected)} hostile ({len(set(expected.values()))} kinds of outcome), "
            f"jobs {args.jobs}, work folder {work}"
        )

        started = time.monotonic()
        reference = subprocess.run(
            command(inputs, work / "reference", args.jobs), cwd=work, capture_output=True, text=True
        )
        whole = time.monotonic() - started
        print(f"uninterrupted run: {whole:.1f} s, exit {reference.returncode}")

        out = work / "out"
        kills = []
        for k in range(args.kills):
            at = rng.uniform(0.15, 0.85) * whole
            process = subprocess.Popen(
                command(inputs, out, args.jobs),
                cwd=work,
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(at)
            done = len(list(out.rglob("*.json"))) if out.exists() else 0
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            time.sleep(0.3)  # the group is gone
            kills.append((at, done))
            print(f"kill -9 of the process group {k + 1}: after {at:.1f} s, {done} JSON on disk")
        started = time.monotonic()
        resumed = subprocess.run(command(inputs, out, args.jobs), cwd=work, capture_output=True, text=True)
        print(f"resumed run: {time.monotonic() - started:.1f} s, exit {resumed.returncode}")

        problems = []
        ref_tree, out_tree = tree(work / "reference"), tree(out)
        if ref_tree != out_tree:
            differ = sorted(k for k in ref_tree.keys() | out_tree.keys() if ref_tree.get(k) != out_tree.get(k))
            problems.append(f"{len(differ)} output files differ from the uninterrupted run, e.g. {differ[:5]}")
        after = snapshot(work)
        outside = {
            k: v
            for k, v in after.items()
            if not k.startswith(((work / "out").as_posix() + "/", (work / "reference").as_posix() + "/"))
        }
        if outside != before:
            changed = sorted(k for k in outside.keys() | before.keys() if outside.get(k) != before.get(k))
            problems.append(f"written outside OUTDIR: {changed[:5]}")
        records = [json.loads(line) for line in (out / "index.jsonl").read_text(encoding="utf-8").splitlines()]
        errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
        by_source: dict[str, list[dict]] = {}
        for r in records:
            by_source.setdefault(r["source"], []).append(r)
        error_count: dict[str, int] = {}
        for e in errors:
            error_count[e["file"]] = error_count.get(e["file"], 0) + 1
        wrong = []
        for source, code in sorted(expected.items()):
            got = by_source.get(source, [])
            if len(got) != 1:
                wrong.append(f"{source}: {len(got)} index records")
            elif code is None and got[0]["status"] != "ok":
                wrong.append(f"{source}: {got[0]['error_code']} ({got[0]['error']})")
            elif code is not None and (got[0]["error_code"] != code or error_count.get(source) != 1):
                wrong.append(
                    f"{source}: {got[0]['error_code']} reported {error_count.get(source, 0)} times, "
                    f"expected {code} once"
                )
        if wrong:
            problems.append(f"{len(wrong)} hostile entries not reported as expected: {wrong[:5]}")
        if len(records) != args.docs:
            problems.append(f"{len(records)} index records for {args.docs} entries")
        failures = sum(1 for r in records if r["status"] == "failed")
        print(
            f"index: {len(records)} records, {failures} failed (all hostile: "
            f"{all(r['source'] in expected for r in records if r['status'] == 'failed')}); "
            f"hostile entries reported exactly once: {len(expected) - len(wrong)} of {len(expected)}"
        )
        print(
            f"output identical to the uninterrupted run: {ref_tree == out_tree} ({len(out_tree)} files); "
            f"nothing written outside OUTDIR: {outside == before}"
        )
        for p in problems:
            print("PROBLEM:", p)
        return 1 if problems else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
