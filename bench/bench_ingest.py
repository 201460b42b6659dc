"""End-to-end ingest speed: real news articles through `frontlines ingest`.

Uses the real articles in ../shared/bench-dev (LGL and GeoWebNews, ~790 texts)
as one JSONL file, optionally repeated with a suffix so each copy is a new
document. Runs the CLI in a subprocess as a user would, then reruns it (every
document already stored) to time the idempotent path.

    python bench/bench_ingest.py --workers 2
    python bench/bench_ingest.py --workers 2 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "bench-dev"


def corpus(path: Path, repeat: int) -> int:
    n = 0
    with path.open("w") as out:
        for name in ("lgl.jsonl", "gwn.jsonl"):
            for line in (SHARED / name).open(encoding="utf-8"):
                row = json.loads(line)
                for r in range(repeat):
                    text = row["text"] if r == 0 else f"{row['text']}\n\n(copy {r})"
                    out.write(
                        json.dumps(
                            {
                                "id": f"{name}:{row['id']}:{r}",
                                "text": text,
                                "title": row.get("title"),
                                "published": row.get("published"),
                            }
                        )
                        + "\n"
                    )
                    n += 1
    return n


def run(args: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "frontlines", "ingest", *args], capture_output=True, text=True)
    took = time.perf_counter() - started
    if proc.returncode not in (0, 3):
        sys.exit(proc.stderr)
    return took, proc.stderr.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        n = corpus(path, args.repeat)
        db = str(Path(tmp) / "bench.duckdb")
        common = [str(path), "--db", db, "--workers", str(args.workers)]
        first, summary = run(common)
        print(f"{n} articles, {args.workers} workers")
        print(f"first ingest: {first:.1f} s wall = {n / first:.0f} articles/s (incl. start-up)")
        print(f"  {summary}")
        again, summary = run(common)
        print(f"rerun (all stored): {again:.1f} s = {n / again:.0f} articles/s")
        print(f"  {summary}")
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS of one process {rss:.0f} MB; store {os.path.getsize(db) / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
