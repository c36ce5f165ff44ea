"""A survey that asks for contact details: consent text and retention required, legal review
routed by the approvals engine, contact kept only with consent, erased after retention."""

from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from approvals.services import step_decide
from audit.models import AuditEvent as Event
from pauta import clock
from surveys import selectors, services
from surveys.models import Answer, Survey

QUESTIONS = [
    {"kind": "scale5", "text": "Nota", "required": True},
    {"kind": "contact", "text": "Seu e-mail, se quiser retorno"},
]
CONSENT = "Usamos o e-mail só para responder à sua sugestão; a Ouvidoria o lê."


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _open(demo, **fields):
    survey = services.survey_create(by=demo["diego.editor"], title="Com contato",
                                    questions=QUESTIONS, consent_text=CONSENT,
                                    retention_days=30, **fields)
    survey = services.survey_submit(survey=survey, by=demo["diego.editor"])
    for who in ("fernanda.chefe", "gustavo.juridico"):
        step = survey.approval_steps.get(status="pending")
        step_decide(step=step, by=demo[who], outcome="approve")
        survey = Survey.objects.get(pk=survey.pk)
    return survey


def test_contact_details_need_consent_text_and_retention_before_review(demo):
    survey = services.survey_create(by=demo["diego.editor"], title="Sem termos",
                                    questions=QUESTIONS)
    with pytest.raises(ValidationError, match="consent text"):
        services.survey_submit(survey=survey, by=demo["diego.editor"])
    survey = services.survey_update(survey=survey, by=demo["diego.editor"],
                                    questions=QUESTIONS, consent_text=CONSENT)
    with pytest.raises(ValidationError, match="how many days"):
        services.survey_submit(survey=survey, by=demo["diego.editor"])
    assert Survey.objects.get(pk=survey.pk).state == "draft"


def test_a_survey_collecting_contacts_goes_to_legal_review_too(demo):
    survey = services.survey_create(by=demo["diego.editor"], title="Com contato",
                                    questions=QUESTIONS, consent_text=CONSENT,
                                    retention_days=30)
    survey = services.survey_submit(survey=survey, by=demo["diego.editor"])
    steps = list(survey.approval_steps.order_by("stage"))
    assert [(s.stage, s.legal, s.status) for s in steps] == [
        (1, False, "pending"), (2, True, "waiting")]
    step_decide(step=steps[0], by=demo["fernanda.chefe"], outcome="approve")
    assert Survey.objects.get(pk=survey.pk).state == "in_review"  # legal still to decide
    legal = survey.approval_steps.get(stage=2)
    with pytest.raises(PermissionDenied):  # the head of communication is no legal reviewer
        step_decide(step=legal, by=demo["fernanda.chefe"], outcome="approve")
    step_decide(step=legal, by=demo["gustavo.juridico"], outcome="approve")
    assert Survey.objects.get(pk=survey.pk).state == "open"


def test_the_decision_page_of_a_survey_step(client, demo):
    survey = services.survey_create(by=demo["diego.editor"], title="Com contato",
                                    questions=QUESTIONS, consent_text=CONSENT,
                                    retention_days=30)
    survey = services.survey_submit(survey=survey, by=demo["diego.editor"])
    step = survey.approval_steps.get(stage=1)
    url = reverse("surveys:decide", args=[survey.pk, step.pk])
    client.force_login(demo["diego.editor"])
    assert client.get(url).status_code == 403
    client.force_login(demo["fernanda.chefe"])
    page = client.get(url).content.decode()
    assert CONSENT in page and "Seu e-mail, se quiser retorno" in page
    response = client.post(url, {"outcome": "approve", "comment": ""})
    assert response.status_code == 302
    assert survey.approval_steps.get(stage=2).status == "pending"


def _answer(client, survey, **data):
    page = client.get(reverse("surveys:answer", args=[survey.slug]))
    scale, contact = survey.questions.all()
    payload = {"token": page.context["form"]["token"].value(), "website": "",
               f"q{scale.pk}": "4", f"q{contact.pk}": data.pop("contact", "")}
    payload.update(data)
    return client.post(reverse("surveys:answer", args=[survey.slug]), payload)


def test_a_contact_is_kept_only_with_consent(client, demo):
    survey = _open(demo)
    page = client.get(reverse("surveys:answer", args=[survey.slug])).content.decode()
    assert CONSENT in page and "30 days" in page
    refused = _answer(client, survey, contact="maria@example.org")
    assert "agree to how they are kept" in refused.content.decode()
    assert not Answer.objects.filter(question__survey=survey).exists()
    _answer(client, survey, contact="maria@example.org", consent="on")
    assert list(Answer.objects.filter(question__kind="contact").values_list(
        "text", flat=True)) == ["maria@example.org"]
    client.cookies.clear()
    _answer(client, survey)  # no contact given: no consent needed
    assert Answer.objects.filter(question__survey=survey).count() == 3
    # the results page does not list contact details; the answers sheet gives them
    assert all(not r.texts for r in selectors.results(survey))


def test_a_forged_contact_without_consent_is_not_stored(demo):
    survey = _open(demo)
    scale, contact = survey.questions.all()
    services.response_submit(survey=survey, token="x",
                             values={scale.pk: 3, contact.pk: "ana@example.org"})
    assert not Answer.objects.filter(question=contact).exists()


def test_contacts_are_erased_after_the_retention_period(demo):
    survey = _open(demo)
    scale, contact = survey.questions.all()
    start = timezone.make_aware(datetime(2031, 5, 1, 10))
    for n, day in enumerate((0, 10)):
        with clock.travel(start + timedelta(days=day)):
            services.response_submit(survey=survey, token=f"t{n}", consent=True,
                                     values={scale.pk: 5, contact.pk: f"p{n}@example.org"})
    with clock.travel(start + timedelta(days=30)):  # the first one's last day
        assert services.contacts_erase_expired() == 0
    with clock.travel(start + timedelta(days=31)):
        assert services.contacts_erase_expired() == 1
    assert list(Answer.objects.filter(question=contact).values_list("text", flat=True)) == [
        "p1@example.org"]
    assert Answer.objects.filter(question=scale).count() == 2  # the opinions stay
    event = Event.objects.filter(verb="survey_erase_contacts").get()
    assert event.payload == {"count": 1, "days": 30} and event.actor_id is None
    with clock.travel(start + timedelta(days=41)):
        from surveys.tasks import surveys_erase_expired_contacts

        surveys_erase_expired_contacts.call_local()
    assert not Answer.objects.filter(question=contact).exists()
