"""URLs → bytes with httpx: timeouts, a User-Agent naming frontlines, a size limit.

A URL argument is fetched by the parent so that a feed can be expanded into its
items; the articles those items link to are fetched by the workers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from frontlines.errors import InputError
from frontlines.ingest.text import DEFAULT_MAX_BYTES, human_size

if TYPE_CHECKING:
    from frontlines.ingest.sources import Item, Options

USER_AGENT = "frontlines/0.1 (conflict event extraction; +https://pypi.org/project/frontlines/)"
FEED_TYPES = ("rss", "atom", "xml")
NOT_TEXT = ("application/pdf", "image/", "audio/", "video/", "application/zip", "font/")
NOT_TEXT += ("application/octet-stream",)


@dataclass(slots=True)
class Page:
    url: str
    content: bytes
    content_type: str


def fetch(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 15.0,
    client: Any = None,
) -> Page:
    """GET a URL; every failure is an ``InputError`` naming the URL and the reason."""
    import httpx

    own = client is None
    if own:
        client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code} {response.reason_phrase}".strip(), source=url)
            ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype.startswith(NOT_TEXT):
                raise InputError(f"not text ({ctype})", source=url)
            declared = int(response.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise InputError(_too_large(declared, max_bytes), source=url)
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(_too_large(size, max_bytes, more=True), source=url)
                chunks.append(chunk)
            return Page(url=str(response.url), content=b"".join(chunks), content_type=ctype)
    except httpx.TimeoutException:
        raise InputError(f"timed out after {timeout:g} s", source=url) from None
    except httpx.ConnectError as e:
        raise InputError(f"unreachable ({_why(e)})", source=url) from None
    except httpx.TooManyRedirects:
        raise InputError("too many redirects", source=url) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
        raise InputError(f"not a usable URL ({e})", source=url) from None
    except httpx.HTTPError as e:
        raise InputError(f"fetch failed ({type(e).__name__}: {_why(e)})", source=url) from None
    finally:
        if own:
            client.close()


def _too_large(size: int, limit: int, *, more: bool = False) -> str:
    over = "over " if more else ""
    return f"too large ({over}{human_size(size)}; the limit is {human_size(limit)}, --max-bytes)"


def _why(e: Exception) -> str:
    text = str(e) or type(e).__name__
    return text.split("] ", 1)[-1][:160]


def looks_like_feed(page: Page) -> bool:
    if any(t in page.content_type for t in FEED_TYPES) and "html" not in page.content_type:
        return True
    head = page.content[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed")) and b"<html" not in head


def url_items(url: str, opts: Options) -> Iterator[Item]:
    """A page becomes one item; a feed becomes one item per entry."""
    from frontlines.ingest.sources import Item

    try:
        page = fetch(url, max_bytes=opts.max_bytes * 4, timeout=opts.timeout)
    except InputError as e:
        yield Item(key=url, error=e.message)
        return
    if looks_like_feed(page):
        from frontlines.ingest.feeds import feed_items

        yield from feed_items(page.content, key=url, opts=opts)
    elif len(page.content) > opts.max_bytes:
        yield Item(key=url, error=_too_large(len(page.content), opts.max_bytes))
    else:
        fmt = "html" if "html" in page.content_type else "auto"
        yield Item(key=url, data=page.content, fmt=fmt, meta={"url": page.url})
