"""Export and diff under hostile input and unwritable targets, against real databases:
figures past what NUMERIC(38,10) holds (from a JSON of an older version), files that are
not extraction JSON, one release at two paths, targets that cannot be written, and
``check_target`` before a run."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.export import ExportError, check_target, export, fits

from .test_export import _sql_rows, _table, postgres, run_cli  # noqa: F401  (postgres: the server fixture)

HUGE = "9" * 4301  # past Python's int-from-text limit: json.loads refuses it
WIDE = "123456789012345678901234567.8901234567"  # 37 digits, < 10^28, 10 places: NUMERIC(38,10) holds it
FINE = "0.12345678901"  # 11 decimal places: NUMERIC(38,10) would round it
ABOVE = "1" + "0" * 30  # 10^30 as an upper value


@pytest.fixture(scope="module")
def seed_json(seed_document) -> str:
    from extractor.io import to_json

    return to_json(seed_document)


def _with_values(seed_json: str, sha: str = "a" * 64, path: str = "old.txt") -> str:
    """The seed as an older version might have written it: four figures with values the
    project no longer carries (numbers written as JSON numbers, exactly)."""
    doc = json.loads(seed_json)
    doc["source"]["sha256"], doc["source"]["path"] = sha, path
    for i, literal in enumerate((HUGE, WIDE, FINE)):
        doc["quantities"][i]["value"] = f"@{literal}@"
    doc["quantities"][3]["value_max"] = f"@{ABOVE}@"
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    for literal in (HUGE, WIDE, FINE, ABOVE):
        text = text.replace(f'"@{literal}@"', literal)
    return text


def _url(kind: str, tmp: Path, request) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp / 'x.db'}"
    if kind == "duckdb":
        return f"duckdb:///{tmp / 'x.duckdb'}"
    if kind == "parquet":
        return f"parquet:{tmp / 'pq'}"
    server = request.getfixturevalue("postgres")
    database = f"h{abs(hash(str(tmp))) % 10**8}"
    subprocess.run(["psql", server, "-c", f"CREATE DATABASE {database}"], check=True, capture_output=True)
    return server.rsplit("/", 1)[0] + "/" + database


def test_export_fits_numeric_38_10():
    assert fits(Decimal(WIDE)) and fits(Decimal("1.5000000000000000")) and fits(Decimal("-" + "9" * 28)) and fits(None)
    assert not fits(Decimal(HUGE)) and not fits(Decimal(FINE)) and not fits(Decimal("1E+28"))


@pytest.mark.parametrize("kind", ["sqlite", "duckdb", "parquet", "postgresql"])
def test_export_hostile_figures_stored_exactly_or_as_null_and_reported(kind, seed_json, tmp_path, request):
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "old.json").write_text(_with_values(seed_json), encoding="utf-8")
    url = _url(kind, tmp_path, request)
    result = run_cli("export", str(folder), "--to", url, "-q")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    rows = {r["position"]: r for r in _table(url, "quantities")}
    assert rows[0]["value"] is None and rows[0]["value_text"] == HUGE  # not a crash, not a rounding
    assert rows[1]["value_text"] == WIDE  # all 37 digits: no 28-digit context rounding on the way
    if kind != "sqlite":  # SQLite keeps a float in value, by design
        assert Decimal(rows[1]["value"]) == Decimal(WIDE)
    assert rows[2]["value"] is None and rows[2]["value_text"] == FINE
    assert rows[3]["value_max"] is None and rows[3]["value"] is not None
    assert len(rows) == len(json.loads(seed_json)["quantities"])
    # each figure named once, with the file; the two that fit are not
    lines = [line for line in result.stderr.splitlines() if "beyond NUMERIC(38,10)" in line]
    assert len(lines) == 3 and all(str(folder / "old.json") in line for line in lines)
    assert "(4301 characters)" in lines[0] and FINE in lines[1]


def test_export_postgresql_value_text_of_an_earlier_database_widened(seed_json, tmp_path, request):
    url = _url("postgresql", tmp_path, request)
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "seed.json").write_text(seed_json, encoding="utf-8")
    assert run_cli("export", str(folder), "--to", url, "-q").returncode == 0
    subprocess.run(
        ["psql", url, "-c", "DROP VIEW series; ALTER TABLE quantities ALTER COLUMN value_text TYPE VARCHAR(64)"],
        check=True,
        capture_output=True,
    )  # as the first release made it (with no series view)
    (folder / "old.json").write_text(_with_values(seed_json), encoding="utf-8")
    result = run_cli("export", str(folder), "--to", url, "-q")
    assert result.returncode == 0, result.stderr
    assert _sql_rows(
        url, "SELECT LENGTH(value_text) FROM quantities WHERE document_id = '" + "a" * 64 + "' AND position = 0"
    ) == [(4301,)]


def test_export_unreadable_files_reported_and_the_rest_loaded(seed_json, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-good.json").write_text(seed_json, encoding="utf-8")
    (folder / "b-truncated.json").write_text(seed_json[: len(seed_json) // 2], encoding="utf-8")
    (folder / "c-deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "d-latin1.json").write_bytes(seed_json.encode("gb18030"))
    bad_date = json.loads(seed_json)
    bad_date["source"]["sha256"] = "d" * 64
    next(q for q in bad_date["quantities"] if q["period"])["period"]["value"] = "2023-02-30"
    (folder / "e-bad-date.json").write_text(json.dumps(bad_date, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "m.db"
    result = run_cli("export", str(folder), "--to", f"sqlite:///{db}", "-q")
    assert "Traceback" not in result.stderr
    for name in ("b-truncated", "c-deep", "d-latin1", "e-bad-date"):
        line = next(line for line in result.stderr.splitlines() if f"{name}.json" in line)
        assert "not an extraction JSON" in line, line
    assert "nested too deeply" in result.stderr and "2023-02-30" in result.stderr
    assert _sql_rows(f"sqlite:///{db}", "SELECT COUNT(*) FROM documents") == [(1,)]
    summary = export(sorted(folder.glob("*.json")), f"sqlite:///{db}", warn=lambda line: None)
    assert (summary.files, summary.documents, summary.unchanged, summary.unreadable) == (5, 1, 1, 4)
    assert len(summary.problems) == 4 and "4 files not read" in summary.line("x")


def test_export_one_release_at_two_paths_is_one_document(seed_json, tmp_path):
    folder = tmp_path / "twice"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    (folder / "a" / "seed.json").write_text(seed_json, encoding="utf-8")
    moved = json.loads(seed_json)
    moved["source"]["path"] = "elsewhere/seed.txt"  # the same bytes found under another name
    (folder / "b" / "seed.json").write_text(json.dumps(moved, ensure_ascii=False), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 't.db'}"
    first = run_cli("export", str(folder), "--to", url, "-q")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"exported to {url}: 1 document, 1 written")
    assert f"{folder / 'b' / 'seed.json'}: the same release as {folder / 'a' / 'seed.json'}" in first.stderr
    assert _sql_rows(url, "SELECT source_path FROM documents") == [(json.loads(seed_json)["source"]["path"],)]
    again = export(sorted(folder.rglob("*.json")), url, warn=lambda line: None)
    assert (again.documents, again.written, again.unchanged, again.duplicates) == (1, 0, 1, 1)  # stable, not rewritten


# ---------------------------------------------------------------------------- targets that cannot be written
def _refused(result, *words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def _immutable(path: Path) -> bool:
    return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0


@pytest.fixture
def one_release(seed_json, tmp_path) -> Path:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "seed.json").write_text(seed_json, encoding="utf-8")
    return folder


def test_export_unwritable_parquet_folder(one_release, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    if not _immutable(locked):
        pytest.skip("chattr +i is not available here")
    try:
        _refused(run_cli("export", str(one_release), "--to", f"parquet:{locked}", "-q"), str(locked), "cannot write")
        _refused(run_cli("export", str(one_release), "--to", f"parquet:{locked / 'sub'}", "-q"), str(locked / "sub"))
        assert list(locked.iterdir()) == []
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    (tmp_path / "file").write_text("x")
    _refused(
        run_cli("export", str(one_release), "--to", f"parquet:{tmp_path / 'file'}", "-q"), "is a file, not a folder"
    )


@pytest.mark.parametrize("scheme", ["duckdb", "sqlite"])
def test_export_relative_database_path_explained(scheme, one_release, tmp_path):
    # duckdb:///tmp/x is tmp/x under the current folder, as in SQLAlchemy's URLs
    result = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "export", str(one_release), "--to", f"{scheme}:///tmp/x.db", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    _refused(
        result,
        f"{scheme}:///tmp/x.db",
        "folder tmp does not exist",
        "relative to the current folder",
        f"{scheme}:////tmp/x.db",
    )
    assert list(tmp_path.iterdir()) == [one_release]


def test_export_read_only_and_locked_sqlite(one_release, seed_json, tmp_path):
    db = tmp_path / "r.db"
    url = f"sqlite:///{db}"
    assert run_cli("export", str(one_release), "--to", url, "-q").returncode == 0
    changed = json.loads(seed_json)
    changed["quantities"] = changed["quantities"][:-1]
    (one_release / "seed.json").write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    before = db.read_bytes()
    if _immutable(db):
        try:
            _refused(run_cli("export", str(one_release), "--to", url, "-q"), str(db), "read-only")
        finally:
            subprocess.run(["chattr", "-i", str(db)], check=True)
        assert db.read_bytes() == before
    holder = sqlite3.connect(db)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        _refused(run_cli("export", str(one_release), "--to", url, "-q"), str(db), "locked by another program")
    finally:
        holder.rollback()
        holder.close()
    assert db.read_bytes() == before


def test_export_foreign_databases_refused_before_any_write(one_release, tmp_path):
    import duckdb

    lite = tmp_path / "app.db"
    con = sqlite3.connect(lite)
    con.execute("CREATE TABLE people (name TEXT)")
    con.commit()
    con.close()
    before = lite.read_bytes()
    _refused(
        run_cli("export", str(one_release), "--to", f"sqlite:///{lite}", "-q"),
        str(lite),
        "not a database made by extractor",
        "people",
    )
    assert lite.read_bytes() == before  # not stamped with extractor_schema
    duck = tmp_path / "app.duckdb"
    con = duckdb.connect(str(duck))
    con.execute("CREATE TABLE people (name VARCHAR)")
    con.close()
    _refused(run_cli("export", str(one_release), "--to", f"duckdb:///{duck}", "-q"), "not a database made by extractor")
    con = duckdb.connect(str(duck), read_only=True)
    assert [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()] == ["people"]
    con.close()
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "pq").mkdir()
    pq.write_table(pa.table({"id": ["x"]}), tmp_path / "pq" / "documents.parquet")
    _refused(
        run_cli("export", str(one_release), "--to", f"parquet:{tmp_path / 'pq'}", "-q"), "not written by extractor"
    )


def test_export_parquet_replaces_and_keeps_rows_and_cleans_up(seed_json, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    seed = json.loads(seed_json)
    for name in "abc":
        seed["source"]["sha256"], seed["source"]["path"] = name * 64, f"{name}.txt"
        (folder / f"{name}.json").write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    url = f"parquet:{tmp_path / 'pq'}"
    assert export(sorted(folder.glob("[ab].json")), url).written == 2
    stale = tmp_path / "pq" / ".quantities.parquet.999999999.tmp"  # left by a killed export
    stale.write_bytes(b"partial")
    seed["source"]["sha256"], seed["source"]["path"] = "b" * 64, "b.txt"
    seed["quantities"] = seed["quantities"][:5]
    (folder / "b.json").write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    summary = export(sorted(folder.glob("*.json")), url)
    assert (summary.written, summary.unchanged) == (2, 1)  # b replaced, c added, a kept
    quantities = _table(url, "quantities")
    counts = {
        doc_id[0]: sum(1 for q in quantities if q["document_id"] == doc_id) for doc_id in ("a" * 64, "b" * 64, "c" * 64)
    }
    full = len(json.loads(seed_json)["quantities"])
    assert counts == {"a": full, "b": 5, "c": full}
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == sorted(
        f"{t}.parquet" for t in ("documents", "quantities", "dates", "entities", "issues")
    )


# ---------------------------------------------------------------------------- check_target
def test_check_target_accepts_good_targets_and_changes_nothing(one_release, tmp_path, postgres):  # noqa: F811
    check_target(f"sqlite:///{tmp_path / 'new.db'}")
    check_target(f"duckdb:///{tmp_path / 'new.duckdb'}")
    check_target(f"parquet:{tmp_path / 'new' / 'pq'}")
    check_target(postgres)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one"]
    for url in (f"sqlite:///{tmp_path / 'e.db'}", f"duckdb:///{tmp_path / 'e.duckdb'}", f"parquet:{tmp_path / 'epq'}"):
        assert export([one_release / "seed.json"], url).written == 1
        check_target(url)  # an extractor database of this version


def test_check_target_refusals(tmp_path):
    cases = {
        "mysql://x/y": "unknown target",
        "postgresql://postgres@127.0.0.1:1/none": "cannot connect",
        f"sqlite:///{tmp_path / 'missing' / 'x.db'}": "does not exist",
        f"duckdb:///{tmp_path}": "is a folder",
    }
    foreign = tmp_path / "app.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE people (name TEXT)")
    con.commit()
    con.close()
    cases[f"sqlite:///{foreign}"] = "not a database made by extractor"
    old = tmp_path / "old.db"
    con = sqlite3.connect(old)
    con.execute("CREATE TABLE extractor_schema (name TEXT PRIMARY KEY, version TEXT)")
    con.execute("INSERT INTO extractor_schema VALUES ('extractor', '0')")
    con.commit()
    con.close()
    cases[f"sqlite:///{old}"] = "incompatible version"
    for url, words in cases.items():
        with pytest.raises(ExportError, match=words):
            check_target(url)
    locked = tmp_path / "locked"
    locked.mkdir()
    if _immutable(locked):
        try:
            for url in (f"sqlite:///{locked / 'x.db'}", f"parquet:{locked / 'pq'}", f"duckdb:///{locked / 'x.duckdb'}"):
                with pytest.raises(ExportError, match="cannot write in the folder"):
                    check_target(url)
        finally:
            subprocess.run(["chattr", "-i", str(locked)], check=True)


# ---------------------------------------------------------------------------- diff
def test_diff_reads_a_figure_of_4301_digits(seed_json, tmp_path):
    for side, text in (
        ("old", seed_json),
        (
            "new",
            _with_values(
                seed_json, sha=json.loads(seed_json)["source"]["sha256"], path=json.loads(seed_json)["source"]["path"]
            ),
        ),
    ):
        (tmp_path / side).mkdir()
        (tmp_path / side / "seed.json").write_text(text, encoding="utf-8")
    result = run_cli("diff", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout, parse_int=str, parse_float=str)  # the report holds the 4,301 digits too
    changes = [c for f in report["documents"][0]["figures"] for c in f["changes"] if c["field"] == "value"]
    assert [str(c["new"]) for c in changes[:3]] == [HUGE, WIDE, FINE]  # exact, not through a float


def test_export_postgresql_database_with_our_table_names_refused(one_release, tmp_path, request):
    url = _url("postgresql", tmp_path, request)
    subprocess.run(["psql", url, "-c", "CREATE TABLE people (name TEXT)"], check=True, capture_output=True)
    check_target(url)  # other tables are fine in a server database
    subprocess.run(["psql", url, "-c", "CREATE TABLE quantities (x INT)"], check=True, capture_output=True)
    with pytest.raises(ExportError, match="not a database made by extractor .*quantities"):
        check_target(url)
    _refused(run_cli("export", str(one_release), "--to", url, "-q"), "not a database made by extractor")
    assert _sql_rows(url, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'extractor_schema'") == [
        (0,)
    ]


def test_export_parquet_killed_midway_keeps_the_previous_files(seed_json, tmp_path):
    import os
    import signal
    import time

    from .conftest import ROOT

    folder = tmp_path / "many"
    folder.mkdir()
    seed = json.loads(seed_json)
    for i in range(300):
        seed["source"]["sha256"], seed["source"]["path"] = f"{i:064x}", f"copy-{i}.txt"
        (folder / f"copy-{i:03d}.json").write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    url = f"parquet:{tmp_path / 'pq'}"
    export(sorted(folder.glob("*.json"))[:10], url)
    before = {p.name: p.read_bytes() for p in (tmp_path / "pq").iterdir()}
    process = subprocess.Popen(
        [sys.executable, "-m", "extractor.cli", "export", str(folder), "--to", url, "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list((tmp_path / "pq").glob(".*.tmp")):
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    after = {p.name: p.read_bytes() for p in (tmp_path / "pq").iterdir() if not p.name.endswith(".tmp")}
    assert after == before  # each file as it was: no half-written table
    resumed = export(sorted(folder.glob("*.json")), url)
    assert (resumed.written, resumed.unchanged) == (290, 10)
    assert not list((tmp_path / "pq").glob(".*.tmp"))  # the killed export's temporary files are gone
    assert len(_table(url, "documents")) == 300
