"""Content requests: lifecycle, processes, assignments, comments, publications, audit trail."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Content requests")

    def ready(self):
        from workflows import audit_anchor  # noqa: F401  (registers the audit key deploy check)
