"""Batch runs over folders of releases: parallel, resumable, nothing lost.

Layout of OUTDIR: one ``<name>.json`` per release (mirroring the input's relative path)
with ``<name>.txt`` beside it (the text its spans refer to), ``index.jsonl`` (one line per
release) and ``errors.jsonl`` (one line per release that failed). Progress is journaled
in ``.index.journal`` while a batch runs; the index is rewritten atomically from the
journal at the end of a run, or at the start of the next one after a crash, so it is
always consistent. A release whose content hash and pipeline version are unchanged is
skipped on the next run unless ``force``.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fnmatch
import gc
import glob
import hashlib
import itertools
import json
import logging
import multiprocessing
import os
import re
import signal
import sqlite3
import stat
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

from . import __version__, listing
from .errors import ExtractionTimeout
from .io import HTML_SUFFIXES, InputError, describe_mode, extract_release, sha256_of, to_json_bytes, write_atomic

RELEASE_SUFFIXES = (".txt", *HTML_SUFFIXES)
INDEX, ERRORS, JOURNAL = "index.jsonl", "errors.jsonl", ".index.journal"
_UNSAFE = re.compile(r'[\x00-\x1f<>:"|?*\\\ud800-\udfff]')  # (lone surrogates: bytes of a name not in UTF-8)
_UNDECODED = re.compile(r"[\udc80-\udcff]")
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")
_log = logging.getLogger(__name__)


class UsageError(ValueError):
    """Inputs that name nothing to do."""


class BatchError(RuntimeError):
    """The batch itself cannot go on (not one release's failure)."""


class OutputError(UsageError):
    """OUTDIR cannot be created or written (the message names it and the reason)."""


@dataclass(frozen=True, slots=True)
class Job:
    """One release to extract. Plain strings, no ``Path`` objects: a run holds a job for
    every release listed (about 0.36 KB each instead of 0.87 KB)."""

    path: str  # where to read it
    source: str  # the path recorded in the JSON and the index (the same string on POSIX)
    out: str  # output name relative to OUTDIR, without suffix (POSIX form)
    problem: tuple[str, str] | None = None  # (code, message): an entry that is reported, not read


@dataclass
class Settings:
    max_bytes: int = 20_000_000
    timeout: float = 60.0
    fallback_date: str | None = None
    reference_date: str | None = None  # every release's date, whatever its text says (--date)
    area: str | None = None  # every release's jurisdiction, whatever its text says (--area)


@dataclass
class Summary:
    documents: int = 0
    extracted: int = 0
    skipped: int = 0
    failed: int = 0
    figures: int = 0
    flagged: int = 0
    characters: int = 0
    seconds: float = 0.0
    failures: list[dict] = field(default_factory=list)  # the first _FAILURES_KEPT (errors.jsonl has all)
    #: indicators as written that the vocabulary gives no id, with how many figures had each
    unmapped: Counter = field(default_factory=Counter)

    def unmapped_line(self, top: int = 10) -> str | None:
        """The indicators most often left without an id, for growing the vocabulary."""
        if not self.unmapped:
            return None
        common = sorted(self.unmapped.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        return "indicators with no id in the vocabulary, most frequent: " + ", ".join(f"{k} ({n})" for k, n in common)

    def line(self) -> str:
        from .display import count

        rate = self.extracted / self.seconds if self.seconds else 0.0
        return (
            f"{count(self.documents, 'document')}: {self.extracted} extracted, {self.skipped} unchanged (skipped), "
            f"{self.failed} failed; {count(self.figures, 'figure')}, {self.flagged} flagged; "
            f"{self.seconds:.1f}s, {rate:.1f} documents/s, {self.characters / self.seconds if self.seconds else 0:,.0f} characters/s"
        )


# ---------------------------------------------------------------------------- inputs
_NAME_BYTES = 200  # an output name's bytes at most: with .json and a temporary write's tail it stays under 255


def _shorten(name: str, limit: int = _NAME_BYTES) -> str:
    """A name of at most ``limit`` UTF-8 bytes: a long one keeps a readable prefix and gets
    ``~`` and ten hex digits of its hash, so two long names never shorten to the same one."""
    raw = name.encode("utf-8")
    if len(raw) <= limit:
        return name
    tag = hashlib.sha256(raw).hexdigest()[:10]
    return raw[: limit - len(tag) - 1].decode("utf-8", "ignore") + "~" + tag


def _safe(rel: PurePosixPath) -> PurePosixPath:
    """A relative output path that stays inside OUTDIR: no .., no absolute parts, no control
    or reserved characters (Chinese and spaces are kept), no part longer than a file
    system allows."""
    parts = [_UNSAFE.sub("_", p) for p in rel.parts if p not in ("", ".", "..", "/")]
    parts = [_shorten(p.lstrip(".") or "_") for p in parts]
    return PurePosixPath(*parts) if parts else PurePosixPath("_")


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


@dataclass
class _Walk:
    """What walking the inputs needs to know: the real paths of the input roots (links are
    followed only into them, unless ``follow``), and OUTDIR's (never walked into)."""

    roots: list[str]
    outdir: str | None
    follow: bool

    def entries(self, top: Path, depth: int | None = None) -> Iterator[tuple[Path, tuple[str, str] | None]]:
        """Files under ``top`` in a fixed order, as (path, None); entries that look like
        releases but cannot be read (a link that leads nowhere or out of the inputs, a loop,
        a named pipe, a folder that cannot be listed) as (path, (code, message))."""
        yield from self._walk(top, (os.path.realpath(top),), depth)

    def _walk(self, folder: Path, ancestors: tuple[str, ...], depth: int | None):
        try:
            with os.scandir(folder) as it:
                names = listing.sorted_strings(e.name for e in it)  # (past 50,000 names, sorted on disk)
                first = next(names, None)
        except OSError as exc:
            yield folder, ("unreadable", f"{folder}: the folder cannot be listed ({exc.strerror or exc})")
            return
        for name in itertools.chain((first,) if first is not None else (), names):
            if name.startswith("."):
                continue
            path = folder / name
            looks = path.suffix.lower() in RELEASE_SUFFIXES
            try:
                link = path.is_symlink()
                mode = os.stat(path).st_mode
            except OSError as exc:
                if looks or exc.errno == errno.ELOOP:
                    yield path, _broken_link(path, exc)
                continue
            real = os.path.realpath(path) if link or stat.S_ISDIR(mode) else None
            if link and not self.follow and not any(_inside(real, root) for root in self.roots):
                if looks or stat.S_ISDIR(mode):
                    yield (
                        path,
                        (
                            "symlink_outside",
                            f"{path}: a symbolic link to {real}, outside the inputs; "
                            "not read (--follow-symlinks reads it)",
                        ),
                    )
                continue
            if stat.S_ISDIR(mode):
                if real == self.outdir:
                    continue  # OUTDIR inside an input folder: our own output is not input
                if real in ancestors:
                    yield (
                        path,
                        ("symlink_loop", f"{path}: a symbolic link back to the folder {real} it is in; not followed"),
                    )
                elif depth is None or depth > 0:
                    yield from self._walk(path, (*ancestors, real), None if depth is None else depth - 1)
            elif looks or depth is not None:
                if stat.S_ISREG(mode):
                    yield path, None
                elif looks:
                    yield path, ("not_regular", f"{path}: is {describe_mode(mode)}, not a regular file; not read")


def _broken_link(path: Path, exc: OSError) -> tuple[str, str]:
    if exc.errno == errno.ELOOP:
        return "symlink_loop", f"{path}: a symbolic link loop; not read"
    if os.path.islink(path):
        return "dangling_symlink", f"{path}: a symbolic link to {os.readlink(path)}, which does not exist"
    return "unreadable", f"{path}: cannot be read ({exc.strerror or exc})"


def _glob_match(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether the path parts match a glob's parts (``**`` is any number of folders)."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_glob_match(parts[i:], pattern[1:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _glob_match(parts[1:], pattern[1:])


def discover(
    inputs: Iterable[str],
    stdin_lines: Callable[[], Iterable[str]] | None = None,
    outdir: str | os.PathLike | None = None,
    follow_symlinks: bool = False,
) -> list[Job]:
    """Files, folders (recursive), globs, or ``-`` (paths on standard input) -> jobs in a
    fixed order. Output names mirror each file's path relative to the common root of the
    inputs, so the same input set always gives the same names, and they never collide.
    OUTDIR is never walked into; an OUTDIR that is an input folder, or whose outputs would
    overwrite an input, is a usage error. Entries that cannot be read become jobs with a
    ``problem``, reported in errors.jsonl. (:func:`scan` gives the same jobs without
    holding them in memory.)"""
    with scan(inputs, stdin_lines, outdir, follow_symlinks) as jobs:
        return list(jobs)


def scan(
    inputs: Iterable[str],
    stdin_lines: Callable[[], Iterable[str]] | None = None,
    outdir: str | os.PathLike | None = None,
    follow_symlinks: bool = False,
) -> listing.Jobs:
    """The jobs :func:`discover` lists, kept on disk (:mod:`extractor.listing`): iterable
    in their order, with a length, for :func:`run`; close it (or use it in ``with``) when
    done. Paths on standard input are read one at a time, never all at once."""
    out_real = os.path.realpath(outdir) if outdir is not None else None
    items: list[tuple[str, Path | None]] = []
    for item in inputs:
        if item == "-":
            if stdin_lines is None:
                raise UsageError("- given but no standard input")
            items.append(("listed", None))  # (read as it is walked)
        elif glob.has_magic(item):
            items.append(("glob", Path(item)))
        else:
            items.append(("dir" if Path(item).is_dir() else "file", Path(item)))
    roots = [os.path.realpath(p) for kind, p in items if kind == "dir"]
    roots += [os.path.realpath(_glob_base(p)[0]) for kind, p in items if kind == "glob"]
    walk = _Walk(roots, out_real, follow_symlinks)
    with listing.Entries() as found:

        def add(path: Path, root: str, problem: tuple[str, str] | None, real: str | None = None) -> None:
            found.add(os.path.abspath(path), os.fspath(path), _shown(path.as_posix()), root, problem, real)

        for kind, path in items:
            if kind == "dir":
                if out_real and os.path.realpath(path) == out_real:
                    raise UsageError(
                        f"{path}: the output folder is this input folder; its results would mix with "
                        "(and could overwrite) the releases: choose another -o"
                    )
                for p, problem in walk.entries(path):
                    add(p, os.path.abspath(path), problem)
            elif kind == "glob":
                base, pattern = _glob_base(path)
                depth = None if "**" in pattern else len(pattern) - 1
                for p, problem in walk.entries(base, depth):
                    if problem or _glob_match(p.relative_to(base).parts, pattern):
                        add(p, os.path.abspath(base), problem)
            elif kind == "listed":
                for line in stdin_lines():  # type: ignore[misc]
                    if not line.strip():
                        continue
                    listed = Path(line.strip())
                    real = os.path.realpath(listed)
                    if out_real and _inside(real, out_real):
                        _log.info("%s: inside the output folder; not read", listed)  # (`find . | extractor run -`)
                    else:
                        add(listed, os.path.abspath(listed.parent), None, real)
            else:
                add(path, os.path.abspath(path.parent), None)  # type: ignore[union-attr]
        return _name(found, out_real)


def _shown(path: str) -> str:
    """A path as the index and the JSON record it: a name that is not UTF-8 (a GBK name on
    a UTF-8 system) shows each byte it could not decode as \\xNN (通报\\xb9\\xab.txt), so
    the records stay UTF-8 and two such names stay apart. The file is read by its own name."""
    return _UNDECODED.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", path)


def _glob_base(path: Path) -> tuple[Path, tuple[str, ...]]:
    parts = path.parts
    fixed = next((i for i, part in enumerate(parts) if glob.has_magic(part)), len(parts))
    return (Path(*parts[:fixed]) if fixed else Path(".")), parts[fixed:]


def _name(found: listing.Entries, out_real: str | None) -> listing.Jobs:
    """Jobs with unique, stable output names (see :func:`discover`)."""
    common: str | None = None
    for root in found.roots():
        if common is None:
            common = root
        elif root != common and not root.startswith(common + os.sep):
            try:
                common = os.path.commonpath([common, root])
            except ValueError:  # roots on different drives
                common = ""
                break
    jobs = listing.Jobs(Job)
    real_output = _RealOutputs()
    try:
        with listing.Names() as names:
            recent: set[str] = set()  # folders just added (neighbours share them)
            for absolute, path, posix, _, problem, real in found:
                rel = os.path.relpath(absolute, common) if common else Path(path).name
                rel = str(_safe(PurePosixPath(Path(rel).as_posix())))
                for folder in _parents(rel):
                    if (folded := folder.casefold()) not in recent:
                        if len(recent) > 4096:
                            recent.clear()
                        recent.add(folded)
                        names.add("folders", folded)
                if problem is None:
                    names.add("inputs", real or os.path.realpath(absolute))
                names.keep(rel, path, posix, problem)
            for rel, path, source, problem in names.kept():
                out = str(
                    next(
                        c
                        for c in _candidates(PurePosixPath(rel), source)
                        if not names.has("taken", str(c).casefold())
                        and not names.has("folders", f"{c}.json".casefold(), f"{c}.txt".casefold())
                    )
                )
                names.add("taken", out.casefold())
                if out_real and problem is None:
                    for suffix in (".json", ".txt"):
                        written = real_output(out_real, out, suffix)
                        if names.has("inputs", written):
                            raise UsageError(
                                f"{written}: an input that the results of {source} would overwrite; "
                                "choose an output folder outside the inputs"
                            )
                jobs.add(source if path == source else path, source, out, problem)
    except BaseException:
        jobs.close()
        raise
    return jobs


class _RealOutputs:
    """The real path an output would be written to (``os.path.realpath`` of it, with the
    real paths of the folders kept for the outputs after: one system call an output, not
    one for each folder of its path)."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, out_real: str, out: str, suffix: str) -> str:
        folder, _, name = out.rpartition("/")
        real = self._folders.get(folder)
        if real is None:
            if len(self._folders) > 4096:
                self._folders.clear()
            real = self._folders[folder] = os.path.realpath(os.path.join(out_real, folder)) if folder else out_real
        path = os.path.join(real, name + suffix)
        return os.path.realpath(path) if os.path.islink(path) else path  # (a link: the file it names is written)


def _parents(rel: str) -> Iterator[str]:
    """The folders of a relative POSIX path, as ``PurePosixPath(rel).parents`` gives them."""
    while "/" in rel:
        rel = rel.rpartition("/")[0]
        yield rel
    yield "."


def _candidates(rel: PurePosixPath, source: str) -> Iterator[PurePosixPath]:
    """Output names for a release, best first: its name without the suffix, with it (a.txt
    beside a.html), then with a hash of its source path (names that still collide after
    sanitizing: a?.txt and a_.txt, or a folder a.txt/ beside a.html)."""
    name = rel.name
    stem = name[: -len(rel.suffix)] if rel.suffix and len(rel.suffix) < len(name) else name
    yield rel.parent / _shorten(stem)
    yield rel.parent / _shorten(name)
    tag = hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    yield rel.parent / f"{_shorten(name, _NAME_BYTES - 9)}~{tag}"
    for n in itertools.count(2):
        yield rel.parent / f"{_shorten(name, _NAME_BYTES - 20)}~{tag}-{n}"


# ---------------------------------------------------------------------------- index
def _read_jsonl(path: Path) -> Iterator[dict]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a crash


def _line(record: dict) -> str:
    """A record as its line of the index (and of the journal)."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def _settle(outdir: Path) -> listing.Index:
    """Fold a crashed run's journal into the index, remove stale temporary files, and
    return the index ({source: its line}, on disk: a run holds a record for every release
    of the index). The caller closes it."""
    records = listing.Index()
    try:
        records.update((r["source"], _line(r)) for r in _read_jsonl(outdir / INDEX))
        journal = outdir / JOURNAL
        if journal.exists():
            records.update((r["source"], _line(r)) for r in _read_jsonl(journal))
            _write_index(outdir, records)
            journal.unlink()
        _remove_temporaries(outdir)
    except BaseException:
        records.close()
        raise
    return records


def _remove_temporaries(outdir: Path) -> None:
    """Remove the temporary files of writes cut short (a process killed while writing)."""
    for tmp in outdir.rglob(".*.tmp"):
        if _TEMP.match(tmp.name):
            tmp.unlink(missing_ok=True)


def _write_index(outdir: Path, records: listing.Index) -> None:
    write_atomic(outdir / INDEX, (line.encode("utf-8") for line in records.lines()))
    failed = (json.loads(line) for line in records.lines() if '"status": "failed"' in line)  # (a quick look first)
    errors = (
        {"file": r["source"], "code": r["error_code"], "message": r["error"]} for r in failed if r["status"] == "failed"
    )
    write_atomic(outdir / ERRORS, (_line(e).encode("utf-8") for e in errors))


# ---------------------------------------------------------------------------- work
_PACKAGE = Path(__file__).resolve().parent


#: the modules whose code decides a release's JSON, with every module they import
_DECIDING = ("pipeline", "io", "inputs", "html")


def fingerprint(package: Path = _PACKAGE) -> str:
    """A hash of what decides a release's output: the code of the modules the pipeline
    runs (``_DECIDING`` and what they import, found from their import statements) and
    every data file. A release is skipped on a resumed run only if it was extracted with
    the same fingerprint, so a changed rule (a unit, a lexicon entry) redoes everything
    without ``--force``, though the version number is the same.

    What cannot change output does not count: comments, docstrings and layout of the
    code (its tokens are hashed, without comments and bare strings), comments and layout
    of the TOML files (their parsed content is hashed), and modules outside the
    pipeline (the command line, diff, export, evaluate, explain, the batch runner)."""
    digest = hashlib.sha256(__version__.encode())
    modules = _reachable(package, _DECIDING)
    files = sorted(
        p
        for p in package.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and (p.suffix in (".c", ".toml", ".txt", ".json", ".tsv") or p.suffix == ".py" and p in modules)
    )
    cache = _ContentCache()
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + cache.hash(path) + b"\0")
    cache.save()
    return digest.hexdigest()[:16]


class _ContentCache:
    """The hash of each file's :func:`_content` by the hash of its bytes, kept in the user's
    cache folder: reading a module's tokens takes ~10 ms, hashing its bytes ~0.05 ms."""

    def __init__(self) -> None:
        from .io import cache_dir

        self.path = cache_dir() / "fingerprint-content.json"
        try:
            self.known: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, str] = {}

    def hash(self, path: Path) -> bytes:
        data = path.read_bytes()
        key = hashlib.sha256(data).hexdigest()
        value = self.known.get(key) or hashlib.sha256(_content(path, data)).hexdigest()
        self.used[key] = value
        return value.encode()

    def save(self) -> None:
        if self.used != self.known:
            with contextlib.suppress(OSError):
                self.path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(self.path, json.dumps(self.used, sort_keys=True))


def _reachable(package: Path, roots: Iterable[str]) -> set[Path]:
    """The package's modules named in ``roots`` and, transitively, those they import
    (relative imports anywhere in a module, including inside functions)."""

    def module_path(dotted: str) -> Path | None:
        base = package.joinpath(*dotted.split(".")) if dotted else package
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
        return None

    todo = [p for p in (module_path(r) for r in roots) if p]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        here = path.parent.relative_to(package).parts
        for dots, module, names in _RELATIVE_IMPORT.findall(path.read_text(encoding="utf-8")):
            parts = list(here[: len(here) - (len(dots) - 1)]) + (module.split(".") if module else [])
            found = [module_path(".".join(parts))]
            found += [
                module_path(".".join([*parts, name.split()[0]]))
                for name in names.replace("(", " ").split(",")
                if name.strip()
            ]
            todo.extend(p for p in found if p and p not in seen)
    return seen


_RELATIVE_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.+)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)", re.M)


