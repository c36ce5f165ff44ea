"""The calendars app: events, feeds with secret tokens, ICS import."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "calendars"
    verbose_name = _("Calendar")

    def ready(self):
        from calendars import verbs
        from calendars.checklists import inbox_section
        from pauta import inbox

        verbs.register_verbs()
        inbox.register("calendars/_inbox.html", inbox_section)
        from django.db.models.signals import post_delete, post_save

        from calendars.signals import publication_or_request_changed

        for model in ("workflows.Publication", "workflows.ContentRequest"):
            post_save.connect(publication_or_request_changed, sender=model,
                              dispatch_uid=f"calendars-feeds-{model}-save")
            post_delete.connect(publication_or_request_changed, sender=model,
                                dispatch_uid=f"calendars-feeds-{model}-delete")
