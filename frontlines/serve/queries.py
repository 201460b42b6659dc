"""Read-only queries the web app needs beyond ``Store``'s API.

They are written against the store's documented tables (``docs/store.md``) and
reuse ``EventFilter`` so that every filter means what it means on the CLI. Each
function takes an open read-only connection from ``Reader``.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Iterator
from typing import Any

from frontlines.export import COLUMNS
from frontlines.store.lock import DEFAULT_TIMEOUT, ReadConnection
from frontlines.store.queries import EXTRA, EventFilter, as_dicts

ORDER = "ORDER BY event_date DESC NULLS LAST, event_id_cnty"
MAP_COLUMNS = (
    "id",
    "date",
    "event_type",
    "sub_event_type",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "source_count",
)
GRID_COLUMNS = ("latitude", "longitude", "events", "fatalities", "event_type")
_DATES = ("event_date", "event_date_end")


class Reader:
    """The store opened read-only, kept warm between requests like ``Store``'s own readers.

    The connection closes when idle and right after each query while a writer runs,
    so a running ``frontlines ingest`` is never held up for long.
    """

    def __init__(self, path: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = path
        self._conn = ReadConnection(path, timeout=timeout)

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        with self._conn.connection() as conn:
            yield conn

    def close(self) -> None:
        """Let go of the file now (before this process opens it for writing)."""
        self._conn.close()


def _columns(cols: tuple[str, ...]) -> str:
    return ", ".join(f"CAST({c} AS VARCHAR) AS {c}" if c in _DATES else c for c in cols)


def page_events(conn: Any, flt: EventFilter, *, limit: int, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of merged events (newest first) and the total that match.

    The page is found on the sort keys alone, then its full rows are read: sorting
    a million wide rows to keep a hundred costs several times more.
    """
    where, args = flt.where()
    total = conn.execute(f"SELECT count(*) FROM events WHERE {where}", args).fetchone()[0]
    if total == 0 or offset >= total:
        return [], total
    sql = (
        f"SELECT {_columns((*COLUMNS, *EXTRA))} FROM events WHERE rowid IN "
        f"(SELECT rowid FROM events WHERE {where} {ORDER} LIMIT {int(limit)} OFFSET {int(offset)}) "
        f"{ORDER}"
    )
    return as_dicts(conn.execute(sql, args)), total


def grid_cell(zoom: float) -> float:
    """Degrees per grid cell at a map zoom: about 60 screen pixels."""
    return 60 * 360 / (256 * 2 ** max(0.0, min(zoom, 22.0)))


def map_points(conn: Any, flt: EventFilter, *, zoom: float, limit: int) -> dict[str, Any]:
    """Events with coordinates, as points when few enough, else counted on a grid."""
    where, args = flt.where()
    located = f"{where} AND latitude IS NOT NULL AND longitude IS NOT NULL"
    total = conn.execute(f"SELECT count(*) FROM events WHERE {located}", args).fetchone()[0]
    if total <= limit:
        rows = conn.execute(
            "SELECT event_id_cnty, CAST(event_date AS VARCHAR), event_type, sub_event_type, "
            f"location, latitude, longitude, fatalities, source_count FROM events "
            f"WHERE {located} {ORDER}",
            args,
        ).fetchall()
        return {"mode": "points", "located": total, "columns": MAP_COLUMNS, "rows": rows}
    cell = grid_cell(zoom)
    rows = conn.execute(
        "SELECT avg(latitude), avg(longitude), count(*), coalesce(sum(fatalities), 0), "
        f"mode(event_type) FROM events WHERE {located} "
        f"GROUP BY floor(latitude / {cell!r}), floor(longitude / {cell!r}) ORDER BY 3 DESC",
        args,
    ).fetchall()
    return {
        "mode": "grid",
        "located": total,
        "cell_degrees": cell,
        "columns": GRID_COLUMNS,
        "rows": [[round(r[0], 5), round(r[1], 5), *r[2:]] for r in rows],
    }


def facets(conn: Any, *, actors: int = 200) -> dict[str, Any]:
    """What the filter controls offer: countries, types and busiest actors, with counts."""
    countries = conn.execute(
        "SELECT country_code, any_value(country), count(*) FROM events "
        "WHERE country_code IS NOT NULL GROUP BY country_code ORDER BY 3 DESC, 1"
    ).fetchall()
    types = conn.execute("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    names = conn.execute(
        "SELECT name, count(*) AS n FROM (SELECT actor1 AS name FROM events UNION ALL "
        "SELECT actor2 FROM events) WHERE name IS NOT NULL GROUP BY name "
        f"ORDER BY n DESC, name LIMIT {int(actors)}"
    ).fetchall()
    span = conn.execute(
        "SELECT CAST(min(event_date) AS VARCHAR), CAST(max(event_date) AS VARCHAR) FROM events"
    ).fetchone()
    return {
        "countries": [{"code": c, "name": n, "events": k} for c, n, k in countries],
        "types": [{"name": t, "events": k} for t, k in types if t],
        "actors": [{"name": a, "events": k} for a, k in names],
        "first_date": span[0],
        "last_date": span[1],
    }


def places(conn: Any, *, q: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Places that control claims are about, most claimed first."""
    sql = (
        "SELECT place, any_value(place_key) AS key, any_value(country) AS country, "
        "any_value(admin1) AS admin1, any_value(latitude) AS latitude, "
        "any_value(longitude) AS longitude, count(*) AS claims, "
        "count(DISTINCT actor) AS actors, CAST(min(date) AS VARCHAR) AS first_date, "
        "CAST(max(date) AS VARCHAR) AS last_date FROM control_claims"
    )
    args: list[Any] = []
    if q:
        sql += " WHERE contains(lower(place), ?)"
        args.append(q.strip().lower())
    sql += f" GROUP BY place ORDER BY claims DESC, place LIMIT {int(limit)}"
    return as_dicts(conn.execute(sql, args))


def place_events(conn: Any, place: str, *, limit: int = 200) -> list[dict[str, Any]]:
    """Merged events coded to a place (by name, case-insensitive), newest first."""
    cols = _columns(
        (
            "event_id_cnty",
            "event_date",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "location",
            "latitude",
            "longitude",
            "fatalities",
            "source_count",
            "certainty",
            "confidence",
        )
    )
    return as_dicts(
        conn.execute(
            f"SELECT {cols} FROM events WHERE lower(location) = lower(?) {ORDER} LIMIT {int(limit)}",
            [place.strip()],
        )
    )


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*")


def sentence_around(text: str, start: int, end: int) -> dict[str, Any]:
    """The sentence holding ``text[start:end]``, found by punctuation and line breaks."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, max(start, 0)):
        lo = m.end()
    m = _SENTENCE_END.search(text, max(end, start))
    hi = m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else len(text))
    hi = max(hi, end)
    return {"start": lo, "end": hi, "text": text[lo:hi]}


def clean_float(value: Any) -> Any:
    """JSON has no NaN or infinity; they become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
