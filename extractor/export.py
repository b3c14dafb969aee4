"""Loading extraction JSON into databases: SQLite (default, no server), PostgreSQL, DuckDB,
and Parquet files.

One relational schema, defined once with SQLAlchemy Core (``TABLES``): ``documents``,
``quantities``, ``dates``, ``entities``, ``issues``, and ``extractor_schema`` (the schema
version). A document's id is the sha256 of its source bytes. Every document is written in
one transaction: re-exporting an unchanged document changes nothing, a re-extracted one
replaces its rows, and an export stopped half way leaves each document either whole or as
it was. Values are exact NUMERIC(38,10) (SQLite, which has no exact decimals, keeps a
float and the exact ``value_text``).
"""
from __future__ import annotations

import calendar
import datetime
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import (Boolean, Column, Date, Float, ForeignKey, Index, Integer, MetaData, Numeric, String, Table, Text,
                        column, create_engine, delete, insert, select, table as table_clause, update)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.schema import CreateIndex, CreateTable

from .io import text_for
from .model import SCHEMA_VERSION, Document

DB_SCHEMA_VERSION = "1"
_EXACT = Numeric(38, 10, asdecimal=True).with_variant(Float(), "sqlite")

meta = MetaData()
schema_table = Table("extractor_schema", meta, Column("name", String(32), primary_key=True), Column("version", String(16), nullable=False))
documents = Table(
    "documents", meta,
    Column("id", String(64), primary_key=True, comment="sha256 of the source bytes"),
    Column("source_path", Text), Column("content_hash", String(64), nullable=False, comment="sha256 of the JSON exported"),
    Column("pipeline_version", String(32), nullable=False), Column("schema_version", String(16), nullable=False),
    Column("length", Integer), Column("encoding", String(32)), Column("format", String(16)), Column("title", Text),
    Column("index_number", Text), Column("category", Text), Column("publisher", Text), Column("topic", Text),
    Column("validity", Text), Column("keywords", Text), Column("name", Text), Column("document_number", Text),
    Column("created_date", Date), Column("published_date", Date), Column("conference_topic", Text),
    Column("speakers", Text), Column("host", Text), Column("conference_time", Date), Column("conference_place", Text),
    Column("conference_organizer", Text), Column("media", Text), Column("reference_date", Date),
)


def _child(name: str, *columns: Column) -> Table:
    return Table(name, meta,
                 Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
                 Column("position", Integer, primary_key=True), *columns)


quantities = _child(
    "quantities",
    Column("qid", String(16)), Column("text", Text, nullable=False), Column("span_start", Integer), Column("span_end", Integer),
    Column("value", _EXACT), Column("value_text", String(64)), Column("value_max", _EXACT),
    Column("number_text", Text), Column("unit_text", Text), Column("unit", String(32)), Column("kind", String(24)),
    Column("approx", String(16)), Column("indicator", Text), Column("qualifier", Text), Column("scope", String(32)),
    Column("period_text", Text), Column("period_start", Date), Column("period_end", Date),
    Column("change_basis", Text), Column("change_direction", String(8)), Column("change_of", String(16)),
    Column("rank", Integer), Column("rank_scope", Text), Column("rank_of", String(16)), Column("target", Boolean),
    Column("section", String(16)), Column("sentence_start", Integer), Column("sentence_end", Integer),
    Column("sentence", Text, comment="the sentence, when the text the spans refer to was at hand"),
    Column("rule", String(64)), Column("flags", Text),
)
dates = _child(
    "dates",
    Column("did", String(16)), Column("text", Text, nullable=False), Column("span_start", Integer), Column("span_end", Integer),
    Column("value", String(32)), Column("kind", String(16)), Column("start_date", Date), Column("end_date", Date),
    Column("year_inferred", Boolean), Column("repair", Text), Column("rule", String(64)), Column("flags", Text),
)
entities = _child(
    "entities",
    Column("eid", String(16)), Column("type", String(16)), Column("text", Text, nullable=False),
    Column("span_start", Integer), Column("span_end", Integer), Column("title", Text), Column("organization", Text),
    Column("rule", String(64)),
)
issues = _child(
    "issues",
    Column("code", String(32)), Column("severity", String(16)), Column("text", Text), Column("span_start", Integer),
    Column("span_end", Integer), Column("message", Text), Column("ref", String(16)), Column("candidates", Text),
    Column("rule", String(64)),
)
Index("ix_quantities_indicator", quantities.c.indicator)
Index("ix_quantities_document", quantities.c.document_id)
Index("ix_documents_publisher", documents.c.publisher)
CHILDREN = (quantities, dates, entities, issues)
TABLES = (documents, *CHILDREN)


