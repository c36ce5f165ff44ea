"""Communication Plan: channels, audiences, objectives, actions and KPI targets."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Communication Plan")

    def ready(self):
        from plans import verbs

        verbs.register_verbs()
