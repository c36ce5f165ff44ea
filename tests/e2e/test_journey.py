"""The whole journey in the browser: file with an attachment, draft, compliance check (a
blocker refused, a warning overridden by the approver), review, decide, schedule (and drag on
the editorial calendar), the manager's KPI workbook download, and a calendar feed fetched by
its link.

Every main page on the way goes through axe-core. The people use the English interface (set
on their profile) so the test reads the source strings.
"""

import re
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import drag
from tests.permission_world import PNG

pytestmark = pytest.mark.browser
TITLE = "Campanha de vacinação de inverno"
PEOPLE = ["ana.saude", "diego.editor", "fernanda.chefe", "helena.gestora"]
# A CPF with valid check digits: a blocker (personal_data.cpf), never overridable.
TEXT_WITH_CPF = ("A vacinação contra a gripe começa segunda-feira. Dúvidas: Maria, "
                 "CPF 529.982.247-25.")
# "clique aqui" in plain text: a warning (accessibility.link_text) an approver may override.
TEXT_WITH_WARNING = ("A vacinação contra a gripe começa segunda-feira em todas as unidades "
                     "de saúde de Vale Verde. Para ver os endereços, clique aqui.")


@pytest.fixture
def english(demo):
    from org.models import User

    User.objects.filter(username__in=PEOPLE).update(language="en")
    return demo


def as_person(page, login, username):
    page.context.clear_cookies()
    return login(page, username)


def open_request(page, live_server):
    from workflows.models import ContentRequest

    request = ContentRequest.objects.get(title=TITLE)
    page.goto(f"{live_server.url}/requests/{request.pk}/")
    return request


