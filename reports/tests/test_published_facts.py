"""The published requests' and assignments' facts (``reports_publishedfact``,
``reports_assignedfact``). One row per request published with evidence, with its lead time
in business days, SLA outcome and rating, kept in step by the catch-up (publication, rating
changed, unpublished and republished, a bare channel taken down, another secretariat),
recomputed when the holidays change, rebuilt over stale rows by ``kpi_rebuild``; the
lead-time, SLA and satisfaction figures read them in one ``GROUP BY`` and equal those of the
raw rows on every kind of slice. One row per assignment, with its local week: the editor
workload groups them and equals the raw assignments' counts."""

from contextlib import nullcontext
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.services import record
from org.models import Secretariat
from pauta import clock
from plans.models import Channel
from reports.facts.models import AssignedFact, PublishedFact
from reports.facts.read import ensure_current
from reports.facts.testing import (
    assert_facts_agree,
    assigned_rows,
    from_facts,
    published_rows,
    raw_assigned,
    raw_indicators,
    raw_published,
    raw_workload,
    workload_from_facts,
)
from reports.indicators import compute_all
from reports.indicators.context import Context
from reports.slices import Slice
from reports.tests.factories import at, history, make_request
from workflows import services
from workflows.models import ContentRequest, Holiday, Publication
from workflows.permissions import assignable_people
from workflows.sla import business_days_between
from workflows.tests.test_lifecycle_queries import life
from workflows.tests.test_lifecycle_services import to_review

APRIL = Slice(start=date(2031, 4, 1), end=date(2031, 4, 30))
FIGURES = {"lead_time_median", "lead_time_p90", "sla_compliance", "satisfaction_mean"}


def _agree(slices=()) -> list[tuple]:
    """Read as a dashboard does; the facts equal the raw rows and so do the slices' figures."""
    ensure_current()
    rows = published_rows()
    assert rows == raw_published()
    for slice_ in slices:
        assert from_facts(slice_) == raw_indicators(slice_), slice_
    return rows


def _fact(request) -> PublishedFact | None:
    return PublishedFact.objects.filter(request_id=request.pk).first()


def _published(demo, *, submitted="2031-04-14 08:00", published="2031-04-18 10:00",
               **options) -> ContentRequest:
    """A request published with evidence (an address on its one channel)."""
    request = make_request(demo["ana.saude"], submitted=submitted, published=published,
                           **options)
    portal = Channel.objects.get(code="portal")
    request.channels.set([portal])
    Publication.objects.create(request=request, channel=portal, published_at=at(published),
                               url="https://valeverde.example/n")
    history(request, [(submitted, "submit", "draft", "submitted"),
                      (published, "publish", "scheduled", "published")])
    return request


def test_publication_then_rating_changes_through_the_services(demo):
    ana = demo["ana.saude"]
    request = life(demo, lambda _name: nullcontext())
    whole = Slice(start=clock.today() - timedelta(days=30),
                  end=clock.today() + timedelta(days=30))
    _agree([whole])
    request = ContentRequest.objects.get(pk=request.pk)
    fact = _fact(request)
    assert fact is not None and fact.rating is None
    assert fact.lead == business_days_between(timezone.localdate(request.submitted_at),
                                              timezone.localdate(request.published_at))
    assert fact.published_on == timezone.localdate(request.published_at)
    # Rated after publication (the service), then the rating corrected (audited): the row
    # follows, the figure too.
    services.request_rate(request=request, by=ana, rating=4)
    _agree([whole])
    assert _fact(request).rating == 4
    ContentRequest.objects.filter(pk=request.pk).update(rating=2)
    record(by=ana, verb="rate", target=request, payload={"rating": 2})
    _agree([whole])
    assert _fact(request).rating == 2
    found = compute_all(whole, codes={"satisfaction_mean"})["satisfaction_mean"].value
    assert found == raw_indicators(whole)["satisfaction_mean"] == 2

