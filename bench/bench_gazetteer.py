"""Gazetteer speed and size: open time of the default index, lookups per second, size on disk.

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
    gaz = SqliteGazetteer(path)
    names = [e.name for e in gaz.entries()]
    random.seed(1)
    sample = [fold_key(n) for n in random.sample(names, 20_000)]
    t = time.perf_counter()
    for key in sample:
        gaz.lookup([key])
    single = len(sample) / (time.perf_counter() - t)
    t = time.perf_counter()
    for i in range(0, len(sample), 100):
        gaz.lookup(sample[i : i + 100])
    batched = len(sample) / (time.perf_counter() - t)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "index": str(path), "places": gaz.meta["count"], "size_mb": round(path.stat().st_size / 1e6, 1),
        "load_s_fresh_process": round(min(loads), 3), "lookups_per_s_single": round(single),
        "lookups_per_s_batched_100": round(batched), "max_rss_mb": round(rss_mb),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
