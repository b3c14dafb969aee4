"""A run's listing and index kept on disk, so that a listing of millions of paths never
sits whole in memory.

A batch needs every input in view twice: to name the outputs (two releases must not
share a name, and a name must not be a folder another output needs) and to write the
index in source order with the records of earlier runs. Both used to be Python dicts and
sets, about 1 KB a release. Here they are tables of a private SQLite database
(``sqlite3.connect("")``: a temporary file in ``SQLITE_TMPDIR`` or ``TMPDIR``, removed
when it is closed and by the system when the process dies, ``kill -9`` included), whose
page cache is bounded (:data:`CACHE_KB`); what does not fit is on disk. A client holds a
few megabytes whatever the listing's length, and takes about 10 µs a release more.

Strings are stored as bytes: UTF-8 with lone surrogates passed through (a file name that
is not UTF-8 keeps its exact ``str``), and ordered by :func:`key`, big-endian UTF-32,
whose byte order is the order of Python's ``sorted`` on ``str``: the jobs come out in
the order, and the index is written in the order, the in-memory version gave.
"""

from __future__ import annotations

import itertools
import marshal
import sqlite3
from collections.abc import Iterable, Iterator

#: the page cache of each database, in KB (beyond it, pages are read from the file)
CACHE_KB = 8192
_PAGE = 1000  # rows fetched at a time when reading a table in order
#: strings :func:`sorted_strings` sorts in memory (more go to disk)
SORT_IN_MEMORY = 50_000


def key(text: str) -> bytes:
    """A string's sort key: its bytes compare as ``sorted`` compares the strings."""
    return text.encode("utf-32-be", "surrogatepass")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


class _Store:
    """A private temporary database, one transaction from open to close (nothing in it
    outlives the run, so nothing is ever committed)."""

    _TABLES: tuple[str, ...] = ()

    def __init__(self) -> None:
        self._db = sqlite3.connect("", isolation_level=None)
        for pragma in (f"cache_size=-{CACHE_KB}", "journal_mode=OFF", "synchronous=OFF", "temp_store=FILE"):
            self._db.execute(f"PRAGMA {pragma}")
        for table in self._TABLES:
            self._db.execute(table)
        self._db.execute("BEGIN")

    def _rows(self, query: str) -> Iterator[tuple]:
        cursor = self._db.execute(query)
        while rows := cursor.fetchmany(_PAGE):
            yield from rows

    def close(self) -> None:
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Strings(_Store):
    _TABLES = ("CREATE TABLE s (k BLOB NOT NULL)",)

    def add(self, values: Iterable[str]) -> None:
        self._db.executemany("INSERT INTO s VALUES (?)", ((key(v),) for v in values))

    def __iter__(self) -> Iterator[str]:
        return (k.decode("utf-32-be", "surrogatepass") for (k,) in self._rows("SELECT k FROM s ORDER BY k"))


def sorted_strings(values: Iterable[str]) -> Iterator[str]:
    """``sorted(values)``, one at a time: in memory up to :data:`SORT_IN_MEMORY` values,
    past it on disk (a folder of a million files is never listed whole in memory)."""
    values = iter(values)
    first = list(itertools.islice(values, SORT_IN_MEMORY))
    if len(first) < SORT_IN_MEMORY:
        yield from sorted(first)
        return
    with _Strings() as strings:
        strings.add(first)
        del first
        strings.add(values)
        yield from strings


