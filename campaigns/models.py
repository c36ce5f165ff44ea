"""Campaigns: many pieces (content requests) under one brief, period, budget and approval.

The lifecycle is the ``state`` field; spend entries record committed money; the electoral
limit on institutional publicity spending (Lei 9.504/1997 art. 73 VII) is configured per year.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from pauta import clock


class CampaignState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("campaign state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("campaign state", "Submitted")
    IN_APPROVAL = "in_approval", pgettext_lazy("campaign state", "In approval")
    APPROVED = "approved", pgettext_lazy("campaign state", "Approved")
    RUNNING = "running", pgettext_lazy("campaign state", "Running")
    CLOSED = "closed", pgettext_lazy("campaign state", "Closed")
    REJECTED = "rejected", pgettext_lazy("campaign state", "Rejected")
    CANCELLED = "cancelled", pgettext_lazy("campaign state", "Cancelled")


C = CampaignState
CANCELLABLE = [C.DRAFT, C.SUBMITTED, C.IN_APPROVAL, C.APPROVED, C.RUNNING]
# States in which pieces may still be added.
OPEN_FOR_PIECES = [C.DRAFT, C.SUBMITTED, C.IN_APPROVAL, C.APPROVED, C.RUNNING]
# Pieces may leave draft (be submitted to the team) once the campaign is signed off.
PIECES_MAY_RUN = [C.APPROVED, C.RUNNING]
PIECE_DONE_STATES = ["published", "archived", "rejected", "withdrawn"]


def has_pieces(campaign) -> bool:
    return campaign.pieces.exclude(state="withdrawn").exists()


def pieces_finished(campaign) -> bool:
    return not campaign.pieces.exclude(state__in=PIECE_DONE_STATES).exists()


class Campaign(FSMModelMixin, models.Model):
    """A campaign requested by a secretariat; its pieces are content requests."""

    secretariat = models.ForeignKey("org.Secretariat", verbose_name=_("secretariat"),
                                    on_delete=models.PROTECT, related_name="campaigns")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requester"),
                                  on_delete=models.PROTECT, related_name="campaigns_filed")
    title = models.CharField(_("title"), max_length=200)
    brief = models.TextField(_("brief"), help_text=_("What the campaign is about and why."))
    objective = models.TextField(_("objective"), blank=True)
    plan_action = models.ForeignKey(
        "plans.PlanAction", verbose_name=_("plan action"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="campaigns")
    audiences = models.ManyToManyField("plans.Audience", verbose_name=_("target audiences"),
                                       blank=True, related_name="campaigns")
    channels = models.ManyToManyField("plans.Channel", verbose_name=_("channels"), blank=True,
                                      related_name="campaigns")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    key_messages = models.TextField(_("key messages"), blank=True,
                                    help_text=_("One message per line."))
    budget_own_staff = models.DecimalField(
        _("estimated budget: own staff"), max_digits=14, decimal_places=2, default=0)
    budget_paid_media = models.DecimalField(
        _("estimated budget: paid media and suppliers"), max_digits=14, decimal_places=2,
        default=0)
    state = FSMField(_("state"), default=C.DRAFT, choices=CampaignState.choices,
                     protected=True, db_index=True)
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0)
    rejection_reason = models.CharField(_("rejection reason"), max_length=100, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        db_table = "workflows_campaign"  # the table of before the campaigns app
        ordering = ["-start", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")),
                                   name="workflows_campaign_period_valid"),
            models.CheckConstraint(
                condition=models.Q(budget_own_staff__gte=0, budget_paid_media__gte=0),
                name="workflows_campaign_budget_not_negative"),
        ]
        indexes = [models.Index(fields=["secretariat", "state"],
                                name="workflows_c_secreta_7b41b4_idx")]

    def __str__(self):
        return self.title

    @property
    def budget_total(self) -> Decimal:
        return self.budget_own_staff + self.budget_paid_media

    @property
    def uses_paid_media(self) -> bool:
        return self.budget_paid_media > 0

    @property
    def pieces_may_run(self) -> bool:
        """Whether its pieces may leave draft (the campaign is signed off)."""
        return self.state in PIECES_MAY_RUN

    # Transitions only set fields; services lock, check, audit and act on the pieces.
    @transition(field=state, source=C.DRAFT, target=C.SUBMITTED, conditions=[has_pieces])
    def submit(self):
        self.submitted_at = clock.now()

    @transition(field=state, source=C.SUBMITTED, target=C.IN_APPROVAL)
    def send_to_approval(self):
        self.review_round += 1

    @transition(field=state, source=C.SUBMITTED, target=C.DRAFT)
    def return_to_draft(self):
        pass

    @transition(field=state, source=C.IN_APPROVAL, target=C.DRAFT)
    def request_changes(self):
        pass

    @transition(field=state, source=C.IN_APPROVAL, target=C.APPROVED)
    def approve(self):
        self.approved_at = clock.now()

    @transition(field=state, source=C.IN_APPROVAL, target=C.REJECTED)
    def reject(self, reason: str):
        self.rejection_reason = reason

    @transition(field=state, source=C.APPROVED, target=C.RUNNING)
    def start_running(self):
        pass

    @transition(field=state, source=C.RUNNING, target=C.CLOSED, conditions=[pieces_finished])
    def close(self):
        self.closed_at = clock.now()

    @transition(field=state, source=CANCELLABLE, target=C.CANCELLED)
    def cancel(self, reason: str):
        self.cancel_reason = reason


class SpendKind(models.TextChoices):
    OWN_STAFF = "own_staff", _("Own staff")
    PAID_MEDIA = "paid_media", _("Paid media and suppliers")


class SpendEntry(models.Model):
    """Money committed for a campaign (a purchase order, a media booking, staff hours)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="spend",
                                 verbose_name=_("campaign"))
    kind = models.CharField(_("kind"), max_length=20, choices=SpendKind.choices)
    committed_on = models.DateField(_("committed on"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    description = models.CharField(_("description"), max_length=300)
    document = models.CharField(_("document reference"), max_length=100, blank=True,
                                help_text=_("Commitment note (empenho), contract or order."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        db_table = "workflows_spendentry"
        ordering = ["committed_on", "pk"]
        verbose_name = _("spend entry")
        verbose_name_plural = _("spend entries")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0),
                                              name="workflows_spend_amount_positive")]
        indexes = [models.Index(fields=["committed_on", "kind"],
                                name="workflows_s_committ_b55286_idx")]

    def __str__(self):
        return f"{self.campaign} · {self.amount} ({self.get_kind_display()})"


class PublicitySpendLimit(models.Model):
    """The electoral-year ceiling on institutional publicity spending, configured per year.

    Lei 9.504/1997 art. 73 VII bars spending in the first half of an election year above a
    limit whose formula changed over time, so the value and its legal basis are data.
    """

    year = models.PositiveSmallIntegerField(_("election year"), unique=True)
    limit = models.DecimalField(_("limit"), max_digits=14, decimal_places=2)
    period_start = models.DateField(_("counted from"), null=True, blank=True,
                                    help_text=_("Empty: 1 January of the year."))
    period_end = models.DateField(_("counted until"), null=True, blank=True,
                                  help_text=_("Empty: 30 June of the year (first half)."))
    legal_basis = models.TextField(
        _("legal basis"), help_text=_("The rule and how the value was computed."))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        db_table = "workflows_publicityspendlimit"
        ordering = ["-year"]
        verbose_name = _("publicity spending limit")
        verbose_name_plural = _("publicity spending limits")
        constraints = [models.CheckConstraint(condition=models.Q(limit__gte=0),
                                              name="workflows_spend_limit_not_negative")]

    def __str__(self):
        return f"{self.year}: {self.limit}"

    @property
    def window(self) -> tuple[date, date]:
        return (self.period_start or date(self.year, 1, 1),
                self.period_end or date(self.year, 6, 30))
