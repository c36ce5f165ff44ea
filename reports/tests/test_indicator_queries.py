"""The dashboard's hot spots done by the database: same values as the per-row Python they
replace, on a factory-built history, with the number of queries pinned."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from reports.facts.fold import catch_up
from reports.facts.read import ensure_current, middle_stays
from reports.indicators import REGISTRY, compute_all
from reports.indicators.context import Context
from reports.indicators.flow import TERMINAL
from reports.indicators.stats import median
from reports.slices import Slice
from reports.tests.factories import at, history, make_request
from reports.tests.test_indicators import APRIL, april  # noqa: F401 (fixture)
from tests.query_plans import plan


def _walk(request_ids) -> dict[str, list[float]]:
    """The former Python walk over the state changes: the reference values."""
    events = (AuditEvent.objects.filter(request_id__in=request_ids).exclude(to_state="")
              .order_by("request_id", "created_at", "pk")
              .values_list("request_id", "to_state", "created_at"))
    durations, previous = defaultdict(list), None
    for request_id, state, moment in events:
        if previous and previous[0] == request_id and previous[1] not in TERMINAL:
            durations[previous[1]].append((moment - previous[2]).total_seconds() / 86400)
        previous = (request_id, state, moment)
    return durations


@pytest.fixture
def longer(april):  # noqa: F811
    """April plus a request with a loop and an archive after publication (terminal stay)."""
    extra = make_request(april["A"].requester, submitted="2031-04-02 08:00",
                         published="2031-04-29 16:00", state="archived")
    history(extra, [
        ("2031-04-02 08:00", "submit", "draft", "submitted"),
        ("2031-04-02 08:00", "accept", "submitted", "in_production"),  # same instant: by pk
        ("2031-04-03 09:30", "send_to_review", "in_production", "in_review"),
        ("2031-04-07 11:00", "request_changes", "in_review", "in_production"),
        ("2031-04-08 12:00", "send_to_review", "in_production", "in_review"),
        ("2031-04-15 13:00", "approve", "in_review", "approved"),
        ("2031-04-28 14:00", "schedule", "approved", "scheduled"),
        ("2031-04-29 16:00", "publish", "scheduled", "published"),
        ("2031-04-30 23:30", "archive", "published", "archived"),
    ])
    return april


def test_time_in_state_is_one_window_query_over_the_facts_with_the_walks_medians(longer):
    expected = _walk(APRIL.published().values("pk"))
    assert len(expected["in_production"]) == 4  # two stays of A, two of the new request
    ensure_current()
    with CaptureQueriesContext(connection) as queries:
        found = middle_stays(APRIL.published(), TERMINAL)
    assert len(queries) == 1
    assert "ROW_NUMBER" in queries[0]["sql"].upper()
    assert "workflows_auditevent" not in queries[0]["sql"]  # the facts, not the trail
    assert set(found) == set(expected)
    for state, stays in expected.items():
        assert median(found[state]) == pytest.approx(median(stays))
        assert len(found[state]) == (1 if len(stays) % 2 else 2)  # only the middle rows
    assert "archived" not in found and "published" not in found


def test_month_buckets_are_local_months_from_the_database(demo):
    ana = demo["ana.saude"]
    # 30 April 22:30 in São Paulo is already 1 May in UTC: it belongs to April.
    make_request(ana, submitted="2031-04-30 22:30", published="2031-05-01 00:30")
    make_request(ana, submitted="2031-05-01 00:10", published="2031-05-31 23:50")
    make_request(ana, submitted="2031-03-31 23:59", published="2031-04-01 00:01")
    spring = Slice(start=date(2031, 3, 1), end=date(2031, 5, 31))
    ctx = Context(spring)
    ctx.facts  # noqa: B018  (the new requests folded into the per-day counts first)
    with CaptureQueriesContext(connection) as queries:
        received = REGISTRY["requests_received"].compute(ctx)
        published = REGISTRY["requests_published"].compute(ctx)
    assert len(queries) == 2
    assert all("ORDER BY" not in q["sql"].upper() for q in queries)
    assert [p.value for p in received.series] == [1, 1, 1]
    assert [p.value for p in published.series] == [0, 1, 2]
    assert (received.value, published.value) == (3, 3)
    # Lead times and SLA days come from local dates computed in the database too.
    from workflows.sla import business_day_counter

    between = business_day_counter(date(2031, 3, 1), date(2031, 6, 1))
    reference = [between(timezone.localdate(sub), timezone.localdate(pub))
                 for sub, pub in spring.published().values_list("submitted_at", "published_at")]
    assert sorted(reference) == [1, 1, 21]
    assert ctx.lead_times == {1: 2, 21: 1}  # the same, grouped by the database
    # Published 2 June 22:30 local (3 June in UTC), due 2 June: on time by the local day.
    make_request(ana, submitted="2031-06-02 09:00", published="2031-06-02 22:30",
                 due="2031-06-02")
    june = Context(Slice(start=date(2031, 6, 1), end=date(2031, 6, 30)))
    assert june.sla_counts == (1, 0)
    assert june.lead_times == {0: 1}


def test_editor_workload_weeks_are_local(demo):
    from workflows.models import Assignment

    ana, diego = demo["ana.saude"], demo["diego.editor"]
    request = make_request(ana, submitted="2031-04-06 08:00")
    for moment in ("2031-04-06 23:30", "2031-04-07 00:30", "2031-04-13 12:00"):
        row = Assignment.objects.create(request=request, user=diego, assigned_by=diego)
        Assignment.objects.filter(pk=row.pk).update(created_at=at(moment))
        record(by=diego, verb="assign", target=request)  # as the service does
    ctx = Context(APRIL)
    ctx.facts  # noqa: B018  (the assignments folded into their facts)
    with CaptureQueriesContext(connection) as queries:
        result = REGISTRY["editor_workload"].compute(ctx)
    assert len(queries) == 1
    weeks = [(p.label, p.value) for p in result.series]
    # Sun 6 → week of Mon 31 March; Mon 7 and Sun 13 → week of Mon 7 April.
    assert [value for _label, value in weeks] == [1, 2]
    assert result.value == 3
    local = timezone.localtime(at("2031-04-06 23:30")).date()
    assert local == date(2031, 4, 6)


def test_compliance_summary_filters_requests_only_when_the_slice_does(april):  # noqa: F811
    from approvals.compliance.selectors import summary_by_rule

    ctx = Context(APRIL)
    with CaptureQueriesContext(connection) as queries:
        result = REGISTRY["compliance_findings_by_rule"].compute(ctx)
    assert not any("IN (SELECT" in q["sql"].upper() for q in queries)
    low, high = APRIL.bounds()
    assert ctx.__dict__["compliance_rows"] == summary_by_rule(
        since=low, until=high, requests=APRIL.requests())
    assert result.value == sum(row["findings"] for row in ctx.__dict__["compliance_rows"])
    narrowed = Context(Slice(start=APRIL.start, end=APRIL.end, kind="social"))
    with CaptureQueriesContext(connection) as queries:
        REGISTRY["compliance_findings_by_rule"].compute(narrowed)
    assert any("IN (SELECT" in q["sql"].upper() for q in queries)


def test_plan_targets_on_one_slice_share_one_context(april):  # noqa: F811
    from pauta import clock
    from plans.models import KPITarget, Plan, PlanState
    from reports.indicators.targets import target_rows
    from reports.models import TargetLink

    plan = Plan.objects.create(year=2031, title="Plano 2031", state=PlanState.APPROVED)
    for code, indicator in [("K1", "lead_time_median"), ("K2", "lead_time_p90"),
                            ("K3", "sla_compliance"), ("K4", "satisfaction_mean")]:
        target = KPITarget.objects.create(plan=plan, code=code, indicator=code,
                                          start=APRIL.start, end=APRIL.end,
                                          target=Decimal("5"))
        TargetLink.objects.create(target=target, indicator=indicator)
    catch_up()  # the facts folded first (the per-day counts read requests when folding)
    with clock.travel(at("2031-05-10 12:00")), CaptureQueriesContext(connection) as queries:
        rows = target_rows(plan, clock.today())
    # The published requests' facts grouped once for the four targets (none of them reads
    # the requests themselves).
    published = [q for q in queries if 'FROM "reports_publishedfact"' in q["sql"]]
    assert len(published) == 1
    assert not any('"published_at" >=' in q["sql"] for q in queries)
    expected = compute_all(APRIL, codes={"lead_time_median", "lead_time_p90",
                                         "sla_compliance", "satisfaction_mean"})
    assert [row.actual for row in rows] == [
        expected[code].value for code in ("lead_time_median", "lead_time_p90",
                                          "sla_compliance", "satisfaction_mean")]


def test_the_plans_execution_is_read_once_for_the_dashboard_and_its_targets(april):  # noqa: F811
    from pauta import clock
    from plans.models import KPITarget, Plan, PlanState
    from reports.models import TargetLink
    from reports.selectors import computed

    plan = Plan.objects.create(year=2031, title="Plano 2031", state=PlanState.APPROVED)
    for code, secretariat in [("K1", None), ("K2", april["A"].secretariat)]:
        target = KPITarget.objects.create(plan=plan, code=code, indicator=code,
                                          start=date(2031, 1, 1), end=date(2031, 12, 31),
                                          target=Decimal("5"))
        TargetLink.objects.create(target=target, indicator="plan_pieces_published",
                                  secretariat=secretariat)
    catch_up()
    alone = {code: REGISTRY[code].compute(Context(APRIL)).value
             for code in ("plan_actions_covered", "plan_pieces_published")}
    with clock.travel(at("2031-05-10 12:00")), CaptureQueriesContext(connection) as queries:
        results, rows = computed(APRIL, with_targets=True, facts=ensure_current())
    # The dashboard's Context and the targets' two Contexts (two slices) share one read of
    # the plan's actions with their counts.
    actions = [q for q in queries if 'FROM "plans_planaction"' in q["sql"]]
    assert len(actions) == 1
    assert len(rows) == 2 and rows[0].slice != rows[1].slice
    assert {code: results[code].value for code in alone} == alone


def test_the_dashboard_links_are_the_request_list_with_the_slice_filters(demo):
    """``Slice.linker`` (the list's address reversed once per dashboard) gives what reversing
    it for every figure gave: the slice's filters, then the figure's."""
    from urllib.parse import urlencode

    from django.urls import reverse

    slice_ = Slice(start=APRIL.start, end=APRIL.end, secretariat_id=3, kind="news")
    link = slice_.linker()
    for params in ({"state": "published", "published_after": "2031-04-01"}, {"rounds": "1+"}):
        assert link(params) == slice_.list_url(params) == (
            reverse("workflows:list") + "?" + urlencode({"view": "all", "secretariat": 3,
                                                         "kind": "news", **params}))
    assert link(None) is None and link({"url": "/campaigns/7/"}) == "/campaigns/7/"


def _plans_of(queries, table: str) -> list[str]:
    """The plans of the captured queries that read ``table``."""
    return [plan(q["sql"]) for q in queries if f'FROM "{table}"' in q["sql"]]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner text")
def test_the_gate_the_overrides_and_the_divergent_pieces_are_read_by_index(april):  # noqa: F811
    """Three indicators' reads by the index made for them, the plans of the queries the
    dashboard runs (at 50,000 requests, a year: the consent gate 40 ms → 0.1, the period's
    overrides 41 → 6, the divergent publications 36 → 4). SQLite has no statistics here, as
    after ``migrate``: the plans are those of a big history too."""
    ctx = Context(APRIL)
    with CaptureQueriesContext(connection) as queries:
        for code in ("media_gate_blocked_requests", "compliance_overrides_by_rule",
                     "publication_divergent"):
            REGISTRY[code].compute(ctx)
    (gate,) = [text for text in _plans_of(queries, "approvals_findingrecord")
               if "approvals_finding_rule" in text]
    assert "COVERING INDEX approvals_finding_rule (rule=? AND severity=?)" in gate, gate
    (overrides,) = _plans_of(queries, "approvals_findingoverride")
    assert "COVERING INDEX approvals_override_when (created_at>? AND created_at<?)" in \
        overrides, overrides
    (divergent,) = _plans_of(queries, "workflows_publication")
    assert "workflows_pub_out (published_at>? AND published_at<?)" in divergent, divergent


def test_divergent_pieces_filter_the_requests_only_when_the_slice_does(april):  # noqa: F811
    """Not ``request_id IN (every request)`` for a slice that keeps them all (the database
    then went through every publication of the history by request); the same count as with
    the filter, and a slice that narrows still narrows."""
    from plans.models import Channel
    from publishing.models import Snapshot, Verdict
    from workflows.models import Publication

    channel = Channel.objects.order_by("pk").first()
    published = [Publication.objects.create(request=april[key], channel=channel,
                                            published_at=at("2031-04-20 10:00"))
                 for key in ("A", "C")]
    assert published[0].request.kind != published[1].request.kind
    for publication in published:
        Snapshot.objects.create(publication=publication, purpose=Snapshot.Purpose.PROOF,
                                verdict=Verdict.DIVERGENT, url="https://example.gov.br/x")
    with CaptureQueriesContext(connection) as queries:
        everything = REGISTRY["publication_divergent"].compute(Context(APRIL))
    (sql,) = [q["sql"] for q in queries if 'FROM "workflows_publication"' in q["sql"]]
    assert "IN (SELECT" not in sql.upper()
    assert everything.value == 2
    kind = published[0].request.kind
    narrowed = REGISTRY["publication_divergent"].compute(
        Context(Slice(start=APRIL.start, end=APRIL.end, kind=kind)))
    assert narrowed.value == 1
    other = REGISTRY["publication_divergent"].compute(
        Context(Slice(start=APRIL.start, end=APRIL.end, kind="no-such-kind")))
    assert other.value == 0
