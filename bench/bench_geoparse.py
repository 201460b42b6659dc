"""Geoparser throughput: ms per article on the shipped-example-sized texts of the dev sets.

python bench/bench_geoparse.py [../shared/bench-dev/gwn.jsonl]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    from frontlines.recognise.nlp import shared_nlp
    from frontlines.resolve.places import Geoparser

    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench-dev/gwn.jsonl")
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    nlp, parser = shared_nlp(), Geoparser()
    docs = [nlp(t) for t in texts]
    parser.parse(docs[0])  # open the gazetteers
    t = time.perf_counter()
    for doc in docs:
        parser.parse(doc)
    took = time.perf_counter() - t
    words = sum(len(d) for d in docs)
    print(json.dumps({
        "documents": len(docs), "tokens_per_doc": round(words / len(docs)),
        "ms_per_doc": round(1000 * took / len(docs), 2),
        "ms_per_600_tokens": round(1000 * took / words * 600, 2), "docs_per_s": round(len(docs) / took),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
