"""The auditor's audit trail page: who may open it, its filters, forged queries, the chain
status, its query bound, and the CSV and XLSX exports read back."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from audit import anchor
from audit.models import AuditEvent, VerificationRun
from audit.services import record
from org.models import Secretariat
from pauta import clock

URL = reverse("audit:trail")


@pytest.fixture(autouse=True)
def checkpoint_dir(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")  # asserts the English source text
    client.force_login(user)
    return client


def _request(demo, title="Campanha da dengue"):
    from workflows import services

    return services.request_create(by=demo["ana.saude"], kind="news", title=title, brief="b",
                                   secretariat=Secretariat.objects.get(acronym="SMS"))


@pytest.fixture
def trail(demo):
    """Two requests (events by Ana) and a submit by her; the events are the newest."""
    dengue = _request(demo)
    vaccine = _request(demo, title="Vacinação de inverno")
    record(by=demo["ana.saude"], verb="submit", target=dengue, from_state="draft",
           to_state="submitted")
    return {"dengue": dengue, "vaccine": vaccine, "auditor": demo["igor.auditor"]}


def _rows(response) -> int:
    return response.content.decode().count('data-label="When"')


def test_only_people_with_the_trail_permission_open_it(trail, demo):
    assert _client(trail["auditor"]).get(URL).status_code == 200
    for name in ("ana.saude", "diego.editor", "helena.gestora"):
        assert _client(demo[name]).get(URL).status_code == 403
        assert _client(demo[name]).get(reverse("audit:export_csv")).status_code == 403
        assert _client(demo[name]).get(reverse("audit:export_xlsx")).status_code == 403
    assert Client().get(URL).status_code == 302  # to the login page


def test_sentences_labels_and_objects_never_codes(trail):
    page = _client(trail["auditor"]).get(URL).content.decode()
    page = page[page.index("<tbody>"):page.index("</tbody>")]  # the list, not the filters
    assert "submitted the request." in page and ">Submit<" in page
    assert "Campanha da dengue" in page
    assert reverse("workflows:detail", args=[trail["dengue"].pk]) in page
    assert ">submit<" not in page and "workflows.contentrequest" not in page


def test_filter_by_verb_person_object_and_period(trail, demo):
    client = _client(trail["auditor"])
    assert _rows(client.get(URL, {"verb": "submit"})) == 1
    everyone = _rows(client.get(URL))
    by_ana = _rows(client.get(URL, {"person": demo["ana.saude"].pk}))
    assert by_ana >= 3 and _rows(client.get(URL, {"person": demo["igor.auditor"].pk})) == 0
    assert everyone >= by_ana
    by_title = client.get(URL, {"kind": "workflows.contentrequest", "object": "dengue"})
    assert _rows(by_title) == 2 and "Vacinação" not in by_title.content.decode()
    by_id = client.get(URL, {"object": str(trail["vaccine"].pk),
                             "kind": "workflows.contentrequest"})
    assert _rows(by_id) == 1
    today = clock.today()
    assert _rows(client.get(URL, {"start": today.isoformat(), "end": today.isoformat()})) >= 3
    past = (today - timedelta(days=400)).isoformat()
    assert _rows(client.get(URL, {"start": past, "end": past})) == 0
    assert _rows(client.get(URL, {"q": "vacinação de inverno"})) == 1  # an object's title
    # a person's name (the demo's titles may hold "Ribeiro" too: at least her events)
    assert _rows(client.get(URL, {"q": "Ribeiro"})) >= by_ana


@pytest.mark.parametrize("query, message", [
    ({"start": "2026-99-01"}, "Enter a valid date"),
    ({"start": "0001-01-01"}, "between the years 1900 and 2999"),
    ({"start": "2026-12-01", "end": "2026-01-01"}, "comes before its start"),
    ({"verb": "drop_table"}, "Choose an action from the list"),
    ({"kind": "auth.permission"}, "Choose a kind of object from the list"),
    ({"person": "99999999999999999999"}, "Choose a person from the list"),
    ({"q": "x" * 500}, "at most 200 characters"),
])
def test_forged_query_strings_get_a_clear_message_not_a_500(trail, query, message):
    response = _client(trail["auditor"]).get(URL, query)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and _rows(response) == 0
    export = _client(trail["auditor"]).get(reverse("audit:export_csv"), query)
    assert export.status_code == 302 and export["Location"].startswith(URL)


def test_page_query_count_does_not_grow_with_the_trail(trail, django_assert_max_num_queries):
    client = _client(trail["auditor"])
    client.get(URL)  # warm the session and the caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for index in range(120):
        record(by=trail["auditor"], verb="submit",
               target=trail["dengue"] if index % 2 else trail["vaccine"])
    with django_assert_max_num_queries(len(small)):
        response = client.get(URL)
    assert _rows(response) == 50 and "Page 1 of" in response.content.decode()


def test_chain_status_shows_the_latest_run_of_the_command_and_the_task(trail):
    client = _client(trail["auditor"])
    assert "has not been verified yet" in client.get(URL).content.decode()
    call_command("verify_audit")
    run = VerificationRun.objects.get()
    assert run.ok and run.source == "command" and run.count == AuditEvent.objects.count()
    page = client.get(URL).content.decode()
    assert "Intact" in page and "command line" in page

    from workflows.tasks import audit_checkpoint

    audit_checkpoint.call_local()
    assert VerificationRun.objects.first().source == "task"
    AuditEvent.objects.filter(pk=trail["dengue"].events.first().pk).update(payload={"x": 1})
    assert not anchor.verify_audit(full=True).ok
    page = client.get(URL).content.decode()
    assert "Problem found" in page and "was changed outside Pauta" in page
    assert VerificationRun.objects.count() == 3


def test_csv_export_streams_the_filtered_list_injection_safe(trail, demo):
    evil = _request(demo, title='=HYPERLINK("http://x","y")')
    client = _client(trail["auditor"])
    response = client.get(reverse("audit:export_csv"), {"object": "HYPERLINK"})
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["When", "Person", "Action", "What happened"]
    assert len(rows) == 2 and rows[1][5] == str(evil.pk)
    assert rows[1][6] == "'" + evil.title  # never a formula
    assert AuditEvent.objects.filter(verb="audit_trail_export",
                                     actor=trail["auditor"]).count() == 1


def test_xlsx_export_opens_back_with_the_filtered_rows(trail, demo):
    _request(demo, title='=1+1')
    client = _client(trail["auditor"])
    response = client.get(reverse("audit:export_xlsx"), {"verb": "create"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "Action" and len(rows) == 1 + AuditEvent.objects.filter(
        verb="create").count()
    titles = [row[6] for row in rows[1:]]
    assert "=1+1" in titles  # stored as text
    cell = next(c for c in sheet["G"] if c.value == "=1+1")
    assert cell.data_type == "s"
    assert all(row[2] == "Create" for row in rows[1:])


def test_xlsx_export_refuses_a_list_too_long_and_offers_the_csv(trail, monkeypatch):
    from audit import exports

    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 1)
    response = _client(trail["auditor"]).get(reverse("audit:export_xlsx"), follow=True)
    assert "export to CSV" in response.content.decode()


def test_an_unregistered_code_and_a_moved_kind_read_as_words(trail):
    from audit import chain

    old = chain.append(actor=trail["auditor"], verb="legacy_thing", target=trail["dengue"],
                       subject=trail["dengue"])
    AuditEvent.objects.filter(pk=old.pk).update(subject_type="workflows.campaign")  # an alias
    page = _client(trail["auditor"]).get(URL, {"q": ""}).content.decode()
    row = page[page.index("<tbody>"):page.index("</tr>", page.index("<tbody>"))]
    assert "recorded an event." in row and ">Other event<" in row
    assert "legacy_thing" not in row and "workflows.campaign" not in row
    assert "Campaign #" in row  # the alias reads as the kind it moved to


def test_the_auditor_home_and_menu_link_the_trail(trail, demo):
    auditor = _client(trail["auditor"]).get(reverse("home")).content.decode()
    assert auditor.count(f'href="{URL}"') >= 2  # the home card and the menu
    editor = _client(demo["diego.editor"]).get(reverse("home")).content.decode()
    assert f'href="{URL}"' not in editor
