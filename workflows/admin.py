"""Admin of the workflows app: SLA settings (lead times, holidays).

Requests themselves are changed through the services (their pages), never here.
"""

from django.contrib import admin

from workflows.models import Holiday, LeadTimeStandard


@admin.register(LeadTimeStandard)
class LeadTimeStandardAdmin(admin.ModelAdmin):
    """Business days from submission to due date (applies to new submissions) and the hours
    of work, per kind."""

    list_display = ["kind", "business_days", "estimated_hours"]
    list_editable = ["business_days", "estimated_hours"]
    ordering = ["kind"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Days the SLA clock skips; holiday events of the calendar app keep their days in step."""

    list_display = ["date", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]
    ordering = ["-date"]


# Viewflow's processes and tasks, read-only (they move through the services only); campaign
# records have their admin in campaigns/admin.py.
from workflows import admin_viewflow  # noqa: E402,F401
