"""The data files are typed: a mistake in one is an error at load, one line naming the file,
the entry and the problem (extractor/datafiles.py); a user's extra units go through the
same models; and every entry has a stable id."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import extractor
from extractor import datafiles
from extractor.lexicon import LexiconError, load, load_from

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "extractor" / "data"
UNIT = '{ text = "个", base = "个", kind = "count" }'


def _load_with(tmp_path: Path, file: str, old: str, new: str) -> str:
    """The error of loading the packaged data with ``old`` replaced by ``new`` in ``file``."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text, old
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_from(folder, "data")
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_datafiles_packaged_data_loads_typed():
    lexicon = load()
    assert isinstance(lexicon.quantities.range, datafiles.Range)
    assert lexicon.quantities.range.connectors == ("-", "—", "–", "~", "～", "至", "到")
    assert not hasattr(lexicon, "raw")


@pytest.mark.parametrize(
    "file,old,new,message",
    [
        (
            "units.toml",
            UNIT,
            '{ text = "个", base = "个", kind = "count", chinese_onyl = true }',
            "data/units.toml: units[29] '个': unknown key 'chinese_onyl' "
            "(expected text, base, kind, factor, chinese_only, arabic_only, not_before_number)",
        ),
        (
            "quantities.toml",
            "[range]",
            '[range]\nconnector = ["x"]',
            "data/quantities.toml: range: unknown key 'connector' (expected connectors, unitless_before)",
        ),
        (
            "quantities.toml",
            'expect = [{ text = "300余家", value = 300,',
            'expect = [{ text = "300余家", valeu = 300,',
            "data/quantities.toml: examples[0] '各县区300余家企业参训。'.expect[0] '300余家': unknown key 'valeu' (expected "
            "text, value, value_max, unit, kind, approx, indicator, qualifier, target, change, basis, rank_scope)",
        ),
    ],
    ids=["unit", "section", "example"],
)
def test_datafiles_unknown_key(tmp_path, file, old, new, message):
    assert _load_with(tmp_path, file, old, new) == message


def test_datafiles_wrong_kind(tmp_path):
    assert _load_with(tmp_path, "units.toml", UNIT, '{ text = "个", base = "个", kind = "cnt" }') == (
        "data/units.toml: units[29] '个': kind 'cnt' is not one of count, duration, measure, money, multiple, "
        "number, ordinal, percent, percentage_point, rank, rate"
    )


@pytest.mark.parametrize(
    "file,old,new,message",
    [
        (
            "units.toml",
            'kind = "count", arabic_only = true',
            'kind = "count", arabic_only = "yes"',
            "data/units.toml: units[65] '类'.arabic_only: expected true or false, found 'yes'",
        ),
        ("units.toml", "factor = 10", 'factor = "ten"', "data/units.toml: units[4] '成': factor 'ten' is not a number"),
        (
            "entities.toml",
            "max_length = 24",
            'max_length = "24"',
            "data/entities.toml: organization.max_length: expected an integer, found '24'",
        ),
        (
            "plausibility.toml",
            "county = 500000000",
            "county = 5.5",
            "data/plausibility.toml: limit[1] 'subsidies_and_fines'.county: expected an integer, found 5.5",
        ),
        (
            "dates.toml",
            '"上半年" = [1, 6]',
            '"上半年" = [1, "6"]',
            "data/dates.toml: periods.上半年[1]: expected an integer, found '6'",
        ),
        (
            "html.toml",
            'drop_tags = ["script"',
            'drop_tags = "script" #',
            "data/html.toml: drop_tags: expected a list, found 'script'",
        ),
        (
            "quantities.toml",
            "hotline = ",
            'hotline = "(" #',
            "data/quantities.toml: identifier.hotline: not a valid pattern (missing ) at position 1)",
        ),
        (
            "noise.toml",
            "regex = '(?:直播",
            "regex = '(?:直播(",
            "data/noise.toml: pattern[0] 'noise.spam_stream': not a valid pattern (missing ) at position 53)",
        ),
        (
            "segmenter.toml",
            "min_frequency = 1",
            "min_frequency = 0",
            "data/segmenter.toml: min_frequency: expected at least 1, found 0",
        ),
        (
            "metadata.toml",
            'reference_fields = ["published_date"',
            'reference_fields = ["publish_date"',
            "data/metadata.toml: reference_fields: 'publish_date' is not a field of [header] or [conference]",
        ),
        ("units.toml", UNIT, '{ base = "个", kind = "count" }', "data/units.toml: units[29]: missing key 'text'"),
    ],
    ids=[
        "bool",
        "factor",
        "int",
        "int-not-float",
        "period-month",
        "list",
        "pattern",
        "noise-pattern",
        "minimum",
        "field-name",
        "missing",
    ],
)
def test_datafiles_wrong_type(tmp_path, file, old, new, message):
    assert _load_with(tmp_path, file, old, new) == message


