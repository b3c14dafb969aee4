"""The command line, thin over the library: extract, run, diff, export, schema, eval, explain.

Conventions every command keeps: ``-`` for standard input or output where a file is
named; messages on stderr as ``extractor: <what>: <problem>``, never a traceback; exit 0
for success, 1 for "failed" or "different", 2 for a usage error or an output that cannot
be written; colour only on a terminal, never with ``NO_COLOR`` or ``--no-color``, always
with ``--color``; ``-v`` logs through :mod:`logging` (the ``extractor`` logger) on stderr.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from . import __version__
from .display import count
from .io import InputError, extract_file, to_json, write_atomic
from .model import Document
from .segmenter import ACCELERATED

log = logging.getLogger(__name__)

_VERSION = (
    "%(prog)s %(version)s (segmenter: "
    + ("C accelerator" if ACCELERATED else "Python loop; the C accelerator was not built")
    + ")"
)


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"extractor: {message}", err=True)
    sys.exit(code)


class _Stderr(logging.StreamHandler):
    """A handler that writes to whatever ``sys.stderr`` is when a record is logged."""

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def _configure_logging(verbose: int) -> None:
    """Warnings always, ``-v`` what is done (files read and written, decisions), ``-vv``
    everything, on stderr; only the ``extractor`` loggers (libraries stay quiet)."""
    logger = logging.getLogger("extractor")
    for handler in [h for h in logger.handlers if isinstance(h, _Stderr)]:
        logger.removeHandler(handler)
    handler = _Stderr()
    handler.setFormatter(
        logging.Formatter(
            "extractor: %(levelname)s: %(message)s"
            if verbose < 2
            else "extractor: %(levelname)s: %(name)s: %(message)s"
        )
    )
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING if not verbose else logging.INFO if verbose == 1 else logging.DEBUG)
    logger.propagate = False


def _colour(stream_is_tty: bool) -> bool:
    """Whether to style output: ``--color``/``--no-color`` if given, else never under
    ``NO_COLOR`` (https://no-color.org), else only on a terminal."""
    ctx = click.get_current_context(silent=True)
    chosen = ctx.color if ctx is not None else None
    if chosen is not None:
        return chosen
    return stream_is_tty and not os.environ.get("NO_COLOR")


_TERMINAL_STYLES = {"bold": {"bold": True}, "green": {"fg": "green"}, "red": {"fg": "red"}, "yellow": {"fg": "yellow"}}


def _styler(enabled: bool) -> Callable[[str, str], str]:
    """The style function the views take: terminal codes for the style names of
    :data:`extractor.diffview.STYLES`, or the text as it is."""
    if not enabled:
        return lambda text, _name: text
    return lambda text, name: click.style(text, **_TERMINAL_STYLES[name]) if name else text


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog='Shell completion (bash, zsh, fish): eval "$(_EXTRACTOR_COMPLETE=bash_source extractor)" '
    "in ~/.bashrc (zsh_source, fish_source for the others).",
)
@click.version_option(__version__, prog_name="extractor", message=_VERSION)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour output always, or never. Default: on a terminal, unless NO_COLOR is set.",
)
@click.option("-v", "--verbose", count=True, help="Log what is done on stderr (-vv: everything).")
@click.pass_context
def main(ctx: click.Context, color: bool | None, verbose: int) -> None:
    """Turn Chinese government press releases into validated, structured JSON."""
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    ctx.color = color
    _configure_logging(verbose)


# ---------------------------------------------------------------------------- outputs
_PROBLEMS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied (the folder may be immutable)",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOENT: "no such folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EDQUOT: "disk quota exceeded",
}


def _problem(exc: OSError) -> str:
    return _PROBLEMS.get(exc.errno, (exc.strerror or str(exc)).lower())


def _check_output_file(path: Path) -> None:
    """Before any work: ``path`` names a file that can be written (exit 2 if not). Missing
    folders on the way are created when it is written, so the nearest existing one must
    be a folder this process can write in."""
    if path.is_dir():
        _fail(f"{path}: is a folder; give a file name for the output", 2)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        _fail(f"{path}: {folder} is not a folder", 2)
    if not os.access(folder, os.W_OK | os.X_OK):
        _fail(f"{path}: permission denied (cannot write in {folder})", 2)