def test_unpublished_republished_and_a_bare_channel_taken_down(demo):
    request = _published(demo, due="2031-04-17")
    _agree([APRIL])
    fact = _fact(request)
    assert (fact.lead, fact.on_time, fact.published_on) == (4, False, date(2031, 4, 18))

    # Unpublished (a correction: the publication moment cleared): the row goes.
    ContentRequest.objects.filter(pk=request.pk).update(published_at=None)
    record(by=demo["diego.editor"], verb="update", target=request,
           payload={"fields": ["published_at"]})
    _agree([APRIL])
    assert _fact(request) is None
    assert compute_all(APRIL, codes={"lead_time_median"})["lead_time_median"].value is None

    # Republished on an earlier day: back, on time now, with the new lead time.
    ContentRequest.objects.filter(pk=request.pk).update(published_at=at("2031-04-15 09:00"))
    record(by=demo["diego.editor"], verb="update", target=request,
           payload={"fields": ["published_at"]})
    _agree([APRIL])
    fact = _fact(request)
    assert (fact.lead, fact.on_time, fact.published_on) == (1, True, date(2031, 4, 15))

    # A second channel published with neither an address nor a reason: no evidence, out of
    # the figures; taken down (cancelled, audited), the request counts again.
    radio = Channel.objects.exclude(code="portal").first()
    bare = Publication.objects.create(request=request, channel=radio,
                                      published_at=at("2031-04-15 09:00"))
    record(by=demo["diego.editor"], verb="update", target=request,
           payload={"fields": ["publications"]})
    _agree([APRIL])
    assert _fact(request) is None
    Publication.objects.filter(pk=bare.pk).update(cancelled_at=at("2031-04-20 09:00"))
    record(by=demo["diego.editor"], verb="compliance_take_down", target=bare,
           payload={"channel": radio.code, "was_live": True})
    _agree([APRIL])
    assert _fact(request).lead == 1


def test_a_holiday_added_or_removed_recomputes_the_lead_times(demo):
    # Monday 14 to Friday 18 April 2031: four business days; a holiday on Wednesday 16
    # makes it three (the SLA clock's calendar), removing it four again.
    request = _published(demo)
    Holiday.objects.filter(date=date(2031, 4, 16)).delete()
    _agree([APRIL])
    assert _fact(request).lead == 4
    holiday = Holiday.objects.create(date=date(2031, 4, 16), name="Feriado municipal")
    assert _fact(request).lead == 4  # until a read rebuilds the calendar
    _agree([APRIL])
    assert _fact(request).lead == 3
    assert compute_all(APRIL, codes={"lead_time_median"})["lead_time_median"].value == 3
    holiday.delete()
    _agree([APRIL])
    assert _fact(request).lead == 4
    assert_facts_agree([APRIL])


def test_another_secretariat_and_every_kind_of_slice(demo):
    sms = Secretariat.objects.get(acronym="SMS")
    other = Secretariat.objects.exclude(pk=sms.pk).first()
    portal = Channel.objects.get(code="portal")
    made = [_published(demo, submitted=f"2031-04-{7 + n:02} 08:00",
                       published=f"2031-04-{9 + 2 * n:02} 10:00", kind=("news", "social")[n % 2],
                       due=f"2031-04-{10 + n}", rating=1 + n % 5) for n in range(5)]
    unlisted = made[4]
    unlisted.channels.set([Channel.objects.exclude(code="portal").first()])
    record(by=demo["ana.saude"], verb="update", target=unlisted,
           payload={"fields": ["channels"]})
    slices = [APRIL, Slice(start=APRIL.start, end=APRIL.end, secretariat_id=sms.pk),
              Slice(start=APRIL.start, end=APRIL.end, secretariat_id=other.pk),
              Slice(start=APRIL.start, end=APRIL.end, kind="social"),
              Slice(start=APRIL.start, end=APRIL.end, channel_id=portal.pk),
              Slice(start=APRIL.start, end=APRIL.end, scope=frozenset({other.pk})),
              Slice(start=date(2031, 4, 12), end=date(2031, 4, 15))]
    _agree(slices)
    assert PublishedFact.objects.filter(secretariat=sms).count() == 5
    # Moved to another secretariat (audited): its row follows; the slices still agree.
    ContentRequest.objects.filter(pk=made[0].pk).update(secretariat=other)
    record(by=demo["ana.saude"], verb="update", target=made[0],
           payload={"fields": ["secretariat"]})
    _agree(slices)
    assert _fact(made[0]).secretariat_id == other.pk
    of_other = Context(slices[2]).published()
    assert list(of_other.values_list("request_id", flat=True)) == [made[0].pk]
    # The channel slice keeps the requests that list the channel (not the unlisted one).
    assert unlisted.pk not in set(Context(slices[4]).published().values_list("pk", flat=True))


