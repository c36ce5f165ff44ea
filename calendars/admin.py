"""Admin of the installation's calendar subscriptions (the URL, kind and schedule status)."""

from django.contrib import admin

from calendars.models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("name", "url", "kind", "active", "status", "checked_at", "imported_at")
    readonly_fields = ("status", "error", "checked_at", "imported_at", "etag",
                       "http_last_modified")
