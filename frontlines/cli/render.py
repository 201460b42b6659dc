"""Terminal output: the report table and progress bars (rich, on stderr, only on a TTY)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from frontlines.types import Actor, Report


def _name(actor: Actor | str | None) -> str:
    if actor is None:
        return ""
    return actor.name if isinstance(actor, Actor) else actor


def print_report(report: Report, *, file: IO[str] | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    stream = file or sys.stdout
    console = Console(file=stream, soft_wrap=False, width=None if stream.isatty() else 160)
    doc = report.document
    console.print(f"[bold]{doc.title or doc.key or doc.id[:12]}[/bold]  published {doc.published or '?'}")
    table = Table(show_lines=False, header_style="bold")
    for col in ("date", "type", "actor 1", "actor 2", "location", "deaths", "certainty", "conf"):
        table.add_column(col, overflow="fold")
    for e in report.events:
        loc = e.location
        where = f"{loc.name} ({loc.country}, p{loc.geo_precision})" if loc else ""
        certainty = e.certainty + (f": {_name(e.claimed_by)}" if e.claimed_by else "")
        table.add_row(
            f"{e.date or ''}" + (f" (p{e.time_precision})" if e.time_precision > 1 else ""),
            e.sub_event_type,
            _name(e.actor1),
            _name(e.actor2),
            where,
            "" if e.fatalities is None else str(e.fatalities),
            certainty,
            f"{e.confidence:.2f}",
        )
    console.print(table)
    if report.control:
        control = Table(title="control claims", header_style="bold")
        for col in ("date", "place", "actor", "status", "certainty"):
            control.add_column(col)
        for c in report.control:
            control.add_row(c.date or "", c.place.name, c.actor.name, c.status, c.certainty)
        console.print(control)
    console.print(f"{len(report.events)} events, {len(report.control)} control claims")


@contextmanager
def progress(*, total: int | None, label: str, quiet: bool = False) -> Iterator[Callable[[], None]]:
    """Yields ``advance()``; draws a rich bar on stderr only when it is a terminal."""
    if quiet or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
        console=_stderr_console(),
    ) as bar:
        task = bar.add_task(label, total=total)

        def advance() -> None:
            bar.advance(task)

        yield advance


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(file=sys.stderr)