def _content(path: Path, data: bytes) -> bytes:
    """What of a file can change output: a module's tokens without comments and bare
    strings (docstrings), a TOML file's parsed content, any other file's bytes."""
    if path.suffix == ".py":
        import io as _io
        import tokenize

        kept: list[str] = []
        previous = tokenize.NEWLINE
        tokens = list(tokenize.tokenize(_io.BytesIO(data).readline))
        skip = (tokenize.COMMENT, tokenize.NL, tokenize.ENCODING)
        tokens = [t for t in tokens if t.type not in skip]
        for i, tok in enumerate(tokens):
            following = tokens[i + 1].type if i + 1 < len(tokens) else tokenize.ENDMARKER
            if (
                tok.type == tokenize.STRING
                and previous in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
                and following in (tokenize.NEWLINE, tokenize.ENDMARKER)
            ):
                previous = tok.type
                continue  # a statement that is only a string: a docstring
            kept.append(f"{tok.type}:{tok.string}")
            previous = tok.type
        return "\n".join(kept).encode()
    if path.suffix == ".toml":
        import tomllib

        return json.dumps(tomllib.loads(data.decode("utf-8")), ensure_ascii=False, sort_keys=True).encode()
    return data


_fingerprint = lru_cache(maxsize=1)(fingerprint)  # once per process


