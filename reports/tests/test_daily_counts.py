"""The per-day counts (``reports_dailycount``): after every step of lives played through the
services they equal the counts of the raw rows, cell by cell, and give the volume indicators
the raw rows give; folding twice and ``kpi_rebuild`` change nothing; a request moved to
another day, secretariat, kind or channel leaves no count behind."""

from contextlib import nullcontext
from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from audit.services import record
from org.models import Secretariat
from pauta import clock
from plans.models import Channel
from reports.facts.fold import catch_up
from reports.facts.models import CountedDay, DailyCount, FactsCursor
from reports.facts.testing import count_rows, raw_counts, raw_volumes, volumes_from_facts
from reports.indicators import compute_all
from reports.slices import Slice
from reports.tests.factories import at, history, make_request
from workflows import services
from workflows.models import ContentRequest, Publication
from workflows.tests.test_lifecycle_queries import life
from workflows.tests.test_lifecycle_services import new_request


def _slices() -> list[Slice]:
    start, end = clock.today() - timedelta(days=40), clock.today() + timedelta(days=40)
    portal = Channel.objects.get(code="portal")
    sms = Secretariat.objects.get(acronym="SMS")
    return [Slice(start=start, end=end), Slice(start=start, end=end, kind="news"),
            Slice(start=start, end=end, channel_id=portal.pk),
            Slice(start=start, end=end, secretariat_id=sms.pk),
            Slice(start=start, end=end, scope=frozenset({sms.pk}), kind="social")]


def _agree() -> list[tuple]:
    """Fold, then the counts equal the raw rows' and so do the volume indicators."""
    catch_up()
    rows = count_rows()
    assert rows == raw_counts()
    for slice_ in _slices():
        assert volumes_from_facts(slice_) == raw_volumes(slice_), slice_
    return rows


def _today(measure: str, **cell) -> int:
    return DailyCount.objects.filter(day=clock.today(), **cell).aggregate(
        n=Sum(measure))["n"] or 0


def test_counts_follow_every_step_through_the_services(demo):
    ana, diego = demo["ana.saude"], demo["diego.editor"]
    _agree()
    before = _today("submitted", channel=None)
    published = life(demo, lambda _name: nullcontext())
    _agree()
    assert _today("submitted", channel=None) == before + 1
    assert _today("published", channel=None, kind="news") >= 1
    assert ContentRequest.objects.get(pk=published.pk).published_at is not None

    # Created (a draft counts nowhere), submitted, returned for information, then its kind
    # and channels edited: the submission's cell moves to the new kind and channels.
    draft = new_request(demo)
    rows = _agree()
    assert not CountedDay.objects.filter(request_id=draft.pk).exists()
    request = services.request_submit(request=draft, by=ana)
    _agree()
    assert count_rows() != rows
    news = _today("submitted", channel=None, kind="news")
    request = services.request_return_for_info(request=request, by=diego, question="Quando?")
    radio = Channel.objects.exclude(code__in=["portal", "facebook"]).first()
    social = _today("submitted", channel=None, kind="social")
    services.request_update(request=request, by=ana, kind="social", channels=[radio])
    _agree()
    assert _today("submitted", channel=None, kind="news") == news - 1
    assert _today("submitted", channel=None, kind="social") == social + 1
    assert _today("submitted", channel=radio, kind="social") >= 1

    # Withdrawn (cancelled): still received that day; its pending publications cancelled.
    received = _today("submitted", channel=None)
    services.request_withdraw(request=ContentRequest.objects.get(pk=request.pk), by=ana)
    _agree()
    assert _today("submitted", channel=None) == received

    # Another secretariat (an audited change: the facts hear of it through the trail).
    other = Secretariat.objects.exclude(pk=request.secretariat_id).first()
    moved = _today("submitted", channel=None, secretariat=other)
    left = _today("submitted", channel=None, secretariat_id=request.secretariat_id)
    ContentRequest.objects.filter(pk=request.pk).update(secretariat=other)
    record(by=ana, verb="update", target=ContentRequest.objects.get(pk=request.pk),
           payload={"fields": ["secretariat"]})
    _agree()
    assert _today("submitted", channel=None, secretariat=other) == moved + 1
    assert _today("submitted", channel=None, secretariat_id=request.secretariat_id) == left - 1


