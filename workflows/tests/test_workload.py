"""Workload and capacity: hours per kind against each editor's hours a week (holidays and
absences left out), the team page, the overload warning when assigning, the KPI's link."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from org.models import Absence
from org.tests.factories import SecretariatFactory, UserFactory
from pauta import clock
from tests.query_plans import plan as query_plan
from workflows import workload
from workflows.models import Assignment, ContentRequest, Holiday, LeadTimeStandard
from workflows.tests.factories import ContentRequestFactory

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2031, 3, 10)
NOON = timezone.make_aware(dt.datetime(2031, 3, 10, 12))


@pytest.fixture(autouse=True)
def _english(english_messages):
    return english_messages


@pytest.fixture
def today():
    with clock.travel(NOON):
        yield MONDAY


def piece(editor, *, kind="news", due=None, desired=None, state="in_production", title="Peça"):
    request = ContentRequestFactory(kind=kind, assignee=editor, due_date=due,
                                    desired_date=desired, title=title)
    ContentRequest.objects.filter(pk=request.pk).update(state=state)
    return ContentRequest.objects.get(pk=request.pk)


def test_capacity_leaves_out_holidays_and_absences_and_load_sums_hours_by_due_week(today):
    LeadTimeStandard.objects.update_or_create(kind="video", defaults={
        "business_days": 10, "estimated_hours": 16})
    LeadTimeStandard.objects.filter(kind="news").delete()  # a kind without a row: 4 h
    diego = UserFactory(roles=["editor"], weekly_hours=30)
    other = UserFactory(roles=["editor"])
    Holiday.objects.update_or_create(date=MONDAY + dt.timedelta(days=2),
                                     defaults={"name": "Feriado municipal"})
    Absence.objects.create(user=diego, starts_on=MONDAY + dt.timedelta(days=3),
                           ends_on=MONDAY + dt.timedelta(days=11), reason="Férias")
    piece(diego, due=MONDAY + dt.timedelta(days=1))  # 4 h this week
    piece(diego, kind="video", due=MONDAY - dt.timedelta(days=20))  # overdue: this week
    piece(diego, due=None, desired=MONDAY + dt.timedelta(days=15))  # week 3, by desired date
    piece(diego, due=None, desired=None)  # no date at all: this week
    piece(diego, due=MONDAY + dt.timedelta(days=1), state="scheduled")  # made: not load
    piece(diego, due=MONDAY + dt.timedelta(days=60))  # after the six weeks
    piece(other, due=MONDAY)
    with CaptureQueriesContext(connection) as queries:
        loads = workload.team_load([diego, other], start=today)
    assert len(queries) == 4  # hours per kind, holidays, absences, the requests
    weeks = loads[0].weeks
    assert [w.monday for w in weeks] == [MONDAY + dt.timedelta(days=7 * n) for n in range(6)]
    # Week 1: Wednesday a holiday, Thursday and Friday away → 2 working days of 5.
    assert weeks[0].capacity == 12 and weeks[0].absent_days == 2
    assert weeks[0].hours == 4 + 16 + 4 and weeks[0].overloaded
    # Week 2: away Monday to Friday (the absence ends on Friday the 21st).
    assert weeks[1].capacity == 0 and weeks[1].absent_days == 5 and weeks[1].hours == 0
    assert not weeks[1].overloaded and weeks[1].percent is None
    assert weeks[2].hours == 4 and weeks[2].capacity == 30 and not weeks[2].overloaded
    assert sum(w.hours for w in weeks[3:]) == 0
    # The holiday is everybody's: 4 working days of 5.
    assert loads[1].weeks[0].hours == 4 and loads[1].weeks[0].capacity == 24
    assert loads[0].overloaded_weeks == 1


def test_assigning_an_overloaded_editor_warns_but_assigns(client, today):
    LeadTimeStandard.objects.update_or_create(kind="video", defaults={
        "business_days": 10, "estimated_hours": 20})
    secretariat = SecretariatFactory()
    diego = UserFactory(roles=["editor"], first_name="Diego", last_name="Souza",
                        weekly_hours=30)
    head = UserFactory(roles=["editor"])
    for _ in range(2):
        piece(diego, kind="video", due=MONDAY + dt.timedelta(days=2))  # 40 h this week
    request = ContentRequestFactory(secretariat=secretariat, kind="news",
                                    due_date=MONDAY + dt.timedelta(days=3))
    ContentRequest.objects.filter(pk=request.pk).update(state="in_production")
    client.force_login(head)
    response = client.post(f"/requests/{request.pk}/do/assign/", {"assignee": diego.pk})
    assert response.status_code == 302
    assert ContentRequest.objects.get(pk=request.pk).assignee == diego  # not a blocker
    texts = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert ("warning", "Diego Souza already has 44 h of 30 h this week.") in texts
    assert ("success", "Request assigned.") in texts


def test_no_warning_within_capacity_and_the_week_is_named_when_it_is_not_this_one(today):
    diego = UserFactory(roles=["editor"], first_name="Diego", last_name="Souza",
                        weekly_hours=4)
    later = piece(diego, due=MONDAY + dt.timedelta(days=14))
    assert workload.overload_warning(diego, later) == ""  # 4 h of 4 h: full, not over
    another = ContentRequestFactory(kind="news", due_date=MONDAY + dt.timedelta(days=16))
    ContentRequest.objects.filter(pk=another.pk).update(state="submitted")
    another.refresh_from_db()
    assert workload.overload_warning(diego, another) == (
        "Diego Souza already has 8 h of 4 h in the week of 03/24/2031.")


def test_taking_a_request_yourself_warns_too(client, today):
    diego = UserFactory(roles=["editor"], weekly_hours=1, first_name="Diego", last_name="S")
    request = ContentRequestFactory(kind="news", due_date=MONDAY + dt.timedelta(days=1))
    ContentRequest.objects.filter(pk=request.pk).update(state="in_production")
    client.force_login(diego)
    response = client.post(f"/requests/{request.pk}/do/take/")
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Diego S already has 4 h of 1 h this week." in texts


def test_the_team_page_shows_load_capacity_and_overload_in_words(client, today):
    diego = UserFactory(roles=["editor"], first_name="Diego", last_name="Souza",
                        weekly_hours=2)
    piece(diego, due=MONDAY + dt.timedelta(days=1), title="Vacinação nas escolas")
    client.force_login(UserFactory(roles=["approver"]))
    html = client.get("/requests/workload/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = html[html.index("Diego Souza"):]
    row = row[:row.index("</tr>")]
    assert "4 h of 2 h" in row and "Overloaded" in row and "workload-over" in row
    assert "Vacinação nas escolas" in html and "editor is over capacity" in html
    later = client.get("/requests/workload/?week=2031-04-21").content.decode()
    assert "Week of" in later and "This week" not in later.split("<tbody>")[0]
    assert client.get("/requests/workload/?week=2031-02-30").status_code == 200


def test_the_team_page_costs_the_same_queries_for_few_and_many(client, today):
    editors = [UserFactory(roles=["editor"]) for _ in range(2)]
    client.force_login(UserFactory(roles=["approver"]))
    counts = []
    for n in (2, 10):
        for editor in editors:
            for _ in range(n):
                piece(editor, due=MONDAY + dt.timedelta(days=n))
        editors.append(UserFactory(roles=["editor"]))
        client.get("/requests/workload/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/requests/workload/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_week_names_its_most_urgent_pieces_and_counts_the_rest(client, today):
    editor = UserFactory(roles=["editor"], first_name="Rita", weekly_hours=200)
    client.force_login(editor)
    overdue = [piece(editor, due=MONDAY - dt.timedelta(days=30 - n), title=f"Atrasada {n}")
               for n in range(workload.LISTED)]
    later = [piece(editor, due=MONDAY + dt.timedelta(days=4), title=f"Sexta {n}")
             for n in range(3)]
    week = workload.team_load([editor], start=MONDAY)[0].weeks[0]
    assert len(week.pieces) == workload.LISTED + 3 and week.hours == 4 * (workload.LISTED + 3)
    assert [p.pk for p in week.listed] == [p.pk for p in overdue]  # the oldest due first
    assert week.not_listed == 3
    html = client.get("/requests/workload/").content.decode()
    assert f"{workload.LISTED + 3} requests" in html  # the summary counts every piece
    assert all(f"#{p.pk} " in html for p in overdue)
    assert not any(f"#{p.pk} " in html for p in later)
    assert "And 3 more requests." in html


@pytest.mark.parametrize("role, allowed", [("requester", False), ("legal_reviewer", False),
                                           ("editor", True), ("approver", True),
                                           ("manager", True)])
def test_who_may_open_the_team_page(client, role, allowed):
    client.force_login(UserFactory(roles=[role]))
    assert client.get("/requests/workload/").status_code == (200 if allowed else 403)


def test_the_kpi_bars_open_that_weeks_assignments_not_what_the_editor_holds_now(client, demo):
    from reports.indicators import REGISTRY
    from reports.indicators.context import Context
    from reports.slices import Slice

    diego, elisa = demo["diego.editor"], demo["elisa.editora"]
    given = ContentRequestFactory(title="Dada a Diego e passada", assignee=elisa)
    kept = ContentRequestFactory(title="Dada a Diego depois", assignee=diego)
    for request, moment in ((given, NOON), (kept, NOON + dt.timedelta(days=8))):
        row = Assignment.objects.create(request=request, user=diego, assigned_by=diego)
        Assignment.objects.filter(pk=row.pk).update(created_at=moment)
    ContentRequest.objects.filter(pk__in=[given.pk, kept.pk]).update(
        submitted_at=NOON, state="in_production")
    from audit.services import record

    for request in (given, kept):  # as the service does: the KPI facts hear of assignments
        record(by=diego, verb="assign", target=request)
    slice_ = Slice(start=dt.date(2031, 3, 1), end=dt.date(2031, 3, 31), scope=None)
    result = REGISTRY["editor_workload"].compute(Context(slice_))
    bar = next(p for p in result.series if p.group.startswith(diego.first_name)
               and p.drill["assigned_week"] == MONDAY.isoformat())
    assert bar.drill == {"assigned_to": diego.pk, "assigned_week": MONDAY.isoformat()}
    client.force_login(demo["fernanda.chefe"])
    html = client.get(slice_.list_url(bar.drill)).content.decode()
    assert "Dada a Diego e passada" in html  # elisa holds it now: still that week's
    assert "Dada a Diego depois" not in html  # given the week after


def test_the_assign_form_names_each_editors_hours_in_the_requests_week(client, today):
    LeadTimeStandard.objects.update_or_create(kind="video", defaults={
        "business_days": 10, "estimated_hours": 20})
    diego = UserFactory(roles=["editor"], first_name="Diego", last_name="Souza",
                        weekly_hours=10)
    elisa = UserFactory(roles=["editor"], first_name="Elisa", last_name="Fonseca",
                        weekly_hours=30)
    piece(diego, kind="video", due=MONDAY + dt.timedelta(days=1))
    request = piece(elisa, due=MONDAY + dt.timedelta(days=2))
    client.force_login(elisa)
    html = client.get(f"/requests/{request.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Diego Souza (20 h of 10 h that week: over capacity)" in html
    assert "Elisa Fonseca (4 h of 30 h that week)" in html


def test_an_absence_recorded_from_the_application_lowers_the_week_and_warns_when_assigning(
        client, today):
    """Capacity counts the business calendar's working days: a holiday inside an absence is
    not taken twice; the assign warning reads the lowered capacity; the team page names it."""
    from org.services import absence_save

    diego = UserFactory(roles=["editor"], first_name="Diego", last_name="Souza",
                        weekly_hours=30)
    head = UserFactory(roles=["approver"])
    Holiday.objects.update_or_create(date=MONDAY + dt.timedelta(days=1),
                                     defaults={"name": "Feriado municipal"})
    piece(diego, due=MONDAY + dt.timedelta(days=4))  # 4 h, fine in a week of 24 h
    request = ContentRequestFactory(kind="news", due_date=MONDAY + dt.timedelta(days=4))
    ContentRequest.objects.filter(pk=request.pk).update(state="in_production")
    request.refresh_from_db()
    assert workload.overload_warning(diego, request) == ""  # 8 h of 24 h
    # Monday to Thursday away (Tuesday is a holiday anyway): Friday is the one day left.
    absence_save(by=head, person=diego, kind="vacation", starts_on=MONDAY,
                 ends_on=MONDAY + dt.timedelta(days=3))
    week = workload.team_load([diego], start=MONDAY)[0].weeks[0]
    assert week.absent_days == 3 and week.capacity == 6
    assert week.absences == [("Vacation", MONDAY, MONDAY + dt.timedelta(days=3))]
    assert workload.overload_warning(diego, request) == (
        "Diego Souza already has 8 h of 6 h this week.")
    client.force_login(UserFactory(roles=["editor"]))
    response = client.post(f"/requests/{request.pk}/do/assign/", {"assignee": diego.pk})
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Diego Souza already has 8 h of 6 h this week." in texts
    client.force_login(head)
    html = client.get("/requests/workload/").content.decode()
    row = html[html.index('data-label="Editor">Diego Souza'):]
    row = row[:row.index("</tr>")]
    assert "4 h of 6 h" not in row and "8 h of 6 h" in row  # the assigned piece counts now
    assert "3 days away" in row and "Vacation: 03/10/2031 to 03/13/2031" in row
    assert 'href="/calendar/absences/"' in html  # the head of communication records them


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner text")
def test_the_load_reads_the_open_pieces_by_state_not_the_history_by_due_date(today):
    """Filtered on the weeks' dates, the query was planned on the due-date index: every
    request due before the last week, the whole history (linear in it, 3.9x from 10k to 50k
    requests); by the (assignee, state) index it reads only the team's open pieces."""
    diego = UserFactory(roles=["editor"])
    piece(diego, due=MONDAY)
    with CaptureQueriesContext(connection) as queries:
        workload.team_load([diego], start=today)
    (sql,) = [q["sql"] for q in queries if "workflows_contentrequest" in q["sql"]]
    plan = query_plan(sql)
    assert "workflows_request_assignee (assignee_id=? AND state=?)" in plan, plan
