"""How fast the web app's API answers over a million stored events.

Builds a store of N synthetic merged events (direct SQL into the documented
``events`` table; the schema comes from ``Store``), then times API requests made
in-process through ``httpx.ASGITransport``, so the figures include routing,
parameter checks, the DuckDB query and JSON encoding, but no network.

    python bench/bench_api.py                 # 1,000,000 events, store kept in bench/out/
    python bench/bench_api.py --events 200000 --runs 30

The target (issue 5): a filtered query over 1M events answers in <= 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"

# (label, path): the filtered list is the headline figure; the others are what the page asks.
QUERIES = (
    ("events: country+type+since, page 1", "/api/events?country=SY&type=Battles&since=2017-01-01&limit=100"),
    ("events: actor substring + confidence", "/api/events?actor=actor 7&min_confidence=0.5&limit=100"),
    ("events: bbox + date range", "/api/events?bbox=36,33,40,37&since=2016-06-01&until=2016-12-31&limit=100"),
    ("events: no filter, page 1", "/api/events?limit=100"),
    ("map: country+type (grid)", "/api/map?country=SY&type=Battles&zoom=5"),
    ("map: narrow (points)", "/api/map?country=SY&type=Battles&since=2018-09-01&bbox=36,33,38,35"),
    ("stats: by week, country", "/api/stats?by=week&country=SY"),
    ("facets", "/api/facets"),
    ("event page", "/api/events/ev123456"),
)


def build(path: Path, n: int) -> None:
    """N events over 1,000 days in four countries, six types, 50 actors."""
    import duckdb

    from frontlines.store import Store

    for p in (path, Path(f"{path}.wal"), Path(f"{path}.lock")):
        p.unlink(missing_ok=True)
    with Store(path, command="bench_api"):
        pass  # creates the schema
    con = duckdb.connect(str(path))
    con.execute(
        f"""
        INSERT INTO events (event_id_cnty, event_date, time_precision, event_type, sub_event_type,
          actor1, inter1, actor2, inter2, country, iso, admin1, location, latitude, longitude,
          geo_precision, source, notes, fatalities, certainty, confidence, document_id,
          evidence_text, source_count, country_code, actor1_id, actor2_id, actor_names,
          fatalities_max, document_ids, member_ids)
        SELECT 'ev' || i, DATE '2016-01-01' + CAST(i % 1000 AS INTEGER), 1,
          ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests',
           'Riots', 'Strategic developments'][1 + i % 6],
          'Armed clash', 'Actor ' || (i % 50), 1, 'Actor ' || ((i * 7) % 50), 2,
          ['Syria', 'Iraq', 'Yemen', 'Ukraine'][1 + (i // 7) % 4], 760, 'Region ' || (i % 20),
          'Town ' || (i % 5000), 30 + (hash(i) % 1000) / 100.0, 35 + (hash(i + 1) % 1000) / 100.0,
          1, 'Outlet', 'Synthetic event for the API benchmark.', i % 13, 'asserted',
          (i % 100) / 100.0, 'doc' || i, 'Synthetic evidence sentence.', 1 + i % 3,
          ['SY', 'IQ', 'YE', 'UA'][1 + (i // 7) % 4], 'a' || (i % 50), 'a' || ((i * 7) % 50),
          '|actor ' || (i % 50) || '|actor ' || ((i * 7) % 50) || '|', i % 13, ['doc' || i],
          ['ev' || i]
        FROM range({int(n)}) t(i)
        """
    )
    con.close()


async def timed(app: object, path: str, runs: int) -> tuple[list[float], int, int]:
    import httpx

    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        times = []
        status = size = 0
        for _ in range(runs):
            t = time.perf_counter()
            response = await client.get(path)
            times.append((time.perf_counter() - t) * 1000)
            status, size = response.status_code, len(response.content)
        return times, status, size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--db", type=Path, default=None, help="store to build (default bench/out/api-N.duckdb)")
    ap.add_argument("--reuse", action="store_true", help="keep an existing store of that name")
    args = ap.parse_args()

    from frontlines.serve.app import create_app

    db = args.db or OUT / f"api-{args.events}.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    if not (args.reuse and db.exists()):
        t = time.perf_counter()
        build(db, args.events)
        print(f"built {args.events:,} events in {time.perf_counter() - t:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")
    app = create_app(db=db)
    print(f"{'request':40} {'median':>8} {'p95':>8} {'max':>8}  status  bytes")
    for label, path in QUERIES:
        times, status, size = asyncio.run(timed(app, path, args.runs))
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        print(f"{label:40} {statistics.median(times):7.1f}ms {p95:7.1f}ms {max(times):7.1f}ms  {status}     {size:,}")
    print(f"({args.runs} runs each, first run included; warm-connection idle release 0.25 s)")


if __name__ == "__main__":
    main()
