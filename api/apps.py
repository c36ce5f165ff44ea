"""The JSON API, its tokens, outgoing webhooks and the Atom feed of published news."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API and integrations")

    def ready(self):
        from api import verbs  # noqa: F401  (registers the API's audit verbs)
        from api.webhooks.dispatch import on_event_recorded
        from audit.signals import event_recorded

        event_recorded.connect(on_event_recorded, dispatch_uid="api.webhooks.on_event_recorded")
