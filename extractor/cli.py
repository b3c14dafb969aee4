"""The command line, thin over the library: extract, run, schema, explain."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from . import __version__
from .io import InputError, extract_file, to_json, write_atomic
from .model import Document

RELEASE_SUFFIXES = (".txt",)


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"extractor: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor")
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


def _inputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in RELEASE_SUFFIXES)


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder for the JSON files.")
def run(folder: Path, outdir: Path) -> None:
    """Extract every release in FOLDER into OUTDIR (one JSON per release).

    Exit status: 0 when every release was extracted, 1 when some failed, 2 for a usage error.
    """
    files = _inputs(folder)
    if not files:
        _fail(f"{folder}: no release files ({', '.join(RELEASE_SUFFIXES)}) found", 2)
    started = time.monotonic()
    failures = figures = 0
    for path in files:
        relative = path.relative_to(folder)
        try:
            document = extract_file(path)
        except InputError as exc:
            failures += 1
            click.echo(f"failed: {exc}", err=True)
            continue
        figures += len(document.quantities)
        target = outdir / relative.with_suffix(".json")
        write_atomic(target, to_json(document))
        click.echo(f"{relative} -> {target} ({len(document.quantities)} figures, {len(document.issues)} issues)")
    elapsed = time.monotonic() - started
    click.echo(f"{len(files) - failures} of {len(files)} documents extracted, {figures} figures, "
               f"{failures} failed, {elapsed:.1f}s")
    sys.exit(1 if failures else 0)


@main.command()
@click.option("-o", "--output", "outdir", default="schemas", show_default=True, type=click.Path(file_okay=False, path_type=Path))
def schema(outdir: Path) -> None:
    """Write the JSON Schema of the output document into OUTDIR."""
    target = outdir / "document.schema.json"
    write_atomic(target, schema_text())
    click.echo(f"wrote {target}")


def schema_text() -> str:
    return json.dumps(Document.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2) + "\n"


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
