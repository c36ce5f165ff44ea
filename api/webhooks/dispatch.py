"""Turn lifecycle transitions into webhook deliveries (an AFTER_TRANSITION hook)."""

from django.db import transaction

from api.models import DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent
from pauta import clock

# The transition verb of workflows.services → the webhook event it publishes.
EVENTS = {
    "submit": WebhookEvent.SUBMITTED,
    "approve": WebhookEvent.APPROVED,
    "schedule": WebhookEvent.SCHEDULED,
    "publish": WebhookEvent.PUBLISHED,
    "withdraw": WebhookEvent.WITHDRAWN,
}


def payload_for(request, event: str, audit_event) -> dict:
    """The JSON body: what happened, to which request, with the request as the API shows it."""
    from api.serializers.requests import RequestWebhookSerializer

    return {
        "event": event,
        "occurred_at": audit_event.created_at.isoformat(),
        "audit_event": audit_event.pk,
        "request": RequestWebhookSerializer(request).data,
    }


def on_transition(*, request, verb, by, event, context) -> None:
    """Record one delivery per subscribed active webhook; send them after commit."""
    name = EVENTS.get(verb)
    if name is None or not clock.is_news():  # the demo's history/seeding is not broadcast
        return
    hooks = [h for h in Webhook.objects.filter(active=True) if name in (h.events or [])]
    if not hooks:
        return
    body = payload_for(request, name, event)
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
    from workflows.audit import audit_record

    copy = WebhookDelivery.objects.create(webhook=delivery.webhook, event=delivery.event,
                                          payload=delivery.payload,
                                          status=DeliveryStatus.PENDING,
                                          redelivery_of=delivery)
    audit_record(actor=by, verb="webhook_redeliver", target=copy,
                 payload={"of": delivery.pk})
    transaction.on_commit(lambda: enqueue([copy.pk]))
    return copy
