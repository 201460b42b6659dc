"""Numbered schema migrations, each run once in a transaction and recorded in ``migrations``.

Modelled on sqlite-utils' ``Migrations``: a store written by an older frontlines
is brought up to date when opened for writing; a reader refuses a store newer
than itself rather than misread it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from frontlines.errors import StoreError

Migration = Callable[[Any], None]

# Flat per-source columns shared by ``doc_events`` (one row per event per
# document) and ``events`` (one row per merged, real-world event).
_EVENT_COLUMNS = """
    event_id_cnty VARCHAR,
    event_date DATE,
    event_date_end DATE,
    time_precision TINYINT,
    event_type VARCHAR,
    sub_event_type VARCHAR,
    actor1 VARCHAR,
    assoc_actor_1 VARCHAR,
    inter1 TINYINT,
    actor2 VARCHAR,
    assoc_actor_2 VARCHAR,
    inter2 TINYINT,
    country VARCHAR,
    iso SMALLINT,
    admin1 VARCHAR,
    admin2 VARCHAR,
    location VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    geo_precision TINYINT,
    source VARCHAR,
    notes VARCHAR,
    fatalities INTEGER,
    certainty VARCHAR,
    claimed_by VARCHAR,
    confidence DOUBLE,
    document_id VARCHAR,
    evidence_text VARCHAR,
    source_count INTEGER,
    country_code VARCHAR,
    actor1_id VARCHAR,
    actor2_id VARCHAR,
    actor1_type VARCHAR,
    actor2_type VARCHAR,
    actor_names VARCHAR,
    quantity VARCHAR,
    gazetteer_id VARCHAR
"""


def _v1_initial(conn: Any) -> None:
    conn.execute(
        """
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            key VARCHAR,
            title VARCHAR,
            published DATE,
            source VARCHAR,
            url VARCHAR,
            language VARCHAR,
            chars INTEGER,
            text VARCHAR,
            report JSON,
            n_events INTEGER,
            ingested_at TIMESTAMP DEFAULT current_timestamp
        )"""
    )
    conn.execute(
        f"""
        CREATE TABLE doc_events (
            {_EVENT_COLUMNS},
            evidence JSON,
            date_lo DATE,
            date_hi DATE,
            cluster_id VARCHAR
        )"""
    )
    conn.execute(
        f"""
        CREATE TABLE events (
            {_EVENT_COLUMNS},
            fatalities_max INTEGER,
            document_ids VARCHAR[],
            member_ids VARCHAR[],
            updated_at TIMESTAMP DEFAULT current_timestamp
        )"""
    )
    conn.execute(
        """
        CREATE TABLE evidence (
            doc_event_id VARCHAR,
            document_id VARCHAR,
            ordinal INTEGER,
            start_char INTEGER,
            end_char INTEGER,
            sentence INTEGER,
            text VARCHAR
        )"""
    )
    conn.execute(
        """
        CREATE TABLE mentions (
            document_id VARCHAR,
            kind VARCHAR,
            start_char INTEGER,
            end_char INTEGER,
            text VARCHAR,
            resolved JSON
        )"""
    )
    conn.execute(
        """
        CREATE TABLE actors (
            key VARCHAR PRIMARY KEY,
            id VARCHAR,
            name VARCHAR,
            type VARCHAR,
            country VARCHAR
        )"""
    )
    conn.execute(
        """
        CREATE TABLE places (
            key VARCHAR PRIMARY KEY,
            name VARCHAR,
            country VARCHAR,
            admin1 VARCHAR,
            admin2 VARCHAR,
            latitude DOUBLE,
            longitude DOUBLE,
            gazetteer VARCHAR,
            gazetteer_id VARCHAR,
            feature VARCHAR,
            geo_precision TINYINT
        )"""
    )
    conn.execute(
        """
        CREATE TABLE control_claims (
            id VARCHAR PRIMARY KEY,
            document_id VARCHAR,
            place VARCHAR,
            place_key VARCHAR,
            country VARCHAR,
            admin1 VARCHAR,
            latitude DOUBLE,
            longitude DOUBLE,
            actor VARCHAR,
            actor_id VARCHAR,
            status VARCHAR,
            date DATE,
            time_precision TINYINT,
            claimed_by VARCHAR,
            certainty VARCHAR,
            evidence JSON,
            evidence_text VARCHAR
        )"""
    )
    conn.execute(
        """
        CREATE TABLE merges (
            event_id VARCHAR,
            doc_event_id VARCHAR,
            linked_to VARCHAR,
            rule VARCHAR
        )"""
    )
    conn.execute(
        """
        CREATE TABLE distinct_pairs (
            a VARCHAR,
            b VARCHAR,
            marked_at TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (a, b)
        )"""
    )
    conn.execute(
        """
        CREATE TABLE failures (
            key VARCHAR,
            reason VARCHAR,
            failed_at TIMESTAMP DEFAULT current_timestamp
        )"""
    )


MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "initial", _v1_initial),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def schema_version(conn: Any) -> int:
    """The highest applied migration, 0 for an empty file."""
    exists = conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations'").fetchone()[
        0
    ]
    if not exists:
        return 0
    return conn.execute("SELECT coalesce(max(version), 0) FROM migrations").fetchone()[0]


def migrate(conn: Any, *, where: str | None = None) -> list[str]:
    """Apply pending migrations, each in its own transaction; returns their names."""
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"store schema v{current} is newer than this frontlines (v{SCHEMA_VERSION}); upgrade frontlines",
            source=where,
        )
    applied = []
    for version, name, fn in MIGRATIONS:
        if version <= current:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations "
                "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
            )
            fn(conn)
            conn.execute("INSERT INTO migrations VALUES (?, ?, current_timestamp)", [version, name])
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def check_readable(conn: Any, *, where: str | None = None) -> None:
    """A reader needs the schema it knows: not empty, not newer."""
    current = schema_version(conn)
    if current == 0:
        raise StoreError("not a frontlines store (no schema); run `frontlines ingest`", source=where)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"store schema v{current} is newer than this frontlines (v{SCHEMA_VERSION}); upgrade frontlines",
            source=where,
        )
