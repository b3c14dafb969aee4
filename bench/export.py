"""Time `extractor export` of a folder of extraction JSON into each target.

    python bench/export.py OUTDIR [--postgres postgresql://user@host:port/db]

OUTDIR is an `extractor run` output (for 1,000 releases: python bench/batch.py builds one,
or `extractor run` any corpus). SQLite, DuckDB and Parquet are written to a temporary
folder; PostgreSQL only when a URL is given.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--postgres", default=None)
    args = parser.parse_args()
    documents = len(list(args.outdir.rglob("*.json")))
    with tempfile.TemporaryDirectory() as tmp:
        targets = [f"sqlite:///{tmp}/x.db", f"duckdb:///{tmp}/x.duckdb", f"parquet:{tmp}/pq"]
        if args.postgres:
            targets.append(args.postgres)
        for url in targets:
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "extractor.cli", "export", str(args.outdir), "--to", url, "-q"],
                                    capture_output=True, text=True)
            first = time.perf_counter() - started
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "extractor.cli", "export", str(args.outdir), "--to", url, "-q"],
                           capture_output=True, text=True)
            again = time.perf_counter() - started
            print(f"{url.split(':')[0]:10} {documents} documents: {first:6.1f} s first export, {again:5.1f} s again "
                  f"(all unchanged)  {result.stdout.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
