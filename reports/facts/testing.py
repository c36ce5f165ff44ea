"""The agreement check of the KPI facts, for tests on any history (factories, the demo, the
generated history of ``bench/history.py``). Test support only: nothing in production
imports it.

``assert_facts_agree(slices)`` checks that
1. the facts folded so far (incrementally, by ``catch_up``) equal those ``rebuild`` writes
   from the raw audit trail;
2. those facts equal the stays read straight from the trail (a ``LEAD`` window over each
   request's state changes, the computation the dashboard did before the facts);
3. on each slice, the indicators computed from the facts equal a reference computed from
   the raw trail and the raw requests in Python (time in state, lead times, SLA, ratings,
   rework rounds);
4. the per-day counts folded so far equal those of a rebuild and those counted in Python
   from the raw requests and publications (local days), and on each slice the volume
   indicators (received and published per month, by secretariat, by kind, publications per
   channel) equal those counted in Python from the slice's raw rows;
5. the published requests' facts folded so far (then brought to the current calendar, as a
   read does) equal those of a rebuild and those computed in Python from the raw requests
   and publications (evidence, local days, lead times by the SLA clock's calendar, SLA
   outcome, rating); the slices' lead time, SLA and satisfaction figures are checked by 3;
6. the assignments' facts likewise (folded = rebuilt = raw: local day and Monday, the
   request's secretariat and kind), and on each slice the editor workload equals the
   assignments of the slice's raw requests counted per local week and editor in Python.
"""

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.db.models import F, Window
from django.db.models.functions import Lead, TruncMonth
from django.utils import timezone

from audit.models import AuditEvent
from reports.facts.counts import Listed
from reports.facts.fold import catch_up, rebuild
from reports.facts.models import AssignedFact, CountedDay, DailyCount, PublishedFact, StateStay
from reports.facts.read import ensure_current
from reports.indicators import compute_all
from reports.indicators.flow import TERMINAL
from reports.indicators.stats import median, percentile, rounded, share
from workflows.models import Assignment, ContentRequest, Publication, RequestState
from workflows.sla import business_day_counter, business_days_between


def fact_rows() -> list[tuple]:
    return list(StateStay.objects.order_by("event_id").values_list(
        "event_id", "request_id", "state", "verb", "entered_at", "left_at", "days"))


def raw_stays(request_ids=None) -> list[tuple]:
    """(event, request, state, entered, left) of every stay, from the raw audit trail."""
    events = AuditEvent.objects.exclude(to_state="").exclude(request_id=None)
    if request_ids is not None:
        events = events.filter(request_id__in=request_ids)
    following = Window(Lead("created_at"), partition_by=[F("request_id")],
                       order_by=[F("created_at").asc(), F("pk").asc()])
    return sorted(events.order_by().annotate(left=following).values_list(
        "pk", "request_id", "to_state", "verb", "created_at", "left"))


def raw_indicators(slice_) -> dict:
    """The reference values of the indicators the facts feed, from raw rows in Python."""
    published = slice_.published()
    durations = defaultdict(list)
    for _pk, _request, state, _verb, entered, left in raw_stays(published.values("pk")):
        if left is not None and state not in TERMINAL:
            durations[state].append((left - entered).total_seconds() / 86400)
    labels = dict(RequestState.choices)
    leads, met, missed, ratings = [], 0, 0, []
    for sub, pub, due, rating in published.values_list("submitted_at", "published_at",
                                                        "due_date", "rating"):
        if sub is not None:
            leads.append(business_days_between(timezone.localdate(sub),
                                               timezone.localdate(pub)))
        if due is not None:
            met, missed = (met + 1, missed) if timezone.localdate(pub) <= due else (
                met, missed + 1)
        if rating is not None:
            ratings.append(rating)
    rounds = Counter(AuditEvent.objects.filter(
        verb="send_to_review", request_id__in=slice_.submitted().values("pk"))
        .values_list("request_id", flat=True))
    return {
        "rework_share": share(sum(1 for n in rounds.values() if n > 1), len(rounds)),
        "time_in_state": {str(labels[s]): rounded(median(durations[s]))
                          for s in RequestState.values if durations.get(s)},
        "lead_time_median": rounded(median(leads)),
        "lead_time_p90": rounded(percentile(leads, 0.9)),
        "sla_compliance": share(met, met + missed),
        "satisfaction_mean": rounded(sum(ratings) / len(ratings), 2) if ratings else None,
    }


def from_facts(slice_) -> dict:
    results = compute_all(slice_, codes={"time_in_state", "lead_time_median", "lead_time_p90",
                                         "sla_compliance", "satisfaction_mean",
                                         "rework_share"})
    found = {code: result.value for code, result in results.items()}
    found["time_in_state"] = {str(p.label): p.value for p in results["time_in_state"].series}
    return found


