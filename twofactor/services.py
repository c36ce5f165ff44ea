"""Enrolling, verifying, replacing and removing a person's TOTP device (django-otp), audited.

The rules that keep a stolen password from taking over the second factor:

- a person who has a confirmed device can start or finish an enrolment only from a session
  verified by that device, and finishing it (which replaces the device) asks for a fresh code
  of the current device;
- the key of an unconfirmed device is shown to one session only (its id is kept in that
  session): a device half-enrolled elsewhere can be neither confirmed nor used to sign in;
- turning two-factor off asks for a fresh code of the current device too.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import record
from twofactor import permissions as perms

DEVICE_NAME = "Pauta"
# The session key holding the id of the unconfirmed device whose key this session was shown.
PENDING_DEVICE = "twofactor_pending_device"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def verified_by_current_device(request) -> bool:
    """True when this session passed the second factor with the person's confirmed device.

    django-otp's middleware already drops a session's device when it is unconfirmed, deleted
    or someone else's; this also checks it is the person's current device.
    """
    device = getattr(request.user, "otp_device", None)
    current = confirmed_device(request.user)
    return device is not None and current is not None and device.pk == current.pk


def _check_can_enrol(request) -> None:
    if not perms.can_use_two_factor(request.user):
        raise PermissionDenied(_("You are not allowed to do this."))
    if confirmed_device(request.user) is not None and not verified_by_current_device(request):
        raise PermissionDenied(_("Type the code of your current device first."))


def _current_code_ok(request, token: str) -> bool:
    """A fresh code of the device that verified this session (it cannot be used twice)."""
    device = TOTPDevice.objects.select_for_update().filter(
        pk=request.user.otp_device.pk, user=request.user, confirmed=True).first()
    return device is not None and device.verify_token((token or "").strip())


@transaction.atomic
def device_start(*, request) -> TOTPDevice:
    """The unconfirmed device whose key the enrol page shows to this session only.

    Refused to a session not verified by the person's current device, if they have one.
    """
    _check_can_enrol(request)
    pending = request.session.get(PENDING_DEVICE)
    device = TOTPDevice.objects.filter(pk=pending, user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
        request.session[PENDING_DEVICE] = device.pk
    return device


@transaction.atomic
def device_confirm(*, request, device: TOTPDevice, token: str, current_token: str = "") -> bool:
    """Confirm this session's pending device with a first code from the app.

    If the person already has a device, this replaces it: the session must be verified by it
    and ``current_token`` must be a fresh code of it. The session is then verified by the new
    device; the old one is deleted, and both steps are audited.
    """
    _check_can_enrol(request)
    if device.pk != request.session.get(PENDING_DEVICE):
        raise PermissionDenied(_("Start the set-up again from this page."))
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user,
                                                        confirmed=False)
    replaced = confirmed_device(request.user)
    if replaced is not None and not _current_code_ok(request, current_token):
        return False
    if not device.verify_token(token.strip()):
        return False
    for old in TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk):
        if old.confirmed:
            record(by=request.user, verb="two_factor_remove", target=old,
                         payload={"replaced_by": device.pk})
        old.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    request.session.pop(PENDING_DEVICE, None)
    otp_login(request, device)
    record(by=request.user, verb="two_factor_enrol", target=device,
                 payload={"replaces": replaced.pk} if replaced else {})
    return True


def verify(*, request, token: str) -> bool:
    """Check a code at sign-in; on success the session is verified for django-otp."""
    device = confirmed_device(request.user)
    if device is None or not device.verify_token(token.strip()):
        return False
    otp_login(request, device)
    return True


@transaction.atomic
def device_remove(*, request, token: str) -> bool:
    """Turn two-factor off for oneself: a verified session and a fresh code of the device.

    Not while it is required for the person. Returns False when the code is not right.
    """
    if perms.must_use_two_factor(request.user):
        raise PermissionDenied(_("Two-factor sign-in is required for your role."))
    if not verified_by_current_device(request):
        raise PermissionDenied(_("Type the code of your current device first."))
    if not _current_code_ok(request, token):
        return False
    for device in TOTPDevice.objects.filter(user=request.user):
        if device.confirmed:
            record(by=request.user, verb="two_factor_remove", target=device)
        device.delete()
    request.session.pop(PENDING_DEVICE, None)
    return True


@transaction.atomic
def device_remove_by_admin(*, by, devices) -> int:
    """An administrator removes devices (a lost phone) in the admin; each removal is audited."""
    count = 0
    for device in devices:
        record(by=by, verb="two_factor_remove", target=device,
                     payload={"user": device.user_id, "by_administrator": True})
        device.delete()
        count += 1
    return count
