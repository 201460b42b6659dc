"""Turn a path, bytes or a string into a ``Document`` plus warnings.

Format is sniffed, not trusted from the extension: HTML saved as ``.txt`` is
still extracted as HTML, with a warning saying so.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from frontlines.errors import InputError
from frontlines.ingest.html import extract_html, looks_like_html
from frontlines.ingest.markdown import looks_like_markdown, markdown_to_text
from frontlines.ingest.normalise import normalise, text_id
from frontlines.ingest.text import DEFAULT_MAX_BYTES, check_size, decode, decode_as
from frontlines.types import Document

FORMATS = ("auto", "text", "html", "markdown")

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATELINE = re.compile(
    rf"^\s*(?:(?:published|posted|updated|date)\s*:?\s*)?(?:\w+day,?\s+)?"
    rf"(?P<d>(?:\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}})|(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}})"
    rf"|(?:\d{{4}}-\d{{2}}-\d{{2}}))\s*$",
    re.I | re.M,
)


def parse_published(value: str | date | None, *, source: str | None = None) -> str | None:
    """Validate a publication date given as ``YYYY-MM-DD`` (or a ``date``)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]).isoformat() if len(text) >= 10 else _bad(text, source)
    except ValueError:
        return _bad(text, source)


def _bad(text: str, source: str | None) -> str:
    raise InputError(f"invalid published date {text!r} (expected YYYY-MM-DD)", source=source)


def _dateline(text: str) -> str | None:
    """A full date alone on one of the first lines ("28 October, 2016")."""
    from frontlines.recognise.dates import find_dates
    from frontlines.resolve.dates import resolve_date

    head = "\n".join(text.split("\n", 12)[:12])
    m = _DATELINE.search(head)
    if not m:
        return None
    written = m.group("d").replace(",", "")
    found = find_dates(written)
    if found and found[0][2] in ("dmy", "mdy", "iso"):
        s, e, kind = found[0]
        resolved = resolve_date(written[s:e], kind, None)
        if resolved is not None and resolved.date is not None:
            return resolved.iso
    return _dateparser_day(m.group("d"))


def _dateparser_day(written: str) -> str | None:
    """Fallback for spellings the rules don't cover; dateparser costs ~0.1 s to import."""
    import dateparser

    parsed = dateparser.parse(written, languages=["en"], settings={"STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


def _first_line_title(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    if 0 < len(first) <= 200 and not first.endswith((".", ":")) and "\n" in text:
        return first
    return None


def document_from_text(
    raw: str,
    *,
    key: str | None = None,
    title: str | None = None,
    published: str | date | None = None,
    source: str | None = None,
    url: str | None = None,
    fmt: str = "auto",
    where: str | None = None,
) -> tuple[Document, list[str]]:
    """Build a Document from already-decoded text; ``where`` names it in errors."""
    where = where or key
    warnings: list[str] = []
    published = parse_published(published, source=where)
    meta_published = None
    if fmt == "html" or (fmt == "auto" and looks_like_html(raw)):
        if fmt == "auto":
            warnings.append("input looks like HTML: extracted its main text")
        page = extract_html(raw, source=where, url=url)
        raw, title = page.text, title or page.title
        meta_published, source, url = page.published, source or page.source, url or page.url
    elif fmt == "markdown" or (fmt == "auto" and looks_like_markdown(raw)):
        md = markdown_to_text(raw)
        raw, title, meta_published = md.text, title or md.title, md.published
    text = normalise(raw)
    if not text:
        raise InputError("empty (no text to read)", source=where)
    title = title or _first_line_title(text)
    if published is None:
        published = meta_published
        if published is None:
            published = _dateline(text)
            if published:
                warnings.append(f"publication date {published} taken from the text's dateline")
    if published is None:
        warnings.append("no publication date: relative dates left unresolved")
    doc = Document(
        id=text_id(text),
        text=text,
        key=key,
        title=title,
        published=published,
        source=source,
        url=url,
    )
    return doc, warnings


def read_document(
    data: bytes,
    *,
    key: str | None = None,
    published: str | date | None = None,
    source: str | None = None,
    url: str | None = None,
    fmt: str = "auto",
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Document, list[str]]:
    """Bytes → Document; ``key`` (the path or row id) names the input in errors."""
    decoded = (
        decode_as(data, encoding, source=key, max_bytes=max_bytes)
        if encoding
        else decode(data, source=key, max_bytes=max_bytes)
    )
    doc, warnings = document_from_text(
        decoded.text,
        key=key,
        published=published,
        source=source,
        url=url,
        fmt=fmt,
        where=key,
    )
    if decoded.warning:
        warnings.insert(0, decoded.warning)
    return doc, warnings


def read_path(
    path: str | Path,
    *,
    published: str | date | None = None,
    source: str | None = None,
    fmt: str = "auto",
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Document, list[str]]:
    """Read one file; its path becomes ``document.key``."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("no such file", source=name)
    if p.is_dir():
        raise InputError("is a directory (use `frontlines ingest` for folders)", source=name)
    check_size(p.stat().st_size, source=name, max_bytes=max_bytes)
    if fmt == "auto":
        suffix = p.suffix.lower()
        fmt = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}.get(suffix, "auto")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"can't read ({e.strerror})", source=name) from None
    return read_document(
        data,
        key=name,
        published=published,
        source=source,
        fmt=fmt,
        encoding=encoding,
        max_bytes=max_bytes,
    )
