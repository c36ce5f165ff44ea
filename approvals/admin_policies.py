"""Admin of approval policies (kind × channel × context → ordered stages of steps), rejection
reasons, and a read-only view of approval steps and their immutable decisions.

Loaded from ``ApprovalsConfig.ready`` (kept apart from ``approvals/admin.py`` so the
compliance-rule admin can live there on its own).
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from approvals.models import ApprovalPolicy, ApprovalStep, Decision, PolicyStep, RejectionReason


def _kind_choices():
    """The kinds every approvable lifecycle declares (requests: their kinds)."""
    from approvals.approvable import registered

    return [choice for approvable in registered() for choice in approvable.kind_choices]


class ApprovalPolicyForm(forms.ModelForm):
    """The request kinds as check boxes instead of raw JSON."""

    kinds = forms.MultipleChoiceField(
        label=_("request kinds"), required=False, choices=_kind_choices,
        widget=forms.CheckboxSelectMultiple, help_text=_("Empty: every kind."))

    class Meta:
        model = ApprovalPolicy
        fields = ["name", "active", "applies_to", "kinds", "channels", "only_in_blackout",
                  "only_when_sensitive", "either_condition", "only_with_paid_media"]


class PolicyStepForm(forms.ModelForm):
    class Meta:
        model = PolicyStep
        fields = ["stage", "name", "approvers", "group", "quorum", "legal"]

    def clean(self):
        data = super().clean()
        if data.get("approvers") == PolicyStep.Approvers.GROUP and not data.get("group"):
            self.add_error("group", _("Choose the group that decides this step."))
        if data.get("approvers") == PolicyStep.Approvers.SECRETARIAT and data.get("legal"):
            self.add_error("legal", _("Legal review is decided by a role group, not by the "
                                      "requesting secretariat."))
        return data


class PolicyStepInline(admin.TabularInline):
    """Steps with the same stage number run in parallel; stages run in ascending order."""

    model = PolicyStep
    form = PolicyStepForm
    extra = 1
    fields = ["stage", "name", "approvers", "group", "quorum", "legal"]


@admin.register(ApprovalPolicy)
class ApprovalPolicyAdmin(admin.ModelAdmin):
    form = ApprovalPolicyForm
    list_display = ["name", "applies_to", "active", "only_in_blackout", "only_when_sensitive",
                    "step_count"]
    list_filter = ["applies_to", "active", "only_in_blackout", "only_when_sensitive"]
    search_fields = ["name"]
    filter_horizontal = ["channels"]
    inlines = [PolicyStepInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_steps=Count("steps"))

    @admin.display(description=_("steps"), ordering="_steps")
    def step_count(self, obj):
        return obj._steps


@admin.register(RejectionReason)
class RejectionReasonAdmin(admin.ModelAdmin):
    """The list offered when rejecting; deactivate a reason instead of deleting it."""

    list_display = ["label", "code", "active"]
    list_editable = ["active"]
    list_filter = ["active"]
    search_fields = ["label", "code"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Steps and decisions are written by the approval services only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["created_at", "decided_by", "outcome", "reason", "comment", "closes_step"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApprovalStep)
class ApprovalStepAdmin(ReadOnlyAdmin):
    list_display = ["request", "campaign", "review_round", "stage", "name", "status",
                    "closed_at"]
    list_filter = ["status", "legal", "approvers"]
    search_fields = ["request__title", "name"]
    list_select_related = ["request", "campaign"]
    inlines = [DecisionInline]
