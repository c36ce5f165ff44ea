"""Pages and endpoints: editorial calendar data, drag-to-reschedule, events, feeds, import."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from calendars.models import Event, EventKind, Feed, Visibility
from calendars.tests.factories import EventFactory
from org.tests.factories import SecretariatFactory, UserFactory
from workflows.models import ContentRequest, Publication
from workflows.tests.factories import ContentRequestFactory

pytestmark = pytest.mark.django_db


def piece(channel, state="scheduled", **request_fields):
    request = ContentRequestFactory(**request_fields)
    ContentRequest.objects.filter(pk=request.pk).update(state=state)
    return Publication.objects.create(request=request, channel=channel, title="Peça",
                                      body="Texto.",
                                      scheduled_at=timezone.now() + dt.timedelta(days=2))


def move(client, publication, when):
    return client.post(reverse("calendars:move", args=[publication.pk]),
                       data=json.dumps({"start": when.isoformat()}),
                       content_type="application/json")


def approved_warnings(publication):
    """What scheduling it would have taken: an approver's override of the open warnings."""
    from approvals.compliance.services import warnings_override_all

    approver = UserFactory(roles=["approver"])
    warnings_override_all(request=publication.request, by=approver, reason="Aprovado assim.")
    return publication


def test_editor_drags_a_scheduled_piece_through_the_service(client, editor, channel):
    publication = approved_warnings(piece(channel))
    client.force_login(editor)
    when = timezone.now() + dt.timedelta(days=5)
    response = move(client, publication, when)
    assert response.status_code == 200, response.content
    publication.refresh_from_db()
    assert publication.scheduled_at == when and publication.sequence == 1
    assert AuditEvent.objects.filter(verb="reschedule", target_id=str(publication.pk)).exists()


def test_a_scheduled_piece_cannot_be_dragged_into_a_blackout_window(client, editor, channel):
    publication = approved_warnings(piece(channel))
    before = publication.scheduled_at
    start = timezone.now() + dt.timedelta(days=10)
    EventFactory(kind=EventKind.BLACKOUT, title="Período eleitoral", starts_at=start,
                 ends_at=start + dt.timedelta(days=30))
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = move(client, publication, start + dt.timedelta(days=2))
    assert response.status_code == 400
    assert "blocker" in response.json()["error"].lower()
    publication.refresh_from_db()
    assert publication.scheduled_at == before and publication.sequence == 0
    assert not AuditEvent.objects.filter(verb="reschedule").exists()


def test_requester_cannot_drag_and_gets_a_clear_message(client, channel):
    sec = SecretariatFactory()
    requester = UserFactory(roles=["requester"], secretariats=[sec])
    publication = piece(channel, secretariat=sec)
    before = publication.scheduled_at
    client.force_login(requester)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # asserts the English source text
    response = move(client, publication, timezone.now() + dt.timedelta(days=5))
    assert response.status_code == 403
    assert "not allowed" in response.json()["error"]
    publication.refresh_from_db()
    assert publication.scheduled_at == before and publication.sequence == 0


def test_drag_to_the_past_is_refused_with_the_service_message(client, editor, channel):
    publication = piece(channel)
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # asserts the English source text
    response = move(client, publication, timezone.now() - dt.timedelta(days=1))
    assert response.status_code == 400
    assert "future" in response.json()["error"]


def test_drag_of_a_piece_in_a_state_that_cannot_be_scheduled(client, editor, channel):
    publication = piece(channel, state="in_review")
    client.force_login(editor)
    assert move(client, publication, timezone.now() + dt.timedelta(days=3)).status_code == 403


def test_drag_of_an_invisible_piece_is_404(client, channel):
    publication = piece(channel)
    client.force_login(UserFactory(roles=["requester"], secretariats=[SecretariatFactory()]))
    assert move(client, publication, timezone.now() + dt.timedelta(days=3)).status_code == 404