class ExportError(Exception):
    """An export that cannot go ahead; the message says what to do."""


@dataclass
class ExportSummary:
    documents: int = 0
    written: int = 0
    unchanged: int = 0
    rows: int = 0


# ---------------------------------------------------------------------------- rows
def _day(iso: str | None, last: bool) -> datetime.date | None:
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if last else 1)
    day = parts[2] if len(parts) > 2 else (calendar.monthrange(year, month)[1] if last else 1)
    return datetime.date(year, month, day)


def date_range(value: str | None) -> tuple[datetime.date | None, datetime.date | None]:
    """2023-01/2023-10 -> (2023-01-01, 2023-10-31); 2023 -> the whole year."""
    if not value:
        return None, None
    start, _, end = value.partition("/")
    return _day(start, False), _day(end or start, True)


def _text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")


def rows(document: Document, content_hash: str, text: str | None = None) -> dict[str, list[dict]]:
    """The rows of every table for one document (``text``: the text its spans refer to)."""
    m = document.metadata
    doc_id = document.source.sha256

    def field(f):
        return f.value if f is not None else None

    out: dict[str, list[dict]] = {"documents": [{
        "id": doc_id, "source_path": document.source.path, "content_hash": content_hash,
        "pipeline_version": document.pipeline_version, "schema_version": document.schema_version,
        "length": document.source.length, "encoding": document.source.encoding, "format": document.source.format,
        "title": document.title.text if document.title else None,
        "index_number": field(m.index_number), "category": field(m.category), "publisher": field(m.publisher),
        "topic": field(m.topic), "validity": field(m.validity), "keywords": field(m.keywords), "name": field(m.name),
        "document_number": field(m.document_number), "created_date": date_range(field(m.created_date))[0],
        "published_date": date_range(field(m.published_date))[0], "conference_topic": field(m.conference_topic),
        "speakers": "; ".join(s.raw for s in m.speakers) or None, "host": m.host.raw if m.host else None,
        "conference_time": date_range(field(m.conference_time))[0], "conference_place": field(m.conference_place),
        "conference_organizer": field(m.conference_organizer), "media": "、".join(x.text for x in m.media) or None,
        "reference_date": date_range(m.reference_date)[0],
    }]}
    out["quantities"] = []
    for i, q in enumerate(document.quantities):
        start, end = date_range(q.period.value if q.period else None)
        out["quantities"].append({
            "document_id": doc_id, "position": i, "qid": q.id, "text": q.text, "span_start": q.span[0], "span_end": q.span[1],
            "value": q.value, "value_text": _text(q.value), "value_max": q.value_max, "number_text": q.number_text,
            "unit_text": q.unit_text, "unit": q.unit, "kind": q.kind.value, "approx": q.approx, "indicator": q.indicator,
            "qualifier": q.qualifier, "scope": q.scope, "period_text": q.period.text if q.period else None,
            "period_start": start, "period_end": end, "change_basis": q.change.basis if q.change else None,
            "change_direction": q.change.direction.value if q.change else None, "change_of": q.change.of if q.change else None,
            "rank": q.rank.position if q.rank else None, "rank_scope": q.rank.scope if q.rank else None,
            "rank_of": q.rank.of if q.rank else None, "target": q.target, "section": q.section,
            "sentence_start": q.sentence[0], "sentence_end": q.sentence[1],
            "sentence": text[q.sentence[0]:q.sentence[1]].strip() if text else None,
            "rule": q.rule, "flags": ",".join(q.flags) or None,
        })
    out["dates"] = [{
        "document_id": doc_id, "position": i, "did": d.id, "text": d.text, "span_start": d.span[0], "span_end": d.span[1],
        "value": d.value, "kind": d.kind.value, "start_date": date_range(d.value)[0], "end_date": date_range(d.value)[1],
        "year_inferred": d.year_inferred, "repair": d.repair.reading if d.repair else None, "rule": d.rule,
        "flags": ",".join(d.flags) or None} for i, d in enumerate(document.dates)]
    out["entities"] = [{
        "document_id": doc_id, "position": i, "eid": e.id, "type": e.type.value, "text": e.text, "span_start": e.span[0],
        "span_end": e.span[1], "title": e.title, "organization": e.organization, "rule": e.rule}
        for i, e in enumerate(document.entities)]
    out["issues"] = [{
        "document_id": doc_id, "position": i, "code": x.code, "severity": x.severity.value, "text": x.text,
        "span_start": x.span[0], "span_end": x.span[1], "message": x.message, "ref": x.ref,
        "candidates": " | ".join(c.reading for c in x.candidates) or None, "rule": x.rule}
        for i, x in enumerate(document.issues)]
    return out


