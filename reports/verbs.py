"""The verbs of KPI reports in the audit registry."""

from django.utils.translation import gettext_lazy as _

from audit.registry import Verb, register, said

register(Verb("export_kpis", _("Export KPIs"), said(_("%(actor)s exported the KPIs.")),
              subject_kind="reports.kpiexport"))
