"""Every write on a campaign: one service per action (lock, permission, guards, move, audit).

Pieces are content requests created and withdrawn through ``workflows.services``; approval
steps come from the same policy engine as requests (``approvals``), with campaign policies.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import can_proceed

from approvals.models import ApprovalStep, Decision, RejectionReason, StepStatus
from approvals.selectors import policy_steps_for_campaign
from approvals.services import _closing, decision_check, stage_outcome
from audit.services import record
from pauta import clock
from workflows import permissions as perms
from workflows import services
from workflows.errors import TransitionRefused
from workflows.models import Campaign, ContentRequest, SpendEntry, SpendKind
from workflows.models.campaigns import PIECES_MAY_RUN
from workflows.services import ensure

OPEN = (StepStatus.PENDING, StepStatus.WAITING)
CONDITION_MESSAGES = {
    "close": gettext_lazy("Every piece must be published, archived, rejected or withdrawn "
                          "before the campaign is closed."),
}
FIELDS = ("title", "brief", "objective", "plan_action", "start", "end", "key_messages",
          "budget_own_staff", "budget_paid_media")


def lock(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().select_related("secretariat").get(
        pk=campaign.pk)


def _internal(user, campaign) -> bool:
    return True  # the decision that triggers it was already checked


def transition(campaign: Campaign, *, by, verb: str, check: Callable, method: str = "",
               args=(), payload=None) -> Campaign:
    """One lifecycle move the one way: lock, state, permission, conditions, move, audit."""
    campaign = lock(campaign)
    move = getattr(campaign, method or verb)
    if not can_proceed(move, check_conditions=False):
        raise TransitionRefused(
            _("This action is not possible while the campaign is “%(state)s”.")
            % {"state": campaign.get_state_display()})
    ensure(check(by, campaign))
    if not can_proceed(move):
        raise TransitionRefused(CONDITION_MESSAGES.get(verb, _("A condition is not met.")))
    from_state = campaign.state
    move(*args)
    campaign.save()
    record(by=by, verb=f"campaign_{verb}", target=campaign, from_state=from_state,
           to_state=campaign.state, payload=payload)
    return campaign


def _validate(fields: dict) -> None:
    start, end = fields.get("start"), fields.get("end")
    if start and end and end < start:
        raise TransitionRefused(_("The campaign must end on or after its first day."))
    for name in ("budget_own_staff", "budget_paid_media"):
        if fields.get(name) is not None and Decimal(fields[name]) < 0:
            raise TransitionRefused(_("Budget values cannot be negative."))


@transaction.atomic
def campaign_create(*, by, secretariat, title: str, brief: str, start: date, end: date,
                    objective: str = "", plan_action=None, audiences=(), channels=(),
                    key_messages: str = "", budget_own_staff=Decimal(0),
                    budget_paid_media=Decimal(0), pieces=()) -> Campaign:
    """File a campaign (a draft) for one of the person's secretariats, with its first pieces.

    ``pieces`` is a list of dicts with the arguments of ``campaign_add_piece``.
    """
    ensure(perms.can_create_campaign_for(by, secretariat))
    fields = {"title": title, "brief": brief, "objective": objective, "start": start,
              "end": end, "plan_action": plan_action, "key_messages": key_messages,
              "budget_own_staff": budget_own_staff or 0,
              "budget_paid_media": budget_paid_media or 0}
    _validate(fields)
    campaign = Campaign.objects.create(secretariat=secretariat, requester=by, **fields)
    campaign.audiences.set(audiences)
    campaign.channels.set(channels)
    record(by=by, verb="campaign_create", target=campaign, to_state=campaign.state)
    for piece in pieces:
        campaign_add_piece(campaign=campaign, by=by, **piece)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, by, **fields) -> Campaign:
    """Edit the campaign while it is a draft (also after changes were requested)."""
    campaign = lock(campaign)
    ensure(perms.can_edit_campaign(by, campaign))
    m2m = {k: fields.pop(k) for k in ("channels", "audiences") if k in fields}
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    _validate({"start": campaign.start, "end": campaign.end, **fields})
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.save()
    for name, values in m2m.items():
        getattr(campaign, name).set(values)
    record(by=by, verb="campaign_update", target=campaign,
           payload={"fields": sorted([*fields, *m2m])})
    return campaign


@transaction.atomic
def campaign_add_piece(*, campaign: Campaign, by, kind: str, title: str, brief: str = "",
                       desired_date: date | None = None, channels=None,
                       sensitive: bool = False) -> ContentRequest:
    """Create one piece as a content request of the campaign (through ``request_create``).

    While the campaign waits for its sign-off the piece stays a draft; afterwards it goes
    to the communication team at once.
    """
    campaign = lock(campaign)
    ensure(perms.can_add_piece(by, campaign))
    if not title.strip():
        raise TransitionRefused(_("Give the piece a title."))
    if desired_date and not campaign.start <= desired_date <= campaign.end:
        raise TransitionRefused(_("The piece's date must fall within the campaign period."))
    piece = services.request_create(
        by=by, secretariat=campaign.secretariat, kind=kind, title=title,
        brief=brief.strip() or campaign.brief, desired_date=desired_date,
        channels=campaign.channels.all() if channels is None else channels,
        audiences=campaign.audiences.all(), sensitive=sensitive,
        plan_action=campaign.plan_action, campaign=campaign)
    record(by=by, verb="campaign_add_piece", target=campaign, payload={"request": piece.pk})
    if campaign.state in PIECES_MAY_RUN:
        piece = services.request_submit(request=piece, by=by)
    return piece


@transaction.atomic
def campaign_submit_pieces(*, campaign: Campaign, by) -> list[ContentRequest]:
    """Send every draft piece of a signed-off campaign to the communication team."""
    campaign = lock(campaign)
    ensure(perms.can_submit_pieces(by, campaign))
    return [services.request_submit(request=piece, by=by)
            for piece in campaign.pieces.filter(state="draft").order_by("pk")]


@transaction.atomic
def campaign_submit(*, campaign: Campaign, by) -> Campaign:
    campaign = Campaign.objects.get(pk=campaign.pk)
    # Permission first: someone who may not submit is refused, not told about its pieces.
    ensure(perms.is_campaign_requester_side(by, campaign))
    if campaign.state == "draft" and not campaign.pieces.exclude(state="withdrawn").exists():
        raise TransitionRefused(_("Add at least one piece before submitting the campaign."))
    return transition(campaign, by=by, verb="submit", check=perms.can_submit_campaign)


@transaction.atomic
def campaign_return_to_draft(*, campaign: Campaign, by, comment: str) -> Campaign:
    if not comment.strip():
        raise TransitionRefused(_("Say what the requester must complete."))
    return transition(campaign, by=by, verb="return_to_draft", check=perms.can_triage_campaign,
                      payload={"comment": comment})


@transaction.atomic
def campaign_send_to_approval(*, campaign: Campaign, by) -> Campaign:
    """The team opens the approval: the campaign policies' steps of a new round."""
    campaign = transition(campaign, by=by, verb="send_to_approval",
                          check=perms.can_triage_campaign)
    policy_steps = policy_steps_for_campaign(campaign)
    if not policy_steps:  # nothing configured: signed off at once
        return transition(campaign, by=by, verb="approve", check=_internal,
                          payload={"reason": "no approval policy applies"})
    first = min(s.stage for s in policy_steps)
    ApprovalStep.objects.bulk_create([
        ApprovalStep(campaign=campaign, review_round=campaign.review_round, stage=s.stage,
                     name=s.name, approvers=s.approvers, group=s.group, quorum=s.quorum,
                     legal=s.legal,
                     status=StepStatus.PENDING if s.stage == first else StepStatus.WAITING)
        for s in policy_steps])
    return campaign


