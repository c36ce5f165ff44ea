"""Every write on a campaign: one service per action (lock, permission, guards, move, audit).

Pieces are content requests created and withdrawn through ``workflows.services``; approval
steps come from the same policy engine as requests (``approvals``), with campaign policies.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.services import steps_cancel, steps_open_round
from audit.services import record
from campaigns import permissions as perms
from campaigns.models import PIECES_MAY_RUN, Campaign, SpendEntry, SpendKind
from pauta import clock, lifecycle
from pauta.lifecycle import TransitionRefused, ensure, service
from workflows import services as requests
from workflows.models import ContentRequest

STATE_MESSAGE = gettext_lazy("This action is not possible while the campaign is “%(state)s”.")
CONDITION_MESSAGES = {
    "submit": gettext_lazy("Add at least one piece before submitting the campaign."),
    "close": gettext_lazy("Every piece must be published, archived, rejected or withdrawn "
                          "before the campaign is closed."),
}
FIELDS = ("title", "brief", "objective", "plan_action", "start", "end", "key_messages",
          "budget_own_staff", "budget_paid_media")


def lock(campaign: Campaign) -> Campaign:
    return lifecycle.lock(campaign, "secretariat")


def _internal(user, campaign) -> bool:
    return True  # the decision (or the calendar) that triggers it was already checked


def transition(campaign: Campaign, *, by, verb: str, check, method: str = "",
               args=(), payload=None, validate=None, actor=None) -> Campaign:
    """One campaign move through the kernel; its events are ``campaign_<verb>``."""
    return lifecycle.move(campaign, by=by, verb=verb, allowed=check, method=method,
                          args=args, payload=payload, audit_verb=f"campaign_{verb}",
                          conditions=CONDITION_MESSAGES, state_message=STATE_MESSAGE,
                          validate=validate, actor=actor)


def _validate(fields: dict) -> None:
    start, end = fields.get("start"), fields.get("end")
    if start and end and end < start:
        raise TransitionRefused(_("The campaign must end on or after its first day."))
    for name in ("budget_own_staff", "budget_paid_media"):
        if fields.get(name) is not None and Decimal(fields[name]) < 0:
            raise TransitionRefused(_("Budget values cannot be negative."))


@service
def campaign_create(*, by, secretariat, title: str, brief: str, start: date, end: date,
                    objective: str = "", plan_action=None, audiences=(), channels=(),
                    key_messages: str = "", budget_own_staff=Decimal(0),
                    budget_paid_media=Decimal(0), pieces=(), submit: bool = False) -> Campaign:
    """File a campaign (a draft) for one of the person's secretariats, with its first pieces.

    ``pieces`` is a list of dicts with the arguments of ``campaign_add_piece``; ``submit``
    sends it to the team in the same transaction (a refused submission leaves nothing).
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
    if submit:
        campaign = campaign_submit(campaign=campaign, by=by)
    return campaign


@service
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


@service
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
    piece = requests.request_create(
        by=by, secretariat=campaign.secretariat, kind=kind, title=title,
        brief=brief.strip() or campaign.brief, desired_date=desired_date,
        channels=campaign.channels.all() if channels is None else channels,
        audiences=campaign.audiences.all(), sensitive=sensitive,
        plan_action=campaign.plan_action, campaign=campaign)
    record(by=by, verb="campaign_add_piece", target=campaign, payload={"request": piece.pk})
    if campaign.state in PIECES_MAY_RUN:
        piece = requests.request_submit(request=piece, by=by)
    return piece


@service
def campaign_submit_pieces(*, campaign: Campaign, by) -> list[ContentRequest]:
    """Send every draft piece of a signed-off campaign to the communication team."""
    campaign = lock(campaign)
    ensure(perms.can_submit_pieces(by, campaign))
    return [requests.request_submit(request=piece, by=by)
            for piece in campaign.pieces.filter(state="draft").order_by("pk")]


@service
def campaign_submit(*, campaign: Campaign, by) -> Campaign:
    """Send a draft campaign with at least one piece to the communication team."""
    return transition(campaign, by=by, verb="submit", check=perms.can_submit_campaign,
                      actor=perms.is_campaign_requester_side)


@service
def campaign_return_to_draft(*, campaign: Campaign, by, comment: str) -> Campaign:
    return transition(campaign, by=by, verb="return_to_draft", check=perms.can_triage_campaign,
                      actor=perms.is_worker,
                      payload={"comment": comment}, validate=lifecycle.required(
                          comment, _("Say what the requester must complete.")))


@service
def campaign_send_to_approval(*, campaign: Campaign, by) -> Campaign:
    """The team opens the approval: the campaign policies' steps of a new round."""
    campaign = transition(campaign, by=by, verb="send_to_approval",
                          check=perms.can_triage_campaign, actor=perms.is_worker)
    steps_open_round(target=campaign, by=by)
    return Campaign.objects.get(pk=campaign.pk)


def conclude_move(campaign, *, by, verb: str, args, payload) -> None:
    """The approval round's outcome (``approvals``) moves the campaign."""
    transition(campaign, by=by, verb=verb, check=_internal, args=args, payload=payload)


@service
def campaign_start(*, campaign: Campaign, by, system: bool = False) -> Campaign:
    """Start a signed-off campaign (the team, or the daily job on its first day)."""
    return transition(campaign, by=by, verb="start", method="start_running",
                      check=_internal if system else perms.can_run_campaign, actor=perms.is_worker,
                      payload={"system": True} if system else None)


@service
def campaign_close(*, campaign: Campaign, by, system: bool = False) -> Campaign:
    """Close a running campaign whose pieces are all done (the team, or the daily job)."""
    return transition(campaign, by=by, verb="close",
                      check=_internal if system else perms.can_close_campaign,
                      actor=perms.is_worker,
                      payload={"system": True} if system else None)


def campaigns_follow_dates(today: date | None = None) -> dict:
    """The daily job: start approved campaigns whose first day has come; close running ones
    past their last day once every piece is done (the others wait for their pieces)."""
    today = today or clock.today()
    counts = {"started": 0, "closed": 0}
    for campaign in Campaign.objects.filter(state="approved", start__lte=today).order_by("pk"):
        campaign_start(campaign=campaign, by=None, system=True)
        counts["started"] += 1
    for campaign in Campaign.objects.filter(state="running", end__lt=today).order_by("pk"):
        try:
            campaign_close(campaign=campaign, by=None, system=True)
        except TransitionRefused:
            continue  # pieces still open: it closes on a later run
        counts["closed"] += 1
    return counts


@service
def campaign_cancel(*, campaign: Campaign, by, reason: str) -> Campaign:
    """Cancel the campaign and withdraw its unpublished pieces; every record stays."""
    campaign = transition(campaign, by=by, verb="cancel", check=perms.can_cancel_campaign,
                          actor=perms.is_campaign_requester_side,
                          args=(reason,), payload={"reason": reason}, validate=lifecycle.required(
                              reason, _("Say why the campaign is cancelled.")))
    steps_cancel(target=campaign)
    withdrawable = campaign.pieces.exclude(
        state__in=["published", "archived", "rejected", "withdrawn"]).order_by("pk")
    for piece in withdrawable:
        requests.request_withdraw(request=piece, by=by,
                                  comment=_("Campaign cancelled: %(reason)s") % {"reason": reason})
    return campaign


@service
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
