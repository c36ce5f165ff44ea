"""The demo calendar loads, is idempotent and carries what the issue asks for."""

import datetime as dt

import pytest
from django.utils import timezone

from calendars import selectors
from calendars.demo import seed_calendar
from calendars.models import Event, EventKind, Feed
from workflows.models import Holiday

pytestmark = pytest.mark.django_db


def test_demo_calendar(demo):
    lines = []
    seed_calendar(lines.append)  # second run (the demo fixture ran it once)
    count = Event.objects.count()
    seed_calendar(lines.append)
    assert Event.objects.count() == count
    year = timezone.localdate().year
    assert Holiday.objects.filter(date=dt.date(year, 12, 25)).exists()
    assert Holiday.objects.filter(date=dt.date(year + 1, 4, 21)).exists()
    assert Event.objects.filter(kind=EventKind.COMMEMORATIVE).count() >= 10
    assert selectors.is_in_blackout(timezone.make_aware(dt.datetime(2028, 7, 1, 9)))
    assert selectors.is_in_blackout(timezone.make_aware(dt.datetime(2028, 10, 1, 9)))
    assert not selectors.is_in_blackout(timezone.make_aware(dt.datetime(2028, 6, 30, 9)))
    assert Feed.objects.filter(owner__username="ana.saude").count() == 1
    assert Feed.objects.filter(public=True).count() == 1
    assert Event.objects.filter(sequence__gt=0).count() == 0
