"""Campaigns through the services: lifecycle, policy routing, pieces, cancel, budget, limits."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from approvals.models import ApprovalStep, RejectionReason
from approvals.selectors import decidable_steps
from approvals.services import step_decide
from audit.chain import verify_chain
from audit.models import AuditEvent
from calendars.models import Event, EventKind
from campaigns import selectors as sel
from campaigns import services as cs
from campaigns.models import Campaign, PublicitySpendLimit
from org.models import Secretariat
from plans.models import Channel
from press.models import Inquiry
from workflows import services
from workflows.errors import TransitionRefused
from workflows.models import ContentRequest

TODAY = timezone.localdate()


def make_campaign(user, acronym="SMS", paid=Decimal("0"), start=None, pieces=2, **extra):
    start = start or TODAY + timedelta(days=20)
    return cs.campaign_create(
        by=user, secretariat=Secretariat.objects.get(acronym=acronym),
        title="Vacinação contra a gripe", brief="Campanha anual nas unidades de saúde.",
        objective="Vacinar 90% do público prioritário.", start=start,
        end=start + timedelta(days=40), key_messages="Vacine-se\nÉ gratuito",
        budget_own_staff=Decimal("5000"), budget_paid_media=paid,
        channels=Channel.objects.filter(code__in=["portal", "instagram"]),
        pieces=[{"kind": "social", "title": f"Peça {n}",
                 "desired_date": start + timedelta(days=n)} for n in range(pieces)],
        **extra)


def decide_all(campaign, demo, outcome="approve"):
    """Decide every pending step with someone entitled to it, until none is pending."""
    from approvals.permissions import can_decide_step

    while True:
        step = ApprovalStep.objects.filter(campaign=campaign, status="pending").first()
        if step is None:
            return Campaign.objects.get(pk=campaign.pk)
        decider = next(u for u in demo.values() if can_decide_step(u, step))
        step_decide(step=step, by=decider, outcome=outcome)


def test_lifecycle_from_draft_to_closed(demo):
    ana, diego = demo["ana.saude"], demo["diego.editor"]
    campaign = make_campaign(ana)
    assert campaign.state == "draft"
    assert list(campaign.pieces.values_list("state", flat=True)) == ["draft", "draft"]
    campaign = cs.campaign_submit(campaign=campaign, by=ana)
    assert campaign.state == "submitted"
    campaign = cs.campaign_send_to_approval(campaign=campaign, by=diego)
    assert campaign.state == "in_approval" and campaign.review_round == 1
    campaign = decide_all(campaign, demo)
    assert campaign.state == "approved" and campaign.approved_at is not None
    # The pieces waited for the sign-off; now the requester sends them to the team.
    submitted = cs.campaign_submit_pieces(campaign=campaign, by=ana)
    assert {p.state for p in submitted} == {"submitted"}
    campaign = cs.campaign_start(campaign=campaign, by=diego)
    assert campaign.state == "running"
    with pytest.raises(TransitionRefused):  # pieces still open
        cs.campaign_close(campaign=campaign, by=diego)
    for piece in campaign.pieces.all():
        services.request_withdraw(request=piece, by=ana)
    campaign = cs.campaign_close(campaign=campaign, by=diego)
    assert campaign.state == "closed"
    verbs = list(AuditEvent.objects.filter(target_type=Campaign._meta.label_lower,
                                           target_id=str(campaign.pk))
                 .values_list("verb", flat=True))
    assert verbs[:3] == ["campaign_create", "campaign_add_piece", "campaign_add_piece"]
    assert {"campaign_submit", "campaign_send_to_approval", "campaign_decide",
            "campaign_approve", "campaign_start", "campaign_close"} <= set(verbs)
    assert verify_chain() is None


def test_wrong_state_and_empty_campaign_are_refused(demo):
    ana, diego = demo["ana.saude"], demo["diego.editor"]
    empty = make_campaign(ana, pieces=0)
    with pytest.raises(TransitionRefused):
        cs.campaign_submit(campaign=empty, by=ana)
    campaign = make_campaign(ana)
    with pytest.raises(TransitionRefused):  # not submitted yet
        cs.campaign_send_to_approval(campaign=campaign, by=diego)
    with pytest.raises(PermissionDenied):  # the team does not submit for a secretariat
        cs.campaign_submit(campaign=campaign, by=diego)
    with pytest.raises(TransitionRefused):
        cs.campaign_create(by=ana, secretariat=campaign.secretariat, title="x", brief="y",
                           start=TODAY, end=TODAY - timedelta(days=1))
    assert Campaign.objects.filter(title="x").count() == 0


def test_piece_of_unapproved_campaign_cannot_be_submitted_alone(demo):
    ana = demo["ana.saude"]
    piece = make_campaign(ana).pieces.first()
    with pytest.raises(PermissionDenied):
        services.request_submit(request=piece, by=ana)
    piece.refresh_from_db()
    assert piece.state == "draft"


def test_default_policy_routes_head_of_communication_and_secretary(demo):
    campaign = make_campaign(demo["ana.saude"])
    cs.campaign_submit(campaign=campaign, by=demo["ana.saude"])
    cs.campaign_send_to_approval(campaign=campaign, by=demo["diego.editor"])
    steps = ApprovalStep.objects.filter(campaign=campaign)
    assert sorted(steps.values_list("approvers", "status")) == [
        ("group", "pending"), ("secretariat_head", "pending")]
    assert not steps.filter(legal=True).exists()  # no paid media, no blackout


def test_paid_media_adds_a_legal_stage(demo):
    campaign = make_campaign(demo["ana.saude"], paid=Decimal("20000"))
    cs.campaign_submit(campaign=campaign, by=demo["ana.saude"])
    cs.campaign_send_to_approval(campaign=campaign, by=demo["diego.editor"])
    legal = ApprovalStep.objects.get(campaign=campaign, legal=True)
    assert legal.status == "waiting" and legal.stage == 2
    head = ApprovalStep.objects.get(campaign=campaign, approvers="secretariat_head")
    step_decide(step=head, by=demo["ana.saude"], outcome="approve")
    chief = ApprovalStep.objects.get(campaign=campaign, approvers="group", legal=False)
    with pytest.raises(PermissionDenied):  # the legal reviewer does not sign for the chief
        step_decide(step=chief, by=demo["gustavo.juridico"], outcome="approve")
    step_decide(step=chief, by=demo["fernanda.chefe"], outcome="approve")
    legal.refresh_from_db()
    assert legal.status == "pending"
    waiting = decidable_steps(demo["gustavo.juridico"], exclude=(ContentRequest, Inquiry))
    assert [s.pk for s in waiting] == [legal.pk]
    assert decidable_steps(demo["fernanda.chefe"], exclude=(ContentRequest, Inquiry)) == []
    step_decide(step=legal, by=demo["gustavo.juridico"], outcome="approve")
    assert Campaign.objects.get(pk=campaign.pk).state == "approved"


def test_blackout_period_adds_the_legal_stage(demo):
    start = TODAY + timedelta(days=30)
    Event.objects.create(kind=EventKind.BLACKOUT, title="Período eleitoral",
                         starts_at=timezone.now() + timedelta(days=35),
                         ends_at=timezone.now() + timedelta(days=90))
    campaign = make_campaign(demo["ana.saude"], start=start)
    cs.campaign_submit(campaign=campaign, by=demo["ana.saude"])
    cs.campaign_send_to_approval(campaign=campaign, by=demo["diego.editor"])
    assert ApprovalStep.objects.filter(campaign=campaign, legal=True).exists()


def test_campaign_policies_do_not_touch_requests(demo):
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Nota", brief="Nota simples.")
    from approvals.selectors import policies_for

    assert all(p.applies_to == "request" for p in policies_for(request))


def test_request_changes_and_reject(demo):
    ana, diego = demo["ana.saude"], demo["diego.editor"]
    campaign = make_campaign(ana)
    cs.campaign_submit(campaign=campaign, by=ana)
    cs.campaign_send_to_approval(campaign=campaign, by=diego)
    chief = ApprovalStep.objects.get(campaign=campaign, approvers="group")
    step_decide(step=chief, by=demo["fernanda.chefe"], outcome="request_changes",
                            comment="Incluir a meta por faixa etária.")
    campaign.refresh_from_db()
    assert campaign.state == "draft"
    assert not ApprovalStep.objects.filter(campaign=campaign, status="pending").exists()
    cs.campaign_update(campaign=campaign, by=ana, objective="Meta por faixa etária.")
    cs.campaign_submit(campaign=campaign, by=ana)
    cs.campaign_send_to_approval(campaign=campaign, by=diego)
    chief = ApprovalStep.objects.get(campaign=campaign, approvers="group", review_round=2)
    step_decide(step=chief, by=demo["fernanda.chefe"], outcome="reject",
                            comment="Promoção pessoal.",
                            reason=RejectionReason.objects.get(code="promotion"))
    campaign.refresh_from_db()
    assert campaign.state == "rejected" and campaign.rejection_reason == "promotion"


def test_pieces_added_later_follow_the_campaign_state(demo):
    ana = demo["ana.saude"]
    campaign = decide_all(_in_approval(demo), demo)
    late = cs.campaign_add_piece(campaign=campaign, by=ana, kind="video", title="Vídeo",
                                 desired_date=campaign.start + timedelta(days=3))
    assert late.state == "submitted" and late.campaign_id == campaign.pk
    assert set(late.channels.values_list("code", flat=True)) == {"portal", "instagram"}
    with pytest.raises(TransitionRefused):
        cs.campaign_add_piece(campaign=campaign, by=ana, kind="video", title="Fora",
                              desired_date=campaign.end + timedelta(days=1))


def _in_approval(demo, **kwargs):
    campaign = make_campaign(demo["ana.saude"], **kwargs)
    cs.campaign_submit(campaign=campaign, by=demo["ana.saude"])
    return cs.campaign_send_to_approval(campaign=campaign, by=demo["diego.editor"])


def test_cancel_withdraws_unpublished_pieces_and_keeps_the_record(demo):
    ana, diego = demo["ana.saude"], demo["diego.editor"]
    campaign = decide_all(_in_approval(demo), demo)
    cs.campaign_submit_pieces(campaign=campaign, by=ana)
    cs.campaign_start(campaign=campaign, by=diego)
    first, second = campaign.pieces.order_by("pk")
    ContentRequest.objects.filter(pk=first.pk).update(state="published")  # already out
    cs.campaign_cancel(campaign=campaign, by=ana, reason="Vacinas em falta.")
    campaign.refresh_from_db()
    assert campaign.state == "cancelled" and campaign.cancel_reason == "Vacinas em falta."
    states = dict(campaign.pieces.values_list("pk", "state"))
    assert states == {first.pk: "published", second.pk: "withdrawn"}
    assert AuditEvent.objects.filter(request=second, verb="withdraw").exists()
    with pytest.raises(PermissionDenied):  # a requester of another secretariat
        cs.campaign_cancel(campaign=make_campaign(ana), by=demo["bruno.educacao"], reason="x")


def test_budget_planned_vs_committed(demo):
    campaign = decide_all(_in_approval(demo, paid=Decimal("10000")), demo)
    diego = demo["diego.editor"]
    cs.spend_record(campaign=campaign, by=diego, kind="paid_media", amount="4000.50",
                    committed_on=campaign.start, description="Impulsionamento",
                    supplier="Agência X")
    cs.spend_record(campaign=campaign, by=diego, kind="own_staff", amount=Decimal("1000"),
                    committed_on=campaign.start, description="Horas da equipe")
    with pytest.raises(TransitionRefused):
        cs.spend_record(campaign=campaign, by=diego, kind="paid_media", amount="-3",
                        committed_on=campaign.start, description="Erro")
    with pytest.raises(PermissionDenied):
        cs.spend_record(campaign=campaign, by=demo["ana.saude"], kind="paid_media",
                        amount="10", committed_on=campaign.start, description="x")
    result = sel.budget(campaign)
    assert result.planned_total == Decimal("15000")
    assert result.committed_paid == Decimal("4000.50")
    assert result.committed_total == Decimal("5000.50")
    assert result.remaining == Decimal("9999.50")
    assert result.by_year == {campaign.start.year: Decimal("5000.50")}
    year = sel.year_spend(diego, campaign.start.year)
    row = next(r for r in year.rows if r.pk == campaign.pk)
    assert (row.committed_own, row.committed_paid) == (Decimal("1000"), Decimal("4000.50"))


def test_spend_limit_warning_in_first_half_of_election_year(demo):
    year = TODAY.year + 1
    PublicitySpendLimit.objects.create(year=year, limit=Decimal("50000"),
                                       legal_basis="Lei 9.504/1997, art. 73, VII")
    inside = make_campaign(demo["ana.saude"], start=date(year, 3, 1), paid=Decimal("30000"))
    outside = make_campaign(demo["ana.saude"], start=date(year, 8, 1), paid=Decimal("90000"))
    assert sel.spend_limit_warnings(inside) == []
    assert sel.spend_limit_warnings(outside) == []  # second half: not counted
    other = decide_all(_in_approval(demo, start=date(year, 2, 1)), demo)
    cs.spend_record(campaign=other, by=demo["diego.editor"], kind="paid_media",
                    amount="25000", committed_on=date(year, 2, 10), description="Mídia")
    with translation.override("en"):
        warnings = sel.spend_limit_warnings(inside)
    assert len(warnings) == 1
    assert "55,000.00" in warnings[0] and "50,000.00" in warnings[0]
    assert "art. 73, VII" in warnings[0]
    # Own-staff spending is not institutional publicity bought from third parties.
    cs.spend_record(campaign=other, by=demo["diego.editor"], kind="own_staff",
                    amount="99999", committed_on=date(year, 2, 10), description="Equipe")
    assert sel.spend_limit_warnings(outside) == []
    assert sel.year_spend(demo["diego.editor"], year).window_committed == Decimal("25000")


def test_requesters_see_only_their_secretariats_campaigns(demo):
    from campaigns import permissions as perms

    campaign = make_campaign(demo["ana.saude"])
    assert perms.can_view_campaign(demo["ana.saude"], campaign)
    assert not perms.can_view_campaign(demo["bruno.educacao"], campaign)
    assert campaign not in perms.visible_campaigns(demo["bruno.educacao"])
    assert campaign in perms.visible_campaigns(demo["helena.gestora"])
    assert not perms.can_view_campaign(demo["gustavo.juridico"], campaign)
    with pytest.raises(PermissionDenied):
        cs.campaign_create(by=demo["bruno.educacao"], secretariat=campaign.secretariat,
                           title="x", brief="y", start=TODAY, end=TODAY)
    with pytest.raises(PermissionDenied):
        cs.campaign_add_piece(campaign=campaign, by=demo["bruno.educacao"], kind="news",
                              title="Intrusa")
    assert campaign.pieces.count() == 2