def load_documents(paths: Iterable[Path]) -> Iterable[tuple[Document, str, str | None]]:
    """Each document, the hash of its JSON, and the text beside it (from `extractor run`)."""
    for path in paths:
        data = path.read_bytes()
        try:
            document = Document.model_validate_json(data)
        except ValueError as exc:
            raise ExportError(f"{path}: not an extraction JSON ({str(exc).splitlines()[0]})") from None
        yield document, hashlib.sha256(data).hexdigest(), text_for(path, document)


def json_files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise ExportError(f"{folder}: no such file or folder")
    return sorted(p for p in folder.rglob("*.json"))


# ---------------------------------------------------------------------------- SQL targets
def _need(module: str, extra: str):
    try:
        return __import__(module)
    except ImportError:
        raise ExportError(f"this target needs the {module} package: pip install -e '.[{extra}]'") from None


def _engine(url: str) -> Engine:
    if url.startswith("postgresql"):
        _need("psycopg", "postgres")
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
    try:
        return create_engine(url)
    except SQLAlchemyError as exc:
        raise ExportError(f"{url}: {exc}") from None


def _check_schema(version: str | None) -> None:
    if version is not None and version != DB_SCHEMA_VERSION:
        raise ExportError(f"the database was made by an incompatible version of extractor (schema {version}, this is "
                          f"{DB_SCHEMA_VERSION}); export into a new database")


class SqlTarget:
    """SQLite and PostgreSQL through SQLAlchemy Core."""

    def __init__(self, url: str) -> None:
        self.engine = _engine(url)
        try:
            with self.engine.begin() as conn:
                meta.create_all(conn)
                version = conn.execute(select(schema_table.c.version).where(schema_table.c.name == "extractor")).scalar()
                _check_schema(version)
                if version is None:
                    conn.execute(insert(schema_table).values(name="extractor", version=DB_SCHEMA_VERSION))
        except SQLAlchemyError as exc:
            raise ExportError(f"cannot open {url}: {str(exc).splitlines()[0]}") from None

    def write(self, document: Document, content_hash: str, text: str | None) -> int | None:
        doc_id = document.source.sha256
        with self.engine.begin() as conn:
            current = conn.execute(select(documents.c.content_hash).where(documents.c.id == doc_id)).scalar()
            if current == content_hash:
                return None
            for table in CHILDREN:
                conn.execute(delete(table).where(table.c.document_id == doc_id))
            conn.execute(delete(documents).where(documents.c.id == doc_id))
            count = 0
            for table_name, values in rows(document, content_hash, text).items():
                if values:
                    conn.execute(insert(meta.tables[table_name]), values)
                    count += len(values)
            return count

    def close(self) -> None:
        self.engine.dispose()


class DuckTarget:
    """DuckDB through the duckdb package, with DDL and statements generated by SQLAlchemy."""

    def __init__(self, path: str) -> None:
        duckdb = _need("duckdb", "duckdb")
        self.pa = _need("pyarrow", "duckdb")
        self.con = duckdb.connect(path)
        pg = postgresql.dialect()
        existing = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "extractor_schema" in existing:
            row = self.con.execute(str(select(schema_table.c.version).compile(dialect=sqlite.dialect())).replace("extractor_schema.", ""))
            version = row.fetchone()
            _check_schema(version[0] if version else None)
        else:
            self.con.execute("BEGIN")
            for table in (schema_table, *TABLES):
                # no FOREIGN KEY clauses: DuckDB cannot update or delete a row other rows
                # reference (a documented limitation); each document is replaced whole instead
                self.con.execute(str(CreateTable(table, include_foreign_key_constraints=[]).compile(dialect=pg)))
                for index in table.indexes:
                    self.con.execute(str(CreateIndex(index).compile(dialect=pg)))
            self.con.execute(self._insert(schema_table), ["extractor", DB_SCHEMA_VERSION])
            self.con.execute("COMMIT")

    @staticmethod
    def _insert(table: Table) -> str:
        return str(insert(table).compile(dialect=sqlite.dialect()))

    def write(self, document: Document, content_hash: str, text: str | None) -> int | None:
        doc_id = document.source.sha256
        where = documents.c.id == doc_id
        found = self.con.execute(str(select(documents.c.content_hash).where(where).compile(dialect=sqlite.dialect())), [doc_id]).fetchone()
        if found and found[0] == content_hash:
            return None
        self.con.execute("BEGIN")
        try:
            lite = sqlite.dialect()
            for table in CHILDREN:
                self.con.execute(str(delete(table).where(table.c.document_id == doc_id).compile(dialect=lite)), [doc_id])
            count = 0
            for table_name, values in rows(document, content_hash, text).items():
                if not values:
                    continue
                table = meta.tables[table_name]
                names = list(values[0])
                if table is documents and found:
                    # an update, not delete + insert: DuckDB checks a primary key deleted and
                    # inserted in one transaction as if both rows were there
                    statement = update(documents).where(documents.c.id == doc_id).values({n: None for n in names if n != "id"})
                    self.con.execute(str(statement.compile(dialect=lite)), [values[0][n] for n in names if n != "id"] + [doc_id])
                else:
                    # through Arrow: DuckDB's executemany goes row by row
                    incoming = self.pa.Table.from_pylist(values, schema=arrow_schema(table))
                    self.con.register("incoming", incoming)
                    source = select(*[column(c.name) for c in table.columns]).select_from(table_clause("incoming"))
                    self.con.execute(str(insert(table).from_select([c.name for c in table.columns], source).compile(dialect=lite)))
                    self.con.unregister("incoming")
                count += len(values)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return count

    def close(self) -> None:
        self.con.close()


