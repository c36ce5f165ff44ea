"""Admin of the workflows app: SLA settings (lead times, holidays).

Requests themselves are changed through the services (their pages), never here.
"""

from django.contrib import admin

from workflows.models import Holiday, LeadTimeStandard


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


# Campaign settings (the electoral spending limit) and read-only campaign records; viewflow's
# processes and tasks, read-only (they move through the services only).
from workflows import admin_campaigns, admin_viewflow  # noqa: E402,F401
