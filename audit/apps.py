"""The audit app: the event model, the chain, the verb registry and the describe tag."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit trail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit import anchor  # noqa: F401  (registers the audit key deploy check)
        from audit.verbs import register_verbs

        register_verbs()
