"""Dragging a planned piece on the editorial calendar proposes a new desired date (the team
only); the legend counts each layer of the view, and the state filter narrows it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import drag

pytestmark = pytest.mark.browser

TITLE = "Feira do livro, planejada"


@pytest.fixture
def planned(demo):
    from org.models import Secretariat, User
    from plans.models import Channel
    from workflows.models import ContentRequest
    from workflows.tests.factories import ContentRequestFactory

    User.objects.filter(username__in=["diego.editor", "ana.saude"]).update(language="en")
    request = ContentRequestFactory(
        secretariat=Secretariat.objects.get(acronym="SMS"), requester=demo["ana.saude"],
        title=TITLE, desired_date=timezone.localdate() + timedelta(days=1))
    ContentRequest.objects.filter(pk=request.pk).update(state="in_production")
    request.channels.set([Channel.objects.get(code="portal")])
    return request


def test_the_editor_drags_a_planned_piece_to_a_new_desired_date(live_server, page, login,
                                                                planned):
    from audit.models import AuditEvent
    from workflows.models import ContentRequest

    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "diego.editor")
    page.goto(f"{live_server.url}/calendar/")
    piece = page.locator(".fc-daygrid-event.planned", has_text=TITLE).first
    expect(piece).to_be_visible()
    assert "fc-event-draggable" in piece.get_attribute("class")
    expect(page.locator('[data-layer-count="planned"]')).to_contain_text("in view")
    desired = planned.desired_date
    target = desired + timedelta(days=1)
    if not page.locator(f'td[data-date="{target.isoformat()}"]').count():
        target = desired - timedelta(days=1)  # today: the grid ends tomorrow
    drag(page, piece, page.locator(f'td[data-date="{target.isoformat()}"]'))
    expect(page.locator("#calendar-status")).to_contain_text("requester was told")
    assert ContentRequest.objects.get(pk=planned.pk).desired_date == target
    assert AuditEvent.objects.filter(verb="propose_date", target_id=str(planned.pk)).exists()
    moved = page.locator(f'td[data-date="{target.isoformat()}"] .fc-event.planned',
                         has_text=TITLE)
    expect(moved).to_be_visible()
    page.screenshot(path="test-results/calendar-planned-drag-1366.png", full_page=True)


def test_the_requester_cannot_drag_and_the_filter_keeps_planned_pieces(live_server, page,
                                                                       login, planned):
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "ana.saude")
    page.goto(f"{live_server.url}/calendar/?show=planned")
    piece = page.locator(".fc-daygrid-event.planned", has_text=TITLE).first
    expect(piece).to_be_visible()
    assert "fc-event-draggable" not in piece.get_attribute("class")
    expect(page.locator('[data-layer-count="scheduled"]')).to_have_text("not shown (filter)")
    expect(page.locator('[data-layer-count="planned"]')).to_contain_text("in view")
    assert page.locator(".fc-event.scheduled, .fc-event.published").count() == 0
    expect(page.locator('input[name="show"][value="planned"]')).to_be_checked()
