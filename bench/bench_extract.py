"""Extraction speed and memory: warm throughput per core, cold start, peak RSS.

    python bench/bench_extract.py                 # all measures, rules only (the default path)
    python bench/bench_extract.py --quick         # fewer repetitions
    python bench/bench_extract.py --model NAME    # with an installed trained spaCy pipeline

Warm throughput runs one Pipeline in this process (one core) over real news
articles from ../shared/bench-dev (LGL and GeoWebNews texts) and the shipped
examples, and also reports the rate normalised to 600-word articles. Cold start
runs `frontlines extract` on the shipped example in fresh processes. Peak memory
is the maximum RSS of a fresh process that loads everything and extracts all
articles.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "reports" / "kharkiv-shelling.txt"


def articles() -> list[tuple[str, str | None]]:
    texts: list[tuple[str, str | None]] = []
    for name in ("gwn.jsonl", "lgl.jsonl"):
        path = SHARED / "bench-dev" / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").split("\n"):
                if not line.strip():
                    continue
                row = json.loads(line)
                texts.append((row["text"], row.get("published")))
    seed = SHARED / "examples" / "aleppo-2016-10-28.txt"
    if seed.exists():
        texts.append((seed.read_text(encoding="utf-8"), "2016-10-28"))
    for path in sorted((ROOT / "examples" / "reports").iterdir()):
        texts.append((path.read_text(encoding="utf-8"), None))
    return texts


def warm(rounds: int) -> None:
    from frontlines import FrontlinesError, Pipeline
    from frontlines.ingest.read import document_from_text

    docs = []
    for text, published in articles():
        try:
            docs.append(document_from_text(text, published=published)[0])
        except FrontlinesError:  # a bench skips what ingest refuses
            continue
    words = sum(len(d.text.split()) for d in docs)
    t0 = time.perf_counter()
    pipeline = Pipeline().load()
    load = time.perf_counter() - t0
    for doc in docs[:20]:
        pipeline.extract_document(doc)  # warm caches
    rates = []
    events = 0
    for _ in range(rounds):
        t = time.perf_counter()
        for doc in docs:
            events += len(pipeline.extract_document(doc).events)
        rates.append(len(docs) / (time.perf_counter() - t))
    rate = statistics.median(rates)
    mean_words = words / len(docs)
    print(f"articles: {len(docs)} (mean {mean_words:.0f} words); knowledge+gazetteer load {load:.2f} s")
    print(f"warm throughput, 1 core: {rate:.0f} articles/s ({rate * mean_words / 600:.0f} per s at 600 words)")
    print(f"  = {1000 / rate:.1f} ms per article; {events // rounds} events per pass")


def cold(repeats: int) -> None:
    cmd = [sys.executable, "-m", "frontlines", "extract", str(EXAMPLE), "--format", "json", "-q"]
    subprocess.run(cmd, capture_output=True, check=True)  # make sure caches exist, as after install
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    print(
        f"cold start `frontlines extract {EXAMPLE.name}`: median {statistics.median(times):.2f} s, "
        f"min {min(times):.2f} s over {repeats} runs"
    )


def memory() -> None:
    code = (
        "from frontlines import Pipeline\n"
        "import bench.bench_extract as b\n"
        "from frontlines.ingest.read import document_from_text\n"
        "p = Pipeline().load()\n"
        "for text, pub in b.articles():\n"
        "    try:\n"
        "        p.extract_document(document_from_text(text, published=pub)[0])\n"
        "    except Exception:\n"
        "        pass\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (max RSS of one process extracting every article): {peak_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--model", default="none", help="installed spaCy pipeline, or 'none' (default)")
    args = parser.parse_args()
    os.environ["FRONTLINES_MODEL"] = args.model  # inherited by the cold-start and memory subprocesses
    print(f"trained pipeline: {args.model}")
    warm(rounds=1 if args.quick else 3)
    cold(repeats=3 if args.quick else 7)
    memory()


if __name__ == "__main__":
    main()
