"""Front-end libraries come from npm at build time; without them the page says how to build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "frontlines" / "serve" / "static"
WEB = Path(__file__).resolve().parents[2] / "web"


def test_assets_missing_page_says_how_to_build(seeded, tmp_path):
    from serve_helpers import Api

    from frontlines.serve.app import create_app

    bare = tmp_path / "static"
    shutil.copytree(STATIC, bare, ignore=shutil.ignore_patterns("vendor"))
    response = Api(create_app(db=seeded["path"], static=bare)).get("/")
    assert response.status_code == 503
    assert "npm --prefix web ci &amp;&amp; npm --prefix web run build" in response.text or (
        "npm --prefix web ci && npm --prefix web run build" in response.text
    )


def test_assets_api_works_without_them(seeded, tmp_path):
    from serve_helpers import Api

    from frontlines.serve.app import create_app

    bare = tmp_path / "static"
    shutil.copytree(STATIC, bare, ignore=shutil.ignore_patterns("vendor"))
    assert Api(create_app(db=seeded["path"], static=bare)).get("/api/events").status_code == 200


def test_assets_npm_dependencies_are_pinned():
    package = json.loads((WEB / "package.json").read_text())
    lock = json.loads((WEB / "package-lock.json").read_text())
    for name, version in package["dependencies"].items():
        assert version[0].isdigit(), f"{name} is not pinned to one version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_assets_page_loads_only_local_files():
    html = (STATIC / "index.html").read_text()
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
