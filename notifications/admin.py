"""Admin of notifications: what was sent to whom, read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What was sent to whom, for support questions; nothing here can be changed."""

    list_display = ["created_at", "recipient", "event_verb", "request", "read_at", "email_state",
                    "emailed_at"]
    list_filter = ["event__verb", "email_state", ("read_at", admin.EmptyFieldListFilter),
                   ("emailed_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient__username", "recipient__email", "message"]
    list_select_related = ["recipient", "event", "request"]
    date_hierarchy = "created_at"
    readonly_fields = ["recipient", "event", "request", "message", "created_at", "read_at",
                       "email_state", "email_attempts", "email_touched_at", "email_error",
                       "emailed_at"]

    @admin.display(description=_("what"), ordering="event__verb")
    def event_verb(self, obj):
        return obj.event.verb

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