_sha256 = sha256_of


def _failed(job: Job, sha: str | None, code: str, message: str) -> dict:
    return {
        "source": job.source,
        "id": (sha or "")[:16] or None,
        "sha256": sha,
        "pipeline_version": __version__,
        "rules": _fingerprint(),
        "status": "failed",
        "error_code": code,
        "error": message,
        "output": None,
        "text": None,
        "figures": 0,
        "flagged": 0,
        "issues": 0,
        "characters": 0,
    }


def process(job: Job, outdir: Path, settings: Settings) -> dict:
    """Extract one release and write its JSON and text atomically; returns its index record.
    A release that fails becomes a failed record: one bad document never stops a batch."""
    if job.problem:
        return _failed(job, None, *job.problem)
    try:  # (the file is read once: a document records its hash; only a failure reads it again for one)
        document, text = extract_release(
            job.path,
            fallback_date=settings.fallback_date,
            reference_date=settings.reference_date,
            area=settings.area,
            source=job.source,
            max_bytes=settings.max_bytes,
            timeout=settings.timeout,
        )
    except InputError as exc:
        return _failed(job, _sha256(job.path), exc.code, str(exc))
    except ExtractionTimeout as exc:
        return _failed(job, _sha256(job.path), "timeout", str(exc))
    except Exception as exc:  # noqa: BLE001 - the batch boundary: a bug on one document is reported, not fatal
        return _failed(
            job,
            _sha256(job.path),
            "internal",
            f"{job.source}: internal error ({type(exc).__name__}: {exc}); please report it",
        )
    return write_result(job, outdir, ok_record(job, document, settings), to_json_bytes(document), text)


