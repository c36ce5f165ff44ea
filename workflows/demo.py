"""A year of demo history: ~200 requests driven through the real services at past moments.

Every event goes through the same services as the application (``pauta.clock.travel`` sets
the moment), so the audit trail, decisions and publications are consistent and verifiable.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from approvals.models import ApprovalStep, RejectionReason
from approvals.services import step_decide
from org.models import Absence, Secretariat, User
from pauta import clock
from pauta.demo import load_fixture
from plans.models import Channel
from plans.selectors import actions_open_for
from workflows import services
from workflows.demo_compliance import schedule_with_overrides
from workflows.models import ContentRequest, LeadTimeStandard
from workflows.permissions import can_decide_step

REQUESTERS = {"SMS": "ana.saude", "SEMED": "bruno.educacao", "SEMOB": "carla.obras",
              "COMDEC": "carla.obras", "SECULT": "daniela.cultura", "SEMAS": "eduardo.social",
              "SEMMA": "flavia.ambiente", "SEMEL": "flavia.ambiente"}
CHANNELS = {"news": ["portal", "facebook"], "social": ["facebook", "instagram"],
            "press_release": ["press", "portal"], "video": ["youtube", "facebook"],
            "coverage": ["portal", "instagram"], "printed": ["outdoor"], "intranet": ["intranet"],
            "newsletter": ["newsletter"], "other": ["portal"]}
EDITORS = ["diego.editor", "elisa.editora", "joana.lisboa"]
# Final state → share of the history.
OUTCOMES = [("published", 45), ("archived", 10), ("scheduled", 5), ("approved", 3),
            ("in_review", 7), ("in_production", 8), ("submitted", 6), ("needs_info", 3),
            ("draft", 4), ("rejected", 5), ("withdrawn", 4)]
TOTAL = 200


# Business days from submission to due date, per kind (editable in the admin).
LEAD_TIMES = {"news": 3, "social": 2, "press_release": 2, "video": 10, "coverage": 1,
              "printed": 15, "intranet": 2, "newsletter": 5, "other": 5}


# Hours of work per kind (the team's workload page, workflows/workload.py).
ESTIMATED_HOURS = {"news": 4, "social": 2, "press_release": 3, "video": 16, "coverage": 6,
                   "printed": 12, "intranet": 1, "newsletter": 2, "other": 4}


def seed_sla(out) -> None:
    for kind, days in LEAD_TIMES.items():
        LeadTimeStandard.objects.get_or_create(kind=kind, defaults={
            "business_days": days, "estimated_hours": ESTIMATED_HOURS[kind]})
    out(f"{len(LEAD_TIMES)} lead-time standards")
    # One editor away next week, so the team's workload page shows what an absence does.
    elisa = User.objects.filter(username="elisa.editora").first()
    if elisa is not None and not elisa.absences.exists():
        monday = clock.today() + timedelta(days=7 - clock.today().weekday())
        Absence.objects.create(user=elisa, kind="vacation", starts_on=monday,
                               ends_on=monday + timedelta(days=4),
                               reason="Férias")


def seed_requests(out, total: int = TOTAL) -> None:
    if ContentRequest.objects.exists():
        out("requests already present: history left as it is")
        return
    rng = random.Random(2026)
    users = {u.username: u for u in User.objects.all()}
    titles = load_fixture("requests.json")
    today = clock.today()
    start = today.replace(month=1, day=1)
    span = max((today - start).days - 20, 30)
    states = [state for state, weight in OUTCOMES for _ in range(weight)]
    for n in range(total):
        acronym = rng.choice(list(titles))
        kind, title = rng.choice(titles[acronym])
        target = rng.choice(states)
        open_recent = target in ("submitted", "needs_info", "draft", "in_production",
                                 "in_review", "approved", "scheduled")
        day = today - timedelta(days=rng.randint(1, 12)) if open_recent else \
            start + timedelta(days=rng.randint(0, span))
        moment = timezone.make_aware(datetime.combine(day, time(rng.randint(8, 16),
                                                                rng.choice([0, 15, 30, 45]))))
        _play(rng, users, Secretariat.objects.get(acronym=acronym), kind,
              f"{title} ({n + 1})", target, moment)
    out(f"{total} requests of demo history")


def _urgency(kind, desired) -> str:
    """The demo's justification when its date is inside the kind's lead time (the rule of
    ``services.check_dates``), else none."""
    from workflows.sla import add_business_days, lead_time

    if desired >= add_business_days(clock.today(), lead_time(kind)):
        return ""
    return "Data marcada pela agenda do evento."


def _play(rng, users, secretariat, kind, title, target, moment):
    requester = users[REQUESTERS[secretariat.acronym]]
    editor = users[rng.choice(EDITORS)]
    step = iter(range(1, 1000))

    def at(hours):
        return clock.travel(moment + timedelta(hours=hours * next(step)))

    desired = (moment + timedelta(days=10)).date()
    # Most requests trace to the plan; a few don't, and the compliance checks flag them.
    action = actions_open_for(secretariat, desired).first() if rng.random() < 0.85 else None
    with at(0):
        request = services.request_create(
            by=requester, secretariat=secretariat, kind=kind, title=title,
            brief=f"{title}. Público: moradores de Vale Verde.",
            desired_date=desired, sensitive=rng.random() < 0.1, plan_action=action,
            priority_justification=_urgency(kind, desired),
            channels=Channel.objects.filter(code__in=CHANNELS[kind]))
    if target == "draft":
        return
    with at(2):
        request = services.request_submit(request=request, by=requester)
    if target == "withdrawn" and rng.random() < 0.5:
        with at(3):
            services.request_withdraw(request=request, by=requester)
        return
    if target in ("needs_info", "rejected") or rng.random() < 0.1:
        with at(4):
            request = services.request_return_for_info(
                request=request, by=editor, question="Qual é o local e o horário exatos?")
        if target == "needs_info":
            return
        with at(5):
            request = services.request_answer_info(request=request, by=requester,
                                                   answer="Na sede da secretaria, às 9h.")
    if target == "submitted":
        return
    if target == "rejected" and rng.random() < 0.5:
        with at(6):
            services.request_reject_at_triage(request=request, by=editor, reason="out_of_scope")
        return
    with at(6):
        request = services.request_accept(request=request, by=editor)
    with at(8):
        for channel in request.channels.all():
            services.publication_save(request=request, by=editor, channel=channel,
                                      title=title, body=f"{title}. Texto final para {channel}.")
    if target == "in_production":
        return
    _review(rng, users, request, editor, target, at)


# Offline channels of the demo: published without an address, for this reason.
OFFLINE = {"outdoor": "printed", "radio": "radio"}


def demo_evidence(request) -> dict:
    """Where the demo's pieces went out: the installation's public news page stands in for
    the portal and the social networks; printed and broadcast pieces give their reason."""
    from django.conf import settings

    urls, reasons = {}, {}
    for pub in request.publications.filter(cancelled_at__isnull=True).select_related("channel"):
        if pub.channel.code in OFFLINE:
            reasons[pub.pk] = OFFLINE[pub.channel.code]
        else:
            urls[pub.pk] = f"{settings.SITE_URL}/news/{pub.pk}/"
    return {"urls": urls, "reasons": reasons}


def _review(rng, users, request, editor, target, at):
    rounds = 2 if rng.random() < 0.2 else 1
    for round_no in range(1, rounds + 1):
        with at(10):
            request = services.request_send_to_review(request=request, by=editor)
        if target == "in_review":
            return
        last = round_no == rounds
        while ContentRequest.objects.get(pk=request.pk).state == "in_review":
            pending = ApprovalStep.objects.filter(request=request, status="pending")
            step = pending.first()
            decider = next(u for u in users.values() if can_decide_step(u, step))
            outcome = "approve"
            kwargs = {}
            if not last:
                outcome, kwargs = "request_changes", {"comment": "Ajustar o título."}
            elif target == "rejected" and step.approvers == "group":
                outcome = "reject"
                kwargs = {"comment": "Caracteriza promoção pessoal.",
                          "reason": RejectionReason.objects.get(code="promotion")}
            with at(6):
                step_decide(step=step, by=decider, outcome=outcome, **kwargs)
        request.refresh_from_db()
        if request.state != "approved" and request.state != "in_production":
            return
    if target in ("approved", "withdrawn"):
        if target == "withdrawn":
            with at(2):
                services.request_withdraw(request=request, by=request.requester)
        return
    with at(4) as now:
        when = now + timedelta(days=2 if target != "scheduled" else 30)
        request = schedule_with_overrides(request, editor=editor, when=when,
                                          approver=users["fernanda.chefe"])
    if target == "scheduled":
        return
    with clock.travel(when + timedelta(minutes=1)):
        request = services.request_publish(request=request, by=editor, system=True,
                                           **demo_evidence(request))
    if rng.random() < 0.6:
        with clock.travel(when + timedelta(days=1)):
            services.request_rate(request=request, by=request.requester,
                                  rating=rng.choice([3, 4, 4, 5, 5, 5]), comment="")
    if target == "archived":
        with clock.travel(when + timedelta(days=20)):
            services.request_archive(request=request, by=editor)
