"""Surveys: satisfaction surveys and opinion polls, answered on public pages, on the kernel."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from approvals import approvable
        from surveys import verbs
        from surveys.approvable import approvable as survey_approvable

        approvable.register(survey_approvable())
        verbs.register_verbs()
