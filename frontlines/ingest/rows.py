"""Table-like inputs (JSONL, JSON, CSV/TSV) → one ``Item`` per row.

A row is ``{"id", "text", "title"?, "published"?, "source"?, "url"?}``; its
``id`` becomes ``Document.key``. A bad row is reported with its line (or row)
number and skipped; the rest of the file goes on.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from frontlines.ingest.sources import Item, Options

TABLE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv")
TEXT_COLUMNS = ("text", "body", "content", "article", "full_text", "story")
META = ("title", "published", "source", "url")
_ALIASES = {"published": ("published", "date", "publish_date", "pubdate"), "url": ("url", "link")}


def row_item(row: Any, *, where: str, opts: Options, text_column: str | None = None) -> Item:
    """One row → an Item, or an Item carrying the row's problem."""
    from frontlines.ingest.sources import Item

    if not isinstance(row, dict):
        return Item(key=where, error=f"not a JSON object ({type(row).__name__})")
    column = text_column or opts.text_column or next((c for c in TEXT_COLUMNS if c in row), None)
    text = row.get(column) if column else None
    if not isinstance(text, str) or not text.strip():
        if column:
            return Item(key=where, error=f'"{column}" is empty or not a string')
        return Item(key=where, error="no text field (one of: " + ", ".join(TEXT_COLUMNS) + ")")
    ident = row.get("id")
    key = str(ident) if ident not in (None, "") else where
    meta = {}
    for name in META:
        for alias in _ALIASES.get(name, (name,)):
            value = row.get(alias)
            if value not in (None, ""):
                meta[name] = str(value)
                break
    return Item(key=key, text=text, meta=meta)


def iter_jsonl(fh: BinaryIO, *, key: str, opts: Options) -> Iterator[Item]:
    from frontlines.ingest.sources import Item

    reader = codecs.getreader("utf-8")(fh, errors="replace")
    for n, line in enumerate(reader, start=1):
        if not line.strip():
            continue
        where = f"{key}:{n}"
        if len(line) > opts.max_bytes:
            yield Item(key=where, error="line too long (raise the limit with --max-bytes)")
            continue
        try:
            row = json.loads(line)
        except ValueError as e:
            yield Item(key=where, error=f"not JSON ({e.msg} at column {e.colno})")
            continue
        yield row_item(row, where=where, opts=opts)


def iter_json(fh: BinaryIO, *, key: str, opts: Options) -> Iterator[Item]:
    """A JSON array of rows or one row; JSON Lines saved as ``.json`` also work."""
    from frontlines.ingest.sources import Item

    raw = fh.read()
    try:
        data = json.loads(raw.decode("utf-8", "replace"))
    except ValueError as e:
        if raw.lstrip().startswith(b"{") and b"\n{" in raw:
            yield from iter_jsonl(io.BytesIO(raw), key=key, opts=opts)
        else:
            yield Item(key=key, error=f"not JSON ({e})")
        return
    if isinstance(data, dict):
        inner = next((data[k] for k in ("items", "articles", "documents") if k in data), None)
        if isinstance(inner, list):
            data = inner
        else:
            yield row_item(data, where=key, opts=opts)
            return
    if not isinstance(data, list):
        yield Item(key=key, error="JSON is neither an object nor a list of objects")
        return
    for n, row in enumerate(data, start=1):
        yield row_item(row, where=f"{key}[{n}]", opts=opts)


def iter_csv(fh: BinaryIO, *, key: str, opts: Options, delimiter: str = ",") -> Iterator[Item]:
    from frontlines.ingest.sources import Item

    csv.field_size_limit(max(opts.max_bytes, 131072))
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="replace", newline="")
    reader = csv.DictReader(text, delimiter=delimiter)
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    column = opts.text_column or next((c for c in TEXT_COLUMNS if c in fields), None)
    if column is None or column.lower() not in fields:
        found = ", ".join(fields[:8]) or "none"
        yield Item(
            key=key,
            error=f"no text column (columns: {found}; name one with --text-column)",
        )
        return
    try:
        for n, raw in enumerate(reader, start=2):
            row = {(k or "").strip().lower(): v for k, v in raw.items()}
            yield row_item(row, where=f"{key}:{n}", opts=opts, text_column=column.lower())
    except csv.Error as e:
        yield Item(key=f"{key}:{reader.line_num}", error=f"broken CSV ({e}); rest skipped")
