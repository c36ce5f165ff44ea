"""Ideas proposed by staff: supports (one per person), comments, and the team's triage.

The lifecycle is the ``state`` field: new → under study → accepted → done, or declined with a
reason. An accepted idea can become a content request (``request``) or a campaign
(``campaign``) or an action of the Communication Plan in draft (``plan_action``), with
traceability both ways.
An anonymous idea stores no author at all: the team sees none and the trail records only
that it was anonymous.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from pauta import clock


class IdeaState(models.TextChoices):
    NEW = "new", pgettext_lazy("idea state", "New")
    UNDER_STUDY = "under_study", pgettext_lazy("idea state", "Under study")
    ACCEPTED = "accepted", pgettext_lazy("idea state", "Accepted")
    DONE = "done", pgettext_lazy("idea state", "Done")
    DECLINED = "declined", pgettext_lazy("idea state", "Declined")


S = IdeaState
OPEN = [S.NEW, S.UNDER_STUDY, S.ACCEPTED]  # still open to supports
UNANSWERED = [S.NEW]


class Idea(FSMModelMixin, models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    secretariat = models.ForeignKey(
        "org.Secretariat", verbose_name=_("secretariat or service concerned"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="ideas")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("proposed by"),
                               null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="ideas")
    anonymous = models.BooleanField(_("anonymous"), default=False)
    state = FSMField(_("state"), default=S.NEW, choices=IdeaState.choices, protected=True,
                     db_index=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    created_at = models.DateTimeField(_("proposed at"), default=clock.now, db_index=True)
    answered_at = models.DateTimeField(
        _("first answered at"), null=True, blank=True,
        help_text=_("When the team first moved the idea out of “new”."))
    done_at = models.DateTimeField(_("implemented at"), null=True, blank=True)
    request = models.OneToOneField(
        "workflows.ContentRequest", verbose_name=_("content request"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="idea")
    campaign = models.OneToOneField(
        "campaigns.Campaign", verbose_name=_("campaign"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="idea")
    plan_action = models.OneToOneField(
        "plans.PlanAction", verbose_name=_("plan action"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="idea")
    support_count = models.PositiveIntegerField(_("supports"), default=0)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        permissions = [("triage_idea", _("Can triage staff ideas"))]
        constraints = [models.CheckConstraint(
            condition=models.Q(anonymous=False) | models.Q(author__isnull=True),
            name="ideas_anonymous_has_no_author")]

    def __str__(self) -> str:
        return self.title

    def audit_subject(self):
        return self  # its own timeline, even once it has become a request

    def _answer(self) -> None:
        if self.answered_at is None:
            self.answered_at = clock.now()

    @transition(field=state, source=S.NEW, target=S.UNDER_STUDY)
    def study(self):
        self._answer()

    @transition(field=state, source=[S.NEW, S.UNDER_STUDY], target=S.ACCEPTED)
    def accept(self):
        self._answer()

    @transition(field=state, source=[S.NEW, S.UNDER_STUDY], target=S.DECLINED)
    def decline(self, reason: str):
        self._answer()
        self.decline_reason = reason

    @transition(field=state, source=S.ACCEPTED, target=S.DONE)
    def complete(self):
        self.done_at = clock.now()


def attachment_path(instance, filename):
    return f"ideas/{instance.idea_id}/{clock.now():%Y%m}/{filename}"


class Attachment(models.Model):
    """A file that comes with an idea; its type is read from its content (workflows.uploads)
    and the upload limits apply. Nothing says who uploaded it: the idea's author did (and an
    anonymous idea's file keeps no name of its own)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="attachments",
                             verbose_name=_("idea"))
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Support(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="idea_supports")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["idea", "user"],
                                               name="ideas_one_support_per_person")]

    def __str__(self) -> str:
        return f"{self.user} → {self.idea}"


class Comment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="idea_comments")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"
