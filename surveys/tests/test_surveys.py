"""Surveys: lifecycle on the kernel, the public answering page (conditions, limits, double
submission, honeypot), anonymous rows, results with personal data masked, the workbook."""

import zipfile
from io import BytesIO, StringIO

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from approvals.services import step_decide
from surveys import exports, forms, selectors, services
from surveys.demo import approve_all
from surveys.models import Answer, FormToken, Response, Survey

QUESTIONS = [
    {"kind": "scale5", "text": "Nota para o atendimento", "required": True},
    {"kind": "single", "text": "Foi fácil?", "choices": ["Sim", "Não"], "required": True},
    {"kind": "long", "text": "Por que não?", "show_if": 2, "show_if_values": ["Não"],
     "required": True},
    {"kind": "nps", "text": "Recomendaria?"},
]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def survey(demo):
    s = services.survey_create(by=demo["diego.editor"], title="Atendimento na UBS",
                               questions=QUESTIONS)
    return approve_all(services.survey_submit(survey=s, by=demo["diego.editor"]))


def _q(survey, n):
    return list(survey.questions.all())[n]


def _page(client, survey):
    response = client.get(reverse("surveys:answer", args=[survey.slug]))
    return response, response.context["form"]["token"].value()


def _post(client, survey, token, **answers):
    data = {"token": token, "website": ""}
    data.update({f"q{_q(survey, int(n)).pk}": v for n, v in answers.items()})
    return client.post(reverse("surveys:answer", args=[survey.slug]), data,
                       HTTP_ACCEPT_LANGUAGE="pt-br")


def test_the_lifecycle_runs_through_the_kernel_with_its_permissions(demo):
    with pytest.raises(PermissionDenied):
        services.survey_create(by=demo["ana.saude"], title="X", questions=QUESTIONS)
    s = services.survey_create(by=demo["diego.editor"], title="Vazia", questions=[])
    with pytest.raises(ValidationError, match="question"):
        services.survey_submit(survey=s, by=demo["diego.editor"])
    s = services.survey_update(survey=s, by=demo["diego.editor"], questions=QUESTIONS[:1])
    s = services.survey_submit(survey=s, by=demo["diego.editor"])
    assert s.state == "in_review"
    step = s.approval_steps.get()  # no contact details: the head of communication only
    assert not step.legal and step.status == "pending"
    with pytest.raises(PermissionDenied):  # the team does not approve its own survey
        step_decide(step=step, by=demo["diego.editor"], outcome="approve")
    with pytest.raises(ValidationError):
        step_decide(step=step, by=demo["fernanda.chefe"], outcome="request_changes",
                    comment=" ")
    step_decide(step=step, by=demo["fernanda.chefe"], outcome="request_changes",
                comment="Pergunte a idade em faixas.")
    s = Survey.objects.get(pk=s.pk)
    assert s.state == "draft" and s.review_comment == "Pergunte a idade em faixas."
    s = services.survey_submit(survey=s, by=demo["diego.editor"])
    step = s.approval_steps.get(review_round=2)
    step_decide(step=step, by=demo["fernanda.chefe"], outcome="approve")
    s = Survey.objects.get(pk=s.pk)
    assert s.state == "open" and s.accepts_answers()
    s = services.survey_close(survey=s, by=demo["diego.editor"])
    s = services.survey_publish_results(survey=s, by=demo["diego.editor"])
    assert s.state == "published"


def test_a_choice_question_needs_two_choices_and_a_condition_an_earlier_question(demo):
    with pytest.raises(ValidationError, match="two"):
        services.survey_create(by=demo["diego.editor"], title="X",
                               questions=[{"kind": "single", "text": "A", "choices": ["Só"]}])
    with pytest.raises(ValidationError, match="earlier"):
        services.survey_create(by=demo["diego.editor"], title="X", questions=[
            {"kind": "short", "text": "A", "show_if": 1, "show_if_values": ["x"]}])


def test_a_public_survey_is_answered_without_signing_in_and_stores_nothing_about_who(
        client, survey):
    response, token = _page(client, survey)
    assert response.status_code == 200
    response = _post(client, survey, token, **{"0": "4", "1": "Sim", "3": "9"})
    assert response.status_code == 200 and "Obrigado" in response.content.decode()
    row = Response.objects.filter(survey=survey).values().get()
    assert set(row) == {"id", "survey_id", "submitted_on"}  # no user, address or session
    assert {f.name for f in Answer._meta.get_fields()} == {
        "id", "response", "question", "number", "choices", "text"}
    assert [(a.number, a.choices) for a in Answer.objects.filter(response_id=row["id"])
            .order_by("question__position")] == [(4, []), (None, ["Sim"]), (9, [])]
    survey.refresh_from_db()
    assert survey.response_count == 1


