"""The command line, thin over the library: extract, run, schema, explain."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .io import InputError, extract_file, to_json, write_atomic
from .model import Document
from .segmenter import ACCELERATED



_VERSION = ("%(prog)s %(version)s (segmenter: "
            + ("C accelerator" if ACCELERATED else "Python loop; the C accelerator was not built") + ")")


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"extractor: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor", message=_VERSION)
def main() -> None:
    """Turn Chinese government press releases into validated, structured JSON."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON here instead of printing it.")
@click.option("--date", "fallback_date", metavar="YYYY-MM-DD", callback=lambda c, p, v: _iso_date(v),
              help="Release date to resolve year-less dates when the text gives none.")
def extract(file: Path, output: Path | None, fallback_date: str | None) -> None:
    """Extract one release FILE and print its JSON (or write it with -o)."""
    try:
        document = extract_file(file, fallback_date=fallback_date)
    except InputError as exc:
        _fail(str(exc))
    if output:
        write_atomic(output, to_json(document))
    else:
        click.echo(to_json(document), nl=False)


def _iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    import datetime

    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-10-08") from None


@main.command(epilog="Exit status: 0 when every release was extracted (or unchanged), 1 when some failed, "
                    "2 for a usage error, 130 when interrupted (run the same command again to resume).")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the JSON, the texts, index.jsonl and errors.jsonl.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=lambda: os.cpu_count() or 1, show_default="all cores",
              help="Worker processes.")
@click.option("--force", is_flag=True, help="Extract every release again, even those unchanged since the last run.")
@click.option("-q", "--quiet", is_flag=True, help="No progress; only failures and the summary.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=20_000_000, show_default=True,
              help="Larger files are reported as failed.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds per release before it is reported as failed.")
@click.option("--date", "fallback_date", metavar="YYYY-MM-DD", callback=lambda c, p, v: _iso_date(v),
              help="Release date for year-less dates when a release gives none.")
@click.option("--to", "url", default=None, help="Also load the results into a database (see `extractor export`).")
def run(inputs: tuple[str, ...], outdir: Path, jobs: int, force: bool, quiet: bool, max_bytes: int,
        timeout: float, fallback_date: str | None, url: str | None) -> None:
    """Extract releases into OUTDIR. INPUTS are files, folders (searched recursively for
    .txt/.html/.htm/.shtml), globs, or - to read a list of paths from standard input.

    A second run resumes: releases whose content and pipeline version are unchanged are
    skipped. Output is byte-identical whatever --jobs is.
    """
    from . import batch

    try:
        job_list = batch.discover(inputs, stdin_lines=lambda: sys.stdin)
    except batch.UsageError as exc:
        _fail(str(exc), 2)
    if not job_list:
        _fail(f"no release files ({', '.join(batch.RELEASE_SUFFIXES)}) in {' '.join(inputs)}", 2)
    settings = batch.Settings(max_bytes=max_bytes, timeout=timeout, fallback_date=fallback_date)
    reporter = _Progress(len(job_list), quiet)
    try:
        with reporter:
            summary = batch.run(job_list, outdir, settings, workers=jobs, force=force, report=reporter.update)
    except KeyboardInterrupt:
        click.echo("extractor: interrupted; what was extracted is kept and indexed; run the same command again to resume",
                   err=True)
        sys.exit(130)
    except batch.BatchError as exc:
        _fail(str(exc), 1)
    click.echo(summary.line())
    if url:
        _export(outdir, url, quiet=True)
    sys.exit(1 if summary.failed else 0)