class Entries(_Store):
    """The files found, one per absolute path (the first in path order of those naming the
    same file), as ``(path, POSIX form, root, problem, real path)``; see :func:`extractor.batch.discover`."""

    _TABLES = (
        "CREATE TABLE found (k BLOB PRIMARY KEY, sort BLOB NOT NULL, entry BLOB NOT NULL) WITHOUT ROWID",
        "CREATE INDEX found_sort ON found (sort, k)",
    )

    def add(
        self, absolute: str, path: str, posix: str, root: str, problem: tuple[str, str] | None, real: str | None
    ) -> None:
        self._db.execute(
            "INSERT INTO found VALUES (?, ?, ?) ON CONFLICT (k) DO UPDATE SET sort = excluded.sort, "
            "entry = excluded.entry WHERE excluded.sort < found.sort",
            (_bytes(absolute), key(posix), marshal.dumps((path, posix, root, problem, real))),
        )

    def __iter__(self) -> Iterator[tuple[str, str, str, str, tuple[str, str] | None, str | None]]:
        """``(absolute path, path, its POSIX form, root, problem, real path if known)`` in path order."""
        for absolute, entry in self._rows("SELECT k, entry FROM found ORDER BY sort, k"):
            yield _text(absolute), *marshal.loads(entry)

    def roots(self) -> Iterator[str]:
        return (entry[3] for entry in self)


class Names(_Store):
    """What naming the outputs needs: sets of strings (the folders outputs need, the names
    taken, the inputs) and the entries in their order with their relative paths."""

    _TABLES = (
        *(f"CREATE TABLE {t} (k BLOB PRIMARY KEY) WITHOUT ROWID" for t in ("folders", "taken", "inputs")),
        "CREATE TABLE kept (n INTEGER PRIMARY KEY, entry BLOB NOT NULL)",
    )

    def add(self, table: str, value: str) -> None:
        self._db.execute(f"INSERT OR IGNORE INTO {table} VALUES (?)", (_bytes(value),))  # noqa: S608

    def has(self, table: str, *values: str) -> bool:
        """Whether any of ``values`` is in the table."""
        marks = ", ".join("?" * len(values))
        query = f"SELECT 1 FROM {table} WHERE k IN ({marks}) LIMIT 1"  # noqa: S608
        return self._db.execute(query, [_bytes(v) for v in values]).fetchone() is not None

    def keep(self, *entry) -> None:
        self._db.execute("INSERT INTO kept (entry) VALUES (?)", (marshal.dumps(entry),))

    def kept(self) -> Iterator[tuple]:
        return (marshal.loads(entry) for (entry,) in self._rows("SELECT entry FROM kept ORDER BY n"))


class Jobs(_Store):
    """The jobs of a run in their fixed order: what :func:`extractor.batch.run` takes
    (iterable, with a length) without holding them in memory."""

    _TABLES = (
        "CREATE TABLE jobs (n INTEGER PRIMARY KEY, source BLOB NOT NULL, job BLOB NOT NULL)",
        "CREATE INDEX jobs_source ON jobs (source)",
    )

    def __init__(self, make) -> None:
        super().__init__()
        self._make = make  # (path, source, out, problem) -> a Job
        self._count = 0

    def add(self, path: str, source: str, out: str, problem: tuple[str, str] | None) -> None:
        self._db.execute(
            "INSERT INTO jobs VALUES (?, ?, ?)",
            (self._count, _bytes(source), marshal.dumps((path, source, out, problem))),
        )
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self):
        for (job,) in self._rows("SELECT job FROM jobs ORDER BY n"):
            yield self._make(*marshal.loads(job))

    def has_source(self, source: str) -> bool:
        return self._db.execute("SELECT 1 FROM jobs WHERE source = ?", (_bytes(source),)).fetchone() is not None


class Index(_Store):
    """An OUTDIR's index as ``{source: its line}``, on disk; lines come out in source order."""

    _TABLES = ("CREATE TABLE idx (k BLOB PRIMARY KEY, line BLOB NOT NULL) WITHOUT ROWID",)

    def get(self, source: str) -> str | None:
        row = self._db.execute("SELECT line FROM idx WHERE k = ?", (key(source),)).fetchone()
        return _text(row[0]) if row else None

    def put(self, source: str, line: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO idx VALUES (?, ?)", (key(source), _bytes(line)))

    def update(self, lines: Iterable[tuple[str, str]]) -> None:
        self._db.executemany("INSERT OR REPLACE INTO idx VALUES (?, ?)", ((key(s), _bytes(x)) for s, x in lines))

    def lines(self) -> Iterator[str]:
        return (_text(line) for (line,) in self._rows("SELECT line FROM idx ORDER BY k"))
