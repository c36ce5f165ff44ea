"""Approval policies, steps and decisions; the brand and legal compliance engine."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = _("Approvals")

    def ready(self):
        from approvals import verbs
        from approvals.compliance.registry import load_rules

        load_rules()
        verbs.register_verbs()
