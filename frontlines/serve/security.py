"""Safe defaults for a local app that shows untrusted text: headers, host check, body limit.

Article text is written by strangers, so the page builds its DOM with ``textContent``
and the Content-Security-Policy forbids inline and foreign scripts as a second
wall. The Host check stops DNS rebinding (a web page re-pointing its own name at
127.0.0.1 to read the API); writes also need a JSON body and a same-origin
``Origin``, which browsers cannot forge cross-site without a preflight we never grant.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

Scope = dict[str, Any]
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
WILDCARD = ("0.0.0.0", "::", "")
DEFAULT_MAX_BODY = 2 * 1024 * 1024  # a long article is ~100 kB of text


def tile_source(url: str | None) -> str | None:
    """The CSP source for a tile URL template: ``https://{s}.tile.x/{z}/...`` → ``https://*.tile.x``."""
    if not url:
        return None
    parts = urlsplit(url.replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = urlsplit(url).netloc
    host = re.sub(r"^\{s\}\.", "*.", host)
    return f"{parts.scheme}://{host}"


def content_security_policy(*, tiles: str | None = None) -> str:
    img = "'self' data:" + (f" {tiles}" if tiles else "")
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {img}",
            "connect-src 'self'",
            "font-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
        )
    )


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """Host names the app answers to; None means any (bound to every interface on purpose)."""
    if bind in WILDCARD:
        return None
    return frozenset({*LOOPBACK, bind.lower(), *(h.lower() for h in extra)})


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class BodyTooLarge(Exception):
    """The request body passed the size limit while being read."""


class SecurityMiddleware:
    """Adds security headers, checks Host and Origin, and caps request bodies."""

    def __init__(
        self,
        app: Any,
        *,
        csp: str,
        hosts: frozenset[str] | None,
        max_body: int = DEFAULT_MAX_BODY,
    ) -> None:
        self.app = app
        self.hosts = hosts
        self.max_body = max_body
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = _host_name(headers.get("host", ""))
        if self.hosts is not None and host not in self.hosts:
            await self._error(send, 400, f"host {host!r} is not served here (DNS rebinding guard)")
            return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if origin and urlsplit(origin).netloc.lower() != headers.get("host", "").lower():
                await self._error(send, 403, f"cross-origin request from {origin} refused")
                return
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            await self._error(send, 413, f"request body over {self.max_body} bytes")
            return

        seen = 0

        async def limited_receive() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(f"request body over {self.max_body} bytes")
            return message

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, limited_receive, send_with_headers)

    async def _error(self, send: Any, status: int, message: str) -> None:
        body = json.dumps(error_body(status, message)).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    *self.headers,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def error_body(status: int, message: str, errors: list[str] | None = None) -> dict[str, Any]:
    """The one JSON error shape: ``{ok, error, errors, status}``."""
    return {"ok": False, "error": message, "errors": errors or [message], "status": status}
