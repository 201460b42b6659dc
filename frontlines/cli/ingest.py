"""``frontlines ingest``: thin over ``frontlines.ingest.batch.ingest``."""

from __future__ import annotations

import sys
from typing import Any

import click

from frontlines.cli import CONTEXT_SETTINGS, EXIT_SKIPPED, echo_error
from frontlines.cli.options import db_option
from frontlines.ingest.text import DEFAULT_MAX_BYTES


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL...")
@db_option
@click.option(
    "--workers",
    "-w",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes (default: the number of CPUs).",
)
@click.option(
    "--glob",
    "globs",
    multiple=True,
    metavar="PATTERN",
    help="Inside folders and archives, only files matching PATTERN (repeatable): '*.html'.",
)
@click.option("--text-column", metavar="NAME", help="CSV/JSON field holding the article text.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for inputs without one.")
@click.option("--source", metavar="NAME", help="Outlet name for inputs without one.")
@click.option("--encoding", metavar="NAME", help="Decode files with this encoding (not sniffed).")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest document accepted.",
)
@click.option("--timeout", type=float, default=15.0, show_default=True, help="Seconds per URL.")
@click.option("--no-fetch", is_flag=True, help="Use feed entries' own text; don't fetch links.")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Documents per committed batch.",
)
@click.option("--strict", is_flag=True, help="Stop at the first input that can't be read.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def ingest(
    inputs: tuple[str, ...],
    db: str,
    workers: int | None,
    globs: tuple[str, ...],
    text_column: str | None,
    published: str | None,
    source: str | None,
    encoding: str | None,
    max_bytes: int,
    timeout: float,
    no_fetch: bool,
    batch_size: int,
    strict: bool,
    quiet: bool,
) -> None:
    """Read articles into the event store; the same event from several outlets is merged.

    PATH|URL can be text, HTML, Markdown, JSON/JSONL ({"id", "text", ...} per line) or
    CSV files, folders (recursive), .gz and .zip archives, RSS/Atom feeds and web pages.
    Documents already stored are skipped, so reruns add nothing twice. Inputs that can't
    be read are named on stderr with the reason (exit code 3).

    Example:

        frontlines ingest news/ reports.jsonl https://example.org/feed.rss --db syria.duckdb
    """
    from frontlines.ingest.batch import Outcome
    from frontlines.ingest.batch import ingest as run
    from frontlines.ingest.sources import Options
    from frontlines.store import Store

    opts = Options(
        globs=globs,
        max_bytes=max_bytes,
        encoding=encoding,
        text_column=text_column,
        published=published,
        source=source,
        timeout=timeout,
        fetch_articles=not no_fetch,
    )
    if published:
        from frontlines.ingest.read import parse_published

        parse_published(published, source="--published")
    with Store(db) as store, _progress(enabled=not quiet and sys.stderr.isatty()) as bar:

        def seen(outcome: Outcome) -> None:
            if outcome.status == "failed":
                echo_error(f"{outcome.key}: {outcome.reason}; skipped", level="warning")
            bar(outcome)

        summary = run(
            inputs,
            store=store,
            opts=opts,
            workers=workers,
            batch_size=batch_size,
            strict=strict,
            on_outcome=seen,
        )
        counts = store.counts()
    if not quiet:
        click.echo(
            f"frontlines: {summary.line()}; {db} holds {counts['documents']} documents, "
            f"{counts['events']} events ({counts['multi_source_events']} from several sources)",
            err=True,
        )
    if summary.failed:
        raise click.exceptions.Exit(EXIT_SKIPPED)


class _progress:
    """A rich progress line on stderr (docs/s, failures), or nothing."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.progress: Any = None
        self.done = self.failed = 0

    def __enter__(self) -> _progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TextColumn("{task.completed} docs"),
                TextColumn("{task.fields[rate]:.0f}/s"),
                TextColumn("{task.fields[failed]} failed"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("ingesting", total=None, rate=0.0, failed=0)
        return self

    def __call__(self, outcome: Any) -> None:
        if self.progress is None:
            return
        self.done += 1
        self.failed += outcome.status == "failed"
        elapsed = self.progress.tasks[0].elapsed or 0.0
        rate = self.done / elapsed if elapsed else 0.0
        self.progress.update(self.task, completed=self.done, rate=rate, failed=self.failed)

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()
