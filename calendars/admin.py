"""Admin of the installation's calendar subscriptions (the URL, kind and schedule status)."""

from django.contrib import admin

from calendars.models import ChecklistItem, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("name", "url", "kind", "active", "status", "checked_at", "imported_at")
    readonly_fields = ("status", "error", "checked_at", "imported_at", "etag",
                       "http_last_modified")


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    """The production checklist per event kind: new events of the kind get these tasks."""

    list_display = ("kind", "position", "title", "offset_days", "owner", "request_kind",
                    "active")
    list_display_links = ("title",)
    list_filter = ("kind", "active")
    list_editable = ("position", "offset_days", "active")
