"""One writer at a time, named; readers keep working. Real subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from frontlines.errors import StoreLockedError
from frontlines.store import Store

HOLD = textwrap.dedent(
    """
    import sys, time
    from frontlines.store import Store
    with Store(sys.argv[1], command="frontlines ingest news/"):
        print("ready", flush=True)
        time.sleep(60)
    """
)


@pytest.fixture
def holder(tmp_path):
    path = tmp_path / "s.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    yield path, proc
    proc.kill()
    proc.wait()


def test_lock_second_writer_is_told_who_holds_it(holder):
    path, proc = holder
    with pytest.raises(StoreLockedError) as err:
        Store(path)
    message = str(err.value)
    assert f"PID {proc.pid}" in message
    assert "frontlines ingest news/" in message
    assert "since" in message


def test_lock_readers_work_while_a_writer_holds_the_lock(holder):
    path, _ = holder
    with Store(path, read_only=True) as reader:
        assert reader.counts()["documents"] == 0


def test_lock_is_released_when_the_holder_is_killed(holder):
    path, proc = holder
    proc.kill()  # SIGKILL: the kernel drops the flock
    proc.wait()
    with Store(path) as writer:
        assert writer.counts()["documents"] == 0


def test_lock_second_writer_in_the_same_process_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path), pytest.raises(StoreLockedError, match=f"PID {os.getpid()}"):
        Store(path)


WRITE = textwrap.dedent(
    """
    import hashlib, sys
    from frontlines.store import Store
    from frontlines.types import Document, Report
    text = "A document written while a reader is open."
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), text=text)
    with Store(sys.argv[1], timeout=10) as s:
        s.add_reports([Report(document=doc)])
    """
)


def test_lock_warm_reader_does_not_block_a_writer(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with Store(path, read_only=True) as reader:
        assert reader.counts()["documents"] == 0  # the reader's connection is now warm
        done = subprocess.run([sys.executable, "-c", WRITE, str(path)], timeout=60)
        assert done.returncode == 0
        assert reader.counts()["documents"] == 1
