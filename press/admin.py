"""Outlets in the admin (one list, shared with clipping); journalists and inquiries only
through the services (audited)."""

from django.contrib import admin

from press.models import Outlet


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "reach", "city", "audience", "active"]
    list_filter = ["type", "reach", "active"]
    search_fields = ["name"]
