"""Loopback peers of the publishing tests: a web site for the proof and take-down tests
(``Site.pages``: path → (status, html); as a signed webhook receiver it unpublishes them, the
page then answering 404), and the real WordPress of the connector tests
(``publishing.tests.wordpress``: one site per test session and xdist worker, started on
first use)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api.webhooks import signing
from publishing.tests.wordpress import ON_CI, WordPress, missing

SECRET = "segredo-do-portal"


class Site(BaseHTTPRequestHandler):
    pages: dict = {}
    calls: list = []

    def do_GET(self):  # noqa: N802
        status, body = type(self).pages.get(self.path, (404, "<h1>Não encontrado</h1>"))
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body.encode())

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if not signing.verify(SECRET, self.headers[signing.TIMESTAMP_HEADER], body,
                              self.headers[signing.SIGNATURE_HEADER]):
            self.send_response(401)
            self.end_headers()
            return
        data = json.loads(body)
        type(self).calls.append(data)
        path = f"/posts/{data['publication']['id']}"
        if data["action"] == "unpublish":
            type(self).pages.pop(path, None)
            state = "unpublished"
        else:
            type(self).pages[path] = (200, page(data["publication"]["title"],
                                                data["publication"]["body"]))
            state = "published" if data["action"] == "status" else "scheduled"
        answer = json.dumps({"id": f"post-{data['publication']['id']}", "status": state,
                             "url": f"http://127.0.0.1:{self.server.server_port}{path}"})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer.encode())

    def log_message(self, *args):
        pass


def page(title: str, body: str) -> str:
    """A portal page: menu and footer around the article, as a CMS renders it."""
    return (f"<!doctype html><html><head><title>{title} | Prefeitura</title>"
            "<script>var x = 1;</script></head><body><nav><a href='/'>Início</a> "
            f"<a href='/noticias'>Notícias</a></nav><article><h1>{title}</h1>"
            f"<p>{body}</p></article><footer>Prefeitura Municipal de Vale Verde · "
            "Praça da Matriz, 1</footer></body></html>")


@pytest.fixture
def site(settings):
    settings.PUBLISHING_PROOF_ALLOWED_HOSTS = ["127.0.0.1"]  # loopback in tests only
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    Site.pages, Site.calls = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def wordpress():
    reason = missing()
    if reason:
        if ON_CI:
            pytest.fail(f"{reason}; CI=true needs the WordPress connector tests.")
        pytest.skip(reason)
    site = WordPress()
    try:
        site.start()
        yield site
    finally:
        site.stop()
