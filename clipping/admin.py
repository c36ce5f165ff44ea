"""Clipping's themes in the admin (the outlets are the press desk's: ``press.admin``)."""

from django.contrib import admin

from clipping.models import Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name",)