@pytest.mark.parametrize(
    "file,old,new,message",
    [
        ("units.toml", UNIT, f"{UNIT},\n  {UNIT}", "data/units.toml: units: duplicate unit '个' ([29] and [30])"),
        (
            "indicators.toml",
            '"截至年底"',
            '"截至年底", "截至目前"',
            "data/indicators.toml: strip_leading: duplicate entry '截至目前' ([77] and [112])",
        ),
        (
            "entities.toml",
            '"请", "通过"',
            '"请", "邀请", "通过"',
            "data/entities.toml: organization.stop: duplicate entry '邀请' ([30] and [70])",
        ),
        (
            "quantities.toml",
            '"至", "到"]',
            '"至", "到", "—"]',
            "data/quantities.toml: range.connectors: duplicate entry '—' ([1] and [7])",
        ),
        (
            "plausibility.toml",
            'name = "tax_refunds"',
            'name = "pledge_financing"',
            "data/plausibility.toml: limit: duplicate limit name 'pledge_financing' ([0] and [2])",
        ),
        (
            "noise.toml",
            'id = "noise.advert"',
            'id = "noise.breadcrumb"',
            "data/noise.toml: pattern: duplicate id 'noise.breadcrumb' ([1] and [5])",
        ),
        (
            "quantities.toml",
            'up = ["增长"',
            'up = ["下降", "增长"',
            "data/quantities.toml: change: '下降' is listed under two directions",
        ),
    ],
    ids=["unit", "indicator-word", "entity-word", "range-connector", "limit", "noise-id", "direction"],
)
def test_datafiles_duplicate(tmp_path, file, old, new, message):
    assert _load_with(tmp_path, file, old, new) == message


def test_datafiles_missing_unit_example(tmp_path):
    assert _load_with(
        tmp_path, "units.toml", f"  {UNIT},\n", f'  {UNIT},\n  {{ text = "盏", base = "盏", kind = "count" }},\n'
    ) == (
        "data/units.toml: units[30] '盏': no example (add an [[examples]] sentence whose expect has a figure "
        "ending in 盏 with its value and unit)"
    )


def test_datafiles_an_example_without_value_covers_no_unit(tmp_path):
    # 8个 in indicators.toml states no value: the unit needs an example that the suite checks
    old = '{ text = "1210列", value = 1210, unit = "列" }'
    assert "units[" in _load_with(tmp_path, "units.toml", old, '{ text = "1210列" }')


@pytest.mark.parametrize(
    "content,message",
    [
        (
            '[[units]]\ntext = "标准箱"\nbase = "标准箱"\nkind = "count"\nchinese_onyl = true\n',
            "units[0] '标准箱': unknown key 'chinese_onyl' (expected text, base, kind, factor, chinese_only, arabic_only, not_before_number)",
        ),
        (
            '[[units]]\ntext = "标准箱"\nbase = "标准箱"\nkind = "cnt"\n',
            "units[0] '标准箱': kind 'cnt' is not one of count, ",
        ),
        (
            '[[units]]\ntext = "标准箱"\nbase = "标准箱"\nkind = "count"\nfactor = true\n',
            "units[0] '标准箱': factor true is not a number",
        ),
        (
            '[[units]]\ntext = "标准箱"\nkind = "count"\n[[units]]\ntext = "标准箱"\nkind = "count"\n',
            "units: duplicate unit '标准箱' ([0] and [1])",
        ),
    ],
    ids=["unknown-key", "wrong-kind", "wrong-type", "duplicate"],
)
def test_datafiles_user_units_validated_alike(tmp_path, content, message):
    path = tmp_path / "units.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load().with_extras(units=path)
    assert str(caught.value).startswith(f"{path}: {message}")


def test_datafiles_broken_user_units_one_line_on_the_command_line(tmp_path):
    (tmp_path / "units.toml").write_text(
        '[[units]]\ntext = "标准箱"\nbase = "标准箱"\nkind = "cnt"\n', encoding="utf-8"
    )
    (tmp_path / "release.txt").write_text("全年集装箱吞吐量120万标准箱。", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "extractor",
            "extract",
            str(tmp_path / "release.txt"),
            "--units",
            str(tmp_path / "units.toml"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"extractor: {tmp_path / 'units.toml'}: units[0] '标准箱': kind 'cnt' is not one of count, "
        "duration, measure, money, multiple, number, ordinal, percent, percentage_point, rank, rate\n"
    )


def test_datafiles_entries_have_stable_ids():
    lexicon = load()
    units = lexicon.units_file.units
    assert units[0].id == "unit.%" and lexicon.units["亿元" if "亿元" in lexicon.units else "元"].id == "unit.元"
    assert len({u.id for u in units}) == len(units)
    assert [limit.id for limit in lexicon.plausibility.limit] == [
        "plausibility.pledge_financing",
        "plausibility.subsidies_and_fines",
        "plausibility.tax_refunds",
        "plausibility.guaranteed_loans",
        "plausibility.medical_insurance",
        "plausibility.any_money",
    ]
    assert lexicon.indicators.entry_id("strip_leading", "截至目前") == "indicators.strip_leading.截至目前"
    assert lexicon.quantities.range.entry_id("connectors", "至") == "quantities.range.connectors.至"
    assert lexicon.quantities.approx.entry_id("prefix", "约") == "quantities.approx.prefix.约"
    with pytest.raises(KeyError):
        lexicon.indicators.entry_id("strip_leading", "不是一个词")
    assert all(p.id.startswith("noise.") for p in lexicon.noise.pattern)


def test_datafiles_every_section_names_its_ids():
    """Every table whose entries are word lists has an id prefix, so each word has an id."""

    def sections(model):
        for field in model.model_fields.values():
            inner = datafiles._item_model(field.annotation)
            if inner is not None and not datafiles._is_sequence(field.annotation):
                yield inner
                yield from sections(inner)

    lists = [
        m
        for f in datafiles.FILES
        for m in (f, *sections(f))
        if any(
            "tuple[" in str(fld.annotation) and "Example" not in str(fld.annotation) for fld in m.model_fields.values()
        )
    ]
    assert [m.__name__ for m in lists if not m.id_prefix and m not in (datafiles.Units, datafiles.Noise)] == []


def test_datafiles_extractor_error():
    assert issubclass(LexiconError, extractor.ExtractorError)
