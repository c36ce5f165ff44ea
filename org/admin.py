"""Admin for secretariats, people and memberships; membership writes go through services."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin

from org.models import Absence, Membership, Secretariat, User
from org.services import membership_delete, membership_save


def _save_membership(obj: Membership) -> Membership:
    saved = membership_save(user=obj.user, secretariat=obj.secretariat, role=obj.role,
                            membership=obj)
    obj.pk = saved.pk
    return saved


class MembershipFormsetMixin:
    """Inline memberships are saved and deleted through the org services."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            membership_delete(membership=obj)
        for obj in instances:
            _save_membership(obj)
        formset.save_m2m()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "secretariat"]


@admin.register(Secretariat)
class SecretariatAdmin(MembershipFormsetMixin, GuardedModelAdmin):
    list_display = ["acronym", "name", "kind", "parent", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]


class AbsenceInline(admin.TabularInline):
    """A person's absences: the team's workload view counts no capacity on those days."""

    model = Absence
    extra = 0


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ["user", "starts_on", "ends_on", "reason"]
    date_hierarchy = "starts_on"
    search_fields = ["user__username", "user__first_name", "user__last_name", "reason"]
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(MembershipFormsetMixin, BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets,
                 (_("Preferences"), {"fields": ("language", "notification_digest")}),
                 (_("Workload"), {"fields": ("weekly_hours",)}))
    list_display = ["username", "first_name", "last_name", "email", "is_active", "roles"]
    list_filter = [*BaseUserAdmin.list_filter, "memberships__secretariat"]
    inlines = [MembershipInline, AbsenceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(g.name for g in obj.groups.all())


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "secretariat", "role", "created_at"]
    list_filter = ["role", "secretariat"]
    search_fields = ["user__username", "user__first_name", "user__last_name",
                     "secretariat__acronym"]
    autocomplete_fields = ["user", "secretariat"]

    def save_model(self, request, obj, form, change):
        _save_membership(obj)

    def delete_model(self, request, obj):
        membership_delete(membership=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            membership_delete(membership=obj)
