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
    from calendars.demo import DEMO_FEEDS

    for username in DEMO_FEEDS:  # one feed per role
        assert Feed.objects.filter(owner__username=username, public=False).count() == 1
    assert Feed.objects.filter(public=True).count() == 1
    assert Event.objects.filter(kind=EventKind.HOLIDAY, rrule="FREQ=YEARLY").exists()
    assert Event.objects.filter(kind__in=[EventKind.INAUGURATION, EventKind.PUBLIC_EVENT,
                                          EventKind.SERVICE_ORDER], all_day=False).count() >= 3
    assert Event.objects.filter(sequence__gt=0).count() == 0


def test_demo_history_puts_scheduled_pieces_in_the_feeds_and_links_the_plan(demo):
    """With the year of requests (``seed_demo`` with history): scheduled pieces show up in the
    editor's demo feed, and the demo requests are linked to the demo plan's actions."""
    from icalendar import Calendar

    from calendars import feeds
    from plans.models import Plan
    from plans.selectors import plan_execution
    from workflows.demo import seed_requests
    from workflows.models import ContentRequest, Publication

    ContentRequest.objects.all().delete()
    seed_requests(lambda line: None, total=60)
    seed_calendar(lambda line: None)
    future = Publication.objects.filter(scheduled_at__gt=timezone.now(), published_at=None,
                                        request__state="scheduled")
    assert future.exists()
    feed = Feed.objects.get(owner__username="diego.editor", public=False)
    uids = {str(c["UID"]) for c in Calendar.from_ical(feeds.build_body(feed)).walk("VEVENT")}
    assert {f"publication-{p.pk}@pauta" for p in future} <= uids
    plan = Plan.objects.get(year=timezone.localdate().year)
    execution = plan_execution(plan)
    assert execution.totals["requested"] > 0 and execution.totals["published"] > 0
    assert ContentRequest.objects.filter(plan_action__plan=plan).count() > 20


def test_the_demo_types_no_easter_based_day(demo, settings):
    """The built-in calendar computes Sexta-feira da Paixão, Carnaval and Corpus Christi: the
    demo seeds no event for them (no second name on Good Friday, no commemorative Carnaval),
    and a database seeded by an older demo loses its typed ones."""
    from dateutil.easter import easter

    from calendars.demo import TYPED_MOVABLE

    settings.HOLIDAYS_COUNTRY = "BR"  # what the demo runs with
    year = timezone.localdate().year
    old = Event.objects.create(uid=f"{TYPED_MOVABLE[0]}{year}@pauta.demo",
                               kind=EventKind.HOLIDAY, title="Paixão de Cristo", all_day=True,
                               starts_at=timezone.make_aware(dt.datetime.combine(
                                   easter(year) - dt.timedelta(days=2), dt.time())),
                               ends_at=timezone.make_aware(dt.datetime.combine(
                                   easter(year) - dt.timedelta(days=1), dt.time())))
    seed_calendar(lambda line: None)
    old.refresh_from_db()
    assert old.removed
    live = Event.objects.filter(removed=False)
    for word in ("Paixão", "Carnaval", "Corpus"):
        assert not live.filter(title__icontains=word).exists(), word
    good_friday = easter(year) - dt.timedelta(days=2)
    assert Holiday.objects.get(date=good_friday).name == "Sexta-feira da Paixão"
