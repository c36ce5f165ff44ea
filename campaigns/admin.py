"""Admin of campaigns: the electoral-year publicity spending limit (configured here) and
read-only campaign records. Campaigns change only through their services (their pages)."""

from django.contrib import admin

from campaigns.models import Campaign, PublicitySpendLimit


@admin.register(PublicitySpendLimit)
class PublicitySpendLimitAdmin(admin.ModelAdmin):
    """Lei 9.504/1997 art. 73 VII: the limit of each election year and its legal basis."""

    list_display = ["year", "limit", "period_start", "period_end", "active"]
    list_filter = ["active"]
    ordering = ["-year"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "secretariat", "state", "start", "end", "budget_own_staff",
                    "budget_paid_media"]
    list_filter = ["state", "secretariat"]
    search_fields = ["title", "brief"]
    list_select_related = ["secretariat"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
