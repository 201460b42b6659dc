"""``frontlines serve``: the JSON API and the web app over a store, on this machine."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from frontlines.cli import CONTEXT_SETTINGS, EXIT_FATAL, UserError, echo_error
from frontlines.cli.options import db_option

HOST_HELP = (
    "Address to listen on. The default, 127.0.0.1, keeps the app on this machine: it has "
    "no login, and with --allow-write a visitor could change the store. Use 0.0.0.0 only "
    "on a network you trust."
)


@click.command(context_settings=CONTEXT_SETTINGS)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help=HOST_HELP)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--allow-write",
    is_flag=True,
    help="Let the page store pasted articles and mark events distinct. Off by default: "
    "the app only reads and writing routes answer 403.",
)
@click.option(
    "--tiles",
    metavar="URL",
    help="Tile URL template for a basemap you have, e.g. "
    "'https://tile.openstreetmap.org/{z}/{x}/{y}.png'. Default: offline country outlines.",
)
@click.option(
    "--get",
    "get_path",
    metavar="PATH",
    help="Run one request in-process, print the response body and exit (no server). "
    "Exit code 1 when the status is 400 or more.",
)
def serve(*, db: str, host: str, port: int, allow_write: bool, tiles: str | None, get_path: str | None) -> None:
    """Serve a map, a timeline and the evidence behind every event, over a store.

    Opens http://127.0.0.1:8000 by default: a JSON API (described at
    /api/openapi.json) and a web app served by the same process, with no network
    access at run time.

    Example:

        frontlines serve --db frontlines.duckdb

        frontlines serve --get '/api/events?country=SY&type=Battles&limit=5'
    """
    if tiles and not tiles.startswith(("http://", "https://")):
        raise click.BadParameter("expected an http(s) URL template", param_hint="--tiles")
    try:
        import uvicorn

        from frontlines.serve.app import BUILD_HINT, create_app
    except ImportError as e:
        raise UserError(f"serve needs the web extra ({e.name}): pip install 'frontlines[serve]'") from None
    if allow_write and not Path(db).exists():
        from frontlines.store import Store

        Store(db).close()  # a new, empty store the page can write into
    app = create_app(db=db, allow_write=allow_write, host=host, tiles=tiles)
    if get_path is not None:
        _get(app, get_path)
        return
    if not app.state.ctx.assets_built:
        echo_error(f"web assets are not built; the page will say so ({BUILD_HINT})", level="warning")
    mode = "read-write" if allow_write else "read-only"
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"frontlines: serving {db} ({mode}) on http://{shown}:{port}/", err=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        h11_max_incomplete_event_size=64 * 1024,
    )


def _get(app: object, path: str) -> None:
    """``--get``: one request through the app in-process; the body goes to stdout."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    if not path.startswith("/"):
        raise click.BadParameter("expected a path starting with /", param_hint="--get")

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.get(path)

    # Run the request on its own thread: the caller may already have an event loop running.
    with ThreadPoolExecutor(1) as pool:
        response = pool.submit(lambda: asyncio.run(fetch())).result()
    sys.stdout.write(response.text)
    if not response.text.endswith("\n"):
        sys.stdout.write("\n")
    if response.status_code >= 400:
        raise click.exceptions.Exit(EXIT_FATAL)
