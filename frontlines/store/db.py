"""``Store``: the one DuckDB file holding documents, events, evidence and merges.

A writer holds the sidecar write lock (``lock.py``) for its whole life but opens
the DuckDB file only inside ``add_reports`` and friends, one transaction per
batch; readers open read-only, keep the file only while queries keep coming
(``ReadConnection``), and retry while a batch commits. A kill
at any moment loses at most the uncommitted batch, and since a document's rows,
its events and their merge all commit together, a rerun just redoes that batch.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from frontlines.errors import StoreError
from frontlines.store import merging, queries
from frontlines.store.lock import DEFAULT_TIMEOUT, ReadConnection, WriteLock, connect
from frontlines.store.migrations import check_readable, migrate, schema_version
from frontlines.store.queries import EventFilter
from frontlines.store.rows import insert_rows, report_rows
from frontlines.types import Report

DEFAULT_PATH = "frontlines.duckdb"
_WRITE_ORDER = ("documents", "doc_events", "evidence", "mentions", "control_claims")


@dataclass(slots=True)
class AddResult:
    """What one ``add_reports`` call stored."""

    documents: int = 0
    skipped: int = 0
    events: int = 0
    merged: int = 0


class Store:
    """An event store in one DuckDB file.

    ``Store(path)`` opens for writing (taking the write lock, creating and
    migrating the file); ``Store(path, read_only=True)`` only reads and never
    blocks a writer for longer than one query. Use it as a context manager.
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_PATH,
        *,
        read_only: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        command: str | None = None,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.timeout = timeout
        self._memory = self.path == ":memory:"
        self._conn: Any = None
        self._lock: WriteLock | None = None
        self._readers = ReadConnection(self.path, timeout=timeout)
        if self._memory:
            import duckdb

            self._conn = duckdb.connect(":memory:")
        elif not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._lock = WriteLock(self.path, command=command)
            self._lock.acquire()
        try:
            with self._connect() as conn:
                if read_only:
                    check_readable(conn, where=self.path)
                else:
                    migrate(conn, where=self.path)
        except BaseException:
            self.close()
            raise

    # -- lifecycle -------------------------------------------------------------

    def close(self) -> None:
        self._readers.close()
        if self._conn is not None and not self._memory:
            self._conn.close()
            self._conn = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
        if self._memory and self._conn is not None:
            self._conn.close()
            self._conn = None

    def __repr__(self) -> str:
        return f"<Store {self.path}{' (read-only)' if self.read_only else ''}>"

    @contextlib.contextmanager
    def _connect(self) -> Iterator[Any]:
        if self._conn is not None:
            yield self._conn
            return
        if self.read_only:
            with self._readers.connection() as conn:
                yield conn
            return
        if self._lock is None:
            raise StoreError("store is closed", source=self.path)
        conn = connect(self.path, read_only=False, timeout=self.timeout)
        try:
            yield conn
        finally:
            conn.close()

    @contextlib.contextmanager
    def session(self) -> Iterator[Store]:
        """Keep one connection open across many calls (bulk work; blocks readers)."""
        if self._conn is not None:
            yield self
            return
        with self._connect() as conn:
            self._conn = conn
            try:
                yield self
            finally:
                self._conn = None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        if self.read_only:
            raise StoreError("store opened read-only", source=self.path)
        with self._connect() as conn:
            conn.execute("BEGIN TRANSACTION")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        with self._connect() as conn:
            return schema_version(conn)

    # -- writing ---------------------------------------------------------------

    def known_ids(self, ids: Iterable[str] | None = None) -> set[str]:
        """Stored document ids: all of them, or those among ``ids``."""
        with self._connect() as conn:
            if ids is None:
                return {r[0] for r in conn.execute("SELECT id FROM documents").fetchall()}
            wanted = list(ids)
            if not wanted:
                return set()
            cur = conn.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted])
            return {r[0] for r in cur.fetchall()}

    def add_reports(self, reports: Iterable[Report]) -> AddResult:
        """Store new documents' Reports and re-merge, all in one transaction.

        Documents already stored (same normalised-text id) are skipped, so a rerun
        or an overlapping batch adds nothing twice.
        """
        result = AddResult()
        batch: dict[str, Report] = {}
        for report in reports:
            if report.document.id in batch:
                result.skipped += 1
            else:
                batch[report.document.id] = report
        if not batch:
            return result
        with self._transaction() as conn:
            stored = _stored(conn, list(batch))
            result.skipped += len(stored)
            tables: dict[str, list[dict[str, Any]]] = {}
            for doc_id, report in batch.items():
                if doc_id in stored:
                    continue
                for table, rows in report_rows(report).items():
                    tables.setdefault(table, []).extend(rows)
            for table in _WRITE_ORDER:
                insert_rows(conn, table, tables.get(table, []))
            for table in ("actors", "places"):
                _upsert_keyed(conn, table, tables.get(table, []))
            new_events = [r["event_id_cnty"] for r in tables.get("doc_events", [])]
            result.documents = len(tables.get("documents", []))
            result.events = len(new_events)
            result.merged = merging.recluster(conn, new_events)
        return result

    def record_failures(self, failures: Sequence[tuple[str, str]]) -> None:
        """Keep the inputs that could not be read, with their reasons."""
        if failures:
            with self._transaction() as conn:
                insert_rows(conn, "failures", [{"key": k, "reason": r} for k, r in failures])

    def mark_distinct(self, a: str, b: str) -> None:
        """Never merge these two extracted events (ids as listed in an event's sources)."""
        with self._transaction() as conn:
            for ident in (a, b):
                if not conn.execute("SELECT 1 FROM doc_events WHERE event_id_cnty = ?", [ident]).fetchone():
                    raise StoreError(f"no extracted event {ident!r}", source=self.path)
            x, y = sorted((a, b))
            conn.execute("INSERT OR IGNORE INTO distinct_pairs (a, b) VALUES (?, ?)", [x, y])
            merging.recluster(conn, [x, y])

    def remerge(self) -> int:
        """Recompute every merge from scratch (after changing the rules)."""
        with self._transaction() as conn:
            ids = [r[0] for r in conn.execute("SELECT event_id_cnty FROM doc_events").fetchall()]
            conn.execute("DELETE FROM events")
            conn.execute("DELETE FROM merges")
            conn.execute("UPDATE doc_events SET cluster_id = NULL")
            return merging.recluster(conn, ids)

    # -- reading ---------------------------------------------------------------

    def events(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """Merged events, newest first, as dicts in the export's column order.

        Filters: since, until, country, admin1, near=(lat, lon, km),
        bbox=(min_lon, min_lat, max_lon, max_lat), type, sub_type, actor,
        min_confidence, min_sources.
        """
        sql, args = queries.events_sql(EventFilter(**filters), limit=limit, offset=offset)
        with self._connect() as conn:
            return queries.as_dicts(conn.execute(sql, args))

    def iter_events(self, *, chunk: int = 10_000, **filters: Any) -> Iterator[dict[str, Any]]:
        """Like ``events`` but streamed, for exports of any size."""
        sql, args = queries.events_sql(EventFilter(**filters))
        with self._connect() as conn:
            cur = conn.execute(sql, args)
            names = [d[0] for d in cur.description]
            while rows := cur.fetchmany(chunk):
                for r in rows:
                    yield dict(zip(names, r, strict=True))

    def count_events(self, **filters: Any) -> int:
        with self._connect() as conn:
            return queries.count_events(conn, EventFilter(**filters))

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One merged event with ``sources``: each document's values, evidence, merge rule."""
        with self._connect() as conn:
            return queries.event(conn, event_id)

    def document(self, document_id: str) -> dict[str, Any] | None:
        """A document's header, full text, Report and merged event ids."""
        with self._connect() as conn:
            return queries.document(conn, document_id)

    def control(
        self, place: str, *, since: str | date | None = None, until: str | date | None = None
    ) -> list[dict[str, Any]]:
        """Timeline of control claims about a place (name or place key), oldest first."""
        with self._connect() as conn:
            return queries.control(conn, place, since=since, until=until)

    def stats(self, *, by: str = "week", **filters: Any) -> list[dict[str, Any]]:
        """Event and fatality counts grouped ``by`` one of ``STATS_BY``."""
        sql, args = queries.stats_sql(by, EventFilter(**filters))
        with self._connect() as conn:
            return queries.as_dicts(conn.execute(sql, args))

    def counts(self) -> dict[str, int]:
        with self._connect() as conn:
            return queries.counts(conn)

    def failures(self) -> list[dict[str, Any]]:
        with self._connect() as conn:
            return queries.as_dicts(
                conn.execute(
                    "SELECT key, reason, CAST(failed_at AS VARCHAR) AS failed_at FROM failures ORDER BY failed_at"
                )
            )

    # -- frames ----------------------------------------------------------------

    def events_frame(self, *, engine: str = "pandas", limit: int | None = None, offset: int = 0, **filters: Any) -> Any:
        """``events`` as a pandas (default) or Polars DataFrame; dates stay dates."""
        sql, args = queries.events_sql(EventFilter(**filters), limit=limit, offset=offset, dates_as_text=False)
        return self._frame(sql, args, engine)

    def stats_frame(self, *, by: str = "week", engine: str = "pandas", **filters: Any) -> Any:
        sql, args = queries.stats_sql(by, EventFilter(**filters))
        return self._frame(sql, args, engine)

    def control_frame(self, place: str, *, engine: str = "pandas") -> Any:
        rows = self.control(place)
        return _frame_from_rows(rows, engine)

    def _frame(self, sql: str, args: list[Any], engine: str) -> Any:
        _check_engine(engine)
        with self._connect() as conn:
            cur = conn.execute(sql, args)
            try:
                return cur.pl() if engine == "polars" else cur.df()
            except ImportError as e:
                raise StoreError(f"{engine} frames need {e.name}: pip install {e.name}") from None


def _check_engine(engine: str) -> None:
    if engine not in ("pandas", "polars"):
        raise StoreError(f"unknown frame engine {engine!r} (pandas or polars)")


def _frame_from_rows(rows: list[dict[str, Any]], engine: str) -> Any:
    _check_engine(engine)
    try:
        if engine == "polars":
            import polars as pl

            return pl.DataFrame(rows)
        import pandas as pd

        return pd.DataFrame(rows)
    except ImportError as e:
        raise StoreError(f"{engine} frames need {e.name}: pip install {e.name}") from None


def _stored(conn: Any, ids: list[str]) -> set[str]:
    cur = conn.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    return {r[0] for r in cur.fetchall()}


def _upsert_keyed(conn: Any, table: str, rows: list[dict[str, Any]]) -> None:
    """Actors and places are kept once per key; the first description wins."""
    unique = list({r["key"]: r for r in reversed(rows)}.values())
    if not unique:
        return
    keys = [r["key"] for r in unique]
    have = {
        r[0]
        for r in conn.execute(f"SELECT key FROM {table} WHERE key IN (SELECT unnest(?::VARCHAR[]))", [keys]).fetchall()
    }
    insert_rows(conn, table, [r for r in unique if r["key"] not in have])


def open_store(path: str | Path = DEFAULT_PATH, *, read_only: bool = False, timeout: float = DEFAULT_TIMEOUT) -> Store:
    """``Store(path, ...)``, named like the other top-level helpers."""
    return Store(path, read_only=read_only, timeout=timeout)
