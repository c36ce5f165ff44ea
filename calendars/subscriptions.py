"""Subscribed external calendars: fetched on a schedule with ETag / If-Modified-Since and
imported through the ICS importer; every fetch leaves its status (and error) on the row."""

import urllib.error
import urllib.request

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.imports import MAX_BYTES, ImportRejected, import_ics
from calendars.models import Subscription, SubscriptionStatus

TIMEOUT = 30


def _download(subscription: Subscription) -> tuple[int, bytes, dict]:
    """(HTTP status, body, headers); 304 with an empty body when nothing changed."""
    if not subscription.url.lower().startswith(("http://", "https://")):
        raise ValueError(_("Only http and https addresses can be subscribed."))
    headers = {"User-Agent": "Pauta calendar subscription", "Accept": "text/calendar"}
    if subscription.etag:
        headers["If-None-Match"] = subscription.etag
    if subscription.http_last_modified:
        headers["If-Modified-Since"] = subscription.http_last_modified
    # The scheme is checked above (no file: or ftp:); redirects stay on http(s).
    request = urllib.request.Request(subscription.url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            body = response.read(MAX_BYTES + 1)
            return response.status, body, dict(response.headers)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return 304, b"", dict(error.headers)
        raise


def _failure(error: Exception) -> str:
    if isinstance(error, ImportRejected):
        return "\n".join(error.messages)
    if isinstance(error, urllib.error.HTTPError):
        return _("The server answered with the error %(code)s.") % {"code": error.code}
    if isinstance(error, ValueError):
        return str(error)
    return _("The calendar could not be fetched: the server did not answer.")


def fetch_subscription(subscription: Subscription) -> Subscription:
    """Fetch one subscribed calendar and import it when it changed; never raises.

    A failed fetch or a rejected file leaves the events as they were and records why.
    """
    now = timezone.now()
    subscription.checked_at = now
    try:
        code, body, headers = _download(subscription)
        if code == 304:
            subscription.status, subscription.error = SubscriptionStatus.NOT_MODIFIED, ""
        else:
            with transaction.atomic():
                import_ics(data=body, kind=subscription.kind, by=None, system=True,
                           source=subscription.name, visibility=subscription.visibility)
            subscription.status, subscription.error = SubscriptionStatus.OK, ""
            subscription.imported_at = now
            subscription.etag = headers.get("ETag", "")[:255]
            subscription.http_last_modified = headers.get("Last-Modified", "")[:64]
    except (OSError, ValueError, ImportRejected) as error:  # URLError and timeouts are OSError
        subscription.status, subscription.error = SubscriptionStatus.ERROR, _failure(error)
    subscription.save(update_fields=["checked_at", "status", "error", "imported_at", "etag",
                                     "http_last_modified"])
    return subscription


def fetch_all() -> dict:
    """Fetch every active subscription; the counts of each resulting status."""
    counts: dict[str, int] = {}
    for subscription in Subscription.objects.filter(active=True):
        status = fetch_subscription(subscription).status
        counts[status] = counts.get(status, 0) + 1
    return counts
