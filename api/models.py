"""Personal API tokens (stored hashed) and outgoing webhooks with their delivery log."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pauta import clock


class ApiToken(models.Model):
    """A person's token for the API; only its SHA-256 is kept, the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("person"))
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Webhook(models.Model):
    """An endpoint told about lifecycle events by a signed POST (configured in the admin)."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(_("events"), default=list,
                              help_text=_("Which lifecycle events are sent."))
    secret = models.CharField(_("secret"), max_length=200,
                              help_text=_("Shared secret for the HMAC-SHA256 signature."))
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.name

    def clean(self):
        from api.webhooks.safety import check_url

        check_url(self.url)
        from audit.registry import webhook_names

        unknown = set(self.events or []) - set(webhook_names())
        if unknown:
            from django.core.exceptions import ValidationError

            raise ValidationError({"events": _("Unknown events: %(names)s") % {
                "names": ", ".join(sorted(unknown))}})


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RETRYING = "retrying", _("Waiting to retry")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event for one webhook: the body sent, every attempt's outcome."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries",
                                verbose_name=_("webhook"))
    # A webhook event name of the verb registry (``audit.registry.webhook_names``).
    event = models.CharField(_("event"), max_length=30)
    payload = models.JSONField(_("body"))
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True,
                                                       blank=True)
    response_ms = models.PositiveIntegerField(_("response time (ms)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    redelivery_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("re-delivery of"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.webhook} · {self.event} · {self.get_status_display()}"


class WebhookAttempt(models.Model):
    """One HTTP attempt of a delivery: when, the answer's status, how long it took, the error."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE,
                                 related_name="attempt_log", verbose_name=_("delivery"))
    at = models.DateTimeField(_("at"), default=clock.now)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True,
                                                       blank=True)
    response_ms = models.PositiveIntegerField(_("response time (ms)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.response_status or self.error[:40]}"
