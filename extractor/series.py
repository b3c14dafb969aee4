"""``extractor series``: the figures of many releases as one table, a row per figure that
has an area, an indicator id and a period, so that the same measure joins across releases.

Across releases it reports two things:
- a **revision**: the same area, indicator, period, unit and kind of figure (a level, or a
  change against the same basis period) with different values in two releases, naming
  both;
- a **growth check**: a stated growth rate (同比增长8.7%) against the levels of its own
  period and of its basis period, wherever in the folder they are (the basis is usually
  last year's release), within rounding. Each growth row gets ``ok`` or ``mismatch`` in
  ``growth_check``, with the computed growth beside it.

Written as CSV (UTF-8 with a byte-order mark: Excel on Chinese Windows needs it), XLSX
(openpyxl, the ``xlsx`` extra) or Parquet (pyarrow, the ``parquet`` extra).
"""

from __future__ import annotations

import csv
import io as _io
from dataclasses import dataclass, field
from decimal import Context, Decimal
from pathlib import Path

from . import growth, periods
from .errors import ExtractorError
from .indicator_ids import vocabulary
from .io import parse_document, write_atomic
from .model import Document, Quantity

COLUMNS = (
    "area",
    "area_code",
    "indicator_id",
    "indicator_name",
    "indicator",
    "period",
    "period_start",
    "period_end",
    "value",
    "unit",
    "approx",
    "change_basis",
    "change_direction",
    "change_basis_period",
    "growth_check",
    "computed_growth",
    "revised",
    "release",
    "published",
    "figure",
    "flags",
)
FORMATS = (".csv", ".xlsx", ".parquet")
#: basis words of a change that is not against the same period of another year
_NOT_YEAR_ON_YEAR = ("环比", "上月", "上季", "年初", "上半年")


class SeriesError(ExtractorError):
    """A folder that cannot be read as extractions, a filter that names nothing, or a
    file that cannot be written; the message is one line naming it."""


@dataclass
class Revision:
    """One measure of one area and period that two releases give different values."""

    area: str
    indicator_id: str
    period: str
    unit: str | None
    basis_period: str | None  # None for a level; the basis period for a change
    old: tuple[str, str, str]  # (value, release, figure id)
    new: tuple[str, str, str]

    def line(self) -> str:
        what = f"{self.indicator_id} of {self.area} for {self.period}" + (
            f" (change against {self.basis_period})" if self.basis_period else ""
        )
        return (
            f"revised: {what}: {self.old[0]} in {self.old[1]} ({self.old[2]}), "
            f"{self.new[0]} in {self.new[1]} ({self.new[2]})"
        )


@dataclass
class Series:
    rows: list[dict] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    releases: int = 0


@dataclass
class _Figure:
    q: Quantity
    doc: Document
    release: str


def _documents(outdir: Path) -> list[tuple[str, Document]]:
    if not outdir.exists():
        raise SeriesError(f"{outdir}: no such file or folder")
    paths = [outdir] if outdir.is_file() else sorted(outdir.rglob("*.json"))
    out = []
    for path in paths:
        try:
            out.append((path.as_posix(), parse_document(path.read_bytes())))
        except (OSError, ValueError) as exc:
            raise SeriesError(f"{path}: not an extraction JSON ({exc})") from None
    return out


def _key(q: Quantity) -> tuple:
    """What makes two figures the same measure: area, indicator, period, unit, and for a
    change its direction-free basis period (a level has none)."""
    basis = q.change.basis_period if q.change else None
    return (
        q.area.code or q.area.name,
        q.indicator_id,
        q.period.value,
        q.unit,
        q.kind.value,
        q.change is not None,
        basis,
    )


