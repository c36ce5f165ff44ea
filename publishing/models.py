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
