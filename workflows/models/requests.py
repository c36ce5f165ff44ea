"""The content request and what hangs on it: publications, comments, attachments, assignments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from pauta import clock
from pauta.conditions import condition


class RequestKind(models.TextChoices):
    NEWS = "news", _("News for the portal")
    SOCIAL = "social", _("Social media post")
    PRESS_RELEASE = "press_release", _("Press release")
    VIDEO = "video", _("Video")
    COVERAGE = "coverage", _("Photo/video coverage of an event")
    PRINTED = "printed", _("Printed piece")
    INTRANET = "intranet", _("Intranet notice")
    NEWSLETTER = "newsletter", _("Newsletter item")
    OTHER = "other", _("Other")


class RequestState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    NEEDS_INFO = "needs_info", _("Needs information")
    IN_PRODUCTION = "in_production", _("In production")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = RequestState
OPEN_STATES = [S.DRAFT, S.SUBMITTED, S.NEEDS_INFO, S.IN_PRODUCTION, S.IN_REVIEW, S.APPROVED,
               S.SCHEDULED]
WITHDRAWABLE = [S.DRAFT, S.SUBMITTED, S.NEEDS_INFO, S.IN_PRODUCTION, S.IN_REVIEW, S.APPROVED,
                S.SCHEDULED]


class Priority(models.TextChoices):
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


@condition
def has_final_text(request) -> bool:
    return request.publications.exclude(body="").exists()


@condition
def all_publications_scheduled(request) -> bool:
    """At least one publication, and every one dated: one query (``EXISTS`` twice cost two)."""
    counts = request.publications.order_by().aggregate(
        pieces=models.Count("pk"), undated=models.Count("pk", filter=models.Q(
            scheduled_at__isnull=True)))
    return counts["pieces"] > 0 and counts["undated"] == 0


class ContentRequest(FSMModelMixin, models.Model):
    """A request for content from a secretariat; its lifecycle is the ``state`` field."""

    secretariat = models.ForeignKey("org.Secretariat", verbose_name=_("secretariat"),
                                    on_delete=models.PROTECT, related_name="requests")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requester"),
                                  on_delete=models.PROTECT, related_name="requests_filed")
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    title = models.CharField(_("title"), max_length=200)
    brief = models.TextField(_("brief"), help_text=_("What should be communicated, to whom, why."))
    desired_date = models.DateField(_("desired publication date"), null=True, blank=True)
    channels = models.ManyToManyField("plans.Channel", verbose_name=_("channels"), blank=True,
                                      related_name="requests")
    audiences = models.ManyToManyField("plans.Audience", verbose_name=_("target audiences"),
                                       blank=True, related_name="requests")
    plan_action = models.ForeignKey(
        "plans.PlanAction", verbose_name=_("plan action"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="requests")
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("campaign"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="pieces")
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices,
                                default=Priority.NORMAL)
    priority_justification = models.TextField(_("justification of the priority"), blank=True)
    sensitive = models.BooleanField(
        _("sensitive theme"), default=False,
        help_text=_("Sensitive themes are routed to legal review."))
    state = FSMField(_("state"), default=S.DRAFT, choices=RequestState.choices, protected=True,
                     db_index=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("editor"), null=True,
                                 blank=True, on_delete=models.SET_NULL,
                                 related_name="requests_assigned")
    info_question = models.TextField(_("question to the requester"), blank=True)
    rejection_reason = models.CharField(_("rejection reason"), max_length=100, blank=True)
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Bumped by request_update on every save of the brief (optimistic concurrency).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("rating comment"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("content request")
        verbose_name_plural = _("content requests")
        permissions = [
            ("view_all_requests", _("Can see the requests of every secretariat")),
            ("work_on_request", _("Can triage, draft and schedule requests")),
            ("decide_request", _("Can decide approval steps")),
            ("decide_legal", _("Can decide legal review steps")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="workflows_request_rating_1_5"),
        ]
        # The KPI slices filter on the submission and publication moments (reports/).
        indexes = [models.Index(fields=["secretariat", "state"]),
                   models.Index(fields=["submitted_at"], name="workflows_request_submitted"),
                   models.Index(fields=["published_at"], name="workflows_request_published"),
                   # The calendar's planned pieces of a window (``planned_pieces_between``).
                   models.Index(fields=["desired_date"], name="workflows_request_desired"),
                   # The people's open pieces (``workload.team_load``): the few in the
                   # making, not everything they were ever assigned.
                   models.Index(fields=["assignee", "state"],
                                name="workflows_request_assignee")]

    def __str__(self):
        return f"#{self.pk} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_overdue(self) -> bool:
        """Still open and past its due date (the installation's today)."""
        from django.utils import timezone

        return bool(self.is_open and self.due_date and self.due_date < timezone.localdate())

    # Transitions only set fields; services lock, check, audit and notify.
    @transition(field=state, source=S.DRAFT, target=S.SUBMITTED)
    def submit(self):
        self.submitted_at = clock.now()

    @transition(field=state, source=S.SUBMITTED, target=S.IN_PRODUCTION)
    def accept(self):
        pass

    @transition(field=state, source=S.SUBMITTED, target=S.NEEDS_INFO)
    def return_for_info(self, question: str):
        self.info_question = question

    @transition(field=state, source=S.NEEDS_INFO, target=S.SUBMITTED)
    def answer_info(self):
        pass

    @transition(field=state, source=[S.SUBMITTED, S.IN_REVIEW], target=S.REJECTED)
    def reject(self, reason: str):
        self.rejection_reason = reason

    @transition(field=state, source=S.IN_PRODUCTION, target=S.IN_REVIEW,
                conditions=[has_final_text])
    def send_to_review(self):
        self.review_round += 1

    @transition(field=state, source=S.IN_REVIEW, target=S.IN_PRODUCTION)
    def request_changes(self):
        pass

    @transition(field=state, source=S.IN_REVIEW, target=S.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=S.APPROVED, target=S.SCHEDULED,
                conditions=[all_publications_scheduled])
    def schedule(self):
        pass

    @transition(field=state, source=[S.APPROVED, S.SCHEDULED], target=S.IN_REVIEW)
    def reopen_review(self):
        """The content differs from what was approved and sealed (``publishing.seal``)."""
        self.review_round += 1

    @transition(field=state, source=S.SCHEDULED, target=S.PUBLISHED)
    def publish(self):
        self.published_at = clock.now()

    @transition(field=state, source=S.PUBLISHED, target=S.ARCHIVED)
    def archive(self):
        pass

    @transition(field=state, source=WITHDRAWABLE, target=S.WITHDRAWN)
    def withdraw(self):
        pass


class OfflineReason(models.TextChoices):
    """Why a published piece has no address: the evidence of an offline channel."""

    PRINTED = "printed", _("Not online: printed")
    RADIO = "radio", _("Not online: radio or TV")


class Publication(models.Model):
    """The final text of a request for one channel, its schedule and its publication.

    Published means there is evidence: the ``url`` where it went out, or an
    ``offline_reason``.
    """

    request = models.ForeignKey(ContentRequest, on_delete=models.CASCADE,
                                related_name="publications", verbose_name=_("request"))
    channel = models.ForeignKey("plans.Channel", on_delete=models.PROTECT,
                                related_name="publications", verbose_name=_("channel"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    url = models.URLField(_("published URL"), max_length=500, blank=True)
    offline_reason = models.CharField(_("not online because"), max_length=20, blank=True,
                                      choices=OfflineReason.choices)
    # When the scheduled time passed without a confirmed publication (the editor was told).
    due_unconfirmed_at = models.DateTimeField(_("due, not confirmed since"), null=True,
                                              blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # Bumped by publication_save on every save of the text (optimistic concurrency).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The files that go with this channel: all the request's (also those added later), or
    # only ``attachments`` when someone chose (publication_save keeps both in step).
    all_files = models.BooleanField(_("all the request's files"), default=True)
    attachments = models.ManyToManyField("workflows.Attachment", blank=True,
                                         related_name="publications",
                                         verbose_name=_("files of this channel"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["request", "channel__name"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [models.UniqueConstraint(fields=["request", "channel"],
                                               name="workflows_one_publication_per_channel")]
        # The calendar-collision rule reads one channel's publications around a moment.
        # The calendar's pieces of a window (``publications_between``): published in it, or
        # not published (``published_at`` NULL) and scheduled in it, one index range each.
        indexes = [models.Index(fields=["channel", "scheduled_at"],
                                name="workflows_pub_channel_sched"),
                   models.Index(fields=["published_at", "scheduled_at"],
                                name="workflows_pub_out"),
                   # The ICS feeds' window (``feed_publications``, ``feed_state`` and the
                   # stamps of ``calendars.feeds``): every column they read of the piece, so
                   # the database answers from the index without reading the rows (wide:
                   # the texts). It leads with ``scheduled_at``, whose own index it replaces.
                   models.Index(fields=["scheduled_at", "request", "channel", "cancelled_at",
                                        "updated_at", "sequence"],
                                name="workflows_pub_feed_window")]

    def __str__(self):
        return f"{self.request} — {self.channel}"

    def files(self):
        """The files that go out with this channel, oldest first."""
        if self.all_files:
            return self.request.attachments.all().order_by("pk")
        return self.attachments.all().order_by("pk")


class Comment(models.Model):
    request = models.ForeignKey(ContentRequest, on_delete=models.CASCADE, related_name="comments",
                                verbose_name=_("request"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               verbose_name=_("author"))
    body = models.TextField(_("comment"))
    internal = models.BooleanField(
        _("internal"), default=False,
        help_text=_("Internal comments are seen by the communication team only."))
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.request} · {self.author}"


def attachment_path(instance, filename):
    return f"requests/{instance.request_id}/{clock.now():%Y%m}/{filename}"


class Attachment(models.Model):
    """A file on a request; its type is checked by content (see workflows.uploads)."""

    request = models.ForeignKey(ContentRequest, on_delete=models.CASCADE,
                                related_name="attachments", verbose_name=_("request"))
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    alt_text = models.TextField(_("alternative text"), blank=True)
    shows_minors = models.BooleanField(_("shows minors"), default=False)
    consent_recorded = models.BooleanField(_("consent recorded"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Assignment(models.Model):
    """Who was put on a request, by whom, when (the current one is ``request.assignee``)."""

    request = models.ForeignKey(ContentRequest, on_delete=models.CASCADE,
                                related_name="assignments", verbose_name=_("request"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("person"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("assigned by"))
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self):
        return f"{self.request} → {self.user}"
