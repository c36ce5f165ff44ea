"""The verbs of KPI reports in the audit registry."""

from django.utils.translation import gettext_lazy as _

from audit.registry import Verb, register, said

register(Verb("export_kpis", _("Export KPIs"), said(_("%(actor)s exported the KPIs.")),
              subject_kind="reports.kpiexport"))
# A job whose worker died: the sweeper fails it and tells the person in the app (services).
register(Verb("export_failed", _("KPI export failed"),
              said(_("The KPI export stopped because its worker was lost; it was marked failed.")),
              subject_kind="reports.kpiexport"))
