"""Time against size for the shapes of text that once grew quadratically or worse.

    python bench/shapes.py [--sizes 5,10,20,40,80] [--limit 60] [--shapes di1,quotes,...]

For each shape and size (KB of UTF-8), a release of that shape is written to a temporary
folder and extracted from its file in a child process (the pipeline loaded and warmed up
first, so only the release is timed: reading, the HTML stage for a page, extracting and
serializing). A point that takes more than ``--limit`` seconds is stopped and the larger
sizes of that shape are skipped. The last column is the time ratio to the size before:
about 2 for each doubling is linear growth, 4 quadratic.

Shapes:
- di1: ``第1第1…`` (an ordinal with no counter, thousands of times)
- quotes: ``“一”“一”…`` (a run of quoted names)
- sentences: ordinary sentences with figures in one paragraph (no line break)
- oneline: whole releases (header, title, sections) with every line break removed
- unit_run: ``1个1个…`` (numbers and counters with no punctuation)
- respectively: ``出口和进口分别增长1.5%和2.3%，`` repeated (no sentence end)
- org: ``公司公司…`` (an organization suffix, thousands of times)
- nested_html: a page whose furniture nests 8 levels per KB, the article beside it
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from releases import release  # noqa: E402

SIZES = (5, 10, 20, 40, 80)


def _repeat(unit: str, size: int) -> str:
    count = size // len(unit.encode("utf-8")) + 1
    return unit * count


def _sentences(size: int) -> str:
    rng = random.Random(7)
    out, n = [], 0
    while n < size:
        paragraph = release(rng, rng.randint(0, 10**6)).split("\n")
        body = "".join(line for line in paragraph if line.endswith("。"))
        out.append(body)
        n += len(body.encode("utf-8"))
    return "".join(out)


def _oneline(size: int) -> str:
    rng = random.Random(11)
    out, n = [], 0
    while n < size:
        text = release(rng, len(out)).replace("\n", "")
        out.append(text)
        n += len(text.encode("utf-8"))
    return "".join(out)


def _nested_html(size: int) -> str:
    levels = size // 128  # 8 levels a KB
    open_ = '<div class="nav-menu"><span>首页</span>' * levels
    close = "</div>" * levels
    article = "".join(f"<p>{s}。</p>" for s in _sentences(4000).split("。") if s)
    return (
        f"<html><head><title>某市统计局关于经济运行情况的通报</title></head><body>{open_}{close}"
        f'<div id="zoom">{article}</div></body></html>'
    )


SHAPES = {
    "di1": (".txt", lambda size: _repeat("第1", size)),
    "quotes": (".txt", lambda size: _repeat("“一”", size)),
    "sentences": (".txt", _sentences),
    "oneline": (".txt", _oneline),
    "unit_run": (".txt", lambda size: _repeat("1个", size)),
    "respectively": (".txt", lambda size: _repeat("出口和进口分别增长1.5%和2.3%，", size)),
    "org": (".txt", lambda size: _repeat("公司", size)),
    "nested_html": (".html", _nested_html),
}

_CHILD = """
import sys, time
from extractor.io import extract_release, to_json_bytes
from extractor.pipeline import extract
extract("全市地区生产总值123.4亿元，同比增长5.6%。")  # load jieba and the rules
started = time.perf_counter()
document, _ = extract_release(sys.argv[1])
to_json_bytes(document)
print(f"{time.perf_counter() - started:.3f} {len(document.quantities)}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="KB, comma-separated")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds a point may take")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'shape':<14}{'KB':>5}{'chars':>9}{'figures':>9}{'seconds':>10}{'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.shapes.split(","):
            suffix, make = SHAPES[name]
            before = None
            for kb in sizes:
                text = make(kb * 1000)
                path = Path(tmp) / f"{name}-{kb}{suffix}"
                path.write_text(text, encoding="utf-8")
                try:
                    done = subprocess.run(
                        [sys.executable, "-c", _CHILD, str(path)],
                        capture_output=True,
                        text=True,
                        timeout=args.limit + 5,
                    )
                except subprocess.TimeoutExpired:
                    print(
                        f"{name:<14}{kb:>5}{len(text):>9}{'':>9}{'>' + format(args.limit, 'g'):>10}  (larger sizes skipped)"
                    )
                    break
                if done.returncode != 0:
                    print(f"{name:<14}{kb:>5}{len(text):>9}  failed: {done.stderr.strip().splitlines()[-1:]}")
                    break
                seconds, figures = done.stdout.split()
                seconds = float(seconds)
                ratio = f"{seconds / before:.1f}" if before else ""
                print(f"{name:<14}{kb:>5}{len(text):>9}{figures:>9}{seconds:>10.2f}{ratio:>7}", flush=True)
                before = max(seconds, 0.001)
                if seconds > args.limit:
                    print(f"{name:<14}  (larger sizes skipped)")
                    break
    return 0


if __name__ == "__main__":
    sys.exit(main())
