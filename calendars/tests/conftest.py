"""Shared fixtures of the calendar tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    from calendars.feeds import fragments, memo

    cache.clear()
    memo.clear()
    fragments.clear()  # pks come back after a test's rollback
    yield
    cache.clear()
    memo.clear()
    fragments.clear()


@pytest.fixture
def editor(db):
    from org.tests.factories import UserFactory

    return UserFactory(roles=["editor"])


@pytest.fixture
def channel(db):
    from plans.models import Channel

    return Channel.objects.update_or_create(code="portal", defaults={"name": "Portal"})[0]


@pytest.fixture(autouse=True)
def _no_built_in_holidays(settings):
    """Holiday rows come from the test's own events; tests of the built-in calendar opt in."""
    settings.HOLIDAYS_COUNTRY = ""
    settings.LOCAL_HOLIDAYS = []


@pytest.fixture(autouse=True)
def _blank_calendar(request):
    """The test database holds the demo (root conftest); start each calendar test without
    the demo's events, feeds, holidays and pieces (the deletion is rolled back afterwards)."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        yield
        return
    request.getfixturevalue("db")
    from calendars.models import Event, Feed
    from workflows.models import Holiday, Publication

    Publication.objects.all().delete()
    Event.objects.all().delete()
    Feed.objects.all().delete()
    Holiday.objects.all().delete()
    yield
