"""The JSON API, its tokens, outgoing webhooks and the Atom feed of published news."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API and integrations")

    def ready(self):
        from api.webhooks.dispatch import on_transition
        from workflows.services import AFTER_TRANSITION

        if on_transition not in AFTER_TRANSITION:
            AFTER_TRANSITION.append(on_transition)
