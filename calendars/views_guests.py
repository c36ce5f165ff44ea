"""An event's guests and authorities: the list (add, correct, remove, erase), the invitations,
the printable protocol order, and the public RSVP page a guest opens from the e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from calendars import guests
from calendars import permissions as perms
from calendars.forms import GuestForm, RsvpForm
from calendars.models import Guest, Rsvp


def _event(request, pk):
    return get_object_or_404(perms.visible_events(request.user), pk=pk)


def _managed_event(request, pk):
    event = _event(request, pk)
    if not perms.can_manage_guests(request.user):
        raise PermissionDenied
    return event


def _back(pk):
    return redirect(reverse("calendars:event_detail", args=[pk]) + "#guests-h")


def _refused(request, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


def _form_errors(request, form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def guest_context(user, event) -> dict:
    """The guest list, its forms and the art. 77 warning, for the event page."""
    if not perms.can_view_guests(user):
        return {"can_view_guests": False}
    manage = perms.can_manage_guests(user)
    rows = [(g, GuestForm(instance=g, prefix=f"guest-{g.pk}") if manage else None)
            for g in event.guests.all()]
    counts = {state: sum(1 for g, _f in rows if g.rsvp == state) for state in Rsvp.values}
    return {"can_view_guests": True, "can_manage_guests": manage, "guests": rows,
            "rsvp_counts": counts, "guest_form": GuestForm(prefix="new-guest") if manage else None,
            "to_invite": sum(1 for g, _f in rows if g.email and not g.invited_at),
            "art77": guests.candidate_warning(event)}


@login_required
@require_POST
def guest_add(request, pk):
    event = _managed_event(request, pk)
    form = GuestForm(request.POST, prefix="new-guest")
    if not form.is_valid():
        _form_errors(request, form)
        return _back(pk)
    try:
        guests.guest_add(event=event, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Guest added."))
    return _back(pk)


@login_required
@require_POST
def guest_edit(request, pk, guest_pk):
    event = _managed_event(request, pk)
    guest = get_object_or_404(Guest, pk=guest_pk, event=event)
    form = GuestForm(request.POST, prefix=f"guest-{guest.pk}")
    if not form.is_valid():
        _form_errors(request, form)
        return _back(pk)
    try:
        guests.guest_update(guest=guest, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Guest saved."))
    return _back(pk)


@login_required
@require_POST
def guest_remove(request, pk, guest_pk):
    event = _managed_event(request, pk)
    guest = get_object_or_404(Guest, pk=guest_pk, event=event)
    guests.guest_remove(guest=guest, by=request.user)
    messages.success(request, _("Guest removed; their personal data were deleted."))
    return _back(pk)


@login_required
@require_POST
def guests_erase(request, pk):
    event = _managed_event(request, pk)
    deleted = guests.guests_erase(event=event, by=request.user)
    messages.success(request, ngettext(
        "%(n)s guest removed with their personal data.",
        "%(n)s guests removed with their personal data.", deleted) % {"n": deleted})
    return _back(pk)


@login_required
@require_POST
def guests_invite(request, pk):
    event = _managed_event(request, pk)
    try:
        count = guests.guests_invite(event=event, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, ngettext(
            "The invitation is being sent to %(n)s guest.",
            "The invitation is being sent to %(n)s guests.", count) % {"n": count})
    return _back(pk)


@login_required
def protocol(request, pk):
    """The ceremony's order of authorities, to print (no menu, print style sheet)."""
    event = _event(request, pk)
    if not perms.can_view_guests(request.user):
        raise PermissionDenied
    return render(request, "calendars/protocol.html", {
        "event": event, "order": guests.protocol_order(event),
        "back": reverse("calendars:event_detail", args=[event.pk])})


# What each refused link answers (the page says why in the visitor's language).
REFUSED = {"invalid": 404, "expired": 410, "cancelled": 410}


def rsvp(request, token):
    """The guest's personal page: confirm or decline, no account needed."""
    try:
        guest = guests.guest_for_token(token)
    except guests.TokenRefused as refused:
        return render(request, "calendars/rsvp_refused.html",
                      {"reason": refused.reason}, status=REFUSED[refused.reason])
    form = RsvpForm(request.POST or None)
    answered = False
    if request.method == "POST":
        if form.is_valid():
            guest = guests.rsvp_answer(guest=guest, answer=form.cleaned_data["answer"])
            answered = True
        else:
            form.add_error(None, _("Choose whether you will attend."))
    return render(request, "calendars/rsvp.html", {
        "guest": guest, "event": guest.event, "form": form, "answered": answered,
        "token": token}, status=400 if form.errors else 200)
