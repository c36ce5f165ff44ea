"""The notifications app: subscribes to ``audit.signals.event_recorded``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit.signals import event_recorded
        from notifications.subscriber import on_event_recorded

        event_recorded.connect(on_event_recorded, dispatch_uid="notifications.on_event_recorded")
