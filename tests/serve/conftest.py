"""Fixtures for the web app: a hand-built store, the app in-process, and a real browser."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from serve_factory import build_store
from serve_helpers import (
    CHROMIUM,
    Api,
    fake_extractor,
)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory) -> dict[str, Any]:
    """The hand-built store (read-only from here on)."""
    return build_store(tmp_path_factory.mktemp("serve") / "events.duckdb")


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
