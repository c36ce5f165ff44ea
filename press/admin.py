"""Outlets in the admin; journalists and inquiries only through the services (audited)."""

from django.contrib import admin

from press.models import Outlet


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "reach", "city"]
    list_filter = ["type", "reach"]
    search_fields = ["name"]
