"""HTML → main text and metadata, with trafilatura.

Boilerplate (menus, footers, related links) would otherwise become spurious
events, so only the article body is kept; title and publication date come from
the page's own metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontlines.errors import InputError

_TAG = re.compile(r"<(!doctype html|html|head|body|p|div|article|span|a|br|meta|title)\b", re.I)


@dataclass(slots=True)
class Extracted:
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


def looks_like_html(text: str) -> bool:
    """A document that opens like a web page, or is dense with common tags."""
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower():
        return True
    return len(_TAG.findall(text[:20000])) >= 5


def extract_html(html: str, *, source: str | None = None, url: str | None = None) -> Extracted:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
        )
    except Exception as e:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(f"broken HTML ({type(e).__name__}: {e})", source=source) from None
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        raise InputError("HTML with no readable article text", source=source)
    return Extracted(
        text=text,
        title=getattr(result, "title", None) or None,
        published=_day(getattr(result, "date", None)),
        source=getattr(result, "sitename", None) or None,
        url=getattr(result, "url", None) or url,
    )


def _day(value: str | None) -> str | None:
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None
