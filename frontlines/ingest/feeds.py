"""RSS/Atom feeds → one ``Item`` per entry, with feedparser.

Feeds usually carry a teaser, not the article: an entry whose own text is short
and that links to a page becomes a fetch of that page (done by a worker); an
entry with full content is used as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from frontlines.ingest.sources import Item, Options

FULL_TEXT_CHARS = 1500
_BREAK = re.compile(r"</(p|div|li|h\d)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def strip_tags(fragment: str) -> str:
    """Feed HTML fragments → plain text with paragraph breaks."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n\n", fragment))).strip()


def _day(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def feed_items(data: bytes, *, key: str, opts: Options) -> Iterator[Item]:
    import feedparser

    from frontlines.ingest.sources import Item, is_url

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if not parsed.get("version"):
            why = parsed.get("bozo_exception")
            detail = f" ({str(why).splitlines()[0][:120]})" if why else ""
            yield Item(key=key, error=f"not an RSS/Atom feed: not XML{detail}")
        else:
            yield Item(key=key, error="feed has no items")
        return
    outlet = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        content = entry["content"][0].get("value", "") if entry.get("content") else ""
        text = strip_tags(content or entry.get("summary") or "")
        meta = {"title": entry.get("title"), "published": _day(entry), "source": outlet}
        meta["url"] = link
        where = link or f"{key}#{n}"
        if link and is_url(link) and opts.fetch_articles and len(text) < FULL_TEXT_CHARS:
            yield Item(key=link, fetch=link, meta=meta)
        elif text:
            yield Item(key=where, text=text, meta=meta)
        else:
            yield Item(key=where, error="feed item with no text and no link")
