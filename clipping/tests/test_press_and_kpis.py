"""Clipping ↔ press desk: a clip is suggested (and kept with) the press inquiry whose answer
it quotes or whose outlet published within days of the answer; clipping outlets name the
press desk's outlet. And the two clipping KPIs with exact values on a small fixture."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from campaigns.models import Campaign
from clipping import ingest, services
from clipping.models import Clip, ClipState
from org.models import Secretariat
from pauta import clock
from plans.models import PlanAction
from press.models import Inquiry, Journalist
from press.models import Outlet as PressOutlet
from reports.indicators import compute_all
from reports.slices import Slice
from workflows.models import ContentRequest

pytestmark = pytest.mark.django_db
ANSWER = ("A Prefeitura informa que a nova unidade de saúde do bairro Alto abre em março "
          "com doze médicos e atendimento até as vinte e duas horas.")


def _answered(demo, outlet, *, days_ago=1, answer=ANSWER):
    journalist = Journalist.objects.create(name="R", email=f"r{days_ago}@x.example.com",
                                           outlet=outlet, source="t")
    sent = clock.now() - timedelta(days=days_ago)
    return Inquiry.objects.create(
        journalist=journalist, outlet=outlet, secretariat=Secretariat.objects.get(acronym="SMS"),
        theme="UBS do bairro Alto", questions="Quando abre?", answer=answer, state="sent",
        deadline=sent, sent_at=sent, registered_by=demo["elisa.editora"])


def _take(outlet, text, headline="Vale Verde terá nova UBS no bairro Alto", when=None):
    item = ingest.Item(url=f"https://jornal.example/{abs(hash(text))}", headline=headline,
                       text=text, published_at=when)
    outcome = ingest.take([item], outlet=outlet)
    assert outcome.new == 1
    return outcome.clips[0]


def test_a_clip_quoting_the_answer_is_suggested_with_the_inquiry_and_kept_with_it(demo):
    press = PressOutlet.objects.create(name="Gazeta do Vale", type="newspaper")
    inquiry = _answered(demo, press)
    outlet = PressOutlet.objects.create(name="Portal Qualquer", type="portal")  # another one
    clip = _take(outlet, "Em Vale Verde, a secretaria disse que " + ANSWER.lower()[14:] +
                 " A obra custou caro, segundo moradores.")
    assert clip.suggestions["inquiry"] == inquiry.pk and "answer" in clip.suggestions["why"]
    services.clip_keep(clip=clip, by=demo["elisa.editora"], tone="neutral", inquiry=inquiry)
    clip.refresh_from_db()
    assert clip.inquiry_id == inquiry.pk and inquiry.clips.get() == clip


def test_the_outlet_that_asked_publishing_within_days_is_suggested(demo):
    press = PressOutlet.objects.create(name="Rádio do Vale", type="radio")
    recent = _answered(demo, press, days_ago=2, answer="Resposta curta sobre outra coisa.")
    linked = press  # the clip's outlet is the press desk's: the one that asked
    clip = _take(linked, "Vale Verde: ouvintes relatam filas na UBS do bairro Alto.")
    assert clip.suggestions["inquiry"] == recent.pk and "outlet" in clip.suggestions["why"]
    # Ten days after the answer, or another outlet: no suggestion.
    old = _take(linked, "Vale Verde: a praça do bairro Alto segue sem reforma e sem data.",
                when=clock.now() + timedelta(days=8))
    assert "inquiry" not in old.suggestions
    other = PressOutlet.objects.create(name="Outro portal", type="portal")
    assert "inquiry" not in _take(other, "Vale Verde: novas filas na UBS do Alto hoje.",
                                  headline="Vale Verde e a fila da UBS").suggestions


def _kept(outlet, headline, *, day, tone="positive", secretariats=(), **links):
    zone = timezone.get_default_timezone()
    clip = Clip.objects.create(outlet=outlet, headline=headline, tone=tone, state=ClipState.KEPT,
                               published_at=datetime.combine(day, time(10), tzinfo=zone),
                               url=f"https://kpi.example/{abs(hash(headline))}", **links)
    clip.secretariats.set(Secretariat.objects.filter(acronym__in=secretariats))
    return clip


def test_the_two_clipping_kpis_have_exact_values(demo):
    actions = list(PlanAction.objects.select_related("objective").order_by("pk"))
    first = actions[0]
    second = next(a for a in actions if a.objective_id != first.objective_id)
    outlet = PressOutlet.objects.create(name="Jornal KPI", type="portal", audience=1000)
    request = ContentRequest.objects.create(
        secretariat=Secretariat.objects.get(acronym="SMS"), requester=demo["ana.saude"],
        kind="news", title="Pedido KPI", brief="b", state="published", plan_action=first)
    from campaigns.tests.test_services import make_campaign

    campaign = make_campaign(demo["ana.saude"])
    Campaign.objects.filter(pk=campaign.pk).update(plan_action=first)
    june = date(2031, 6, 10)
    _kept(outlet, "c1", day=june, plan_action=first, secretariats=["SMS"])
    _kept(outlet, "c2", day=june, request=request, plan_action=second)  # both objectives
    _kept(outlet, "c3", day=june, campaign=campaign, plan_action=first)  # once for the first
    _kept(outlet, "c4", day=june, tone="negative", secretariats=["SMS", "SEMED"])
    _kept(outlet, "c5", day=june, tone="negative", secretariats=["SMS"])
    discarded = _kept(outlet, "c6", day=june, tone="negative", secretariats=["SMS"],
                      plan_action=first)
    Clip.objects.filter(pk=discarded.pk).update(state=ClipState.DISCARDED)
    _kept(outlet, "c7", day=date(2031, 5, 31), tone="negative", secretariats=["SMS"])
    month = Slice(start=date(2031, 6, 1), end=date(2031, 6, 30))
    codes = ["clipping_by_plan_objective", "clipping_negative_by_secretariat"]
    results = compute_all(month, codes=codes)
    objective = results["clipping_by_plan_objective"]
    assert objective.value == 5  # every kept clip of June
    names = {a.objective_id: f"{a.objective.code} {a.objective.title}" for a in (first, second)}
    assert {p.label: p.value for p in objective.series} == {names[first.objective_id]: 3,
                                                            names[second.objective_id]: 1}
    negative = results["clipping_negative_by_secretariat"]
    assert negative.value == 2
    assert {p.label: p.value for p in negative.series} == {"SMS": 2, "SEMED": 1}
    semed = Secretariat.objects.get(acronym="SEMED")
    only = compute_all(Slice(start=month.start, end=month.end, secretariat_id=semed.pk),
                       codes=codes)
    assert only["clipping_negative_by_secretariat"].value == 1
    assert only["clipping_by_plan_objective"].value == 1
    assert only["clipping_by_plan_objective"].series == []


def test_the_reach_by_outlet_kpi_adds_up_the_press_outlets_audience(demo):
    """One list of outlets: the press desk's estimated audience is what clipping adds up."""
    big = PressOutlet.objects.create(name="Jornal Grande", type="newspaper", audience=5000)
    small = PressOutlet.objects.create(name="Rádio Pequena", type="radio", audience=300)
    unknown = PressOutlet.objects.create(name="Blog sem estimativa", type="portal")
    june = date(2032, 6, 10)
    _kept(big, "r1", day=june, secretariats=["SMS", "SEMED"])  # two secretariats: once
    _kept(big, "r2", day=june, secretariats=["SMS"])
    _kept(small, "r3", day=june, secretariats=["SEMED"])
    _kept(unknown, "r4", day=june)
    _kept(big, "r5", day=date(2032, 7, 1))  # the month after
    month = Slice(start=date(2032, 6, 1), end=date(2032, 6, 30))
    reach = compute_all(month, codes=["clipping_reach_by_outlet"])["clipping_reach_by_outlet"]
    assert reach.value == 10300
    assert [(p.label, p.value) for p in reach.series] == [("Jornal Grande", 10000),
                                                          ("Rádio Pequena", 300)]
    semed = Secretariat.objects.get(acronym="SEMED")
    only = compute_all(Slice(start=month.start, end=month.end, secretariat_id=semed.pk),
                       codes=["clipping_reach_by_outlet"])["clipping_reach_by_outlet"]
    assert only.value == 5300
