"""Speed of `extractor review`: building the site, and opening a release page in Chromium.

    python bench/review.py [--docs 1000] [--chromium /usr/bin/chromium]

Extracts ``--docs`` bench releases (bench/releases.py) with `extractor run`, then times the
site build on one core (releases per second) and, when Chromium and Playwright are at hand,
the time from asking for the seed-like first page to its figures being marked and its table
filled (the median of five openings)."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from releases import write_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--chromium", default=shutil.which("chromium"))
    args = parser.parse_args()
    from extractor.review import build_site

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_corpus(work / "in", args.docs, seed=7)
        subprocess.run(
            [sys.executable, "-m", "extractor", "run", str(work / "in"), "-o", str(work / "out"), "-q"], check=True
        )
        started = time.perf_counter()
        pages = build_site(work / "out", work / "site")
        seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in (work / "site" / "releases").iterdir()) / pages
        print(
            f"site: {pages} release pages in {seconds:.2f} s on one core = {pages / seconds:.0f} releases/s "
            f"({size / 1024:.0f} KB a page)"
        )
        if not args.chromium:
            print("page opening: skipped (no Chromium)")
            return
        from playwright.sync_api import sync_playwright

        first = sorted((work / "site" / "releases").iterdir())[0]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            times = []
            for _ in range(5):
                page = browser.new_page()
                started = time.perf_counter()
                page.goto(first.as_uri())
                page.wait_for_selector("#figures tbody tr")
                times.append(time.perf_counter() - started)
                page.close()
            browser.close()
        print(f"page opening ({first.name}): median {statistics.median(times) * 1000:.0f} ms of 5")


if __name__ == "__main__":
    main()