def _write_file(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all; a failure is one line and exit 2."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        _fail(f"{path}: {_problem(exc)}", 2)
    log.info("wrote %s (%s)", path, count(len(data), "byte"))


def _write_stdout(data: bytes) -> None:
    stream = click.get_binary_stream("stdout")
    stream.write(data)
    stream.flush()


def _lexicon(userdict: Path | None, units: Path | None):
    if userdict is None and units is None:
        return None
    from .inputs import load_lexicon
    from .lexicon import LexiconError

    try:
        return load_lexicon(userdict=userdict, units=units)
    except LexiconError as exc:
        _fail(str(exc), 2)


_LEXICON_OPTIONS = (
    click.option(
        "--userdict",
        type=click.Path(dir_okay=False, path_type=Path),
        help="A user dictionary for the segmenter (jieba's format: word [frequency] [tag], a line each).",
    ),
    click.option(
        "--units",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Extra units: a TOML file of [[units]] tables (text, base, kind), as in extractor/data/units.toml.",
    ),
)


def _lexicon_options(command):
    for option in reversed(_LEXICON_OPTIONS):
        command = option(command)
    return command


# ---------------------------------------------------------------------------- extract
def _area_name(value: str | None) -> str | None:
    """A division named on the command line (亳州市, 亳州, 341600), checked before any release is read."""
    if value is None:
        return None
    from .where import area_named

    if area_named(value.strip()) is None:
        raise click.BadParameter(
            f"{value!r} is not one division of GB/T 2260 (give a full or short name, or the six-digit code "
            "when several divisions share the name)"
        )
    return value.strip()


_AREA_HELP = (
    "The jurisdiction scope words (全市, 我省) resolve against, whatever the text says: a division's name or code."
)


@main.command(
    epilog="Exit status: 0 extracted, 1 when an input could not be read, 2 for a usage error "
    "or an output that cannot be written."
)
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True, path_type=Path),
    help="Write the JSON to this file instead of printing it (- prints).",
)
@click.option(
    "--date",
    "reference_date",
    metavar="YYYY-MM-DD",
    callback=lambda c, p, v: _iso_date(v),
    help="The release's date, whatever its text says (year-less and relative dates resolve against it).",
)
@click.option(
    "--fallback-date",
    "fallback_date",
    metavar="YYYY-MM-DD",
    callback=lambda c, p, v: _iso_date(v),
    help="The release's date only when its text gives none.",
)
@click.option("--area", "area", metavar="NAME|CODE", callback=lambda c, p, v: _area_name(v), help=_AREA_HELP)
@click.option("--compact", is_flag=True, help="The JSON on one line, without indentation.")
@click.option("--jsonl", is_flag=True, help="JSON Lines: one document a line, for one or more FILES (for jq, DuckDB).")
@click.option("--html", "stdin_html", is_flag=True, help="Read standard input (-) as a web page, not as text.")
@_lexicon_options
def extract(
    files: tuple[str, ...],
    output: Path | None,
    reference_date: str | None,
    fallback_date: str | None,
    area: str | None,
    compact: bool,
    jsonl: bool,
    stdin_html: bool,
    userdict: Path | None,
    units: Path | None,
) -> None:
    """Extract the release in FILE and print its JSON (or write it with -o). A FILE of -
    reads the release from standard input (UTF-8 or GB18030 bytes, decoded as a file is;
    text unless --html). With --jsonl, several FILES give one line each, in the order
    given; a file that fails is reported on stderr and the others are still written."""
    from .jsonl import to_jsonl_line

    if len(files) > 1 and not jsonl:
        _fail("extract takes one FILE; for several, add --jsonl (one document a line) or use `extractor run`", 2)
    if files.count("-") > 1:
        _fail("standard input (-) can be read once", 2)
    if stdin_html and "-" not in files:
        _fail("--html is for standard input (-); a file is read as a page by its suffix (.html, .htm, .shtml)", 2)
    to_stdout = output is None or str(output) == "-"
    if not to_stdout:
        _check_output_file(output)
    lexicon = _lexicon(userdict, units)
    lines, failed = [], False
    for name in files:
        try:
            document = _extract_one(name, fallback_date, stdin_html, lexicon, reference_date, area)
        except InputError as exc:
            if not jsonl:
                _fail(str(exc))
            click.echo(f"extractor: {exc}", err=True)
            failed = True
            continue
        lines.append(to_jsonl_line(document) if jsonl or compact else to_json(document).encode("utf-8"))
        if to_stdout and jsonl:
            _write_stdout(lines.pop())  # a stream: each line as soon as it is extracted
    if to_stdout:
        _write_stdout(b"".join(lines))
    elif lines or not failed:
        _write_file(output, b"".join(lines))
    sys.exit(1 if failed else 0)


