"""Instructions per release, the measure that does not swing with the machine's load.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --toggle-collect=map_next \\
        --callgrind-out-file=/tmp/cg.out python bench/instructions.py
    python bench/instructions.py --read /tmp/cg.out

The script extracts and serializes 12 bench releases inside one ``map`` call, so that
``--toggle-collect=map_next`` counts only that work (not start-up, imports or the first,
warming extraction). ``--read`` prints the count per release from callgrind's output."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
RELEASES = 12


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--read":
        for line in Path(sys.argv[2]).read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                total = int(line.split()[1])
                print(f"{total / RELEASES / 1e6:.1f} million instructions a release ({total:,} for {RELEASES})")
                return
        raise SystemExit("no totals in the callgrind output")
    from releases import release

    from extractor.io import to_json_bytes
    from extractor.pipeline import extract

    rng = random.Random(0)
    texts = [release(rng, i) for i in range(RELEASES)]
    extract(texts[0])  # warm: lexicon, dictionary, caches

    def work(text: str) -> int:
        return len(to_json_bytes(extract(text, reference_date="2024-10-20")))

    print(sum(map(work, texts)), "bytes of JSON")


if __name__ == "__main__":
    main()
