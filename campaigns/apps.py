"""Campaigns: many pieces under one brief, period, budget and approval, on the kernel."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from approvals import approvable
        from campaigns import verbs
        from campaigns.approvable import approvable as campaign_approvable

        approvable.register(campaign_approvable())
        verbs.register_verbs()
