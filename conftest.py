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


def postgres_database(url: str, name: str, create: bool, template: str = "") -> None:
    """Drop the PostgreSQL database ``name`` on the server of ``url`` (its sessions closed) and,
    when ``create``, create it again (a copy of ``template`` when given)."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            db.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template
                                                      else ""))


class _PostgresDemo:
    """On PostgreSQL, a copy of the test database taken right after the demo was loaded (a
    template database of this worker). After a transactional (live-server) test the test
    database is made again from it instead of Django's flush and a new load of the demo
    (about 8 s a test there; the copy takes well under one)."""

    def __init__(self):
        from django.db import connection

        self.url = os.environ["DATABASE_URL"]
        self.database = connection.settings_dict["NAME"]
        self.template = f"{self.database}_demo"

    def take(self):
        from django.db import connections

        connections.close_all()  # CREATE DATABASE … TEMPLATE needs the source unused
        postgres_database(self.url, self.template, create=True, template=self.database)

    def restore(self):
        from django.core.management.sql import emit_post_migrate_signal
        from django.db import connections

        connections.close_all()
        postgres_database(self.url, self.database, create=True, template=self.template)
        # As after a flush: the post_migrate receivers clear the caches of content types
        # (Django's, and django-guardian's of permission -> content type).
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    def drop(self):
        postgres_database(self.url, self.template, create=False)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo municipality (without history) once into the test database.

    Each test runs in a transaction rolled back at its end, so the demo stays as loaded.
    A transactional test (live server) commits; after it, Django flushes the database and
    ``demo`` loads the demo again. On PostgreSQL the database is instead made again from a
    copy taken after the first load (``_PostgresDemo``): the next test finds the demo as
    loaded, the state a flush followed by ``demo`` gives. SQLite keeps the flush.
    """
    from django.db import connection
    from django.test import TransactionTestCase

    with django_db_blocker.unblock():
        _load_demo()
        snapshot = _PostgresDemo() if connection.vendor == "postgresql" else None
        if snapshot is not None:
            snapshot.take()
    if snapshot is None:
        yield
        return
    flush = TransactionTestCase._fixture_teardown

    def restore_or_flush(self):
        plain = (self.available_apps is None and not self.serialized_rollback
                 and not self.reset_sequences)
        if plain and set(self._databases_names(include_mirrors=False)) <= {"default"}:
            snapshot.restore()
        else:
            flush(self)

    TransactionTestCase._fixture_teardown = restore_or_flush
    try:
        yield
    finally:
        TransactionTestCase._fixture_teardown = flush
        with django_db_blocker.unblock():
            snapshot.drop()


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
