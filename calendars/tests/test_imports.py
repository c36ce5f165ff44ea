"""ICS import: idempotent by UID, all-or-nothing, line numbers on rejection; the command."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from audit.models import AuditEvent
from calendars.imports import ImportRejected, import_ics
from calendars.models import Event, EventKind, EventStatus
from workflows.models import Holiday

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def _english():
    """These tests assert the English source messages (the default language is pt-BR)."""
    with translation.override("en"):
        yield

HOLIDAYS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Teste//PT\r
BEGIN:VEVENT\r
UID:tiradentes@feriados.example\r
DTSTART;VALUE=DATE:20260421\r
DTEND;VALUE=DATE:20260422\r
SUMMARY:Tiradentes\r
RRULE:FREQ=YEARLY\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:reuniao@parceiro.example\r
DTSTART;TZID=America/Sao_Paulo:20260510T140000\r
DTEND;TZID=America/Sao_Paulo:20260510T160000\r
SUMMARY:Reunião do conselho municipal\\, plenário\r
LOCATION:Câmara Municipal\r
DESCRIPTION:Uma descrição longa que será dobrada em mais de uma linha para\r
  testar o desdobramento.\r
END:VEVENT\r
END:VCALENDAR\r
"""


def run(text, kind=EventKind.HOLIDAY, **extra):
    return import_ics(data=text.encode("utf-8"), kind=kind, by=None, system=True, **extra)


def test_import_creates_events_of_the_chosen_kind():
    result = run(HOLIDAYS)
    assert (result.created, result.updated) == (2, 0)
    tiradentes = Event.objects.get(uid="tiradentes@feriados.example")
    assert tiradentes.kind == EventKind.HOLIDAY and tiradentes.all_day
    assert tiradentes.rrule == "FREQ=YEARLY"
    meeting = Event.objects.get(uid="reuniao@parceiro.example")
    assert meeting.title == "Reunião do conselho municipal, plenário"
    assert meeting.starts_at == dt.datetime(2026, 5, 10, 17, 0, tzinfo=dt.UTC)
    assert "desdobramento" in meeting.description


def test_reimport_updates_and_never_duplicates():
    run(HOLIDAYS)
    again = run(HOLIDAYS)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Event.objects.count() == 2
    assert Event.objects.get(uid="tiradentes@feriados.example").sequence == 0
    changed = run(HOLIDAYS.replace("SUMMARY:Tiradentes", "SUMMARY:Dia de Tiradentes"))
    assert (changed.created, changed.updated) == (0, 1)
    event = Event.objects.get(uid="tiradentes@feriados.example")
    assert event.title == "Dia de Tiradentes" and event.sequence == 1


def test_reimport_brings_back_a_removed_event_and_a_cancellation_is_kept():
    run(HOLIDAYS)
    Event.objects.filter(uid="reuniao@parceiro.example").update(removed=True)
    run(HOLIDAYS.replace("LOCATION:Câmara", "STATUS:CANCELLED\r\nLOCATION:Câmara"))
    event = Event.objects.get(uid="reuniao@parceiro.example")
    assert not event.removed and event.status == EventStatus.CANCELLED


@pytest.mark.parametrize("broken, line, words", [
    (HOLIDAYS.replace("SUMMARY:Tiradentes\r\n", "SUMMARY Tiradentes\r\n"), 8, "content line"),
    (HOLIDAYS.replace("END:VEVENT\r\nBEGIN:VEVENT", "BEGIN:VEVENT", 1), 4, "never closed"),
    (HOLIDAYS.replace("UID:tiradentes@feriados.example\r\n", ""), 4, "no UID"),
    (HOLIDAYS.replace("DTSTART;VALUE=DATE:20260421\r\n", ""), 4, "no DTSTART"),
    (HOLIDAYS.replace("DTEND;VALUE=DATE:20260422", "DTEND;VALUE=DATE:20260420"), 4, "ends before"),
    (HOLIDAYS.replace("UID:reuniao@parceiro.example", "UID:tiradentes@feriados.example"), 11,
     "appears again"),
    (HOLIDAYS.replace("20260510T140000", "2026-05-10"), 13, "“2026-05-10” of DTSTART is not valid"),
    (HOLIDAYS.replace("20260421", "20260431"), 6, "“20260431” of DTSTART does not exist"),
    ("", 1, "empty"),
    ("BEGIN:VEVENT\r\nEND:VEVENT\r\n", 1, "BEGIN:VCALENDAR"),
])
def test_malformed_files_are_rejected_with_line_and_nothing_written(broken, line, words):
    audits, holidays = AuditEvent.objects.count(), Holiday.objects.count()
    with pytest.raises(ImportRejected) as caught:
        run(broken)
    assert any(n == line and words in reason for n, reason in caught.value.problems), (
        caught.value.problems)
    assert Event.objects.count() == 0
    assert (AuditEvent.objects.count(), Holiday.objects.count()) == (audits, holidays)


