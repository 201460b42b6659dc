"""One writer per store, named; readers retry briefly instead of failing.

DuckDB lets one process open a file read-write and refuses even read-only opens
meanwhile. So the writer takes a sidecar lock (``STORE.lock``, an ``flock`` that
the kernel drops when the process dies, even on ``kill -9``) for the whole run
and writes who holds it; it opens the DuckDB file only while committing a batch.
Readers open read-only per query and retry while a commit is in progress.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from frontlines.errors import StoreError, StoreLockedError

try:  # POSIX; on other systems the DuckDB file lock is the only guard
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

DEFAULT_TIMEOUT = 30.0
_HELD: set[int] = set()  # lock fds of this process, closed in forked workers


def close_inherited() -> None:
    """In a forked child: drop the copies of the parent's lock fds (the parent keeps its lock)."""
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


def lock_path(db_path: str | Path) -> Path:
    return Path(f"{db_path}.lock")


def describe(holder: dict[str, Any] | None) -> str:
    """``PID 4242 (frontlines ingest feeds/) since 2024-05-01 10:02:11``."""
    if not holder:
        return "another process"
    return f"PID {holder.get('pid')} ({holder.get('command')}) since {holder.get('since')}"


def read_holder(db_path: str | Path) -> dict[str, Any] | None:
    """Who holds the write lock now, or None when nobody does."""
    path = lock_path(db_path)
    if fcntl is None or not path.exists():
        return None
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            raw = os.read(fd, 4096).decode("utf-8", "replace")
            try:
                return json.loads(raw)
            except ValueError:
                return {"pid": "?", "command": "unknown", "since": "?"}
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


class WriteLock:
    """The store's single-writer lock; the file says who holds it."""

    def __init__(self, db_path: str | Path, *, command: str | None = None) -> None:
        self.db_path = str(db_path)
        self.command = command or " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])[:200]
        self._fd: int | None = None

    def acquire(self) -> None:
        if fcntl is None or self._fd is not None:  # pragma: no cover
            return
        fd = os.open(lock_path(self.db_path), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLockedError(
                f"locked for writing by {describe(read_holder(self.db_path))}; "
                "wait for it to finish (reading still works)",
                source=self.db_path,
            ) from None
        holder = {
            "pid": os.getpid(),
            "command": self.command,
            "since": datetime.now().isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode(), 0)
        self._fd = fd
        _HELD.add(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        # The file stays: unlinking it would let two writers lock two different inodes.
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        _HELD.discard(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def connect(path: str, *, read_only: bool, timeout: float = DEFAULT_TIMEOUT) -> Any:
    """Open the DuckDB file, retrying while another process is mid-commit."""
    import duckdb

    if read_only and path != ":memory:" and not Path(path).exists():
        raise StoreError("no store here yet (create one with `frontlines ingest`)", source=path)
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as e:
            if "not a valid duckdb" in str(e).lower():
                raise StoreError("not a store (not a DuckDB file)", source=path) from None
            if "lock" not in str(e).lower():
                raise StoreError(f"can't open ({_short(e)})", source=path) from None
            if time.monotonic() >= deadline:
                raise StoreLockedError(
                    f"busy for {timeout:g} s: held by {describe(read_holder(path))}",
                    source=path,
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.1)
        except duckdb.Error as e:
            raise StoreError(f"can't open: corrupt or not a store ({_short(e)})", source=path) from None


def _short(e: Exception) -> str:
    return str(e).split("\n", 1)[0][:200]


class ReadConnection:
    """A read-only connection kept warm between queries, but never for long.

    Opening the file costs ~20 ms and a cold cache more, so a burst of queries
    shares one connection. It closes after ``idle`` seconds without a query, and
    right after each query while a writer is running, so a writer waits at most
    that long for its next commit.
    """

    def __init__(self, path: str, *, timeout: float = DEFAULT_TIMEOUT, idle: float = 0.25) -> None:
        self.path = path
        self.timeout = timeout
        self.idle = idle
        self._conn: Any = None
        self._timer: threading.Timer | None = None
        self._mutex = threading.RLock()

    @contextlib.contextmanager
    def connection(self) -> Any:
        with self._mutex:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._conn is None:
                self._conn = connect(self.path, read_only=True, timeout=self.timeout)
            try:
                yield self._conn
            finally:
                if read_holder(self.path) is not None:
                    self._close()  # a writer is running: let its next commit in now
                else:
                    self._timer = threading.Timer(self.idle, self.close)
                    self._timer.daemon = True
                    self._timer.start()

    def _close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None

    def close(self) -> None:
        with self._mutex:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._close()
