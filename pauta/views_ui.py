"""Pages every installation shares: the brand stylesheet and Pauta's own error pages.

Error pages render in the base template, in the person's language, with a way back; they
never show a stack trace or a raw database message. The 500 page renders without touching
the database (the failure may be the database itself).
"""

import logging

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import requires_csrf_token

from pauta import brand

logger = logging.getLogger(__name__)

BRAND_CSS = """:root {{
  --interactive-light: {color};
  --interactive-light-rgb: {rgb};
  --color-primary-default: {color};
  --rgb-primary-default: {rgb};
  --pauta-brand: {color};
  --pauta-brand-dark: {dark};
}}
"""


@cache_control(public=True, max_age=3600)
def brand_css(request):
    """The installation's accent colour as the design system's custom properties."""
    current = brand.current()
    css = BRAND_CSS.format(color=current.color, rgb=current.color_rgb, dark=current.color_dark)
    return HttpResponse(css, content_type="text/css; charset=utf-8")


API_PREFIX = "/api/v1/"  # the JSON API (the token pages under /api/tokens/ are pages)
API_CODES = {400: "bad_request", 403: "permission_denied", 404: "not_found"}


def _error(request, status, title, message, template="pauta/error.html"):
    if request.path.startswith(API_PREFIX):  # the API answers in its JSON shape (docs/api.md)
        return JsonResponse({"code": API_CODES.get(status, "error"), "detail": str(message)},
                            status=status)
    context = {"status": status, "title": title, "message": message}
    return render(request, template, context, status=status)


def wants_json(request) -> bool:
    """JSON endpoints (the API, ``*.json`` views, JSON bodies) answer errors in JSON."""
    return (request.path.startswith("/api/") or request.path.endswith(".json")
            or (request.content_type or "").startswith("application/json")
            or "application/json" in request.headers.get("Accept", ""))


@requires_csrf_token
def bad_request(request, exception=None):
    """``handler400``: the message of a ``pauta.inputs.BadInput`` (or a general one)."""
    message = getattr(exception, "message", "") or _(
        "Something in the address or the form was not valid. Go back, check what you typed "
        "and try again.")
    if wants_json(request) and not request.path.startswith(API_PREFIX):
        return JsonResponse({"error": str(message)}, status=400)
    return _error(request, 400, _("The request could not be understood"), message)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _error(request, 403, _("You may not open this page"),
                  _("Your account does not have access to this page or action. If you think "
                    "it should, ask the communication team's administrator."))


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error(request, 404, _("Page not found"),
                  _("The page you are looking for does not exist or was moved. Check the "
                    "address, or start again from the home page."))


@requires_csrf_token
def server_error(request):
    """Render without context processors that read the database (they may be what failed)."""
    template = loader.get_template("500.html")
    context = {"status": 500, "BRAND": brand.current(), "SITE_NAME": "Pauta", "request": request,
               "title": _("Something went wrong on our side"),
               "message": _("The error was recorded and the team will look into it. Try again "
                            "in a few minutes; nothing you saved before was lost.")}
    return HttpResponse(template.render(context), status=500)


def csrf_failure(request, reason=""):
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return _error(request, 403, _("The form expired"),
                  _("For your security the form could not be sent: the page was open for too "
                    "long or your browser blocked a cookie. Go back, reload the page and send "
                    "it again."))