class ParquetTarget:
    """One Parquet file per table in a folder, read and rewritten atomically per export."""

    def __init__(self, folder: str) -> None:
        self.pa = _need("pyarrow", "parquet")
        _need("pyarrow.parquet", "parquet")
        import pyarrow.parquet as pq

        self.pq = pq
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.tables: dict[str, list[dict]] = {}
        for table in TABLES:
            path = self.folder / f"{table.name}.parquet"
            if path.exists():
                data = pq.read_table(path)
                _check_schema((data.schema.metadata or {}).get(b"extractor_schema", b"").decode() or None)
                self.tables[table.name] = data.to_pylist()
            else:
                self.tables[table.name] = []
        self.dirty = False

    def write(self, document: Document, content_hash: str, text: str | None) -> int | None:
        doc_id = document.source.sha256
        current = next((r["content_hash"] for r in self.tables["documents"] if r["id"] == doc_id), None)
        if current == content_hash:
            return None
        count = 0
        for name, values in rows(document, content_hash, text).items():
            key = "id" if name == "documents" else "document_id"
            self.tables[name] = [r for r in self.tables[name] if r[key] != doc_id] + values
            count += len(values)
        self.dirty = True
        return count

    def close(self) -> None:
        if not self.dirty:
            return
        for table in TABLES:
            schema = arrow_schema(table)
            ordered = sorted(self.tables[table.name], key=lambda r: (r.get("document_id") or r.get("id"), r.get("position", 0)))
            data = self.pa.Table.from_pylist(ordered, schema=schema)
            path = self.folder / f"{table.name}.parquet"
            tmp = path.with_name(f".{path.name}.tmp")
            self.pq.write_table(data, tmp)
            os.replace(tmp, path)


def arrow_schema(table: Table):
    """The Arrow schema of a table: exact decimal128(38, 10) values, dates, booleans, text."""
    import pyarrow as pa

    types = {Integer: pa.int64(), Boolean: pa.bool_(), Date: pa.date32()}
    fields = []
    for col in table.columns:
        if col.type is _EXACT or isinstance(col.type, Numeric):
            fields.append(pa.field(col.name, pa.decimal128(38, 10)))
        else:
            fields.append(pa.field(col.name, types.get(type(col.type), pa.string())))
    return pa.schema(fields, metadata={"extractor_schema": DB_SCHEMA_VERSION})


def open_target(url: str):
    if url.startswith("sqlite:") or url.startswith("postgresql"):
        return SqlTarget(url)
    if url.startswith("duckdb:///"):
        return DuckTarget(url[len("duckdb:///"):])
    if url.startswith("parquet:"):
        return ParquetTarget(url[len("parquet:"):])
    raise ExportError(f"{url}: unknown target; use sqlite:///file.db, postgresql://user@host/db, duckdb:///file.duckdb or parquet:DIR")


def export(paths: list[Path], url: str, report: Callable[[Path, int | None], None] | None = None) -> ExportSummary:
    """Load extraction JSON files into the target; every document in its own transaction."""
    target = open_target(url)
    summary = ExportSummary()
    try:
        for path, (document, content_hash, text) in zip(paths, load_documents(paths)):
            summary.documents += 1
            written = target.write(document, content_hash, text)
            if written is None:
                summary.unchanged += 1
            else:
                summary.written += 1
                summary.rows += written
            if report:
                report(path, written)
    finally:
        target.close()
    return summary


__all__ = ["export", "open_target", "ExportError", "TABLES", "SCHEMA_VERSION", "date_range"]
