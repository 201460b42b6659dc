"""``frontlines events``, ``control`` and ``stats``: read the store, print data on stdout."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import IO, Any, TypeVar

import click

from frontlines.cli import CONTEXT_SETTINGS, echo_error
from frontlines.cli.options import db_option

F = TypeVar("F", bound=Callable[..., Any])
EVENT_FORMATS = ("table", "csv", "json", "jsonl", "geojson", "parquet")
TABLE_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "fatalities",
    "source_count",
)


def _floats(value: str | None, n: int, name: str, shape: str) -> tuple[float, ...] | None:
    if value is None:
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != n:
        raise click.BadParameter(f"expected {shape}, got {value!r}", param_hint=name)
    return parts


def filter_options(fn: F) -> F:
    """The event filters shared by ``events`` and ``stats``, passed on as ``filters``."""
    options = [
        click.option("--since", metavar="YYYY-MM-DD", help="Events on or after this day."),
        click.option("--until", metavar="YYYY-MM-DD", help="Events on or before this day."),
        click.option("--country", metavar="CODE|NAME", help="ISO alpha-2 code or name; a,b ok."),
        click.option("--admin1", metavar="NAME", help="First-level region (province)."),
        click.option("--near", metavar="LAT,LON,KM", help="Within KM of a point."),
        click.option("--bbox", metavar="W,S,E,N", help="Inside lon/lat bounds."),
        click.option("--type", "type_", metavar="TYPE", help="ACLED event type."),
        click.option("--sub-type", metavar="SUBTYPE", help="ACLED sub-event type."),
        click.option("--actor", metavar="NAME", help="Any actor whose name contains NAME."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), help="Confidence floor."),
        click.option("--min-sources", type=click.IntRange(min=1), help="At least N documents."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _filters(kw: dict[str, Any]) -> dict[str, Any]:
    out = {
        "since": kw.pop("since"),
        "until": kw.pop("until"),
        "country": kw.pop("country"),
        "admin1": kw.pop("admin1"),
        "near": _floats(kw.pop("near"), 3, "--near", "LAT,LON,KM"),
        "bbox": _floats(kw.pop("bbox"), 4, "--bbox", "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"),
        "type": kw.pop("type_"),
        "sub_type": kw.pop("sub_type"),
        "actor": kw.pop("actor"),
        "min_confidence": kw.pop("min_confidence"),
        "min_sources": kw.pop("min_sources"),
    }
    return {k: v for k, v in out.items() if v is not None}


@contextmanager
def _output(path: str | None) -> Any:
    if path is None or path == "-":
        yield sys.stdout
        return
    try:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh
    except OSError as e:
        raise click.FileError(path, hint=e.strerror) from None


def _print_table(rows: list[dict[str, Any]], columns: Iterable[str], *, title: str = "") -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, title_justify="left", show_edge=False, pad_edge=False)
    cols = list(columns)
    for c in cols:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in cols))
    Console(file=sys.stdout, width=None if sys.stdout.isatty() else 200).print(table)


def _open(db: str) -> Any:
    from frontlines.store import Store

    return Store(db, read_only=True)


@click.command(context_settings=CONTEXT_SETTINGS)
@db_option
@filter_options
@click.option("--format", "-f", "fmt", type=click.Choice(EVENT_FORMATS), default="table")
@click.option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")
@click.option("--limit", type=click.IntRange(min=1), help="At most N events (newest first).")
def events(db: str, fmt: str, output: str | None, limit: int | None, **kw: Any) -> None:
    """List merged events, filtered; export them as CSV, JSON, GeoJSON or Parquet.

    CSV and Parquet columns follow ACLED's names and order, then ours.

    Example:

        frontlines events --country SY --since 2016-10-01 --type Battles -f csv -o aleppo.csv
    """
    from frontlines import export

    filters = _filters(kw)
    with _open(db) as store:
        rows: Iterable[dict[str, Any]] = store.iter_events(**filters)
        if limit:
            rows = store.events(limit=limit, **filters)
        if fmt == "parquet":
            if not output:
                raise click.UsageError("Parquet needs a file: add -o FILE.parquet")
            n = export.write_parquet(rows, output)
        elif fmt == "table":
            listed = list(rows)
            n = len(listed)
            if listed:
                _print_table(listed, TABLE_COLUMNS)
        else:
            with _output(output) as fh:
                n = _write(fmt, rows, fh)
    if n == 0:
        echo_error("no events match", level="warning")


def _write(fmt: str, rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    from frontlines import export

    if fmt == "csv":
        return export.write_csv(rows, fh)
    if fmt == "jsonl":
        return export.write_jsonl(rows, fh)
    listed = list(rows)
    if fmt == "geojson":
        json.dump(export.geojson(listed), fh, ensure_ascii=False)
    else:
        json.dump(listed, fh, ensure_ascii=False, indent=1)
    fh.write("\n")
    return len(listed)


CONTROL_COLUMNS = ("date", "actor", "status", "claimed_by", "certainty", "source", "evidence_text")


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("place")
@db_option
@click.option("--since", metavar="YYYY-MM-DD")
@click.option("--until", metavar="YYYY-MM-DD")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
def control(db: str, place: str, since: str | None, until: str | None, fmt: str) -> None:
    """Timeline of who claimed control of a place, when, and on what evidence.

    Example:

        frontlines control Aleppo --since 2016-01-01
    """
    from frontlines import export

    with _open(db) as store:
        rows = store.control(place, since=since, until=until)
    if not rows:
        echo_error(f"no control claims about {place!r}", level="warning")
        return
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        export.write_csv(rows, sys.stdout, columns=(*CONTROL_COLUMNS, "place", "document_id"))
    else:
        _print_table(rows, CONTROL_COLUMNS, title=f"Control of {rows[0]['place']}")


STATS_DEFAULT = ("week", "type", "actor", "admin1")


@click.command(context_settings=CONTEXT_SETTINGS)
@db_option
@filter_options
@click.option(
    "--by",
    "by",
    multiple=True,
    type=click.Choice(["day", "week", "month", "type", "sub_type", "actor", "admin1", "country"]),
    help="Group by (repeatable); default: week, type, actor, admin1.",
)
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
def stats(db: str, by: tuple[str, ...], fmt: str, **kw: Any) -> None:
    """Counts of events and fatalities by week, type, actor and admin1.

    Example:

        frontlines stats --country SY --by week --by actor
    """
    filters = _filters(kw)
    with _open(db) as store:
        tables = {b: store.stats(by=b, **filters) for b in by or STATS_DEFAULT}
        counts = store.counts()
    if fmt == "json":
        click.echo(json.dumps({"counts": counts, **tables}, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        from frontlines import export

        rows = [{"by": b, **r} for b, rs in tables.items() for r in rs]
        columns = ("by", "key", "events", "fatalities", "multi_source")
        export.write_csv(rows, sys.stdout, columns=columns)
    else:
        click.echo(
            f"{counts['documents']} documents, {counts['events']} events "
            f"({counts['multi_source_events']} from several sources)"
        )
        for b, rows in tables.items():
            _print_table(rows, ("key", "events", "fatalities", "multi_source"), title=f"by {b}")
