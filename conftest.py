"""Fixtures shared by every app's tests."""

import os
import threading
from urllib.parse import urlsplit, urlunsplit

import pytest

# Tests only: a fast password hasher. Seeding the demo hashes every demo person's password,
# once per worker and again after each live-server test flushed the database; Django's
# PBKDF2 costs about a third of a second of CPU per hash. The production hashers stay listed
# so a hash made with them still verifies; production settings are untouched.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = [*FAST_PASSWORD_HASHERS, *settings.PASSWORD_HASHERS]
    # Files the tests write (the demo's media bank, uploads) go to a folder of this run only.
    import shutil
    import tempfile

    media_root = settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="pauta-test-media-")
    config.add_cleanup(lambda: shutil.rmtree(media_root, ignore_errors=True))
    # Each xdist worker its own Redis database for the cache (CI's second pass): the workers
    # share one server, and a test's ``cache.clear()`` (FLUSHDB) or a calendar generation bump
    # must not reach the other worker's test. Huey keeps the configured database.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache = settings.CACHES["default"]
    if worker.startswith("gw") and cache["BACKEND"].endswith("RedisCache"):
        url = urlsplit(cache["LOCATION"])
        base = int(url.path.strip("/") or 0)
        cache["LOCATION"] = urlunsplit(url._replace(path=f"/{(base + 1 + int(worker[2:])) % 16}"))


def _load_demo():
    from pauta.demo import seed_demo

    seed_demo(out=lambda line: None, history=False)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo municipality (without history) once into the test database.

    Each test runs in a transaction rolled back at its end, so the demo stays as loaded;
    transactional tests (live server) flush it, and ``demo`` loads it again when missing.
    """
    with django_db_blocker.unblock():
        _load_demo()


@pytest.fixture
def demo(db):
    """The demo people by username, loaded through the same code as ``manage.py seed_demo``."""
    from org.models import User

    if not User.objects.filter(username="ana.saude").exists():
        _load_demo()
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def english_messages(settings):
    """Messages in English (the source language) for a test that reads them: the installation's
    language and the active one. An app's tests opt in with an autouse fixture asking for it;
    pages and e-mails in Portuguese are checked by the words and i18n tests."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def not_http(settings):
    """A loopback server answering every connection with a line that is not HTTP (its URL;
    the webhooks and the connectors must log that, not crash)."""
    import socket

    settings.WEBHOOKS_ALLOW_PRIVATE = True
    listener = socket.create_server(("127.0.0.1", 0))

    def serve():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(b"HELLO THIS IS NOT HTTP\r\n\r\n")

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/hook"
    listener.close()
