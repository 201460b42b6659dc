"""The read side: SQL for event filters, one event with its sources, documents,
control timelines and stats. Functions take an open DuckDB connection; ``Store``
owns connections, retries and frames.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from frontlines.errors import StoreError
from frontlines.export import COLUMNS

EXTRA = (
    "event_date_end",
    "fatalities_max",
    "country_code",
    "actor1_id",
    "actor2_id",
    "quantity",
    "document_ids",
)
STATS_BY = ("day", "week", "month", "type", "sub_type", "actor", "admin1", "country")
_DATE_COLS = ("event_date", "event_date_end")


def _select(cols: Sequence[str], *, dates_as_text: bool) -> str:
    out = []
    for c in cols:
        if dates_as_text and c in _DATE_COLS:
            out.append(f"CAST({c} AS VARCHAR) AS {c}")
        else:
            out.append(c)
    return ", ".join(out)


def as_dicts(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _one_of(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [v.strip().lower() for item in items for v in item.split(",") if v.strip()]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Filters shared by ``events``, ``count_events``, ``stats`` and exports."""

    since: str | date | None = None
    until: str | date | None = None
    country: str | Sequence[str] | None = None
    admin1: str | Sequence[str] | None = None
    near: tuple[float, float, float] | None = None  # lat, lon, km
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    type: str | Sequence[str] | None = None
    sub_type: str | Sequence[str] | None = None
    actor: str | None = None
    min_confidence: float | None = None
    min_sources: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        """A SQL ``WHERE`` clause (``TRUE`` when empty) and its parameters."""
        sql: list[str] = []
        args: list[Any] = []
        if self.since:
            sql.append("event_date >= ?::DATE")
            args.append(_day(self.since, "since"))
        if self.until:
            sql.append("event_date <= ?::DATE")
            args.append(_day(self.until, "until"))
        if countries := _one_of(self.country):
            sql.append(
                "(list_contains(?::VARCHAR[], lower(country_code)) OR list_contains(?::VARCHAR[], lower(country)))"
            )
            args += [countries, countries]
        if admin1 := _one_of(self.admin1):
            sql.append("list_contains(?::VARCHAR[], lower(admin1))")
            args.append(admin1)
        if types := _one_of(self.type):
            sql.append("list_contains(?::VARCHAR[], lower(event_type))")
            args.append(types)
        if subs := _one_of(self.sub_type):
            sql.append("list_contains(?::VARCHAR[], lower(sub_event_type))")
            args.append(subs)
        if self.actor:
            sql.append("contains(actor_names, ?)")
            args.append(self.actor.strip().lower())
        if self.min_confidence is not None:
            sql.append("confidence >= ?")
            args.append(float(self.min_confidence))
        if self.min_sources is not None:
            sql.append("source_count >= ?")
            args.append(int(self.min_sources))
        if self.bbox:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            sql.append("latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?")
            args += [min_lat, max_lat, min_lon, max_lon]
        if self.near:
            lat, lon, radius = self.near
            dlat = radius / 111.2
            dlon = radius / max(111.2 * math.cos(math.radians(lat)), 1e-6)
            sql.append(
                "latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? AND "
                "12742 * asin(sqrt(pow(sin(radians(latitude - ?) / 2), 2) + cos(radians(?)) * "
                "cos(radians(latitude)) * pow(sin(radians(longitude - ?) / 2), 2))) <= ?"
            )
            args += [lat - dlat, lat + dlat, lon - dlon, lon + dlon, lat, lat, lon, radius]
        return (" AND ".join(sql) or "TRUE"), args


