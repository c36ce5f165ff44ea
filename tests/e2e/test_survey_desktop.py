"""A public survey answered end to end at desktop width (1366 px) with the keyboard only:
Tab moves from question to question, Space ticks a choice, the arrow keys move inside a group
of options (the standard radio-group keys), typing fills the texts, Enter sends. The condition
("if no, ask why") opens its question in the tab order right after "Não"; the thank-you page
says so and the stored rows hold exactly what was typed, and no person.

The page is found by its labels and roles only (question texts, option names, the button's
name), not by classes or ids, so a change of the answer page's markup that keeps it
accessible keeps this test green."""

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
    {"kind": "multiple", "text": "Como chegou ao posto?",
     "choices": ["Ônibus", "A pé", "Carro"]},
    {"kind": "short", "text": "Qual posto visitou?"},
    {"kind": "nps", "text": "Recomendaria a um vizinho?"},
]
MAX_TABS = 80  # the header, the menu and the language links come first


@pytest.fixture
def survey(demo):
    from django.core.cache import cache

    from surveys import services
    from surveys.demo import approve_all

    cache.clear()
    created = services.survey_create(by=demo["diego.editor"], title="Atendimento no posto",
                                     questions=QUESTIONS)
    return approve_all(services.survey_submit(survey=created, by=demo["diego.editor"]))


def _group(page, text):
    """A question whose options form a group (a fieldset named by its legend)."""
    return page.get_by_role("group", name=re.compile(re.escape(text)))


def _focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def _tab_to(page, target):
    """Press Tab until ``target`` has the focus (failing if it never gets it)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if _focused(target):
            return
    raise AssertionError(f"Tab never reached {target}")


def _next_tab_is(page, target):
    page.keyboard.press("Tab")
    assert _focused(target), f"the next Tab stop is not {target}"


def test_a_public_survey_answered_at_desktop_width_with_the_keyboard_only(
        live_server, page, axe_check, survey):
    from surveys.models import Answer, Response

    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/pesquisa/{survey.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Atendimento no posto")
    why = page.get_by_label("O que dificultou?")
    expect(why).to_be_hidden()
    axe_check(page)

    grade = _group(page, "Nota para o atendimento")
    first = grade.get_by_role("radio", name="1", exact=True)
    _tab_to(page, first)
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(grade.get_by_role("radio", name="4", exact=True)).to_be_checked()
    expect(first).not_to_be_checked()

    easy = _group(page, "Foi fácil encontrar o posto?")
    yes, no = (easy.get_by_role("radio", name=n, exact=True) for n in ("Sim", "Não"))
    _next_tab_is(page, yes)  # one Tab stop per group of options
    page.keyboard.press("Space")
    expect(yes).to_be_checked()
    expect(why).to_be_hidden()
    page.keyboard.press("ArrowRight")
    expect(no).to_be_checked()
    expect(why).to_be_visible()  # the condition, asked only after "Não"
    _next_tab_is(page, why)  # and it comes next in the tab order
    page.keyboard.type("Faltou placa indicando o posto.")

    how = _group(page, "Como chegou ao posto?")
    bus, foot, car = (how.get_by_role("checkbox", name=n, exact=True)
                      for n in ("Ônibus", "A pé", "Carro"))
    _next_tab_is(page, bus)
    page.keyboard.press("Space")
    _next_tab_is(page, foot)  # every box of a multiple choice is its own Tab stop
    _next_tab_is(page, car)
    page.keyboard.press("Space")
    expect(bus).to_be_checked()
    expect(foot).not_to_be_checked()
    expect(car).to_be_checked()

    _next_tab_is(page, page.get_by_label("Qual posto visitou?"))
    page.keyboard.type("UBS Centro")

    nps = _group(page, "Recomendaria a um vizinho?")
    zero = nps.get_by_role("radio", name=re.compile(r"^0\b"))  # "0" and its label
    _next_tab_is(page, zero)
    page.keyboard.press("Space")
    for _ in range(9):
        page.keyboard.press("ArrowRight")
    expect(nps.get_by_role("radio", name="9", exact=True)).to_be_checked()

    send = page.get_by_role("button", name="Enviar minhas respostas")
    _next_tab_is(page, send)  # the honeypot is out of the tab order
    axe_check(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Obrigado")
    expect(page.get_by_role("status")).to_contain_text("Suas respostas foram recebidas")
    axe_check(page)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 1366, f"the thank-you page scrolls sideways ({scroll_width}px)"

    response = Response.objects.filter(survey=survey).values().get()
    assert set(response) == {"id", "survey_id", "submitted_on"}  # no person, IP or session
    assert list(Answer.objects.filter(response_id=response["id"]).order_by(
        "question__position").values_list("question__text", "number", "choices", "text")) == [
        ("Nota para o atendimento", 4, [], ""),
        ("Foi fácil encontrar o posto?", None, ["Não"], ""),
        ("O que dificultou?", None, [], "Faltou placa indicando o posto."),
        ("Como chegou ao posto?", None, ["Ônibus", "Carro"], ""),
        ("Qual posto visitou?", None, [], "UBS Centro"),
        ("Recomendaria a um vizinho?", 9, [], "")]