def ok_record(job: Job, document, settings: Settings) -> dict:
    """The index record of a release extracted (before its files are written). It keeps
    the dates and the area the run was given (--date, --fallback-date, --area): a later run
    with others extracts the release again."""
    record = {
        "source": job.source,
        "date": settings.reference_date,
        "fallback_date": settings.fallback_date,
        "id": document.source.sha256[:16],
        "sha256": document.source.sha256,
        "pipeline_version": __version__,
        "rules": _fingerprint(),
        "status": "ok",
        "error_code": None,
        "error": None,
        "output": f"{job.out}.json",
        "text": f"{job.out}.txt",
        "figures": len(document.quantities),
        "flagged": sum(1 for q in document.quantities if q.flags),
        "issues": len(document.issues),
        "characters": document.source.length,
    }
    if settings.area is not None:  # (only when given: the index of a run without it stays as it was)
        record["area"] = settings.area
    # for the run's summary only (taken out before the record is written)
    record["_unmapped"] = dict(Counter(q.indicator for q in document.quantities if q.indicator and not q.indicator_id))
    return record


def write_result(job: Job, outdir: Path, record: dict, json_bytes: bytes, text: str) -> dict:
    """Write a release's text and JSON atomically; its record, or a failed one when they
    cannot be written (a full disk, a folder where the file goes: the batch goes on)."""
    try:
        write_atomic(outdir / record["text"], text)
        write_atomic(outdir / record["output"], json_bytes)
    except OSError as exc:
        return _failed(
            job,
            record["sha256"],
            "unwritable",
            f"{job.source}: its result cannot be written to {outdir / record['output']} ({exc.strerror or exc})",
        )
    return record


