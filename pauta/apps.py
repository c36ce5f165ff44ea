"""The project app: base templates, static files, the demo and the heartbeat."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PautaConfig(AppConfig):
    name = "pauta"
    verbose_name = _("Pauta")

    def ready(self):
        from django.conf import settings
        from django.contrib import admin
        from django.utils.text import format_lazy

        # The admin speaks as the installation, not as "Django administration".
        admin.site.site_header = format_lazy(_("{name} — Pauta administration"),
                                             name=settings.BRAND_NAME)
        admin.site.site_title = format_lazy(_("{name} — Pauta"), name=settings.BRAND_NAME)
        admin.site.index_title = _("Settings of the installation")
