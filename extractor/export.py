"""Loading extraction JSON into databases: SQLite (default, no server), PostgreSQL, DuckDB,
and Parquet files.

One relational schema, defined once with SQLAlchemy Core (``TABLES``): ``documents``,
``quantities``, ``dates``, ``entities``, ``issues``, and ``extractor_schema`` (the schema
version). A document's id is the sha256 of its source bytes. Every document is written in
one transaction: re-exporting an unchanged document changes nothing, a re-extracted one
replaces its rows, and an export stopped half way leaves each document either whole or as
it was. Values are exact NUMERIC(38,10) (SQLite, which has no exact decimals, keeps a
float and the exact ``value_text``); a value that NUMERIC(38,10) cannot hold (10^28 or
more, or more than 10 decimal places, from a JSON of an older version) is stored as NULL
with its exact ``value_text``, and reported. Every target stores the same values.

Problems with one file (not an extraction JSON, the same release as another file, a figure
out of range) are reported, one line each naming the file, and the export goes on; a
target that cannot be written is an :class:`ExportError` naming the path and the problem.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.metadata
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    column,
    create_engine,
    delete,
    event,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy import table as table_clause
from sqlalchemy import text as sql
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.schema import CreateIndex, CreateTable

from . import periods
from .io import parse_document, text_for, write_atomic
from .model import SCHEMA_VERSION, Document, Quantity

log = logging.getLogger(__name__)
# 2: a figure's rule became rule_figure, rule_unit, rule_indicator, rule_change, rule_period,
# rule_checks; a figure's period_value, period_source and change_basis_period; a document's reference_period
# 4: a figure's indicator_id, area (name, code, level, source), rule_indicator_id and rule_area; a
# document's reference_area, reference_area_code and reference_area_rule
DB_SCHEMA_VERSION = "4"
PRECISION, SCALE = 38, 10  # NUMERIC(38,10): below 10^28, at most 10 decimal places
_EXACT = Numeric(PRECISION, SCALE, asdecimal=True).with_variant(Float(), "sqlite")

meta = MetaData()
schema_table = Table(
    "extractor_schema",
    meta,
    Column("name", String(32), primary_key=True),
    Column("version", String(16), nullable=False),
)
documents = Table(
    "documents",
    meta,
    Column("id", String(64), primary_key=True, comment="sha256 of the source bytes"),
    Column("source_path", Text),
    Column("content_hash", String(64), nullable=False, comment="sha256 of the JSON exported"),
    Column("pipeline_version", String(32), nullable=False),
    Column("schema_version", String(16), nullable=False),
    Column("length", Integer),
    Column("encoding", String(32)),
    Column("format", String(16)),
    Column("title", Text),
    Column("index_number", Text),
    Column("category", Text),
    Column("publisher", Text),
    Column("topic", Text),
    Column("validity", Text),
    Column("keywords", Text),
    Column("name", Text),
    Column("document_number", Text),
    Column("created_date", Date),
    Column("published_date", Date),
    Column("conference_topic", Text),
    Column("speakers", Text),
    Column("host", Text),
    Column("conference_time", Date),
    Column("conference_place", Text),
    Column("conference_organizer", Text),
    Column("media", Text),
    Column("reference_date", Date),
    Column("reference_date_rule", String(32), comment="the rule that read the release's date"),
    Column("reference_period", String(32), comment="the period the release reports on"),
    Column("reference_period_start", Date),
    Column("reference_period_end", Date),
    Column("reference_period_rule", String(32), comment="the rule that read the release's period"),
    Column("reference_area", Text, comment="the jurisdiction the release speaks for (full name)"),
    Column("reference_area_code", String(6), comment="its GB/T 2260 code"),
    Column("reference_area_rule", String(32), comment="the rule that read it"),
)


#: the figures that make rows (area, indicator id and period known) with their release: the
#: table `extractor series` writes, as a view of the database (not in Parquet: no views)
SERIES_VIEW = (
    "CREATE VIEW series AS SELECT q.area, q.area_code, q.area_level, q.indicator_id, q.indicator, "
    "q.period_value AS period, q.period_start, q.period_end, q.value, q.value_text, q.unit, q.approx, "
    "q.change_basis, q.change_direction, q.change_basis_period, d.source_path AS release, "
    "d.reference_date AS published, q.qid AS figure, q.flags, q.document_id "
    "FROM quantities q JOIN documents d ON d.id = q.document_id "
    "WHERE q.area IS NOT NULL AND q.indicator_id IS NOT NULL AND q.period_value IS NOT NULL"
)


def _child(name: str, *columns: Column) -> Table:
    return Table(
        name,
        meta,
        Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
        Column("position", Integer, primary_key=True),
        *columns,
    )


quantities = _child(
    "quantities",
    Column("qid", String(16)),
    Column("text", Text, nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("value", _EXACT),
    Column("value_text", Text),
    Column("value_max", _EXACT),
    Column("number_text", Text),
    Column("unit_text", Text),
    Column("unit", String(32)),
    Column("kind", String(24)),
    Column("approx", String(16)),
    Column("indicator", Text),
    Column("indicator_id", String(64), comment="the measure's id in the indicator vocabulary"),
    Column("qualifier", Text),
    Column("scope", String(32)),
    Column("area", Text, comment="the division the figure describes (full name)"),
    Column("area_code", String(6), comment="its GB/T 2260 code (none for 全国)"),
    Column("area_level", String(16)),
    Column("area_source", String(16), comment="clause, sentence, paragraph or reference"),
    Column("period_text", Text),
    Column("period_value", String(32)),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("period_source", String(16)),
    Column("change_basis", Text),
    Column("change_direction", String(8)),
    Column("change_of", String(16)),
    Column("change_basis_period", String(32)),
    Column("rank", Integer),
    Column("rank_scope", Text),
    Column("rank_of", String(16)),
    Column("target", Boolean),
    Column("section", String(16)),
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("sentence", Text, comment="the sentence, when the text the spans refer to was at hand"),
    Column("rule_figure", String(64), comment="the recognizer rule that found the figure"),
    Column("rule_unit", String(64), comment="the unit entry that gave its unit and kind"),
    Column("rule_indicator", String(64), comment="the rule that chose its indicator"),
    Column("rule_change", String(64), comment="the rule that found its change"),
    Column("rule_period", String(64), comment="the rule that chose its period"),
    Column("rule_indicator_id", String(64), comment="how its indicator id was found"),
    Column("rule_area", String(64), comment="the rule that chose its area"),
    Column("rule_checks", Text, comment="the checks that flagged it, comma-separated"),
    Column("flags", Text),
)
dates = _child(
    "dates",
    Column("did", String(16)),
    Column("text", Text, nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("value", String(32)),
    Column("kind", String(16)),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("year_inferred", Boolean),
    Column("resolved", String(16), comment="written, reference or context"),
    Column("repair", Text),
    Column("rule", String(64)),
    Column("flags", Text),
)
entities = _child(
    "entities",
    Column("eid", String(16)),
    Column("type", String(16)),
    Column("text", Text, nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("title", Text),
    Column("organization", Text),
    Column("rule", String(64)),
)
issues = _child(
    "issues",
    Column("code", String(32)),
    Column("severity", String(16)),
    Column("text", Text),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("message", Text),
    Column("ref", String(16)),
    Column("candidates", Text),
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
    """What an export did. ``documents`` counts releases (by the sha256 of their source),
    not files: a second file holding a release already loaded is a ``duplicate``."""

    files: int = 0
    documents: int = 0
    written: int = 0
    unchanged: int = 0
    rows: int = 0
    duplicates: int = 0
    unreadable: int = 0
    out_of_range: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self, url: str) -> str:
        """The one-line summary the command line prints."""
        text = (
            f"exported to {shown(url)}: {_n(self.documents, 'document')}, {self.written} written "
            f"({_n(self.rows, 'row')}), {self.unchanged} unchanged"
        )
        if self.duplicates:
            text += f"; {_n(self.duplicates, 'file')} held a release another file held (not loaded twice)"
        if self.unreadable:
            text += f"; {_n(self.unreadable, 'file')} not read (see above)"
        if self.out_of_range:
            text += f"; {_n(self.out_of_range, 'figure')} beyond NUMERIC({PRECISION},{SCALE}) stored as NULL with exact value_text"
        return text


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def shown(url: str) -> str:
    """The URL as messages show it: without a password."""
    try:
        return make_url(url).render_as_string(hide_password=True) if url.startswith("postgresql") else url
    except ArgumentError:
        return url


# ---------------------------------------------------------------------------- rows
def date_range(value: str | None) -> tuple[datetime.date | None, datetime.date | None]:
    """2023-01/2023-10 -> (2023-01-01, 2023-10-31); 2023 -> the whole year."""
    if not value:
        return None, None
    first, last = periods.bound_dates(value)
    if first is None:
        raise ValueError(f"{value!r} is not a date or a period")
    return first, last


def _text(value: Decimal | None) -> str | None:
    """The exact decimal, without trailing zeros: 24600, 7.5, 0.0001. No context rounding
    (``normalize()`` would round to 28 digits); an exponent too long to write out (1E+100000,
    from a hand-made JSON) stays in scientific notation, exact too."""
    if value is None:
        return None
    if not value.is_finite() or abs(value.adjusted()) > 4300:
        return str(value)
    plain = format(value, "f")
    return plain.rstrip("0").rstrip(".") if "." in plain else plain


def fits(value: Decimal | None) -> bool:
    """Whether NUMERIC(38,10) holds the value exactly: below 10^28 and at most 10 decimal places."""
    if value is None:
        return True
    if not value.is_finite():
        return False
    if not value:
        return True
    _, digits, exponent = value.as_tuple()
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return value.adjusted() < PRECISION - SCALE and exponent + trailing >= -SCALE


def beyond_range(document: Document) -> list[Quantity]:
    """The figures whose value or upper value NUMERIC(38,10) cannot hold."""
    return [q for q in document.quantities if not (fits(q.value) and fits(q.value_max))]


def rows(document: Document, content_hash: str, text: str | None = None) -> dict[str, list[dict]]:
    """The rows of every table for one document (``text``: the text its spans refer to)."""
    m = document.metadata
    ref = document.reference
    doc_id = document.source.sha256

    def field(f):
        return f.value if f is not None else None

    out: dict[str, list[dict]] = {
        "documents": [
            {
                "id": doc_id,
                "source_path": document.source.path,
                "content_hash": content_hash,
                "pipeline_version": document.pipeline_version,
                "schema_version": document.schema_version,
                "length": document.source.length,
                "encoding": document.source.encoding,
                "format": document.source.format,
                "title": document.title.text if document.title else None,
                "index_number": field(m.index_number),
                "category": field(m.category),
                "publisher": field(m.publisher),
                "topic": field(m.topic),
                "validity": field(m.validity),
                "keywords": field(m.keywords),
                "name": field(m.name),
                "document_number": field(m.document_number),
                "created_date": date_range(field(m.created_date))[0],
                "published_date": date_range(field(m.published_date))[0],
                "conference_topic": field(m.conference_topic),
                "speakers": "; ".join(s.raw for s in m.speakers) or None,
                "host": m.host.raw if m.host else None,
                "conference_time": date_range(field(m.conference_time))[0],
                "conference_place": field(m.conference_place),
                "conference_organizer": field(m.conference_organizer),
                "media": "、".join(x.text for x in m.media) or None,
                "reference_date": date_range(m.reference_date)[0],
                "reference_date_rule": ref.date.rule if ref and ref.date else None,
                "reference_period": ref.period.value if ref and ref.period else None,
                "reference_period_start": date_range(ref.period.value)[0] if ref and ref.period else None,
                "reference_period_end": date_range(ref.period.value)[1] if ref and ref.period else None,
                "reference_period_rule": ref.period.rule if ref and ref.period else None,
                "reference_area": ref.area.name if ref and ref.area else None,
                "reference_area_code": ref.area.code if ref and ref.area else None,
                "reference_area_rule": ref.area.rule if ref and ref.area else None,
            }
        ]
    }
    out["quantities"] = []
    for i, q in enumerate(document.quantities):
        start, end = date_range(q.period.value if q.period else None)
        out["quantities"].append(
            {
                "document_id": doc_id,
                "position": i,
                "qid": q.id,
                "text": q.text,
                "span_start": q.span[0],
                "span_end": q.span[1],
                "value": q.value if fits(q.value) else None,
                "value_text": _text(q.value),
                "value_max": q.value_max if fits(q.value_max) else None,
                "number_text": q.number_text,
                "unit_text": q.unit_text,
                "unit": q.unit,
                "kind": q.kind.value,
                "approx": q.approx,
                "indicator": q.indicator,
                "indicator_id": q.indicator_id,
                "qualifier": q.qualifier,
                "scope": q.scope,
                "area": q.area.name if q.area else None,
                "area_code": q.area.code if q.area else None,
                "area_level": q.area.level if q.area else None,
                "area_source": q.area.source.value if q.area else None,
                "period_text": q.period.text if q.period else None,
                "period_value": q.period.value if q.period else None,
                "period_start": start,
                "period_end": end,
                "period_source": q.period.source.value if q.period and q.period.source else None,
                "change_basis": q.change.basis if q.change else None,
                "change_direction": q.change.direction.value if q.change else None,
                "change_of": q.change.of if q.change else None,
                "change_basis_period": q.change.basis_period if q.change else None,
                "rank": q.rank.position if q.rank else None,
                "rank_scope": q.rank.scope if q.rank else None,
                "rank_of": q.rank.of if q.rank else None,
                "target": q.target,
                "section": q.section,
                "sentence_start": q.sentence[0],
                "sentence_end": q.sentence[1],
                "sentence": text[q.sentence[0] : q.sentence[1]].strip() if text else None,
                "rule_figure": q.rules["figure"],
                "rule_unit": q.rules["unit"],
                "rule_indicator": q.rules["indicator"],
                "rule_change": q.rules["change"],
                "rule_period": q.rules.get("period"),
                "rule_indicator_id": q.rules.get("indicator_id"),
                "rule_area": q.rules.get("area"),
                "rule_checks": ",".join(q.rules["checks"]) or None,
                "flags": ",".join(q.flags) or None,
            }
        )
    out["dates"] = [
        {
            "document_id": doc_id,
            "position": i,
            "did": d.id,
            "text": d.text,
            "span_start": d.span[0],
            "span_end": d.span[1],
            "value": d.value,
            "kind": d.kind.value,
            "start_date": date_range(d.value)[0],
            "end_date": date_range(d.value)[1],
            "year_inferred": d.year_inferred,
            "resolved": d.resolved.value,
            "repair": d.repair.reading if d.repair else None,
            "rule": d.rule,
            "flags": ",".join(d.flags) or None,
        }
        for i, d in enumerate(document.dates)
    ]
    out["entities"] = [
        {
            "document_id": doc_id,
            "position": i,
            "eid": e.id,
            "type": e.type.value,
            "text": e.text,
            "span_start": e.span[0],
            "span_end": e.span[1],
            "title": e.title,
            "organization": e.organization,
            "rule": e.rule,
        }
        for i, e in enumerate(document.entities)
    ]
    out["issues"] = [
        {
            "document_id": doc_id,
            "position": i,
            "code": x.code,
            "severity": x.severity.value,
            "text": x.text,
            "span_start": x.span[0],
            "span_end": x.span[1],
            "message": x.message,
            "ref": x.ref,
            "candidates": " | ".join(c.reading for c in x.candidates) or None,
            "rule": x.rule,
        }
        for i, x in enumerate(document.issues)
    ]
    return out


def load_document(path: Path) -> tuple[Document, str, str | None]:
    """The document in an extraction JSON, the hash of the JSON, and the text beside it (from
    `extractor run`); ExportError naming the file when it cannot be read as one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExportError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        document = parse_document(data)
    except ValueError as exc:
        raise ExportError(f"{path}: not an extraction JSON ({exc})") from None
    return document, hashlib.sha256(data).hexdigest(), text_for(path, document)


