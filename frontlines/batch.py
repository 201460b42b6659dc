"""Extraction over many documents: JSONL rows in, Reports out, in input order.

Worker processes each build one ``Pipeline`` (knowledge loads once per worker);
a bad row becomes a ``RowError`` in its place, so a batch never stops on one
document and the caller can report the line number.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.config import Settings
from frontlines.errors import FrontlinesError, InputError
from frontlines.ingest.read import document_from_text
from frontlines.types import Report


@dataclass(slots=True)
class RowError:
    line: int
    key: str | None
    message: str


@dataclass(slots=True)
class BatchResult:
    line: int
    report: Report | None = None
    error: RowError | None = None
    warnings: list[str] = field(default_factory=list)


def read_rows(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    """(line number, row) for each non-blank line; malformed lines come back as RowError."""
    where = str(path)
    try:
        fh = Path(path).open(encoding="utf-8", errors="strict")  # noqa: SIM115 - closed by the with below
    except FileNotFoundError:
        raise InputError("no such file", source=where) from None
    with fh:
        lineno = 0
        while True:
            try:
                line = fh.readline()
            except UnicodeDecodeError:
                lineno += 1
                yield lineno, RowError(lineno, None, "not UTF-8")
                continue
            if not line:
                break
            lineno += 1
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                yield (
                    lineno,
                    RowError(lineno, None, f"not valid JSON ({e.msg} at column {e.colno})"),
                )
                continue
            if not isinstance(row, dict):
                yield lineno, RowError(lineno, None, "not a JSON object")
                continue
            yield lineno, row


def row_report(pipeline: Any, lineno: int, row: dict[str, Any]) -> BatchResult:
    key = row.get("id")
    key = str(key) if key is not None else None
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return BatchResult(lineno, error=RowError(lineno, key, "no 'text' (a non-empty string is required)"))
    try:
        doc, warnings = document_from_text(
            text,
            key=key,
            title=row.get("title"),
            published=row.get("published"),
            source=row.get("source"),
            url=row.get("url"),
            where=f"line {lineno}" + (f" (id {key})" if key else ""),
        )
        return BatchResult(lineno, report=pipeline.extract_document(doc, warnings=warnings))
    except FrontlinesError as e:
        return BatchResult(lineno, error=RowError(lineno, key, e.message))


_WORKER: Any = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    from frontlines.pipeline import Pipeline

    _WORKER = Pipeline(settings).load()


def _work(item: tuple[int, dict[str, Any]]) -> BatchResult:
    return row_report(_WORKER, *item)


def extract_rows(
    rows: Iterable[tuple[int, dict[str, Any] | RowError]],
    *,
    settings: Settings | None = None,
    workers: int = 1,
) -> Iterator[BatchResult]:
    """Reports for rows, in input order; ``workers`` > 1 uses that many processes."""
    settings = settings or Settings()
    if workers <= 1:
        from frontlines.pipeline import Pipeline

        pipeline = Pipeline(settings)
        for lineno, row in rows:
            yield (BatchResult(lineno, error=row) if isinstance(row, RowError) else row_report(pipeline, lineno, row))
        return
    ctx = mp.get_context("fork" if os.name == "posix" else "spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: list[BatchResult | None] = []
        good = ((n, r) for n, r in _split(rows, pending))
        results = pool.imap(_work, good, chunksize=8)
        yield from _ordered(pending, results)


def _split(
    rows: Iterable[tuple[int, dict[str, Any] | RowError]], pending: list[BatchResult | None]
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Feed good rows to the pool; remember bad ones (and holes for good ones) in order."""
    for lineno, row in rows:
        if isinstance(row, RowError):
            pending.append(BatchResult(lineno, error=row))
        else:
            pending.append(None)
            yield lineno, row


def _ordered(pending: list[BatchResult | None], results: Iterator[BatchResult]) -> Iterator[BatchResult]:
    i = 0
    for result in results:
        while i < len(pending) and pending[i] is not None:
            yield pending[i]  # type: ignore[misc]
            i += 1
        yield result
        i += 1
    while i < len(pending):
        if pending[i] is not None:
            yield pending[i]  # type: ignore[misc]
        i += 1
