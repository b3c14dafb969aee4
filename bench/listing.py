"""What a batch's client holds for a listing of N releases: time and peak memory.

    python bench/listing.py [--paths 100000 1000000]

For each N, a fresh process lists N paths on standard input (as ``find … | extractor run
-`` would; the files need not exist, nothing is extracted), names their outputs, reads
the jobs back in order, then folds an index of N records (an earlier run's) with a
journal and writes it in source order: everything the client of a run (local or on a
Dask cluster) does for the listing and the index. Prints seconds and µs a release, and
the growth of the process's peak resident memory (the listing and index are on disk,
in SQLite's temporary file; see extractor/listing.py)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time

CHILD = """
import json, resource, sys, time
from pathlib import Path
from extractor import batch
n, out = int(sys.argv[1]), Path(sys.argv[2])
def lines():
    for i in range(n):
        yield f"/srv/releases/{i % 1000:03d}/{i // 1000:04d}/通报-{i:08d}.txt\\n"
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
with batch.scan(["-"], stdin_lines=lines, outdir=out) as jobs:
    count = sum(1 for _ in jobs)
listed = time.perf_counter() - t
with (out / batch.INDEX).open("w", encoding="utf-8") as fh:
    for i in range(n):
        src = f"/srv/releases/{i % 1000:03d}/{i // 1000:04d}/通报-{i:08d}.txt"
        fh.write(json.dumps({"source": src, "status": "ok", "output": src[14:] + ".json", "sha256": "0" * 64,
                             "figures": 60, "rules": "0" * 16}, ensure_ascii=False, sort_keys=True) + "\\n")
(out / batch.JOURNAL).write_text('{"source": "/srv/x.txt", "status": "ok"}\\n', encoding="utf-8")
t = time.perf_counter()
with batch._settle(out) as index:
    assert index.get("/srv/x.txt") is not None
indexed = time.perf_counter() - t
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start
print(json.dumps({"count": count, "listed": listed, "indexed": indexed, "grown_kb": grown}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paths", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    for n in args.paths:
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-c", CHILD, str(n), folder], capture_output=True, text=True, check=True
            )
            got = json.loads(result.stdout)
            assert got["count"] == n
            print(
                f"{n:>10,} releases: listed and named in {got['listed']:.1f} s "
                f"({got['listed'] / n * 1e6:.0f} µs a release), index folded and written in {got['indexed']:.1f} s; "
                f"peak memory grew {got['grown_kb'] / 1024:.0f} MB ({got['grown_kb'] * 1024 / n:.0f} bytes a release); "
                f"{time.perf_counter() - started:.0f} s in all"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