def json_files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise ExportError(f"{folder}: no such file or folder")
    return sorted(p for p in folder.rglob("*.json"))


# ---------------------------------------------------------------------------- locations
def _install_command(extra: str) -> str:
    """How to add an extra to this installation: in a source checkout (editable install),
    the checkout's path; else the distribution's name on the package index."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file():
        return f"pip install -e '{root}[{extra}]'"
    names = importlib.metadata.packages_distributions().get(__package__ or "extractor") or ["zh-release-extractor"]
    return f"pip install '{names[0]}[{extra}]'"


def _need(module: str, extra: str):
    try:
        return __import__(module)
    except ImportError:
        raise ExportError(f"this target needs the {module} package: {_install_command(extra)}") from None


def _relative_hint(url: str, path: str) -> str:
    if Path(path).is_absolute():
        return ""
    scheme = url.split(":", 1)[0]
    return (
        f" ({scheme}:///{path} names {path!r} relative to the current folder {os.getcwd()}, as in SQLAlchemy URLs; "
        f"for /{path} write {scheme}:////{path})"
    )


def _writable_folder(folder: Path) -> str | None:
    """Why files cannot be made in the folder, or None; tried for real (root passes any mode
    check, yet not an immutable folder or a read-only file system)."""
    probe = folder / f".extractor-probe-{os.getpid()}"
    try:
        probe.touch()
    except OSError as exc:
        return f"cannot write in the folder {folder} ({exc.strerror})"
    probe.unlink()
    return None


def _file_location(url: str, path: str, must_write: bool) -> None:
    """A database file's folder exists (and, to write, takes new files: the journal or WAL),
    and the file, if there, is a file that can be opened for writing."""
    where = Path(path)
    parent = where.parent
    if not parent.is_dir():
        raise ExportError(f"{url}: the folder {parent} does not exist{_relative_hint(url, path)}")
    if where.is_dir():
        raise ExportError(f"{url}: {where} is a folder, not a database file")
    if must_write:
        problem = _writable_folder(parent)
        if problem is None and where.exists():
            try:
                where.open("r+b").close()
            except OSError as exc:
                problem = f"the database file {where} cannot be written ({exc.strerror})"
        if problem:
            raise ExportError(f"{url}: {problem}")


def _check_tables(where: str, names: set[str], version: str | None, whole_file: bool) -> None:
    """Refuse a database that is not the extractor's (before anything is written to it) or is
    of an incompatible version. A file database is the extractor's only when it is empty or
    has extractor_schema; a server database may hold other tables, not ours without it."""
    if "extractor_schema" not in names:
        foreign = sorted(names) if whole_file else sorted(names & {t.name for t in TABLES})
        if foreign:
            shown = ", ".join(foreign[:5]) + (", …" if len(foreign) > 5 else "")
            raise ExportError(
                f"{where}: not a database made by extractor (it has tables {shown} and no extractor_schema); "
                f"export into a new database"
            )
        return
    _check_schema(version)


def _check_schema(version: str | None) -> None:
    if version is not None and version != DB_SCHEMA_VERSION:
        raise ExportError(
            f"the database was made by an incompatible version of extractor (schema {version}, this is "
            f"{DB_SCHEMA_VERSION}); export into a new database"
        )


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _sql_problem(exc: BaseException) -> str:
    text = _first_line(exc)
    if "locked" in text:
        return f"the database is locked by another program ({text}); try again when it is done"
    if "readonly" in text or "read-only" in text:
        return f"the database is read-only ({text})"
    return text


# ---------------------------------------------------------------------------- SQL targets
def _engine(url: str) -> Engine:
    if url.startswith("postgresql"):
        _need("psycopg", "postgres")
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
    try:
        return create_engine(url)
    except (SQLAlchemyError, ValueError) as exc:
        raise ExportError(f"{shown(url)}: {_first_line(exc)}") from None


def _sqlite_file(url: str) -> str | None:
    try:
        database = make_url(url).database
    except ArgumentError as exc:
        raise ExportError(f"{url}: {_first_line(exc)}") from None
    return None if not database or database == ":memory:" or database.startswith("file:") else database


class SqlTarget:
    """SQLite and PostgreSQL through SQLAlchemy Core."""

    errors: tuple[type[BaseException], ...] = (SQLAlchemyError,)

    def __init__(self, url: str) -> None:
        self.name = shown(url)
        database = _sqlite_file(url) if url.startswith("sqlite:") else None
        if database:
            _file_location(url, database, must_write=False)
        self.engine = _engine(url)
        try:
            with self.engine.begin() as conn:
                names = set(inspect(conn).get_table_names())
                version = None
                if "extractor_schema" in names:
                    version = conn.execute(
                        select(schema_table.c.version).where(schema_table.c.name == "extractor")
                    ).scalar()
                _check_tables(self.name, names, version, whole_file=database is not None)
                meta.create_all(conn)
                if version is None:
                    conn.execute(insert(schema_table).values(name="extractor", version=DB_SCHEMA_VERSION))
                if (
                    conn.dialect.name == "postgresql"
                    and conn.execute(
                        sql(
                            "SELECT character_maximum_length FROM information_schema.columns WHERE table_schema = current_schema() "
                            "AND table_name = 'quantities' AND column_name = 'value_text'"
                        )
                    ).scalar()
                ):
                    # value_text was VARCHAR(64) before it had to hold any figure exactly
                    conn.execute(sql("ALTER TABLE quantities ALTER COLUMN value_text TYPE TEXT"))
                if "series" not in inspect(conn).get_view_names():  # (after the widening: a view pins its columns)
                    conn.execute(sql(SERIES_VIEW))
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise ExportError(f"{self.name}: cannot open the database: {_sql_problem(exc)}") from None
        except ExportError:
            self.engine.dispose()
            raise

    def current(self, doc_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.content_hash).where(documents.c.id == doc_id)).scalar()

    def write(self, doc_id: str, table_rows: dict[str, list[dict]], replace: bool) -> None:
        with self.engine.begin() as conn:
            if replace:
                for table in CHILDREN:
                    conn.execute(delete(table).where(table.c.document_id == doc_id))
                conn.execute(delete(documents).where(documents.c.id == doc_id))
            for table_name, values in table_rows.items():
                if values:
                    conn.execute(insert(meta.tables[table_name]), values)

    def finish(self) -> None:
        pass

    def close(self) -> None:
        self.engine.dispose()


class DuckTarget:
    """DuckDB through the duckdb package, with DDL and statements generated by SQLAlchemy."""

    def __init__(self, url: str) -> None:
        duckdb = _need("duckdb", "duckdb")
        self.pa = _need("pyarrow", "duckdb")
        self.name = url
        path = url[len("duckdb:///") :]
        self.errors = (duckdb.Error, self.pa.ArrowException)
        if path != ":memory:":
            _file_location(url, path, must_write=False)
        try:
            self.con = duckdb.connect(path)
        except duckdb.Error as exc:
            raise ExportError(f"{url}: cannot open the database: {_duck_problem(exc)}") from None
        self._reset()
        self.existing: dict[str, str] | None = None
        lite = sqlite.dialect()
        self._from_incoming = {
            t.name: str(
                insert(t)
                .from_select(
                    [c.name for c in t.columns],
                    select(*[column(c.name) for c in t.columns]).select_from(table_clause("incoming")),
                )
                .compile(dialect=lite)
            )
            for t in TABLES
        }
        try:
            self._prepare()
        except duckdb.Error as exc:
            self.con.close()
            raise ExportError(f"{url}: cannot open the database: {_duck_problem(exc)}") from None
        except ExportError:
            self.con.close()
            raise

    def _prepare(self) -> None:
        pg = postgresql.dialect()
        names = {
            r[0]
            for r in self.con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_type <> 'VIEW'"
            ).fetchall()
        }
        version = None
        if "extractor_schema" in names:
            found = self.con.execute("SELECT version FROM extractor_schema WHERE name = 'extractor'").fetchone()
            version = found[0] if found else None
        _check_tables(self.name, names, version, whole_file=True)
        if "extractor_schema" in names:
            return
        self.con.execute("BEGIN")
        for table in (schema_table, *TABLES):
            # no FOREIGN KEY clauses: DuckDB cannot update or delete a row other rows
            # reference (a documented limitation); each document is replaced whole instead
            self.con.execute(str(CreateTable(table, include_foreign_key_constraints=[]).compile(dialect=pg)))
            for index in table.indexes:
                self.con.execute(str(CreateIndex(index).compile(dialect=pg)))
        self.con.execute(SERIES_VIEW)
        self.con.execute(self._insert(schema_table), ["extractor", DB_SCHEMA_VERSION])
        self.con.execute("COMMIT")

    @staticmethod
    def _insert(table: Table) -> str:
        return str(insert(table).compile(dialect=sqlite.dialect()))

    def current(self, doc_id: str) -> str | None:
        if self.existing is None:  # read once: a query per document costs DuckDB ~2 ms
            self.existing = dict(self.con.execute("SELECT id, content_hash FROM documents").fetchall())
        return self.existing.get(doc_id)

    def write(self, doc_id: str, table_rows: dict[str, list[dict]], replace: bool) -> None:
        """Documents go to the database a batch at a time, each batch in one transaction
        (a transaction per document costs DuckDB ~25 ms): a stopped export still leaves
        every document whole or as it was, and loses at most the batch under way."""
        if replace:
            self.replaced.append((doc_id, table_rows["documents"][0]))
        else:
            self.pending["documents"].extend(table_rows["documents"])
        for name in ("quantities", "dates", "entities", "issues"):
            self.pending[name].extend(table_rows[name])
        self.pending_documents += 1
        if self.pending_documents >= self.BATCH_DOCUMENTS or sum(map(len, self.pending.values())) >= self.BATCH_ROWS:
            self._flush()

    BATCH_DOCUMENTS, BATCH_ROWS = 100, 20_000

    def _flush(self) -> None:
        if not self.pending_documents:
            return
        lite = sqlite.dialect()
        self.con.execute("BEGIN")
        try:
            if self.replaced:
                ids = self.pa.table({"id": [doc_id for doc_id, _ in self.replaced]})
                self.con.register("replaced", ids)
                for table in CHILDREN:
                    self.con.execute(f"DELETE FROM {table.name} WHERE document_id IN (SELECT id FROM replaced)")
                self.con.unregister("replaced")
                for doc_id, row in self.replaced:
                    # an update, not delete + insert: DuckDB checks a primary key deleted and
                    # inserted in one transaction as if both rows were there
                    names = [n for n in row if n != "id"]
                    statement = update(documents).where(documents.c.id == doc_id).values({n: None for n in names})
                    self.con.execute(str(statement.compile(dialect=lite)), [row[n] for n in names] + [doc_id])
            for table in TABLES:
                values = self.pending[table.name]
                if values:
                    # through Arrow: DuckDB's executemany goes row by row
                    self.con.register("incoming", self.pa.Table.from_pylist(values, schema=arrow_schema(table)))
                    self.con.execute(self._from_incoming[table.name])
                    self.con.unregister("incoming")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self._reset()

    def _reset(self) -> None:
        self.pending: dict[str, list[dict]] = {t.name: [] for t in TABLES}
        self.replaced: list[tuple[str, dict]] = []
        self.pending_documents = 0

    def finish(self) -> None:
        self._flush()
        self.con.execute("CHECKPOINT")

    def close(self) -> None:
        self.con.close()


def _duck_problem(exc: BaseException) -> str:
    text = _first_line(exc)
    if "lock" in text.lower():
        return f"the database is locked by another program ({text}); try again when it is done"
    return text


# ---------------------------------------------------------------------------- Parquet
class ParquetTarget:
    """One Parquet file per table in a folder. New rows stream into temporary files as row
    groups (memory stays flat, time grows with the document count); at the end the rows
    kept from the previous files are appended and each file replaces its old one. A stopped
    export leaves the previous files as they were (a Parquet file cannot be appended to)."""

    FLUSH_ROWS = 20_000

    def __init__(self, url: str) -> None:
        self.pa = _need("pyarrow", "parquet")
        self.pq = _need("pyarrow.parquet", "parquet").parquet
        self.name = url
        self.errors = (OSError, self.pa.ArrowException)
        self.folder = Path(url[len("parquet:") :] or ".")
        _parquet_location(url, self.folder, create=True)
        self.existing = self._read_existing()
        self.replaced: set[str] = set()
        self.buffers: dict[str, list[dict]] = {t.name: [] for t in TABLES}
        self.writers: dict = {}
        self.temps = {t.name: self.folder / f".{t.name}.parquet.{os.getpid()}.tmp" for t in TABLES}
        try:
            for table in TABLES:
                self.writers[table.name] = self.pq.ParquetWriter(self.temps[table.name], arrow_schema(table))
        except self.errors as exc:
            self.close()
            raise ExportError(f"{url}: cannot write in the folder {self.folder} ({_os_problem(exc)})") from None
        self.dirty = False

    def _read_existing(self) -> dict[str, str]:
        path = self.folder / "documents.parquet"
        if not path.exists():
            return {}
        try:
            version = (self.pq.read_schema(path).metadata or {}).get(b"extractor_schema")
            if version is None:
                raise ExportError(
                    f"{self.name}: {path} was not written by extractor (no extractor_schema in its metadata); "
                    f"export into a new folder"
                )
            _check_schema(version.decode())
            data = self.pq.read_table(path, columns=["id", "content_hash"])
        except (OSError, self.pa.ArrowException) as exc:
            raise ExportError(f"{self.name}: {path} cannot be read ({_first_line(exc)})") from None
        return dict(zip(data.column("id").to_pylist(), data.column("content_hash").to_pylist()))

    def current(self, doc_id: str) -> str | None:
        return self.existing.get(doc_id)

    def write(self, doc_id: str, table_rows: dict[str, list[dict]], replace: bool) -> None:
        if replace:
            self.replaced.add(doc_id)
        for name, values in table_rows.items():
            self.buffers[name].extend(values)
        self.dirty = True
        if sum(len(b) for b in self.buffers.values()) >= self.FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        for table in TABLES:
            if self.buffers[table.name]:
                self.writers[table.name].write_table(
                    self.pa.Table.from_pylist(self.buffers[table.name], schema=arrow_schema(table))
                )
                self.buffers[table.name] = []

    def finish(self) -> None:
        if not self.dirty:
            return
        import pyarrow.compute as pc

        self._flush()
        dropped = self.pa.array(sorted(self.replaced), self.pa.string())
        for table in TABLES:
            path = self.folder / f"{table.name}.parquet"
            if path.exists() and self.existing:
                key = "id" if table is documents else "document_id"
                for batch in self.pq.ParquetFile(path).iter_batches(batch_size=65_536):
                    kept = (
                        batch.filter(pc.invert(pc.is_in(batch.column(key), value_set=dropped)))
                        if len(dropped)
                        else batch
                    )
                    if kept.num_rows:
                        self.writers[table.name].write_table(
                            self.pa.Table.from_batches([kept]).cast(arrow_schema(table))
                        )
            self.writers.pop(table.name).close()
        for table in (*CHILDREN, documents):  # documents last: a reader never sees a document without its rows
            os.replace(self.temps[table.name], self.folder / f"{table.name}.parquet")

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()
        self.writers = {}
        for temp in self.temps.values() if hasattr(self, "temps") else ():
            temp.unlink(missing_ok=True)


def _os_problem(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else _first_line(exc)


def _parquet_location(url: str, folder: Path, create: bool) -> None:
    """The folder is (or can be made as) a folder that takes new files."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{url}: {folder} is a file, not a folder")
    if not folder.exists():
        ancestor = next((p for p in folder.absolute().parents if p.exists()), Path("/"))
        if not ancestor.is_dir():
            raise ExportError(f"{url}: cannot make the folder {folder}: {ancestor} is a file")
        if not create:
            problem = _writable_folder(ancestor)
            if problem:
                raise ExportError(f"{url}: cannot make the folder {folder}: {problem}")
            return
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise ExportError(f"{url}: cannot make the folder {folder} ({exc.strerror})") from None
    problem = _writable_folder(folder)
    if problem:
        raise ExportError(f"{url}: {problem}")
    for stale in folder.glob(".*.parquet.*.tmp"):  # left by an export that was killed
        pid = stale.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not _alive(int(pid)):
            stale.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def arrow_schema(table: Table):
    """The Arrow schema of a table: exact decimal128(38, 10) values, dates, booleans, text."""
    import pyarrow as pa

    types = {Integer: pa.int64(), Boolean: pa.bool_(), Date: pa.date32()}
    fields = []
    for col in table.columns:
        if col.type is _EXACT or isinstance(col.type, Numeric):
            fields.append(pa.field(col.name, pa.decimal128(PRECISION, SCALE)))
        else:
            fields.append(pa.field(col.name, types.get(type(col.type), pa.string())))
    return pa.schema(fields, metadata={"extractor_schema": DB_SCHEMA_VERSION})


