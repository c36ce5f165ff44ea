"""Admin of the compliance engine: rules (on/off, severity, kinds, channels, parameters), the
brand vocabulary, public officials, allowed domains; checks, overrides, take-downs read-only."""

import json

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from approvals.compliance.checkable import kind_choices
from approvals.compliance.models import (
    AllowedDomain,
    BrandTerm,
    CheckRun,
    FindingOverride,
    FindingRecord,
    PublicOfficial,
    RuleConfig,
    Takedown,
)
from approvals.compliance.registry import load_rules


class RuleConfigForm(forms.ModelForm):
    code = forms.ChoiceField(label=_("rule"), choices=())
    kinds = forms.MultipleChoiceField(label=_("request kinds"), choices=kind_choices,
                                      required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text=_("None ticked: every kind."))

    class Meta:
        model = RuleConfig
        fields = ["code", "enabled", "severity", "kinds", "channels", "params"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(code, f"{code} — {rule.title}")
                                       for code, rule in sorted(load_rules().items())]


@admin.register(RuleConfig)
class RuleConfigAdmin(admin.ModelAdmin):
    form = RuleConfigForm
    list_display = ["code", "title", "enabled", "severity", "scope"]
    list_editable = ["enabled", "severity"]
    list_filter = ["enabled", "severity"]
    filter_horizontal = ["channels"]
    readonly_fields = ["basis", "defaults"]

    @admin.display(description=_("rule"))
    def title(self, obj):
        rule = load_rules().get(obj.code)
        return rule.title if rule else "—"

    @admin.display(description=_("legal or brand basis"))
    def basis(self, obj):
        rule = load_rules().get(obj.code)
        return rule.basis if rule else "—"

    @admin.display(description=_("default parameters"))
    def defaults(self, obj):
        rule = load_rules().get(obj.code)
        return format_html("<code>{}</code>", json.dumps(rule.default_params if rule else {},
                                                         ensure_ascii=False))

    @admin.display(description=_("applies to"))
    def scope(self, obj):
        parts = [", ".join(obj.kinds) if obj.kinds else _("every kind"),
                 ", ".join(c.code for c in obj.channels.all()) or _("every channel")]
        return " · ".join(str(p) for p in parts)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("channels")


@admin.register(BrandTerm)
class BrandTermAdmin(admin.ModelAdmin):
    list_display = ["term", "preferred", "note", "active"]
    list_editable = ["active"]
    search_fields = ["term", "preferred"]


@admin.register(PublicOfficial)
class PublicOfficialAdmin(admin.ModelAdmin):
    list_display = ["name", "office", "active"]
    list_editable = ["active"]
    search_fields = ["name", "variants", "slogans"]


@admin.register(AllowedDomain)
class AllowedDomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "note"]
    search_fields = ["domain"]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FindingInline(admin.TabularInline):
    model = FindingRecord
    fields = ["rule", "severity", "channel", "field", "excerpt", "message", "overridden"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CheckRun)
class CheckRunAdmin(ReadOnly):
    list_display = ["request", "trigger", "by", "blockers", "warnings", "infos", "created_at"]
    list_filter = ["trigger"]
    list_select_related = ["request", "by"]
    inlines = [FindingInline]


@admin.register(FindingOverride)
class FindingOverrideAdmin(ReadOnly):
    list_display = ["request", "rule", "severity", "by", "legal_exception", "created_at"]
    list_filter = ["rule", "severity", "legal_exception"]
    list_select_related = ["request", "by"]


@admin.register(Takedown)
class TakedownAdmin(ReadOnly):
    list_display = ["publication", "window", "was_live", "by", "created_at"]
    list_select_related = ["publication__request", "publication__channel", "window", "by"]
