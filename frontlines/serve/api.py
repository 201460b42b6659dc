"""The JSON API: routes → Store queries, one error shape, an OpenAPI description.

Every route is declared once in ``ROUTES`` with its parameters; the same list
builds the Starlette routes and ``/api/openapi.json``. Handlers are plain
functions run in a thread (DuckDB calls block); the two writing routes answer
403 unless the server was started with ``--allow-write``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from frontlines.serve.evidence import event_page
from frontlines.serve.params import (
    FILTERS,
    MAP,
    PAGE,
    PLACES,
    STATS,
    ApiError,
    Param,
    filters_of,
    parse_query,
)
from frontlines.serve.queries import clean_float, facets, map_points, page_events, place_events, places
from frontlines.store import EventFilter

MAX_TEXT = 500_000  # characters of pasted article text


def _default(value: Any) -> Any:
    if isinstance(value, set | tuple):
        return list(value)
    return str(value)


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return clean_float(value)


class JSON(JSONResponse):
    """JSON with dates as strings, NaN as null, and no caching of store data."""

    def __init__(self, content: Any, status_code: int = 200) -> None:
        super().__init__(content, status_code=status_code, headers={"cache-control": "no-store"})

    def render(self, content: Any) -> bytes:
        return json.dumps(
            _clean(content), ensure_ascii=False, allow_nan=False, default=_default, separators=(",", ":")
        ).encode("utf-8")


def ok(**content: Any) -> JSON:
    return JSON({"ok": True, **content})


# -- read routes -----------------------------------------------------------------


def get_config(request: Request) -> JSON:
    ctx = request.app.state.ctx
    with ctx.gate.reading():
        counts = ctx.store.counts()
    return ok(
        version=ctx.version,
        allow_write=ctx.allow_write,
        tiles=ctx.tiles,
        max_body=ctx.max_body,
        counts=counts,
        assets=ctx.assets_built,
    )


def get_events(request: Request) -> JSON:
    q = parse_query(request.query_params, FILTERS + PAGE)
    ctx = request.app.state.ctx
    with ctx.gate.reading(), ctx.reader.connection() as conn:
        rows, total = page_events(conn, EventFilter(**filters_of(q)), limit=q["limit"], offset=q["offset"])
    return ok(total=total, limit=q["limit"], offset=q["offset"], events=rows)


def get_event(request: Request) -> JSON:
    ctx = request.app.state.ctx
    event_id = request.path_params["event_id"]
    with ctx.gate.reading():
        found = event_page(ctx.store, event_id)
    if found is None:
        raise ApiError(404, f"no event {event_id!r}")
    return ok(event=found)


def get_document(request: Request) -> JSON:
    ctx = request.app.state.ctx
    doc_id = request.path_params["document_id"]
    with ctx.gate.reading():
        found = ctx.store.document(doc_id)
    if found is None:
        raise ApiError(404, f"no document {doc_id!r}")
    return ok(document=found)


def get_map(request: Request) -> JSON:
    q = parse_query(request.query_params, FILTERS + MAP)
    ctx = request.app.state.ctx
    with ctx.gate.reading(), ctx.reader.connection() as conn:
        found = map_points(conn, EventFilter(**filters_of(q)), zoom=q["zoom"], limit=q["max_points"])
    return ok(**found)


def get_stats(request: Request) -> JSON:
    q = parse_query(request.query_params, FILTERS + STATS)
    ctx = request.app.state.ctx
    with ctx.gate.reading():
        rows = ctx.store.stats(by=q["by"], **filters_of(q))
    return ok(by=q["by"], buckets=rows)


def get_facets(request: Request) -> JSON:
    parse_query(request.query_params, ())
    ctx = request.app.state.ctx
    with ctx.gate.reading(), ctx.reader.connection() as conn:
        return ok(**facets(conn))


def get_places(request: Request) -> JSON:
    q = parse_query(request.query_params, PLACES)
    ctx = request.app.state.ctx
    with ctx.gate.reading(), ctx.reader.connection() as conn:
        return ok(places=places(conn, q=q.get("q"), limit=q["limit"]))


def get_place(request: Request) -> JSON:
    """A place's control timeline (claims over time, by claimant) and the events there."""
    parse_query(request.query_params, ())
    ctx = request.app.state.ctx
    name = request.path_params["place"]
    with ctx.gate.reading():
        claims = ctx.store.control(name)
        with ctx.reader.connection() as conn:
            events = place_events(conn, name)
    if not claims and not events:
        raise ApiError(404, f"nothing stored about {name!r}")
    claimants: dict[str, int] = {}
    for c in claims:
        who = c.get("claimed_by") or c.get("source") or "unattributed"
        claimants[who] = claimants.get(who, 0) + 1
    return ok(place=name, claims=claims, claimants=claimants, events=events)


