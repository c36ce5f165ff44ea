"""A public survey answered end to end on a 390 px phone, without signing in: the condition
("if no, ask why") appears only after "Não", the answers are sent, the thank-you page says so,
axe finds nothing and nothing scrolls sideways; the rows keep no person."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUESTIONS = [
    {"kind": "scale5", "text": "Nota para o atendimento", "required": True},
    {"kind": "single", "text": "Foi fácil encontrar o posto?", "choices": ["Sim", "Não"],
     "required": True},
    {"kind": "long", "text": "O que dificultou?", "show_if": 2, "show_if_values": ["Não"],
     "required": True},
    {"kind": "nps", "text": "Recomendaria a um vizinho?"},
]


@pytest.fixture
def survey(demo):
    from django.core.cache import cache

    from surveys import services
    from surveys.demo import approve_all

    cache.clear()
    created = services.survey_create(by=demo["diego.editor"], title="Vacinação no bairro",
                                     questions=QUESTIONS)
    return approve_all(services.survey_submit(survey=created, by=demo["diego.editor"]))


def _pick(page, question, option):
    """Tap an option's label, as a person does (the DS draws its own radio over the input)."""
    box = page.locator(f"#question-{question.pk}")
    box.locator("label").filter(has_text=re.compile(f"^{re.escape(option)}$")).click()
    expect(box.get_by_label(option, exact=True)).to_be_checked()


def _no_sideways_scroll(page, width):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page at {width}px scrolls sideways ({scroll_width}px)"


def test_a_public_survey_answered_on_a_phone(live_server, page, axe_check, survey):
    from surveys.models import Answer, Response

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/pesquisa/{survey.slug}/")
    grade, easy, why, nps = survey.questions.all()
    expect(page.locator("h1")).to_have_text("Vacinação no bairro")
    expect(page.locator(f"#question-{why.pk}")).to_be_hidden()
    _no_sideways_scroll(page, 390)
    axe_check(page)
    _pick(page, grade, "4")
    _pick(page, easy, "Não")
    reason = page.locator(f"#question-{why.pk}")
    expect(reason).to_be_visible()  # the condition: asked only after "Não"
    _pick(page, easy, "Sim")
    expect(reason).to_be_hidden()
    _pick(page, easy, "Não")
    reason.get_by_label("O que dificultou?").fill("Faltou placa indicando o posto.")
    _pick(page, nps, "9")
    axe_check(page)
    page.get_by_role("button", name="Enviar minhas respostas").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Obrigado")
    expect(page.get_by_role("status")).to_contain_text("Suas respostas foram recebidas")
    _no_sideways_scroll(page, 390)
    axe_check(page)
    response = Response.objects.filter(survey=survey).values().get()
    assert set(response) == {"id", "survey_id", "submitted_on"}
    assert list(Answer.objects.filter(response_id=response["id"]).order_by(
        "question__position").values_list("number", "choices", "text")) == [
        (4, [], ""), (None, ["Não"], ""), (None, [], "Faltou placa indicando o posto."),
        (9, [], "")]
    page.goto(f"{live_server.url}/pesquisa/{survey.slug}/")  # the same phone again
    expect(page.get_by_role("status")).to_contain_text("já foram recebidas")