def _warm() -> None:
    """Worker start: load the lexicon, jieba's dictionary and its word classes once per process, then
    move all of it out of the garbage collector's way (gc.freeze: it is never freed, and
    scanning it at every full collection cost about 7% of the time)."""
    from .inputs import warm

    warm()  # the whole dictionary, shared by the workers forked after this
    _fingerprint()  # (hashed once, before the workers fork)
    gc.freeze()
    # a release makes tens of thousands of short-lived objects and almost no cycles: collect
    # the young generation every 20,000 allocations instead of 700 (~4% faster)
    gc.set_threshold(20000, 20, 20)


# In a worker: the state of every job of the batch (0 waiting, 1 started, 2 finished),
# shared with the parent, which reads it when a worker dies to learn what it was doing.
_states = None
_STARTED, _FINISHED = 1, 2
_CHUNK = 8  # releases per task: fewer, larger messages between the processes
_NO_START = (
    "the worker processes stopped before extracting anything (out of memory?); "
    "what was extracted is kept; try again with --jobs 1"
)


def _init_worker(states, parent: int) -> None:
    global _states
    _states = states
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the batch process's handler, inherited by fork
    _die_with(parent)
    _warm()


def _die_with(parent: int) -> None:
    """A worker ends when the batch process ends, however it ends (even by ``kill -9``): on
    Linux the kernel sends it SIGKILL (prctl PR_SET_PDEATHSIG); elsewhere a thread watches
    for the parent to change. A worker left running would go on writing results that no
    index records."""
    armed = False
    if sys.platform.startswith("linux"):
        try:
            armed = ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # it died before the watch was set
        os._exit(1)
    if not armed:

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _process_chunk(chunk: list[tuple[int, Job]], outdir: Path, settings: Settings) -> list[dict]:
    records = []
    for number, job in chunk:
        _states[number] = _STARTED
        records.append(process(job, outdir, settings))
        _states[number] = _FINISHED
    return records


