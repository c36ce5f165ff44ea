"""Interview requests: an inquiry of the interview kind gets a spokesperson (proposed by the
desk, then confirmed by them), a time and a place — kept as an event of the calendar
(``calendars``: kind *press interview*, internal, tentative until confirmed, cancelled when
the request is declined) — and briefing notes for the spokesperson. The deadline clock, the
escalation and the answer's approval are the inquiry's own (``press.services``)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from audit.services import record
from calendars.models import Event, EventKind, EventStatus, Visibility
from calendars.services import save_event
from pauta import clock, lifecycle
from pauta.inputs import check_year
from pauta.lifecycle import TransitionRefused, ensure, service
from press import permissions as perms
from press.models import Inquiry

MAX_MINUTES = 8 * 60


def _event_values(inquiry: Inquiry, status: str) -> dict:
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Press interview: %(outlet)s — %(theme)s") % {
            "outlet": inquiry.outlet or _("no outlet"), "theme": inquiry.theme}
        description = _("Spokesperson: %(name)s. Press inquiry #%(pk)s.") % {
            "name": inquiry.spokesperson.get_full_name() or inquiry.spokesperson.username,
            "pk": inquiry.pk}
    return {"kind": EventKind.PRESS_INTERVIEW, "title": title[:200], "description": description,
            "location": inquiry.interview_place, "secretariat": inquiry.secretariat,
            "plan_action": None, "all_day": False, "starts_at": inquiry.interview_at,
            "ends_at": inquiry.interview_at + timedelta(minutes=inquiry.interview_minutes),
            "rrule": "", "status": status, "visibility": Visibility.INTERNAL}


def _sync_event(inquiry: Inquiry, *, by, status: str) -> None:
    """Write the interview's calendar event (the press permission was checked here: the
    calendar's own ``save_event`` writes, audits and refreshes the feeds)."""
    event = Event.objects.filter(pk=inquiry.event_id, removed=False).first()
    values = _event_values(inquiry, status)
    verb = "calendar_event_update" if event else "calendar_event_create"
    event, _changed = save_event(event or Event(), values, by=by, verb=verb)
    if inquiry.event_id != event.pk:
        Inquiry.objects.filter(pk=inquiry.pk).update(event=event)
        inquiry.event = event


@service
def interview_propose(*, inquiry: Inquiry, by, spokesperson, starts_at: datetime,
                      minutes: int = 30, place: str = "", briefing: str = "") -> Inquiry:
    """The desk proposes the spokesperson, the time and the place (a tentative event on the
    calendar); proposing again changes them and asks for a new confirmation."""
    inquiry = lifecycle.lock(inquiry)
    ensure(perms.is_press_officer(by))
    if not inquiry.is_interview:
        raise TransitionRefused(_("Only an interview request has a spokesperson."))
    if not perms.can_propose_interview(by, inquiry):
        raise lifecycle.state_refusal(inquiry, _("This is not possible while the inquiry is "
                                                 "“%(state)s”."))
    if spokesperson is None or not spokesperson.is_active:
        raise TransitionRefused(_("Choose the spokesperson."))
    if not isinstance(starts_at, datetime):
        raise TransitionRefused(_("Give the date and hour of the interview."))
    check_year(starts_at)  # a ValidationError with its own sentence
    if not 5 <= int(minutes) <= MAX_MINUTES:
        raise TransitionRefused(_("The interview lasts from 5 minutes to 8 hours."))
    if not place.strip():
        raise TransitionRefused(_("Say where the interview takes place (or how: by phone, "
                                  "by video)."))
    inquiry.spokesperson, inquiry.interview_at = spokesperson, starts_at
    inquiry.interview_minutes, inquiry.interview_place = int(minutes), place.strip()
    inquiry.briefing, inquiry.spokesperson_confirmed_at = briefing.strip(), None
    inquiry.save(update_fields=["spokesperson", "interview_at", "interview_minutes",
                                "interview_place", "briefing", "spokesperson_confirmed_at"])
    _sync_event(inquiry, by=by, status=EventStatus.TENTATIVE)
    record(by=by, verb="interview_propose", target=inquiry,
           payload={"spokesperson": spokesperson.pk, "at": starts_at})
    return inquiry


@service
def interview_confirm(*, inquiry: Inquiry, by) -> Inquiry:
    """The spokesperson confirms the interview (or the desk, for them): the calendar event
    is confirmed."""
    inquiry = lifecycle.lock(inquiry)
    if not perms.can_confirm_interview(by, inquiry):
        ensure(perms.is_press_officer(by) or perms.is_spokesperson(by, inquiry))
        raise TransitionRefused(_("There is no proposed interview to confirm."))
    inquiry.spokesperson_confirmed_at = clock.now()
    inquiry.save(update_fields=["spokesperson_confirmed_at"])
    _sync_event(inquiry, by=by, status=EventStatus.CONFIRMED)
    record(by=by, verb="interview_confirm", target=inquiry,
           payload={"spokesperson": inquiry.spokesperson_id})
    return inquiry


def interview_cancel_event(inquiry: Inquiry, *, by) -> None:
    """A declined interview request: its calendar event stays in feeds as cancelled."""
    if inquiry.event_id and inquiry.interview_at and inquiry.spokesperson_id:
        _sync_event(inquiry, by=by, status=EventStatus.CANCELLED)
