"""The survey indicators of the KPI registry, with exact values on a small fixture: average
satisfaction per campaign and NPS, the secretariat filter, the period, and a plan target fed
by the surveys that name it."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.tests.test_services import make_campaign
from pauta import clock
from plans.models import KPITarget, Plan
from reports.indicators import REGISTRY, compute_all
from reports.indicators.targets import target_rows
from reports.models import TargetLink
from reports.slices import Slice
from surveys import services
from surveys.demo import approve_all
from surveys.models import Survey

DAY = date(2031, 3, 10)  # far from the demo's answers
QUESTIONS = [{"kind": "scale5", "text": "Satisfação"}, {"kind": "nps", "text": "Recomendaria?"}]


def _survey(demo, title, answers, **purpose):
    survey = services.survey_create(by=demo["diego.editor"], title=title, questions=QUESTIONS,
                                    **purpose)
    survey = approve_all(services.survey_submit(survey=survey, by=demo["diego.editor"]))
    scale, nps = survey.questions.all()
    moment = timezone.make_aware(datetime.combine(DAY, datetime.min.time()) + timedelta(hours=9))
    with clock.travel(moment):
        for n, (grade, score) in enumerate(answers):
            values = {scale.pk: grade} | ({nps.pk: score} if score is not None else {})
            services.response_submit(survey=survey, values=values, token=f"{title}{n}")
    return survey


@pytest.fixture
def world(demo):
    health = make_campaign(demo["ana.saude"], "SMS")
    schools = make_campaign(demo["bruno.educacao"], "SEMED")
    schools.title = "Volta às aulas"
    schools.save(update_fields=["title"])
    return {
        "health": _survey(demo, "Vacinação", [(5, 10), (4, 9), (3, 3)], campaign=health),
        "schools": _survey(demo, "Aulas", [(2, 9), (3, None)], campaign=schools),
        "loose": _survey(demo, "Sem campanha", [(1, 0)]),
        "campaigns": (health, schools)}


def _results(**slice_options):
    return compute_all(Slice(start=DAY, end=DAY, **slice_options),
                       codes={"survey_satisfaction", "survey_nps"})


def test_the_survey_indicators_are_registered():
    assert REGISTRY["survey_satisfaction"].per_target and REGISTRY["survey_nps"].per_target


def test_average_satisfaction_per_campaign_and_nps(world):
    results = _results()
    satisfaction = results["survey_satisfaction"]
    # (5 + 4 + 3 + 2 + 3) / 5: the survey without a campaign does not count
    assert satisfaction.value == 3.4 and satisfaction.extra == {"answers": 5}
    assert [(p.label, p.value) for p in satisfaction.series] == [
        ("Vacinação contra a gripe", 4.0), ("Volta às aulas", 2.5)]
    # NPS of 10, 9, 3, 9, 0: three promoters and two detractors of five
    assert results["survey_nps"].value == 20 and results["survey_nps"].extra == {"answers": 5}


def test_the_secretariat_filter_keeps_its_campaigns_surveys(world):
    health = world["campaigns"][0]
    results = _results(secretariat_id=health.secretariat_id)
    assert results["survey_satisfaction"].value == 4.0
    assert results["survey_nps"].value == 33  # 10, 9, 3
    scoped = _results(scope=frozenset({world["campaigns"][1].secretariat_id}))
    assert scoped["survey_satisfaction"].value == 2.5 and scoped["survey_nps"].value == 100


def test_no_answers_in_the_period_is_no_value(world):
    results = compute_all(Slice(start=DAY + timedelta(days=1), end=DAY + timedelta(days=9)),
                          codes={"survey_satisfaction", "survey_nps"})
    assert results["survey_satisfaction"].value is None and results["survey_nps"].value is None


def test_a_plan_target_counts_the_surveys_that_name_it(world):
    plan = Plan.objects.order_by("-year").first()
    target = KPITarget.objects.create(plan=plan, code="KS1", indicator="NPS das aulas",
                                      start=DAY, end=DAY, target=Decimal("50"))
    TargetLink.objects.create(target=target, indicator="survey_nps")
    row = next(r for r in target_rows(plan, DAY) if r.target == target)
    assert row.actual == 20  # no survey names it yet: every survey of the period
    Survey.objects.filter(pk=world["schools"].pk).update(kpi_target=target)
    row = next(r for r in target_rows(plan, DAY) if r.target == target)
    assert row.actual == 100 and row.status == "green"  # only "Aulas": one promoter


def test_a_survey_naming_its_secretariat_counts_for_it(world):
    health = world["campaigns"][0]
    Survey.objects.filter(pk=world["loose"].pk).update(secretariat=health.secretariat)
    results = _results(secretariat_id=health.secretariat_id)
    assert results["survey_nps"].value == 0  # 10, 9, 3 and now 0: two and two of four
    assert results["survey_satisfaction"].value == 4.0  # it evaluates no campaign
