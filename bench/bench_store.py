"""Filtered queries over 1 million stored events.

Generates N synthetic merged events straight into a store's ``events`` table
(SQL, seconds), then times the Store read API, each call opening its own
read-only connection as the CLI and the web app do.

    python bench/bench_store.py                 # 1,000,000 events
    python bench/bench_store.py --events 200000 --keep /tmp/big.duckdb
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from frontlines.store import Store

SUBS = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Arrests"),
]
COUNTRIES = [
    ("SY", "Syria", 760),
    ("IQ", "Iraq", 368),
    ("UA", "Ukraine", 804),
    ("YE", "Yemen", 887),
]
ACTORS = [
    "Military Forces of Syria",
    "Hayat Tahrir al-Sham",
    "Islamic State",
    "Houthis",
    "Military Forces of Ukraine",
    "Military Forces of Russia",
    "Protesters",
    "Civilians",
]


def generate(store: Store, n: int) -> float:
    started = time.perf_counter()
    subs = ", ".join(f"('{t}', '{s}')" for t, s in SUBS)
    countries = ", ".join(f"('{c}', '{name}', {iso})" for c, name, iso in COUNTRIES)
    actors = "[" + ", ".join(f"'{a}'" for a in ACTORS) + "]"
    with store.session(), store._transaction() as conn:
        conn.execute(
            f"""
            INSERT INTO events (event_id_cnty, event_date, time_precision, event_type,
                sub_event_type, actor1, inter1, actor2, inter2, country, iso, admin1, location,
                latitude, longitude, geo_precision, source, notes, fatalities, certainty,
                confidence, document_id, evidence_text, source_count, country_code, actor_names,
                fatalities_max, document_ids, member_ids)
            WITH s AS (SELECT row_number() OVER () - 1 AS k, * FROM (VALUES {subs}) v(t, st)),
                 c AS (SELECT row_number() OVER () - 1 AS k, *
                       FROM (VALUES {countries}) v(cc, cn, iso))
            SELECT 'ev' || i, DATE '2014-01-01' + CAST(i % 3650 AS INTEGER), 1, s.t, s.st,
                   {actors}[1 + i % 8], 1 + i % 8, {actors}[1 + (i * 7) % 8], 1 + (i * 7) % 8,
                   c.cn, c.iso, 'Region ' || (i % 40), 'Place ' || (i % 5000),
                   30 + (i * 7919 % 10000) / 1000.0, 30 + (i * 104729 % 20000) / 1000.0, 1,
                   'Outlet ' || (i % 50), 'Synthetic event ' || i, CAST(i % 30 AS INTEGER),
                   'asserted', (i % 100) / 100.0, 'doc' || i, 'evidence ' || i,
                   1 + CAST(i % 5 = 0 AS INTEGER), c.cc,
                   '|' || lower({actors}[1 + i % 8]) || '|'
                       || lower({actors}[1 + (i * 7) % 8]) || '|',
                   CAST(i % 30 AS INTEGER), ['doc' || i], ['ev' || i]
            FROM range({n}) r(i)
            JOIN s ON s.k = i % {len(SUBS)} JOIN c ON c.k = i % {len(COUNTRIES)}
            """
        )
    return time.perf_counter() - started


QUERIES = {
    "country + since + type, first 100": dict(country="SY", since="2016-01-01", type="Battles", limit=100),
    "near 50 km + date range, first 100": dict(
        near=(35.0, 40.0, 50), since="2015-01-01", until="2016-12-31", limit=100
    ),
    "actor substring + min_confidence, first 100": dict(actor="tahrir", min_confidence=0.5, limit=100),
    "admin1 + sub_type, all rows": dict(admin1="Region 8", sub_type="Air/drone strike"),
    "bbox, first 1000": dict(bbox=(34.0, 33.0, 36.0, 35.0), limit=1000),
}


def timeit(fn, repeat: int = 7) -> tuple[float, float]:
    fn()  # warm the OS cache
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, help="Write the store here and keep it.")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = args.keep or Path(tmp.name) / "bench.duckdb"
    with Store(path) as w:
        secs = generate(w, args.events)
    size = path.stat().st_size / 1e6
    print(f"generated {args.events:,} events in {secs:.1f} s; file {size:.0f} MB")
    reader = Store(path, read_only=True)
    print(f"{'query':48} {'rows':>6} {'median ms':>10} {'max ms':>8}")
    for name, flt in QUERIES.items():
        n = len(reader.events(**flt))
        med, worst = timeit(lambda flt=flt: reader.events(**flt))
        print(f"{name:48} {n:>6} {med:>10.1f} {worst:>8.1f}")
    for label, fn in {
        "count_events(country=SY)": lambda: reader.count_events(country="SY"),
        "stats(by=week, country=SY)": lambda: reader.stats(by="week", country="SY"),
        "stats(by=actor)": lambda: reader.stats(by="actor"),
        "event(id)": lambda: reader.event("ev123456"),
    }.items():
        med, worst = timeit(fn)
        print(f"{label:48} {'':>6} {med:>10.1f} {worst:>8.1f}")
    first = next(iter(QUERIES.values()))

    def cold() -> None:
        with Store(path, read_only=True) as fresh:
            fresh.events(**first)

    med, worst = timeit(cold)
    print(f"{'first query, new Store each call (cold open)':48} {'':>6} {med:>10.1f} {worst:>8.1f}")
    reader.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")
    tmp.cleanup()


if __name__ == "__main__":
    main()