def test_a_condition_asks_why_only_after_no(client, survey):
    _response, token = _page(client, survey)
    page = _post(client, survey, token, **{"0": "2", "1": "Não"}).content.decode()
    assert "Por favor, responda a esta pergunta." in page
    assert not Response.objects.filter(survey=survey).exists()
    response = _post(client, survey, token, **{"0": "2", "1": "Não", "2": "Fila longa."})
    assert "Obrigado" in response.content.decode()
    client.cookies.clear()
    _response, token = _page(client, survey)
    _post(client, survey, token, **{"0": "5", "1": "Sim", "2": "ignorado"})
    assert list(Answer.objects.filter(question=_q(survey, 2)).values_list("text", flat=True)) == [
        "Fila longa."]  # the answer to a question that did not apply is not kept


def test_the_same_form_twice_counts_once(client, survey):
    _response, token = _page(client, survey)
    _post(client, survey, token, **{"0": "3", "1": "Sim"})
    client.cookies.clear()  # even from a device that forgot it answered
    again = _post(client, survey, token, **{"0": "3", "1": "Sim"})
    assert "já foram recebidas" in again.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1
    assert FormToken.objects.filter(survey=survey).count() == 1


def test_a_device_that_answered_is_thanked_instead_of_asked_again(client, survey):
    _response, token = _page(client, survey)
    _post(client, survey, token, **{"0": "3", "1": "Sim"})
    page = client.get(reverse("surveys:answer", args=[survey.slug]),
                      HTTP_ACCEPT_LANGUAGE="pt-br").content.decode()
    assert "já foram recebidas" in page


def test_a_forged_token_is_refused_and_nothing_is_stored(client, survey):
    response = _post(client, survey, "forjado", **{"0": "3", "1": "Sim"})
    assert "expirou" in response.content.decode()
    assert not Response.objects.exists() or not Response.objects.filter(survey=survey).exists()


def test_the_honeypot_thanks_a_bot_and_stores_nothing(client, survey):
    _response, token = _page(client, survey)
    client.post(reverse("surveys:answer", args=[survey.slug]), {
        "token": token, "website": "http://spam", f"q{_q(survey, 0).pk}": "5",
        f"q{_q(survey, 1).pk}": "Sim"})
    assert not Response.objects.filter(survey=survey).exists()


def test_the_rate_limit_stops_a_flood_from_one_address(client, survey, settings):
    settings.SURVEY_ANSWERS_PER_HOUR = 3
    codes = []
    for _n in range(5):
        client.cookies.clear()
        _response, token = _page(client, survey)
        codes.append(_post(client, survey, token, **{"0": "1", "1": "Sim"}).status_code)
    assert codes == [200, 200, 200, 429, 429]
    assert Response.objects.filter(survey=survey).count() == 3


def test_a_draft_is_not_found_and_a_closed_survey_says_so(client, demo, survey):
    draft = services.survey_create(by=demo["diego.editor"], title="Rascunho",
                                   questions=QUESTIONS)
    assert client.get(reverse("surveys:answer", args=[draft.slug])).status_code == 404
    services.survey_close(survey=survey, by=demo["diego.editor"])
    response = client.get(reverse("surveys:answer", args=[survey.slug]),
                          HTTP_ACCEPT_LANGUAGE="pt-br")
    assert response.status_code == 410 and "encerrada" in response.content.decode()


def test_a_staff_survey_asks_to_sign_in_but_keeps_no_user(client, demo):
    s = services.survey_create(by=demo["diego.editor"], title="Clima", audience="staff",
                               questions=QUESTIONS[:1])
    s = approve_all(services.survey_submit(survey=s, by=demo["diego.editor"]))
    url = reverse("surveys:answer", args=[s.slug])
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(demo["ana.saude"])
    _response, token = _page(client, s)
    _post(client, s, token, **{"0": "4"})
    assert Response.objects.filter(survey=s).count() == 1


def test_results_count_average_nps_and_mask_personal_data(demo, survey):
    for values in ({0: 5, 1: "Sim", 3: 10}, {0: 3, 1: "Não", 2: "Meu CPF 529.982.247-25", 3: 2},
                   {0: 4, 1: "Sim", 3: 9}):
        services.response_submit(survey=survey, token=str(values), values={
            _q(survey, n).pk: v for n, v in values.items()})
    results = selectors.results(survey)
    assert results[0].average == 4.0 and results[0].answered == 3
    assert [(o, n) for o, n, _p in results[1].counts] == [("Sim", 2), ("Não", 1)]
    assert results[2].texts == ["Meu CPF ▒▒▒"]
    assert results[3].nps == 33  # two promoters, one detractor of three


