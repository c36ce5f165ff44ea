"""Every feed requirement, checked over HTTP on /feeds/<token>.ics."""

import datetime as dt
import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from icalendar import Calendar

from calendars import feeds, ics, selectors, services
from calendars.models import Event, EventKind, Feed, Visibility
from calendars.tests.factories import EventFactory
from org.tests.factories import SecretariatFactory, UserFactory
from workflows.models import ContentRequest, Publication
from workflows.tests.factories import ContentRequestFactory

pytestmark = pytest.mark.django_db


def url(token):
    return reverse("feeds:ics", args=[token])


def parse(response):
    return Calendar.from_ical(response.content)


def vevents(response):
    return {str(c["UID"]): c for c in parse(response).walk("VEVENT")}


@pytest.fixture
def owner(editor):
    return editor


@pytest.fixture
def feed_and_token(owner):
    return services.feed_create(by=owner, name="Agenda da Secom")


def scheduled_publication(channel, *, state="scheduled", secretariat=None, requester=None,
                          **extra):
    request = ContentRequestFactory(**({"secretariat": secretariat} if secretariat else {}),
                                    **({"requester": requester} if requester else {}))
    ContentRequest.objects.filter(pk=request.pk).update(state=state)
    return Publication.objects.create(
        request=request, channel=channel, title="Vacinação nas escolas", body="Texto.",
        scheduled_at=timezone.now() + dt.timedelta(days=2), **extra)


