"""Regenerate the golden JSON on purpose: python tests/golden/regenerate.py

Run from anywhere; it extracts corpus/2023-bozhou-ip-press-conference.txt (path relative
to the repository root, as the golden test does) and overwrites the golden file. Review
every changed figure against the source text by hand before committing (README.md here).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = "corpus/2023-bozhou-ip-press-conference.txt"
GOLDEN = ROOT / "tests" / "golden" / "2023-bozhou-ip-press-conference.json"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from extractor import extract_file
    from extractor.io import to_json, write_atomic

    write_atomic(GOLDEN, to_json(extract_file(SEED)))
    print(f"wrote {GOLDEN.relative_to(ROOT)}; now review the diff by hand: git diff tests/golden")
    return 0


if __name__ == "__main__":
    sys.exit(main())
