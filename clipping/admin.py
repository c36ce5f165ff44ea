from django.contrib import admin

from clipping.models import Outlet, Theme


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ("name", "medium", "reach", "active")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name",)
