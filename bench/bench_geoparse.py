"""Geoparser throughput on real news articles (GeoWebNews by default), cold and warm.

Cold is the first pass in a fresh process (name caches empty); warm is the median
of three further passes over the same texts, which is what a long batch sees.

python bench/bench_geoparse.py [../shared/bench-dev/gwn.jsonl]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    from frontlines.recognise.nlp import shared_nlp
    from frontlines.resolve.places import Geoparser

    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench-dev/gwn.jsonl")
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    nlp, parser = shared_nlp(), Geoparser()
    parser.parse(nlp("Aleppo"))  # open the gazetteers

    def one_pass() -> tuple[float, int]:
        docs = [nlp(t) for t in texts]  # fresh Docs: nothing cached on them
        t = time.perf_counter()
        for doc in docs:
            parser.parse(doc)
        return time.perf_counter() - t, sum(len(d) for d in docs)

    cold, tokens = one_pass()
    warm = statistics.median(one_pass()[0] for _ in range(3))
    n = len(texts)
    print(json.dumps({
        "documents": n, "tokens_per_doc": round(tokens / n),
        "cold_ms_per_doc": round(1000 * cold / n, 2), "warm_ms_per_doc": round(1000 * warm / n, 2),
        "warm_ms_per_600_tokens": round(1000 * warm / tokens * 600, 2),
        "warm_docs_per_s": round(n / warm),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
