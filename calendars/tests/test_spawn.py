"""A checklist step that files a content request: photo coverage, the post-event release.
Filed as a draft through the request service, linked both ways, audited, once."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit import registry
from audit.models import AuditEvent
from calendars import services, spawn
from calendars.models import ChecklistItem, EventKind
from org.models import Secretariat
from workflows.models import ContentRequest, RequestKind

pytestmark = pytest.mark.usefixtures("english_messages")  # they read the messages


def _at(days: int, hour: int = 10):
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def coverage_step(demo, channel):
    return ChecklistItem.objects.create(
        kind=EventKind.INAUGURATION, title="Cobertura de foto", offset_days=-7,
        request_kind=RequestKind.COVERAGE, request_channel=channel, request_offset_days=0,
        position=50)


def _inauguration(demo, acronym="SEMED", days=20, **extra):
    start = _at(days)
    return services.event_create(
        by=demo["diego.editor"], kind=EventKind.INAUGURATION, title="Inauguração da Escola",
        location="Rua A", starts_at=start, ends_at=start + dt.timedelta(hours=2),
        secretariat=Secretariat.objects.get(acronym=acronym) if acronym else None, **extra)


def test_applying_the_checklist_files_the_draft_request_linked_both_ways(
        demo, coverage_step, channel):
    event = _inauguration(demo)
    task = event.tasks.get(source=coverage_step)
    request = task.request
    assert request is not None and request.state == "draft"
    assert request.kind == RequestKind.COVERAGE
    # The editor may not file for SEMED: the secretariat's focal point is the requester.
    assert request.requester == demo["bruno.educacao"]
    assert request.secretariat.acronym == "SEMED"
    assert request.desired_date == timezone.localdate(event.starts_at)
    assert list(request.channels.all()) == [channel]
    assert list(event.coverage_requests.all()) == [request]
    assert list(request.calendar_events.all()) == [event]
    audit = AuditEvent.objects.get(verb="calendar_task_request", target_id=str(task.pk))
    assert audit.actor == demo["diego.editor"]
    assert audit.payload["request"] == request.pk
    # The focal point is told a draft was filed in their name.
    verb = registry.get("calendar_task_request")
    assert list(verb.recipients(audit)) == [demo["bruno.educacao"]]
    assert f"#{request.pk}" in registry.notice(audit)
    # Only the spawning step filed one.
    assert event.tasks.exclude(request__isnull=True).count() == 1


def test_a_head_files_when_the_secretariat_has_no_focal_point(demo, coverage_step):
    event = _inauguration(demo, acronym="SMS")
    assert event.tasks.get(source=coverage_step).request.requester == demo["ana.saude"]


def test_the_desired_date_follows_the_step_and_a_short_notice_is_justified(demo, channel):
    step = ChecklistItem.objects.create(
        kind=EventKind.INAUGURATION, title="Release pós-evento", offset_days=1,
        request_kind=RequestKind.PRESS_RELEASE, request_offset_days=1, position=51)
    event = _inauguration(demo, days=0)  # tomorrow is inside every lead time
    request = event.tasks.get(source=step).request
    assert request.desired_date == timezone.localdate(event.starts_at) + dt.timedelta(days=1)
    assert "Inauguração da Escola" in request.priority_justification


def test_filing_twice_files_once(demo, coverage_step, client):
    event = _inauguration(demo, acronym=None)  # no secretariat: nobody can file at once
    task = event.tasks.get(source=coverage_step)
    assert task.request is None
    event.secretariat = Secretariat.objects.get(acronym="SEMED")
    event.save()
    before = ContentRequest.objects.count()
    client.force_login(demo["diego.editor"])
    url = reverse("calendars:event_task_request", args=[event.pk, task.pk])
    first = client.post(url, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    second = client.post(url, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert ContentRequest.objects.count() == before + 1
    task.refresh_from_db()
    assert f"Draft content request #{task.request_id} filed." in first.content.decode()
    assert "already has its content request" in second.content.decode()
    assert AuditEvent.objects.filter(verb="calendar_task_request",
                                     target_id=str(task.pk)).count() == 1
    assert spawn.task_request_file(task=task, by=demo["diego.editor"]) == task.request


def test_without_a_secretariat_the_button_says_why(demo, coverage_step, client,
                                                  english_messages):
    event = _inauguration(demo, acronym=None)
    task = event.tasks.get(source=coverage_step)
    client.force_login(demo["diego.editor"])
    page = client.get(reverse("calendars:event_detail", args=[event.pk])).content.decode()
    assert "File the content request" in page
    response = client.post(reverse("calendars:event_task_request", args=[event.pk, task.pk]),
                           follow=True)
    assert "give the event a secretariat with a focal point" in response.content.decode()
    task.refresh_from_db()
    assert task.request is None


def test_a_task_without_a_request_kind_and_a_forged_post(demo, coverage_step, client):
    event = _inauguration(demo)
    plain = event.tasks.filter(source__request_kind="").first()
    client.force_login(demo["bruno.educacao"])  # sees the event, manages no events
    url = reverse("calendars:event_task_request", args=[event.pk, plain.pk])
    assert client.post(url).status_code == 403
    client.force_login(demo["diego.editor"])
    client.post(url)
    plain.refresh_from_db()
    assert plain.request is None


def test_the_task_shows_the_request_and_the_request_page_the_event(demo, coverage_step, client,
                                                                  english_messages):
    event = _inauguration(demo)
    request = event.tasks.get(source=coverage_step).request
    client.force_login(demo["diego.editor"])
    page = client.get(reverse("calendars:event_detail", args=[event.pk])).content.decode()
    assert reverse("workflows:detail", args=[request.pk]) in page
    assert "Draft" in page
    client.force_login(demo["bruno.educacao"])
    detail = client.get(reverse("workflows:detail", args=[request.pk])).content.decode()
    assert "Coverage of the event “Inauguração da Escola”" in detail
    assert reverse("calendars:event_detail", args=[event.pk]) in detail


def test_a_past_desired_date_files_nothing_and_the_button_says_so(demo, coverage_step, client,
                                                                  english_messages):
    event = _inauguration(demo, days=-3)
    task = event.tasks.get(source=coverage_step)
    assert task.request is None and not event.coverage_requests.exists()
    client.force_login(demo["diego.editor"])
    response = client.post(reverse("calendars:event_task_request", args=[event.pk, task.pk]),
                           follow=True)
    assert "has passed" in response.content.decode()
