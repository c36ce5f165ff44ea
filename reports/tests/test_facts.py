"""The KPI facts: folded after each step of real lifecycles they equal a rebuild from the raw
audit trail and give the indicators the raw trail gives; ``kpi_rebuild`` is idempotent; the
writing transaction only enqueues; the dashboard costs the same queries at two sizes."""

from contextlib import contextmanager
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from approvals.models import RejectionReason
from pauta import clock
from reports.facts import hooks
from reports.facts.fold import catch_up, cursor_row, head_id
from reports.facts.models import BusinessDay, StateStay
from reports.facts.read import ensure_current
from reports.facts.testing import assert_facts_agree, fact_rows
from reports.slices import Slice
from reports.tests.factories import history, make_request
from workflows import services
from workflows.models import ContentRequest, Holiday
from workflows.tests.test_lifecycle_queries import life
from workflows.tests.test_lifecycle_services import decide, new_request, to_review


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@contextmanager
def _step(at, snapshots):
    """Each step of a life at its own time; the facts folded after it and kept."""
    with clock.travel(at):
        yield
    catch_up()
    snapshots.append(fact_rows())


def _lives(people, start: date) -> list:
    """Three requests through the services from ``start``: one published (with the
    approvals and an override), one sent back for changes twice then rejected, one rejected
    at triage."""
    snapshots, clock_at = [], [_moment(start, 9)]

    def counted(_name):
        clock_at[0] += timedelta(hours=7)
        return _step(clock_at[0], snapshots)

    with clock.travel(clock_at[0]):
        published = life(people, counted)
        looped = to_review(people)
    for outcome in ("request_changes", "request_changes_again", "reject"):
        clock_at[0] += timedelta(days=1, hours=3)
        with _step(clock_at[0], snapshots):
            if outcome == "reject":
                decide(people, looped, "fernanda.chefe", outcome="reject",
                       comment="Promoção pessoal",
                       reason=RejectionReason.objects.get(code="promotion"))
            elif outcome.startswith("request_changes"):
                decide(people, looped, "fernanda.chefe", outcome="request_changes",
                       comment="Ajustar título")
                looped = ContentRequest.objects.get(pk=looped.pk)
                services.request_send_to_review(request=looped, by=people["diego.editor"])
    clock_at[0] += timedelta(days=2)
    with _step(clock_at[0], snapshots):
        triaged = new_request(people)
        triaged = services.request_submit(request=triaged, by=people["ana.saude"])
        services.request_reject_at_triage(request=triaged, by=people["diego.editor"],
                                          reason="promotion")
    return [published, looped, triaged], snapshots


def test_facts_folded_step_by_step_agree_with_the_rebuild_and_the_raw_trail(demo):
    made = []
    # In the past (the schedule step books two days after the real now), a month apart.
    first = clock.today() - timedelta(days=75)
    for start in (first, first + timedelta(days=35)):
        requests, snapshots = _lives(demo, start)
        made += requests
        assert len(snapshots) > 10
    states = {r.pk: ContentRequest.objects.get(pk=r.pk).state for r in made}
    assert sorted(states.values()) == ["published", "published", "rejected", "rejected",
                                       "rejected", "rejected"]
    loops = StateStay.objects.filter(request_id=made[1].pk, state="in_production").count()
    assert loops == 3  # the first stay and two rounds of changes
    whole = Slice(start=first - timedelta(days=30), end=clock.today() + timedelta(days=30))
    later = Slice(start=first + timedelta(days=30), end=whole.end)
    sizes = assert_facts_agree([whole, later,
                                Slice(start=whole.start, end=whole.end, kind="news")])
    assert ContentRequest.objects.filter(pk=made[0].pk, published_at__isnull=False).exists()
    assert sizes["stays"] == StateStay.objects.count() > 30


def test_agreement_catches_a_wrong_fact(demo):
    request = make_request(demo["ana.saude"], submitted="2031-04-14 08:00",
                           published="2031-04-15 11:00")
    history(request, [("2031-04-14 08:00", "submit", "draft", "submitted"),
                      ("2031-04-14 10:00", "accept", "submitted", "in_production")])
    catch_up()
    StateStay.objects.filter(request=request, state="submitted").update(days=99)
    with pytest.raises(AssertionError):
        assert_facts_agree()


def test_kpi_rebuild_is_idempotent_with_progress(demo):
    for n in range(3):
        request = make_request(demo["ana.saude"], submitted=f"2031-04-{14 + n} 08:00")
        history(request, [(f"2031-04-{14 + n} 08:00", "submit", "draft", "submitted"),
                          (f"2031-04-{14 + n} 12:00", "accept", "submitted", "in_production")])
    out = StringIO()
    call_command("kpi_rebuild", "--chunk", "2", stdout=out)
    first = fact_rows()
    call_command("kpi_rebuild", stdout=out)
    assert fact_rows() == first
    assert cursor_row().last_event_id == head_id()
    text = out.getvalue()
    assert "requests up to #" in text and "(100%)" in text and "KPI facts rebuilt" in text
    assert BusinessDay.objects.filter(day=clock.today()).exists()
    first = min(ContentRequest.objects.exclude(submitted_at=None)
                .values_list("submitted_at", flat=True))
    assert cursor_row().calendar_start <= timezone.localdate(first)


def test_kpi_rebuild_refuses_a_bad_chunk():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("kpi_rebuild", "--chunk", "0", stdout=StringIO())


