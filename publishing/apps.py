"""Publishing: text revisions, sealed approvals, evidence of publication."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from publishing import hooks, verbs

        verbs.register_verbs()
        hooks.install()