def _crashed(job: Job) -> dict:
    return _failed(
        job,
        _sha256(job.path),
        "crashed",
        f"{job.source}: the process extracting it stopped (it crashed or was killed, perhaps "
        "for memory); the other releases were not affected",
    )


def _parallel(todo: list[Job], outdir: Path, settings: Settings, workers: int, done: Callable[[dict], None]) -> None:
    """Run ``todo`` in ``workers`` processes, a few releases per task. A worker that dies
    (a crash, or killed for memory) breaks the pool: the releases it and the others were
    in the middle of are each run again alone, and one that kills its process alone is
    reported as failed ("crashed"); everything else is run again in a new pool."""
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    if fork:
        _warm()  # loaded once here, the workers inherit it (copy-on-write) instead of each loading it
    states = context.Array("b", len(todo), lock=False)
    recorded = [False] * len(todo)
    remaining = list(range(len(todo)))
    suspects: list[int] = []

    def pool_run(numbers: list[int], processes: int, size: int) -> bool:
        """Run these jobs; False if the pool broke (the unrecorded ones are left to redo)."""
        for n in numbers:
            states[n] = 0
        size = max(1, min(size, len(numbers) // (processes * 4)))
        chunks = [[(n, todo[n]) for n in numbers[i : i + size]] for i in range(0, len(numbers), size)]
        broken = False
        with ProcessPoolExecutor(
            max_workers=processes, mp_context=context, initializer=_init_worker, initargs=(states, os.getpid())
        ) as pool:
            futures = {}
            try:
                for chunk in chunks:
                    futures[pool.submit(_process_chunk, chunk, outdir, settings)] = chunk
            except BrokenProcessPool:  # broke already: the chunks not submitted are redone
                broken = True
            try:
                for future in as_completed(futures):
                    try:
                        records = future.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    for (n, _job), record in zip(futures[future], records):
                        recorded[n] = True
                        done(record)
            except BaseException:  # interrupted: the workers stop now, not after their tasks
                for f in futures:
                    f.cancel()
                for worker in list((getattr(pool, "_processes", None) or {}).values()):
                    worker.kill()
                raise
        return not broken

    broke = False
    while remaining:
        if pool_run(remaining, workers, _CHUNK):
            break
        broke = True
        left = [n for n in remaining if not recorded[n]]
        started = [n for n in left if states[n] == _STARTED]
        if len(left) == len(remaining) and not started:
            raise BatchError(_NO_START)
        suspects += started
        remaining = [n for n in left if states[n] != _STARTED]
    for n in suspects:  # each alone: if its process dies now, while on it, it was the cause
        if not pool_run([n], 1, 1):
            if states[n] != _STARTED:
                raise BatchError(_NO_START)
            recorded[n] = True
            done(_crashed(todo[n]))
    if broke:  # a broken pool's other workers were stopped, perhaps in the middle of a write
        _remove_temporaries(outdir)


def _unchanged(job: Job, line: str | None, outdir: Path, settings: Settings) -> bool:
    record = json.loads(line) if line is not None else None
    return (
        record is not None
        and record.get("status") == "ok"
        and record.get("date") == settings.reference_date
        and record.get("fallback_date") == settings.fallback_date
        and record.get("area") == settings.area
        and record.get("pipeline_version") == __version__
        and record.get("rules") == _fingerprint()
        and record.get("output") == f"{job.out}.json"  # (not another release's: names move as inputs do)
        and record.get("sha256") == _sha256(job.path)
        and (outdir / record["output"]).exists()
    )


def documents(outdir: Path, jobs: Iterable[Job]) -> Iterator[str]:
    """The JSON paths (relative to OUTDIR) of the jobs extracted, in source order, from the
    index (written in source order; jobs from :func:`scan` are looked up on disk)."""
    has = jobs.has_source if isinstance(jobs, listing.Jobs) else {job.source for job in jobs}.__contains__
    for record in _read_jsonl(outdir / INDEX):
        if has(record["source"]) and record.get("status") == "ok" and record.get("output"):
            yield record["output"]


#: another engine for the releases to extract: ``engine(todo, outdir, settings, done)`` calls
#: ``done(record)`` once for each job of ``todo`` (see :mod:`extractor.cluster`)
Engine = Callable[[Iterable[Job], Path, Settings, Callable[[dict], None]], None]

_PART = 20_000  # jobs a local pool of workers takes at a time (a new pool for each: ~0.1 s)
_FAILURES_KEPT = 100  # failed records a summary keeps (errors.jsonl has every one)


def run(
    jobs: Collection[Job],
    outdir: Path,
    settings: Settings,
    workers: int = 1,
    force: bool = False,
    report: Callable[[dict, Summary], None] | None = None,
    engine: Engine | None = None,
) -> Summary:
    """Run the batch; ``report`` is called after every document (progress). An OUTDIR that
    cannot be written is an :class:`OutputError` before anything is read. SIGTERM stops the
    batch as Ctrl-C does (:class:`Terminated`): what was extracted is kept and indexed.
    ``engine`` runs the releases elsewhere (a Dask cluster) with the same index, journal,
    resume and output; ``workers`` is then unused."""
    _check_outdir(outdir)
    with _terminate_as_interrupt():
        return _run(jobs, outdir, settings, workers, force, report, engine)


def _check_outdir(outdir: Path) -> None:
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        probe = outdir / f".write-test.{os.getpid():08x}.tmp"
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        probe.unlink()
    except FileExistsError:
        raise OutputError(f"{outdir}: cannot be the output folder: a file of that name exists") from None
    except OSError as exc:
        raise OutputError(f"{outdir}: cannot write the results there ({exc.strerror or exc})") from None


class Terminated(KeyboardInterrupt):
    """The batch process was sent SIGTERM: it stops as for Ctrl-C, keeping what was done."""


@contextlib.contextmanager
def _terminate_as_interrupt():
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(
    jobs: Collection[Job],
    outdir: Path,
    settings: Settings,
    workers: int,
    force: bool,
    report: Callable[[dict, Summary], None] | None,
    engine: Engine | None = None,
) -> Summary:
    with _settle(outdir) as records:
        return _run_with(jobs, records, outdir, settings, workers, force, report, engine)


def _run_with(
    jobs: Collection[Job],
    records: listing.Index,
    outdir: Path,
    settings: Settings,
    workers: int,
    force: bool,
    report: Callable[[dict, Summary], None] | None,
    engine: Engine | None,
) -> Summary:
    summary = Summary(documents=len(jobs))
    started = time.monotonic()

    def to_do() -> Iterator[Job]:  # (one at a time: a listing of millions is never held in memory)
        for job in jobs:
            if not force and _unchanged(job, records.get(job.source), outdir, settings):
                summary.skipped += 1
            else:
                yield job

    journal = (outdir / JOURNAL).open("a", encoding="utf-8")

    def done(record: dict) -> None:
        summary.unmapped.update(record.pop("_unmapped", None) or {})
        line = _line(record)
        journal.write(line)
        journal.flush()
        records.put(record["source"], line)
        if record["status"] == "ok":
            summary.extracted += 1
            summary.figures += record["figures"]
            summary.flagged += record["flagged"]
            summary.characters += record["characters"]
        else:
            summary.failed += 1
            if len(summary.failures) < _FAILURES_KEPT:
                summary.failures.append(record)
        summary.seconds = time.monotonic() - started
        if report:
            report(record, summary)

    keep_journal = False  # (when the index on disk failed, the journal keeps what it missed)
    try:
        todo = to_do()
        first = list(itertools.islice(todo, 2))
        if engine is not None and first:
            engine(itertools.chain(first, todo), outdir, settings, done)
        elif workers <= 1 or len(first) <= 1:
            if len(first) > 1:
                _warm()
            for job in itertools.chain(first, todo):
                done(process(job, outdir, settings))
        else:
            part = first + list(itertools.islice(todo, _PART - len(first)))
            while part:
                _parallel(part, outdir, settings, workers, done)
                part = list(itertools.islice(todo, _PART))
    except sqlite3.Error:
        keep_journal = True
        raise
    finally:
        journal.close()
        if not keep_journal:
            _write_index(outdir, records)
            (outdir / JOURNAL).unlink(missing_ok=True)
        summary.seconds = time.monotonic() - started
    return summary
