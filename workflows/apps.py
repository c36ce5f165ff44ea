"""Content requests: lifecycle, processes, assignments, comments, publications, audit trail."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Content requests")

    def ready(self):
        from workflows import verbs, verbs_campaigns

        verbs.register_verbs()
        verbs_campaigns.register_verbs()
