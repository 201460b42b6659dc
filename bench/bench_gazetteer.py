"""Gazetteer speed and size: open time of the default index, lookups per second, size on disk.

Cold lookups are names a fresh reader has not seen (each one a SQLite query);
warm ones are repeats, answered from the reader's in-process cache, which is what
a long batch of news mostly asks for.

python bench/bench_gazetteer.py
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time


def main() -> None:
    from frontlines.resolve.gazetteer import fold_key
    from frontlines.resolve.gazetteers.index import SqliteGazetteer
    from frontlines.resolve.gazetteers.store import ensure_default

    path = ensure_default()
    # Cold load in a fresh process: import + open + first lookup.
    code = (
        "import time; t=time.perf_counter();"
        "from frontlines.resolve.gazetteers.index import SqliteGazetteer;"
        "from frontlines.resolve.gazetteers.store import ensure_default;"
        "g=SqliteGazetteer(ensure_default()); g.lookup(['aleppo']);"
        "print(time.perf_counter()-t)"
    )
    loads = [float(subprocess.check_output([sys.executable, "-c", code])) for _ in range(3)]
    names = [e.name for e in SqliteGazetteer(path).entries()]
    random.seed(1)
    sample = [fold_key(n) for n in random.sample(names, 20_000)]

    def rate(gaz: SqliteGazetteer, batch: int) -> float:
        t = time.perf_counter()
        for i in range(0, len(sample), batch):
            gaz.lookup(sample[i : i + batch])
        return len(sample) / (time.perf_counter() - t)

    cold = rate(SqliteGazetteer(path), 1)
    cold_batched = rate(SqliteGazetteer(path), 100)
    gaz = SqliteGazetteer(path)
    rate(gaz, 100)
    warm = rate(gaz, 1)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "index": str(path), "places": gaz.meta["count"], "size_mb": round(path.stat().st_size / 1e6, 1),
        "load_s_fresh_process": round(min(loads), 3), "lookups_per_s_single_cold": round(cold),
        "lookups_per_s_single_warm": round(warm), "lookups_per_s_batched_100_cold": round(cold_batched),
        "max_rss_mb": round(rss_mb),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