# -- write routes (need --allow-write) ---------------------------------------------


async def _json_body(request: Request) -> dict[str, Any]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise ApiError(415, "send the body as application/json")
    raw = await request.body()
    try:
        body = json.loads(raw or b"null")
    except ValueError as e:
        raise ApiError(400, f"body is not JSON ({e})") from None
    if not isinstance(body, dict):
        raise ApiError(400, "body must be a JSON object")
    return body


def _need_write(request: Request, what: str) -> None:
    if not request.app.state.ctx.allow_write:
        raise ApiError(403, f"{what} changes the store: restart with `frontlines serve --allow-write`")


_EXTRACT_FIELDS = {"text": str, "published": str, "source": str, "title": str, "url": str, "store": bool}


async def post_extract(request: Request) -> JSON:
    """Run extraction on pasted text; store the result only when asked (and allowed)."""
    body = await _json_body(request)
    errors = [
        f"{k}: expected {t.__name__}"
        for k, t in _EXTRACT_FIELDS.items()
        if body.get(k) is not None and not isinstance(body[k], t)
    ]
    errors += [f"{k}: unknown field" for k in body if k not in _EXTRACT_FIELDS]
    text = body.get("text")
    if not errors and (not isinstance(text, str) or not text.strip()):
        errors.append("text: paste an article (it is empty)")
    if isinstance(text, str) and len(text) > MAX_TEXT:
        errors.append(f"text: longer than {MAX_TEXT} characters")
    if body.get("published"):
        try:
            Param(name="published", kind="date", description="").parse(body["published"])
        except ValueError as e:
            errors.append(str(e))
    if errors:
        raise ApiError(400, errors[0] if len(errors) == 1 else "bad article", errors=errors)
    store = bool(body.get("store"))
    if store:
        _need_write(request, "storing an article")
    ctx = request.app.state.ctx
    meta = {k: body.get(k) or None for k in ("published", "source", "title", "url")}
    report = await run_in_threadpool(ctx.extract, text, meta)
    stored = None
    if store:
        stored = await run_in_threadpool(ctx.add_report, report)
    return ok(report=report.to_dict(include_text=True), stored=stored)


async def post_distinct(request: Request) -> JSON:
    """Review edit: two extracted events (ids from an event's sources) are not one event."""
    body = await _json_body(request)
    a, b = body.get("a"), body.get("b")
    if not isinstance(a, str) or not isinstance(b, str) or not a or not b or a == b:
        raise ApiError(400, "give two different extracted event ids as a and b")
    _need_write(request, "marking events distinct")
    ctx = request.app.state.ctx
    await run_in_threadpool(ctx.mark_distinct, a, b)
    return ok(a=a, b=b)


def get_openapi(request: Request) -> JSON:
    return JSON(openapi(version=request.app.state.ctx.version))


# -- the route table ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Endpoint:
    path: str
    handler: Callable[..., Any]
    summary: str
    method: str = "GET"
    params: tuple[Param, ...] = ()
    path_params: tuple[Param, ...] = ()
    body: dict[str, Any] | None = None
    tags: tuple[str, ...] = field(default=("read",))


