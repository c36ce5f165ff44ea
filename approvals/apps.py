"""Approval policies, steps and decisions; the brand and legal compliance engine."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = _("Approvals")

    def ready(self):
        from approvals import verbs
        from approvals.compliance.gate import compliance_gate
        from approvals.compliance.registry import load_rules
        from workflows.services import BEFORE_TRANSITION

        load_rules()
        verbs.register_verbs()
        if compliance_gate not in BEFORE_TRANSITION:
            BEFORE_TRANSITION.append(compliance_gate)
