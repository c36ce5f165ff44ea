"""Admin: which indicator measures each plan KPI target; subscriptions; exports (read-only)."""

from django.contrib import admin

from reports.indicators import REGISTRY
from reports.models import KPIExport, ReportSubscription, TargetLink


class TargetLinkForm(admin.options.forms.ModelForm):
    class Meta:
        model = TargetLink
        fields = "__all__"
        widgets = {"indicator": admin.options.forms.Select(
            choices=[(code, f"{code} — {ind.name}") for code, ind in REGISTRY.items()])}


@admin.register(TargetLink)
class TargetLinkAdmin(admin.ModelAdmin):
    form = TargetLinkForm
    list_display = ("target", "indicator", "secretariat", "channel", "kind")
    list_select_related = ("target", "secretariat", "channel")


@admin.register(ReportSubscription)
class ReportSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("user", "active", "last_sent_month")


@admin.register(KPIExport)
class KPIExportAdmin(admin.ModelAdmin):
    list_display = ("pk", "requested_by", "status", "progress", "created_at", "expires_at")
    readonly_fields = [f.name for f in KPIExport._meta.fields]

    def has_add_permission(self, request):
        return False
