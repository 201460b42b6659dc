"""A local HTTP server for URL and feed tests: never the internet."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE = (
    "<html><head><title>Shelling in Aleppo</title></head><body><article>"
    "<h1>Shelling in Aleppo</h1>"
    "<p>Government forces shelled eastern Aleppo on Friday, killing five civilians, "
    "according to local activists who spoke to reporters on Saturday.</p>"
    "<p>The strikes hit a market and a school in the al-Shaar district of the city.</p>"
    "</article></body></html>"
)


def feed(base: str) -> str:
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}/article/{i}</link>"
        f"<pubDate>Sat, 29 Oct 2016 10:00:00 GMT</pubDate><description>Teaser {i}</description>"
        "</item>"
        for i in range(2)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Outlet</title>{items}</channel></rss>'


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        routes = {
            "/feed.xml": ("application/rss+xml", feed(base).encode()),
            "/broken-feed.xml": ("application/rss+xml", b"this is not xml at all {}"),
            "/doc.pdf": ("application/pdf", b"%PDF-1.4 binary"),
            "/big": ("text/html", b"<p>" + b"x" * 200_000 + b"</p>"),
        }
        if self.path.startswith("/article/"):
            n = self.path.rsplit("/", 1)[-1]
            body = ARTICLE.replace("five", f"{int(n) + 5} (story {n})").encode()
            routes[self.path] = ("text/html; charset=utf-8", body)
        if self.path == "/ua":
            routes["/ua"] = ("text/plain", self.headers.get("User-Agent", "").encode())
        if self.path not in routes:
            self.send_error(404, "Not Found")
            return
        ctype, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
