"""Content requests: lifecycle, processes, assignments, comments, publications, audit trail."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Content requests")

    def ready(self):
        from approvals import approvable
        from approvals.compliance.gate import compliance_gate
        from pauta import lifecycle
        from workflows import verbs
        from workflows.approvable import approvable as request_approvable
        from workflows.models import ContentRequest

        verbs.register_verbs()
        approvable.register(request_approvable())
        lifecycle.register_gate(ContentRequest, compliance_gate)
