"""Send one webhook delivery: sign, POST, log the attempt, schedule a retry with backoff."""

import http.client
import json
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from api.models import DeliveryStatus, WebhookAttempt, WebhookDelivery
from api.webhooks import safety, signing
from api.webhooks.safety import check_url
from pauta import clock

USER_AGENT = "Pauta-Webhooks/1"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect could lead to a private address: treat it as the answer instead."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = safety.guarded_opener(
    _NoRedirect, allow_private=lambda: settings.WEBHOOKS_ALLOW_PRIVATE)


def backoff(attempt: int) -> int:
    """Seconds before retry number ``attempt`` (1, 2, …): base, 2×base, 4×base, …"""
    return settings.WEBHOOKS_RETRY_BASE_SECONDS * 2 ** (attempt - 1)


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, cls=DjangoJSONEncoder, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def _post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """POST the signed body; (status, error). 2xx is success, anything else an error."""
    webhook = delivery.webhook
    check_url(webhook.url)  # again at send time: DNS may have changed since it was saved
    body = body_of(delivery)
    timestamp = int(time.time())
    # check_url allowed http(s) only, so no file: or custom scheme reaches urllib.
    request = urllib.request.Request(webhook.url, data=body, method="POST", headers={  # noqa: S310
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        signing.TIMESTAMP_HEADER: str(timestamp),
        signing.SIGNATURE_HEADER: signing.sign(webhook.secret, timestamp, body),
        signing.EVENT_HEADER: delivery.event,
        signing.DELIVERY_HEADER: str(delivery.uuid),
    })
    try:
        with _opener.open(request, timeout=settings.WEBHOOKS_TIMEOUT) as response:  # noqa: S310
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return None, str(getattr(exc, "reason", exc))[:1000]
    except http.client.HTTPException as exc:  # not HTTP at all: a bad status line, a cut body
        return None, f"{type(exc).__name__}: {exc}"[:1000]


def deliver(delivery_id: int) -> WebhookDelivery | None:
    """One attempt; on failure, the delivery waits for its next try (returned: the delivery).

    The HTTP call runs outside any transaction, so a slow receiver never holds a lock.
    """
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (DeliveryStatus.DELIVERED, DeliveryStatus.FAILED):
        return delivery
    started = time.monotonic()
    try:
        status, error = _post(delivery)
    except ValidationError as exc:
        status, error = None, " ".join(exc.messages)
    elapsed = int((time.monotonic() - started) * 1000)
    retry_in = _log_attempt(delivery.pk, status=status, error=error, elapsed=elapsed)
    if retry_in is not None:
        from api.tasks import deliver_webhook

        deliver_webhook.schedule((delivery.pk,), delay=retry_in)
    return WebhookDelivery.objects.get(pk=delivery.pk)


@transaction.atomic
def _log_attempt(delivery_id: int, *, status, error: str, elapsed: int) -> int | None:
    """Store the attempt and the delivery's new status; the seconds to the next try, if any."""
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
    now = clock.now()
    WebhookAttempt.objects.create(delivery=delivery, at=now, response_status=status,
                                  response_ms=elapsed, error=error)
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_status, delivery.response_ms, delivery.error = status, elapsed, error
    retry_in = None
    if status is not None and 200 <= status < 300:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.DELIVERED, None
    elif delivery.attempts >= settings.WEBHOOKS_MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
    else:
        retry_in = backoff(delivery.attempts)
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = now + timedelta(seconds=retry_in)
    delivery.save()
    return retry_in
