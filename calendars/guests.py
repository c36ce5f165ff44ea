"""Guests and authorities of an event: the list, invitations with a personal RSVP link, the
answers, the protocol order and the candidate-at-inauguration warning.

Personal data (name, position, e-mail, answer) lives only on the ``Guest`` row: the audit
trail records that a guest was added, removed or answered, never who. Removing a guest (or
all of an event's guests) deletes the rows. The RSVP link is a signed token (guest and a
random nonce, ``django.core.signing`` with its own salt): no login, no guessable id.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import record
from calendars import permissions as perms
from calendars.models import Event, EventKind, Guest, Rsvp
from pauta import clock
from pauta.lifecycle import TransitionRefused, ensure, service

SALT = "calendars.rsvp"
GUEST_FIELDS = ("name", "position", "organisation", "email", "precedence", "speaks",
                "candidate")


def _clean(fields: dict) -> dict:
    values = {k: fields.get(k) for k in GUEST_FIELDS if k in fields}
    for key in ("name", "position", "organisation", "email"):
        if key in values:
            values[key] = (values[key] or "").strip()[:200]
    if "name" in values and not values["name"]:
        raise TransitionRefused(_("Write the guest's name."))
    precedence = values.get("precedence")
    if precedence is not None and not 1 <= int(precedence) <= 999:
        raise TransitionRefused(_("The order of precedence is a number from 1 to 999."))
    return values


@service
def guest_add(*, event: Event, by, **fields) -> Guest:
    """Add a guest or authority to the event's list."""
    ensure(perms.can_manage_guests(by))
    if event.is_cancelled:
        raise TransitionRefused(_("The event is cancelled."))
    guest = Guest.objects.create(event=event, **_clean(fields))
    record(by=by, verb="calendar_guest_add", target=guest, payload={"guest": guest.pk})
    return guest


@service
def guest_update(*, guest: Guest, by, **fields) -> Guest:
    """Correct a guest's data (a changed e-mail does not send the invitation again)."""
    ensure(perms.can_manage_guests(by))
    guest = Guest.objects.select_for_update().get(pk=guest.pk)
    values = _clean(fields)
    changed = sorted(k for k, v in values.items() if getattr(guest, k) != v)
    if changed:
        for key in changed:
            setattr(guest, key, values[key])
        guest.save(update_fields=changed)
        record(by=by, verb="calendar_guest_update", target=guest,
               payload={"guest": guest.pk, "fields": changed})
    return guest


@service
def guest_remove(*, guest: Guest, by) -> None:
    """Remove a guest: the row and every personal datum on it are deleted."""
    ensure(perms.can_manage_guests(by))
    event = guest.event
    deleted, _rows = Guest.objects.filter(pk=guest.pk).delete()
    if deleted:
        record(by=by, verb="calendar_guest_remove", target=event, payload={"guests": 1})


@service
def guests_erase(*, event: Event, by) -> int:
    """Erase the personal data of all the event's guests (on request, or after the event)."""
    ensure(perms.can_manage_guests(by))
    deleted, _rows = Guest.objects.filter(event=event).delete()
    if deleted:
        record(by=by, verb="calendar_guests_erase", target=event, payload={"guests": deleted})
    return deleted


@service
def guests_invite(*, event: Event, by) -> int:
    """Send the invitation to every guest with an e-mail not invited yet (a huey job)."""
    ensure(perms.can_manage_guests(by))
    if event.is_cancelled:
        raise TransitionRefused(_("The event is cancelled."))
    if event.ends_at < clock.now():
        raise TransitionRefused(_("The event is over."))
    waiting = event.guests.exclude(email="").filter(invited_at__isnull=True).count()
    if not waiting:
        raise TransitionRefused(_("Every guest with an e-mail has already been invited."))
    record(by=by, verb="calendar_guests_invite", target=event, payload={"guests": waiting})
    from calendars.tasks import send_invitations

    transaction.on_commit(lambda: send_invitations(event.pk))
    return waiting


def rsvp_token(guest: Guest) -> str:
    return signing.dumps([guest.pk, guest.nonce], salt=SALT)


def rsvp_url(guest: Guest) -> str:
    return settings.SITE_URL + reverse("rsvp", args=[rsvp_token(guest)])


