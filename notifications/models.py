"""In-app notifications and the state of their e-mail copy (sent by huey, one per row).

The table is still ``workflows_notification`` (moved here from ``workflows`` without touching
the database).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pauta import clock


class EmailState(models.TextChoices):
    """Where the e-mail copy of one notification is: claimed atomically, sent at most once
    per claim (see ``notifications.emails``)."""

    NONE = "none", _("No e-mail (digest or no address)")
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One message to one person about one event; unique per (event, recipient)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications", verbose_name=_("recipient"))
    event = models.ForeignKey("audit.AuditEvent", on_delete=models.CASCADE,
                              related_name="notifications", verbose_name=_("event"))
    request = models.ForeignKey("workflows.ContentRequest", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="notifications")
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_state = models.CharField(_("e-mail"), max_length=8, choices=EmailState.choices,
                                   default=EmailState.NONE)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    # When the e-mail was last queued or claimed: the sweeper re-queues rows stuck past it.
    email_touched_at = models.DateTimeField(_("e-mail state changed at"), null=True, blank=True)
    email_error = models.CharField(_("e-mail error"), max_length=300, blank=True)

    class Meta:
        db_table = "workflows_notification"
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [models.UniqueConstraint(fields=["event", "recipient"],
                                               name="workflows_one_notification_per_event")]
        indexes = [models.Index(fields=["recipient", "read_at"],
                                name="workflows_n_recipie_2eaa39_idx"),
                   models.Index(fields=["email_state", "email_touched_at"],
                                name="workflows_notif_email_sweep")]

    def __str__(self):
        return f"{self.recipient} — {self.message[:60]}"

    @property
    def link(self) -> str:
        """The path of the page the notification is about (its event's subject)."""
        from audit.registry import subject_url

        return subject_url(self.event)
