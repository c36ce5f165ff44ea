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
   rework rounds).
"""

from collections import Counter, defaultdict

from django.db.models import F, Window
from django.db.models.functions import Lead
from django.utils import timezone

from audit.models import AuditEvent
from reports.facts.fold import catch_up, rebuild
from reports.facts.models import StateStay
from reports.indicators import compute_all
from reports.indicators.flow import TERMINAL
from reports.indicators.stats import median, percentile, rounded, share
from workflows.models import RequestState
from workflows.sla import business_days_between


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


def assert_facts_agree(slices=()) -> dict:
    """Raise AssertionError where the facts and the raw trail disagree; returns the sizes."""
    catch_up()
    incremental = fact_rows()
    rebuild()
    rebuilt = fact_rows()
    assert incremental == rebuilt, _first_difference(incremental, rebuilt)
    rebuild()
    assert fact_rows() == rebuilt, "a second rebuild changed the facts"
    raw = raw_stays()
    assert [row[:6] for row in rebuilt] == raw, _first_difference(
        [row[:6] for row in rebuilt], raw)
    for slice_ in slices:
        expected, found = raw_indicators(slice_), from_facts(slice_)
        assert found == expected, (slice_, found, expected)
    return {"stays": len(rebuilt), "slices": len(slices)}


def _first_difference(a: list, b: list) -> str:
    for index, (left, right) in enumerate(zip(a, b, strict=False)):
        if left != right:
            return f"row {index}: {left!r} != {right!r}"
    return f"{len(a)} rows != {len(b)} rows"
