"""The subject of a webhook body, by kind: a request as the API shows it, a campaign."""

from django.apps import apps


def load(event):
    """The event's subject object, or None when its model or row is gone."""
    try:
        model = apps.get_model(event.subject_type)
    except (LookupError, ValueError):
        return None
    return model._default_manager.filter(pk=event.subject_id).first()


def subject_payload(event) -> dict:
    """``{"request": {...}}`` or ``{"campaign": {...}}`` (or ``{}`` for other subjects)."""
    subject = load(event)
    if subject is None:
        return {}
    kind = event.subject_type
    if kind == "workflows.contentrequest":
        from api.serializers.requests import RequestWebhookSerializer

        return {"request": RequestWebhookSerializer(subject).data}
    if kind in ("workflows.campaign", "campaigns.campaign"):
        return {"campaign": campaign_payload(subject)}
    return {}


def campaign_payload(campaign) -> dict:
    return {
        "id": campaign.pk, "title": campaign.title, "state": campaign.state,
        "secretariat": campaign.secretariat.acronym, "start": campaign.start.isoformat(),
        "end": campaign.end.isoformat(), "plan_action": campaign.plan_action_id,
    }
