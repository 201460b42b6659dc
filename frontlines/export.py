"""Events as rows and files: CSV, JSON Lines, GeoJSON and Parquet in the contract's column order.

The first 22 columns carry ACLED's names and meanings so that scripts written
for ACLED exports read ours unchanged; ours follow after.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from frontlines.countries import country_name, country_numeric
from frontlines.errors import FrontlinesError
from frontlines.types import Actor, Event, Report

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "country",
    "iso",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
EXTRA_COLUMNS: tuple[str, ...] = (
    "certainty",
    "claimed_by",
    "confidence",
    "document_id",
    "evidence_text",
    "source_count",
)
COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

FORMATS = ("json", "jsonl", "csv", "geojson", "parquet")


def _actor_name(actor: Actor | None) -> str | None:
    return actor.name if actor else None


def _claimant(value: Actor | str | None) -> str | None:
    if isinstance(value, Actor):
        return value.name
    return value


def event_row(
    event: Event,
    *,
    document_id: str | None,
    source: str | None,
    source_count: int = 1,
) -> dict[str, Any]:
    """One event as a flat row with the contract's tabular columns, in order."""
    loc = event.location
    iso2 = loc.country if loc else None
    return {
        "event_id_cnty": event.id,
        "event_date": event.date,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": _actor_name(event.actor1),
        "assoc_actor_1": "; ".join(a.name for a in event.assoc_actor1) or None,
        "inter1": event.actor1.inter if event.actor1 else None,
        "actor2": _actor_name(event.actor2),
        "assoc_actor_2": "; ".join(a.name for a in event.assoc_actor2) or None,
        "inter2": event.actor2.inter if event.actor2 else None,
        "country": country_name(iso2),
        "iso": country_numeric(iso2),
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "location": loc.name if loc else None,
        "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "source": source,
        "notes": event.notes,
        "fatalities": event.fatalities,
        "certainty": event.certainty,
        "claimed_by": _claimant(event.claimed_by),
        "confidence": round(event.confidence, 3),
        "document_id": document_id,
        "evidence_text": " | ".join(s.text for s in event.evidence),
        "source_count": source_count,
    }


def report_rows(report: Report) -> list[dict[str, Any]]:
    doc = report.document
    return [event_row(e, document_id=doc.id, source=doc.source) for e in report.events]


def write_csv(rows: Iterable[dict[str, Any]], fh: IO[str], *, columns: Sequence[str] = COLUMNS) -> int:
    writer = csv.DictWriter(fh, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})
        n += 1
    return n


def write_jsonl(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def geojson(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of point features; events without coordinates are left out."""
    features = []
    for row in rows:
        lat, lon = row.get("latitude"), row.get("longitude")
        if lat is None or lon is None:
            continue
        props = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "id": row.get("event_id_cnty"),
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_parquet(rows: Iterable[dict[str, Any]], path: str | Path, *, columns: Sequence[str] = COLUMNS) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the install
        raise FrontlinesError("Parquet output needs pyarrow: pip install 'frontlines[frames]'") from None
    rows = list(rows)
    table = pa.Table.from_pylist([{k: r.get(k) for k in columns} for r in rows], schema=parquet_schema(columns))
    pq.write_table(table, str(path))
    return len(rows)


def parquet_schema(columns: Sequence[str] = COLUMNS) -> Any:
    import pyarrow as pa

    types = {
        "time_precision": pa.int8(),
        "inter1": pa.int8(),
        "inter2": pa.int8(),
        "iso": pa.int16(),
        "latitude": pa.float64(),
        "longitude": pa.float64(),
        "geo_precision": pa.int8(),
        "fatalities": pa.int32(),
        "confidence": pa.float32(),
        "source_count": pa.int32(),
    }
    return pa.schema([(c, types.get(c, pa.string())) for c in columns])