def count_rows() -> list[tuple]:
    """The per-day counts and the days each request is remembered on, sorted."""
    assert not DailyCount.objects.exclude(month=TruncMonth("day")).exists(), "a wrong month"
    counts = sorted(DailyCount.objects.values_list(
        "day", "secretariat_id", "kind", "channel_id", "submitted", "published", "publications",
        "publications_listed"), key=lambda row: (*row[:3], row[3] or 0))
    return counts + sorted(CountedDay.objects.values_list("request_id", "day"))


def raw_counts() -> list[tuple]:
    """``count_rows()`` counted in Python from the raw requests and publications."""
    local = timezone.localdate
    cells, remembered = defaultdict(lambda: [0, 0, 0, 0]), set()
    channels = defaultdict(set)
    for request_id, channel_id in Listed.objects.values_list("contentrequest_id", "channel_id"):
        channels[request_id].add(channel_id)
    bare = set(Publication.objects.filter(cancelled_at=None, url="", offline_reason="")
               .values_list("request_id", flat=True))
    requests = {}
    for pk, secretariat, kind, sub, pub in ContentRequest.objects.values_list(
            "pk", "secretariat_id", "kind", "submitted_at", "published_at"):
        requests[pk] = (secretariat, kind)
        for measure, moment in ((0, sub), (1, pub)):
            if moment is None:
                continue
            remembered.add((pk, local(moment)))
            if measure == 1 and pk in bare:
                continue
            for channel in (None, *channels[pk]):
                cells[(local(moment), secretariat, kind, channel)][measure] += 1
    for request_id, channel, moment in Publication.objects.exclude(
            published_at=None).values_list("request_id", "channel_id", "published_at"):
        secretariat, kind = requests[request_id]
        remembered.add((request_id, local(moment)))
        cell = cells[(local(moment), secretariat, kind, channel)]
        cell[2] += 1
        cell[3] += channel in channels[request_id]
    counts = sorted(((*key, *values) for key, values in cells.items()),
                    key=lambda row: (*row[:3], row[3] or 0))
    return counts + sorted(remembered)


def published_rows() -> list[tuple]:
    """The published requests' facts, by request."""
    return list(PublishedFact.objects.order_by("request_id").values_list(
        "request_id", "secretariat_id", "kind", "submitted_on", "published_on", "lead",
        "on_time", "rating"))


def raw_published() -> list[tuple]:
    """``published_rows()`` computed in Python from the raw requests and publications: the
    requests published with evidence, their local days, the business days between them by
    the SLA clock's calendar (``workflows.sla``, the holidays as they are now)."""
    local = timezone.localdate
    bare = set(Publication.objects.filter(cancelled_at=None, url="", offline_reason="")
               .values_list("request_id", flat=True))
    found = [(pk, secretariat, kind, local(sub) if sub else None, local(pub), due, rating)
             for pk, secretariat, kind, sub, pub, due, rating in ContentRequest.objects
             .exclude(published_at=None).order_by("pk").values_list(
                 "pk", "secretariat_id", "kind", "submitted_at", "published_at", "due_date",
                 "rating") if pk not in bare]
    days = [day for row in found for day in row[3:5] if day is not None]
    between = business_day_counter(min(days), max(days)) if days else None
    return [(pk, secretariat, kind, sub, pub, between(sub, pub) if sub else None,
             None if due is None else pub <= due, rating)
            for pk, secretariat, kind, sub, pub, due, rating in found]


def assigned_rows() -> list[tuple]:
    """The assignments' facts, by assignment."""
    return list(AssignedFact.objects.order_by("assignment_id").values_list(
        "assignment_id", "request_id", "user_id", "secretariat_id", "kind", "day", "week"))


def raw_assigned() -> list[tuple]:
    """``assigned_rows()`` from the raw assignments and their requests, in Python."""
    rows = []
    for pk, request_id, user_id, secretariat, kind, moment in Assignment.objects.order_by(
            "pk").values_list("pk", "request_id", "user_id", "request__secretariat_id",
                              "request__kind", "created_at"):
        day = timezone.localdate(moment)
        rows.append((pk, request_id, user_id, secretariat, kind, day,
                     day - timedelta(days=day.weekday())))
    return rows


def raw_workload(slice_) -> Counter:
    """The editor workload of a slice from the raw assignments: {(Monday, editor): n}."""
    low, high = slice_.bounds()
    found: Counter = Counter()
    for moment, user_id in Assignment.objects.filter(
            request__in=slice_.requests(), created_at__gte=low,
            created_at__lt=high).values_list("created_at", "user_id"):
        day = timezone.localdate(moment)
        found[(day - timedelta(days=day.weekday()), user_id)] += 1
    return found


