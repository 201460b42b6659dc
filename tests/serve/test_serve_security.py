"""Safe by default: headers, no inline script, no HTML sinks in our JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "frontlines" / "serve" / "static"


def _csp(response) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    return {d.split()[0]: d for d in (p.strip() for p in policy.split(";")) if d}


@pytest.mark.parametrize("path", ["/api/events", "/", "/static/js/main.js", "/api/nope"])
def test_security_csp_on_every_response(api, path):
    csp = _csp(api.get(path))
    assert csp["script-src"] == "script-src 'self'"  # no inline, no eval, no CDN
    assert csp["default-src"] == "default-src 'none'"
    assert "frame-ancestors" in csp


def test_security_headers(api):
    headers = api.get("/api/events").headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_security_tile_host_allowed_only_when_set(seeded):
    from serve_helpers import Api

    from frontlines.serve.app import create_app

    app = create_app(db=seeded["path"], tiles="https://{s}.tile.example.org/{z}/{x}/{y}.png")
    csp = _csp(Api(app).get("/api/config"))
    assert csp["img-src"] == "img-src 'self' data: https://*.tile.example.org"


def test_security_index_has_no_inline_script_or_style():
    html = (STATIC / "index.html").read_text()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+\s*=", html)  # no inline event handlers


@pytest.mark.parametrize("path", sorted((STATIC / "js").glob("*.js")), ids=lambda p: p.name)
def test_security_no_html_sinks_in_our_javascript(path):
    # Article-derived text must reach the page through textContent only.
    source = path.read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, f"{path.name} uses {sink}"


def test_security_default_host_is_loopback(cli):
    from frontlines.cli.serve import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    assert "127.0.0.1" in cli(["serve", "--help"]).output


def test_security_any_host_only_when_bound_to_all(seeded):
    from serve_helpers import Api

    from frontlines.serve.app import create_app

    app = create_app(db=seeded["path"], host="0.0.0.0")
    assert Api(app).get("/api/config", headers={"host": "192.168.1.20:8000"}).status_code == 200
