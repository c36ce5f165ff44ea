"""What publishing keeps: every saved version of a channel's text, and approval seals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pauta import clock


class Revision(models.Model):
    """One save of a channel's text (never edited: a restore is a new revision)."""

    publication = models.ForeignKey("workflows.Publication", on_delete=models.CASCADE,
                                    related_name="revisions", verbose_name=_("publication"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    # The request's files when the text was saved: [{"id", "name", "sha256"}].
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name=_("author"))
    created_at = models.DateTimeField(_("saved at"), default=clock.now)
    # The request's review round when saved: round N's reviewers saw what was saved before
    # round N opened (``review_round`` < N).
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0)
    restored_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("restored from"))

    class Meta:
        ordering = ["publication", "number"]
        verbose_name = _("text revision")
        verbose_name_plural = _("text revisions")
        constraints = [models.UniqueConstraint(fields=["publication", "number"],
                                               name="publishing_one_revision_number")]

    def __str__(self):
        return f"{self.publication} · {self.number}"

    def audit_subject(self):
        return self.publication.request


class Seal(models.Model):
    """The exact content approved at the end of a review round, and its hash."""

    request = models.ForeignKey("workflows.ContentRequest", on_delete=models.CASCADE,
                                related_name="seals", verbose_name=_("request"))
    review_round = models.PositiveSmallIntegerField(_("review round"))
    digest = models.CharField(_("seal"), max_length=64)
    # {"channels": {code: {title, body, excerpt, attachments, scheduled_at}}}
    content = models.JSONField(_("sealed content"))
    # [{"name", "step", "at"}]: who approved which step of the round.
    approvers = models.JSONField(_("approved by"), default=list)
    created_at = models.DateTimeField(_("sealed at"), default=clock.now)
    broken_at = models.DateTimeField(_("found different at"), null=True, blank=True)
    # What was found instead when the seal did not verify (same shape as ``content``).
    found = models.JSONField(_("content found"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = ["created_at", "pk"]
        verbose_name = _("approval seal")
        verbose_name_plural = _("approval seals")

    def __str__(self):
        return f"{self.request} · {self.digest[:12]}"

    @property
    def short(self) -> str:
        return self.digest[:12]


class ConnectorKind(models.TextChoices):
    MANUAL = "manual", _("Manual: a person records where it went out")
    WEBHOOK = "webhook", _("Signed webhook")
    WORDPRESS = "wordpress", _("WordPress (REST API, application password)")


class ChannelConnector(models.Model):
    """How one channel publishes: by hand, or through a connector (publishing.connectors)."""

    channel = models.OneToOneField("plans.Channel", on_delete=models.CASCADE,
                                   related_name="connector", verbose_name=_("channel"))
    kind = models.CharField(_("connector"), max_length=20, choices=ConnectorKind.choices,
                            default=ConnectorKind.MANUAL)
    endpoint = models.URLField(_("endpoint"), max_length=500, blank=True)
    # Fernet token (publishing.secrets); never shown back, only replaced.
    credentials = models.TextField(_("credentials (encrypted)"), blank=True, editable=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("channel connector")
        verbose_name_plural = _("channel connectors")

    def __str__(self):
        return f"{self.channel} · {self.get_kind_display()}"


class RemotePost(models.Model):
    """What a connector answered for one publication: the remote id, address and status."""

    publication = models.OneToOneField("workflows.Publication", on_delete=models.CASCADE,
                                       related_name="remote", verbose_name=_("publication"))
    connector = models.ForeignKey(ChannelConnector, on_delete=models.PROTECT,
                                  related_name="posts", verbose_name=_("connector"))
    remote_id = models.CharField(_("remote id"), max_length=200, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    status = models.CharField(_("remote status"), max_length=40, blank=True)
    answer = models.JSONField(_("last answer"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now)

    class Meta:
        verbose_name = _("remote post")
        verbose_name_plural = _("remote posts")

    def __str__(self):
        return f"{self.publication} → {self.url or self.remote_id}"


class Verdict(models.TextChoices):
    MATCH = "match", _("matches the approved text")
    DIVERGENT = "divergent", _("differs from the approved text")
    GONE = "gone", _("page gone")
    UNREACHABLE = "unreachable", _("could not be read")


class Snapshot(models.Model):
    """What a published address served to Pauta at one moment, compared with the seal."""

    class Purpose(models.TextChoices):
        PROOF = "proof", _("proof of publication")
        TAKEDOWN = "takedown", _("evidence of take-down")

    publication = models.ForeignKey("workflows.Publication", on_delete=models.CASCADE,
                                    related_name="snapshots", verbose_name=_("publication"))
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices,
                               default=Purpose.PROOF)
    url = models.URLField(_("address"), max_length=500)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    fetched_at = models.DateTimeField(_("fetched at"), default=clock.now, db_index=True)
    # SHA-256 of the bytes read (at most publishing.proof.MAX_BYTES).
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    html = models.TextField(_("page (HTML, capped)"), blank=True)
    text = models.TextField(_("extracted text"), blank=True)
    # The share of the approved words found in order on the page (0–1; None: not compared).
    containment = models.FloatField(_("share of the approved text found"), null=True,
                                    blank=True)
    verdict = models.CharField(_("result"), max_length=12, choices=Verdict.choices)
    seal_digest = models.CharField(_("compared with seal"), max_length=64, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        ordering = ["-fetched_at", "-pk"]
        get_latest_by = ["fetched_at", "pk"]
        verbose_name = _("page snapshot")
        verbose_name_plural = _("page snapshots")

    def __str__(self):
        return f"{self.publication} · {self.fetched_at:%Y-%m-%d %H:%M} · {self.verdict}"


class TakedownEvidence(models.Model):
    """One piece taken off its channel (a blackout take-down or its expiry): through the
    connector (its answer kept) or by a person from a checklist, then the page fetched."""

    class Cause(models.TextChoices):
        BLACKOUT = "blackout", _("electoral blackout")
        EXPIRY = "expiry", _("scheduled expiry")

    class Mode(models.TextChoices):
        CONNECTOR = "connector", _("through the connector")
        MANUAL = "manual", _("by hand")

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        DONE = "done", _("taken down")
        FAILED = "failed", _("connector failed")

    publication = models.ForeignKey("workflows.Publication", on_delete=models.CASCADE,
                                    related_name="takedown_evidence",
                                    verbose_name=_("publication"))
    takedown = models.OneToOneField("approvals.Takedown", on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="evidence",
                                    verbose_name=_("take-down"))
    cause = models.CharField(_("cause"), max_length=10, choices=Cause.choices)
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.WAITING)
    url = models.URLField(_("address"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+", verbose_name=_("asked by"))
    requested_at = models.DateTimeField(_("asked at"), default=clock.now)
    answer = models.JSONField(_("connector answer"), default=dict, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    done_at = models.DateTimeField(_("taken down at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("confirmed by"))
    snapshot = models.ForeignKey(Snapshot, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("snapshot after"))

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("take-down evidence")
        verbose_name_plural = _("take-down evidence")

    def __str__(self):
        return f"{self.publication} · {self.get_status_display()}"

    def audit_subject(self):
        return self.publication.request


class Expiry(models.Model):
    """When a piece comes off its channel by itself (e.g. the day before a blackout)."""

    publication = models.OneToOneField("workflows.Publication", on_delete=models.CASCADE,
                                       related_name="expiry", verbose_name=_("publication"))
    unpublish_at = models.DateTimeField(_("take down at"), db_index=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name=_("set by"))
    set_at = models.DateTimeField(_("set at"), default=clock.now)
    done_at = models.DateTimeField(_("taken down at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled take-down")
        verbose_name_plural = _("scheduled take-downs")

    def __str__(self):
        return f"{self.publication} · {self.unpublish_at:%Y-%m-%d %H:%M}"
