"""PATH|URL arguments → a stream of ``Item``s: documents to build, or named failures.

The parent process walks folders, opens archives, splits JSONL/CSV rows and reads
feeds; it never decodes or extracts article text, which happens in the workers
(``Item.build``). Every input that can't be used becomes an ``Item`` with an
``error`` so the batch goes on and the user sees one line per bad input.
"""

from __future__ import annotations

import fnmatch
import glob as globlib
import gzip
import os
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from frontlines.errors import InputError
from frontlines.ingest.read import document_from_text, read_document
from frontlines.ingest.rows import TABLE_SUFFIXES, iter_csv, iter_json, iter_jsonl
from frontlines.ingest.text import DEFAULT_MAX_BYTES, check_size, human_size
from frontlines.types import Document

FEED_SUFFIXES = (".rss", ".atom", ".xml")
SKIP_NAMES = (".DS_Store", "Thumbs.db")


@dataclass(slots=True)
class Options:
    """How inputs are read; shared by the parent and the workers."""

    globs: Sequence[str] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    encoding: str | None = None
    text_column: str | None = None
    published: str | None = None
    source: str | None = None
    timeout: float = 15.0
    fetch_articles: bool = True


@dataclass(slots=True)
class Item:
    """One input document, not yet decoded; or, with ``error``, one that failed."""

    key: str
    data: bytes | None = None
    text: str | None = None
    path: str | None = None
    fetch: str | None = None
    fmt: str = "auto"
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    def build(self, opts: Options) -> tuple[Document, list[str]]:
        """Decode and normalise (in a worker); raises ``InputError``."""
        if self.error:
            raise InputError(self.error, source=self.key)
        meta = {"published": opts.published, "source": opts.source, **_clean(self.meta)}
        if self.text is not None:
            size = len(self.text.encode("utf-8", "replace"))
            check_size(size, source=self.key, max_bytes=opts.max_bytes)
            return document_from_text(self.text, key=self.key, fmt=self.fmt, where=self.key, **meta)
        data = self.data
        if self.path is not None:
            data = _read_file(self.path, opts.max_bytes, key=self.key)
        elif self.fetch is not None:
            from frontlines.ingest.urls import fetch

            page = fetch(self.fetch, max_bytes=opts.max_bytes, timeout=opts.timeout)
            data, meta["url"] = page.content, meta.get("url") or page.url
        if data is None:
            raise InputError("nothing to read", source=self.key)
        title = meta.pop("title", None)
        doc, warnings = read_document(
            data,
            key=self.key,
            fmt=self.fmt,
            encoding=opts.encoding,
            max_bytes=opts.max_bytes,
            **meta,
        )
        if title and not doc.title:
            doc.title = title
        return doc, warnings


def _clean(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if v not in (None, "")}


def _read_file(path: str, max_bytes: int, *, key: str) -> bytes:
    try:
        check_size(os.stat(path).st_size, source=key, max_bytes=max_bytes)
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError as e:
        raise InputError(f"can't read ({e.strerror})", source=key) from None


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def iter_items(args: Sequence[str], opts: Options) -> Iterator[Item]:
    """Every document the arguments name, in a stable order; failures included."""
    for arg in args:
        if is_url(arg):
            from frontlines.ingest.urls import url_items

            yield from url_items(arg, opts)
        elif arg == "-":
            yield from iter_jsonl(sys.stdin.buffer, key="<stdin>", opts=opts)
        elif any(ch in arg for ch in "*?[") and not os.path.exists(arg):
            matches = sorted(globlib.glob(arg, recursive=True))
            if not matches:
                yield Item(key=arg, error="no files match this pattern")
            for m in matches:
                yield from _path_items(Path(m), opts, top=False)
        else:
            yield from _path_items(Path(arg), opts, top=True)


def _wanted(rel: str, opts: Options) -> bool:
    if not opts.globs:
        return True
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in opts.globs)


def _path_items(path: Path, opts: Options, *, top: bool) -> Iterator[Item]:
    if not path.exists():
        yield Item(key=str(path), error="no such file or directory")
    elif path.is_dir():
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or name in SKIP_NAMES:
                    continue
                full = Path(root) / name
                if _wanted(full.relative_to(path).as_posix(), opts):
                    yield from _file_items(full, opts)
    else:
        yield from _file_items(path, opts)


def _inner_suffix(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return os.path.splitext(lower)[1]


def _file_items(path: Path, opts: Options) -> Iterator[Item]:
    key = str(path)
    lower = path.name.lower()
    try:
        if lower.endswith(".zip"):
            yield from _zip_items(path, opts)
        elif lower.endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                yield from _stream_items(fh, key, _inner_suffix(lower), opts, compressed=True)
        elif _inner_suffix(lower) in (*TABLE_SUFFIXES, *FEED_SUFFIXES):
            with open(path, "rb") as fh:
                yield from _stream_items(fh, key, _inner_suffix(lower), opts)
        else:
            yield Item(key=key, path=key, fmt=_fmt(lower))
    except (OSError, EOFError, zipfile.BadZipFile, gzip.BadGzipFile) as e:
        yield Item(key=key, error=f"can't read ({_reason(e)})")


def _reason(e: Exception) -> str:
    return getattr(e, "strerror", None) or str(e) or type(e).__name__


def _fmt(name: str) -> str:
    suffix = _inner_suffix(name)
    return {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}.get(suffix, "auto")


def _stream_items(fh: BinaryIO, key: str, suffix: str, opts: Options, *, compressed: bool = False) -> Iterator[Item]:
    """Items from an open binary stream whose (inner) name ends in ``suffix``."""
    if suffix in (".jsonl", ".ndjson"):
        yield from iter_jsonl(fh, key=key, opts=opts)
    elif suffix == ".json":
        yield from iter_json(fh, key=key, opts=opts)
    elif suffix in (".csv", ".tsv"):
        yield from iter_csv(fh, key=key, opts=opts, delimiter="\t" if suffix == ".tsv" else ",")
    elif suffix in FEED_SUFFIXES:
        from frontlines.ingest.feeds import feed_items

        data = fh.read(opts.max_bytes * 4 + 1)
        yield from feed_items(data, key=key, opts=opts)
    else:
        data = fh.read(opts.max_bytes + 1)
        if len(data) > opts.max_bytes:
            yield Item(
                key=key,
                error=f"too large (over {human_size(opts.max_bytes)}"
                + (" uncompressed" if compressed else "")
                + "; raise the limit with --max-bytes)",
            )
        else:
            yield Item(key=key, data=data, fmt=_fmt(key))


def _zip_items(path: Path, opts: Options) -> Iterator[Item]:
    with zipfile.ZipFile(path) as zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            name = info.filename
            base = name.rsplit("/", 1)[-1]
            if info.is_dir() or base.startswith(".") or name.startswith("__MACOSX/"):
                continue
            if not _wanted(name, opts):
                continue
            key = f"{path}!{name}"
            if info.file_size > opts.max_bytes * 4 and _inner_suffix(name) not in TABLE_SUFFIXES:
                yield Item(key=key, error=f"too large ({human_size(info.file_size)} uncompressed)")
                continue
            try:
                with zf.open(info) as fh:
                    if name.lower().endswith(".gz"):
                        with gzip.open(fh, "rb") as inner:
                            yield from _stream_items(inner, key, _inner_suffix(name), opts)
                    else:
                        yield from _stream_items(fh, key, _inner_suffix(name), opts)
            except (OSError, EOFError, zipfile.BadZipFile, RuntimeError) as e:
                yield Item(key=key, error=f"can't read from the archive ({_reason(e)})")