def test_a_transaction_enqueues_one_catch_up_after_commit_and_no_query(
        demo, django_capture_on_commit_callbacks, monkeypatch):
    from django.core.cache import cache

    cache.delete(hooks.QUEUED_KEY)
    enqueued = []
    monkeypatch.setattr(hooks, "enqueue_catch_up", lambda: enqueued.append(1))
    # the window's length is not what this checks: a loaded machine may take over a second
    # to run the commit's callbacks
    monkeypatch.setattr(hooks, "BURST_SECONDS", 300)
    with django_capture_on_commit_callbacks(execute=False) as callbacks, \
            CaptureQueriesContext(connection) as queries:
        request = new_request(demo)
        services.request_submit(request=request, by=demo["ana.saude"])
    assert not any("reports_" in q["sql"] for q in queries)  # nothing of the facts inline
    assert enqueued == []  # nothing before the commit
    for callback in callbacks:  # the commit: audit broadcasts each event
        callback()
    assert len(enqueued) == 1
    cache.delete(hooks.QUEUED_KEY)  # the next test's events enqueue again
    assert not StateStay.objects.filter(request=request).exists()
    catch_up()  # what the task runs
    assert list(StateStay.objects.filter(request=request).values_list("state", flat=True)
                .order_by("event_id")) == ["draft", "submitted"]


def test_read_time_catch_up_is_bounded(demo):
    request = make_request(demo["ana.saude"], submitted="2031-04-14 08:00")
    history(request, [("2031-04-14 08:00", "submit", "draft", "submitted"),
                      ("2031-04-14 09:00", "accept", "submitted", "in_production"),
                      ("2031-04-14 10:00", "send_to_review", "in_production", "in_review")])
    state = ensure_current(limit=1)
    assert state.behind > 0 and state.cursor < head_id()
    assert ensure_current().behind == 0


def test_a_holiday_change_rebuilds_the_calendar(demo):
    ensure_current()
    monday = clock.today() + timedelta(days=7 - clock.today().weekday())
    Holiday.objects.filter(date=monday).delete()
    ensure_current()
    day = monday + timedelta(days=1)
    before = BusinessDay.objects.get(day=day).ordinal
    Holiday.objects.create(date=monday, name="Feriado municipal")
    assert cursor_row().calendar_key == ""
    ensure_current()
    assert BusinessDay.objects.get(day=day).ordinal == before - 1


def _grow(demo, n: int, start: date) -> None:
    for index in range(n):
        day = start + timedelta(days=index % 25)
        request = make_request(demo["ana.saude"], submitted=f"{day} 08:00",
                               published=f"{day + timedelta(days=2)} 10:00",
                               rating=1 + index % 5, due=str(day + timedelta(days=3)))
        history(request, [(f"{day} 08:00", "submit", "draft", "submitted"),
                          (f"{day} 12:00", "accept", "submitted", "in_production"),
                          (f"{day + timedelta(days=1)} 09:00", "send_to_review",
                           "in_production", "in_review"),
                          (f"{day + timedelta(days=2)} 10:00", "publish", "in_review",
                           "published")])


def test_dashboard_queries_are_the_same_at_two_history_sizes(client, demo, settings):
    settings.KPI_DASHBOARD_CACHE_SECONDS = 0  # every load computes
    client.force_login(demo["helena.gestora"])
    params = {"start": "2031-04-01", "end": "2031-04-30"}
    counts, published = [], []
    for n in (3, 30):
        _grow(demo, n, date(2031, 4, 1))
        ensure_current()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("reports:dashboard"), params)
        assert response.status_code == 200
        counts.append(len(queries))
        figures = {f["code"]: f for s in response.context["sections"] for f in s["figures"]}
        published.append(figures["requests_published"]["value"])
    assert published[1] > published[0]
    assert counts[0] == counts[1], counts


def test_a_cached_dashboard_is_a_few_queries_and_a_new_event_refreshes_it(client, demo,
                                                                          settings):
    settings.KPI_DASHBOARD_CACHE_SECONDS = 60
    client.force_login(demo["helena.gestora"])
    params = {"start": "2031-04-01", "end": "2031-04-30"}
    _grow(demo, 3, date(2031, 4, 1))
    first = client.get(reverse("reports:dashboard"), params)
    figures = {f["code"]: f for s in first.context["sections"] for f in s["figures"]}
    assert figures["requests_published"]["value"] == 3
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:dashboard"), params)
    assert len(queries) <= 12, len(queries)
    # the figures' HTML from the cache: nothing built again, the same page
    assert "sections" not in response.context
    assert response.context["body"] == first.context["body"]
    assert response.context["body"] in response.content.decode()
    _grow(demo, 1, date(2031, 4, 10))  # new audit events: a new key
    response = client.get(reverse("reports:dashboard"), params)
    figures = {f["code"]: f for s in response.context["sections"] for f in s["figures"]}
    assert figures["requests_published"]["value"] == 4


def test_a_catch_up_costs_the_same_queries_for_one_request_or_three(demo):
    """One fold of requests submitted and published: a transaction (a savepoint here), the
    cursor and the events, the stays (3), the remembered days (4), the days' cells in one
    ``UNION ALL`` (3 with the delete and insert), the published facts (4), the assignments'
    (2), the cursor moved; no second transaction to find the trail's end."""
    catch_up()
    costs = []
    for n, start in ((1, date(2031, 4, 7)), (3, date(2031, 5, 5))):
        _grow(demo, n, start)
        with CaptureQueriesContext(connection) as queries:
            assert catch_up() == 5 * n  # each request's "create" and four state changes
        costs.append(len(queries))
    assert costs == [21, 21], costs
    with CaptureQueriesContext(connection) as queries:
        assert catch_up() == 0
    assert len(queries) == 4  # nothing new: savepoint, cursor, events, release
    assert_facts_agree()
