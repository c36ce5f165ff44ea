"""The team's absences, recorded from the application: who may record whose (the head of
communication and the manager anyone's, an editor their own, others 403, a forged person
refused), the dates checked in words (no 500), the audit trail, the calendar's layer."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from org.models import Absence
from org.services import absence_save
from org.tests.factories import UserFactory
from pauta import clock

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2031, 3, 10)
NOON = timezone.make_aware(dt.datetime(2031, 3, 10, 12))
URL = "/calendar/absences/"


@pytest.fixture(autouse=True)
def _english(english_messages):
    return english_messages


@pytest.fixture(autouse=True)
def _today():
    with clock.travel(NOON):
        yield


@pytest.fixture
def team():
    return {"diego": UserFactory(roles=["editor"], first_name="Diego", last_name="Souza"),
            "elisa": UserFactory(roles=["editor"], first_name="Elisa", last_name="Lima"),
            "chefe": UserFactory(roles=["approver"], first_name="Fernanda", last_name="Dias"),
            "gestora": UserFactory(roles=["manager"], first_name="Helena"),
            "requester": UserFactory(roles=["requester"]),
            "legal": UserFactory(roles=["legal_reviewer"]),
            "auditor": UserFactory(roles=["auditor"])}


def ours(team):
    """The absences of the test's people (the test database holds the demo's too)."""
    return Absence.objects.filter(user__in=list(team.values()))


def _post(client, user, data, url=URL):
    client.force_login(user)
    return client.post(url, data)


def _days(first, last, **extra):
    return {"kind": "vacation", "starts_on": first.isoformat(), "ends_on": last.isoformat(),
            **extra}


@pytest.mark.parametrize("who, status", [("diego", 200), ("chefe", 200), ("gestora", 200),
                                         ("requester", 403), ("legal", 403),
                                         ("auditor", 403)])
def test_who_opens_the_absences_page(client, team, who, status):
    client.force_login(team[who])
    response = client.get(URL)
    assert response.status_code == status
    if status == 200:  # whoever manages the team picks the person; an editor is himself
        assert ('name="person"' in response.content.decode()) == (who != "diego")


def test_the_head_of_communication_records_anyone_s_absence_and_it_is_audited(client, team):
    response = _post(client, team["chefe"], _days(MONDAY, MONDAY + dt.timedelta(days=4),
                                                  person=team["elisa"].pk, kind="training",
                                                  reason="Curso de acessibilidade"))
    assert response.status_code == 302
    absence = ours(team).get()
    assert (absence.user, absence.kind, absence.starts_on, absence.ends_on) == (
        team["elisa"], "training", MONDAY, MONDAY + dt.timedelta(days=4))
    event = AuditEvent.objects.get(verb="absence_record")
    assert event.actor == team["chefe"] and event.subject_id == str(team["elisa"].pk)
    assert "Curso" not in json.dumps(event.payload)  # the note stays off the trail
    from audit import registry

    assert registry.describe(event) == (
        "Fernanda Dias recorded an absence of Elisa Lima (training) from 03/10/2031 to 03/14/2031.")
    # The manager changes it; the trail says what it was.
    response = _post(client, team["gestora"], _days(MONDAY, MONDAY + dt.timedelta(days=1),
                                                    person=team["elisa"].pk),
                     url=reverse("calendars:absence_edit", args=[absence.pk]))
    assert response.status_code == 302
    change = AuditEvent.objects.get(verb="absence_change")
    assert "it was training from 03/10/2031 to 03/14/2031" in registry.describe(change)
    client.post(reverse("calendars:absence_remove", args=[absence.pk]))
    assert not ours(team).exists()
    assert AuditEvent.objects.filter(verb="absence_remove", actor=team["gestora"]).exists()


def test_an_editor_records_his_own_and_a_forged_person_is_refused(client, team):
    diego, elisa = team["diego"], team["elisa"]
    response = _post(client, diego, _days(MONDAY, MONDAY))
    assert response.status_code == 302
    assert ours(team).get().user == diego
    # A post naming someone else (the form has no such field for him): 403, nothing written.
    forged = _post(client, diego, _days(MONDAY + dt.timedelta(days=7),
                                        MONDAY + dt.timedelta(days=8), person=elisa.pk))
    assert forged.status_code == 403
    assert ours(team).count() == 1
    # Naming himself is what the form would have done.
    assert _post(client, diego, _days(MONDAY + dt.timedelta(days=7),
                                      MONDAY + dt.timedelta(days=8),
                                      person=diego.pk)).status_code == 302
    theirs = absence_save(by=team["chefe"], person=elisa, kind="leave", starts_on=MONDAY,
                          ends_on=MONDAY)
    edit = reverse("calendars:absence_edit", args=[theirs.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, _days(MONDAY, MONDAY)).status_code == 403
    assert client.post(reverse("calendars:absence_remove", args=[theirs.pk])).status_code == 403
    assert Absence.objects.get(pk=theirs.pk).kind == "leave"
    # And his own: the edit form may not move it onto someone else either.
    own = Absence.objects.filter(user=diego).first()
    moved = client.post(reverse("calendars:absence_edit", args=[own.pk]),
                        _days(MONDAY, MONDAY, person=elisa.pk))
    assert moved.status_code == 403 and Absence.objects.get(pk=own.pk).user == diego


@pytest.mark.parametrize("who", ["requester", "legal", "auditor"])
def test_others_may_not_post(client, team, who):
    response = _post(client, team[who], _days(MONDAY, MONDAY, person=team[who].pk))
    assert response.status_code == 403 and not ours(team).exists()


@pytest.mark.parametrize("first, last, message", [
    ("2031-03-14", "2031-03-10", "The last day cannot be before the first."),
    ("2031-02-30", "2031-03-10", "Enter a valid date."),
    ("3000-01-01", "3000-01-02", "Choose dates between the years 1900 and 2999."),
    ("", "2031-03-10", "This field is required."),
])
def test_bad_dates_are_told_in_words_and_nothing_is_written(client, team, first, last,
                                                            message):
    response = _post(client, team["gestora"], {"person": team["diego"].pk, "kind": "vacation",
                                               "starts_on": first, "ends_on": last})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ours(team).exists()


def test_an_overlapping_absence_is_refused_with_the_one_already_there(client, team):
    absence_save(by=team["chefe"], person=team["diego"], kind="vacation", starts_on=MONDAY,
                 ends_on=MONDAY + dt.timedelta(days=4))
    response = _post(client, team["diego"], _days(MONDAY + dt.timedelta(days=4),
                                                  MONDAY + dt.timedelta(days=9)))
    assert response.status_code == 400
    assert ("Diego Souza is already away from 03/10/2031 to 03/14/2031: change that absence "
            "instead.") in response.content.decode()
    assert ours(team).count() == 1


def _items(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("calendars:data"), {
        "start": "2031-03-01T00:00:00-03:00", "end": "2031-04-01T00:00:00-03:00", **query})
    assert response.status_code == 200
    return [item for item in response.json() if item["id"].startswith("absence-")]


def test_absences_are_a_layer_of_the_calendar_json_for_the_team(client, team):
    absence = absence_save(by=team["chefe"], person=team["elisa"], kind="vacation",
                           starts_on=MONDAY, ends_on=MONDAY + dt.timedelta(days=4),
                           reason="Viagem")
    [item] = _items(client, team["diego"])
    assert item["title"] == "Away: Elisa Lima (vacation)"
    assert (item["start"], item["end"], item["allDay"]) == ("2031-03-10", "2031-03-15", True)
    assert item["extendedProps"]["layer"] == "absences" and "absence" in item["classNames"]
    assert "url" not in item and not item["editable"]  # not his: no edit link
    assert "Viagem" not in json.dumps(item)
    [mine] = _items(client, team["gestora"])
    assert mine["url"] == reverse("calendars:absence_edit", args=[absence.pk])
    # Filterable like the other layers: only absences, or none of them.
    assert len(_items(client, team["diego"], show="absences")) == 1
    assert _items(client, team["diego"], show="events") == []
    assert _items(client, team["diego"], kind="publication") == []
    # The requester, the legal reviewer: not theirs to see (the layer is not offered at all).
    for who in ("requester", "legal"):
        assert _items(client, team[who]) == []
        page = client.get(reverse("calendars:calendar")).content.decode()
        assert 'value="absences"' not in page and 'data-layer-count="absences"' not in page
    client.force_login(team["diego"])
    page = client.get(reverse("calendars:calendar")).content.decode()
    assert 'value="absences"' in page and 'data-layer-count="absences"' in page


def test_an_absence_outside_the_window_is_not_in_it(client, team):
    absence_save(by=team["chefe"], person=team["elisa"], kind="leave",
                 starts_on=dt.date(2031, 2, 20), ends_on=dt.date(2031, 2, 28))
    assert _items(client, team["diego"]) == []
    absence_save(by=team["chefe"], person=team["diego"], kind="leave",
                 starts_on=dt.date(2031, 2, 27), ends_on=dt.date(2031, 3, 2))
    [item] = _items(client, team["chefe"])
    assert item["title"] == "Away: Diego Souza (leave)"


def test_the_layer_costs_one_query_whatever_the_number_of_absences(client, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = [UserFactory(roles=["editor"]) for _ in range(8)]
    counts = []
    for group in (people[:1], people[1:]):
        for person in group:
            absence_save(by=team["chefe"], person=person, kind="training", starts_on=MONDAY,
                         ends_on=MONDAY)
        _items(client, team["diego"])  # warm session and permission caches
        with CaptureQueriesContext(connection) as queries:
            found = _items(client, team["diego"])
        counts.append(len(queries))
    assert len(found) == 8 and counts[0] == counts[1], counts