def collect(outdir: Path, indicator: str | None = None, area: str | None = None) -> Series:
    """The rows of every extraction JSON under ``outdir`` (in path order, figures in text
    order), filtered by ``indicator`` (an id, or a name the vocabulary knows) and ``area``
    (a full name or a code), with the revisions and growth checks across them."""
    vocab = vocabulary()
    wanted_id = None
    if indicator is not None:
        entry = vocab.get(indicator) or vocab.lookup(indicator)
        if entry is None:
            raise SeriesError(f"--indicator {indicator!r}: no such id or name in the indicator vocabulary")
        wanted_id = entry.id
    docs = _documents(outdir)
    figures: list[_Figure] = []
    for release, doc in docs:
        for q in doc.quantities:
            if q.area is None or q.indicator_id is None or q.period is None or q.period.value is None:
                continue
            if wanted_id is not None and q.indicator_id != wanted_id:
                continue
            if area is not None and area not in (q.area.name, q.area.code):
                continue
            figures.append(_Figure(q, doc, release))
    series = Series(releases=len(docs))
    revised = _revisions(figures, series)
    checks = _growth_checks(figures)
    for f in figures:
        q, doc = f.q, f.doc
        entry = vocab.get(q.indicator_id)
        check = checks.get(id(f))
        ref_date = doc.reference.date.value if doc.reference and doc.reference.date else None
        series.rows.append(
            {
                "area": q.area.name,
                "area_code": q.area.code,
                "indicator_id": q.indicator_id,
                "indicator_name": entry.name if entry else None,
                "indicator": q.indicator,
                "period": q.period.value,
                "period_start": q.period.start,
                "period_end": q.period.end,
                "value": q.value,
                "unit": q.unit,
                "approx": q.approx,
                "change_basis": q.change.basis if q.change else None,
                "change_direction": q.change.direction.value if q.change else None,
                "change_basis_period": q.change.basis_period if q.change else None,
                "growth_check": check[0] if check else None,
                "computed_growth": check[1] if check else None,
                "revised": id(f) in revised,
                "release": doc.source.path or f.release,
                "published": ref_date,
                "figure": q.id,
                "flags": ",".join(q.flags) or None,
            }
        )
    return series


def _revisions(figures: list[_Figure], series: Series) -> set[int]:
    """The same measure with different values in two releases; the figures involved."""
    seen: dict[tuple, _Figure] = {}
    involved: set[int] = set()
    for f in figures:
        if f.q.value is None or f.q.flags:
            continue
        key = _key(f.q)
        first = seen.setdefault(key, f)
        if first is f or first.release == f.release or first.q.value == f.q.value:
            continue
        involved |= {id(first), id(f)}
        series.revisions.append(
            Revision(
                area=f.q.area.name,
                indicator_id=f.q.indicator_id,
                period=f.q.period.value,
                unit=f.q.unit,
                basis_period=key[-1],
                old=(str(first.q.value), first.doc.source.path or first.release, first.q.id),
                new=(str(f.q.value), f.doc.source.path or f.release, f.q.id),
            )
        )
    return involved


def _growth_checks(figures: list[_Figure]) -> dict[int, tuple[str, float]]:
    """A stated growth (percent, against a basis period) against the levels of the figure
    it qualifies and of the same measure in the basis period, from any release."""
    levels: dict[tuple, _Figure] = {}
    for f in figures:
        q = f.q
        if q.change is None and q.value is not None and not q.flags:
            levels.setdefault((q.area.code or q.area.name, q.indicator_id, q.unit, q.period.value), f)
    out: dict[int, tuple[str, float]] = {}
    by_id: dict[int, dict[str, Quantity]] = {}  # each document's figures by id: what a change is of
    for f in figures:
        q = f.q
        if q.change is None or q.change.of is None or q.unit != "%" or q.value is None or not q.change.basis_period:
            continue
        figures_of = by_id.get(id(f.doc))
        if figures_of is None:
            figures_of = by_id[id(f.doc)] = {g.id: g for g in f.doc.quantities}
        of = figures_of.get(q.change.of)
        if of is None or of.period is None or of.value is None or of.change is not None:
            continue
        shift = _years_between(q.period.value, q.change.basis_period)
        if not shift or any(word in (q.change.basis or "") for word in _NOT_YEAR_ON_YEAR):
            continue  # a change within the year (比年初, 环比) has no level of another year to check against
        basis = periods.years_later(of.period.value, shift)
        base = levels.get((q.area.code or q.area.name, q.indicator_id, of.unit, basis))
        if base is None or base.q.value is None:
            continue
        _, computed = growth.change(base.q.value, of.value)
        if computed is None:
            continue
        stated = -abs(float(q.value)) if q.change.direction.value == "down" else float(q.value)
        out[id(f)] = (growth.check(stated, computed, base.q.number_text, of.number_text), computed)
    return out