@transaction.atomic
def campaign_step_decide(*, step: ApprovalStep, by, outcome: str, comment: str = "",
                         reason: RejectionReason | None = None) -> Decision:
    """Record one person's decision on a campaign step; the last approval signs it off."""
    campaign = lock(step.campaign)
    # The campaign is locked above; "of" keeps PostgreSQL from locking the nullable join.
    step = (ApprovalStep.objects.select_for_update(of=("self",)).select_related("campaign")
            .get(pk=step.pk))
    ensure(perms.can_decide_campaign_step(by, step))
    decision_check(outcome=outcome, comment=comment, reason=reason)
    decision = Decision.objects.create(
        step=step, decided_by=by, outcome=outcome, comment=comment,
        reason=reason if outcome == Decision.Outcome.REJECT else None)
    payload = {"step_id": step.pk, "outcome": outcome, "comment": comment,
               "reason": reason.code if reason and outcome == "reject" else ""}
    if not _closing(step, outcome):
        record(by=by, verb="campaign_decide", target=campaign, payload=payload)
        return decision
    try:
        with transaction.atomic():
            Decision.objects.filter(pk=decision.pk).update(closes_step=True)
    except IntegrityError as exc:  # somebody closed it a moment earlier
        raise TransitionRefused(_("This step was already decided.")) from exc
    step.status = {Decision.Outcome.APPROVE: StepStatus.APPROVED,
                   Decision.Outcome.REQUEST_CHANGES: StepStatus.CHANGES_REQUESTED,
                   Decision.Outcome.REJECT: StepStatus.REJECTED}[outcome]
    step.closed_at = clock.now()
    step.save(update_fields=["status", "closed_at"])
    record(by=by, verb="campaign_decide", target=campaign, payload=payload)
    _advance(campaign, by=by, outcome=outcome, reason=reason)
    return decision


