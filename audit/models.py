"""The audit trail: append-only events chained by hash, so edits and deletions show.

The table is still ``workflows_auditevent`` (the model moved here from ``workflows`` without
touching the database). ``subject`` is the object whose timeline shows the event (a request,
a campaign, a plan…); ``target`` is the object the action touched (a publication, a step…).
``request`` is kept for the chain's history and for the request's own queries.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pauta import clock

REQUEST_TYPE = "workflows.contentrequest"


class AuditEvent(models.Model):
    """One thing that happened. Each row stores the hash of the previous row and its own."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+", verbose_name=_("actor"))
    verb = models.CharField(_("what"), max_length=50, db_index=True)
    target_type = models.CharField(_("target type"), max_length=100)
    target_id = models.CharField(_("target id"), max_length=64)
    subject_type = models.CharField(_("subject type"), max_length=100, blank=True)
    subject_id = models.CharField(_("subject id"), max_length=64, blank=True)
    request = models.ForeignKey("workflows.ContentRequest", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="events",
                                verbose_name=_("request"))
    from_state = models.CharField(_("from state"), max_length=30, blank=True)
    to_state = models.CharField(_("to state"), max_length=30, blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=clock.now, db_index=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)
    # How `hash` was made: keyed HMAC-SHA256 for every new row; plain SHA-256 for the rows
    # written before the key existed (see audit/chain.py for the rule that stops a
    # downgrade).
    hash_alg = models.CharField(max_length=16, default="hmac-sha256", editable=False)

    class Meta:
        db_table = "workflows_auditevent"
        ordering = ["pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id"],
                                name="workflows_a_target__f7e2ff_idx"),
                   models.Index(fields=["request", "created_at"],
                                name="workflows_a_request_3b8174_idx"),
                   models.Index(fields=["subject_type", "subject_id"],
                                name="audit_subject_idx")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.verb} {self.target_type}#{self.target_id}"

    def legacy_subject(self) -> tuple[str, str]:
        """The subject every event had before subjects were stored: its request, else its target.

        The chain hashes the subject only when it differs from this, so rows written before
        the subject existed keep their hashes.
        """
        if self.request_id is not None:
            return REQUEST_TYPE, str(self.request_id)
        return self.target_type, str(self.target_id)


class VerificationRun(models.Model):
    """One run of ``verify_audit`` (the nightly task, the command): what it found and when.

    Written next to the status file of ``audit.anchor`` so the audit trail page can show the
    latest runs; the checkpoints outside the database remain what a run is checked against.
    """

    class Source(models.TextChoices):
        TASK = "task", _("scheduled task")
        COMMAND = "command", _("command line")
        OTHER = "other", _("other")

    at = models.DateTimeField(_("when"), default=clock.now, db_index=True)
    source = models.CharField(_("run by"), max_length=10, choices=Source.choices,
                              default=Source.OTHER)
    ok = models.BooleanField(_("intact"))
    mode = models.CharField(_("mode"), max_length=12)
    problem = models.TextField(_("problem"), blank=True)
    warning = models.TextField(_("warning"), blank=True)
    walked = models.PositiveBigIntegerField(_("events read"), default=0)
    count = models.PositiveBigIntegerField(_("events in the chain"), default=0)
    head_pk = models.PositiveBigIntegerField(_("last event"), default=0)
    checkpoint_seq = models.PositiveIntegerField(_("checkpoint written"), default=0)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit verification")
        verbose_name_plural = _("audit verifications")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'FAILED'} ({self.mode})"