# ---------------------------------------------------------------------------- entry points
_FORMS = "use sqlite:///file.db, postgresql://user@host/db, duckdb:///file.duckdb or parquet:DIR"


def open_target(url: str):
    if url.startswith("sqlite:") or url.startswith("postgresql"):
        return SqlTarget(url)
    if url.startswith("duckdb:///"):
        return DuckTarget(url)
    if url.startswith("parquet:"):
        return ParquetTarget(url)
    raise ExportError(f"{shown(url)}: unknown target; {_FORMS}")


def check_target(url: str) -> None:
    """Whether an export to ``url`` can go ahead, checked before any work and changing
    nothing: the URL's form, the package the target needs, and the place itself (PostgreSQL
    answers and the database is the extractor's or holds none of its tables; a file
    database's folder exists and takes files, the file, if there, can be written and is the
    extractor's; a Parquet folder can be made and written). Raises ExportError."""
    if url.startswith("sqlite:"):
        database = _sqlite_file(url)
        if database:
            _file_location(url, database, must_write=True)
            if Path(database).exists():
                _check_sqlite_file(url, Path(database))
    elif url.startswith("postgresql"):
        _check_server(url)
    elif url.startswith("duckdb:///"):
        duckdb = _need("duckdb", "duckdb")
        _need("pyarrow", "duckdb")
        path = url[len("duckdb:///") :]
        if path != ":memory:":
            _file_location(url, path, must_write=True)
            if Path(path).exists():
                try:
                    con = duckdb.connect(path, read_only=True)
                except duckdb.Error as exc:
                    raise ExportError(f"{url}: cannot open the database: {_duck_problem(exc)}") from None
                try:
                    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
                    found = (
                        con.execute("SELECT version FROM extractor_schema WHERE name = 'extractor'").fetchone()
                        if "extractor_schema" in names
                        else None
                    )
                finally:
                    con.close()
                _check_tables(url, names, found[0] if found else None, whole_file=True)
    elif url.startswith("parquet:"):
        _need("pyarrow.parquet", "parquet")
        folder = Path(url[len("parquet:") :] or ".")
        _parquet_location(url, folder, create=False)
        if (folder / "documents.parquet").exists():
            import pyarrow.parquet as pq

            try:
                version = (pq.read_schema(folder / "documents.parquet").metadata or {}).get(b"extractor_schema")
            except (OSError, ValueError) as exc:
                raise ExportError(
                    f"{url}: {folder / 'documents.parquet'} cannot be read ({_first_line(exc)})"
                ) from None
            if version is None:
                raise ExportError(
                    f"{url}: {folder / 'documents.parquet'} was not written by extractor; export into a new folder"
                )
            _check_schema(version.decode())
    else:
        raise ExportError(f"{shown(url)}: unknown target; {_FORMS}")


