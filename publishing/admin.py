"""Channel connectors in the admin: the credential is write-only (never shown back)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from publishing import secrets
from publishing.models import ChannelConnector, RemotePost, Revision, Seal


class ConnectorForm(forms.ModelForm):
    endpoint = forms.URLField(
        label=_("endpoint"), max_length=500, required=False, assume_scheme="https",
        help_text=_("Webhook: the receiver's address. WordPress: the site's address "
                    "(https://portal.example.gov.br); Pauta calls its REST API under "
                    "/wp-json/ (or ?rest_route= on sites without pretty permalinks)."))
    secret = forms.CharField(
        label=_("Credential"), required=False, strip=True,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Webhook: the signing secret. WordPress: “user:application password” "
                    "(the WordPress user's login, a colon, and the application password "
                    "created in that user's profile, under Application Passwords). Leave "
                    "empty to keep the stored one; it is stored encrypted and never shown."))

    class Meta:
        model = ChannelConnector
        fields = ["channel", "kind", "endpoint", "active"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == "webhook" and not data.get("endpoint"):
            self.add_error("endpoint", _("A webhook connector needs the receiver's address."))
        if data.get("kind") == "wordpress":
            if not data.get("endpoint"):
                self.add_error("endpoint", _("A WordPress connector needs the site's address."))
            secret = data.get("secret", "")
            if secret and (":" not in secret or not all(secret.split(":", 1))):
                self.add_error("secret", _("Write the credential as “user:application "
                                           "password”."))
            elif not secret and not (self.instance and self.instance.credentials):
                self.add_error("secret", _("A WordPress connector needs the user and the "
                                           "application password."))
        return data

    def save(self, commit=True):
        connector = super().save(commit=False)
        if self.cleaned_data.get("secret"):
            connector.credentials = secrets.encrypt(self.cleaned_data["secret"])
        if commit:
            connector.save()
        return connector


@admin.register(ChannelConnector)
class ChannelConnectorAdmin(admin.ModelAdmin):
    form = ConnectorForm
    list_display = ["channel", "kind", "endpoint", "active", "has_credential"]

    @admin.display(boolean=True, description=_("credential stored"))
    def has_credential(self, obj):
        return bool(obj.credentials)


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["publication", "number", "author", "created_at"]
    readonly_fields = [f.name for f in Revision._meta.fields]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Seal)
class SealAdmin(admin.ModelAdmin):
    list_display = ["request", "review_round", "digest", "created_at", "broken_at"]

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(RemotePost)
