"""The editorial calendar's look: a colour per channel with its legend, planned pieces told
apart from scheduled and published ones, every piece named in words as well as colour."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from calendars.colours import PALETTE_SIZE, channel_classes
from org.tests.factories import SecretariatFactory, UserFactory
from plans.models import Channel
from workflows.models import ContentRequest, Publication
from workflows.tests.factories import ContentRequestFactory

pytestmark = pytest.mark.django_db


def _request(state, secretariat, desired, channels):
    request = ContentRequestFactory(secretariat=secretariat, desired_date=desired,
                                    title=f"Pauta {state}")
    ContentRequest.objects.filter(pk=request.pk).update(state=state)
    request.channels.set(channels)
    return request


def _data(client, **filters):
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=3), dt.time()))
    end = start + dt.timedelta(days=30)
    with translation.override("en"):
        response = client.get(reverse("calendars:data"), {
            "start": start.isoformat(), "end": end.isoformat(), **filters},
            HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return {item["id"]: item for item in response.json()}


@pytest.fixture
def world():
    portal = Channel.objects.update_or_create(code="portal", defaults={"name": "Portal"})[0]
    radio = Channel.objects.update_or_create(code="radio-x", defaults={"name": "Rádio X"})[0]
    secretariat = SecretariatFactory()
    requester = UserFactory(roles=["requester"], secretariats=[secretariat])
    return portal, radio, secretariat, requester


def test_planned_pieces_are_all_day_tentative_and_named_planned(client, world):
    portal, radio, secretariat, requester = world
    desired = timezone.localdate() + dt.timedelta(days=5)
    planned = _request("in_production", secretariat, desired, [portal, radio])
    # One of its channels already has a date: only the other one is still "planned".
    Publication.objects.create(request=planned, channel=radio, title="No rádio", body="Texto.",
                               scheduled_at=timezone.now() + dt.timedelta(days=4))
    _request("draft", secretariat, desired, [portal])  # a draft is not planned work yet
    on_air = _request("scheduled", secretariat, desired, [radio])
    Publication.objects.create(request=on_air, channel=radio, title="No ar", body="Texto.",
                               scheduled_at=timezone.now() + dt.timedelta(days=4))
    _request("published", secretariat, desired, [portal])
    client.force_login(requester)
    items = _data(client)
    colours = channel_classes()
    item = items[f"planned-{planned.pk}-{portal.pk}"]
    assert item["allDay"] is True and item["editable"] is False
    assert item["start"] == desired.isoformat()
    assert item["title"] == f"Planned: [Portal] {planned.title}"
    assert "planned" in item["classNames"] and colours[portal.pk] in item["classNames"]
    assert item["extendedProps"]["kind"] == "Planned piece (desired date)"
    assert item["extendedProps"]["order"] == 2  # a day lists events, then dated, then planned
    assert f"planned-{planned.pk}-{radio.pk}" not in items
    scheduled = next(i for i in items.values() if i["id"].startswith("publication-"))
    assert "scheduled" in scheduled["classNames"] and "planned" not in scheduled["classNames"]
    assert colours[radio.pk] in scheduled["classNames"]
    assert scheduled["extendedProps"]["order"] == 1
    assert scheduled["title"] == "[Rádio X] No ar"
    assert [i for i in items if i.startswith("planned-")] == [f"planned-{planned.pk}-{portal.pk}"]


def test_planned_pieces_follow_the_channel_filter_and_the_readers_sight(client, world):
    portal, radio, secretariat, requester = world
    desired = timezone.localdate() + dt.timedelta(days=2)
    mine = _request("submitted", secretariat, desired, [portal, radio])
    other = _request("in_review", SecretariatFactory(), desired, [portal])
    client.force_login(requester)
    only_radio = _data(client, channel=radio.pk)
    assert set(only_radio) == {f"planned-{mine.pk}-{radio.pk}"}
    assert f"planned-{other.pk}-{portal.pk}" not in _data(client)
    assert _data(client, kind="holiday") == {}


def test_a_published_piece_says_so_in_its_title(client, world):
    portal, _radio, secretariat, requester = world
    request = _request("published", secretariat, None, [portal])
    published = Publication.objects.create(
        request=request, channel=portal, title="Saiu", body="Texto.",
        scheduled_at=timezone.now() - dt.timedelta(days=1),
        published_at=timezone.now() - dt.timedelta(days=1))
    client.force_login(requester)
    item = _data(client)[f"publication-{published.pk}"]
    assert item["title"] == "Published: [Portal] Saiu"
    assert "published" in item["classNames"]


def test_each_channel_keeps_one_colour_and_the_legend_names_them(client, world):
    portal, radio, _secretariat, requester = world
    colours = channel_classes()
    by_id = [colours[pk] for pk in sorted(colours)]
    # Any twelve channels in a row (by id) have twelve different colours.
    assert len(set(by_id[:PALETTE_SIZE])) == min(PALETTE_SIZE, len(by_id))
    assert set(colours.values()) <= {f"channel-c{n}" for n in range(PALETTE_SIZE)}
    client.force_login(requester)
    with translation.override("en"):
        html = client.get(reverse("calendars:calendar"), HTTP_ACCEPT_LANGUAGE="en"
                          ).content.decode()
    assert f'<span class="legend-swatch {colours[portal.pk]}" aria-hidden="true"></span>Portal' \
        in html
    assert f'<span class="legend-swatch {colours[radio.pk]}" aria-hidden="true"></span>Rádio X' \
        in html
    assert "Planned piece (not scheduled yet): dashed outline" in html
    assert "Scheduled piece: filled with its channel" in html


def test_each_feed_says_its_link_is_not_shown_again_and_how_to_renew_it(client):
    from calendars import services

    owner = UserFactory(roles=["editor"])
    feed, _token = services.feed_create(by=owner, name="Celular", secretariats=[], kinds=[],
                                        channels=[], include_publications=True, public=False)
    client.force_login(owner)
    with translation.override("en"):
        created = client.post(reverse("calendars:feed_rotate", args=[feed.pk]), follow=True,
                              HTTP_ACCEPT_LANGUAGE="en").content.decode()
        again = client.get(reverse("calendars:feeds"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Right after a new link: the link, and "one app per link".
    assert f'id="feed-link-{feed.pk}"' in created
    assert "Use this link in one calendar app only. For another app, create another feed" \
        in created
    # Afterwards: no link, but how to get a new one without touching the other feeds.
    assert f'id="feed-link-{feed.pk}"' not in again
    assert "Its link is not shown again." in again
    assert "Your other feeds keep working." in again
    assert f'aria-describedby="feed-{feed.pk}-renew"' in again
    assert "Created on " in again
