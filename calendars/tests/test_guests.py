"""Guests and authorities: invitations with a personal RSVP link (a huey job, each guest
once), the public answer page, refused links, the protocol order, erasing personal data,
and the Lei 9.504 art. 77 warning at its boundary dates."""

import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from calendars import guests, services
from calendars.models import EventKind, Guest, Rsvp

pytestmark = pytest.mark.usefixtures("english_messages")  # they read the messages


def _at(day: dt.date, hour: int = 10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _event(demo, *, day=None, kind=EventKind.INAUGURATION, title="Inauguração da Creche"):
    start = _at(day or timezone.localdate() + dt.timedelta(days=10))
    return services.event_create(by=demo["diego.editor"], kind=kind, title=title,
                                 location="Praça", starts_at=start,
                                 ends_at=start + dt.timedelta(hours=2))


@pytest.fixture
def event(demo):
    return _event(demo)


def _guest(event, by, **extra):
    values = {"name": "Maria Prefeita", "position": "Prefeita", "email": "maria@example.org",
              "precedence": 1, **extra}
    return guests.guest_add(event=event, by=by, **values)


def _link(message) -> str:
    return re.search(r"https?://\S+/rsvp/[^/\s]+/", message.body).group(0)


def test_inviting_sends_one_mail_per_guest_with_a_personal_link(
        event, demo, django_capture_on_commit_callbacks):
    editor = demo["diego.editor"]
    first = _guest(event, editor)
    _guest(event, editor, name="João Vereador", email="joao@example.org", precedence=5)
    _guest(event, editor, name="Sem E-mail", email="", precedence=9)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the huey job, immediate in tests
        assert guests.guests_invite(event=event, by=editor) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["joao@example.org", "maria@example.org"]
    to_maria = next(m for m in mail.outbox if m.to == ["maria@example.org"])
    assert guests.rsvp_token(first) in _link(to_maria)
    assert event.title in to_maria.subject and "Maria Prefeita" in to_maria.body
    assert guests.rsvp_token(first) in to_maria.alternatives[0][0]  # the HTML part too
    first.refresh_from_db()
    assert first.invited_at is not None
    # Sending again sends nobody twice; a guest added later gets only theirs.
    with pytest.raises(Exception, match="already been invited"):
        guests.guests_invite(event=event, by=editor)
    _guest(event, editor, name="Ana Secretária", email="ana@example.org", precedence=3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        guests.guests_invite(event=event, by=editor)
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert guests.invitations_send(event.pk) == 0  # a job run twice sends nothing more
    assert AuditEvent.objects.filter(verb="calendar_guests_invite").count() == 2


def test_the_guest_confirms_and_then_declines_without_an_account(event, demo, client,
                                                                english_messages):
    guest = _guest(event, demo["diego.editor"])
    url = reverse("rsvp", args=[guests.rsvp_token(guest)])
    page = client.get(url)
    assert page.status_code == 200 and "Maria Prefeita" in page.content.decode()
    answer = client.post(url, {"answer": "confirmed"})
    assert "your attendance is confirmed" in answer.content.decode()
    guest.refresh_from_db()
    assert guest.rsvp == Rsvp.CONFIRMED and guest.answered_at is not None
    client.post(url, {"answer": "declined"})
    guest.refresh_from_db()
    assert guest.rsvp == Rsvp.DECLINED
    audit = list(AuditEvent.objects.filter(verb="calendar_guest_rsvp").values_list(
        "actor", "payload"))
    assert [a[0] for a in audit] == [None, None]
    assert "Maria" not in str(audit)  # the trail never keeps the guest's personal data
    bad = client.post(url, {"answer": "maybe"})
    assert bad.status_code == 400 and "Choose whether you will attend." in bad.content.decode()
    # The answer shows on the event page.
    client.force_login(demo["diego.editor"])
    detail = client.get(reverse("calendars:event_detail", args=[event.pk])).content.decode()
    assert "Declined" in detail and "Maria Prefeita" in detail


def test_forged_expired_and_removed_links_are_refused_with_a_translated_page(
        event, demo, client, monkeypatch):
    guest = _guest(event, demo["diego.editor"])
    token = guests.rsvp_token(guest)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    page = client.get(reverse("rsvp", args=[forged]), HTTP_ACCEPT_LANGUAGE="pt-br")
    assert page.status_code == 404
    assert "rsvp_refused" in [t.name.split("/")[-1][:-5] for t in page.templates]
    other = signing.dumps([guest.pk, "not-the-nonce"], salt=guests.SALT)
    assert client.get(reverse("rsvp", args=[other])).status_code == 404
    assert client.post(reverse("rsvp", args=[forged]), {"answer": "confirmed"}).status_code == 404
    guest.refresh_from_db()
    assert guest.rsvp == Rsvp.PENDING
    # An old link (past RSVP_LINK_DAYS) answers 410 Gone.
    import time

    later = time.time() + 200 * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert client.get(reverse("rsvp", args=[token])).status_code == 410
    monkeypatch.undo()
    # A removed guest's link no longer works.
    guests.guest_remove(guest=guest, by=demo["diego.editor"])
    assert client.get(reverse("rsvp", args=[token])).status_code == 404


def test_refused_pages_speak_the_visitors_language(event, demo, client):
    en = client.get(reverse("rsvp", args=["nonsense"]), HTTP_ACCEPT_LANGUAGE="en")
    assert "This invitation link is not valid." in en.content.decode()
    past = _event(demo, day=timezone.localdate() - dt.timedelta(days=2), title="Passado")
    guest = _guest(past, demo["diego.editor"])
    response = client.get(reverse("rsvp", args=[guests.rsvp_token(guest)]),
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410 and "has expired" in response.content.decode()


def test_protocol_order_sorted_by_precedence_without_those_who_declined(event, demo, client):
    editor = demo["diego.editor"]
    _guest(event, editor, name="Vereador", precedence=7)
    _guest(event, editor, name="Prefeita", precedence=1, speaks=True)
    _guest(event, editor, name="Secretário", precedence=3)
    declined = _guest(event, editor, name="Deputado", precedence=2)
    guests.rsvp_answer(guest=declined, answer=Rsvp.DECLINED)
    assert [g.name for g in guests.protocol_order(event)] == ["Prefeita", "Secretário",
                                                               "Vereador"]
    client.force_login(demo["elisa.editora"])
    page = client.get(reverse("calendars:event_protocol", args=[event.pk])).content.decode()
    assert page.index("Prefeita") < page.index("Secretário") < page.index("Vereador")
    assert "Deputado" not in page and "protocol.css" in page
    client.force_login(demo["ana.saude"])  # a requester does not see the guests
    assert client.get(reverse("calendars:event_protocol", args=[event.pk])).status_code == 403


def test_only_event_managers_keep_the_list_and_removal_erases_the_data(event, demo, client):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        _guest(event, demo["ana.saude"])
    with pytest.raises(ValidationError):
        _guest(event, demo["diego.editor"], name="  ")
    guest = _guest(event, demo["diego.editor"])
    client.force_login(demo["ana.saude"])
    url = reverse("calendars:event_guest_remove", args=[event.pk, guest.pk])
    assert client.post(url).status_code == 403
    client.force_login(demo["diego.editor"])
    assert client.post(reverse("calendars:event_guest_add", args=[event.pk]), {
        "new-guest-name": "Pedro", "new-guest-precedence": "0"}).status_code == 302
    assert not Guest.objects.filter(name="Pedro").exists()  # precedence 0 is refused
    client.post(url)
    assert not Guest.objects.filter(pk=guest.pk).exists()
    assert "maria@example.org" not in str(list(AuditEvent.objects.values_list("payload")))
    _guest(event, demo["diego.editor"])
    _guest(event, demo["diego.editor"], name="Outro")
    client.post(reverse("calendars:event_guests_erase", args=[event.pk]))
    assert not event.guests.exists()


def test_correcting_a_guest(event, demo, client):
    guest = _guest(event, demo["diego.editor"])
    client.force_login(demo["diego.editor"])
    prefix = f"guest-{guest.pk}"
    client.post(reverse("calendars:event_guest_edit", args=[event.pk, guest.pk]), {
        f"{prefix}-name": "Maria Souza", f"{prefix}-precedence": "2",
        f"{prefix}-candidate": "on"})
    guest.refresh_from_db()
    assert (guest.name, guest.precedence, guest.candidate) == ("Maria Souza", 2, True)


# Lei 9.504/1997, art. 77 ------------------------------------------------------------------

ELECTION = dt.date(2028, 10, 1)


@pytest.fixture
def election(demo):
    """The electoral blackout window the way the demo has it: to election day, inclusive."""
    return services.event_create(
        by=demo["diego.editor"], kind=EventKind.BLACKOUT, title="Período eleitoral",
        all_day=True, starts_at=_at(dt.date(2028, 7, 1), 0),
        ends_at=_at(ELECTION + dt.timedelta(days=1), 0))


@pytest.mark.parametrize(("day", "warned"), [
    (dt.date(2028, 6, 30), False),  # the day before the three months
    (dt.date(2028, 7, 1), True),  # three months before the election
    (ELECTION, True),  # election day
    (dt.date(2028, 10, 2), False),  # after the election
])
def test_a_candidate_at_an_inauguration_near_the_election_is_warned(election, demo, day, warned):
    event = _event(demo, day=day)
    _guest(event, demo["diego.editor"], name="Candidato", candidate=True)
    warning = guests.candidate_warning(event)
    assert bool(warning) is warned
    if warned:
        assert warning["election"] == ELECTION
        assert [g.name for g in warning["candidates"]] == ["Candidato"]


def test_no_warning_without_a_candidate_or_for_other_kinds(election, demo):
    day = dt.date(2028, 8, 15)
    inauguration = _event(demo, day=day)
    _guest(inauguration, demo["diego.editor"], name="Não candidato")
    assert guests.candidate_warning(inauguration) is None
    service_order = _event(demo, day=day, kind=EventKind.PUBLIC_EVENT, title="Audiência")
    _guest(service_order, demo["diego.editor"], name="Candidato", candidate=True)
    assert guests.candidate_warning(service_order) is None
    declined = _guest(inauguration, demo["diego.editor"], name="Candidato", candidate=True)
    assert guests.candidate_warning(inauguration)
    guests.rsvp_answer(guest=declined, answer=Rsvp.DECLINED)  # will not be there
    assert guests.candidate_warning(inauguration) is None


def test_the_event_page_shows_the_warning(election, demo, client, english_messages):
    event = _event(demo, day=dt.date(2028, 9, 20))
    _guest(event, demo["diego.editor"], name="Candidato", candidate=True)
    client.force_login(demo["diego.editor"])
    page = client.get(reverse("calendars:event_detail", args=[event.pk])).content.decode()
    assert "Lei 9.504/1997, art. 77" in page and "names a candidate" in page


def test_removing_the_event_deletes_its_guests(event, demo):
    guest = _guest(event, demo["diego.editor"])
    token = guests.rsvp_token(guest)
    services.event_remove(event=event, by=demo["diego.editor"])
    assert not Guest.objects.filter(pk=guest.pk).exists()
    with pytest.raises(guests.TokenRefused):
        guests.guest_for_token(token)
