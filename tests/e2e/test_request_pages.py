"""The request's own pages in Chromium: the briefing is never clipped (bounding boxes at 1366,
1024 and 390 px), the approver decides from the decision page's buttons, and the new-request
form's script shows the chosen kind's lead time and adds file rows."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082")

# Every value of the briefing card: its box inside the card's, and nothing cut inside it.
BRIEFING_BOXES = """() => {
  const card = document.querySelector('.request-brief');
  const box = card.getBoundingClientRect();
  return Array.from(card.querySelectorAll('dl.facts dd, dl.facts dt')).map((el) => {
    const r = el.getBoundingClientRect();
    return {text: el.textContent.trim().slice(0, 40), left: r.left, right: r.right,
            width: r.width, card_left: box.left, card_right: box.right,
            scroll: el.scrollWidth, client: el.clientWidth};
  });
}"""


@pytest.fixture
def long_request(demo):
    """A request whose briefing values are long: every channel, every audience, a long
    justification and plan action, a long requester name."""
    from org.models import Secretariat
    from plans.models import Audience, Channel, PlanAction
    from workflows import services

    ana = demo["ana.saude"]
    ana.first_name, ana.last_name = "Ana Cristina Maria", "Ribeiro de Albuquerque Vasconcelos"
    ana.save()
    saude = Secretariat.objects.get(acronym="SMS")
    request = services.request_create(
        by=ana, secretariat=saude, kind="news",
        title="Campanha de vacinação contra a gripe nas unidades básicas de saúde do município",
        brief="Divulgar as datas, os horários e os postos de vacinação. " * 4,
        channels=list(Channel.objects.filter(active=True)),
        audiences=list(Audience.objects.filter(active=True)), priority="high",
        priority_justification="A vacinação começa na segunda-feira e a população precisa "
                               "saber dos postos e horários antes do fim de semana prolongado.",
        desired_date=None, plan_action=PlanAction.objects.filter(
            plan__state="approved").first())
    request = services.request_submit(request=request, by=ana)
    return services.request_accept(request=request, by=demo["diego.editor"])


@pytest.mark.parametrize("width", [1366, 1024, 390])
def test_the_briefing_values_are_never_clipped(live_server, page, login, axe_check,
                                               long_request, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "diego.editor")
    page.goto(f"{live_server.url}/requests/{long_request.pk}/")
    expect(page.locator(".request-actions")).to_contain_text("Enviar para aprovação")
    boxes = page.evaluate(BRIEFING_BOXES)
    assert len(boxes) >= 14, boxes
    for box in boxes:
        assert box["left"] >= box["card_left"] - 0.5 and box["right"] <= box["card_right"] + 0.5, (
            f"{box['text']!r} leaves its card at {width} px: {box}")
        assert box["scroll"] <= box["client"], f"{box['text']!r} is cut at {width} px: {box}"
        assert box["width"] > 40, f"{box['text']!r} squeezed to {box['width']} px at {width} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe_check(page)


def test_the_approver_decides_on_the_decision_page(live_server, page, login, axe_check, demo,
                                                   long_request):
    from approvals.models import Decision
    from plans.models import Channel
    from workflows import services
    from workflows.models import ContentRequest

    editor = demo["diego.editor"]
    portal = Channel.objects.get(code="portal")
    services.publication_save(request=long_request, by=editor, channel=portal,
                              title="Vacinação", body="Os postos abrem às 8h na segunda-feira.")
    request = services.request_send_to_review(request=long_request, by=editor)
    login(page, "fernanda.chefe")
    page.goto(f"{live_server.url}/requests/{request.pk}/")
    page.locator(".request-actions").get_by_role("link", name="Decidir").click()
    main = page.locator("main")
    expect(main).to_contain_text("Os postos abrem às 8h na segunda-feira.")
    expect(main).to_contain_text("Divulgar as datas")
    axe_check(page)
    main.get_by_role("button", name="Solicitar alterações").click()
    expect(main.locator(".field-errors")).to_contain_text("Explique")
    assert not Decision.objects.filter(step__request=request).exists()
    main.get_by_label("Comentário").fill("Inclua os endereços dos postos.")
    main.get_by_role("button", name="Solicitar alterações").click()
    expect(page.locator(".messages")).to_contain_text("Decisão registrada")
    assert ContentRequest.objects.get(pk=request.pk).state == "in_production"


def test_the_new_request_form_shows_the_lead_time_and_takes_files(live_server, page, login,
                                                                  axe_check, demo, tmp_path,
                                                                  settings):
    from org.models import Secretariat
    from workflows.models import ContentRequest

    settings.MEDIA_ROOT = tmp_path
    login(page, "ana.saude")
    page.goto(f"{live_server.url}/requests/new/")
    form = page.locator("main form")
    times = page.locator("#lead-times")
    form.get_by_label("Tipo").select_option("video")
    expect(times.locator("li:visible")).to_have_count(1)
    expect(times.locator("li:visible")).to_have_attribute("data-kind", "video")
    expect(times.locator("li:visible")).to_contain_text("Vídeo")
    form.get_by_label("Tipo").select_option("news")
    expect(times.locator("li:visible")).to_have_attribute("data-kind", "news")
    expect(page.locator("[data-file-row]:visible")).to_have_count(1)
    axe_check(page)
    form.get_by_label("Secretaria").select_option(
        value=str(Secretariat.objects.get(acronym="SMS").pk))
    form.get_by_role("textbox", name="Título").fill("Feira de saúde no bairro")
    form.get_by_label("Briefing").fill("Divulgar a feira de saúde.")
    form.get_by_label("Data de publicação desejada").fill(
        page.evaluate("new Date().toISOString().slice(0, 10)"))  # today: inside the lead time
    page.locator("#id_files-0-file").set_input_files(
        {"name": "cartaz.png", "mimeType": "image/png", "buffer": PNG})
    page.locator(".add-file-row").click()
    expect(page.locator("[data-file-row]:visible")).to_have_count(2)
    page.locator("#id_files-1-file").set_input_files(
        {"name": "mapa.png", "mimeType": "image/png", "buffer": PNG})
    page.locator("#id_files-1-alt_text").fill("Mapa do bairro")
    form.get_by_role("button", name="Enviar solicitação").click()
    # Today is inside the lead time and the first image has no text: both said, nothing lost.
    main = page.locator("main")
    expect(main.locator(".files-again")).to_contain_text("cartaz.png")
    expect(main.locator("#id_files-0-alt_text_error")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Feira de saúde no bairro")
    expect(page.locator("#id_files-1-alt_text")).to_have_value("Mapa do bairro")
    assert not ContentRequest.objects.filter(title="Feira de saúde no bairro").exists()
    axe_check(page)
    later = page.locator("#lead-times li:visible").get_attribute("data-earliest")
    page.locator("#id_desired_date").fill(later)
    page.locator("#id_files-0-file").set_input_files(
        {"name": "cartaz.png", "mimeType": "image/png", "buffer": PNG})
    page.locator("#id_files-0-alt_text").fill("Cartaz da feira")
    page.locator("#id_files-1-file").set_input_files(
        {"name": "mapa.png", "mimeType": "image/png", "buffer": PNG})
    form.get_by_role("button", name="Enviar solicitação").click()
    page.wait_for_url(re.compile(r"/requests/\d+/$"))
    created = ContentRequest.objects.get(title="Feira de saúde no bairro")
    assert created.state == "submitted"
    assert sorted(created.attachments.values_list("alt_text", flat=True)) == [
        "Cartaz da feira", "Mapa do bairro"]
    expect(page.locator("main .attachment-preview img")).to_have_count(2)
    assert created.desired_date.isoformat() == later