def _answer_three(survey):
    for values in ({0: 5, 1: "Sim", 3: 10}, {0: 2, 1: "Não", 2: "=ligue ana@gmail.com", 3: 2},
                   {0: 4, 1: "Sim", 3: 9}):
        services.response_submit(survey=survey, token=str(values), values={
            _q(survey, n).pk: v for n, v in values.items()})


def test_the_workbook_read_by_an_independent_reader(demo, survey):
    from python_calamine import CalamineWorkbook

    _answer_three(survey)
    data = exports.workbook(survey)
    book = CalamineWorkbook.from_filelike(BytesIO(data))
    assert book.sheet_names == ["Summary", "Answers"]
    answers = book.get_sheet_by_name("Answers").to_python()
    assert answers[0][2:] == [exports.header(q) for q in survey.questions.all()]
    assert answers[0][5] == "Recomendaria? (0 = Not at all likely · 10 = Extremely likely)"
    assert [row[2:6] for row in answers[1:]] == [
        [5.0, "Sim", "", 10.0], [2.0, "Não", "=ligue ▒▒▒", 2.0], [4.0, "Sim", "", 9.0]]
    summary = book.get_sheet_by_name("Summary").to_python()
    assert summary[0][0] == survey.title and summary[1][:2] == ["Answers", 3.0]
    first = summary.index(next(r for r in summary if r[0] == "1. Nota para o atendimento"))
    assert summary[first + 1][:4] == ["Answered", 3.0, "Average", 3.7]
    assert summary[first + 2][:3] == ["Answer", "People", "Share"]
    assert [r[:2] for r in summary[first + 3:first + 8]] == [
        ["1", 0.0], ["2", 1.0], ["3", 0.0], ["4", 1.0], ["5", 1.0]]
    nps_title = "4. Recomendaria? (0 = Not at all likely · 10 = Extremely likely)"
    nps = next(r for r in summary if r[0] == nps_title)
    assert summary[summary.index(nps) + 1][:6] == ["Answered", 3.0, "Average", 7.0, "NPS", 33.0]
    with zipfile.ZipFile(BytesIO(data)) as parts:  # one native chart per question with counts
        charts = [n for n in parts.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 3
        first_chart = parts.read(charts[0])
        assert b"<barChart>" in first_chart and b'<barDir val="bar"/>' in first_chart
    # openpyxl agrees, and the formula-looking text is stored as text, not as a formula
    sheet = load_workbook(BytesIO(data)).worksheets[1]
    assert sheet["E3"].data_type == "s" and sheet["E3"].value == "=ligue ▒▒▒"


def test_the_csv_has_one_line_per_response_masked_and_formula_safe(client, demo, survey):
    import csv

    _answer_three(survey)
    client.force_login(demo["helena.gestora"])
    response = client.get(reverse("surveys:export_csv", args=[survey.pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = list(csv.reader(StringIO(text.lstrip("\ufeff"))))
    assert lines[0][2:] == [exports.header(q) for q in survey.questions.all()]
    assert [line[2:] for line in lines[1:]] == [
        ["5", "Sim", "", "10"], ["2", "Não", "'=ligue ▒▒▒", "2"], ["4", "Sim", "", "9"]]


def test_the_results_split_by_one_question(client, demo, survey):
    _answer_three(survey)
    tables = selectors.crosstab(survey, _q(survey, 1))  # by "Foi fácil?"
    assert [t.question.text for t in tables] == ["Nota para o atendimento", "Recomendaria?"]
    grade = tables[0]
    assert grade.groups == ["Sim", "Não"]
    assert dict(grade.rows)["5"] == [("Sim", 1, 50), ("Não", 0, 0)]
    assert dict(grade.rows)["2"] == [("Sim", 0, 0), ("Não", 1, 100)]
    assert grade.answered == [("Sim", 2), ("Não", 1)]
    assert grade.averages == [("Sim", 4.5), ("Não", 2.0)]
    by_grade = selectors.crosstab(survey, _q(survey, 0))
    assert dict(by_grade[0].rows)["Sim"][4] == ("5", 1, 100)  # a scale as the split
    client.force_login(demo["diego.editor"])
    url = reverse("surveys:results", args=[survey.pk])
    page = client.get(url, {"by": _q(survey, 1).pk}).content.decode()
    assert "Split by “Foi fácil?”" in page and 'data-label="Não">1 (100%)' in page
    assert client.get(url, {"by": "x"}).context["by"] is None  # a forged split is ignored
    text_question = _q(survey, 2).pk
    assert client.get(url, {"by": text_question}).context["by"] is None


def test_the_team_pages(client, demo, survey):
    client.force_login(demo["diego.editor"])
    assert survey.title in client.get(reverse("surveys:list")).content.decode()
    page = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert "<svg" in page and survey.slug in page  # the link and its QR code
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 200
    export = client.get(reverse("surveys:export", args=[survey.pk]))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(demo["ana.saude"])
    assert client.get(reverse("surveys:list")).status_code == 403


def test_building_a_survey_through_the_form(client, demo):
    client.force_login(demo["diego.editor"])
    data = {"title": "Nova", "description": "", "audience": "public", "closes_on": "",
            "campaign": "", "objective": "",
            "questions-TOTAL_FORMS": "3", "questions-INITIAL_FORMS": "0",
            "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "60",
            "questions-0-kind": "single", "questions-0-text": "Gostou?",
            "questions-0-choices": "Sim\nNão", "questions-1-kind": "long",
            "questions-1-text": "Por quê?", "questions-1-show_if": "1",
            "questions-1-show_if_values": "Não", "questions-2-kind": "short"}
    response = client.post(reverse("surveys:create"), data)
    assert response.status_code == 302, response.context["questions"].errors
    survey = Survey.objects.get(title="Nova")
    assert response.status_code == 302
    first, second = survey.questions.all()
    assert first.choices == ["Sim", "Não"] and second.show_if == first
    assert second.show_if_values == ["Não"]


def test_the_demo_has_an_open_survey_with_answers(demo):
    from surveys.demo import seed_surveys

    seed_surveys(lambda line: None)
    survey = Survey.objects.get(title="Satisfação com a campanha de vacinação")
    assert survey.state == "open" and survey.responses.count() == 500 == survey.response_count


def test_sections_group_the_questions_and_an_optional_section_follows_its_condition(
        client, demo):
    questions = [
        {"kind": "single", "text": "Usou o posto?", "choices": ["Sim", "Não"],
         "required": True},
        {"kind": "scale5", "text": "Nota do posto", "section": "Sobre o posto", "show_if": 1,
         "show_if_values": ["Sim"], "required": True},
        {"kind": "long", "text": "O que melhorar no posto?", "show_if": 1,
         "show_if_values": ["Sim"]},
        {"kind": "nps", "text": "Recomendaria?", "section": "Para terminar"},
    ]
    survey = approve_all(services.survey_submit(survey=services.survey_create(
        by=demo["diego.editor"], title="Com seções", questions=questions),
        by=demo["diego.editor"]))
    form = forms.AnswerForm(survey=survey)
    assert [(title, [q.text for q, _f in items]) for title, items in form.sections()] == [
        ("", ["Usou o posto?"]),
        ("Sobre o posto", ["Nota do posto", "O que melhorar no posto?"]),
        ("Para terminar", ["Recomendaria?"])]
    page = client.get(reverse("surveys:answer", args=[survey.slug])).content.decode()
    assert page.count('<fieldset class="survey-section') == 2
    assert "<legend" in page and "Sobre o posto</legend>" in page
    # "Não": the optional section is skipped, its required question not asked
    _response, token = _page(client, survey)
    assert "Obrigado" in _post(client, survey, token, **{"0": "Não", "3": "8"}).content.decode()
    client.cookies.clear()
    _response, token = _page(client, survey)
    refused = _post(client, survey, token, **{"0": "Sim", "3": "8"}).content.decode()
    assert "Por favor, responda a esta pergunta." in refused  # "Sim": the section is asked
    assert survey.questions.get(text="Nota do posto").section == "Sobre o posto"
    edit = forms.question_rows(survey)
    assert [row["section"] for row in edit] == ["", "Sobre o posto", "", "Para terminar"]


def test_the_yearly_report_follows_the_law_and_opens_in_calamine(client, demo, survey):
    from python_calamine import CalamineWorkbook

    _answer_three(survey)  # grades 5, 2, 4: two of three satisfied (4 or 5)
    client.force_login(demo["helena.gestora"])
    response = client.get(reverse("surveys:yearly", args=[survey.pk]))
    assert response["Content-Disposition"].endswith(f'relatorio-anual-{survey.pk}.xlsx"')
    book = CalamineWorkbook.from_filelike(BytesIO(response.content))
    assert book.sheet_names == ["Yearly report", "Summary", "Answers"]
    cover = book.get_sheet_by_name("Yearly report").to_python()
    assert cover[0][0] == "Yearly service-satisfaction report" and "art. 23" in cover[1][0]
    rows = {r[0]: r[1:3] for r in cover}
    assert rows["Nota para o atendimento"] == [3.7, 66.7]
    assert rows["Recomendaria?"][0] == 33.0  # the NPS question reads as its score
    assert rows["Number of answers"][0] == 3.0
    assert "Measures taken to improve the services" in rows
    client.force_login(demo["ana.saude"])
    assert client.get(reverse("surveys:yearly", args=[survey.pk])).status_code == 403