_EVENT_ID = Param(name="event_id", description="A merged event id, or a member's id (finds its merged event).")
ROUTES: tuple[Endpoint, ...] = (
    Endpoint("/api/config", get_config, "Server settings the page needs and how much the store holds."),
    Endpoint(
        "/api/events",
        get_events,
        "Merged events, newest first, one page, with the total matching.",
        params=FILTERS + PAGE,
    ),
    Endpoint(
        "/api/events/{event_id}",
        get_event,
        "One merged event: its sources, each field with the span and sentence behind it, and the documents quoted.",
        path_params=(_EVENT_ID,),
    ),
    Endpoint(
        "/api/documents/{document_id}",
        get_document,
        "A stored document: header, normalised text (evidence offsets point into it) and its Report.",
        path_params=(Param(name="document_id", description="sha256 of the normalised text."),),
    ),
    Endpoint(
        "/api/map",
        get_map,
        "Located events for the map: points when at most max_points, else counts on a grid sized by zoom.",
        params=FILTERS + MAP,
    ),
    Endpoint(
        "/api/stats",
        get_stats,
        "Event and fatality counts grouped by day, week, month, type, actor, region or country.",
        params=FILTERS + STATS,
    ),
    Endpoint(
        "/api/facets", get_facets, "Countries, event types and busiest actors, with counts, for the filter controls."
    ),
    Endpoint("/api/places", get_places, "Places that control claims are about, most claimed first.", params=PLACES),
    Endpoint(
        "/api/places/{place}",
        get_place,
        "A place's control claims over time, by claimant, and the events coded there.",
        path_params=(Param(name="place", description="Place name (case-insensitive) or place key."),),
    ),
    Endpoint(
        "/api/extract",
        post_extract,
        "Extract events from pasted text; stored only with store=true on a server started with --allow-write.",
        method="POST",
        tags=("write",),
        body={
            "type": "object",
            "required": ["text"],
            "properties": {
                "text": {"type": "string", "maxLength": MAX_TEXT},
                "published": {"type": "string", "format": "date"},
                "source": {"type": "string"},
                "title": {"type": "string"},
                "url": {"type": "string"},
                "store": {"type": "boolean", "default": False},
            },
        },
    ),
    Endpoint(
        "/api/distinct",
        post_distinct,
        "Mark two extracted events as different real events (never merged); needs --allow-write.",
        method="POST",
        tags=("write",),
        body={
            "type": "object",
            "required": ["a", "b"],
            "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
        },
    ),
    Endpoint("/api/openapi.json", get_openapi, "This description."),
)

_ERROR_SCHEMA = {
    "type": "object",
    "required": ["ok", "error", "errors", "status"],
    "properties": {
        "ok": {"type": "boolean", "const": False},
        "error": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "string"}},
        "status": {"type": "integer"},
    },
}


def openapi(*, version: str) -> dict[str, Any]:
    """The OpenAPI 3.1 description of ``ROUTES``."""
    paths: dict[str, Any] = {}
    error = {
        "description": "Error",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    for ep in ROUTES:
        op: dict[str, Any] = {
            "summary": ep.summary,
            "operationId": ep.handler.__name__,
            "tags": list(ep.tags),
            "parameters": [p.openapi("path") for p in ep.path_params] + [p.openapi() for p in ep.params],
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}},
                "400": error,
                "404": error,
            },
        }
        if ep.body:
            op["requestBody"] = {"required": True, "content": {"application/json": {"schema": ep.body}}}
            op["responses"].update({"403": error, "409": error, "413": error, "415": error})
        paths.setdefault(ep.path, {})[ep.method.lower()] = op
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "frontlines",
            "version": version,
            "description": "Read a frontlines event store: merged events, their evidence, control claims and counts.",
        },
        "paths": paths,
        "components": {"schemas": {"Error": _ERROR_SCHEMA}},
    }


def empty(status: int = 204) -> Response:
    return Response(status_code=status)
