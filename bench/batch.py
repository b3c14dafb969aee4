"""Batch throughput, memory and cold start, against plain jieba.lcut on the same text.

    python bench/batch.py [--docs 2000] [--repeat 3] [--workdir /tmp/extractor-bench]

Builds a corpus of varied releases from templates (bench/releases.py), runs
`extractor run` with 1 and 2 workers, and prints documents/s, characters/s per core,
peak memory per worker, the ratio to jieba.lcut, the time 10,000 such releases would
take with 2 workers, and the cold-start wall time of `extractor extract` on one file.
The 10,000 estimate is the fixed cost of a run (measured on two releases) plus the
per-release time of the 2-worker run; `--docs 10000 --repeat 1` measures it outright.

Every timing is taken ``--repeat`` times, alternating, and the fastest run counts (the
median is printed beside it): on a shared virtual machine a run can be slowed by a
third by its neighbours, never sped up, so the fastest run is the truest. The ratio to
jieba.lcut is taken within each round (the batch with one worker, then lcut straight
after, under the same conditions), and the median of the rounds counts.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from releases import write_corpus  # noqa: E402

# ratio: the team keeps >= 0.6 of jieba.lcut per core (the batch issue asked 0.5)
TARGETS = {"ratio": 0.6, "ten_k_seconds": 60.0, "cold_start": 1.0, "memory_mb": 300.0, "scaling": 1.7}


def _run(args: list[str]) -> tuple[float, int]:
    """Wall time of a command, and the peak RSS (KB) of its largest process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _lcut_rate(folder: Path) -> float:
    import jieba

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    started = time.perf_counter()
    for text in texts:
        tokenizer.lcut(text)
    return sum(map(len, texts)) / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/extractor-bench"))
    args = parser.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    corpus = args.workdir / "corpus"
    chars = write_corpus(corpus, args.docs)
    exe = [sys.executable, "-m", "extractor.cli"]
    print(f"corpus: {args.docs} releases, {chars:,} characters ({chars / args.docs:,.0f} per release)")
    print(subprocess.run(exe + ["--version"], capture_output=True, text=True).stdout.strip())

    runs: dict[int, list[float]] = {1: [], 2: []}
    lcuts: list[float] = []
    peak_kb = 0
    for _ in range(args.repeat):
        for workers in (1, 2):
            out = args.workdir / f"out-{workers}"
            seconds, peak = _run(exe + ["run", str(corpus), "-o", str(out), "--jobs", str(workers), "-q", "--force"])
            runs[workers].append(seconds)
            peak_kb = max(peak_kb, peak)
            if workers == 1:
                lcuts.append(_lcut_rate(corpus))  # straight after the one-worker run
    for workers in (1, 2):
        seconds = min(runs[workers])
        print(
            f"--jobs {workers}: {seconds:6.1f} s (median {statistics.median(runs[workers]):.1f}), "
            f"{args.docs / seconds:7.1f} documents/s, {chars / seconds / workers:,.0f} characters/s per core"
        )
    print(f"peak memory of a worker: {peak_kb / 1024:.0f} MB")
    ratios = [chars / seconds / rate for seconds, rate in zip(runs[1], lcuts)]
    lcut = max(lcuts)
    # the fixed cost of a run (start, imports, dictionary, forking the workers), measured on
    # two releases, is paid once however many releases follow
    two = args.workdir / "two"
    two.mkdir()
    for path in sorted(corpus.glob("*.txt"))[:2]:
        shutil.copy(path, two / path.name)
    fixed = min(
        _run(exe + ["run", str(two), "-o", str(args.workdir / "out-two"), "--jobs", "2", "-q", "--force"])[0]
        for _ in range(3)
    )
    ten_k = fixed + (min(runs[2]) - fixed) * 10000 / args.docs
    scaling = min(runs[1]) / min(runs[2])
    cold = min(_run(exe + ["extract", str(next(corpus.glob("*.txt")))])[0] for _ in range(5))
    memory_mb = peak_kb / 1024
    print(
        f"jieba.lcut on the same text: {lcut:,.0f} characters/s at best ({min(lcuts):,.0f} at worst); "
        f"pipeline per core / lcut, round by round: {', '.join(f'{r:.2f}' for r in ratios)} "
        f"(median {statistics.median(ratios):.2f})"
    )
    print(
        f"2 workers vs 1: {scaling:.2f}x; 10,000 releases with 2 workers: {ten_k:.0f} s (estimated from this run: "
        f"{fixed:.1f} s to start, then {(min(runs[2]) - fixed) / args.docs * 1000:.2f} ms a release)"
    )
    print(f"cold start of `extractor extract` on one file: {cold:.2f} s")
    checks = {
        "ratio": statistics.median(ratios) >= TARGETS["ratio"],
        "ten_k_seconds": ten_k <= TARGETS["ten_k_seconds"],
        "cold_start": cold <= TARGETS["cold_start"],
        "memory_mb": memory_mb <= TARGETS["memory_mb"],
        "scaling": scaling >= TARGETS["scaling"],
    }
    print("targets: " + ", ".join(f"{k} {'met' if ok else 'MISSED'} ({TARGETS[k]})" for k, ok in checks.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
