"""Importing a national calendar: only all-day events are days off, pontos facultativos are
their own kind, names are kept, a re-published file changes nothing, errors in plain words."""

import datetime as dt

import pytest
from django.utils import translation

from audit.models import AuditEvent
from calendars.imports import ImportRejected, import_ics
from calendars.models import Event, EventKind
from calendars.tests.test_imports import HOLIDAYS
from workflows.models import Holiday

pytestmark = pytest.mark.django_db

NATIONAL = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Governo//Feriados nacionais//PT\r
BEGIN:VEVENT\r
UID:independencia-2026@gov.example\r
DTSTART;VALUE=DATE:20260907\r
DTEND;VALUE=DATE:20260908\r
SUMMARY:Independência do Brasil\r
CATEGORIES:Feriado nacional\r
TRANSP:TRANSPARENT\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:desfile-2026@gov.example\r
DTSTART;TZID=America/Sao_Paulo:20260907T090000\r
DTEND;TZID=America/Sao_Paulo:20260907T113000\r
SUMMARY:Desfile cívico de 7 de Setembro\r
TRANSP:OPAQUE\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:carnaval-2026@gov.example\r
DTSTART;VALUE=DATE:20260217\r
SUMMARY:Carnaval\r
CATEGORIES:Ponto facultativo\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:corpus-2026@gov.example\r
DTSTART;VALUE=DATE:20260604\r
SUMMARY:Corpus Christi\r
DESCRIPTION:Ponto facultativo nos órgãos federais.\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:feira-2026@gov.example\r
DTSTART;VALUE=DATE:20260907\r
SUMMARY:Feira do livro\r
TRANSP:OPAQUE\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:patria-2026@gov.example\r
DTSTART;VALUE=DATE:20260907\r
SUMMARY:Dia da Pátria\r
END:VEVENT\r
END:VCALENDAR\r
"""


@pytest.fixture(autouse=True)
def _only_the_file(settings):
    """The built-in calendar off, so the Holiday rows come from the file alone."""
    settings.HOLIDAYS_COUNTRY = ""
    settings.HOLIDAYS_OPTIONAL_STOP_SLA = False
    with translation.override("en"):
        yield


def run(text, **extra):
    return import_ics(data=text.encode("utf-8"), kind=EventKind.HOLIDAY, by=None, system=True,
                      **extra)


def kinds():
    return dict(Event.objects.values_list("uid", "kind"))


def test_a_national_calendar_keeps_the_holidays_and_their_names():
    run(NATIONAL)
    assert kinds() == {
        "independencia-2026@gov.example": EventKind.HOLIDAY,
        "desfile-2026@gov.example": EventKind.PUBLIC_EVENT,  # timed: not a day off
        "carnaval-2026@gov.example": EventKind.OPTIONAL,  # CATEGORIES
        "corpus-2026@gov.example": EventKind.OPTIONAL,  # the words in DESCRIPTION
        "feira-2026@gov.example": EventKind.PUBLIC_EVENT,  # all-day but TRANSP:OPAQUE
        "patria-2026@gov.example": EventKind.HOLIDAY}
    # Two holidays on one day keep both names (in title order); the parade renames nothing.
    assert dict(Holiday.objects.values_list("date", "name")) == {
        dt.date(2026, 9, 7): "Dia da Pátria / Independência do Brasil"}


def test_pontos_facultativos_stop_the_clock_when_the_installation_says_so(settings):
    settings.HOLIDAYS_OPTIONAL_STOP_SLA = True
    run(NATIONAL)
    assert dict(Holiday.objects.values_list("date", "name")) == {
        dt.date(2026, 2, 17): "Carnaval", dt.date(2026, 6, 4): "Corpus Christi",
        dt.date(2026, 9, 7): "Dia da Pátria / Independência do Brasil"}


def test_removing_one_of_two_holidays_keeps_the_other_name():
    from calendars.services import event_remove
    from org.tests.factories import UserFactory

    run(NATIONAL)
    event_remove(event=Event.objects.get(uid="patria-2026@gov.example"),
                 by=UserFactory(roles=["editor"]))
    assert Holiday.objects.get(date=dt.date(2026, 9, 7)).name == "Independência do Brasil"


def test_re_import_under_a_new_file_name_changes_nothing():
    run(NATIONAL, source="feriados-2026.ics")
    before = dict(Event.objects.values_list("uid", "sequence"))
    audits = AuditEvent.objects.count()
    result = run(NATIONAL, source="feriados-2026-v2.ics")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 6)
    assert dict(Event.objects.values_list("uid", "sequence")) == before
    assert AuditEvent.objects.count() == audits


def test_a_bad_date_names_the_dtstart_line_without_icalendar_internals():
    broken = NATIONAL.replace("DTSTART;VALUE=DATE:20260217", "DTSTART;VALUE=DATE:20260230")
    with pytest.raises(ImportRejected) as caught:
        run(broken)
    assert caught.value.problems == [
        (21, "the date “20260230” of DTSTART does not exist in the calendar")]


def test_a_bad_date_is_said_in_the_users_language():
    broken = NATIONAL.replace("DTSTART;VALUE=DATE:20260217", "DTSTART;VALUE=DATE:20260230")
    with translation.override("pt-br"), pytest.raises(ImportRejected) as caught:
        run(broken)
    assert "Wrong date format" not in str(caught.value.messages)
    assert caught.value.messages == [
        "Linha 21: a data “20260230” de DTSTART não existe no calendário"]


def test_a_truncated_file_says_where_it_ends():
    cut = "\r\n".join(HOLIDAYS.split("\r\n")[:14]) + "\r\n"
    with pytest.raises(ImportRejected) as caught:
        run(cut)
    assert caught.value.problems == [(14, "the file is incomplete (it ends at line 14)")]
    assert Event.objects.count() == 0
