"""Clipping: sources, clips, triage, the daily clipping and repercussion, on the kernel."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClippingConfig(AppConfig):
    name = "clipping"
    verbose_name = _("Clipping")

    def ready(self):
        from clipping import verbs

        verbs.register_verbs()
