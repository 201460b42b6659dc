"""Quality on the development sets: event typing (CASE 2021) and geoparsing (LGL, GeoWebNews).

The sets are the read-only development data beside the checkout (``../shared/bench-dev``),
which a user's install does not have; with your own coded data, run the same commands
on your files: ``frontlines eval events GOLD.jsonl``, ``frontlines eval places GOLD.jsonl``.

    python bench/bench_quality.py              # rules only (FRONTLINES_MODEL=none)
    python bench/bench_quality.py --model NAME # with an installed trained spaCy pipeline
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / "shared" / "bench-dev"
RUNS = [  # (command, file, extra options)
    ("events", "case2021_task2_dev.jsonl", []),
    ("places", "lgl.jsonl", ["--quiet"]),
    ("places", "gwn.jsonl", ["--quiet"]),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="none", help="installed spaCy pipeline, or 'none' (default)")
    args = parser.parse_args()
    env = {**os.environ, "FRONTLINES_MODEL": args.model}
    missing = 0
    for kind, name, options in RUNS:
        path = DEV / name
        print(f"== frontlines eval {kind} {path}", flush=True)
        if not path.exists():
            print(f"   skipped: {path} is not available", flush=True)
            missing += 1
            continue
        cmd = [sys.executable, "-m", "frontlines", "eval", kind, str(path), *options]
        subprocess.run(cmd, env=env, check=True)
    return 1 if missing == len(RUNS) else 0


if __name__ == "__main__":
    sys.exit(main())
