"""Two-factor pages: enrol (QR code and key), the code at sign-in, replacing the device and
turning it off. The rules (who may enrol, re-verification) live in twofactor/services.py."""

import base64
import io
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twofactor import permissions as perms
from twofactor import services
from twofactor.forms import CurrentTokenForm, ReplaceForm, TokenForm
from twofactor.middleware import NO_DEVICE


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return "/"


def _qr_data_uri(url: str) -> str:
    """The otpauth:// URL as an SVG QR code, made here (no outside service sees the key)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=5, border=2, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def _to_verify(request, back: str = ""):
    """A person with a device whose session has not passed it yet goes to the code page."""
    query = urlencode({"next": back or request.path})
    return redirect(f"{reverse('twofactor:verify')}?{query}")


def _enrol_page(request, device, form, *, replace=False):
    key = base64.b32encode(device.bin_key).decode("ascii")
    return render(request, "twofactor/setup.html", {
        "form": form, "qr": _qr_data_uri(device.config_url), "key": key, "replace": replace,
        "key_groups": " ".join(key[i:i + 4] for i in range(0, len(key), 4)),
        "next": _next(request), "required": perms.must_use_two_factor(request.user)})


def _status_page(request, form=None):
    return render(request, "twofactor/status.html", {
        "form": form or CurrentTokenForm(), "required": perms.must_use_two_factor(request.user)})


@login_required
def setup(request):
    if not perms.can_use_two_factor(request.user):
        raise PermissionDenied
    if services.confirmed_device(request.user) is not None:
        if not services.verified_by_current_device(request):
            return _to_verify(request)
        return _status_page(request)
    device = services.device_start(request=request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.device_confirm(request=request, device=device,
                                   token=form.cleaned_data["token"]):
            request.session.pop(NO_DEVICE, None)
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect(_next(request))
        form.add_error("token", _("The code is not right. Check the time on your phone "
                                  "and try the newest code."))
    return _enrol_page(request, device, form)


@login_required
def replace(request):
    """A new phone: the new device's key, confirmed with a code of each device."""
    if not perms.can_use_two_factor(request.user):
        raise PermissionDenied
    if services.confirmed_device(request.user) is None:
        return redirect("twofactor:setup")
    if not services.verified_by_current_device(request):
        return _to_verify(request)
    device = services.device_start(request=request)
    form = ReplaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.device_confirm(request=request, device=device,
                                   token=form.cleaned_data["token"],
                                   current_token=form.cleaned_data["current_token"]):
            messages.success(request, _("Your new device is set up; the old one no longer "
                                        "works."))
            return redirect("twofactor:setup")
        form.add_error(None, _("One of the codes is not right. Type the newest code of each "
                               "device; a code already used does not work again."))
    return _enrol_page(request, device, form, replace=True)


@login_required
def verify(request):
    if services.confirmed_device(request.user) is None or request.user.is_verified():
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next(request))
        form.add_error("token", _("The code is not right, or it was used already."))
    return render(request, "twofactor/verify.html", {"form": form, "next": _next(request)})


@login_required
@require_POST
def disable(request):
    if perms.must_use_two_factor(request.user):
        raise PermissionDenied
    if services.confirmed_device(request.user) is None:
        return redirect("twofactor:setup")  # nothing to turn off
    if not services.verified_by_current_device(request):
        return _to_verify(request, reverse("twofactor:setup"))
    form = CurrentTokenForm(request.POST)
    if form.is_valid() and services.device_remove(
            request=request, token=form.cleaned_data["current_token"]):
        messages.success(request, _("Two-factor sign-in is off."))
        return redirect("twofactor:setup")
    if form.is_valid():
        form.add_error("current_token", _("The code is not right, or it was used already."))
    return _status_page(request, form)