def test_not_utf8_is_rejected():
    data = HOLIDAYS.replace("Câmara", "C\udce2mara").encode("utf-8", "surrogateescape")
    with pytest.raises(ImportRejected) as caught:
        import_ics(data=data, kind="holiday", by=None, system=True)
    assert caught.value.problems[0][0] == 16  # the LOCATION line
    assert Event.objects.count() == 0


def test_a_good_file_after_a_bad_one_changes_nothing_of_the_first():
    run(HOLIDAYS)
    broken = HOLIDAYS.replace("SUMMARY:Tiradentes", "SUMMARY:Mudou").replace(
        "UID:reuniao@parceiro.example\r\n", "")
    with pytest.raises(ImportRejected):
        run(broken)
    assert Event.objects.get(uid="tiradentes@feriados.example").title == "Tiradentes"


def test_floating_times_and_missing_end():
    text = HOLIDAYS.replace("DTSTART;TZID=America/Sao_Paulo:20260510T140000",
                            "DTSTART:20260510T140000").replace(
        "DTEND;TZID=America/Sao_Paulo:20260510T160000\r\n", "").replace(
        "DTEND;VALUE=DATE:20260422\r\n", "")
    run(text)
    meeting = Event.objects.get(uid="reuniao@parceiro.example")
    assert timezone.localtime(meeting.starts_at).hour == 14 and meeting.ends_at == meeting.starts_at
    holiday = Event.objects.get(uid="tiradentes@feriados.example")
    assert holiday.ends_at - holiday.starts_at == dt.timedelta(days=1)


def test_recurrence_overrides_are_skipped():
    text = HOLIDAYS.replace("END:VCALENDAR", "BEGIN:VEVENT\r\nUID:tiradentes@feriados.example\r\n"
                            "RECURRENCE-ID;VALUE=DATE:20270421\r\nDTSTART;VALUE=DATE:20270422\r\n"
                            "SUMMARY:Adiado\r\nEND:VEVENT\r\nEND:VCALENDAR")
    result = run(text)
    assert (result.created, result.skipped) == (2, 1)


def test_imported_holidays_feed_the_sla_clock():
    run(HOLIDAYS, kind=EventKind.HOLIDAY)
    year = timezone.localdate().year
    days = set(Holiday.objects.values_list("date", flat=True))
    assert {dt.date(year, 4, 21), dt.date(year + 1, 4, 21)} <= days
    # The council meeting (14:00-16:00) is not a day off, even in a holiday import.
    assert dt.date(2026, 5, 10) not in days
    assert Event.objects.get(uid="reuniao@parceiro.example").kind == EventKind.PUBLIC_EVENT


def test_command_imports_and_reports(tmp_path):
    path = tmp_path / "feriados.ics"
    path.write_text(HOLIDAYS, encoding="utf-8")
    out = StringIO()
    call_command("import_ics", str(path), "--kind", "holiday", stdout=out)
    assert "2 created" in out.getvalue()
    assert Event.objects.filter(source="feriados.ics").count() == 2


def test_command_rejects_with_line_numbers(tmp_path):
    path = tmp_path / "ruim.ics"
    path.write_text(HOLIDAYS.replace("SUMMARY:Tiradentes\r\n", "SUMMARY Tiradentes\r\n"))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_ics", str(path), "--kind", "holiday", stderr=err)
    assert "ruim.ics:8:" in err.getvalue()
    assert Event.objects.count() == 0


def test_web_import_needs_the_permission():
    from django.core.exceptions import PermissionDenied

    from org.tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        import_ics(data=HOLIDAYS.encode(), kind="holiday", by=UserFactory(roles=["requester"]))


def test_an_imported_holiday_moves_sla_due_dates():
    from workflows.sla import add_business_days, business_days_between

    # Monday 2031-04-14 + 5 business days is Monday 2031-04-21 (Tiradentes) without holidays.
    monday = dt.date(2031, 4, 14)
    assert add_business_days(monday, 5) == dt.date(2031, 4, 21)
    run(HOLIDAYS.replace("20260421", "20310421").replace("20260422", "20310422")
        .replace("RRULE:FREQ=YEARLY\r\n", ""), kind=EventKind.HOLIDAY)
    assert add_business_days(monday, 5) == dt.date(2031, 4, 22)
    assert business_days_between(monday, dt.date(2031, 4, 22)) == 5
