"""Export to real databases: SQLite and DuckDB files, Parquet read back with pyarrow, and a
real PostgreSQL server started on loopback in a temporary folder. Round trips compare the
database with the JSON field by field."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from decimal import Decimal
from glob import glob
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from extractor.export import ExportError, _need, date_range

from .conftest import ROOT

QUERIES = {
    # one indicator across documents and years
    "indicator": "SELECT d.source_path, q.period_start, q.period_end, q.value_text, q.unit FROM quantities q "
    "JOIN documents d ON d.id = q.document_id WHERE q.indicator IN ('授权发明专利', '发明专利授权量') "
    "AND q.change_direction IS NULL AND q.kind = 'count' ORDER BY q.period_start, d.source_path",
    # all flagged figures with their sentences
    "flagged": "SELECT d.source_path, q.text, q.flags, q.sentence FROM quantities q JOIN documents d ON d.id = q.document_id "
    "WHERE q.flags IS NOT NULL ORDER BY d.source_path, q.position",
    # documents by publishing bureau
    "publisher": "SELECT publisher, COUNT(*) AS releases FROM documents WHERE publisher IS NOT NULL GROUP BY publisher ORDER BY publisher",
}


def run_cli(*args, **kw):
    return subprocess.run(
        [sys.executable, "-m", "extractor.cli", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", **kw
    )


@pytest.fixture(scope="module")
def outdir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("extracted")
    result = run_cli("run", "tests/gold", "corpus", "tests/diff", "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    return out


def _seed(outdir: Path) -> Path:
    """The seed release's JSON (its place in OUTDIR mirrors its input path)."""
    return next(outdir.rglob("2023-bozhou-ip-press-conference.json"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        pytest.fail(f"PostgreSQL's {name} is not installed (.ci/run installs the postgresql package)")
    return found


@pytest.fixture(scope="module")
def postgres(tmp_path_factory) -> str:
    """A real PostgreSQL server on loopback, in a temporary folder, for this module."""
    base = Path(tempfile_dir := tmp_path_factory.mktemp("pg"))
    data = base / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        os.chmod(base, 0o700)
        for parent in list(base.parents)[:3]:
            os.chmod(parent, os.stat(parent).st_mode | 0o011)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(
        prefix
        + [
            _pg_bin("initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-instructions",
            "-E",
            "UTF8",
            "--locale",
            "C",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        prefix
        + [
            _pg_bin("pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(base / "log"),
            "-w",
            "start",
            "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(prefix + [_pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        del tempfile_dir


def _sql_rows(url: str, query: str) -> list[tuple]:
    if url.startswith("duckdb:///"):
        import duckdb

        con = duckdb.connect(url[len("duckdb:///") :], read_only=True)
        try:
            return [tuple(r) for r in con.execute(query).fetchall()]
        finally:
            con.close()
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(query)).fetchall()]
    finally:
        engine.dispose()


def _parquet_rows(folder: Path, table: str) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(folder / f"{table}.parquet").to_pylist()


def _table(url: str, table: str) -> list[dict]:
    if url.startswith("parquet:"):
        return _parquet_rows(Path(url[len("parquet:") :]), table)
    order = "id" if table == "documents" else "document_id, position"
    columns = [c for c in _columns(table)]
    data = _sql_rows(url, f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
    return [dict(zip(columns, row)) for row in data]


def _columns(table: str) -> list[str]:
    from extractor.export import meta

    return [c.name for c in meta.tables[table].columns]


def _check_round_trip(url: str, outdir: Path) -> None:
    docs = {d["id"]: d for d in _table(url, "documents")}
    quantities = _table(url, "quantities")
    dates = _table(url, "dates")
    entities = _table(url, "entities")
    issues = _table(url, "issues")
    files = sorted(outdir.rglob("*.json"))
    assert len(docs) == len(files)
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc_id = doc["source"]["sha256"]
        row = docs[doc_id]
        assert row["source_path"] == doc["source"]["path"] and row["pipeline_version"] == doc["pipeline_version"]
        ref_area = (doc.get("reference") or {}).get("area") or {}
        assert (row["reference_area"], row["reference_area_rule"]) == (ref_area.get("name"), ref_area.get("rule"))
        publisher = doc["metadata"]["publisher"]
        assert row["publisher"] == (publisher["value"] if publisher else None)
        mine = [q for q in quantities if q["document_id"] == doc_id]
        assert len(mine) == len(doc["quantities"])
        for q, j in zip(sorted(mine, key=lambda r: r["position"]), doc["quantities"]):
            assert (q["qid"], q["text"], q["span_start"], q["span_end"]) == (j["id"], j["text"], *j["span"])
            assert (q["unit"], q["kind"], q["indicator"], q["approx"], q["scope"]) == (
                j["unit"],
                j["kind"],
                j["indicator"],
                j["approx"],
                j["scope"],
            )
            assert (q["flags"] or "") == ",".join(j["flags"])
            area = j.get("area") or {}
            assert (q["indicator_id"], q["area"], q["area_code"], q["rule_area"]) == (
                j.get("indicator_id"),
                area.get("name"),
                area.get("code"),
                j["rules"].get("area"),
            )
            if j["value"] is not None:
                assert Decimal(q["value_text"]) == Decimal(str(j["value"]))
                if not url.startswith("sqlite"):
                    assert Decimal(q["value"]) == Decimal(str(j["value"]))  # exact, not a float
            if j["period"]:
                assert (q["period_start"], q["period_end"]) == tuple(
                    d if d is None or isinstance(q["period_start"], type(d)) else str(d)
                    for d in date_range(j["period"]["value"])
                )
        assert len([d for d in dates if d["document_id"] == doc_id]) == len(doc["dates"])
        assert sorted(e["text"] for e in entities if e["document_id"] == doc_id) == sorted(
            e["text"] for e in doc["entities"]
        )
        assert len([i for i in issues if i["document_id"] == doc_id]) == len(doc["issues"])
        if not url.startswith("parquet:"):  # the series view: the figures that make rows
            (count,) = _sql_rows(url, f"SELECT count(*) FROM series WHERE document_id = '{doc_id}'")[0]
            assert count == sum(
                1
                for q in doc["quantities"]
                if q.get("area") and q.get("indicator_id") and (q["period"] or {}).get("value")
            )


TARGETS = ["sqlite", "duckdb", "parquet", "postgresql"]


def _url(kind: str, tmp: Path, request) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp / 'x.db'}"
    if kind == "duckdb":
        return f"duckdb:///{tmp / 'x.duckdb'}"
    if kind == "parquet":
        return f"parquet:{tmp / 'pq'}"
    server = request.getfixturevalue("postgres")
    database = f"t{abs(hash(str(tmp))) % 10**8}"
    subprocess.run(["psql", server, "-c", f"CREATE DATABASE {database}"], check=True, capture_output=True)
    return server.rsplit("/", 1)[0] + "/" + database


@pytest.mark.parametrize("kind", TARGETS)
def test_export_round_trip_and_reexport(kind, outdir, tmp_path, request):
    url = _url(kind, tmp_path, request)
    first = run_cli("export", str(outdir), "--to", url, "-q")
    assert first.returncode == 0, first.stderr
    assert "written" in first.stdout and " 0 unchanged" in first.stdout
    _check_round_trip(url, outdir)
    before = {t: len(_table(url, t)) for t in ("documents", "quantities", "dates", "entities", "issues")}
    again = run_cli("export", str(outdir), "--to", url, "-q")
    assert "0 written" in again.stdout
    assert {t: len(_table(url, t)) for t in before} == before  # no row duplicated


@pytest.mark.parametrize("kind", TARGETS)
def test_export_reextracted_document_replaces_its_rows(kind, outdir, tmp_path, request):
    url = _url(kind, tmp_path, request)
    folder = tmp_path / "one"
    folder.mkdir()
    seed = _seed(outdir)
    shutil.copy(seed, folder / "seed.json")
    assert run_cli("export", str(folder), "--to", url, "-q").returncode == 0
    doc = json.loads(seed.read_text(encoding="utf-8"))
    doc["quantities"][0]["value"] = 331
    doc["quantities"] = doc["quantities"][:-1]
    (folder / "seed.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert "1 written" in run_cli("export", str(folder), "--to", url, "-q").stdout
    rows = _table(url, "quantities")
    assert len(rows) == len(doc["quantities"])
    assert next(r for r in rows if r["position"] == 0)["value_text"] == "331"


def test_export_readme_queries(outdir, tmp_path, postgres):
    results = {}
    for kind, url in (("sqlite", f"sqlite:///{tmp_path / 'q.db'}"), ("postgresql", postgres)):
        assert run_cli("export", str(outdir), "--to", url, "-q").returncode == 0
        results[kind] = {name: _sql_rows(url, sql) for name, sql in QUERIES.items()}
    sqlite_rows = results["sqlite"]
    series = [r[3] for r in sqlite_rows["indicator"] if "bozhou" in r[0]]
    assert series == ["330", "365"]  # the 2023 and 2024 releases of the series, by period
    assert len(sqlite_rows["indicator"]) > 2  # and the same indicator in other cities' releases
    assert any(
        r[1] == "14311.5亿元" and "suspect_figure" in r[2] and "专利质押融资14311.5亿元" in r[3]
        for r in sqlite_rows["flagged"]
    )
    assert ("亳州市市场监督管理局(亳州市知识产权局)", 2) in sqlite_rows["publisher"]
    assert [r[3] for r in results["postgresql"]["indicator"]] == [r[3] for r in sqlite_rows["indicator"]]
    assert len(results["postgresql"]["flagged"]) == len(sqlite_rows["flagged"])


def test_export_incompatible_schema_is_a_clear_error(tmp_path):
    import sqlite3

    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE extractor_schema (name VARCHAR(32) PRIMARY KEY, version VARCHAR(16) NOT NULL)")
    con.execute("INSERT INTO extractor_schema VALUES ('extractor', '0')")
    con.commit()
    con.close()
    result = run_cli("export", "output", "--to", f"sqlite:///{db}")
    assert result.returncode == 2
    assert "incompatible version" in result.stderr and "Traceback" not in result.stderr


def test_export_unknown_target_and_missing_package():
    result = run_cli("export", "output", "--to", "mysql://x")
    assert result.returncode == 2 and "unknown target" in result.stderr
    # in this checkout (an editable install) the hint names the checkout, not a relative '.'
    with pytest.raises(ExportError, match=f"pip install -e '{ROOT.resolve()}\\[nothing\\]'"):
        _need("extractor_no_such_module", "nothing")


def test_export_killed_midway_leaves_whole_documents(outdir, tmp_path):
    many = tmp_path / "many"
    many.mkdir()
    seed = json.loads((_seed(outdir)).read_text(encoding="utf-8"))
    for i in range(400):
        seed["source"]["sha256"] = f"{i:064x}"
        seed["source"]["path"] = f"copy-{i}.txt"
        (many / f"copy-{i:03d}.json").write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "k.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "extractor.cli", "export", str(many), "--to", f"sqlite:///{db}", "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if db.exists() and _sql_rows(f"sqlite:///{db}", "SELECT COUNT(*) FROM documents")[0][0] >= 10:
                break
        except OperationalError:
            pass  # the writer holds the database for a moment, or has not made the tables yet
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    counts = _sql_rows(
        f"sqlite:///{db}",
        "SELECT d.id, COUNT(q.position) FROM documents d LEFT JOIN quantities q ON q.document_id = d.id GROUP BY d.id",
    )
    assert 10 <= len(counts) < 400
    assert all(n == len(seed["quantities"]) for _, n in counts)  # every document whole
    orphans = _sql_rows(
        f"sqlite:///{db}", "SELECT COUNT(*) FROM quantities WHERE document_id NOT IN (SELECT id FROM documents)"
    )
    assert orphans == [(0,)]
    resumed = run_cli("export", str(many), "--to", f"sqlite:///{db}", "-q")
    assert resumed.returncode == 0 and f"{len(counts)} unchanged" in resumed.stdout


def test_export_from_run(tmp_path):
    db = tmp_path / "r.db"
    result = run_cli("run", "corpus", "-o", str(tmp_path / "out"), "-q", "--to", f"sqlite:///{db}")
    assert result.returncode == 0, result.stderr
    assert _sql_rows(f"sqlite:///{db}", "SELECT COUNT(*) FROM quantities") == [(61,)]