def _check_sqlite_file(url: str, path: Path) -> None:
    try:
        con = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ExportError(f"{url}: cannot open the database: {exc}") from None
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = (
            con.execute("SELECT version FROM extractor_schema WHERE name = 'extractor'").fetchone()
            if "extractor_schema" in names
            else None
        )
    except sqlite3.Error as exc:
        raise ExportError(f"{url}: cannot open the database: {_sql_problem(exc)}") from None
    finally:
        con.close()
    _check_tables(url, names, version[0] if version else None, whole_file=True)


def _check_server(url: str) -> None:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
            version = (
                conn.execute(select(schema_table.c.version).where(schema_table.c.name == "extractor")).scalar()
                if "extractor_schema" in names
                else None
            )
    except SQLAlchemyError as exc:
        raise ExportError(f"{shown(url)}: cannot connect: {_first_line(exc)}") from None
    finally:
        engine.dispose()
    _check_tables(shown(url), names, version, whole_file=False)


def export(
    paths: list[Path],
    url: str,
    report: Callable[[Path, int | None], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> ExportSummary:
    """Load extraction JSON files into the target; every document in its own transaction.

    ``report(path, rows)`` after each document written (``rows``) or unchanged (None);
    ``warn(line)`` for each problem with one file, which is skipped or loaded as far as the
    target can hold it (the lines are also in ``summary.problems``; default: logged as
    warnings). A target that cannot be opened or written raises ExportError."""
    warn = warn or log.warning
    summary = ExportSummary()

    def problem(line: str) -> None:
        summary.problems.append(line)
        warn(line)

    target = open_target(url)
    seen: dict[str, Path] = {}
    try:
        for path in paths:
            summary.files += 1
            try:
                document, content_hash, text = load_document(path)
            except ExportError as exc:
                summary.unreadable += 1
                problem(str(exc))
                continue
            doc_id = document.source.sha256
            if doc_id in seen:
                summary.duplicates += 1
                problem(
                    f"{path}: the same release as {seen[doc_id]} (source sha256 {doc_id[:12]}…); loaded once, "
                    f"from {seen[doc_id]}"
                )
                continue
            current = target.current(doc_id)
            try:
                table_rows = None if current == content_hash else rows(document, content_hash, text)
            except ValueError as exc:  # a date in the JSON that is no date (2023-02-30)
                summary.unreadable += 1
                problem(f"{path}: not an extraction JSON ({exc})")
                continue
            seen[doc_id] = path
            summary.documents += 1
            if table_rows is None:
                summary.unchanged += 1
                written = None
            else:
                target.write(doc_id, table_rows, replace=current is not None)
                written = sum(len(v) for v in table_rows.values())
                summary.written += 1
                summary.rows += written
                for q in beyond_range(document):
                    summary.out_of_range += 1
                    value = _text(q.value if not fits(q.value) else q.value_max)
                    problem(
                        f"{path}: figure {q.id} {q.text!r} has a value beyond NUMERIC({PRECISION},{SCALE}) "
                        f"({value if len(value) <= 40 else value[:20] + f'…({len(value)} characters)'}); "
                        f"stored as NULL, value_text holds it exactly"
                    )
            if report:
                report(path, written)
        target.finish()
    except target.errors as exc:
        raise ExportError(f"{target.name}: cannot write: {_sql_problem(exc)}") from None
    finally:
        target.close()
    return summary


__all__ = [
    "export",
    "check_target",
    "open_target",
    "ExportError",
    "ExportSummary",
    "TABLES",
    "SCHEMA_VERSION",
    "date_range",
    "fits",
]


# ---------------------------------------------------------------------------- one table
def replace_table(url: str, name: str, columns: dict[str, str], rows: list[dict], parquet: Callable[[], bytes]) -> None:
    """Replace the table ``name`` at ``url`` (a target ``export`` takes) with ``rows``, in
    one transaction: readers see the old table or the new one, never half of it.
    ``columns`` maps each column to ``text``, ``decimal`` (written exactly: a number column
    and ``<column>_text`` beside it in SQL; a 38-digit decimal in DuckDB), ``float`` or
    ``bool``; ``parquet`` gives the Parquet file's bytes (``parquet:DIR`` gets DIR/NAME.parquet).
    A table of that name with other columns was not written by this function and is not
    touched. Raises ExportError naming the target."""
    if url.startswith("parquet:"):
        folder = Path(url[len("parquet:") :] or ".")
        _parquet_location(url, folder, create=True)
        try:
            write_atomic(folder / f"{name}.parquet", parquet())
        except OSError as exc:
            raise ExportError(f"{url}: cannot write {folder / (name + '.parquet')} ({_os_problem(exc)})") from None
        return
    if url.startswith("duckdb:///"):
        _replace_duck(url, name, columns, rows, parquet)
        return
    if not (url.startswith("sqlite:") or url.startswith("postgresql")):
        raise ExportError(f"{shown(url)}: unknown target; {_FORMS}")
    database = _sqlite_file(url) if url.startswith("sqlite:") else None
    if database:
        _file_location(url, database, must_write=True)
    kinds = {"text": Text, "float": Float, "bool": Boolean}
    cols: list[Column] = []
    for col, kind in columns.items():
        if kind == "decimal":
            cols += [Column(col, Float), Column(f"{col}_text", Text)]
        else:
            cols.append(Column(col, kinds[kind]))
    target = Table(name, MetaData(), *cols)
    values = [_sql_row(row, columns) for row in rows]
    engine = _engine(url)
    if engine.dialect.name == "sqlite":
        _transactional_ddl(engine)
    try:
        with engine.begin() as conn:
            found = inspect(conn)
            if found.has_table(name):
                have = [c["name"] for c in found.get_columns(name)]
                if have != [c.name for c in cols]:
                    raise ExportError(
                        f"{shown(url)}: a table {name} that extractor did not write is there "
                        f"(its columns differ); drop or rename it, or write to another database"
                    )
                target.drop(conn)
            target.create(conn)
            if values:
                conn.execute(insert(target), values)
    except SQLAlchemyError as exc:
        raise ExportError(f"{shown(url)}: cannot write the table {name}: {_sql_problem(exc)}") from None
    finally:
        engine.dispose()


def _transactional_ddl(engine: Engine) -> None:
    """SQLite's driver commits DROP and CREATE on their own; this makes the transaction
    SQLAlchemy begins one the database sees (BEGIN), DDL included (SQLAlchemy's recipe)."""

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN")


def _sql_row(row: dict, columns: dict[str, str]) -> dict:
    out = {}
    for col, kind in columns.items():
        value = row[col]
        if kind == "decimal":
            out[col] = float(value) if value is not None else None
            out[f"{col}_text"] = _text(value)
        else:
            out[col] = value
    return out


def _replace_duck(url: str, name: str, columns: dict[str, str], rows: list[dict], parquet: Callable[[], bytes]) -> None:
    duckdb = _need("duckdb", "duckdb")
    pa = _need("pyarrow", "duckdb")
    pq = _need("pyarrow.parquet", "duckdb").parquet

    path = url[len("duckdb:///") :]
    if path != ":memory:":
        _file_location(url, path, must_write=True)
    data = pq.read_table(pa.BufferReader(parquet()))
    try:
        con = duckdb.connect(path)
    except duckdb.Error as exc:
        raise ExportError(f"{url}: cannot open the database: {_duck_problem(exc)}") from None
    try:
        have = [
            r[0]
            for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "AND table_schema = current_schema() AND table_catalog = current_database() ORDER BY ordinal_position",
                [name],
            ).fetchall()
        ]
        if have and have != list(columns):
            raise ExportError(
                f"{url}: a table {name} that extractor did not write is there (its columns differ); "
                f"drop or rename it, or write to another database"
            )
        con.register("_series_rows_in", data)
        con.execute("BEGIN")
        con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _series_rows_in')
        con.execute("COMMIT")
    except duckdb.Error as exc:
        raise ExportError(f"{url}: cannot write the table {name}: {_duck_problem(exc)}") from None
    finally:
        con.close()