def test_calendar_page_and_data(client, editor, channel, django_assert_max_num_queries):
    client.force_login(editor)
    page = client.get(reverse("calendars:calendar"))
    assert page.status_code == 200
    assert b"vendor/fullcalendar/index.global.min.js" in page.content
    # Nothing loaded from another host (a CDN): every script and stylesheet is served here.
    # (Not a search for "cdn" in the page: the test data's random names can contain it.)
    assert not re.search(rb'<(script|link)[^>]+(src|href)="(https?:)?//', page.content)
    event = EventFactory(kind=EventKind.INAUGURATION)
    publication = piece(channel)
    for _ in range(5):
        piece(channel)
    start = (timezone.now() - dt.timedelta(days=10)).isoformat()
    end = (timezone.now() + dt.timedelta(days=30)).isoformat()
    url = reverse("calendars:data")
    with django_assert_max_num_queries(30):
        items = client.get(url, {"start": start, "end": end}).json()
    ids = {item["id"] for item in items}
    assert {f"event-{event.pk}", f"publication-{publication.pk}"} <= ids
    by_id = {item["id"]: item for item in items}
    assert by_id[f"publication-{publication.pk}"]["editable"] is True
    assert by_id[f"event-{event.pk}"]["editable"] is False
    only_kind = client.get(url, {"start": start, "end": end, "kind": "holiday"}).json()
    assert only_kind == []
    only_channel = client.get(url, {"start": start, "end": end, "channel": channel.pk}).json()
    assert {i["id"] for i in only_channel} == {i for i in ids if i.startswith("publication")}


def test_requester_sees_pieces_as_not_editable(client, channel):
    sec = SecretariatFactory()
    requester = UserFactory(roles=["requester"], secretariats=[sec])
    publication = piece(channel, secretariat=sec)
    client.force_login(requester)
    items = client.get(reverse("calendars:data"), {
        "start": timezone.now().isoformat(),
        "end": (timezone.now() + dt.timedelta(days=10)).isoformat()}).json()
    assert [(i["id"], i["editable"]) for i in items] == [(f"publication-{publication.pk}", False)]


def test_editor_creates_an_event_requester_cannot(client, editor):
    data = {"kind": "inauguration", "title": "Inauguração da UBS", "starts_at": "2026-12-10T10:00",
            "ends_at": "2026-12-10T12:00", "status": "confirmed", "visibility": "public"}
    client.force_login(UserFactory(roles=["requester"]))
    assert client.post(reverse("calendars:event_create"), data).status_code == 403
    client.force_login(editor)
    response = client.post(reverse("calendars:event_create"), data)
    event = Event.objects.get()
    assert response.status_code == 302 and event.title == "Inauguração da UBS"


def test_request_coverage_prefills_and_links(client):
    sec = SecretariatFactory()
    requester = UserFactory(roles=["requester"], secretariats=[sec])
    event = EventFactory(secretariat=sec, title="Feira de ciências")
    client.force_login(requester)
    form = client.get(reverse("calendars:event_coverage", args=[event.pk]))
    assert "Feira de ciências" in form.content.decode()
    response = client.post(reverse("calendars:event_coverage", args=[event.pk]),
                           {"secretariat": sec.pk, "brief": "Cobertura fotográfica."})
    request = ContentRequest.objects.get(secretariat=sec)
    assert response.status_code == 302 and request.kind == "coverage"
    assert request.desired_date == timezone.localtime(event.starts_at).date()
    assert list(event.coverage_requests.all()) == [request]


def test_feed_management_shows_links_once_and_rotates(client, editor):
    client.force_login(editor)
    client.post(reverse("calendars:feeds"), {"name": "Minha agenda", "include_publications": "on"})
    feed = Feed.objects.get()
    first = client.get(reverse("calendars:feeds")).content.decode()
    assert "webcal://" in first and "/feeds/" in first
    assert "webcal://" not in client.get(reverse("calendars:feeds")).content.decode()
    old_hash = feed.token_hash
    client.post(reverse("calendars:feed_rotate", args=[feed.pk]))
    feed.refresh_from_db()
    assert feed.token_hash != old_hash
    client.post(reverse("calendars:feed_revoke", args=[feed.pk]))
    feed.refresh_from_db()
    assert feed.revoked_at is not None


def test_someone_elses_feed_is_404(client, editor):
    from calendars.services import feed_create

    feed, _token = feed_create(by=editor, name="Dele")
    client.force_login(UserFactory())
    assert client.post(reverse("calendars:feed_revoke", args=[feed.pk])).status_code == 404