def _extract_one(
    name: str,
    fallback_date: str | None,
    html: bool,
    lexicon,
    reference_date: str | None = None,
    area: str | None = None,
) -> Document:
    started = time.perf_counter()
    if name == "-":
        from .inputs import extract_bytes

        data = click.get_binary_stream("stdin").read()
        log.info("read standard input (%s)", count(len(data), "byte"))
        document = extract_bytes(
            data,
            html=html,
            reference_date=reference_date,
            fallback_date=fallback_date,
            lexicon=lexicon,
            name="standard input",
            area=area,
        )
    elif lexicon is not None:
        from .inputs import extract_path

        document = extract_path(name, lexicon, fallback_date=fallback_date, reference_date=reference_date, area=area)
    else:
        document = extract_file(name, fallback_date=fallback_date, reference_date=reference_date, area=area)
    log.info(
        "%s: %s (%s, %s) in %.2f s",
        "standard input" if name == "-" else name,
        count(len(document.quantities), "figure"),
        document.source.encoding,
        count(len(document.issues), "issue"),
        time.perf_counter() - started,
    )
    return document


def _iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    import datetime

    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-10-08") from None


@main.command(
    epilog="Exit status: 0 when every release was extracted (or unchanged), 1 when some failed, "
    "2 for a usage error, 130 when interrupted (run the same command again to resume)."
)
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the JSON, the texts, index.jsonl and errors.jsonl.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=lambda: os.cpu_count() or 1,
    show_default="all cores",
    help="Worker processes.",
)
@click.option("--force", is_flag=True, help="Extract every release again, even those unchanged since the last run.")
@click.option("-q", "--quiet", is_flag=True, help="No progress; only failures and the summary.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=20_000_000,
    show_default=True,
    help="Larger files are reported as failed.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds per release before it is reported as failed.",
)
@click.option(
    "--date",
    "reference_date",
    metavar="YYYY-MM-DD",
    callback=lambda c, p, v: _iso_date(v),
    help="Every release's date, whatever its text says (year-less and relative dates resolve against it).",
)
@click.option(
    "--fallback-date",
    "fallback_date",
    metavar="YYYY-MM-DD",
    callback=lambda c, p, v: _iso_date(v),
    help="The date of a release whose text gives none.",
)
@click.option("--area", "area", metavar="NAME|CODE", callback=lambda c, p, v: _area_name(v), help=_AREA_HELP)
@click.option("--to", "url", default=None, help="Also load the results into a database (see `extractor export`).")
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Read symbolic links that lead outside the input folders (by default they are reported, not read).",
)
@click.option(
    "--jsonl",
    "jsonl",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Also write every extracted document of the batch as JSON Lines (one a line, in source order) "
    "to this file, or - for standard output (the summary then goes to standard error).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS|local:N",
    help="Run on a Dask cluster: a scheduler's address (tcp://host:8786), or local:N for a local cluster "
    "of N worker processes (pip install 'zh-release-extractor[dask]').",
)
@click.option(
    "--cluster-data",
    type=click.Choice(["shared", "client"]),
    default="shared",
    show_default=True,
    help="With --scheduler: shared = inputs and OUTDIR are on a file system every worker sees; "
    "client = this process reads the releases, sends them, and writes the results.",
)
def run(
    inputs: tuple[str, ...],
    outdir: Path,
    jobs: int,
    force: bool,
    quiet: bool,
    max_bytes: int,
    timeout: float,
    reference_date: str | None,
    fallback_date: str | None,
    area: str | None,
    url: str | None,
    follow_symlinks: bool,
    jsonl: Path | None,
    scheduler: str | None,
    cluster_data: str,
) -> None:
    """Extract releases into OUTDIR. INPUTS are files, folders (searched recursively for
    .txt/.html/.htm/.shtml), globs, or - to read a list of paths from standard input.

    A second run resumes: releases whose content and pipeline version are unchanged are
    skipped. Output is byte-identical whatever --jobs is.
    """
    from . import batch

    if url:  # the target is checked before any release is read, not after the whole batch
        from .export import ExportError, check_target

        try:
            check_target(url)
        except ExportError as exc:
            _fail(str(exc), 2)
    engine = None
    if scheduler:  # the extra and the address are checked before any release is read
        from . import cluster

        try:
            cluster.check_available()
            engine = cluster.engine(cluster.ClusterSettings(scheduler, data=cluster_data))
        except batch.UsageError as exc:
            _fail(str(exc), 2)
    try:
        job_list = batch.scan(inputs, stdin_lines=lambda: sys.stdin, outdir=outdir, follow_symlinks=follow_symlinks)
    except batch.UsageError as exc:
        _fail(str(exc), 2)
    except sqlite3.Error as exc:
        _fail(_listing_failed(exc), 1)
    with job_list:  # (the jobs are on disk, in a temporary database removed when it closes)
        if not len(job_list):
            _fail(f"no release files ({', '.join(batch.RELEASE_SUFFIXES)}) in {' '.join(inputs)}", 2)
        log.info("%s to extract into %s, %s", count(len(job_list), "release"), outdir, count(jobs, "worker"))
        settings = batch.Settings(
            max_bytes=max_bytes, timeout=timeout, fallback_date=fallback_date, reference_date=reference_date, area=area
        )
        reporter = _Progress(len(job_list), quiet)
        try:
            with reporter:
                summary = batch.run(
                    job_list, outdir, settings, workers=jobs, force=force, report=reporter.update, engine=engine
                )
        except KeyboardInterrupt as exc:
            click.echo(
                "extractor: interrupted; what was extracted is kept and indexed; run the same command again to resume",
                err=True,
            )
            sys.exit(143 if isinstance(exc, batch.Terminated) else 130)
        except batch.UsageError as exc:  # OUTDIR cannot be written
            _fail(str(exc), 2)
        except batch.BatchError as exc:
            _fail(str(exc), 1)
        except sqlite3.Error as exc:
            _fail(_listing_failed(exc), 1)
        click.echo(summary.line(), err=jsonl == Path("-"))
        if not quiet and (unmapped := summary.unmapped_line()):
            click.echo(unmapped, err=True)
        if jsonl:
            _write_jsonl(outdir, batch.documents(outdir, job_list), jsonl)
        if url:
            _export(outdir, url, quiet=True)
    sys.exit(1 if summary.failed else 0)


