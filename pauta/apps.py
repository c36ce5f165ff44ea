"""The project app: base templates, static files, the demo and the heartbeat."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PautaConfig(AppConfig):
    name = "pauta"
    verbose_name = _("Pauta")