def _day(value: str | date, name: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise StoreError(f"--{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def events_sql(
    flt: EventFilter,
    *,
    limit: int | None = None,
    offset: int = 0,
    dates_as_text: bool = True,
    columns: Sequence[str] | None = None,
) -> tuple[str, list[Any]]:
    where, args = flt.where()
    cols = _select(columns or (*COLUMNS, *EXTRA), dates_as_text=dates_as_text)
    sql = f"SELECT {cols} FROM events WHERE {where} ORDER BY event_date DESC NULLS LAST, event_id_cnty"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    if offset:
        sql += f" OFFSET {int(offset)}"
    return sql, args


def count_events(conn: Any, flt: EventFilter) -> int:
    where, args = flt.where()
    return conn.execute(f"SELECT count(*) FROM events WHERE {where}", args).fetchone()[0]


def _resolve_event(conn: Any, event_id: str) -> str | None:
    """A merged event id, or a member's id mapped to its merged event."""
    row = conn.execute("SELECT cluster_id FROM doc_events WHERE event_id_cnty = ?", [event_id]).fetchone()
    return row[0] if row else None


def event(conn: Any, event_id: str) -> dict[str, Any] | None:
    """One merged event with each source's own values, evidence and merge rule."""
    root = _resolve_event(conn, event_id) or event_id
    cols = _select((*COLUMNS, *EXTRA, "member_ids"), dates_as_text=True)
    found = as_dicts(conn.execute(f"SELECT {cols} FROM events WHERE event_id_cnty = ?", [root]))
    if not found:
        return None
    out = found[0]
    members = as_dicts(
        conn.execute(
            """
            SELECT d.event_id_cnty AS id, d.document_id,
                   CAST(d.event_date AS VARCHAR) AS event_date,
                   d.time_precision, d.event_type, d.sub_event_type, d.actor1, d.actor2,
                   d.location, d.latitude, d.longitude, d.geo_precision, d.fatalities,
                   d.certainty, d.claimed_by, d.confidence, d.notes, d.evidence,
                   doc.source, doc.title, doc.url, doc.key,
                   CAST(doc.published AS VARCHAR) AS published,
                   m.rule AS merge_rule, m.linked_to
            FROM doc_events d JOIN documents doc ON doc.id = d.document_id
            LEFT JOIN (SELECT doc_event_id, min(rule) AS rule, min(linked_to) AS linked_to
                       FROM merges GROUP BY doc_event_id) m ON m.doc_event_id = d.event_id_cnty
            WHERE d.cluster_id = ? ORDER BY d.event_id_cnty
            """,
            [root],
        )
    )
    for m in members:
        m["evidence"] = json.loads(m["evidence"]) if m["evidence"] else []
    out["sources"] = members
    return out


def document(conn: Any, document_id: str) -> dict[str, Any] | None:
    """A stored document with its text and the full Report it produced."""
    found = as_dicts(
        conn.execute(
            "SELECT id, key, title, CAST(published AS VARCHAR) AS published, source, url, "
            "language, chars, text, report, CAST(ingested_at AS VARCHAR) AS ingested_at "
            "FROM documents WHERE id = ?",
            [document_id],
        )
    )
    if not found:
        return None
    doc = found[0]
    doc["report"] = json.loads(doc["report"]) if doc["report"] else None
    doc["event_ids"] = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT cluster_id FROM doc_events WHERE document_id = ? ORDER BY 1",
            [document_id],
        ).fetchall()
    ]
    return doc


def control(
    conn: Any, place: str, *, since: str | date | None = None, until: str | date | None = None
) -> list[dict[str, Any]]:
    """Claims about who holds a place, oldest first (undated last)."""
    sql = """
        SELECT CAST(c.date AS VARCHAR) AS date, c.time_precision, c.place, c.country, c.admin1,
               c.actor, c.actor_id, c.status, c.claimed_by, c.certainty, c.evidence_text,
               c.evidence, c.document_id, d.source, d.title, d.url,
               CAST(d.published AS VARCHAR) AS published
        FROM control_claims c JOIN documents d ON d.id = c.document_id
        WHERE (lower(c.place) = lower(?) OR c.place_key = ?)
    """
    args: list[Any] = [place.strip(), place.strip()]
    if since:
        sql += " AND c.date >= ?::DATE"
        args.append(_day(since, "since"))
    if until:
        sql += " AND c.date <= ?::DATE"
        args.append(_day(until, "until"))
    sql += " ORDER BY c.date NULLS LAST, d.published NULLS LAST, c.id"
    rows = as_dicts(conn.execute(sql, args))
    for r in rows:
        r["evidence"] = json.loads(r["evidence"]) if r["evidence"] else []
    return rows


def stats_sql(by: str, flt: EventFilter) -> tuple[str, list[Any]]:
    if by not in STATS_BY:
        raise StoreError(f"stats by {by!r}: choose one of {', '.join(STATS_BY)}")
    where, args = flt.where()
    keys = {
        "day": "CAST(event_date AS VARCHAR)",
        "week": "CAST(CAST(date_trunc('week', event_date) AS DATE) AS VARCHAR)",
        "month": "strftime(event_date, '%Y-%m')",
        "type": "event_type",
        "sub_type": "sub_event_type",
        "admin1": "admin1",
        "country": "country",
    }
    if by == "actor":
        base = (
            f"SELECT actor1 AS key, fatalities, source_count FROM events WHERE {where} "
            f"AND actor1 IS NOT NULL UNION ALL "
            f"SELECT actor2, fatalities, source_count FROM events WHERE {where} "
            "AND actor2 IS NOT NULL"
        )
        args = args + args
    else:
        base = f"SELECT {keys[by]} AS key, fatalities, source_count FROM events WHERE {where}"
    order = "key" if by in ("day", "week", "month") else "events DESC, key"
    sql = (
        f"SELECT key, count(*) AS events, coalesce(sum(fatalities), 0) AS fatalities, "
        f"count(*) FILTER (WHERE source_count > 1) AS multi_source FROM ({base}) "
        f"GROUP BY key ORDER BY {order} NULLS LAST"
    )
    return sql, args


def counts(conn: Any) -> dict[str, int]:
    """How much the store holds."""
    tables = ("documents", "doc_events", "events", "control_claims", "failures")
    out = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    out["multi_source_events"] = conn.execute("SELECT count(*) FROM events WHERE source_count > 1").fetchone()[0]
    return out
