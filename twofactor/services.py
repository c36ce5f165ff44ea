"""Enrolling, verifying and removing a person's TOTP device (django-otp), with an audit event."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import record
from twofactor import permissions as perms

DEVICE_NAME = "Pauta"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def device_start(*, by) -> TOTPDevice:
    """The unconfirmed device whose key the enrol page shows (a new key on each new start)."""
    if not perms.can_use_two_factor(by):
        raise PermissionDenied(_("You are not allowed to do this."))
    device = TOTPDevice.objects.filter(user=by, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=by, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def device_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm the device with a first code from the app; the session counts as verified."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user)
    if not device.verify_token(token.strip()):
        return False
    TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    record(by=request.user, verb="two_factor_enrol", target=device)
    return True


def verify(*, request, token: str) -> bool:
    """Check a code at sign-in; on success the session is verified for django-otp."""
    device = confirmed_device(request.user)
    if device is None or not device.verify_token(token.strip()):
        return False
    otp_login(request, device)
    return True


@transaction.atomic
def device_remove(*, by) -> int:
    """Turn two-factor off for oneself (not while it is required for the person)."""
    if perms.must_use_two_factor(by):
        raise PermissionDenied(_("Two-factor sign-in is required for your role."))
    devices = list(TOTPDevice.objects.filter(user=by))
    for device in devices:
        record(by=by, verb="two_factor_remove", target=device)
        device.delete()
    return len(devices)
