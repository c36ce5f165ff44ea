"""KPIs: indicator definitions and computation, the dashboard, XLSX exports, scheduled reports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("KPIs and reports")

    def ready(self):
        from reports import verbs  # noqa: F401  (registers its audit verbs)
