"""Admin of the Communication Plan. Entity edits go through plans.services (frozen unless draft);
lifecycle decisions are made on the plan page, not here."""

from django.contrib import admin

from plans import services
from plans.models import (
    Audience,
    BudgetCommitment,
    Channel,
    KPITarget,
    Objective,
    Plan,
    PlanAction,
    PlanRevision,
)


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "max_text_length", "image_required", "captions_required",
                    "signature_required", "active"]
    list_filter = ["active"]
    search_fields = ["name", "code"]


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "active"]
    search_fields = ["name", "code"]


class RevisionInline(admin.TabularInline):
    model = PlanRevision
    extra = 0
    can_delete = False
    readonly_fields = ["number", "reason", "opened_by", "opened_at", "approved_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "state", "revision", "approved_at"]
    list_filter = ["state"]
    readonly_fields = ["state", "revision", "copied_from", "submitted_at", "approved_at",
                       "approved_by", "decision_note", "closed_at", "created_at"]
    inlines = [RevisionInline]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.is_editable)

    def has_delete_permission(self, request, obj=None):
        return False  # plans are history; a draft is emptied, not deleted


class _PlanEntityAdmin(admin.ModelAdmin):
    """Objectives, actions, KPI targets: editable only while their plan is a draft."""

    list_filter = ["plan"]
    search_fields = ["code", "title"]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.plan.is_editable)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.plan.is_editable)

    def save_model(self, request, obj, form, change):
        services.plan_entity_save(instance=obj, by=request.user)

    def delete_model(self, request, obj):
        services.plan_entity_delete(instance=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.plan_entity_delete(instance=obj, by=request.user)


@admin.register(Objective)
class ObjectiveAdmin(_PlanEntityAdmin):
    list_display = ["code", "title", "plan"]


@admin.register(PlanAction)
class PlanActionAdmin(_PlanEntityAdmin):
    list_display = ["code", "title", "objective", "owner", "start", "end", "planned_pieces",
                    "budget", "plan"]
    list_filter = ["plan", "owner"]
    list_select_related = ["objective", "owner", "plan"]
    filter_horizontal = ["channels", "audiences"]
    autocomplete_fields = ["owner"]


@admin.register(KPITarget)
class KPITargetAdmin(_PlanEntityAdmin):
    list_display = ["code", "indicator", "objective", "start", "end", "target", "unit", "plan"]
    search_fields = ["code", "indicator"]


@admin.register(BudgetCommitment)
class BudgetCommitmentAdmin(admin.ModelAdmin):
    """Read-only: commitments are recorded and removed on the plan page (plans.commitments)."""

    list_display = ["action", "amount", "committed_on", "reference", "recorded_by"]
    list_filter = ["action__plan"]
    search_fields = ["reference", "description", "action__code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
