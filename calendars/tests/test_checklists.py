"""Events produced, not just listed: the kind's checklist becomes the event's tasks with
dates relative to the event, owners tick them off, a moved event moves them, the editor's
home lists what is due."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from calendars import checklists, services
from calendars.models import ChecklistItem, EventKind, EventTask


def _at(days: int, hour: int = 10):
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def inauguration(demo):
    start = _at(20)
    return services.event_create(by=demo["diego.editor"], kind=EventKind.INAUGURATION,
                                 title="Inauguração da UBS Centro", starts_at=start,
                                 ends_at=start + dt.timedelta(hours=2))


def test_a_new_inauguration_gets_its_checklist_with_relative_dates(inauguration):
    steps = list(ChecklistItem.objects.filter(kind=EventKind.INAUGURATION, active=True))
    tasks = {t.source_id: t for t in inauguration.tasks.all()}
    assert steps and set(tasks) == {s.pk for s in steps}
    day = timezone.localdate(inauguration.starts_at)
    for step in steps:
        assert tasks[step.pk].due_date == day + dt.timedelta(days=step.offset_days)
        assert tasks[step.pk].owner == step.owner
    assert AuditEvent.objects.filter(verb="calendar_checklist_apply",
                                     target_id=str(inauguration.pk)).get().payload == {
        "tasks": len(steps)}


def test_a_kind_without_a_checklist_gets_no_tasks(demo):
    start = _at(5)
    event = services.event_create(by=demo["diego.editor"], kind=EventKind.COMMEMORATIVE,
                                  title="Dia do Servidor", starts_at=start,
                                  ends_at=start + dt.timedelta(hours=1))
    assert not event.tasks.exists()


def test_applying_again_adds_only_the_new_steps(inauguration, demo):
    assert checklists.checklist_apply(event=inauguration, by=demo["diego.editor"]) == []
    step = ChecklistItem.objects.create(kind=EventKind.INAUGURATION, title="Placa", offset_days=-4)
    added = checklists.checklist_apply(event=inauguration, by=demo["diego.editor"])
    assert [t.source for t in added] == [step]


def test_moving_the_event_moves_its_open_checklist_tasks_only(inauguration, demo):
    editor = demo["diego.editor"]
    done, *rest = list(inauguration.tasks.all())
    checklists.task_done(task=done, by=editor)
    manual = checklists.task_add(event=inauguration, by=editor, title="Água para o palco",
                                 due_date=timezone.localdate() + dt.timedelta(days=19))
    before = {t.pk: t.due_date for t in inauguration.tasks.all()}
    start = inauguration.starts_at + dt.timedelta(days=3)
    services.event_update(event=inauguration, by=editor, starts_at=start,
                          ends_at=start + dt.timedelta(hours=2))
    after = {t.pk: t.due_date for t in inauguration.tasks.all()}
    assert all(after[t.pk] == before[t.pk] + dt.timedelta(days=3) for t in rest)
    assert after[done.pk] == before[done.pk] and after[manual.pk] == before[manual.pk]


def test_the_owner_or_an_event_manager_ticks_a_task_off_once(inauguration, demo):
    task = inauguration.tasks.filter(owner=demo["diego.editor"]).first()
    with pytest.raises(PermissionDenied):
        checklists.task_done(task=task, by=demo["ana.saude"])
    with pytest.raises(PermissionDenied):  # sees the calendar, owns another task
        checklists.task_done(task=task, by=demo["fernanda.chefe"])
    checklists.task_done(task=task, by=demo["diego.editor"])
    checklists.task_done(task=task, by=demo["diego.editor"])  # a second click
    assert AuditEvent.objects.filter(verb="calendar_task_done", target_id=str(task.pk)).count() == 1
    task = checklists.task_done(task=task, by=demo["elisa.editora"], done=False)
    assert task.done_at is None and task.done_by is None


def test_only_the_team_owns_tasks_and_a_task_needs_a_name(inauguration, demo):
    editor = demo["diego.editor"]
    with pytest.raises(ValidationError):
        checklists.task_add(event=inauguration, by=editor, title="Faixa",
                            due_date=timezone.localdate(), owner=demo["ana.saude"])
    with pytest.raises(ValidationError):
        checklists.task_add(event=inauguration, by=editor, title="  ",
                            due_date=timezone.localdate())
    with pytest.raises(PermissionDenied):
        checklists.task_add(event=inauguration, by=demo["ana.saude"], title="Faixa",
                            due_date=timezone.localdate())


def test_assigning_tells_the_new_owner(inauguration, demo):
    task = inauguration.tasks.first()
    checklists.task_assign(task=task, by=demo["diego.editor"], owner=demo["helena.gestora"],
                           due_date=task.due_date)
    event = AuditEvent.objects.get(verb="calendar_task_assign", target_id=str(task.pk))
    from audit import registry

    verb = registry.get("calendar_task_assign")
    assert list(verb.recipients(event)) == [demo["helena.gestora"]]
    assert task.title in registry.notice(event) and inauguration.title in registry.notice(event)


def test_my_open_tasks_lists_what_is_due_within_two_weeks(inauguration, demo):
    mine = list(checklists.my_open_tasks(demo["diego.editor"]))
    assert mine and all(t.owner == demo["diego.editor"] and not t.done for t in mine)
    horizon = timezone.localdate() + dt.timedelta(days=14)
    assert all(t.due_date <= horizon for t in mine)
    assert EventTask.objects.filter(owner=demo["diego.editor"], event=inauguration,
                                    due_date__gt=horizon).exists()


# Pages


def test_the_event_page_lists_the_tasks_and_the_home_what_is_due(client, inauguration, demo):
    client.force_login(demo["diego.editor"])
    page = client.get(reverse("calendars:event_detail", args=[inauguration.pk])).content.decode()
    for task in inauguration.tasks.all():
        assert task.title in page
    home = client.get(reverse("home")).content.decode()
    assert checklists.my_open_tasks(demo["diego.editor"]).first().title in home


def test_ticking_off_through_the_page_and_a_forged_post(client, inauguration, demo):
    task = inauguration.tasks.filter(owner=demo["diego.editor"]).first()
    url = reverse("calendars:event_task_done", args=[inauguration.pk, task.pk])
    client.force_login(demo["ana.saude"])
    assert client.post(url).status_code == 403
    client.force_login(demo["diego.editor"])
    assert client.post(url).status_code == 302
    task.refresh_from_db()
    assert task.done


def test_a_bad_date_is_said_in_portuguese_and_nothing_changes(client, inauguration, demo):
    task = inauguration.tasks.first()
    client.force_login(demo["diego.editor"])
    response = client.post(
        reverse("calendars:event_task_assign", args=[inauguration.pk, task.pk]),
        {f"task-{task.pk}-due_date": "0001-01-01"}, follow=True, HTTP_ACCEPT_LANGUAGE="pt-br")
    task.refresh_from_db()
    assert task.due_date != dt.date(1, 1, 1)
    assert "1900" in response.content.decode()


def test_a_task_of_another_event_is_not_found(client, inauguration, demo):
    start = _at(30)
    other = services.event_create(by=demo["diego.editor"], kind=EventKind.SERVICE_ORDER,
                                  title="Ordem de serviço", starts_at=start,
                                  ends_at=start + dt.timedelta(hours=1))
    task = other.tasks.first()
    client.force_login(demo["diego.editor"])
    url = reverse("calendars:event_task_done", args=[inauguration.pk, task.pk])
    assert client.post(url).status_code == 404


def _my_tasks(client, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("workflows:list"), {"view": "mine"})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_task_is_in_its_owner_s_my_tasks_whatever_the_role(client, inauguration, demo):
    """A manager who owns a task finds it in "My tasks" (the request list's ``mine`` tab),
    linked to the event; someone else does not; more tasks cost no more queries."""
    helena = demo["helena.gestora"]
    editor = demo["diego.editor"]
    soon = timezone.localdate() + dt.timedelta(days=3)
    task = checklists.task_add(event=inauguration, by=editor, title="Convite ao governador",
                               due_date=soon, owner=helena)
    late = checklists.task_add(event=inauguration, by=editor, title="Ofício ao cerimonial",
                               due_date=timezone.localdate() - dt.timedelta(days=1), owner=helena)
    far = checklists.task_add(event=inauguration, by=editor, title="Relatório pós-evento",
                              due_date=timezone.localdate() + dt.timedelta(days=40), owner=helena)
    page, few = _my_tasks(client, helena)
    link = reverse("calendars:event_detail", args=[inauguration.pk]) + "#tasks-h"
    assert task.title in page and late.title in page and link in page
    assert page.index(late.title) < page.index(task.title)  # overdue first, soonest first
    assert far.title not in page  # not due soon
    checklists.task_done(task=late, by=helena)
    assert late.title not in _my_tasks(client, helena)[0]
    for user in (demo["fernanda.chefe"], demo["igor.auditor"], editor):
        assert task.title not in _my_tasks(client, user)[0], user.username
    for n in range(10):
        checklists.task_add(event=inauguration, by=editor, title=f"Tarefa {n}",
                            due_date=soon, owner=helena)
    page, many = _my_tasks(client, helena)
    assert "Tarefa 9" in page and many == few


def test_the_my_tasks_tab_counts_every_item_it_lists_requests_and_event_tasks(
        client, inauguration, demo):
    """The tab's number (and the home page's "N tasks waiting for you") is the number of
    things "My tasks" lists: the request rows and the event production tasks together."""
    from org.models import Secretariat
    from plans.models import Channel
    from workflows import services as requests

    diego, ana = demo["diego.editor"], demo["ana.saude"]
    soon = timezone.localdate() + dt.timedelta(days=2)
    for title in ("Convite ao governador", "Som e palco"):
        checklists.task_add(event=inauguration, by=diego, title=title, due_date=soon,
                            owner=diego)
    made = requests.request_create(by=ana, secretariat=Secretariat.objects.get(acronym="SMS"),
                                   kind="news", title="Vacinação", brief="b",
                                   channels=[Channel.objects.get(code="portal")])
    made = requests.request_submit(request=made, by=ana)
    requests.request_accept(request=made, by=diego)
    client.force_login(diego)
    response = client.get(reverse("workflows:list"), {"view": "mine"})
    page = response.content.decode()
    rows = response.context["page"].paginator.count
    [tasks] = [s.data["tasks"] for s in response.context["sections"] if "tasks" in s.data]
    others = [d for d in response.context["decisions"]
              if d.target.__class__.__name__ != "ContentRequest"]
    assert rows >= 1 and len(tasks) >= 2  # both kinds are there
    assert "Vacinação" in page and "Som e palco" in page
    listed = rows + len(tasks) + len(others)
    assert response.context["tabs"]["mine"] == listed
    tabs = page[page.index('class="tab-nav"'):]
    mine_tab = tabs[:tabs.index("</li>")]  # the first tab, "My tasks" in any language
    assert f"({listed})</span>" in mine_tab
    # The same number on the other inbox tab and on the home page.
    queue = client.get(reverse("workflows:list"), {"view": "queue"})
    assert queue.context["tabs"]["mine"] == listed
    assert client.get("/").context["counts"]["mine"] == listed
    # A task ticked off leaves the list and the count.
    checklists.task_done(task=tasks[0], by=diego)
    again = client.get(reverse("workflows:list"), {"view": "mine"})
    assert again.context["tabs"]["mine"] == listed - 1