def test_a_reschedule_and_a_publication_on_another_day(demo):
    published = life(demo, lambda _name: nullcontext())
    _agree()
    publication = Publication.objects.filter(request=published).first()
    # The publication date moved to another day (as a correction would): the old day's
    # counts go, the new day's come.
    new_at = publication.published_at - timedelta(days=3)
    Publication.objects.filter(request=published).update(published_at=new_at)
    ContentRequest.objects.filter(pk=published.pk).update(published_at=new_at)
    record(by=demo["diego.editor"], verb="update", target=published,
           payload={"fields": ["published_at"]})
    _agree()
    assert DailyCount.objects.filter(day=timezone.localdate(new_at),
                                     channel=publication.channel,
                                     publications__gte=1).exists()
    assert set(CountedDay.objects.filter(request=published).values_list("day", flat=True)) \
        == {timezone.localdate(new_at), timezone.localdate(published.submitted_at)}

    # A scheduled piece moved to another date counts nothing until it goes out.
    scheduled = ContentRequest.objects.filter(state="scheduled").first()
    if scheduled is not None:
        piece = Publication.objects.filter(request=scheduled, cancelled_at=None).first()
        services.publication_reschedule(publication=piece, by=demo["diego.editor"],
                                        scheduled_at=timezone.now() + timedelta(days=5))
    _agree()


def test_folding_twice_and_kpi_rebuild_change_nothing(demo):
    ana = demo["ana.saude"]
    for n in range(4):
        request = make_request(ana, kind=("news", "social")[n % 2],
                               submitted=f"2031-04-{14 + n} 08:00",
                               published=f"2031-04-{16 + n} 10:00" if n < 3 else None)
        request.channels.set(Channel.objects.filter(code__in=["portal", "facebook"][:n % 2 + 1]))
        if n < 3:
            Publication.objects.create(request=request, channel=Channel.objects.get(
                code="portal"), published_at=at(f"2031-04-{16 + n} 10:00"),
                url="https://valeverde.example/n")
        history(request, [(f"2031-04-{14 + n} 08:00", "submit", "draft", "submitted")])
    first = _agree()
    april = Slice(start=date(2031, 4, 1), end=date(2031, 4, 30))
    results = compute_all(april, codes={"requests_received", "requests_published",
                                        "publications_by_channel", "received_by_kind"})
    assert results["requests_received"].value == 4
    assert results["requests_published"].value == 3
    assert results["publications_by_channel"].value == 3
    assert {p.drill["kind"]: p.value for p in results["received_by_kind"].series} == {
        "news": 2, "social": 2}

    # Folding the whole trail again, twice, writes the same rows.
    for _again in range(2):
        FactsCursor.objects.filter(name="audit").update(last_event_id=0)
        catch_up()
        assert count_rows() == first

    # kpi_rebuild from empty (a stale row of a day nobody counts on included) gives them too.
    DailyCount.objects.all().delete()
    CountedDay.objects.all().delete()
    DailyCount.objects.create(day=date(2031, 4, 25), month=date(2031, 4, 1),
                              secretariat=Secretariat.objects.first(),
                              kind="news", submitted=7)
    out = StringIO()
    call_command("kpi_rebuild", "--chunk", "3", stdout=out)
    assert count_rows() == first
    call_command("kpi_rebuild", stdout=out)
    assert count_rows() == first
    assert "daily counts: " in out.getvalue() and "days) of requests" in out.getvalue()


def test_the_dashboard_reads_the_counts(demo):
    """The volume figures come from the facts: a count row no request backs shows."""
    ana = demo["ana.saude"]
    request = make_request(ana, submitted="2031-04-14 08:00")
    history(request, [("2031-04-14 08:00", "submit", "draft", "submitted")])
    catch_up()
    april = Slice(start=date(2031, 4, 1), end=date(2031, 4, 30))
    assert compute_all(april, codes={"requests_received"})["requests_received"].value == 1
    DailyCount.objects.filter(day=date(2031, 4, 14), channel=None).update(submitted=5)
    assert compute_all(april, codes={"requests_received"})["requests_received"].value == 5