class _Progress:
    """A progress bar on a terminal, plain log lines otherwise, nothing but failures with --quiet."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.quiet = total, quiet
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]:.1f} docs/s"), TimeRemainingColumn(),
                                TextColumn("failed {task.fields[failed]}"), transient=True)
            self.task = self.bar.add_task("run", total=total, rate=0.0, failed=0)

    def __enter__(self) -> "_Progress":
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
            (self.bar.console.print(message, markup=False, highlight=False) if self.bar else click.echo(message, err=True))
        if self.bar:
            rate = done / summary.seconds if summary.seconds else 0.0
            self.bar.update(self.task, completed=done + summary.skipped, rate=rate, failed=summary.failed)
        elif not self.quiet and record["status"] == "ok":
            click.echo(f"[{done + summary.skipped}/{self.total}] {record['source']} -> {record['output']} "
                       f"({record['figures']} figures, {record['flagged']} flagged)", err=True)


@main.command(name="diff", epilog="Exit status: 0 identical, 1 different, 2 error (like diff).")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--by-indicator", is_flag=True,
              help="Compare two releases of one series indicator by indicator (year over year).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
def diff_command(old: Path, new: Path, by_indicator: bool, fmt: str) -> None:
    """Compare extraction results: OLD and NEW are extraction JSON files or folders of them
    (an output/ of `extractor run`), paired by source path, then by content hash."""
    from . import diff as differ
    from . import diffview

    style = (lambda text, colour: click.style(text, fg=colour or None, bold=colour == "bold")) if sys.stdout.isatty() else diffview.plain
    try:
        report = differ.by_indicator(old, new) if by_indicator else differ.diff(old, new)
    except differ.DiffError as exc:
        _fail(str(exc), 2)
    if fmt == "json":
        click.echo(report.model_dump_json(indent=2))
    elif by_indicator:
        click.echo(diffview.yoy_markdown(report) if fmt == "markdown" else diffview.yoy_text(report, style), nl=fmt != "markdown")
    else:
        click.echo(diffview.markdown_view(report) if fmt == "markdown" else diffview.text_view(report, style), nl=fmt != "markdown")
    if not by_indicator:
        sys.exit(0 if report.summary.changed + report.summary.added + report.summary.removed == 0 else 1)


@main.command(name="export", epilog="Targets: sqlite:///file.db (default, no server), postgresql://user@host/db "
                                    "(pip install -e '.[postgres]'), duckdb:///file.duckdb ('.[duckdb]'), parquet:DIR ('.[parquet]').")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--to", "url", required=True, help="Where to load: sqlite:///file.db, postgresql://…, duckdb:///…, parquet:DIR.")
@click.option("-q", "--quiet", is_flag=True)
def export_command(source: Path, url: str, quiet: bool) -> None:
    """Load the extraction JSON in SOURCE (a folder, e.g. an output/ of `extractor run`, or
    one file) into a database. Each document is written in one transaction; unchanged
    documents are skipped; a re-extracted document replaces its rows."""
    _export(source, url, quiet)


def _export(source: Path, url: str, quiet: bool) -> None:
    from .export import ExportError, export, json_files

    try:
        paths = json_files(source)
        summary = export(paths, url, report=None if quiet else lambda p, n: click.echo(
            f"{p}: {'unchanged' if n is None else f'{n} rows'}", err=True))
    except ExportError as exc:
        _fail(str(exc), 2)
    click.echo(f"exported to {url}: {summary.documents} documents, {summary.written} written "
               f"({summary.rows} rows), {summary.unchanged} unchanged")


@main.command()
@click.option("-o", "--output", "outdir", default="schemas", show_default=True, type=click.Path(file_okay=False, path_type=Path))
def schema(outdir: Path) -> None:
    """Write the JSON Schema of the output document into OUTDIR."""
    for name, text in schema_texts().items():
        write_atomic(outdir / name, text)
        click.echo(f"wrote {outdir / name}")


def schema_texts() -> dict[str, str]:
    """The JSON Schemas this project publishes, by file name."""
    from .model import DiffReport, YearOverYear

    models = {"document.schema.json": Document, "diff.schema.json": DiffReport, "diff-by-indicator.schema.json": YearOverYear}
    return {name: json.dumps(m.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2) + "\n"
            for name, m in models.items()}


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--pred", "pred_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Score the extraction JSON in this folder instead of extracting afresh.")
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


@main.command()
@click.argument("sentence")
@click.option("--date", "reference", default=None, callback=lambda c, p, v: _iso_date(v),
              help="Reference date (YYYY-MM-DD) for year-less dates.")
def explain(sentence: str, reference: str | None) -> None:
    """Show the figures, dates and entities found in one SENTENCE, with the rule of each."""
    from .explain import explain_text

    click.echo(explain_text(sentence, reference))


if __name__ == "__main__":
    main()
