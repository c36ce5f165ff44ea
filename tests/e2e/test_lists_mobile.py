"""Every list page at 1366 and 390 px: zero axe violations and the document never scrolls
sideways (rows become cards under 576 px), and the home shows one section per role."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LISTS = [
    ("diego.editor", "/requests/?view=mine"),
    ("diego.editor", "/requests/?view=queue"),
    ("diego.editor", "/requests/?view=all"),
    ("ana.saude", "/requests/?view=secretariat"),
    ("diego.editor", "/campaigns/"),
    ("helena.gestora", "/plans/"),
    ("diego.editor", "/notifications/"),
    ("diego.editor", "/"),
    ("fernanda.chefe", "/"),
    ("helena.gestora", "/"),
]


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize(("username", "path"), LISTS)
def test_list_page_fits_and_passes_axe(live_server, page, login, axe_check, demo, username,
                                       path, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, username)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("load")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{path} at {width}px scrolls sideways ({scroll_width}px)"
    axe_check(page)


def test_request_list_rows_are_cards_on_a_phone(live_server, page, login, demo):
    from org.models import Secretariat
    from workflows.tests.factories import ContentRequestFactory

    ContentRequestFactory(secretariat=Secretariat.objects.get(acronym="SMS"),
                          requester=demo["ana.saude"], state="submitted")
    page.set_viewport_size({"width": 390, "height": 900})
    login(page, "diego.editor")
    page.goto(f"{live_server.url}/requests/?view=all")
    row = page.locator("table.table-cards tbody tr").first
    expect(row).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector("
                         "'table.table-cards tbody tr')).display") == "block"
    expect(page.locator(".request-tabs .tab-item.is-active")).to_contain_text("(")
    expect(row.locator(".state-tag")).to_be_visible()


@pytest.mark.parametrize("width", [1366, 390])
def test_blackout_page_with_pieces_fits_and_passes_axe(live_server, page, login, axe_check,
                                                       demo, width):
    """The electoral view listing pieces (the demo's window lists none) never scrolls
    sideways: its rows are cards on a phone."""
    from datetime import timedelta

    from django.utils import timezone

    from calendars.models import Event, EventKind
    from publishing.tests.helpers import approved, when
    from workflows import services

    now = timezone.now()
    request = approved(demo, body="Vacine-se nas unidades de saúde da rede municipal.")
    request = services.request_schedule(request=request, by=demo["diego.editor"],
                                        when={p.pk: when() for p in request.publications.all()})
    pub = request.publications.get()
    services.request_publish(request=request, by=demo["diego.editor"], urls={
        pub.pk: "https://portal.valeverde.example/noticias/campanha-de-vacinacao-contra-a-gripe"})
    # The window opens after the piece went out (a piece still live in it is listed).
    Event.objects.create(kind=EventKind.BLACKOUT, title="Período eleitoral — teste",
                         starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=60))
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "diego.editor")
    page.goto(f"{live_server.url}/compliance/blackout/")
    page.wait_for_load_state("load")
    assert page.locator("table tbody tr").count() >= 1  # pieces are listed
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"blackout at {width}px scrolls sideways ({scroll_width}px)"
    if width == 390:
        assert page.evaluate("getComputedStyle(document.querySelector("
                             "'table.table-cards tbody tr')).display") == "block"
    axe_check(page)
