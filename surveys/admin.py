"""Surveys in the admin: read-only (surveys are built and moved on their own pages)."""

from django.contrib import admin

from surveys.models import Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("title", "audience", "state", "response_count", "closes_on")
    list_filter = ("state", "audience")
    search_fields = ("title",)
    readonly_fields = ("state", "slug", "created_by", "created_at", "opened_at",
                       "response_count")

    def has_add_permission(self, request):
        return False