def test_request_goes_from_filing_to_a_fetched_feed(live_server, page, login, axe_check,
                                                   english, settings, tmp_path):
    from org.models import Secretariat
    from workflows.models import ContentRequest, Publication

    settings.MEDIA_ROOT = tmp_path
    # 1. The requester files a draft, attaches an image, then submits.
    as_person(page, login, "ana.saude")
    page.goto(f"{live_server.url}/requests/new/")
    axe_check(page)
    form = page.locator("main form")
    # The secretariat itself: a validation task of a unit misses the requester's inbox
    # (viewflow checks the object permission on the unit, the membership is on the parent).
    form.get_by_label("Secretariat").select_option(
        value=str(Secretariat.objects.get(acronym="SMS").pk))
    form.get_by_label("Kind").select_option("news")
    form.get_by_role("textbox", name="Title").fill(TITLE)
    form.get_by_label("Brief").fill("Divulgar as datas e os postos de vacinação contra a gripe.")
    # The design system's checkbox is its label (the native box is drawn by the label): a
    # person clicks the label, so the test does too, and the box must end up ticked.
    form.locator("label", has_text="Portal da Prefeitura").click()
    expect(form.get_by_label("Portal da Prefeitura")).to_be_checked()
    form.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/requests/\d+/$"))
    page.locator("main input[type=file]").set_input_files(
        {"name": "cartaz.png", "mimeType": "image/png", "buffer": PNG})
    page.get_by_label("Alternative text (for images)").fill("Cartaz da campanha")
    page.get_by_role("button", name="Attach file").click()
    expect(page.locator("main")).to_contain_text("cartaz.png")
    axe_check(page)
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    assert ContentRequest.objects.get(title=TITLE).state == "submitted"

    # 2. The editor takes it, writes the portal text, checks it and sends it for approval.
    as_person(page, login, "diego.editor")
    open_request(page, live_server)
    page.get_by_role("button", name="Accept and take it").click()
    write_text(page, axe_check, TEXT_WITH_CPF)
    check_compliance(page, axe_check, "CPF")
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator(".messages")).to_contain_text("blocker")
    assert ContentRequest.objects.get(title=TITLE).state == "in_production"
    write_text(page, axe_check, TEXT_WITH_WARNING)  # the fix: no CPF, a warning remains
    panel = check_compliance(page, axe_check, "clique aqui")
    expect(panel).not_to_contain_text("529.982.247-25")
    page.get_by_role("button", name="Send for approval").click()
    assert ContentRequest.objects.get(title=TITLE).state == "in_review"

    # 3. Each decider finds it in their inbox ("My tasks") and approves.
    for username in ("ana.saude", "fernanda.chefe"):
        as_person(page, login, username)
        page.goto(f"{live_server.url}/requests/?view=mine")
        axe_check(page)
        page.get_by_role("link", name=TITLE).first.click()
        page.get_by_role("link", name="Decide").first.click()
        axe_check(page)
        page.locator("main button[name=outcome][value=approve]").click()
        expect(page.locator(".messages")).to_contain_text("Decision recorded")
    request = ContentRequest.objects.get(title=TITLE)
    assert request.state == "approved"
    # The approver overrides the open warnings on the request page, in writing.
    override_warnings(page, live_server, axe_check)

    # 4. The editor schedules it; the piece shows on the editorial calendar.
    first = (timezone.localtime() + timedelta(days=1)).date()
    as_person(page, login, "diego.editor")
    open_request(page, live_server)
    page.get_by_label("Date and time for Portal da Prefeitura").fill(f"{first}T10:00")
    page.get_by_role("button", name="Schedule", exact=True).click()
    assert ContentRequest.objects.get(pk=request.pk).state == "scheduled"
    page.goto(f"{live_server.url}/calendar/")
    piece = page.locator(".fc-event", has_text=TITLE).first
    expect(piece).to_be_visible()
    axe_check(page)  # the whole page, FullCalendar included; week and list views: below
    # Moving it by dragging: test_editor_drags_a_piece_on_the_calendar.
    assert timezone.localtime(Publication.objects.get(request=request).scheduled_at).date() \
        == first

    # 5. The manager opens the KPI dashboard and downloads the workbook.
    as_person(page, login, "helena.gestora")
    page.goto(f"{live_server.url}/reports/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe_check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export to XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    workbook = openpyxl.load_workbook(path, read_only=True)
    assert "Summary" in workbook.sheetnames and "Definitions" in workbook.sheetnames
    workbook.close()

    # 6. A person makes a calendar feed and fetches it by its secret link.
    page.goto(f"{live_server.url}/calendar/feeds/")
    axe_check(page)
    page.get_by_label("Name").fill("Minha pauta")
    page.get_by_role("button", name="Create feed").click()
    link = page.get_by_label("Link (https)").first.input_value()
    feed = page.request.get(link.replace("https://", "http://").replace(
        re.match(r"https?://[^/]+", link).group(0), live_server.url))
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    body = feed.text()
    assert "BEGIN:VCALENDAR" in body and TITLE[:20] in body.replace("\r\n ", "")


def write_text(page, axe_check, body):
    """Open the portal text form, save ``body`` and come back to the request page."""
    page.get_by_role("link", name=re.compile(r"(Write|Edit) text for Portal da Prefeitura")).click()
    axe_check(page)
    page.locator("main textarea[name=body]").fill(body)
    page.locator("main form").get_by_role("button").first.click()
    page.wait_for_url(re.compile(r"/requests/\d+/$"))


def check_compliance(page, axe_check, expected):
    """Press "Check compliance"; the finding about ``expected`` shows in the panel."""
    page.get_by_role("button", name="Check compliance").click()
    expect(page.locator(".messages")).to_contain_text("need")
    panel = page.locator("section.compliance")
    expect(panel.locator(".finding", has_text=expected).first).to_be_visible()
    axe_check(page)
    return panel


def override_warnings(page, live_server, axe_check):
    """The approver writes a justification for every open warning of the request."""
    open_request(page, live_server)
    panel = page.locator("section.compliance")
    expect(panel.locator(".finding-warning", has_text="clique aqui").first).to_be_visible()
    axe_check(page)
    forms = panel.locator("details", has_text="Override with a written justification")
    assert forms.count() >= 1
    while forms.count():
        form = forms.first
        form.get_by_text("Override with a written justification").click()
        form.get_by_label("Justification").fill("Texto aprovado assim pela chefia.")
        form.get_by_role("button", name="Record override").click()
        expect(page.locator(".messages")).to_contain_text("Override recorded")
    expect(panel.locator(".finding-warning", has_text="clique aqui").first).to_contain_text(
        "Overridden by")


def test_editor_drags_a_piece_on_the_calendar(live_server, page, login, english):
    """A real drag (pointer moves in steps) goes through the reschedule endpoint and service."""
    from audit.models import AuditEvent
    from workflows.models import Publication

    local_now = timezone.localtime()
    first, moved = (local_now + timedelta(days=1)).date(), (local_now + timedelta(days=2)).date()
    publication = _scheduled_piece(english, first)
    as_person(page, login, "diego.editor")
    page.goto(f"{live_server.url}/calendar/")
    piece = page.locator(".fc-event", has_text=TITLE).first
    expect(piece).to_be_visible()
    move_url = f"/calendar/publications/{publication.pk}/move/"
    with page.expect_response(lambda r: r.url.endswith(move_url)) as response_info:
        drag(page, piece, page.locator(f"td.fc-daygrid-day[data-date='{moved}']"))
    assert response_info.value.status == 200, response_info.value.text()
    expect(page.locator("#calendar-status")).to_contain_text("Rescheduled")
    publication = Publication.objects.get(pk=publication.pk)
    assert timezone.localtime(publication.scheduled_at).date() == moved
    assert timezone.localtime(publication.scheduled_at).hour == 10  # the time is kept
    assert AuditEvent.objects.filter(verb="reschedule",
                                     payload__channel=publication.channel.code).exists()


def _scheduled_piece(people, day):
    from datetime import datetime, time

    from approvals.compliance.services import warnings_override_all
    from approvals.models import ApprovalStep
    from approvals.services import step_decide
    from org.models import Secretariat
    from plans.models import Channel
    from workflows import services
    from workflows.permissions import can_decide_step

    ana, diego = people["ana.saude"], people["diego.editor"]
    portal = Channel.objects.get(code="portal")
    request = services.request_create(by=ana, secretariat=Secretariat.objects.get(acronym="SMS"),
                                      kind="news", title=TITLE, brief="b", channels=[portal])
    request = services.request_submit(request=request, by=ana)
    request = services.request_accept(request=request, by=diego)
    services.publication_save(request=request, by=diego, channel=portal, title=TITLE, body="t")
    request = services.request_send_to_review(request=request, by=diego)
    while (step := ApprovalStep.objects.filter(request=request, status="pending").first()):
        step_decide(step=step, by=next(u for u in people.values() if can_decide_step(u, step)),
                    outcome="approve")
    warnings_override_all(request=request, by=people["fernanda.chefe"],
                          reason="Aprovado assim pela chefia.")  # schedule needs it
    publication = request.publications.get()
    when = timezone.make_aware(datetime.combine(day, time(10)))
    services.request_schedule(request=request, by=diego, when={publication.pk: when})
    return publication


@pytest.mark.parametrize("view", ["month", "week", "list"])
def test_calendar_passes_axe_in_each_view(live_server, page, login, axe_check, english, view):
    """The whole calendar page, FullCalendar included, passes axe in month, week and list views;
    the demo's events (holidays, blackout, municipal events) and a scheduled piece are shown."""
    local_now = timezone.localtime()
    _scheduled_piece(english, (local_now + timedelta(days=1)).date())
    as_person(page, login, "diego.editor")
    page.goto(f"{live_server.url}/calendar/")
    expect(page.locator(".fc-event", has_text=TITLE).first).to_be_visible()
    name = {"month": "dayGridMonth", "week": "timeGridWeek", "list": "listMonth"}[view]
    page.locator(f".fc-{name}-button").click()
    expect(page.locator(f".fc-{name}-view")).to_be_visible()
    expect(page.locator(".fc-event", has_text=TITLE).first).to_be_visible()
    expect(page.locator(".fc-toolbar .fc-icon[role=img]")).to_have_count(0)  # hook ran
    axe_check(page)
    title = page.locator(".fc-toolbar-title").inner_text()
    page.locator(".fc-next-button").click()  # the toolbar renders again: still fixed
    expect(page.locator(".fc-toolbar-title")).not_to_have_text(title)
    expect(page.locator(".fc-toolbar .fc-icon[role=img]")).to_have_count(0)
    axe_check(page)
