"""extractor series: the two Bozhou releases (2023, the seed; 2024, tests/diff) as rows that
join on indicator id, a revision between two releases, growth checks that pass and one that
fails, and the table as CSV (with a byte-order mark), XLSX and Parquet read back."""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from .conftest import ROOT, SEED
from .test_cli import run_cli
from .test_export import TARGETS, _sql_rows, _url, postgres  # noqa: F401  (postgres: the server fixture)

NEW = ROOT / "tests" / "diff" / "2024-bozhou-ip-press-conference.txt"


@pytest.fixture(scope="module")
def outdir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("releases")
    shutil.copy(SEED, folder / "2023.txt")
    shutil.copy(NEW, folder / "2024.txt")
    # a revision: the 2024 release published again with one figure changed (365 -> 366 件)
    text = NEW.read_text(encoding="utf-8")
    assert text.count("365件") == 1
    (folder / "2024-revised.txt").write_text(text.replace("365件", "366件"), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    result = run_cli("run", str(folder), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    return out


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_series_rows_join_the_two_years_on_indicator_id(outdir, tmp_path):
    target = tmp_path / "s.csv"
    result = run_cli("series", str(outdir), "-o", str(target), "--indicator", "发明专利授权量")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs
    rows = _rows(target)
    assert {r["indicator_id"] for r in rows} == {"ip.invention_patents_granted"}
    levels = {(r["period"], r["value"]) for r in rows if not r["change_direction"]}
    assert {("2023-01/2023-10", "330"), ("2024-01/2024-10", "365"), ("2024-01/2024-10", "366")} <= levels
    assert {r["area"] for r in rows} == {"亳州市"} and {r["area_code"] for r in rows} == {"341600"}
    assert {r["indicator_name"] for r in rows} == {"发明专利授权量"}
    assert all(r["release"] and r["published"] and r["figure"].startswith("q") for r in rows)
    # the revision, naming both releases, and the 15.2% the levels do not give (330 -> 365: 10.61%)
    assert result.returncode == 1
    revised = [line for line in result.stderr.splitlines() if line.startswith("revised: ip.invention_patents_granted")]
    assert len(revised) == 1 and "of 亳州市 for 2024-01/2024-10" in revised[0]
    assert "366 in" in revised[0] and "2024-revised.txt" in revised[0] and "365 in" in revised[0]
    assert "stated 15.2%, the levels give 10.61%" in result.stderr


def test_series_growth_checks_pass_and_fail(outdir, tmp_path):
    target = tmp_path / "s.csv"
    run_cli("series", str(outdir), "-o", str(target), "--area", "341600")
    checks = {
        (r["indicator_id"], r["value"], r["growth_check"])
        for r in _rows(target)
        if r["growth_check"] and "revised" not in r["release"]
    }
    assert ("ip.invention_patents_granted", "15.2", "mismatch") in checks
    assert ("ip.valid_trademarks", "10.1", "ok") in checks  # 107757 -> 118640 件: 10.10%
    assert ("ip.trademark_applications", "5", "ok") in checks  # 下降5%: 18856 -> 17920 件, -4.96%


def test_series_xlsx_and_parquet_read_back(outdir, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    pq = pytest.importorskip("pyarrow.parquet")
    for suffix in (".csv", ".xlsx", ".parquet"):
        run_cli("series", str(outdir), "-o", str(tmp_path / f"s{suffix}"), "-q")
    csv_rows = _rows(tmp_path / "s.csv")
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0])[:3] == ["area", "area_code", "indicator_id"]
    assert len(values) - 1 == len(csv_rows)
    assert [v[0] for v in values[1:]] == [r["area"] for r in csv_rows]  # 亳州市, read back as written
    table = pq.read_table(tmp_path / "s.parquet").to_pylist()
    assert len(table) == len(csv_rows)
    assert [Decimal(r["value"]) for r in csv_rows] == [t["value"] for t in table]  # exact decimals


def test_series_bad_input_is_one_clear_line(tmp_path):
    missing = run_cli("series", str(tmp_path / "nothing"), "-o", str(tmp_path / "s.csv"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    assert "Traceback" not in missing.stderr
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.json").write_text("{}", encoding="utf-8")
    bad = run_cli("series", str(tmp_path / "bad"), "-o", str(tmp_path / "s.csv"))
    assert bad.returncode == 2 and "x.json: not an extraction JSON" in bad.stderr
    unknown = run_cli("series", str(tmp_path / "bad"), "-o", str(tmp_path / "s.csv"), "--indicator", "不存在的指标")
    assert unknown.returncode == 2 and "不存在的指标" in unknown.stderr
    wrong = run_cli("series", str(tmp_path / "bad"), "-o", str(tmp_path / "s.txt"))
    assert wrong.returncode == 2


@pytest.mark.parametrize("kind", TARGETS)
def test_series_to_a_database_replaces_its_table(kind, outdir, tmp_path, request):
    if kind in ("duckdb", "parquet"):
        pytest.importorskip("duckdb" if kind == "duckdb" else "pyarrow.parquet")
    url = _url(kind, tmp_path, request)
    run_cli("series", str(outdir), "-o", str(tmp_path / "s.csv"), "-q")
    csv_rows = _rows(tmp_path / "s.csv")
    for _ in range(2):  # written twice: replaced, not appended
        result = run_cli("series", str(outdir), "--to", url, "-q")
        assert result.returncode == 1 and "(table series_rows)" in result.stdout  # (1: the revision)
    if kind == "parquet":
        import pyarrow.parquet as pq

        got = [
            (r["figure"], r["release"], r["value"])
            for r in pq.read_table(Path(url[8:]) / "series_rows.parquet").to_pylist()
        ]
        want = [(r["figure"], r["release"], Decimal(r["value"])) for r in csv_rows]
    else:
        exact = "value" if kind == "duckdb" else "value_text"
        got = [tuple(r) for r in _sql_rows(url, f"SELECT figure, release, {exact} FROM series_rows")]
        got = [(f, rel, Decimal(str(v))) for f, rel, v in got]
        want = [(r["figure"], r["release"], Decimal(r["value"])) for r in csv_rows]
    assert sorted(got) == sorted(want) and len(got) == len(csv_rows) > 0


def test_series_to_a_database_keeps_a_table_it_did_not_write(outdir, tmp_path):
    import sqlite3

    db = tmp_path / "mine.db"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE series_rows (note TEXT)")
        con.execute("INSERT INTO series_rows VALUES ('keep me')")
    result = run_cli("series", str(outdir), "--to", f"sqlite:///{db}")
    assert result.returncode == 2 and "a table series_rows that extractor did not write" in result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT note FROM series_rows").fetchall() == [("keep me",)]
    both = run_cli("series", str(outdir), "-o", str(tmp_path / "s.csv"), "--to", f"sqlite:///{db}")
    assert both.returncode == 2 and "give one of -o FILE" in both.stderr


def test_a_failed_replacement_keeps_the_table_as_it_was(tmp_path):
    """SQLite commits DROP and CREATE on their own unless told: a write that fails half way
    must leave the rows that were there (one transaction, DDL included)."""
    import sqlite3

    from extractor.export import ExportError, replace_table

    url = f"sqlite:///{tmp_path / 's.db'}"
    columns = {"area": "text", "value": "decimal"}
    replace_table(url, "series_rows", columns, [{"area": "亳州市", "value": Decimal("330")}], lambda: b"")
    with pytest.raises(ExportError, match="cannot write the table series_rows"):
        replace_table(url, "series_rows", columns, [{"area": object(), "value": Decimal("1")}], lambda: b"")
    with sqlite3.connect(tmp_path / "s.db") as con:
        assert con.execute("SELECT area, value_text FROM series_rows").fetchall() == [("亳州市", "330")]
