"""Demo campaigns in different states, with pieces, played through the real services.

Part of ``seed_demo``'s history (after the requests); safe to run again: a campaign whose
title exists is left as it is.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from approvals.models import ApprovalStep
from approvals.permissions import can_decide_step
from approvals.services import step_decide
from campaigns import services as cs
from campaigns.models import Campaign, PublicitySpendLimit
from org.models import Secretariat, User
from pauta import clock
from plans.models import Audience, Channel
from workflows import services
from workflows.demo import _review


def _moment(day: date, hour: int = 9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def campaigns(today: date) -> list[dict]:
    """The demo campaigns, dated around ``today``: (final state, pieces' final states)."""
    next_year = today.year + 1
    return [
        {"title": "Combate à dengue no verão", "acronym": "SMS", "state": "closed",
         "start": today - timedelta(days=120), "days": 60, "paid": "18000", "own": "6000",
         "channels": ["portal", "instagram", "facebook"],
         "pieces": [("social", "published"), ("video", "archived"), ("news", "published")],
         "spend": [("paid_media", "15000", "Impulsionamento em redes sociais"),
                   ("own_staff", "5200", "Produção do vídeo pela equipe")]},
        {"title": "Vacinação contra a gripe", "acronym": "SMS", "state": "running",
         "start": today - timedelta(days=10), "days": 50, "paid": "12000", "own": "4000",
         "channels": ["portal", "instagram"],
         "pieces": [("social", "published"), ("news", "scheduled"), ("video", "in_production"),
                    ("printed", "submitted")],
         "spend": [("paid_media", "7000", "Carro de som e faixas")]},
        {"title": "Festival de Inverno de Vale Verde", "acronym": "SECULT", "state": "approved",
         "start": today + timedelta(days=30), "days": 30, "paid": "0", "own": "3000",
         "channels": ["portal", "instagram", "facebook"],
         "pieces": [("social", "submitted"), ("coverage", "submitted")], "spend": []},
        {"title": "Chuvas de verão: obras de drenagem e alertas", "acronym": "SEMOB",
         "state": "in_approval", "start": date(next_year, 1, 10), "end": date(next_year, 3, 31),
         "paid": "80000", "own": "5000", "channels": ["portal", "facebook", "outdoor"],
         "pieces": [("printed", "draft"), ("social", "draft"), ("video", "draft")],
         "spend": []},
        {"title": "Matrículas da rede municipal", "acronym": "SEMED", "state": "draft",
         "start": today + timedelta(days=45), "days": 20, "paid": "0", "own": "2000",
         "channels": ["portal", "facebook"],
         "pieces": [("news", "draft"), ("social", "draft")], "spend": []},
        {"title": "Semana do Meio Ambiente", "acronym": "SEMMA", "state": "cancelled",
         "start": today + timedelta(days=15), "days": 7, "paid": "0", "own": "1500",
         "channels": ["portal", "instagram"],
         "pieces": [("social", "submitted"), ("news", "submitted")], "spend": []},
    ]


REQUESTERS = {"SMS": "ana.saude", "SECULT": "daniela.cultura", "SEMOB": "carla.obras",
              "SEMED": "bruno.educacao", "SEMMA": "flavia.ambiente"}


def seed_campaigns(out) -> None:
    today = clock.today()
    _seed_limit(today.year + 1)
    users = {u.username: u for u in User.objects.all()}
    rng = random.Random(7)
    made = 0
    for spec in campaigns(today):
        if Campaign.objects.filter(title=spec["title"]).exists():
            continue
        _play(rng, users, spec)
        made += 1
    out(f"{made} demo campaigns ({Campaign.objects.count()} in all)")


def _seed_limit(year: int) -> None:
    PublicitySpendLimit.objects.get_or_create(year=year, defaults={
        "limit": Decimal("60000.00"),
        "legal_basis": "Lei 9.504/1997, art. 73, VII — valor de demonstração; configure o "
                       "limite real (média do primeiro semestre dos três anos anteriores) "
                       "no admin."})


def _play(rng, users, spec):
    requester, editor = users[REQUESTERS[spec["acronym"]]], users["diego.editor"]
    start = spec["start"]
    end = spec.get("end") or start + timedelta(days=spec["days"])
    filed = min(start, clock.today()) - timedelta(days=15)
    moment = [_moment(filed)]

    def at(step=1):  # each action a little after the previous one
        moment[0] += timedelta(hours=step)
        return clock.travel(moment[0])

    with at():
        campaign = cs.campaign_create(
            by=requester, secretariat=Secretariat.objects.get(acronym=spec["acronym"]),
            title=spec["title"], brief=f"{spec['title']}: informar a população de Vale Verde.",
            objective="Alcançar o público-alvo em todos os bairros.", start=start, end=end,
            key_messages="Informação oficial da Prefeitura\nServiço gratuito",
            budget_own_staff=Decimal(spec["own"]), budget_paid_media=Decimal(spec["paid"]),
            channels=Channel.objects.filter(code__in=spec["channels"]),
            audiences=Audience.objects.all()[:2],
            pieces=[{"kind": kind, "title": f"{spec['title']} — peça {n + 1}",
                     "desired_date": min(start + timedelta(days=3 * n), end)}
                    for n, (kind, _target) in enumerate(spec["pieces"])])
    if spec["state"] == "draft":
        return
    with at():
        campaign = cs.campaign_submit(campaign=campaign, by=requester)
    with at():
        campaign = cs.campaign_send_to_approval(campaign=campaign, by=editor)
    if spec["state"] == "in_approval":
        return
    while campaign.state == "in_approval":
        step = ApprovalStep.objects.filter(campaign=campaign, status="pending").first()
        decider = next(u for u in users.values() if can_decide_step(u, step))
        with at():
            step_decide(step=step, by=decider, outcome="approve")
        campaign = Campaign.objects.get(pk=campaign.pk)
    with at():
        cs.campaign_submit_pieces(campaign=campaign, by=requester)
    if spec["state"] in ("running", "closed"):
        with at():
            campaign = cs.campaign_start(campaign=campaign, by=editor)
        for kind, amount, description in spec["spend"]:
            with at():
                cs.spend_record(campaign=campaign, by=editor, kind=kind, amount=amount,
                                committed_on=clock.today(), description=description,
                                supplier="" if kind == "own_staff" else "Agência Vale Mídia")
    for piece, (_kind, target) in zip(campaign.pieces.order_by("pk"), spec["pieces"], strict=True):
        _drive(rng, users, piece, editor, target, at)
    if spec["state"] == "cancelled":
        with at():
            cs.campaign_cancel(campaign=campaign, by=requester,
                               reason="Evento adiado pela secretaria.")
    elif spec["state"] == "closed":
        with clock.travel(_moment(min(end + timedelta(days=1), clock.today()), 18)):
            cs.campaign_close(campaign=campaign, by=editor)


def _drive(rng, users, piece, editor, target, at):
    """Take one submitted piece to ``target`` through the request services."""
    if target in ("draft", "submitted"):
        return
    with at():
        piece = services.request_accept(request=piece, by=editor)
    with at():
        for channel in piece.channels.all():
            services.publication_save(request=piece, by=editor, channel=channel,
                                      title=piece.title, body=f"{piece.title}. Texto final.")
    if target == "in_production":
        return
    _review(rng, users, piece, editor, target, at)
