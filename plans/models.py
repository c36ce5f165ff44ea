"""The Communication Plan: channels and audiences (shared), the plan of a year with its
objectives, actions and KPI targets, and the recorded revisions of an approved plan."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition


class Channel(models.Model):
    """A publication channel with its constraints (read by the compliance rules)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    max_text_length = models.PositiveIntegerField(_("maximum text length"), null=True, blank=True)
    image_required = models.BooleanField(_("image required"), default=False)
    captions_required = models.BooleanField(_("video captions required"), default=False)
    signature_required = models.CharField(
        _("required signature or hashtag"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self):
        return self.name

    def clean(self):
        if self.max_text_length is not None and self.max_text_length < 1:
            raise ValidationError({"max_text_length": _(
                "The maximum text length must be a positive whole number, or empty for no "
                "limit.")})


class Audience(models.Model):
    """A target audience (*público*)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_APPROVAL = "in_approval", _("In approval")
    APPROVED = "approved", _("Approved")
    CLOSED = "closed", _("Closed")


P = PlanState


class Plan(FSMModelMixin, models.Model):
    """The Communication Plan of one year; its lifecycle is the ``state`` field.

    Only a draft can be edited; an approved plan changes through a recorded
    revision (``revise`` puts it back to draft with ``revision`` + 1).
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    state = FSMField(_("state"), max_length=20, choices=PlanState.choices, default=P.DRAFT,
                     protected=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    copied_from = models.ForeignKey("self", verbose_name=_("copied from"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    decision_note = models.TextField(_("note of the last decision"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("communication plan")
        verbose_name_plural = _("communication plans")
        permissions = [("approve_plan", _("Can approve or return a communication plan"))]

    def __str__(self):
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.state == P.DRAFT

    # Transitions only set fields; plans.services locks, checks, audits.
    @transition(field=state, source=P.DRAFT, target=P.IN_APPROVAL)
    def submit(self):
        self.submitted_at = timezone.now()

    @transition(field=state, source=P.IN_APPROVAL, target=P.APPROVED)
    def approve(self, by, note: str = ""):
        self.approved_at, self.approved_by, self.decision_note = timezone.now(), by, note

    @transition(field=state, source=P.IN_APPROVAL, target=P.DRAFT)
    def return_to_draft(self, note: str):
        self.decision_note = note

    @transition(field=state, source=P.APPROVED, target=P.DRAFT)
    def revise(self):
        self.revision += 1

    @transition(field=state, source=P.APPROVED, target=P.CLOSED)
    def close(self):
        self.closed_at = timezone.now()


class Objective(models.Model):
    """A strategic objective of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives",
                             verbose_name=_("plan"))
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["plan", "code"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [models.UniqueConstraint(fields=["plan", "code"],
                                               name="plans_objective_code_unique")]

    def __str__(self):
        return f"{self.code} {self.title}"


class PlanAction(models.Model):
    """A planned action: what a secretariat will communicate, when, where and for whom."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions",
                             verbose_name=_("plan"))
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="actions",
                                  verbose_name=_("objective"))
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey("org.Secretariat", on_delete=models.PROTECT,
                              related_name="plan_actions", verbose_name=_("owner secretariat"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    channels = models.ManyToManyField(Channel, blank=True, verbose_name=_("channels"))
    audiences = models.ManyToManyField(Audience, blank=True, verbose_name=_("audiences"))
    planned_pieces = models.PositiveIntegerField(_("planned pieces"), default=0)
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        ordering = ["plan", "code"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="plans_action_code_unique"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")),
                                   name="plans_action_period_valid"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class KPITarget(models.Model):
    """A KPI target of the plan: an indicator, the period it is measured over, the aim."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="kpi_targets",
                             verbose_name=_("plan"))
    code = models.CharField(_("code"), max_length=20)
    indicator = models.CharField(
        _("indicator"), max_length=200,
        help_text=_("What is measured, e.g. publications on the portal or requests published."))
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="kpi_targets", verbose_name=_("objective"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    target = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=30, blank=True)

    class Meta:
        ordering = ["plan", "code"]
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="plans_kpi_code_unique"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")),
                                   name="plans_kpi_period_valid"),
        ]

    def __str__(self):
        return f"{self.code} {self.indicator}"


class PlanRevision(models.Model):
    """The record of one revision of an approved plan: who opened it, why, who approved it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions",
                             verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("number"))
    reason = models.TextField(_("reason"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("opened by"))
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        constraints = [models.UniqueConstraint(fields=["plan", "number"],
                                               name="plans_revision_number_unique")]

    def __str__(self):
        return f"{self.plan} r{self.number}"


class BudgetCommitment(models.Model):
    """Budget committed to a plan action (a purchase order, a media buy, an *empenho*).

    Recorded while the plan is approved; the plan page compares it with the budget planned.
    """

    action = models.ForeignKey(PlanAction, on_delete=models.PROTECT, related_name="commitments",
                               verbose_name=_("plan action"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    committed_on = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=100, blank=True,
                                 help_text=_("E.g. the number of the purchase order."))
    description = models.CharField(_("description"), max_length=255)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["action", "committed_on", "pk"]
        verbose_name = _("budget commitment")
        verbose_name_plural = _("budget commitments")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0),
                                              name="plans_commitment_amount_positive")]

    def __str__(self):
        return f"{self.action.code} {self.amount}"
