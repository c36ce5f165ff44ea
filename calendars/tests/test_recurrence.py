"""Recurrence rules (issue 13 item 3): no sub-daily rule is accepted by the form, the service or
the ICS import, and every expansion is bounded — even of a rule already in the database."""

import datetime as dt

import pytest
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from calendars import recurrence, selectors, services
from calendars.holidays import holiday_dates
from calendars.imports import import_ics
from calendars.models import Event, EventKind
from calendars.tests.factories import EventFactory

SUB_DAILY = ["FREQ=SECONDLY;INTERVAL=2", "FREQ=MINUTELY", "FREQ=HOURLY;INTERVAL=6",
             "FREQ=DAILY;BYHOUR=9,15", "FREQ=WEEKLY;BYMINUTE=0,30", "RRULE:FREQ=SECONDLY"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _start():
    return timezone.make_aware(dt.datetime(2026, 3, 2, 10))


@pytest.mark.django_db
@pytest.mark.parametrize("rule", SUB_DAILY)
def test_the_service_refuses_sub_daily_rules(editor, rule):
    with pytest.raises(ValidationError) as caught:
        services.event_create(by=editor, kind=EventKind.PUBLIC_EVENT, title="E",
                              starts_at=_start(), ends_at=_start(), rrule=rule)
    assert caught.value.message_dict["rrule"] == [recurrence.too_frequent_message()]
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_the_service_refuses_days_that_never_exist(editor):
    with pytest.raises(ValidationError) as caught:
        services.event_create(by=editor, kind=EventKind.PUBLIC_EVENT, title="E",
                              starts_at=_start(), ends_at=_start(),
                              rrule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    assert "never gives a date" in caught.value.message_dict["rrule"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("rule", ["FREQ=YEARLY", "FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=DAILY;COUNT=5",
                                  "FREQ=MONTHLY;BYMONTHDAY=31"])
def test_daily_and_slower_rules_are_kept(editor, rule):
    event = services.event_create(by=editor, kind=EventKind.PUBLIC_EVENT, title="E",
                                  starts_at=_start(), ends_at=_start(), rrule=rule)
    assert event.rrule == rule


@pytest.mark.django_db
def test_the_form_shows_the_message(editor):
    client = Client()
    client.force_login(editor)
    response = client.post(reverse("calendars:event_create"), {
        "kind": "public_event", "title": "E", "starts_at": "2026-03-02T10:00",
        "ends_at": "2026-03-02T11:00", "rrule": "FREQ=SECONDLY;INTERVAL=2",
        "status": "confirmed", "visibility": "internal"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["rrule"] == [recurrence.too_frequent_message()]
    assert recurrence.too_frequent_message() in response.content.decode().replace("&#x27;", "'")
    assert not Event.objects.exists()


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Teste//PT\r
BEGIN:VEVENT\r
UID:ok@example\r
DTSTART:20260302T100000Z\r
DTEND:20260302T110000Z\r
SUMMARY:Weekly meeting\r
RRULE:FREQ=WEEKLY\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:flood@example\r
DTSTART:20260302T100000Z\r
DTEND:20260302T100001Z\r
SUMMARY:Every other second\r
RRULE:FREQ=SECONDLY;INTERVAL=2\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.mark.django_db
def test_the_import_reports_a_sub_daily_event_and_keeps_the_others(editor):
    result = import_ics(data=ICS.encode(), kind=EventKind.PUBLIC_EVENT, by=editor)
    assert result.created == 1
    assert list(Event.objects.values_list("uid", flat=True)) == ["ok@example"]
    assert result.refused == [(11, "Every other second", recurrence.too_frequent_message())]


@pytest.mark.django_db
def test_a_sub_daily_rule_already_in_the_database_cannot_blow_up_the_calendar(editor):
    event = EventFactory(starts_at=_start() - dt.timedelta(days=400),
                         ends_at=_start() - dt.timedelta(days=400) + dt.timedelta(seconds=1))
    Event.objects.filter(pk=event.pk).update(rrule="FREQ=SECONDLY;INTERVAL=2")  # as if old
    client = Client()
    client.force_login(editor)
    response = client.get(reverse("calendars:data"), {"start": "2026-03-01T00:00:00Z",
                                                      "end": "2026-04-01T00:00:00Z"})
    assert response.status_code == 200
    assert [i for i in response.json() if i["id"] == f"event-{event.pk}"] == []
    assert len(response.content) < 10_000
    # The event counts once, on its own dates.
    event.refresh_from_db()
    assert selectors.occurrences(event, event.starts_at - dt.timedelta(days=1),
                                 event.ends_at + dt.timedelta(days=1)) == [
        (event.starts_at, event.ends_at)]


@pytest.mark.django_db
def test_a_sub_daily_holiday_or_mourning_already_stored_is_not_expanded():
    start = _start()
    for kind in (EventKind.HOLIDAY, EventKind.MOURNING):
        event = EventFactory(kind=kind, starts_at=start, ends_at=start + dt.timedelta(hours=1))
        Event.objects.filter(pk=event.pk).update(rrule="FREQ=MINUTELY")
        event.refresh_from_db()
        if kind == EventKind.HOLIDAY:
            assert holiday_dates(event) == [timezone.localtime(start).date()]
    assert [e.title for e in selectors.mourning_days_on(timezone.localtime(start).date())]
    assert selectors.mourning_days_on(timezone.localtime(start).date() + dt.timedelta(1)) == []


def test_every_expansion_is_capped(monkeypatch):
    monkeypatch.setattr(recurrence, "MAX_OCCURRENCES", 10)
    found = recurrence.expand("FREQ=DAILY", dt.datetime(2020, 1, 1), dt.datetime(2026, 1, 1),
                              dt.datetime(2027, 1, 1))
    assert len(found) == 10


@pytest.mark.parametrize("rule,start", [
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", dt.datetime(1900, 1, 1)),
    ("FREQ=DAILY;INTERVAL=7;BYDAY=MO", dt.datetime(2015, 1, 1)),  # always a Thursday
    ("FREQ=YEARLY;INTERVAL=3;BYMONTH=4;BYMONTHDAY=31", dt.datetime(2999, 1, 1))])
def test_a_rule_that_gives_no_date_is_not_searched_until_9999(rule, start):
    # dateutil ignores UNTIL while it finds no date: the first took 18 s before the check.
    assert recurrence.never_yields(rule, start)
    assert recurrence.expand(rule, start, dt.datetime(2026, 1, 1),
                             dt.datetime(2026, 2, 1)) is None


@pytest.mark.parametrize("rule,start", [
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", dt.datetime(1900, 1, 1)),
    ("FREQ=DAILY;INTERVAL=7;BYDAY=TH", dt.datetime(2015, 1, 1)),
    ("FREQ=YEARLY", dt.datetime(2024, 2, 29))])
def test_a_rare_rule_still_gives_dates(rule, start):
    assert not recurrence.never_yields(rule, start)


RULES = st.sampled_from(["FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=DAILY;INTERVAL=2;BYDAY=MO",
                         "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=5",
                         "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY", "FREQ=DAILY;COUNT=900",
                         "FREQ=WEEKLY;COUNT=30;BYDAY=FR", "FREQ=DAILY;UNTIL=20300101T000000"])


@settings(max_examples=60, deadline=None)
@given(rule=RULES, start=st.datetimes(dt.datetime(2015, 1, 1), dt.datetime(2030, 1, 1)),
       offset=st.integers(-400, 3000), days=st.integers(0, 400))
def test_bounded_expansion_finds_what_dateutil_finds(rule, start, offset, days):
    """Moving DTSTART up and UNTIL down to the window changes no occurrence in it."""
    start = start.replace(microsecond=0)
    window = start + dt.timedelta(days=offset, hours=offset % 24)
    end = window + dt.timedelta(days=days)
    assert recurrence.expand(rule, start, window, end) == rrulestr(
        rule, dtstart=start).between(window, end, inc=True)