def _invitation(guest: Guest) -> EmailMultiAlternatives:
    event = guest.event
    with translation.override(settings.LANGUAGE_CODE):
        context = {"guest": guest, "event": event, "url": rsvp_url(guest),
                   "starts": timezone.localtime(event.starts_at),
                   "brand": getattr(settings, "BRAND_NAME", "")}
        subject = _("Invitation: %(title)s") % {"title": event.title}
        text = render_to_string("calendars/email/invitation.txt", context)
        html = render_to_string("calendars/email/invitation.html", context)
    mail = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [guest.email])
    mail.attach_alternative(html, "text/html")
    return mail


def invitations_send(event_pk: int) -> int:
    """The job: e-mail each guest not invited yet, once (the row is claimed before sending;
    a failed send gives it back so the next "send" tries again)."""
    sent = 0
    for pk in list(Guest.objects.filter(event_id=event_pk, invited_at__isnull=True)
                   .exclude(email="").values_list("pk", flat=True)):
        now = clock.now()
        if not Guest.objects.filter(pk=pk, invited_at__isnull=True).update(invited_at=now):
            continue  # another run has it
        guest = Guest.objects.select_related("event").get(pk=pk)
        try:
            _invitation(guest).send()
        except Exception:  # noqa: BLE001 — the guest stays to invite; the job goes on
            Guest.objects.filter(pk=pk, invited_at=now).update(invited_at=None)
            continue
        sent += 1
    return sent


class TokenRefused(Exception):
    """An RSVP link that cannot be used: ``reason`` is invalid, expired or cancelled."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def guest_for_token(token: str) -> Guest:
    """The guest a link belongs to, or TokenRefused (forged, expired, event over/cancelled)."""
    max_age = dt.timedelta(days=getattr(settings, "RSVP_LINK_DAYS", 180))
    try:
        pk, nonce = signing.loads(token, salt=SALT, max_age=max_age)
        pk, nonce = int(pk), str(nonce)
    except signing.SignatureExpired as error:
        raise TokenRefused("expired") from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise TokenRefused("invalid") from error
    guest = Guest.objects.select_related("event").filter(pk=pk, nonce=nonce).first()
    if guest is None or guest.event.removed:
        raise TokenRefused("invalid")
    if guest.event.is_cancelled:
        raise TokenRefused("cancelled")
    if guest.event.ends_at < clock.now():
        raise TokenRefused("expired")
    return guest


@service
def rsvp_answer(*, guest: Guest, answer: str) -> Guest:
    """The guest confirms or declines through the link (no account: the actor is nobody)."""
    if answer not in (Rsvp.CONFIRMED, Rsvp.DECLINED):
        raise TransitionRefused(_("Choose whether you will attend."))
    guest = Guest.objects.select_for_update().get(pk=guest.pk)
    if guest.rsvp != answer:
        guest.rsvp, guest.answered_at = answer, clock.now()
        guest.save(update_fields=["rsvp", "answered_at"])
        record(by=None, verb="calendar_guest_rsvp", target=guest,
               payload={"guest": guest.pk, "answer": answer})
    return guest


def protocol_order(event: Event) -> list[Guest]:
    """The ceremony's order: by precedence (1 first), then name; declined guests left out."""
    return list(event.guests.exclude(rsvp=Rsvp.DECLINED).order_by("precedence", "name", "pk"))


# Lei 9.504/1997, art. 77 ----------------------------------------------------------------

ART_77_MONTHS = 3


def election_days() -> list[dt.date]:
    """Election days the calendar knows: the last day of each electoral blackout window
    (the window runs up to and including election day)."""
    days = []
    for window in Event.objects.filter(kind=EventKind.BLACKOUT, removed=False).exclude(
            status="cancelled"):
        end = timezone.localtime(window.ends_at)
        last = end.date() - dt.timedelta(days=1) if window.all_day or end.time() == dt.time(
        ) else end.date()
        days.append(last)
    return sorted(set(days))


def election_ahead(day: dt.date) -> dt.date | None:
    """The election whose three months before it (Lei 9.504 art. 77) include ``day``."""
    for election in election_days():
        if election - relativedelta(months=ART_77_MONTHS) <= day <= election:
            return election
    return None


def candidate_warning(event: Event) -> dict | None:
    """An inauguration within three months before an election that lists a candidate guest:
    the election day and the candidates (not declined), for the event page's warning."""
    if event.kind != EventKind.INAUGURATION or event.is_cancelled:
        return None
    election = election_ahead(timezone.localdate(event.starts_at))
    if election is None:
        return None
    candidates = list(event.guests.filter(candidate=True).exclude(rsvp=Rsvp.DECLINED))
    if not candidates:
        return None
    return {"election": election, "candidates": candidates}
