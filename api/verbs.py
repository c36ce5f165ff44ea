"""The verbs of API tokens and webhook re-deliveries in the audit registry."""

from django.utils.translation import gettext_lazy as _

from audit.registry import Verb, register
from audit.sentences import fill


def _token(text):
    def describe(event) -> str:
        from api.models import ApiToken

        token = ApiToken.objects.filter(pk=event.target_id).first()
        return fill(text, event, name=event.payload.get("name") or (token.name if token else ""))

    return describe


def _redeliver(event) -> str:
    from api.models import WebhookDelivery

    delivery = WebhookDelivery.objects.select_related("webhook").filter(
        pk=event.target_id).first()
    return fill(_("%(actor)s sent a webhook delivery to “%(name)s” again."), event,
                name=delivery.webhook.name if delivery else "")


register(Verb("api_token_create", _("Create an API token"),
              _token(_("%(actor)s created the API token “%(name)s”.")),
              subject_kind="api.apitoken"))
register(Verb("api_token_revoke", _("Revoke an API token"),
              _token(_("%(actor)s revoked the API token “%(name)s”.")),
              subject_kind="api.apitoken"))
register(Verb("webhook_redeliver", _("Deliver again"), _redeliver,
              subject_kind="api.webhookdelivery"))
