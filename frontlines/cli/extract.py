"""``frontlines extract``: one document (or a JSONL batch) in, events with evidence out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from frontlines.cli import EXIT_FATAL, EXIT_SKIPPED, UserError, echo_error
from frontlines.cli.options import knowledge_options, settings_from

FORMATS = ("table", "json", "csv", "geojson")


class UsageError(UserError):
    exit_code = 2


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", required=False, type=str)
@click.option(
    "--jsonl",
    "jsonl",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Batch input: one {id, text, ...} object per line.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of stdout.",
)
@click.option("--published", help="Publication date, YYYY-MM-DD (otherwise from the document's metadata).")
@click.option("--source", help="Outlet name, e.g. 'The New Arab'.")
@click.option("--title", help="Document title (otherwise from metadata or the first line).")
@click.option("--url", help="Where the document came from.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format; 'table' on a terminal, 'json' otherwise.",
)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "text", "html", "markdown"]),
    default="auto",
    show_default=True,
    help="How to read PATH.",
)
@click.option("--encoding", help="Text encoding of PATH when it is not UTF-8 and detection fails.")
@click.option(
    "--max-bytes",
    type=int,
    default=5 * 1024 * 1024,
    show_default=True,
    help="Refuse larger inputs.",
)
@click.option("--workers", type=int, default=1, show_default=True, help="Processes for --jsonl batches.")
@click.option("--strict", is_flag=True, help="Exit 1 (not 3) when any batch line fails.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or warnings.")
@knowledge_options
def extract(
    path: str | None,
    jsonl: Path | None,
    output: Path | None,
    published: str | None,
    source: str | None,
    title: str | None,
    url: str | None,
    fmt: str | None,
    input_format: str,
    encoding: str | None,
    max_bytes: int,
    workers: int,
    strict: bool,
    quiet: bool,
    **knowledge: object,
) -> None:
    """Extract events, actors, places, dates and control claims from a news report.

    PATH is a text, HTML or Markdown file, or - for stdin. With --jsonl, each
    input line is {"id", "text", "title"?, "published"?, "source"?, "url"?} and
    each output line is a Report whose document.key is that id, in input order.

    Example:

        frontlines extract examples/reports/kharkiv-shelling.txt --format json
    """
    from frontlines.errors import InputError
    from frontlines.ingest.read import parse_published

    if published:
        try:
            parse_published(published)
        except InputError:
            raise UsageError(f"--published {published!r}: not a date (expected YYYY-MM-DD)") from None
    settings = settings_from(knowledge)
    if jsonl is not None:
        if path:
            raise UsageError("give either PATH or --jsonl, not both")
        _batch(jsonl, output, settings, workers=workers, strict=strict, quiet=quiet)
        return
    if not path:
        raise UsageError("missing PATH (a file, or - for stdin); see --help")
    report = _one(
        path,
        settings,
        published=published,
        source=source,
        title=title,
        url=url,
        input_format=input_format,
        encoding=encoding,
        max_bytes=max_bytes,
    )
    if not quiet:
        for warning in report.warnings:
            echo_error(f"{path}: {warning}", level="warning")
    fmt = fmt or ("table" if sys.stdout.isatty() and output is None else "json")
    _write_report(report, fmt, output)


def _one(path: str, settings, **opts):  # -> Report
    from frontlines.ingest.read import document_from_text, read_document, read_path
    from frontlines.pipeline import Pipeline

    published = opts.pop("published")
    source, title, url = opts.pop("source"), opts.pop("title"), opts.pop("url")
    fmt, encoding, max_bytes = opts.pop("input_format"), opts.pop("encoding"), opts.pop("max_bytes")
    if path == "-":
        data = sys.stdin.buffer.read()
        doc, warnings = read_document(
            data,
            key="<stdin>",
            published=published,
            source=source,
            url=url,
            fmt=fmt,
            encoding=encoding,
            max_bytes=max_bytes,
        )
    else:
        doc, warnings = read_path(
            path,
            published=published,
            source=source,
            fmt=fmt,
            encoding=encoding,
            max_bytes=max_bytes,
        )
    if title or url:
        doc, warnings = document_from_text(
            doc.text,
            key=doc.key,
            title=title or doc.title,
            published=doc.published,
            source=doc.source,
            url=url or doc.url,
            fmt="text",
        )
    return Pipeline(settings).extract_document(doc, warnings=warnings)


def _write_report(report, fmt: str, output: Path | None) -> None:
    from frontlines.export import geojson, report_rows, write_csv

    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "json":
            out.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        elif fmt == "csv":
            write_csv(report_rows(report), out)
        elif fmt == "geojson":
            out.write(json.dumps(geojson(report_rows(report)), ensure_ascii=False, indent=2) + "\n")
        else:
            from frontlines.cli.render import print_report

            print_report(report, file=out)
    finally:
        if output:
            out.close()


def _batch(jsonl: Path, output: Path | None, settings, *, workers: int, strict: bool, quiet: bool) -> None:
    from frontlines.batch import extract_rows, read_rows
    from frontlines.cli.render import progress

    rows = list(read_rows(jsonl))
    failed = done = 0
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with progress(total=len(rows), label="extracting", quiet=quiet) as advance:
            for result in extract_rows(rows, settings=settings, workers=workers):
                advance()
                if result.error is not None:
                    failed += 1
                    key = f" (id {result.error.key})" if result.error.key else ""
                    echo_error(
                        f"{jsonl}:{result.line}{key}: {result.error.message}; skipped",
                        level="warning",
                    )
                    continue
                done += 1
                out.write(json.dumps(result.report.to_dict(), ensure_ascii=False) + "\n")  # type: ignore[union-attr]
    finally:
        if output:
            out.close()
    if not quiet:
        click.echo(f"frontlines: {done} documents extracted, {failed} skipped", err=True)
    if failed:
        raise click.exceptions.Exit(EXIT_FATAL if strict else EXIT_SKIPPED)
