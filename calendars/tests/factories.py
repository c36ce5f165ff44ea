"""Factories for calendar events and feeds."""

import datetime as dt

import factory
from django.utils import timezone

from calendars.models import Event, EventKind, EventStatus, Visibility


class EventFactory(factory.django.DjangoModelFactory):
    """Created straight in the table (services are tested on their own)."""

    class Meta:
        model = Event

    kind = EventKind.PUBLIC_EVENT
    title = factory.Sequence(lambda n: f"Inauguração da praça {n}")
    location = "Praça Central"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + dt.timedelta(hours=2))
    status = EventStatus.CONFIRMED
    visibility = Visibility.PUBLIC