def workload_from_facts(slice_) -> Counter:
    result = compute_all(slice_, codes={"editor_workload"})["editor_workload"]
    found: Counter = Counter()
    for point in result.series:
        found[(date.fromisoformat(point.drill["assigned_week"]),
               point.drill["assigned_to"])] += point.value
    assert result.value == sum(found.values()), result
    return found


def raw_volumes(slice_) -> dict:
    """The volume indicators' figures counted in Python from the slice's raw rows."""
    month = "{:%Y-%m}".format
    received = list(slice_.submitted().values_list("submitted_at", "secretariat__acronym",
                                                   "kind"))
    published = slice_.published().values_list("published_at", flat=True)
    low, high = slice_.bounds()
    publications = Publication.objects.filter(request__in=slice_.requests(),
                                              published_at__gte=low, published_at__lt=high)
    if slice_.channel_id:
        publications = publications.filter(channel_id=slice_.channel_id)
    return {
        "requests_received": Counter(month(timezone.localdate(at)) for at, _s, _k in received),
        "requests_published": Counter(month(timezone.localdate(at)) for at in published),
        "received_by_secretariat": Counter(acronym for _at, acronym, _k in received),
        "received_by_kind": Counter(kind for _at, _s, kind in received),
        "publications_by_channel": Counter(publications.values_list("channel__name",
                                                                    flat=True)),
    }


def volumes_from_facts(slice_) -> dict:
    results = compute_all(slice_, codes={"requests_received", "requests_published",
                                         "received_by_secretariat", "received_by_kind",
                                         "publications_by_channel"})
    found = {}
    for code, result in results.items():
        if code.startswith("requests_"):  # one point per month of the period, keyed by month
            series = {point.drill[next(iter(point.drill))][:7]: point.value
                      for point in result.series}
        elif code == "received_by_kind":
            series = {point.drill["kind"]: point.value for point in result.series}
        else:
            series = {str(point.label): point.value for point in result.series}
        assert result.value == sum(series.values()), (code, result)
        found[code] = Counter({key: n for key, n in series.items() if n})
    return found


def assert_facts_agree(slices=()) -> dict:
    """Raise AssertionError where the facts and the raw trail disagree; returns the sizes."""
    catch_up()
    incremental, incremental_counts = fact_rows(), count_rows()
    ensure_current()  # what a read does: the calendar rebuilt if the holidays changed
    incremental_published, incremental_assigned = published_rows(), assigned_rows()
    rebuild()
    rebuilt, rebuilt_counts, rebuilt_published = fact_rows(), count_rows(), published_rows()
    rebuilt_assigned = assigned_rows()
    assert incremental_assigned == rebuilt_assigned, _first_difference(
        incremental_assigned, rebuilt_assigned)
    assert incremental == rebuilt, _first_difference(incremental, rebuilt)
    assert incremental_counts == rebuilt_counts, _first_difference(incremental_counts,
                                                                   rebuilt_counts)
    assert incremental_published == rebuilt_published, _first_difference(
        incremental_published, rebuilt_published)
    rebuild()
    assert fact_rows() == rebuilt, "a second rebuild changed the facts"
    assert count_rows() == rebuilt_counts, "a second rebuild changed the counts"
    assert published_rows() == rebuilt_published, "a second rebuild changed the published"
    assert assigned_rows() == rebuilt_assigned, "a second rebuild changed the assignments"
    raw = raw_published()
    assert rebuilt_published == raw, _first_difference(rebuilt_published, raw)
    raw = raw_assigned()
    assert rebuilt_assigned == raw, _first_difference(rebuilt_assigned, raw)
    raw = raw_stays()
    assert [row[:6] for row in rebuilt] == raw, _first_difference(
        [row[:6] for row in rebuilt], raw)
    raw = raw_counts()
    assert rebuilt_counts == raw, _first_difference(rebuilt_counts, raw)
    for slice_ in slices:
        expected, found = raw_indicators(slice_), from_facts(slice_)
        assert found == expected, (slice_, found, expected)
        expected, found = raw_volumes(slice_), volumes_from_facts(slice_)
        assert found == expected, (slice_, found, expected)
        expected, found = raw_workload(slice_), workload_from_facts(slice_)
        assert found == expected, (slice_, found, expected)
    return {"stays": len(rebuilt), "counts": DailyCount.objects.count(),
            "published": len(rebuilt_published), "assigned": len(rebuilt_assigned),
            "slices": len(slices)}


def _first_difference(a: list, b: list) -> str:
    for index, (left, right) in enumerate(zip(a, b, strict=False)):
        if left != right:
            return f"row {index}: {left!r} != {right!r}"
    return f"{len(a)} rows != {len(b)} rows"
