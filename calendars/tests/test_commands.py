"""manage.py feed_create: prints a working feed URL; refuses unknown names and public feeds
for people who may not publish them."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from calendars.models import EventKind, Feed
from calendars.selectors import feed_by_token
from calendars.tests.factories import EventFactory
from org.tests.factories import SecretariatFactory, UserFactory

pytestmark = pytest.mark.django_db


def _create(*args):
    out = StringIO()
    call_command("feed_create", *args, stdout=out)
    return out.getvalue().strip()


@override_settings(SITE_URL="https://pauta.example.gov.br")
def test_feed_create_prints_a_url_that_serves_the_feed(client, editor, channel):
    sec = SecretariatFactory(acronym="SMX")
    url = _create(editor.username, "--name", "Minha pauta", "--secretariat", "SMX",
                  "--kind", EventKind.INAUGURATION, "--channel", channel.code,
                  "--no-publications")
    assert url.startswith("https://pauta.example.gov.br/feeds/") and url.endswith(".ics")
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    feed = Feed.objects.get(owner=editor)
    assert feed_by_token(token) == feed
    assert feed.name == "Minha pauta" and feed.kinds == [EventKind.INAUGURATION]
    assert list(feed.secretariats.all()) == [sec] and list(feed.channels.all()) == [channel]
    assert feed.include_publications is False and feed.public is False
    event = EventFactory(kind=EventKind.INAUGURATION, secretariat=sec)
    response = client.get(url.removeprefix("https://pauta.example.gov.br"))
    assert response.status_code == 200 and event.uid.encode() in response.content


def test_feed_create_refuses_unknown_user_secretariat_and_channel(editor):
    with pytest.raises(CommandError, match="no active user"):
        _create("nobody", "--name", "X")
    with pytest.raises(CommandError, match="unknown secretariat"):
        _create(editor.username, "--name", "X", "--secretariat", "NOPE")
    with pytest.raises(CommandError, match="unknown channel"):
        _create(editor.username, "--name", "X", "--channel", "nope")
    assert not Feed.objects.exists()


def test_feed_create_public_needs_an_event_manager(editor):
    requester = UserFactory(roles=["requester"])
    with pytest.raises(CommandError):
        _create(requester.username, "--name", "X", "--public")
    assert not Feed.objects.exists()
    _create(editor.username, "--name", "Agenda pública", "--public")
    feed = Feed.objects.get()
    assert feed.public and not feed.include_publications
