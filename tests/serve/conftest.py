"""Fixtures for the web app: a hand-built store, the app in-process, and a real browser."""

from __future__ import annotations

import asyncio
import shutil
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from serve_factory import build_store

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def seeded(tmp_path_factory) -> dict[str, Any]:
    """The hand-built store (read-only from here on)."""
    return build_store(tmp_path_factory.mktemp("serve") / "events.duckdb")


class Api:
    """The app called in-process through ``httpx.ASGITransport``."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        import httpx

        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
                return await c.request(method, path, **kwargs)

        # Playwright's sync API keeps an event loop in this thread, so run ours apart.
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, go()).result()

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.request("POST", path, **kwargs)


def fake_extractor(text: str, meta: dict[str, Any]) -> Any:
    """Stands in for the Pipeline: one Report, no events, the text normalised as ingest does."""
    from frontlines.ingest.read import document_from_text
    from frontlines.types import Report

    doc, warnings = document_from_text(text, **meta)
    return Report(document=doc, warnings=[*warnings, "fake extractor"])


@pytest.fixture(scope="session")
def api(seeded) -> Api:
    """Read-only app over the seeded store."""
    from frontlines.serve.app import create_app

    return Api(create_app(db=seeded["path"], extractor=fake_extractor))


@pytest.fixture
def writable(seeded, tmp_path) -> Api:
    """A read-write app over a copy of the seeded store."""
    from frontlines.serve.app import create_app

    db = tmp_path / "copy.duckdb"
    shutil.copy(seeded["path"], db)
    return Api(create_app(db=db, allow_write=True, extractor=fake_extractor))


def assert_error(response: Any, status: int, *, contains: str | None = None) -> dict[str, Any]:
    """Every API error has one shape: ``{ok: false, error, errors, status}``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert body["errors"] and all(isinstance(e, str) for e in body["errors"])
    if contains:
        assert contains in " ".join(body["errors"]) + body["error"]
    return body


# -- a real server and a real browser -------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped with the reason when absent."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium: apt-get install -y chromium")
    from frontlines.serve.app import assets_built

    if not assets_built():
        pytest.skip("web assets not built: npm --prefix web ci && npm --prefix web run build")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need playwright: pip install -e '.[dev]'")
    with sync_playwright() as p:  # Playwright gives each launch a fresh profile directory
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page; alerts and console errors are recorded on ``page.seen``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.seen = {"dialogs": [], "console": [], "requests": []}  # type: ignore[attr-defined]

    def on_dialog(d: Any) -> None:
        pg.seen["dialogs"].append(d.message)  # type: ignore[attr-defined]
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("console", lambda m: pg.seen["console"].append(f"{m.type}: {m.text}"))  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.seen["requests"].append(r.url))  # type: ignore[attr-defined]
    yield pg
    context.close()


def screenshot(page: Any, name: str) -> Path:
    """Save a screenshot under artifacts/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
