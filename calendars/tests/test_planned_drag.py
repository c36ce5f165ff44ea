"""The editorial calendar's planned pieces: dragged to propose a new desired date (the team
only), the state filter (show) with its layers, and a JSON whose cost does not grow with the
number of pieces."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from calendars.models import EventKind
from calendars.tests.factories import EventFactory
from org.models import Absence
from org.tests.factories import SecretariatFactory, UserFactory
from workflows.models import ContentRequest, Publication
from workflows.tests.factories import ContentRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english_messages):
    return english_messages


def planned(secretariat, channels, days=10, state="in_production"):
    request = ContentRequestFactory(secretariat=secretariat,
                                    desired_date=timezone.localdate() + dt.timedelta(days=days))
    ContentRequest.objects.filter(pk=request.pk).update(state=state)
    request.channels.set(channels)
    return ContentRequest.objects.get(pk=request.pk)


def propose(client, request, body, raw=False):
    data = body if raw else json.dumps(body)
    return client.post(reverse("calendars:propose_date", args=[request.pk]), data=data,
                       content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


def data(client, **filters):
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=3), dt.time()))
    response = client.get(reverse("calendars:data"), {
        "start": start.isoformat(), "end": (start + dt.timedelta(days=40)).isoformat(),
        **filters}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.content
    return {item["id"]: item for item in response.json()}


@pytest.fixture
def world(channel):
    secretariat = SecretariatFactory()
    requester = UserFactory(roles=["requester"], secretariats=[secretariat])
    return secretariat, requester, channel


def test_the_editor_drags_a_planned_piece_and_the_date_moves(client, editor, world):
    secretariat, _requester, channel = world
    request = planned(secretariat, [channel])
    client.force_login(editor)
    item = data(client)[f"planned-{request.pk}-{channel.pk}"]
    assert item["editable"] is True and item["request"] == request.pk
    new = request.desired_date + dt.timedelta(days=7)
    response = propose(client, request, {"start": new.isoformat(), "from": item["date"]})
    assert response.status_code == 200, response.content
    assert "requester was told" in response.json()["message"]
    assert ContentRequest.objects.get(pk=request.pk).desired_date == new
    assert AuditEvent.objects.filter(verb="propose_date", target_id=str(request.pk)).count() == 1
    assert data(client)[f"planned-{request.pk}-{channel.pk}"]["start"] == new.isoformat()


def test_the_requester_sees_planned_pieces_fixed_and_a_forged_drag_is_refused(client, world):
    secretariat, requester, channel = world
    request = planned(secretariat, [channel])
    client.force_login(requester)
    assert data(client)[f"planned-{request.pk}-{channel.pk}"]["editable"] is False
    new = request.desired_date + dt.timedelta(days=7)
    response = propose(client, request, {"start": new.isoformat()})
    assert response.status_code == 403 and "not allowed" in response.json()["error"]
    assert ContentRequest.objects.get(pk=request.pk).desired_date == request.desired_date
    assert not AuditEvent.objects.filter(verb="propose_date").exists()


@pytest.mark.parametrize("body", ['["2031-01-01"]', "not json", '{"start": "2031-02-30"}',
                                  '{"start": "3000-01-01"}', '{"start": 20310101}', "{}"])
def test_forged_bodies_answer_400_with_a_message(client, editor, world, body):
    secretariat, _requester, channel = world
    request = planned(secretariat, [channel])
    client.force_login(editor)
    response = propose(client, request, body, raw=True)
    assert response.status_code == 400
    assert "between the years 1900 and 2999" in response.json()["error"]
    assert not AuditEvent.objects.filter(verb="propose_date").exists()


def test_a_refused_date_comes_back_with_the_services_sentence(client, editor, world):
    secretariat, _requester, channel = world
    request = planned(secretariat, [channel])
    client.force_login(editor)
    response = propose(client, request, {"start": (timezone.localdate() - dt.timedelta(
        days=1)).isoformat()})
    assert response.status_code == 400 and "past" in response.json()["error"]


def test_invisible_scheduled_and_get_are_refused(client, editor, world):
    secretariat, requester, channel = world
    other = planned(SecretariatFactory(), [channel])
    client.force_login(requester)
    day = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    assert propose(client, other, {"start": day}).status_code == 404
    client.force_login(editor)
    scheduled = planned(secretariat, [channel], state="scheduled")
    assert propose(client, scheduled, {"start": day}).status_code == 403
    url = reverse("calendars:propose_date", args=[other.pk])
    assert client.get(url).status_code == 405


def test_the_state_filter_keeps_the_chosen_layers_and_the_other_filters(client, editor, world):
    secretariat, _requester, channel = world
    request = planned(secretariat, [channel])
    soon = timezone.now() + dt.timedelta(days=2)
    scheduled = Publication.objects.create(request=planned(secretariat, [channel],
                                                           state="scheduled"),
                                           channel=channel, title="No ar", scheduled_at=soon)
    done = planned(secretariat, [channel], state="published")
    published = Publication.objects.create(request=done, channel=channel, title="Saiu",
                                           scheduled_at=soon - dt.timedelta(days=3),
                                           published_at=soon - dt.timedelta(days=3))
    event = EventFactory(kind=EventKind.INAUGURATION, starts_at=soon,
                         ends_at=soon + dt.timedelta(hours=2))
    campaign = EventFactory(kind=EventKind.CAMPAIGN_PERIOD, starts_at=soon,
                            ends_at=soon + dt.timedelta(days=5))
    Absence.objects.all().delete()  # the demo's
    away = Absence.objects.create(user=editor, starts_on=soon.date(), ends_on=soon.date())
    client.force_login(editor)
    everything = data(client)
    layers = {i: item["extendedProps"]["layer"] for i, item in everything.items()}
    assert layers == {f"planned-{request.pk}-{channel.pk}": "planned",
                      f"publication-{scheduled.pk}": "scheduled",
                      f"publication-{published.pk}": "published",
                      f"event-{event.pk}": "events", f"event-{campaign.pk}": "campaigns",
                      f"absence-{away.pk}": "absences"}
    assert set(data(client, show="absences")) == {f"absence-{away.pk}"}
    # Absences are people's, not a secretariat's: a secretariat filter leaves them out.
    assert f"absence-{away.pk}" not in data(client, secretariat=secretariat.pk)
    assert set(data(client, show="planned")) == {f"planned-{request.pk}-{channel.pk}"}
    assert set(data(client, show=["published", "campaigns"])) == {
        f"publication-{published.pk}", f"event-{campaign.pk}"}
    assert set(data(client, show="events")) == {f"event-{event.pk}"}
    # With the kind filter: the kind's events, if their layer is ticked.
    assert set(data(client, show=["campaigns", "planned"], kind="campaign_period")) == {
        f"event-{campaign.pk}"}
    assert set(data(client, show=["events", "planned"], kind="campaign_period")) == set()
    # With the channel filter: pieces only.
    assert set(data(client, show=["scheduled", "events"], channel=channel.pk)) == {
        f"publication-{scheduled.pk}"}
    response = client.get(reverse("calendars:data"), {
        "start": timezone.now().isoformat(), "end": (timezone.now() + dt.timedelta(
            days=3)).isoformat(), "show": "everything"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "error" in response.json()


def test_the_page_offers_the_state_filter_and_a_count_per_layer(client, editor):
    client.force_login(editor)
    html = client.get(reverse("calendars:calendar"), {"show": "planned"},
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for layer in ("planned", "scheduled", "published", "events", "campaigns"):
        assert f'data-layer-count="{layer}"' in html
        assert f'value="{layer}"' in html
    config = html[html.index('id="calendar-config"'):]
    assert '"shown": ["planned"]' in config and "propose-date" in config


def _busy_month(secretariat, channels, n):
    """``n`` planned requests on two channels (one of them scheduled), ``n`` scheduled and
    ``n`` published pieces, ``n`` events."""
    soon = timezone.now() + dt.timedelta(days=5)
    for _ in range(n):
        request = planned(secretariat, channels)
        Publication.objects.create(request=request, channel=channels[1], title="Rádio",
                                   scheduled_at=soon)
        Publication.objects.create(request=planned(secretariat, channels[:1], state="scheduled"),
                                   channel=channels[0], title="No ar", scheduled_at=soon)
        Publication.objects.create(request=planned(secretariat, channels[:1], state="published"),
                                   channel=channels[0], title="Saiu", scheduled_at=soon,
                                   published_at=soon - dt.timedelta(days=4))
        EventFactory(kind=EventKind.PUBLIC_EVENT, starts_at=soon,
                     ends_at=soon + dt.timedelta(hours=1))


@pytest.mark.parametrize("role", ["editor", "requester"])
def test_the_json_costs_the_same_queries_for_3_and_for_15_of_each(client, world, role):
    from plans.models import Channel

    secretariat, requester, channel = world
    radio = Channel.objects.update_or_create(code="radio-x", defaults={"name": "Rádio X"})[0]
    person = UserFactory(roles=["editor"]) if role == "editor" else requester
    Absence.objects.all().delete()  # the demo's (absences are measured in their own test)
    client.force_login(person)
    counts = {}
    for size, add in ((3, 3), (15, 12)):
        _busy_month(secretariat, [channel, radio], add)
        data(client)  # the session and permission caches are warm in both measures
        with CaptureQueriesContext(connection) as queries:
            items = data(client)
        counts[size] = len(queries)
        # Each round: the planned piece on the portal (its radio piece has a date, so it is
        # neither planned nor, still in production, on the calendar), scheduled, published,
        # the event.
        assert len(items) == size * 4
    assert counts[3] == counts[15], counts
    # 13: the built-in days off (workflows.Holiday) too; 14 with the team's absences
    assert counts[15] <= 14, counts
