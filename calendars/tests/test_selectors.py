"""What the compliance rules read (blackouts, mourning) and the holiday sync with the SLA clock."""

import datetime as dt

import pytest
from django.utils import timezone

from calendars import selectors, services
from calendars.models import EventKind, EventStatus
from workflows.models import Holiday

pytestmark = pytest.mark.django_db


def at(*args):
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def blackout(editor):
    return services.event_create(by=editor, kind=EventKind.BLACKOUT,
                                 title="Período eleitoral 2028", all_day=True,
                                 starts_at=dt.date(2028, 7, 1), ends_at=dt.date(2028, 10, 1))


def test_blackout_windows(blackout):
    assert selectors.blackout_windows_covering(at(2028, 8, 15, 10)) == [blackout]
    assert selectors.is_in_blackout(at(2028, 7, 1, 0, 0))
    assert selectors.is_in_blackout(at(2028, 9, 30, 23, 59))
    assert not selectors.is_in_blackout(at(2028, 10, 1, 0, 0))
    assert not selectors.is_in_blackout(at(2028, 6, 30, 23, 59))


def test_cancelled_blackout_does_not_count(editor, blackout):
    services.event_cancel(event=blackout, by=editor)
    assert not selectors.is_in_blackout(at(2028, 8, 15, 10))


def test_mourning_days_with_yearly_recurrence(editor):
    mourning = services.event_create(by=editor, kind=EventKind.MOURNING, title="Luto oficial",
                                     all_day=True, starts_at=dt.date(2026, 3, 2),
                                     ends_at=dt.date(2026, 3, 4), rrule="FREQ=YEARLY")
    assert selectors.mourning_days_on(dt.date(2026, 3, 3)) == [mourning]
    assert selectors.mourning_days_on(dt.date(2027, 3, 2)) == [mourning]
    assert selectors.mourning_days_on(dt.date(2026, 3, 4)) == []
    assert selectors.mourning_days_on(dt.date(2025, 3, 2)) == []


def test_holiday_events_upsert_and_remove_sla_holidays(editor):
    year = timezone.localdate().year
    natal = services.event_create(by=editor, kind=EventKind.HOLIDAY, title="Natal", all_day=True,
                                  starts_at=dt.date(year, 12, 25), ends_at=dt.date(year, 12, 25),
                                  rrule="FREQ=YEARLY")
    # The rolling horizon: this year, the next and the one after (calendars.holidays.horizon).
    assert set(Holiday.objects.values_list("date", flat=True)) == {
        dt.date(year, 12, 25), dt.date(year + 1, 12, 25), dt.date(year + 2, 12, 25)}
    services.event_update(event=natal, by=editor, title="Natal (feriado nacional)")
    assert Holiday.objects.get(date=dt.date(year, 12, 25)).name == "Natal (feriado nacional)"
    services.event_update(event=natal, by=editor, rrule="")
    assert set(Holiday.objects.values_list("date", flat=True)) == {dt.date(year, 12, 25)}
    services.event_update(event=natal, by=editor, status=EventStatus.CANCELLED)
    assert not Holiday.objects.exists()


def test_removing_one_holiday_keeps_a_day_another_claims(editor):
    day = dt.date(2026, 11, 20)
    one = services.event_create(by=editor, kind=EventKind.HOLIDAY, title="Consciência Negra",
                                all_day=True, starts_at=day, ends_at=day)
    services.event_create(by=editor, kind=EventKind.HOLIDAY, title="Feriado municipal",
                          all_day=True, starts_at=day, ends_at=day)
    services.event_remove(event=one, by=editor)
    assert Holiday.objects.filter(date=day).exists()


def test_events_between_expands_and_respects_visibility(editor):
    from calendars.models import Visibility
    from calendars.tests.factories import EventFactory
    from org.tests.factories import SecretariatFactory, UserFactory

    sec = SecretariatFactory()
    requester = UserFactory(roles=["requester"], secretariats=[SecretariatFactory()])
    hidden = EventFactory(visibility=Visibility.INTERNAL, secretariat=sec,
                          starts_at=at(2026, 5, 5, 10), ends_at=at(2026, 5, 5, 11))
    yearly = EventFactory(kind=EventKind.COMMEMORATIVE, all_day=True, rrule="FREQ=YEARLY",
                          starts_at=at(2020, 5, 13), ends_at=at(2020, 5, 14))
    seen = selectors.events_between(requester, at(2026, 5, 1), at(2026, 6, 1))
    assert [(e, s) for e, s, _f in seen] == [(yearly, at(2026, 5, 13))]
    assert hidden in [e for e, *_ in selectors.events_between(editor, at(2026, 5, 1),
                                                              at(2026, 6, 1))]


def test_event_changes_are_audited(editor):
    from audit.models import AuditEvent

    event = services.event_create(by=editor, kind=EventKind.PUBLIC_EVENT, title="Feira",
                                  starts_at=at(2026, 5, 5, 10), ends_at=at(2026, 5, 5, 12))
    services.event_update(event=event, by=editor, location="Parque")
    verbs = list(AuditEvent.objects.filter(target_type="calendars.event",
                                           target_id=str(event.pk)).values_list(
        "verb", flat=True).order_by("pk"))
    assert verbs == ["calendar_event_create", "calendar_event_update"]


def test_end_before_start_is_refused(editor):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.event_create(by=editor, kind=EventKind.PUBLIC_EVENT, title="X",
                              starts_at=at(2026, 5, 5, 10), ends_at=at(2026, 5, 5, 9))
    with pytest.raises(ValidationError):
        services.event_create(by=editor, kind=EventKind.PUBLIC_EVENT, title="X", rrule="FREQ=NO",
                              starts_at=at(2026, 5, 5, 10), ends_at=at(2026, 5, 5, 11))
