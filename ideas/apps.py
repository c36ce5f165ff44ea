"""Ideas: the staff's channel for proposals, supported, discussed and triaged on the kernel."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Ideas")

    def ready(self):
        from ideas import verbs

        verbs.register_verbs()