def test_kpi_rebuild_over_stale_rows_and_the_agreement_check_catches_one(demo):
    made = [_published(demo, submitted=f"2031-04-{7 + n:02} 08:00",
                       published=f"2031-04-{10 + n} 10:00", rating=3) for n in range(3)]
    draft = make_request(demo["ana.saude"], state="draft")
    expected = _agree([APRIL])
    assert len(expected) == 3
    # Stale rows: a wrong lead, a wrong rating, a request that is not published, one missing.
    PublishedFact.objects.filter(request_id=made[0].pk).update(lead=99)
    PublishedFact.objects.filter(request_id=made[1].pk).update(rating=5)
    PublishedFact.objects.create(request=draft, secretariat_id=draft.secretariat_id,
                                 kind="news", published_on=date(2031, 4, 20), lead=1)
    PublishedFact.objects.filter(request_id=made[2].pk).delete()
    with pytest.raises(AssertionError):
        assert_facts_agree([APRIL])
    PublishedFact.objects.filter(request_id=made[0].pk).update(lead=99)
    out = StringIO()
    call_command("kpi_rebuild", "--chunk", "2", stdout=out)
    assert published_rows() == expected
    call_command("kpi_rebuild", stdout=out)
    assert published_rows() == expected
    sizes = assert_facts_agree([APRIL])
    assert sizes["published"] == 3


def test_the_figures_are_one_group_by_over_the_facts(demo):
    for n in range(3):
        _published(demo, submitted=f"2031-04-{7 + n:02} 08:00", published=f"2031-04-{10 + n} 10:00")
    ensure_current()
    ctx = Context(APRIL)
    ctx.facts  # noqa: B018
    with CaptureQueriesContext(connection) as queries:
        results = {code: result.value for code, result in compute_all(
            APRIL, codes=FIGURES, facts=ctx.facts).items()}
    assert len(queries) == 1
    sql = queries[0]["sql"]
    assert "reports_publishedfact" in sql and "GROUP BY" in sql
    assert "workflows_contentrequest" not in sql and "reports_businessday" not in sql
    assert results["lead_time_median"] == 3


def test_the_editor_workload_reads_the_assignments_facts(demo):
    diego = demo["diego.editor"]
    first = to_review(demo)  # accepted: assigned to the editor who took it
    second = to_review(demo)
    other = next(person for person in assignable_people() if person.pk != diego.pk)
    services.request_assign(request=second, by=diego, assignee=other)
    whole = Slice(start=clock.today() - timedelta(days=30),
                  end=clock.today() + timedelta(days=30))
    sms = Secretariat.objects.get(acronym="SMS")
    moved_to = Secretariat.objects.exclude(pk=sms.pk).first()
    slices = [whole, Slice(start=whole.start, end=whole.end, secretariat_id=sms.pk),
              Slice(start=whole.start, end=whole.end, secretariat_id=moved_to.pk),
              Slice(start=whole.start, end=whole.end, kind="social"),
              Slice(start=whole.start, end=whole.end,
                    channel_id=Channel.objects.get(code="portal").pk)]
    ensure_current()
    assert workload_from_facts(whole) == raw_workload(whole)
    assert sum(raw_workload(whole).values()) == 3
    # Moved to another secretariat (audited): its assignments follow.
    ContentRequest.objects.filter(pk=first.pk).update(secretariat=moved_to)
    record(by=diego, verb="update", target=first, payload={"fields": ["secretariat"]})
    ensure_current()
    assert assigned_rows() == raw_assigned()
    for slice_ in slices:
        assert workload_from_facts(slice_) == raw_workload(slice_), slice_
    assert sum(workload_from_facts(slices[2]).values()) == 1
    # One GROUP BY over the facts (no week truncated per row).
    with CaptureQueriesContext(connection) as queries:
        compute_all(whole, codes={"editor_workload"}, facts=ensure_current())
    sql = [q["sql"] for q in queries if "reports_assignedfact" in q["sql"]]
    assert len(sql) == 1 and "GROUP BY" in sql[0] and "trunc" not in sql[0].lower()
    # Stale rows (a wrong week, a missing row) are put right by kpi_rebuild.
    expected = assigned_rows()
    AssignedFact.objects.filter(request_id=first.pk).update(week=date(2031, 1, 6))
    AssignedFact.objects.filter(request_id=second.pk).first().delete()
    with pytest.raises(AssertionError):
        assert_facts_agree(slices)
    AssignedFact.objects.filter(request_id=first.pk).update(week=date(2031, 1, 6))
    call_command("kpi_rebuild", stdout=StringIO())
    assert assigned_rows() == expected
    assert assert_facts_agree(slices)["assigned"] == 3
