"""Send a signed-in person with a TOTP device to the code page until the session is verified,
and (when required for their role) a person without one to the enrol page."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from twofactor import permissions as perms
from twofactor.services import confirmed_device

NO_DEVICE = "twofactor_no_device"
# Reachable before the second factor: signing out and public pages. Of the factor pages only
# the one the person is sent to is open: a person with a device reaches the code page, never the
# enrol page, until the session is verified.
OPEN_NAMES = ("logout", "login", "accessibility", "health", "org:set_language",
              "javascript-catalog")


def remember_no_device(sender, request, user, **kwargs):
    """At sign-in, note in the session when the person has no device, so that pages don't
    look it up on every request (most people have none)."""
    session = getattr(request, "session", None)
    if session is not None and confirmed_device(user) is None:
        session[NO_DEVICE] = True


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not self._open(request.path):
            target = self._target(request, user)
            if target and request.path != reverse(target):
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        if path.startswith((settings.STATIC_URL, "/feeds/")):
            return True
        return any(path == reverse(name) for name in OPEN_NAMES)

    @staticmethod
    def _target(request, user) -> str | None:
        if user.is_verified():
            return None
        # Set at sign-in (remember_no_device); looked up here only for older sessions.
        if not request.session.get(NO_DEVICE):
            if confirmed_device(user) is not None:
                return "twofactor:verify"
            request.session[NO_DEVICE] = True
        if perms.must_use_two_factor(user):
            return "twofactor:setup"
        return None
