"""A loopback HTTP server serving fixtures/clipping/ the way outlets do: ETag and
Last-Modified with 304 answers, a declared charset, a slow path, redirects."""

import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "clipping"
TYPES = {".xml": "application/rss+xml", ".html": "text/html; charset=utf-8"}
MODIFIED = formatdate(1764500000, usegmt=True)


class Handler(BaseHTTPRequestHandler):
    routes: dict = {}  # path -> fixture file name (set by the test)
    hits: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        self.hits.append((self.path, dict(self.headers)))
        if self.path.startswith("/slow"):
            time.sleep(3)
        if self.path.startswith("/redirect-to-private"):
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/feed")
            self.end_headers()
            return
        name = self.routes.get(self.path.split("?")[0])
        if name is None or not (FIXTURES / name).exists():
            self.send_response(404)
            self.end_headers()
            return
        body = (FIXTURES / name).read_bytes()
        etag = f'"{abs(hash(body))}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(Path(name).suffix, "application/xml"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", MODIFIED)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def outlet_server(settings):
    """(base URL, routes dict, hits list); loopback allowed for the fetcher in this test."""
    settings.CLIPPING_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    Handler.routes, Handler.hits = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", Handler.routes, Handler.hits
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _english(english_messages):
    """These tests read the messages in English (``english_messages``, the root conftest)."""
