"""Demo surveys: the vaccination campaign's public satisfaction survey, open with 500 answers,
and last year's service-satisfaction survey (Lei 13.460/2017 art. 23), closed. Answers are
made in bulk (they are anonymous rows, not events)."""

import random
from datetime import timedelta

from django.contrib.auth.models import Group

from approvals.models import ApprovalPolicy, PolicyStep, PolicyTarget, StepStatus
from approvals.selectors import deciders_of
from approvals.services import step_decide
from org.models import User
from pauta import clock
from surveys import services
from surveys.models import Answer, QuestionKind, Response, Survey, SurveyState

K = QuestionKind
OPEN_QUESTIONS = [
    {"kind": K.SCALE5, "text": "Como você avalia a informação sobre a vacinação?",
     "required": True},
    {"kind": K.SINGLE, "text": "Você encontrou o posto de vacinação com facilidade?",
     "choices": ["Sim", "Não"], "required": True},
    {"kind": K.LONG, "text": "O que dificultou?", "show_if": 2, "show_if_values": ["Não"]},
    {"kind": K.MULTIPLE, "text": "Onde você viu a campanha?",
     "choices": ["Rádio", "Redes sociais", "Cartaz na UBS", "Carro de som", "Portal"]},
    {"kind": K.NPS, "text": "De 0 a 10, você recomendaria o serviço a um vizinho?"},
]
YEARLY_QUESTIONS = [
    {"kind": K.SCALE5, "text": "Satisfação geral com os serviços da Prefeitura", "required": True},
    {"kind": K.SCALE5, "text": "Clareza das informações recebidas"},
    {"kind": K.LONG, "text": "Sugestões"},
]
DIFFICULTIES = ["Faltou placa indicando o posto.", "O horário no cartaz estava errado.",
                "Liguei para (11) 98765-4321 e ninguém atendeu.", "Não sabia qual UBS era a minha."]


def _answers(survey, rng, count, start):
    questions = list(survey.questions.all())
    responses = Response.objects.bulk_create(
        Response(survey=survey, submitted_on=start + timedelta(days=rng.randint(0, 20)))
        for _ in range(count))
    rows = []
    for response in responses:
        values = {}
        for q in questions:
            if q.kind in (K.SCALE5,):
                values[q.pk] = rng.choices([1, 2, 3, 4, 5], [1, 2, 4, 8, 6])[0]
            elif q.kind == K.NPS:
                values[q.pk] = rng.choices(range(11), [1] * 6 + [2, 3, 5, 6, 5])[0]
            elif q.kind == K.SINGLE:
                values[q.pk] = rng.choices(q.choices, [7, 2])[0]
            elif q.kind == K.MULTIPLE:
                values[q.pk] = rng.sample(q.choices, rng.randint(1, 3))
            elif q.kind == K.LONG and rng.random() < 0.3:
                values[q.pk] = rng.choice(DIFFICULTIES)
        for q in services.visible_questions(questions, values):
            value = values.get(q.pk)
            if value is None:
                continue
            if isinstance(value, int):
                rows.append(Answer(response=response, question=q, number=value))
            elif isinstance(value, list):
                rows.append(Answer(response=response, question=q, choices=value))
            elif q.kind == K.SINGLE:
                rows.append(Answer(response=response, question=q, choices=[value]))
            else:
                rows.append(Answer(response=response, question=q, text=value))
    Answer.objects.bulk_create(rows, batch_size=2000)
    Survey.objects.filter(pk=survey.pk).update(response_count=count)


def seed_survey_policies() -> None:
    """Surveys go to the head of communication; those asking for contact details then to
    legal review (the approvals engine's ``sensitive`` condition)."""
    approver = Group.objects.get(name="Approver")
    legal = Group.objects.get(name="Legal reviewer")
    base, _ = ApprovalPolicy.objects.update_or_create(
        name="Pesquisas: chefia de comunicação",
        defaults={"active": True, "applies_to": PolicyTarget.SURVEY})
    PolicyStep.objects.update_or_create(policy=base, name="Aprovação da pesquisa pela chefia",
                                        defaults={"stage": 1, "group": approver, "legal": False,
                                                  "approvers": PolicyStep.Approvers.GROUP})
    personal, _ = ApprovalPolicy.objects.update_or_create(
        name="Pesquisas: jurídico para dados pessoais",
        defaults={"active": True, "applies_to": PolicyTarget.SURVEY,
                  "only_when_sensitive": True})
    PolicyStep.objects.update_or_create(policy=personal, name="Análise jurídica (dados pessoais)",
                                        defaults={"stage": 2, "group": legal, "legal": True,
                                                  "approvers": PolicyStep.Approvers.GROUP})


def approve_all(survey) -> Survey:
    """Decide every pending step of the survey's round with someone entitled to it."""
    while True:
        step = survey.approval_steps.filter(review_round=survey.review_round,
                                            status=StepStatus.PENDING).first()
        if step is None:
            return Survey.objects.get(pk=survey.pk)
        step_decide(step=step, by=deciders_of(step).order_by("pk").first(), outcome="approve")
        survey = Survey.objects.get(pk=survey.pk)


def _make(by, title, questions, *, state, answers, rng, days_ago, **fields):
    moment = clock.now() - timedelta(days=days_ago)
    with clock.travel(moment):
        survey = services.survey_create(by=by, title=title, questions=questions, **fields)
        survey = approve_all(services.survey_submit(survey=survey, by=by))
    _answers(survey, rng, answers, moment.date())
    if state == SurveyState.CLOSED:
        with clock.travel(moment + timedelta(days=30)):
            services.survey_close(survey=Survey.objects.get(pk=survey.pk), by=by)
    return survey


def seed_surveys(out) -> None:
    seed_survey_policies()
    if Survey.objects.filter(builtin__isnull=True).exists():
        out(f"{Survey.objects.count()} surveys already there")
        return
    people = {u.username: u for u in User.objects.filter(
        username__in=["diego.editor", "helena.gestora"])}
    rng = random.Random(13)
    from campaigns.models import Campaign

    campaign = Campaign.objects.filter(title__icontains="vacina").first()  # with the history
    _make(people["diego.editor"],
          "Satisfação com a campanha de vacinação", OPEN_QUESTIONS, state=SurveyState.OPEN,
          answers=500, rng=rng, days_ago=12, campaign=campaign,
          description="Conte como foi se informar e se vacinar. Leva dois minutos.")
    _make(people["helena.gestora"],
          f"Pesquisa anual de satisfação com os serviços públicos ({clock.today().year - 1})",
          YEARLY_QUESTIONS, state=SurveyState.CLOSED, answers=240, rng=rng, days_ago=330,
          description="Lei 13.460/2017, art. 23: avaliação anual dos serviços públicos.")
    services.survey_create(by=people["diego.editor"], title="Clima organizacional",
                           audience="staff", questions=YEARLY_QUESTIONS[:1])
    out(f"{Survey.objects.count()} surveys, {Response.objects.count()} answers")
