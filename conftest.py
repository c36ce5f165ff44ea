"""Fixtures shared by every app's tests."""

import pytest


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
