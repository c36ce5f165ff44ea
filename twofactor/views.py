"""Two-factor pages: enrol (QR code and key), the code at sign-in, turning it off."""

import base64
import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twofactor import permissions as perms
from twofactor import services
from twofactor.forms import TokenForm
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


@login_required
def setup(request):
    if not perms.can_use_two_factor(request.user):
        raise PermissionDenied
    if services.confirmed_device(request.user) and request.user.is_verified():
        return render(request, "twofactor/status.html", {
            "required": perms.must_use_two_factor(request.user)})
    device = services.device_start(by=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.device_confirm(request=request, device=device,
                                   token=form.cleaned_data["token"]):
            request.session.pop(NO_DEVICE, None)
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect(_next(request))
        form.add_error("token", _("The code is not right. Check the time on your phone "
                                  "and try the newest code."))
    key = base64.b32encode(device.bin_key).decode("ascii")
    return render(request, "twofactor/setup.html", {
        "form": form, "qr": _qr_data_uri(device.config_url), "key": key,
        "key_groups": " ".join(key[i:i + 4] for i in range(0, len(key), 4)),
        "next": _next(request), "required": perms.must_use_two_factor(request.user)})


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
    services.device_remove(by=request.user)
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("twofactor:setup")
