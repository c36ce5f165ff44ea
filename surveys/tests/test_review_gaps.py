"""The reviewer's gaps of issue 21: scale labels, legal review on a fresh install, the period's
start, the requesters audience, and the public page of published results."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from approvals.models import ApprovalPolicy, PolicyTarget
from org.models import User
from pauta import clock
from surveys import exports, forms, services
from surveys.demo import approve_all
from surveys.models import Response, Survey

LABELLED = [
    {"kind": "scale5", "text": "Satisfação com o atendimento", "low_label": "Muito insatisfeito",
     "high_label": "Muito satisfeito"},
    {"kind": "nps", "text": "Recomendaria?"},
    {"kind": "scale10", "text": "Nota sem palavras"},
]
CONTACT = [{"kind": "scale5", "text": "Nota"}, {"kind": "contact", "text": "Seu e-mail"}]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _opened(demo, questions, **fields):
    survey = services.survey_create(by=demo["diego.editor"], title="Pesquisa", questions=questions,
                                    **fields)
    return approve_all(services.survey_submit(survey=survey, by=demo["diego.editor"]))


def _answer(client, survey, **values):
    page = client.get(reverse("surveys:answer", args=[survey.slug]))
    data = {"token": page.context["form"]["token"].value(), "website": ""}
    questions = list(survey.questions.all())
    data.update({f"q{questions[int(n)].pk}": v for n, v in values.items()})
    return client.post(reverse("surveys:answer", args=[survey.slug]), data)


# 1. Scales with labels


def test_scale_labels_are_in_the_fieldset_description_the_results_and_the_exports(
        client, demo):
    survey = _opened(demo, LABELLED)
    scale, nps, bare = survey.questions.all()
    assert scale.scale_caption() == "1 = Muito insatisfeito · 5 = Muito satisfeito"
    assert nps.scale_caption() == "0 = Not at all likely · 10 = Extremely likely"  # defaults
    assert bare.scale_caption() == "" and bare.scale_labels() is None
    page = client.get(reverse("surveys:answer", args=[survey.slug])).content.decode()
    # The words describe the fieldset (read with its legend by a screen reader)...
    assert f'aria-describedby="id_q{scale.pk}_helptext"' in page
    help_at = page.index(f'id="id_q{scale.pk}_helptext"')
    assert "1 = Muito insatisfeito · 5 = Muito satisfeito" in page[help_at:help_at + 200]
    # ...and name the two end options themselves.
    form = client.get(reverse("surveys:answer", args=[survey.slug])).context["form"]
    choices = dict(form.fields[f"q{scale.pk}"].choices)
    assert choices["1"] == "1 = Muito insatisfeito" and choices["5"] == "5 = Muito satisfeito"
    assert choices["3"] == "3"
    assert dict(form.fields[f"q{bare.pk}"].choices)["10"] == "10"
    _answer(client, survey, **{"0": "5", "1": "9"})
    client.force_login(demo["diego.editor"])
    results = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "1 = Muito insatisfeito · 5 = Muito satisfeito" in results
    header = next(exports.answer_rows(survey))
    book = load_workbook(BytesIO(exports.workbook(survey)), read_only=True)
    cells = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True)
             for c in row if isinstance(c, str)]
    assert "Satisfação com o atendimento (1 = Muito insatisfeito · 5 = Muito satisfeito)" in cells
    assert "1. Satisfação com o atendimento (1 = Muito insatisfeito · 5 = Muito satisfeito)" \
        in cells
    assert header[2].endswith("5 = Muito satisfeito)") and header[4] == "Nota sem palavras"
    assert "Recomendaria? (0 = Not at all likely · 10 = Extremely likely)" in cells


def test_the_labels_go_through_the_survey_form_and_come_back(client, demo):
    client.force_login(demo["diego.editor"])
    data = {"title": "Com rótulos", "description": "", "audience": "public", "opens_on": "",
            "closes_on": "", "questions-TOTAL_FORMS": "1", "questions-INITIAL_FORMS": "0",
            "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "60",
            "questions-0-kind": "scale10", "questions-0-text": "Nota",
            "questions-0-low_label": "Péssimo", "questions-0-high_label": "Ótimo"}
    assert client.post(reverse("surveys:create"), data).status_code == 302
    survey = Survey.objects.get(title="Com rótulos")
    q = survey.questions.get()
    assert (q.low_label, q.high_label) == ("Péssimo", "Ótimo")
    assert forms.question_rows(survey)[0]["low_label"] == "Péssimo"
    # A choice question keeps no scale words.
    services.survey_update(survey=survey, by=demo["diego.editor"], questions=[
        {"kind": "single", "text": "A", "choices": ["x", "y"], "low_label": "Péssimo"}])
    assert survey.questions.get().low_label == ""


# 2. Legal review for personal data, even with no policy (a fresh install)


def test_without_a_legal_policy_a_survey_with_contacts_is_not_sent_but_others_open(demo):
    ApprovalPolicy.objects.filter(applies_to=PolicyTarget.SURVEY).delete()  # as installed
    survey = services.survey_create(by=demo["diego.editor"], title="Com contato",
                                    questions=CONTACT, consent_text="Para responder.",
                                    retention_days=30)
    with pytest.raises(ValidationError, match="legal review"):
        services.survey_submit(survey=survey, by=demo["diego.editor"])
    survey.refresh_from_db()
    assert survey.state == "draft" and survey.review_round == 0
    assert not survey.approval_steps.exists()
    plain = services.survey_create(by=demo["diego.editor"], title="Sem contato",
                                   questions=CONTACT[:1])
    assert services.survey_submit(survey=plain, by=demo["diego.editor"]).state == "open"


def test_an_inactive_legal_policy_does_not_count(demo):
    ApprovalPolicy.objects.filter(applies_to=PolicyTarget.SURVEY,
                                  only_when_sensitive=True).update(active=False)
    survey = services.survey_create(by=demo["diego.editor"], title="Com contato",
                                    questions=CONTACT, consent_text="Para responder.",
                                    retention_days=30)
    with pytest.raises(ValidationError, match="legal review"):
        services.survey_submit(survey=survey, by=demo["diego.editor"])
    ApprovalPolicy.objects.filter(applies_to=PolicyTarget.SURVEY).update(active=True)
    survey = services.survey_submit(survey=survey, by=demo["diego.editor"])
    assert survey.approval_steps.filter(legal=True).exists()


# 3. A period: the survey opens on its first day


def test_an_approved_survey_opens_on_its_first_day(client, demo):
    today = clock.today()
    survey = _opened(demo, CONTACT[:1], opens_on=today + timedelta(days=3),
                     closes_on=today + timedelta(days=10))
    assert survey.state == "open" and not survey.accepts_answers()
    url = reverse("surveys:answer", args=[survey.slug])
    page = client.get(url)
    assert page.status_code == 200 and "This survey opens on" in page.content.decode()
    assert "form" not in page.context
    assert client.post(url, {"token": "x", "website": ""}).status_code == 200
    assert not Response.objects.filter(survey=survey).exists()
    with clock.travel(clock.now() + timedelta(days=3)):
        assert Survey.objects.get(pk=survey.pk).accepts_answers()
        assert "Thank you" in _answer(client, survey, **{"0": "4"}).content.decode()
    assert Response.objects.filter(survey=survey).count() == 1
    with clock.travel(clock.now() + timedelta(days=11)):
        assert client.get(url).status_code == 410


def test_the_period_is_checked_in_the_form_and_the_service(client, demo):
    today = clock.today()
    with pytest.raises(ValidationError, match="close before it opens"):
        services.survey_create(by=demo["diego.editor"], title="X", questions=CONTACT[:1],
                               opens_on=today, closes_on=today - timedelta(days=1))
    with pytest.raises(ValidationError, match="1900"):
        services.survey_create(by=demo["diego.editor"], title="X", questions=CONTACT[:1],
                               opens_on=today.replace(year=1899))
    survey = services.survey_create(by=demo["diego.editor"], title="X", questions=CONTACT[:1],
                                    opens_on=today)
    with pytest.raises(ValidationError, match="close before it opens"):  # the kept start too
        services.survey_update(survey=survey, by=demo["diego.editor"], questions=CONTACT[:1],
                               closes_on=today - timedelta(days=1))
    base = {"title": "Período", "audience": "public"}
    form = forms.SurveyForm({**base, "opens_on": "2027-05-10", "closes_on": "2027-05-01"})
    assert not form.is_valid() and "close before it opens" in str(form.errors["closes_on"])
    form = forms.SurveyForm({**base, "opens_on": "3000-01-01"})
    assert not form.is_valid() and "opens_on" in form.errors
    assert forms.SurveyForm({**base, "opens_on": "2027-05-01",
                             "closes_on": "2027-05-01"}).is_valid()


# 4. The requesters audience


def test_a_requesters_survey_is_answered_by_requesters_only(client, demo):
    survey = _opened(demo, CONTACT[:1], audience="requesters")
    url = reverse("surveys:answer", args=[survey.slug])
    assert client.get(url)["Location"].startswith(reverse("login"))
    nobody = User.objects.create_user(username="sem.papel", password="x-Senha-longa-1")
    client.force_login(nobody)
    assert client.get(url).status_code == 403
    assert client.post(url, {"token": "x"}).status_code == 403
    requester = Group.objects.get(name="Requester")
    nobody.groups.add(requester)
    assert client.get(url).status_code == 200
    # Filing a request is enough too, without the role.
    from org.models import Secretariat
    from workflows.services import request_create

    filer = demo["ana.saude"]
    request_create(by=filer, kind="news", title="Uma solicitação", brief="b",
                   secretariat=Secretariat.objects.get(acronym="SMS"))
    filer.groups.remove(requester)
    assert not filer.groups.filter(name="Requester").exists()
    client.force_login(filer)
    assert "Thank you" in _answer(client, survey, **{"0": "3"}).content.decode()
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_staff_survey_is_answered_by_anyone_signed_in(client, demo):
    survey = _opened(demo, CONTACT[:1], audience="staff")
    client.force_login(User.objects.create_user(username="servidor", password="x-Senha-1a"))
    assert client.get(reverse("surveys:answer", args=[survey.slug])).status_code == 200


# 5. Published results, for anyone


def test_published_results_are_public_without_what_people_wrote(client, demo):
    questions = [{"kind": "single", "text": "Foi fácil?", "choices": ["Sim", "Não"]},
                 {"kind": "long", "text": "Conte mais"},
                 {"kind": "contact", "text": "Seu e-mail"}]
    survey = _opened(demo, questions, consent_text="Para responder.", retention_days=30)
    data = {"0": "Não", "1": "Liguei para (11) 98765-4321, ninguém atendeu."}
    _answer(client, survey, **data)
    url = reverse("surveys:public_results", args=[survey.slug])
    assert client.get(url).status_code == 404  # open: nothing public yet
    survey = services.survey_close(survey=survey, by=demo["diego.editor"])
    assert client.get(url).status_code == 404
    closed = client.get(reverse("surveys:answer", args=[survey.slug])).content.decode()
    assert url not in closed
    services.survey_publish_results(survey=survey, by=demo["diego.editor"])
    closed = client.get(reverse("surveys:answer", args=[survey.slug])).content.decode()
    assert url in closed  # linked from the closed survey's page
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "Foi fácil?" in text and "Conte mais" in text
    counts = {r.question.text: r.counts for r in page.context["results"]}
    assert counts["Foi fácil?"] == [("Sim", 0, 0), ("Não", 1, 100)]
    assert "ninguém atendeu" not in text and "98765" not in text
    assert "Seu e-mail" not in text  # the contact question is not even listed
    assert all(not r.texts for r in page.context["results"])


def test_a_builtin_survey_has_no_public_results(client, demo):
    from surveys.builtin import requester_survey

    survey = requester_survey(by=demo["ana.saude"])
    Survey.objects.filter(pk=survey.pk).update(state="published")
    assert client.get(reverse("surveys:public_results", args=[survey.slug])).status_code == 404