def test_content_type_and_calendar_properties(client, feed_and_token):
    feed, token = feed_and_token
    EventFactory()
    response = client.get(url(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "Agenda da Secom"
    assert str(calendar["X-WR-TIMEZONE"]) == "America/Sao_Paulo"
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT1H"
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"
    assert "METHOD" not in calendar
    assert b"\r\nMETHOD" not in response.content


def test_token_is_random_long_and_stored_hashed(owner):
    feed, token = services.feed_create(by=owner, name="A")
    other, token2 = services.feed_create(by=owner, name="B")
    assert len(token) >= 43 and token != token2  # 32 bytes = 256 bits, base64url
    feed.refresh_from_db()
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = str(Feed.objects.filter(pk=feed.pk).values().get())
    assert token not in stored


def test_lookup_compares_in_constant_time(client, feed_and_token, monkeypatch):
    feed, token = feed_and_token
    calls = []
    import hmac

    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert client.get(url(token)).status_code == 200
    assert calls == [(feed.token_hash, feed.token_hash)]
    # The comparison decides: a stored hash sharing the first 64 bits is not a match.
    Feed.objects.filter(pk=feed.pk).update(token_hash=feed.token_hash[:16] + "0" * 48)
    calls.clear()
    assert client.get(url(token)).status_code == 404
    assert len(calls) == 1 and calls[0][0] != calls[0][1]


def test_unknown_and_revoked_give_the_same_404(client, owner, feed_and_token):
    feed, token = feed_and_token
    unknown = client.get(url("x" * 43))
    services.feed_revoke(feed=feed, by=owner)
    revoked = client.get(url(token))
    assert unknown.status_code == revoked.status_code == 404
    # The same page but for what the header's language form carries of the request itself
    # (its CSRF token and the address asked for, to come back to).
    def page(response):
        return re.sub(rb'name="(csrfmiddlewaretoken|next)" value="[^"]+"', b"",
                      response.content)
    assert page(unknown) == page(revoked)
    assert "ETag" not in revoked


def test_rotate_kills_the_old_link(client, owner, feed_and_token):
    feed, token = feed_and_token
    new = services.feed_rotate(feed=feed, by=owner)
    assert client.get(url(token)).status_code == 404
    assert client.get(url(new)).status_code == 200


def test_uid_stable_and_sequence_increases(client, editor, feed_and_token, channel):
    _feed, token = feed_and_token
    event = services.event_create(by=editor, kind=EventKind.PUBLIC_EVENT, title="Feira",
                                  starts_at=timezone.now() + dt.timedelta(days=1),
                                  ends_at=timezone.now() + dt.timedelta(days=1, hours=3))
    publication = scheduled_publication(channel)
    first = vevents(client.get(url(token)))
    assert set(first) == {event.uid, f"publication-{publication.pk}@pauta"}
    assert first[event.uid]["SEQUENCE"] == 0
    services.event_update(event=event, by=editor, title="Feira de artesanato")
    publication.sequence += 1  # as workflows.services.publication_reschedule does
    publication.save()
    second = vevents(client.get(url(token)))
    assert set(second) == set(first)
    assert second[event.uid]["SEQUENCE"] == 1
    assert str(second[event.uid]["SUMMARY"]) == "Feira de artesanato"
    assert second[f"publication-{publication.pk}@pauta"]["SEQUENCE"] == 1


def test_saving_without_change_keeps_sequence(editor):
    event = services.event_create(by=editor, kind=EventKind.HOLIDAY, title="Natal",
                                  starts_at=timezone.now(), ends_at=timezone.now(), all_day=True)
    again = services.event_update(event=event, by=editor, title="Natal")
    assert again.sequence == 0


def test_last_modified_and_dtstamp(client, editor, feed_and_token):
    _feed, token = feed_and_token
    event = services.event_create(by=editor, kind=EventKind.PUBLIC_EVENT, title="Feira",
                                  starts_at=timezone.now(), ends_at=timezone.now())
    event.refresh_from_db()
    component = vevents(client.get(url(token)))[event.uid]
    expected = event.updated_at.replace(microsecond=0)
    assert expected == component.DTSTAMP
    assert expected == component.LAST_MODIFIED
    assert component["DTSTAMP"].to_ical().endswith(b"Z")


def test_cancelled_and_removed_stay_as_cancelled_then_leave(client, editor, feed_and_token):
    feed, token = feed_and_token
    cancelled = EventFactory()
    removed = EventFactory()
    services.event_cancel(event=cancelled, by=editor)
    services.event_remove(event=removed, by=editor)
    found = vevents(client.get(url(token)))
    assert str(found[cancelled.uid]["STATUS"]) == "CANCELLED"
    assert str(found[removed.uid]["STATUS"]) == "CANCELLED"
    assert found[removed.uid]["SEQUENCE"] == 1
    later = timezone.now() + selectors.CANCELLED_RETENTION + dt.timedelta(days=1)
    assert not feed_uids(feed, later) & {cancelled.uid, removed.uid}


def feed_uids(feed, now):
    return {str(c["UID"]) for c in Calendar.from_ical(feeds.build_body(feed, now)).walk("VEVENT")}


def test_withdrawn_publication_becomes_cancelled(client, feed_and_token, channel):
    from workflows.services import request_withdraw

    _feed, token = feed_and_token
    sec = SecretariatFactory()
    requester = UserFactory(roles=["requester"], secretariats=[sec])
    publication = scheduled_publication(channel, secretariat=sec, requester=requester)
    uid = f"publication-{publication.pk}@pauta"
    first = client.get(url(token))
    assert str(vevents(first)[uid]["STATUS"]) == "CONFIRMED"
    # The requester withdraws through the service: the feed must change at once (no wait for
    # the cached state to expire).
    request_withdraw(request=ContentRequest.objects.get(pk=publication.request_id), by=requester)
    second = client.get(url(token), HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and second["ETag"] != first["ETag"]
    component = vevents(second)[uid]
    assert str(component["STATUS"]) == "CANCELLED"
    assert component["SEQUENCE"] == 1


def test_vtimezone_is_compact(client, feed_and_token):
    _feed, token = feed_and_token
    EventFactory()
    calendar = parse(client.get(url(token)))
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["America/Sao_Paulo"]
    assert len(zones[0].subcomponents) <= 4
    assert len(zones[0].to_ical()) < 1000


def test_all_day_events_are_dates(client, editor, feed_and_token):
    _feed, token = feed_and_token
    event = services.event_create(by=editor, kind=EventKind.HOLIDAY, title="Tiradentes",
                                  all_day=True, starts_at=dt.date(2026, 4, 21),
                                  ends_at=dt.date(2026, 4, 21), rrule="FREQ=YEARLY")
    component = vevents(client.get(url(token)))[event.uid]
    assert dt.date(2026, 4, 21) == component.DTSTART
    assert dt.date(2026, 4, 22) == component.DTEND
    assert b"DTSTART;VALUE=DATE:20260421" in component.to_ical()
    assert component["RRULE"]["FREQ"] == ["YEARLY"]


def test_timed_events_use_the_installation_zone(client, editor, feed_and_token):
    _feed, token = feed_and_token
    event = EventFactory()
    component = vevents(client.get(url(token)))[event.uid]
    assert event.starts_at.replace(microsecond=0) == component.DTSTART
    assert component["DTSTART"].params["TZID"] == "America/Sao_Paulo"


def test_etag_last_modified_and_304(client, feed_and_token, monkeypatch):
    _feed, token = feed_and_token
    EventFactory()
    first = client.get(url(token))
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified

    def explode(*args, **kwargs):
        raise AssertionError("the calendar must not be built for a 304")

    monkeypatch.setattr(feeds, "build_body", explode)
    monkeypatch.setattr(ics, "event_fragment", explode)
    by_etag = client.get(url(token), HTTP_IF_NONE_MATCH=etag)
    by_date = client.get(url(token), HTTP_IF_MODIFIED_SINCE=modified)
    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag.content == b"" and by_etag["ETag"] == etag


def test_change_gives_new_etag_and_200(client, editor, feed_and_token):
    _feed, token = feed_and_token
    event = EventFactory()
    etag = client.get(url(token))["ETag"]
    services.event_update(event=event, by=editor, title="Outro título")
    response = client.get(url(token), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    old = http_date((timezone.now() - dt.timedelta(days=1)).timestamp())
    assert client.get(url(token), HTTP_IF_MODIFIED_SINCE=old).status_code == 200


def test_unchanged_feed_comes_from_cache(client, feed_and_token, monkeypatch):
    _feed, token = feed_and_token
    EventFactory()
    body = client.get(url(token)).content
    monkeypatch.setattr(feeds, "build_body", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    assert client.get(url(token)).content == body


def test_fragments_are_kept_and_rebuilt_only_on_change(editor, feed_and_token, monkeypatch):
    feed, _token = feed_and_token
    events = [EventFactory() for _ in range(3)]
    feeds.build_body(feed)
    assert all(Event.objects.get(pk=e.pk).ics_fragment.startswith("BEGIN:VEVENT") for e in events)
    services.event_update(event=events[0], by=editor, location="Ginásio")
    assert Event.objects.get(pk=events[0].pk).ics_fragment == ""
    built = []
    real = ics.event_fragment
    monkeypatch.setattr(ics, "event_fragment", lambda e: built.append(e.pk) or real(e))
    body = feeds.build_body(feed).decode()
    assert built == [events[0].pk]
    assert "Ginásio" in body


def test_feed_parses_back_into_exactly_the_expected_events(client, editor, channel):
    mine, other = SecretariatFactory(), SecretariatFactory()
    requester = UserFactory(roles=["requester"], secretariats=[mine])
    feed, token = services.feed_create(by=requester, name="Minha agenda")
    public = EventFactory(title="Aniversário da cidade")
    own_internal = EventFactory(visibility=Visibility.INTERNAL, secretariat=mine)
    EventFactory(visibility=Visibility.INTERNAL, secretariat=other)  # not theirs
    general = EventFactory(visibility=Visibility.INTERNAL, kind=EventKind.BLACKOUT)
    EventFactory(starts_at=timezone.now() - dt.timedelta(days=900),
                 ends_at=timezone.now() - dt.timedelta(days=899))  # too old
    own_piece = scheduled_publication(channel, secretariat=mine)
    scheduled_publication(channel, secretariat=other)
    scheduled_publication(channel, secretariat=mine, state="in_review")  # not scheduled
    found = vevents(client.get(url(token)))
    assert set(found) == {public.uid, own_internal.uid, general.uid,
                          f"publication-{own_piece.pk}@pauta"}
    assert str(found[public.uid]["SUMMARY"]) == "Aniversário da cidade"
    assert str(found[f"publication-{own_piece.pk}@pauta"]["SUMMARY"]) == (
        "[Portal] Vacinação nas escolas")


def test_filters_kinds_secretariats_channels_and_publications(editor, channel):
    from plans.models import Channel

    sec = SecretariatFactory()
    other_channel = Channel.objects.update_or_create(
        code="instagram-test", defaults={"name": "Instagram"})[0]
    holiday = EventFactory(kind=EventKind.HOLIDAY)
    EventFactory(kind=EventKind.INAUGURATION, secretariat=SecretariatFactory())
    inauguration = EventFactory(kind=EventKind.INAUGURATION, secretariat=sec)
    piece = scheduled_publication(channel, secretariat=sec)
    scheduled_publication(other_channel, secretariat=sec)
    feed, _ = services.feed_create(by=editor, name="F", kinds=[EventKind.INAUGURATION],
                                   secretariats=[sec], channels=[channel])
    assert feed_uids(feed, None) == {inauguration.uid, f"publication-{piece.pk}@pauta"}
    feed = services.feed_update(feed=feed, by=editor, name="F", kinds=[EventKind.HOLIDAY],
                                include_publications=False)
    assert feed_uids(feed, None) == {holiday.uid}


def test_public_feed_has_public_events_only(editor, channel):
    public = EventFactory()
    EventFactory(visibility=Visibility.INTERNAL)
    scheduled_publication(channel)
    feed, _ = services.feed_create(by=editor, name="Agenda pública", public=True)
    assert feed_uids(feed, None) == {public.uid}


def test_public_feed_needs_an_event_manager(db):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.feed_create(by=UserFactory(roles=["requester"]), name="X", public=True)


def test_feed_of_an_inactive_owner_is_gone(client, owner, feed_and_token):
    _feed, token = feed_and_token
    owner.is_active = False
    owner.save()
    assert client.get(url(token)).status_code == 404


def test_unchanged_feed_state_comes_from_cache_and_any_change_refreshes_it(
        client, editor, feed_and_token, channel, monkeypatch):
    _feed, token = feed_and_token
    event = EventFactory()
    publication = scheduled_publication(channel)
    first = client.get(url(token))
    computed = []
    real = selectors.feed_state
    monkeypatch.setattr(feeds, "feed_state", lambda *a, **k: computed.append(1) or real(*a, **k))
    assert client.get(url(token), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert computed == []  # neither built nor even aggregated
    services.event_update(event=event, by=editor, title="Novo título")
    second = client.get(url(token), HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and computed == [1]
    publication.title = "Outro título"
    publication.save()  # a piece changed in workflows: the post_save signal tells the feeds
    third = client.get(url(token), HTTP_IF_NONE_MATCH=second["ETag"])
    assert third.status_code == 200 and computed == [1, 1]
    assert "Outro título" in third.content.decode()


def test_cancelled_piece_moves_last_modified_forward(client, feed_and_token, channel):
    _feed, token = feed_and_token
    publication = scheduled_publication(channel)
    uid = f"publication-{publication.pk}@pauta"
    before = vevents(client.get(url(token)))[uid]
    later = timezone.now() + dt.timedelta(minutes=5)
    Publication.objects.filter(pk=publication.pk).update(cancelled_at=later)  # as a withdrawal
    feeds.calendar_changed()
    after = vevents(client.get(url(token)))[uid]
    assert str(after["STATUS"]) == "CANCELLED"
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.LAST_MODIFIED == later.replace(microsecond=0) > before.LAST_MODIFIED


def test_feed_after_one_change_loads_only_the_changed_row_and_is_byte_identical(
        editor, feed_and_token, channel):
    """Stamps come from a narrow query; full rows (texts, briefs) only for the stale piece."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from calendars.models import PublicationFragment

    feed, _token = feed_and_token
    pieces = [scheduled_publication(channel) for _ in range(6)]
    first = feeds.build_body(feed)
    assert PublicationFragment.objects.count() == 6
    changed = pieces[2]
    changed.title = "Vacinação nas escolas: novo horário"
    changed.sequence += 1
    changed.save()
    with CaptureQueriesContext(connection) as queries:
        body = feeds.build_body(feed)
    full = [q["sql"] for q in queries.captured_queries
            if '"workflows_publication"."body"' in q["sql"]]
    assert len(full) == 1, full  # one query of full rows, for the one changed piece
    assert f'"workflows_publication"."id" IN ({changed.pk})' in full[0]
    assert body != first and "novo horário" in body.decode()
    # Byte for byte what serializing every piece from its full row gives (the old way).
    rows = feed_publications_full(feed)
    expected = "".join([ics.envelope_head(feed.name), *[ics.publication_fragment(p)
                                                       for p in rows], ics.ENVELOPE_TAIL])
    assert body.decode() == expected
    PublicationFragment.objects.all().delete()  # a cold build gives the same bytes
    assert feeds.build_body(feed) == body
    with CaptureQueriesContext(connection) as queries:
        assert feeds.build_body(feed) == body  # nothing stale: no full row at all
    assert not [q for q in queries.captured_queries
                if '"workflows_publication"."body"' in q["sql"]]


def feed_publications_full(feed):
    return list(selectors.feed_publications(feed).select_related("request", "channel")
                .order_by("pk"))


def test_changes_render_the_same_bytes_as_a_cold_build(client, editor, feed_and_token, channel):
    """After changes the database sees through a stamp only (a bulk cancellation, a request
    withdrawn or renamed without ``save()``, a piece edited), the body served from the kept
    fragments and this process's memo is byte for byte a cold build's."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from calendars.models import PublicationFragment

    feed, token = feed_and_token
    pieces = [scheduled_publication(channel) for _ in range(5)]
    first = client.get(url(token)).content
    with CaptureQueriesContext(connection) as queries:
        assert feeds.build_body(feed) == first  # every fragment from this process's memo
    assert not [q for q in queries.captured_queries
                if "calendars_publicationfragment" in q["sql"]]
    edited = Publication.objects.get(pk=pieces[0].pk)
    edited.title = "Vacinação nas escolas: novo horário"
    edited.save()
    Publication.objects.filter(pk=pieces[1].pk).update(cancelled_at=timezone.now())
    ContentRequest.objects.filter(pk=pieces[2].request_id).update(
        state="withdrawn", updated_at=timezone.now() + dt.timedelta(minutes=1))
    ContentRequest.objects.filter(pk=pieces[3].request_id).update(title="Campanha renomeada")
    feeds.calendar_changed()
    changed = client.get(url(token)).content
    events = vevents_of(changed)
    assert "novo horário" in str(events[f"publication-{pieces[0].pk}@pauta"]["SUMMARY"])
    for piece in pieces[1:3]:
        assert str(events[f"publication-{piece.pk}@pauta"]["STATUS"]) == "CANCELLED"
    assert "Campanha renomeada" in str(events[f"publication-{pieces[3].pk}@pauta"]["DESCRIPTION"])
    assert str(events[f"publication-{pieces[4].pk}@pauta"]["STATUS"]) == "CONFIRMED"
    PublicationFragment.objects.all().delete()
    Event.objects.update(ics_fragment="")
    cache.clear()
    feeds.memo.clear()
    feeds.fragments.clear()
    assert client.get(url(token)).content == changed


def vevents_of(content: bytes) -> dict:
    return {str(c["UID"]): c for c in Calendar.from_ical(content).walk("VEVENT")}


@pytest.mark.parametrize("setting", [{"TIME_ZONE": "Europe/Lisbon"}, {"LANGUAGE_CODE": "en"},
                                     {"SITE_URL": "https://outra.example.gov.br"}])
def test_kept_fragments_follow_the_installation(feed_and_token, channel, settings, setting):
    """A fragment kept under another zone, language or address is rebuilt: the body after the
    change is a cold build's under the new setting, events and pieces alike."""
    from calendars.models import PublicationFragment

    feed, _token = feed_and_token
    EventFactory(all_day=False)
    scheduled_publication(channel)
    before = feeds.build_body(feed)
    for name, value in setting.items():
        setattr(settings, name, value)
    after = feeds.build_body(feed)
    PublicationFragment.objects.all().delete()
    Event.objects.update(ics_fragment="", ics_stamp="")
    feeds.fragments.clear()
    assert after == feeds.build_body(feed)  # nothing kept from before the change
    assert after != before
    stamps = set(Event.objects.values_list("ics_stamp", flat=True))
    assert stamps == {feeds.installation()}
