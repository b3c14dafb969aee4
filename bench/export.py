"""Time `extractor export` of a folder of extraction JSON into each target.

    python bench/export.py OUTDIR [--postgres postgresql://user@host:port/db]
    python bench/export.py OUTDIR --documents 500 2000 [--targets parquet duckdb]

OUTDIR is an `extractor run` output (for 1,000 releases: python bench/batch.py builds one,
or `extractor run` any corpus). With --documents, each count is a folder of that many
distinct documents made from OUTDIR's JSON (copies with their own source sha256 and path),
so the time against the count shows whether export stays linear. SQLite, DuckDB and
Parquet are written to a temporary folder; PostgreSQL only when a URL is given.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def copies(outdir: Path, count: int, folder: Path) -> Path:
    """``count`` distinct documents made from the JSON in ``outdir``."""
    sources = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(outdir.rglob("*.json"))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        doc = dict(sources[i % len(sources)])
        doc["source"] = dict(doc["source"], sha256=f"{i:064x}", path=f"copy-{i:05d}.txt")
        (folder / f"copy-{i:05d}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return folder


def export(folder: Path, url: str) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "export", str(folder), "--to", url, "-q"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"export to {url} failed: {result.stderr.strip()}")
    return time.perf_counter() - started, result.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--postgres", default=None)
    parser.add_argument("--documents", type=int, nargs="*", default=None, help="document counts to build and time")
    parser.add_argument("--targets", nargs="*", default=["sqlite", "duckdb", "parquet"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = (
            [copies(args.outdir, n, Path(tmp) / f"n{n}") for n in args.documents] if args.documents else [args.outdir]
        )
        for folder in folders:
            documents = len(list(folder.rglob("*.json")))
            urls = {
                "sqlite": f"sqlite:///{tmp}/{documents}.db",
                "duckdb": f"duckdb:///{tmp}/{documents}.duckdb",
                "parquet": f"parquet:{tmp}/{documents}-pq",
            }
            targets = [urls[t] for t in args.targets if t in urls] + ([args.postgres] if args.postgres else [])
            for url in targets:
                first, line = export(folder, url)
                again, _ = export(folder, url)
                print(
                    f"{url.split(':')[0]:10} {documents:6} documents: {first:6.1f} s first export, {again:5.1f} s again "
                    f"(all unchanged)  {line}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
