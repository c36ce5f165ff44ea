"""KPIs: indicator definitions and computation, the dashboard, XLSX exports, scheduled reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("KPIs and reports")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from audit.signals import event_recorded
        from reports import verbs  # noqa: F401  (registers its audit verbs)
        from reports.facts import hooks
        from workflows.models import Holiday

        event_recorded.connect(hooks.audit_event_recorded, dispatch_uid="reports.facts.audit")
        post_save.connect(hooks.holiday_changed, sender=Holiday,
                          dispatch_uid="reports.facts.holiday_saved")
        post_delete.connect(hooks.holiday_changed, sender=Holiday,
                            dispatch_uid="reports.facts.holiday_deleted")
