"""Admin of webhooks (with their delivery log and re-delivery) and of API tokens."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api.models import ApiToken, Webhook, WebhookAttempt, WebhookDelivery
from api.webhooks.dispatch import delivery_redeliver
from audit.registry import webhook_choices


class WebhookForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(label=_("Events"), choices=webhook_choices,
                                       widget=forms.CheckboxSelectMultiple)
    secret = forms.CharField(label=_("Secret"), widget=forms.PasswordInput(render_value=True),
                             help_text=_("Shared with the receiver, who checks the signature."))

    class Meta:
        model = Webhook
        fields = ["name", "url", "events", "secret", "active"]


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    form = WebhookForm
    list_display = ["name", "url", "active", "created_at"]
    list_filter = ["active"]


class AttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["at", "response_status", "response_ms", "error"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "webhook", "event", "status", "attempts", "response_status",
                    "response_ms", "next_attempt_at"]
    list_filter = ["status", "event", "webhook"]
    readonly_fields = ["uuid", "webhook", "event", "payload", "status", "attempts",
                       "response_status", "response_ms", "error", "created_at",
                       "last_attempt_at", "next_attempt_at", "redelivery_of"]
    inlines = [AttemptInline]
    actions = ["redeliver"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Deliver again"), permissions=["change"])
    def redeliver(self, request, queryset):
        for delivery in queryset.select_related("webhook"):
            delivery_redeliver(delivery=delivery, by=request.user)
        count = queryset.count()
        self.message_user(request, ngettext("%(n)d delivery queued again.",
                                            "%(n)d deliveries queued again.", count)
                          % {"n": count}, messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request):
        return False
