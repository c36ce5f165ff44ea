"""Turn recorded events into webhook deliveries (a receiver of ``audit.signals.event_recorded``).

Which events publish which webhook comes from the verb registry (``Verb.webhook``); the body
carries the event's sentence from the registry and the subject as the API shows it.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from api.models import DeliveryStatus, Webhook, WebhookDelivery
from audit import registry


def _subject_body(event) -> dict:
    """The subject of the event as webhook bodies carry it, under its kind's key."""
    from api.webhooks.payloads import subject_payload

    return subject_payload(event)


def payload_for(event, name: str) -> dict:
    """The JSON body: what happened (in words and as codes) and to which subject."""
    with translation.override(settings.LANGUAGE_CODE):
        text = registry.describe(event)
    return {
        "event": name,
        "occurred_at": event.created_at.isoformat(),
        "audit_event": event.pk,
        "verb": event.verb,
        "text": text,
        **_subject_body(event),
    }


def on_event_recorded(sender, *, event, verb, **kwargs) -> None:
    """Record one delivery per subscribed active webhook and send them (after commit)."""
    name = verb.webhook if verb is not None else None
    if not name:
        return
    hooks = [h for h in Webhook.objects.filter(active=True) if name in (h.events or [])]
    if not hooks:
        return
    body = payload_for(event, name)
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(webhook=h, event=name, payload=body) for h in hooks])
    ids = [d.pk for d in deliveries]
    transaction.on_commit(lambda: enqueue(ids))


def enqueue(delivery_ids) -> None:
    from api.tasks import deliver_webhook

    for pk in delivery_ids:
        deliver_webhook(pk)


@transaction.atomic
def delivery_redeliver(*, delivery: WebhookDelivery, by) -> WebhookDelivery:
    """Send the same body again as a new delivery (admin action); returns the new one."""
    from audit.services import record

    copy = WebhookDelivery.objects.create(webhook=delivery.webhook, event=delivery.event,
                                          payload=delivery.payload,
                                          status=DeliveryStatus.PENDING,
                                          redelivery_of=delivery)
    record(by=by, verb="webhook_redeliver", target=copy, payload={"of": delivery.pk})
    transaction.on_commit(lambda: enqueue([copy.pk]))
    return copy
