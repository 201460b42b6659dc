"""Many inputs → the store: worker processes extract, the parent writes in batches.

Each worker builds its own ``Pipeline`` and gets the stored document ids at
start, so a document already in the store is skipped right after its text is
normalised, before any extraction. The parent commits a batch every
``batch_size`` documents or ``flush_seconds``, whichever comes first, so readers
see progress and a crash loses at most one batch.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from frontlines.config import Settings
from frontlines.errors import FrontlinesError, InputError
from frontlines.ingest.sources import Item, Options, iter_items
from frontlines.types import Report


@dataclass(slots=True)
class Outcome:
    key: str
    status: str  # "new", "stored" (already in the store) or "failed"
    reason: str | None = None
    report: Report | None = None


@dataclass(slots=True)
class Summary:
    read: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        failed = f"{self.failed} failed"
        if self.failures:
            kinds = Counter(reason.split(" (", 1)[0] for _, reason in self.failures)
            failed += " (" + ", ".join(f"{n} {k}" for k, n in kinds.most_common(4)) + ")"
        return (
            f"{self.read} read: {self.new} new, {self.skipped} already stored, "
            f"{failed}; {self.events} events extracted ({rate:.0f} docs/s)"
        )


class StrictStop(FrontlinesError):
    """``--strict``: an input failed, so the run stopped after saving what was done."""


_STATE: dict[str, Any] = {}


def _init(known: frozenset[str], opts: Options, settings: Settings | None, forked: bool = True) -> None:
    from frontlines.pipeline import Pipeline
    from frontlines.store.lock import close_inherited

    if forked:
        close_inherited()  # a worker must not keep the parent's write lock alive
    key = repr(settings)
    if _STATE.get("settings_key") != key:  # loading knowledge takes seconds: reuse it
        _STATE.update(pipeline=Pipeline(settings), settings_key=key)
    _STATE.update(known=known, opts=opts)


def _work(items: Sequence[Item]) -> list[Outcome]:
    known, opts, pipeline = _STATE["known"], _STATE["opts"], _STATE["pipeline"]
    out = []
    for item in items:
        try:
            doc, warnings = item.build(opts)
        except InputError as e:
            out.append(Outcome(item.key, "failed", e.message))
            continue
        except Exception as e:  # a reader bug must not stop the batch
            out.append(Outcome(item.key, "failed", f"internal error ({type(e).__name__}: {e})"))
            continue
        if doc.id in known:
            out.append(Outcome(item.key, "stored"))
            continue
        try:
            report = pipeline.extract_document(doc, warnings=warnings)
        except FrontlinesError as e:
            out.append(Outcome(item.key, "failed", f"extraction failed ({e})"))
            continue
        except Exception as e:
            reason = f"extraction failed (internal error: {type(e).__name__}: {e})"
            out.append(Outcome(item.key, "failed", reason))
            continue
        out.append(Outcome(item.key, "new", report=report))
    return out


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _outcomes(
    items: Iterable[Item], *, workers: int, known: frozenset[str], opts: Options, settings: Any
) -> Iterator[Outcome]:
    if workers <= 1:
        _init(known, opts, settings, forked=False)
        for chunk in _chunks(items, 8):
            yield from _work(chunk)
        return
    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init, initargs=(known, opts, settings)) as pool:
        pending: set[Future[list[Outcome]]] = set()
        for chunk in _chunks(items, 4):
            pending.add(pool.submit(_work, chunk))
            if len(pending) >= workers * 4:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield from f.result()
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield from f.result()


def ingest(
    args: Sequence[str],
    *,
    store: Any,
    opts: Options | None = None,
    workers: int | None = None,
    settings: Settings | None = None,
    batch_size: int = 200,
    flush_seconds: float = 2.0,
    strict: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Read every input the arguments name into ``store``; returns the counts.

    ``on_outcome`` sees each input as it finishes (the CLI prints failures and
    moves its progress bar). With ``strict``, the first failure stops the run
    (after committing what was extracted) by raising ``StrictStop``.
    """
    opts = opts or Options()
    workers = workers if workers is not None else (os.cpu_count() or 1)
    started = time.monotonic()
    summary = Summary()
    known = frozenset(store.known_ids())
    seen: set[str] = set()
    batch: list[Report] = []
    failures: list[tuple[str, str]] = []
    last = time.monotonic()

    def flush() -> None:
        nonlocal last
        if batch:
            result = store.add_reports(batch)
            summary.new += result.documents
            summary.skipped += result.skipped
            summary.events += result.events
            batch.clear()
        if failures:
            store.record_failures(failures)
            failures.clear()
        last = time.monotonic()

    try:
        for outcome in _outcomes(iter_items(args, opts), workers=workers, known=known, opts=opts, settings=settings):
            summary.read += 1
            if outcome.status == "failed":
                summary.failed += 1
                reason = outcome.reason or "failed"
                summary.failures.append((outcome.key, reason))
                failures.append((outcome.key, reason))
            elif outcome.status == "stored":
                summary.skipped += 1
            elif outcome.report is not None:
                doc_id = outcome.report.document.id
                if doc_id in seen:
                    summary.skipped += 1
                else:
                    seen.add(doc_id)
                    batch.append(outcome.report)
            if on_outcome:
                on_outcome(outcome)
            if strict and outcome.status == "failed":
                flush()
                raise StrictStop(f"{outcome.key}: {outcome.reason} (stopped: --strict)")
            if len(batch) >= batch_size or time.monotonic() - last >= flush_seconds:
                flush()
        flush()
    finally:
        summary.seconds = time.monotonic() - started
    return summary