def test_import_page_rejects_with_lines(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # asserts the English source text
    upload = SimpleUploadedFile("x.ics", b"BEGIN:VCALENDAR\r\nBROKEN\r\nEND:VCALENDAR\r\n")
    response = client.post(reverse("calendars:event_import"),
                           {"file": upload, "kind": "holiday", "visibility": "public"})
    assert response.status_code == 200
    assert "Line 2" in response.content.decode()
    assert not Event.objects.exists()


def test_internal_events_of_other_secretariats_are_hidden(client):
    other = EventFactory(visibility=Visibility.INTERNAL, secretariat=SecretariatFactory())
    client.force_login(UserFactory(roles=["requester"], secretariats=[SecretariatFactory()]))
    assert client.get(reverse("calendars:event_detail", args=[other.pk])).status_code == 404


def test_coverage_request_keeps_the_plan_action_only_when_the_form_would_offer_it(client):
    from plans.models import Plan
    from plans.tests.factories import ObjectiveFactory, PlanActionFactory, PlanFactory, approve

    sec, other = SecretariatFactory(), SecretariatFactory()
    requester = UserFactory(roles=["requester"], secretariats=[sec])
    starts = timezone.now() + dt.timedelta(days=3)
    year = timezone.localtime(starts).year
    Plan.objects.filter(year=year).update(year=year + 80)  # the demo's plan, out of the way
    plan = approve(PlanFactory(year=year))
    own = PlanActionFactory(objective=ObjectiveFactory(plan=plan), owner=sec,
                            start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    foreign = PlanActionFactory(objective=ObjectiveFactory(plan=plan), owner=other,
                                start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
    linked = EventFactory(secretariat=sec, plan_action=own, starts_at=starts,
                          ends_at=starts + dt.timedelta(hours=1))
    unlinked = EventFactory(secretariat=sec, plan_action=foreign, starts_at=starts,
                            ends_at=starts + dt.timedelta(hours=1))
    client.force_login(requester)
    for event in (linked, unlinked):
        client.post(reverse("calendars:event_coverage", args=[event.pk]),
                    {"secretariat": sec.pk, "brief": "Cobertura."})
    requests = {e.pk: e.coverage_requests.get() for e in (linked, unlinked)}
    assert requests[linked.pk].plan_action == own
    assert requests[unlinked.pk].plan_action is None  # foreign action: filed unlinked


def test_feeds_page_says_the_link_is_shown_once_and_how_to_get_a_new_one(client, editor):
    from html import unescape

    from django.utils import translation

    client.force_login(editor)
    with translation.override("en"):
        html = client.get(reverse("calendars:feeds"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    html = unescape(html)
    assert "A feed's link is shown only once" in html
    assert "Make one feed for each calendar app" in html
    assert "your other subscriptions keep working" in html
    assert "subscribe again in that app with the new link" in html


def test_built_in_days_off_are_on_the_calendar_once(client, editor):
    # The SLA table's days off (the built-in calendar's Carnaval, a local holiday) show as
    # holidays without anyone typing an event each year; a day a holiday event already shows
    # is not shown twice.
    from workflows.models import Holiday

    client.force_login(editor)
    today = timezone.localdate()
    carnaval, typed = today + dt.timedelta(days=3), today + dt.timedelta(days=5)
    Holiday.objects.update_or_create(date=carnaval, defaults={"name": "Carnaval"})
    event = EventFactory(kind=EventKind.HOLIDAY, title="Aniversário da cidade", all_day=True,
                         starts_at=timezone.make_aware(dt.datetime.combine(typed, dt.time())),
                         ends_at=timezone.make_aware(dt.datetime.combine(typed, dt.time(23, 59))))
    Holiday.objects.update_or_create(date=typed, defaults={"name": "Aniversário da cidade"})
    window = {"start": (timezone.now() - dt.timedelta(days=1)).isoformat(),
              "end": (timezone.now() + dt.timedelta(days=10)).isoformat()}
    items = client.get(reverse("calendars:data"), window).json()
    days_off = sorted((item for item in items if "kind-holiday" in item["classNames"]),
                      key=lambda item: item["start"])
    assert [(item["id"], item["title"], item["start"][:10]) for item in days_off] == [
        (f"holiday-{carnaval.isoformat()}", "Carnaval", carnaval.isoformat()),
        (f"event-{event.pk}", "Aniversário da cidade", typed.isoformat())]
    assert all(item["editable"] is False and item["allDay"] for item in days_off)
    # The kind filter keeps them with the holidays and drops them with another kind.
    holidays = client.get(reverse("calendars:data"), {**window, "kind": "holiday"}).json()
    assert {item["id"] for item in holidays} == {item["id"] for item in days_off}
    inaugurations = client.get(reverse("calendars:data"), {**window, "kind": "inauguration"})
    assert inaugurations.json() == []
