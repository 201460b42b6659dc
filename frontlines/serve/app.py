"""The ASGI app factory: JSON API, OpenAPI description and the web app, in one process.

``create_app(db=...)`` opens the store read-only (each request opens and closes
its own DuckDB connection, so ``frontlines ingest`` can keep writing) and serves
the page from ``static/``. Front-end libraries are built into ``static/vendor/``
from npm (``web/``); without them the page says how to build them and the API
still works.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from frontlines.errors import FrontlinesError, StoreError, StoreLockedError
from frontlines.serve.api import JSON, ROUTES
from frontlines.serve.params import ApiError
from frontlines.serve.queries import Reader
from frontlines.serve.security import (
    DEFAULT_MAX_BODY,
    BodyTooLarge,
    SecurityMiddleware,
    allowed_hosts,
    content_security_policy,
    error_body,
    tile_source,
)
from frontlines.types import Report

Extractor = Callable[[str, dict[str, Any]], Report]
BUILD_HINT = "npm --prefix web ci && npm --prefix web run build"


def static_dir() -> Path:
    return Path(str(resources.files("frontlines.serve") / "static"))


def assets_built(root: Path | None = None) -> bool:
    return ((root or static_dir()) / "vendor" / "manifest.json").is_file()


class Gate:
    """Many readers or one writer inside this process.

    DuckDB refuses a read-write open of a file that this same process has open
    read-only, so a write from the page waits for running reads, and reads wait
    for it.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and self._readers == 0)
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


def pipeline_extractor() -> Extractor:
    """The real Pipeline, loaded on first use and used by one request at a time."""
    lock = threading.Lock()
    state: dict[str, Any] = {}

    def extract(text: str, meta: dict[str, Any]) -> Report:
        with lock:
            if "pipeline" not in state:
                from frontlines.pipeline import Pipeline

                state["pipeline"] = Pipeline()
            return state["pipeline"].extract(text, **meta)

    return extract


@dataclass(kw_only=True)
class Context:
    """What the handlers share: the store, settings and the write path."""

    db: str
    allow_write: bool = False
    tiles: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    extractor: Extractor = field(default_factory=pipeline_extractor)
    version: str = "0"
    assets_built: bool = False
    gate: Gate = field(default_factory=Gate)

    def __post_init__(self) -> None:
        from frontlines.store import Store

        self.store = Store(self.db, read_only=True)
        self.reader = Reader(self.db, timeout=self.store.timeout)

    def extract(self, text: str, meta: dict[str, Any]) -> Report:
        return self.extractor(text, meta)

    @contextlib.contextmanager
    def writer(self) -> Iterator[Any]:
        """The store opened for writing, once no request is reading.

        DuckDB refuses to open a file read-write in a process that has it open
        read-only, so the warm read connections are let go first.
        """
        from frontlines.store import Store

        with self.gate.writing():
            self.store.close()
            self.reader.close()
            with Store(self.db, command="frontlines serve --allow-write") as store:
                yield store

    def add_report(self, report: Report) -> dict[str, Any]:
        with self.writer() as store:
            result = store.add_reports([report])
            doc = store.document(report.document.id)
        return {
            "documents": result.documents,
            "skipped": result.skipped,
            "events": result.events,
            "merged": result.merged,
            "document_id": report.document.id,
            "event_ids": (doc or {}).get("event_ids", []),
        }

    def mark_distinct(self, a: str, b: str) -> None:
        with self.writer() as store:
            try:
                store.mark_distinct(a, b)
            except StoreLockedError:
                raise
            except StoreError as e:
                raise ApiError(404, e.message) from None


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("frontlines")
    except Exception:  # pragma: no cover - running from a source tree
        return "0"


_BUILD_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>frontlines: build the web assets</title>
<link rel="stylesheet" href="/static/app.css"></head>
<body class="notice"><main>
<h1>The map page needs its front-end libraries</h1>
<p>They come from the npm registry (pinned by <code>web/package-lock.json</code>) and are not
shipped in the repository. From the frontlines checkout, run:</p>
<pre>{hint}</pre>
<p>then reload this page. The JSON API works meanwhile:
<a href="/api/events?limit=10">/api/events</a>, <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</main></body></html>
"""


def index(request: Request) -> Response:
    root = request.app.state.static
    if not assets_built(root):
        return HTMLResponse(_BUILD_PAGE.format(hint=BUILD_HINT), status_code=503)
    return FileResponse(root / "index.html", headers={"cache-control": "no-cache"})


def _error(status: int, message: str, errors: list[str] | None = None) -> JSON:
    return JSON(error_body(status, message, errors), status_code=status)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _error(exc.status, exc.message, exc.errors)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = {404: f"not found: {request.url.path}", 405: f"{request.method} not allowed here"}
    return _error(exc.status_code, message.get(exc.status_code, str(exc.detail)))


async def _too_large(request: Request, exc: Exception) -> Response:
    return _error(413, str(exc))


async def _store_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, FrontlinesError)
    if isinstance(exc, StoreLockedError):
        return _error(409, f"{exc}; try again when it is done")
    return _error(503 if isinstance(exc, StoreError) else 400, str(exc))


async def _internal(request: Request, exc: Exception) -> Response:
    return _error(500, f"internal error: {type(exc).__name__} (see the server log)")


def create_app(
    *,
    db: str | Path,
    allow_write: bool = False,
    host: str = "127.0.0.1",
    tiles: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    extractor: Extractor | None = None,
    static: Path | None = None,
) -> Starlette:
    """The app over the store at ``db``; ``host`` is the bind address (sets the Host check)."""
    root = static or static_dir()
    ctx = Context(
        db=str(db),
        allow_write=allow_write,
        tiles=tiles,
        max_body=max_body,
        version=_version(),
        assets_built=assets_built(root),
        **({"extractor": extractor} if extractor else {}),
    )
    routes = [Route(ep.path, ep.handler, methods=[ep.method]) for ep in ROUTES]
    routes += [Route("/", index), Mount("/static", StaticFiles(directory=root), name="static")]
    app = Starlette(
        routes=routes,
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _http_error,
            BodyTooLarge: _too_large,
            FrontlinesError: _store_error,
            Exception: _internal,
        },
    )
    app.state.ctx = ctx
    app.state.static = root
    app.add_middleware(
        SecurityMiddleware,
        csp=content_security_policy(tiles=tile_source(tiles)),
        hosts=allowed_hosts(host),
        max_body=max_body,
    )
    return app