def _years_between(period: str | None, basis: str) -> int | None:
    """How many years the basis period lies from the period (-1 for 同比)."""
    if not period or not basis[:4].isdigit() or not period[:4].isdigit():
        return None
    return int(basis.rpartition("/")[2][:4]) - int(period.rpartition("/")[2][:4])


# ---------------------------------------------------------------------------- writing
def write(series: Series, path: Path) -> None:
    """The rows as ``path``'s format says (.csv, .xlsx, .parquet), written atomically."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise SeriesError(f"{path}: the table is written as {', '.join(FORMATS)}, by the file's suffix")
    if suffix == ".csv":
        write_atomic(path, _csv(series.rows))
    elif suffix == ".xlsx":
        write_atomic(path, _xlsx(series.rows))
    else:
        write_atomic(path, parquet_bytes(series.rows))


#: the database table ``series --to`` writes (the view ``series`` is ``export``'s)
TABLE = "series_rows"


def table_columns() -> dict[str, str]:
    """The columns of the table as a database holds it (``export.replace_table``'s kinds)."""
    kinds = {"value": "decimal", "computed_growth": "float", "revised": "bool"}
    return {c: kinds.get(c, "text") for c in COLUMNS}


def _cell(value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "yes" if value else ""
    return "" if value is None else value


def _csv(rows: list[dict]) -> bytes:
    buffer = _io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _xlsx(rows: list[dict]) -> bytes:
    try:
        from openpyxl import Workbook
    except ImportError:
        raise SeriesError("writing .xlsx needs openpyxl: pip install 'zh-release-extractor[xlsx]'") from None
    book = Workbook()
    sheet = book.active
    sheet.title = "series"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([_xlsx_cell(row[c]) for c in COLUMNS])
    sheet.freeze_panes = "A2"
    out = _io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value):
    """A value as Excel holds it: a number as a number where a float keeps its digits
    (else as text, so that no digit is lost), text as text, nothing as an empty cell."""
    if isinstance(value, Decimal):
        return float(value) if Decimal(repr(float(value))) == value else format(value, "f")
    return value


def parquet_bytes(rows: list[dict]) -> bytes:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SeriesError("writing .parquet needs pyarrow: pip install 'zh-release-extractor[parquet]'") from None
    columns = {c: [_parquet_cell(row[c]) for row in rows] for c in COLUMNS}
    schema = pa.schema(
        [
            (c, pa.decimal128(38, 10) if c == "value" else pa.float64() if c == "computed_growth" else pa.bool_())
            if c in ("value", "computed_growth", "revised")
            else (c, pa.string())
            for c in COLUMNS
        ]
    )
    table = pa.table(columns, schema=schema)
    out = pa.BufferOutputStream()
    pq.write_table(table, out)
    return out.getvalue().to_pybytes()


_DECIMAL38 = Context(prec=38)
_TEN_PLACES = Decimal(1).scaleb(-10)


def _parquet_cell(value):
    if isinstance(value, Decimal):
        # (38 digits, 10 after the point: quantized in a context that holds them all; a value of
        # 10^28 or more does not fit the column and is left empty, as no release states one)
        return _DECIMAL38.quantize(value, _TEN_PLACES) if value.adjusted() < 28 else None
    return value
