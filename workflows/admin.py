"""Admin of the workflows app: SLA settings (lead times, holidays) and notifications (read-only).

Requests themselves are changed through the services (their pages), never here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from workflows.models import Holiday, LeadTimeStandard, Notification


@admin.register(LeadTimeStandard)
class LeadTimeStandardAdmin(admin.ModelAdmin):
    """Business days from submission to due date, per kind (applies to new submissions)."""

    list_display = ["kind", "business_days"]
    list_editable = ["business_days"]
    ordering = ["kind"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Days the SLA clock skips; holiday events of the calendar app keep their days in step."""

    list_display = ["date", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]
    ordering = ["-date"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What was sent to whom, for support questions; nothing here can be changed."""

    list_display = ["created_at", "recipient", "event_verb", "request", "read_at", "emailed_at"]
    list_filter = ["event__verb", ("read_at", admin.EmptyFieldListFilter),
                   ("emailed_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient__username", "recipient__email", "message"]
    list_select_related = ["recipient", "event", "request"]
    date_hierarchy = "created_at"
    readonly_fields = ["recipient", "event", "request", "message", "created_at", "read_at",
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

