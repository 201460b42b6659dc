"""Nothing lost: kill -9 mid-ingest, rerun, no duplicates; readers work during an ingest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from frontlines.store import Store

pytestmark = pytest.mark.slow


def _corpus(path: Path, n: int) -> Path:
    with path.open("w") as fh:
        for i in range(n):
            text = (
                f"Report {i}. Government forces shelled the village of Kafr {i} on "
                f"12 March 2016, killing {i % 7} civilians, activists said."
            )
            fh.write(json.dumps({"id": f"r{i}", "text": text, "published": "2016-03-13"}) + "\n")
    return path


def _ingest(db: Path, corpus: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "frontlines", "ingest", str(corpus), "--db", str(db), "--quiet"]
    return subprocess.Popen([*cmd, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _documents(db: Path) -> int:
    try:
        with Store(db, read_only=True, timeout=10) as s:
            return s.counts()["documents"]
    except Exception:
        return 0


def _consistent(db: Path) -> None:
    import duckdb

    conn = duckdb.connect(str(db), read_only=True)
    try:
        orphans = conn.execute(
            "SELECT count(*) FROM doc_events WHERE document_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        unmerged = conn.execute(
            "SELECT count(*) FROM doc_events WHERE cluster_id NOT IN (SELECT event_id_cnty FROM events)"
        ).fetchone()[0]
        short = conn.execute(
            "SELECT count(*) FROM documents d WHERE n_events != "
            "(SELECT count(*) FROM doc_events e WHERE e.document_id = d.id)"
        ).fetchone()[0]
    finally:
        conn.close()
    assert (orphans, unmerged, short) == (0, 0, 0)


def test_ingest_kill_9_then_rerun_finishes_without_duplicates(tmp_path):
    corpus = _corpus(tmp_path / "corpus.jsonl", 400)
    db = tmp_path / "s.duckdb"
    proc = _ingest(db, corpus, "--workers", "1", "--batch-size", "10")
    deadline = time.monotonic() + 60
    while _documents(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _documents(db)
    _consistent(db)  # readable and consistent right after the kill
    rerun = _ingest(db, corpus, "--workers", "1")
    assert rerun.wait(timeout=120) == 0, rerun.stderr.read().decode()
    with Store(db, read_only=True) as s:
        counts = s.counts()
    assert counts["documents"] == 400
    assert partial <= 400
    _consistent(db)


def test_ingest_readers_keep_working_during_an_ingest(tmp_path):
    corpus = _corpus(tmp_path / "corpus.jsonl", 150)
    db = tmp_path / "s.duckdb"
    Store(db).close()  # the file exists before the writer starts
    proc = _ingest(db, corpus, "--workers", "1", "--batch-size", "5")
    seen = []
    while proc.poll() is None:
        with Store(db, read_only=True, timeout=10) as s:
            seen.append(s.counts()["documents"])
    assert proc.wait() == 0
    assert seen == sorted(seen)  # each read sees a committed state, never going back
    assert _documents(db) == 150