def _listing_failed(exc: Exception) -> str:
    """One line for a run whose listing (kept on disk, extractor/listing.py) failed."""
    import tempfile

    folder = os.environ.get("SQLITE_TMPDIR") or tempfile.gettempdir()
    return (
        f"the run's listing and index are kept in a temporary file in {folder}, and that failed ({exc}); "
        "point SQLITE_TMPDIR (or TMPDIR) at a folder with room (about 1 KB a release) and run the same "
        "command again: what was extracted is kept"
    )


def _write_jsonl(outdir: Path, paths, target: Path) -> None:
    """The batch's documents as JSON Lines, streamed one at a time (source order: the same
    bytes whatever --jobs is)."""
    from .jsonl import to_jsonl_line

    def lines():
        for path in paths:
            yield to_jsonl_line(Document.model_validate_json((outdir / path).read_bytes()))

    if target == Path("-"):
        out = click.get_binary_stream("stdout")
        for line in lines():
            out.write(line)
        out.flush()
        return
    try:
        write_atomic(target, lines())
    except OSError as exc:
        _fail(f"{target}: cannot be written ({exc.strerror or exc})", 2)


class _Progress:
    """A progress bar on a terminal, plain log lines otherwise, nothing but failures with --quiet."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.quiet = total, quiet
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} docs/s"),
                TimeRemainingColumn(),
                TextColumn("failed {task.fields[failed]}"),
                transient=True,
                console=Console(file=sys.stderr, no_color=not _colour(True)),
            )
            self.task = self.bar.add_task("run", total=total, rate=0.0, failed=0)

    def __enter__(self) -> _Progress:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.bar:
            self.bar.stop()

    def update(self, record: dict, summary) -> None:
        done = summary.extracted + summary.failed
        if record["status"] == "failed":
            message = f"failed: {record['error']}"
            (
                self.bar.console.print(message, markup=False, highlight=False)
                if self.bar
                else click.echo(message, err=True)
            )
        if self.bar:
            rate = done / summary.seconds if summary.seconds else 0.0
            self.bar.update(self.task, completed=done + summary.skipped, rate=rate, failed=summary.failed)
        elif not self.quiet and record["status"] == "ok":
            click.echo(
                f"[{done + summary.skipped}/{self.total}] {record['source']} -> {record['output']} "
                f"({count(record['figures'], 'figure')}, {record['flagged']} flagged)",
                err=True,
            )


@main.command(
    name="diff",
    epilog="Exit status: 0 identical, 1 different (with --by-indicator: a value changed, or an "
    "indicator is only in one release), 2 error (like diff).",
)
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--by-indicator", is_flag=True, help="Compare two releases of one series indicator by indicator (year over year)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help="html: one self-contained page, old and new side by side (redirect it to a file).",
)
def diff_command(old: Path, new: Path, by_indicator: bool, fmt: str) -> None:
    """Compare extraction results: OLD and NEW are extraction JSON files or folders of them
    (an output/ of `extractor run`), paired by source path, then by content hash."""
    from . import diff as differ
    from . import diffview

    style = _styler(_colour(sys.stdout.isatty()))
    try:
        report = differ.by_indicator(old, new) if by_indicator else differ.diff(old, new)
    except differ.DiffError as exc:
        _fail(str(exc), 2)
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    elif fmt == "html":
        click.echo(diffview.yoy_html(report) if by_indicator else diffview.html_view(report), nl=False)
    elif by_indicator:
        click.echo(
            diffview.yoy_markdown(report) if fmt == "markdown" else diffview.yoy_text(report, style),
            nl=fmt != "markdown",
        )
    else:
        click.echo(
            diffview.markdown_view(report) if fmt == "markdown" else diffview.text_view(report, style),
            nl=fmt != "markdown",
        )
    if by_indicator:
        sys.exit(1 if diffview.values_differ(report) else 0)
    sys.exit(0 if report.summary.changed + report.summary.added + report.summary.removed == 0 else 1)


@main.command(
    name="export",
    epilog="Targets: sqlite:///file.db (default, no server), postgresql://user@host/db "
    "(pip install 'zh-release-extractor[postgres]'), duckdb:///file.duckdb ([duckdb]), parquet:DIR ([parquet]). Exit status: 0 loaded, 1 when some files could not be read (named on standard error), 2 when the target cannot be opened or written.",
)
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--to", "url", required=True, help="Where to load: sqlite:///file.db, postgresql://…, duckdb:///…, parquet:DIR."
)
@click.option("-q", "--quiet", is_flag=True)
def export_command(source: Path, url: str, quiet: bool) -> None:
    """Load the extraction JSON in SOURCE (a folder, e.g. an output/ of `extractor run`, or
    one file) into a database. Each document is written in one transaction; unchanged
    documents are skipped; a re-extracted document replaces its rows."""
    summary = _export(source, url, quiet)
    sys.exit(1 if summary.unreadable else 0)


def _export(source: Path, url: str, quiet: bool):
    from .export import ExportError, export, json_files

    try:
        paths = json_files(source)
        summary = export(
            paths,
            url,
            report=None
            if quiet
            else lambda p, n: click.echo(f"{p}: {'unchanged' if n is None else count(n, 'row')}", err=True),
            warn=lambda line: click.echo(line, err=True),
        )
    except ExportError as exc:
        _fail(str(exc), 2)
    click.echo(summary.line(url))
    return summary


@main.command(
    epilog="Formats by the output's suffix: .csv (UTF-8 with a byte-order mark, for Excel), .xlsx "
    "(pip install 'zh-release-extractor[xlsx]'), .parquet ([parquet]); or --to a database, the table "
    "series_rows (a value's exact digits in value_text). Exit status: 0 written, 1 when a "
    "growth check fails or a figure was revised (listed on standard error), 2 for a folder, filter or file "
    "that cannot be used."
)
@click.argument("outdir", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None, help="FILE.csv, FILE.xlsx or FILE.parquet."
)
@click.option(
    "--to",
    "url",
    default=None,
    metavar="URL",
    help="Or a database, as `export` takes (sqlite:///file.db, postgresql://…, duckdb:///…, parquet:DIR): "
    "the table series_rows, replaced whole.",
)
@click.option("--indicator", default=None, metavar="ID|NAME", help="Only this measure (econ.gdp, 地区生产总值).")
@click.option("--area", default=None, metavar="NAME|CODE", help="Only this division (亳州市, 341600).")
@click.option("-q", "--quiet", is_flag=True, help="Do not list revisions and failed growth checks.")
def series(
    outdir: Path, output: Path | None, url: str | None, indicator: str | None, area: str | None, quiet: bool
) -> None:
    """The figures of the extraction JSON in OUTDIR (an output/ of `extractor run`) as one
    table: a row per figure that has an area, an indicator id and a period, with its
    release, publication date and figure id. The same measure of the same area and period
    with different values in two releases is reported as revised; a stated growth rate is
    checked against the levels of its period and its basis period wherever the folder holds
    them."""
    from .series import TABLE, SeriesError, collect, parquet_bytes, table_columns, write

    if (output is None) == (url is None):
        _fail("series: give one of -o FILE (.csv, .xlsx, .parquet) and --to URL (a database)", 2)
    try:
        table = collect(outdir, indicator=indicator, area=area)
        if url is not None:
            from .export import ExportError, replace_table, shown

            try:
                replace_table(url, TABLE, table_columns(), table.rows, lambda: parquet_bytes(table.rows))
            except ExportError as exc:
                raise SeriesError(str(exc)) from None
            url = shown(url)
        else:
            write(table, output)
    except SeriesError as exc:
        _fail(str(exc), 2)
    failed = [r for r in table.rows if r["growth_check"] == "mismatch"]
    if not quiet:
        for revision in table.revisions:
            click.echo(revision.line(), err=True)
        for r in failed:
            click.echo(
                f"growth check: {r['indicator_id']} of {r['area']} {r['period']}: stated "
                f"{'-' if r['change_direction'] == 'down' else ''}{r['value']}%, the levels give "
                f"{r['computed_growth']}% ({r['release']} {r['figure']})",
                err=True,
            )
    click.echo(
        f"{count(len(table.rows), 'row')} from {count(table.releases, 'release')} written to "
        f"{output if url is None else url + ' (table series_rows)'}; "
        f"{count(len(table.revisions), 'revision')}, {len(failed)} growth checks failed"
    )
    sys.exit(1 if failed or table.revisions else 0)


#: ``schema --only`` names and their files
SCHEMA_NAMES = {
    "document": "document.schema.json",
    "diff": "diff.schema.json",
    "diff-by-indicator": "diff-by-indicator.schema.json",
}


@main.command(epilog="Exit status: 0 written, 2 when OUTDIR cannot be written.")
@click.option(
    "-o",
    "--output",
    "outdir",
    default="schemas",
    show_default=True,
    type=click.Path(allow_dash=True, path_type=Path),
    help="Folder to write the schemas into (created if missing); - prints one schema (see --only).",
)
@click.option(
    "--only",
    type=click.Choice(list(SCHEMA_NAMES)),
    default=None,
    help="Just this schema (with -o -: the document schema unless told).",
)
def schema(outdir: Path, only: str | None) -> None:
    """Write the JSON Schemas of the output (document, diff, diff-by-indicator) into OUTDIR."""
    texts = schema_texts()
    if str(outdir) == "-":
        _write_stdout(texts[SCHEMA_NAMES[only or "document"]].encode("utf-8"))
        return
    chosen = [SCHEMA_NAMES[only]] if only else list(texts)
    if outdir.exists() and not outdir.is_dir():
        _fail(f"{outdir}: is a file, not a folder", 2)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"{outdir}: {_problem(exc)}", 2)
    if not os.access(outdir, os.W_OK | os.X_OK):
        _fail(f"{outdir}: permission denied", 2)
    for name in chosen:
        _write_file(outdir / name, texts[name].encode("utf-8"))
        click.echo(f"wrote {outdir / name}")


def schema_texts() -> dict[str, str]:
    """The JSON Schemas this project publishes, by file name."""
    from .model import DiffReport, YearOverYear

    models = {
        "document.schema.json": Document,
        "diff.schema.json": DiffReport,
        "diff-by-indicator.schema.json": YearOverYear,
    }
    return {
        name: json.dumps(m.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2) + "\n"
        for name, m in models.items()
    }


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--pred",
    "pred_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Score the extraction JSON in this folder instead of extracting afresh.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--summary", is_flag=True, help="Scores only, without the list of misses and wrong fields.")
def evaluate_command(gold_dir: Path, pred_dir: Path | None, fmt: str, summary: bool) -> None:
    """Score extraction against the hand annotations (*.gold.json) in GOLD_DIR."""
    from .evaluate import GoldError, evaluate, format_text

    try:
        report = evaluate(gold_dir, pred_dir)
    except (GoldError, InputError, FileNotFoundError) as exc:
        _fail(str(exc), 2)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(report, show_problems=not summary))


@main.command(
    epilog="Exit status: 0 written, 1 when some releases could not be shown (listed on the index page "
    "and on standard error), 2 when SOURCE holds no extraction or SITE cannot be written."
)
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "site",
    required=True,
    type=click.Path(path_type=Path),
    help="The site folder (for an OUTDIR), or the page (.html) for one JSON.",
)
@click.option(
    "--corrections",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A folder of saved corrections (<name>.gold.json), shown again on the pages.",
)
@click.option("-q", "--quiet", is_flag=True)
def review(source: Path, site: Path, corrections: Path | None, quiet: bool) -> None:
    """Build a static review site from SOURCE, an OUTDIR of `extractor run` (or one
    extraction JSON, as one page): the text with every figure marked, a table of figures,
    and corrections saved as a tests/gold annotation that `extractor eval` scores. It opens
    from the file system (SITE/index.html); no server, no network."""
    from .review import ReviewError, build_page, build_site

    problems: list[str] = []
    try:
        if source.is_file():
            target = site if site.suffix == ".html" else site / f"{source.stem}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            build_page(source, target, corrections)
            pages, where = 1, target
        else:
            pages = build_site(source, site, corrections, report=problems.append)
            where = site / "index.html"
    except ReviewError as exc:
        _fail(str(exc), 2)
    except OSError as exc:
        _fail(f"{site}: cannot write the site there ({exc.strerror or exc})", 2)
    for line in problems:
        click.echo(line, err=True)
    if not quiet:
        click.echo(f"{count(pages, 'release page')} written; open {where}")
    sys.exit(1 if problems else 0)


@main.command()
@click.argument("sentence")
@click.option(
    "--date",
    "reference",
    default=None,
    callback=lambda c, p, v: _iso_date(v),
    help="Reference date (YYYY-MM-DD) for year-less dates.",
)
@_lexicon_options
def explain(sentence: str, reference: str | None, userdict: Path | None, units: Path | None) -> None:
    """Show the figures, dates and entities found in one SENTENCE, with the rule of each."""
    from .explain import explain_text

    click.echo(explain_text(sentence, reference, _lexicon(userdict, units)))


if __name__ == "__main__":
    main(prog_name="extractor")
