"""Approval policies (configured in the admin), the steps a request must pass, decisions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pauta import clock


class Quorum(models.TextChoices):
    ANY = "any", _("Any one member")
    ALL = "all", _("Every member")


class PolicyTarget(models.TextChoices):
    REQUEST = "request", _("Content requests")
    CAMPAIGN = "campaign", _("Campaigns")
    INQUIRY = "inquiry", _("Press inquiries")
    SURVEY = "survey", _("Surveys")


class ApprovalPolicy(models.Model):
    """Which steps a request needs. Every active policy whose conditions match adds its steps.

    Empty conditions match everything; steps with the same stage number run in parallel,
    stages run in ascending order. ``applies_to`` keeps request and campaign policies apart.
    """

    name = models.CharField(_("name"), max_length=200)
    active = models.BooleanField(_("active"), default=True)
    applies_to = models.CharField(_("applies to"), max_length=10, choices=PolicyTarget.choices,
                                  default=PolicyTarget.REQUEST, db_index=True)
    kinds = models.JSONField(_("request kinds"), default=list, blank=True,
                             help_text=_("Empty: every kind."))
    channels = models.ManyToManyField("plans.Channel", verbose_name=_("channels"), blank=True,
                                      help_text=_("Empty: every channel."))
    only_in_blackout = models.BooleanField(
        _("only inside an electoral blackout window"), default=False)
    only_when_sensitive = models.BooleanField(_("only for sensitive themes"), default=False)
    only_with_paid_media = models.BooleanField(
        _("only for campaigns with paid media"), default=False)
    either_condition = models.BooleanField(
        _("one ticked condition is enough"), default=False,
        help_text=_("When several conditions are ticked, one of them is enough."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("approval policy")
        verbose_name_plural = _("approval policies")

    def __str__(self):
        return self.name


class PolicyStep(models.Model):
    """A step of a policy: who decides, and whether one or all of them must approve."""

    class Approvers(models.TextChoices):
        GROUP = "group", _("A role group")
        SECRETARIAT = "secretariat", _("The requesting secretariat (content validation)")
        SECRETARIAT_HEAD = "secretariat_head", _("The head of the requesting secretariat")

    policy = models.ForeignKey(ApprovalPolicy, on_delete=models.CASCADE, related_name="steps",
                               verbose_name=_("policy"))
    stage = models.PositiveSmallIntegerField(_("stage"), default=1)
    name = models.CharField(_("name"), max_length=200)
    approvers = models.CharField(_("approvers"), max_length=20, choices=Approvers.choices,
                                 default=Approvers.GROUP)
    group = models.ForeignKey("auth.Group", null=True, blank=True, on_delete=models.PROTECT,
                              verbose_name=_("group"))
    quorum = models.CharField(_("quorum"), max_length=5, choices=Quorum.choices,
                              default=Quorum.ANY)
    legal = models.BooleanField(_("legal review"), default=False)

    class Meta:
        ordering = ["policy", "stage", "pk"]
        verbose_name = _("policy step")
        verbose_name_plural = _("policy steps")
        constraints = [models.CheckConstraint(
            condition=~models.Q(approvers="group") | models.Q(group__isnull=False),
            name="approvals_group_step_names_group")]

    def __str__(self):
        return f"{self.stage}. {self.name}"


class StepStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for an earlier stage")
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


TARGET_FIELDS = ("request", "campaign", "inquiry", "survey")  # what a step can decide on


def _one_of(fields) -> models.Q:
    """Exactly one of ``fields`` is set."""
    condition = models.Q()
    for name in fields:
        condition |= models.Q(**{f"{name}__isnull": False},
                              **{f"{other}__isnull": True for other in fields if other != name})
    return condition


class ApprovalStep(models.Model):
    """A policy step made concrete for one review round of one request or one campaign."""

    request = models.ForeignKey("workflows.ContentRequest", on_delete=models.CASCADE,
                                null=True, blank=True,
                                related_name="approval_steps", verbose_name=_("request"))
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE,
                                 null=True, blank=True,
                                 related_name="approval_steps", verbose_name=_("campaign"))
    inquiry = models.ForeignKey("press.Inquiry", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="approval_steps", verbose_name=_("press inquiry"))
    survey = models.ForeignKey("surveys.Survey", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="approval_steps", verbose_name=_("survey"))
    review_round = models.PositiveSmallIntegerField(_("review round"))
    stage = models.PositiveSmallIntegerField(_("stage"))
    name = models.CharField(_("name"), max_length=200)
    approvers = models.CharField(_("approvers"), max_length=20,
                                 choices=PolicyStep.Approvers.choices)
    group = models.ForeignKey("auth.Group", null=True, blank=True, on_delete=models.PROTECT,
                              verbose_name=_("group"))
    quorum = models.CharField(_("quorum"), max_length=5, choices=Quorum.choices)
    legal = models.BooleanField(_("legal review"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=StepStatus.choices,
                              default=StepStatus.WAITING, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["request", "review_round", "stage", "pk"]
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        constraints = [models.CheckConstraint(
            condition=_one_of(TARGET_FIELDS),
            name="approvals_step_has_one_target")]

    def __str__(self):
        return f"{self.target} · {self.name} ({self.get_status_display()})"

    @property
    def target(self):
        """The request, the campaign, the press inquiry or the survey this step decides on."""
        for name in TARGET_FIELDS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None


class RejectionReason(models.Model):
    """The configurable list of reasons offered when rejecting."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=200)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")

    def __str__(self):
        return self.label


class Decision(models.Model):
    """Immutable: who decided what on which step, when and why."""

    class Outcome(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REQUEST_CHANGES = "request_changes", _("Request changes")
        REJECT = "reject", _("Reject")

    step = models.ForeignKey(ApprovalStep, on_delete=models.PROTECT, related_name="decisions",
                             verbose_name=_("step"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("decided by"))
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reason = models.ForeignKey(RejectionReason, null=True, blank=True, on_delete=models.PROTECT,
                               verbose_name=_("reason"))
    comment = models.TextField(_("comment"), blank=True)
    closes_step = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("when"), default=clock.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["step", "decided_by"],
                                    name="approvals_one_decision_per_person_per_step"),
            # The database, not the code, guarantees that a step is closed exactly once.
            models.UniqueConstraint(fields=["step"], condition=models.Q(closes_step=True),
                                    name="approvals_one_closing_decision_per_step"),
        ]

    def __str__(self):
        return f"{self.step} · {self.get_outcome_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Decisions are immutable.")
        super().save(*args, **kwargs)


# The compliance engine keeps its models in its own package; Django finds them through here.
from approvals.compliance.models import (  # noqa: E402,F401
    AllowedDomain,
    BrandTerm,
    CheckRun,
    FindingOverride,
    FindingRecord,
    LegalException,
    PublicOfficial,
    RuleConfig,
    Severity,
    Takedown,
)
