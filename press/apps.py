"""The press desk: media contacts, journalists' inquiries against deadlines, on the kernel."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press desk")

    def ready(self):
        from approvals import approvable
        from pauta import inbox
        from press import verbs
        from press.approvable import approvable as inquiry_approvable
        from press.selectors import inbox_section

        approvable.register(inquiry_approvable())
        verbs.register_verbs()
        inbox.register("press/_inbox.html", inbox_section)