def _advance(campaign, *, by, outcome, reason):
    steps = ApprovalStep.objects.filter(campaign=campaign, review_round=campaign.review_round)
    verb, opened = stage_outcome(steps, outcome)
    if opened is not None:
        record(by=by, verb="campaign_open_stage", target=campaign, payload={"stage": opened})
    elif verb == "reject":
        transition(campaign, by=by, verb="reject", check=_internal, args=(reason.code,),
                   payload={"reason": reason.code})
    elif verb:
        transition(campaign, by=by, verb=verb, check=_internal)


@transaction.atomic
def campaign_start(*, campaign: Campaign, by) -> Campaign:
    return transition(campaign, by=by, verb="start", method="start_running",
                      check=perms.can_run_campaign)


@transaction.atomic
def campaign_close(*, campaign: Campaign, by) -> Campaign:
    return transition(campaign, by=by, verb="close", check=perms.can_close_campaign)


@transaction.atomic
def campaign_cancel(*, campaign: Campaign, by, reason: str) -> Campaign:
    """Cancel the campaign and withdraw its unpublished pieces; every record stays."""
    if not reason.strip():
        raise TransitionRefused(_("Say why the campaign is cancelled."))
    campaign = transition(campaign, by=by, verb="cancel", check=perms.can_cancel_campaign,
                          args=(reason,), payload={"reason": reason})
    ApprovalStep.objects.filter(campaign=campaign, status__in=OPEN).update(
        status=StepStatus.CANCELLED, closed_at=clock.now())
    withdrawable = campaign.pieces.exclude(
        state__in=["published", "archived", "rejected", "withdrawn"]).order_by("pk")
    for piece in withdrawable:
        services.request_withdraw(request=piece, by=by,
                                  comment=_("Campaign cancelled: %(reason)s") % {"reason": reason})
    return campaign


@transaction.atomic
def spend_record(*, campaign: Campaign, by, kind: str, amount, committed_on: date,
                 description: str, supplier: str = "", document: str = "") -> SpendEntry:
    """Record money committed for the campaign. Limit warnings are read by the selectors."""
    campaign = lock(campaign)
    ensure(perms.can_record_spend(by, campaign))
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError) as exc:
        raise TransitionRefused(_("Enter the amount as a number.")) from exc
    if amount <= 0:
        raise TransitionRefused(_("The amount must be greater than zero."))
    if kind not in SpendKind.values:
        raise TransitionRefused(_("Choose what kind of spending this is."))
    if not description.strip():
        raise TransitionRefused(_("Describe what the money is for."))
    entry = SpendEntry.objects.create(
        campaign=campaign, kind=kind, amount=amount, committed_on=committed_on,
        description=description, supplier=supplier, document=document, created_by=by)
    record(by=by, verb="campaign_spend", target=campaign,
           payload={"entry": entry.pk, "kind": kind, "amount": str(amount),
                    "committed_on": committed_on})
    return entry
