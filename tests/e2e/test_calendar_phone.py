"""The editorial calendar on a phone opens in its list view (a month grid of 50 px days is not
readable), and on a desk in the month grid; in both a planned piece reads "Planned:" with its
channel, scheduled ones are filled with their channel's colour, and axe finds nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Vacinação nas escolas, planejada"


@pytest.fixture
def planned(demo):
    from org.models import Secretariat, User
    from plans.models import Channel
    from workflows.models import ContentRequest
    from workflows.tests.factories import ContentRequestFactory

    User.objects.filter(username="diego.editor").update(language="en")
    request = ContentRequestFactory(
        secretariat=Secretariat.objects.get(acronym="SMS"), requester=demo["ana.saude"],
        title=TITLE, desired_date=timezone.localdate() + timedelta(days=1))
    ContentRequest.objects.filter(pk=request.pk).update(state="in_production")
    request.channels.set([Channel.objects.get(code="portal")])
    return request


@pytest.mark.parametrize(("width", "view"), [(390, "listMonth"), (599, "listMonth"),
                                             (600, "dayGridMonth"), (1366, "dayGridMonth")])
def test_calendar_view_by_width(live_server, page, login, axe_check, planned, width, view):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "diego.editor")
    page.goto(f"{live_server.url}/calendar/")
    expect(page.locator(f".fc-{view}-view")).to_be_visible()
    piece = page.locator(".fc-event.planned", has_text=TITLE).first
    expect(piece).to_be_visible()
    portal = planned.channels.get().name
    expect(piece).to_contain_text(f"Planned: [{portal}] {TITLE}")
    expect(page.locator(".calendar-legend")).to_contain_text(portal)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the calendar at {width}px scrolls sideways ({scroll_width}px)"
    axe_check(page)


def test_a_planned_piece_looks_tentative_in_the_month_grid(live_server, page, login, planned):
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "diego.editor")
    page.goto(f"{live_server.url}/calendar/")
    piece = page.locator(".fc-daygrid-event.planned", has_text=TITLE).first
    expect(piece).to_be_visible()
    style = piece.evaluate("e => { const s = getComputedStyle(e); "
                           "return [s.borderTopStyle, s.backgroundColor]; }")
    assert style == ["dashed", "rgb(244, 246, 248)"]
