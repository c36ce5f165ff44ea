"""bench/history.py at small N: the replayed copies match the templates the services wrote."""

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "bench_history_generator", Path(__file__).resolve().parent.parent / "bench" / "history.py")
history = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(history)


@pytest.fixture
def generated(demo):
    base = history.baseline()
    # 3 pieces in the played campaign (the benchmark's 30 cost half a minute more)
    result = history.generate(n=40, templates=6, out=lambda line: None, campaign_pieces=3)
    return base, result


@pytest.mark.django_db
def test_copies_match_the_templates_and_the_chain_verifies(generated, client, demo, settings,
                                                           tmp_path):
    from audit.anchor import verify_audit
    from audit.models import AuditEvent
    from campaigns.models import Campaign
    from workflows.models import ContentRequest, ContentRequestProcess

    base, result = generated
    copies, per_copy = result["copies"], result["copy_requests"]
    held = result["template_requests"]
    assert 0 < per_copy < held
    assert copies == history.copies_for(40, held, per_copy) >= 2
    assert held + (copies - 1) * per_copy >= 40 > held + (copies - 2) * per_copy
    assert result["requests"] == held + (copies - 1) * per_copy + 3
    played = Campaign.objects.get(title=history.BIG_CAMPAIGN_TITLE)
    assert played.pieces.count() == 3 and played.state == "running"
    replayed = ContentRequest.objects.exclude(campaign=played)
    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path)  # this run's status is not the site's
    first = base["workflows.contentrequest"]
    # Copy k of a row is its id + k × span, span the ids the templates took (gaps included:
    # PostgreSQL's sequences keep the ids of rolled-back tests).
    span = result["request_span"]
    templates = ContentRequest.objects.filter(pk__gt=first, pk__lte=first + span)
    assert templates.count() == held
    # A copy holds the finished requests of finished (or no) campaigns, nothing open.
    finished = templates.filter(state__in=history.FINAL_REQUEST_STATES).exclude(
        campaign__isnull=False, campaign__state__in=set(Campaign.objects.values_list(
            "state", flat=True)) - history.FINAL_CAMPAIGN_STATES)
    assert finished.count() == per_copy
    every = replayed.filter(pk__gt=first)
    def shape(requests):  # what no copy changes
        return Counter((state, campaign is None, action is None) for state, campaign, action
                       in requests.values_list("state", "campaign_id", "plan_action_id"))

    assert shape(every) == shape(templates) + Counter(
        {key: count * (copies - 1) for key, count in shape(finished).items()})
    assert_copies_vary(finished, copies, span)
    for template in templates.exclude(pk__in=finished):
        assert not replayed.filter(
            pk__in=[template.pk + k * span for k in range(1, copies)]).exists()
    # Every request's events, in order, are its template's, moved by whole weeks.
    for template in finished:
        verbs = list(AuditEvent.objects.filter(request=template).order_by("pk")
                     .values_list("verb", "created_at"))
        assert verbs, template
        for k in range(1, copies):
            copy = ContentRequest.objects.get(pk=template.pk + k * span)
            moved = list(AuditEvent.objects.filter(request=copy).order_by("pk")
                         .values_list("verb", "created_at"))
            assert [v for v, _ in moved] == [v for v, _ in verbs]
            shifts = {(a - b) for (_, a), (_, b) in zip(verbs, moved, strict=True)}
            assert len(shifts) == 1 and shifts.pop().days % 7 == 0
            assert copy.title == template.title and copy.state == template.state
            # viewflow's process row and the request's own (a multi-table child) are copied
            # together: the copy's process is its template's, moved, with its tasks
            if hasattr(template, "process"):
                process = ContentRequestProcess.objects.get(request=copy)
                assert process.pk != template.process.pk
                def tasks(of):
                    return sorted((str(t), s) for t, s in of.task_set.values_list("flow_task",
                                                                                    "status"))
                assert tasks(process) == tasks(template.process) != []
            else:
                assert not ContentRequestProcess.objects.filter(request=copy).exists()
    outcome = verify_audit(full=True, write_checkpoint=False, source="command")
    assert outcome.ok, outcome.problem
    assert outcome.count == AuditEvent.objects.count()
    client.force_login(demo["fernanda.chefe"])
    longest = max(every, key=lambda r: r.events.count())
    assert client.get(f"/requests/{longest.pk}/").status_code == 200
    assert client.get(f"/requests/{every.last().pk}/").status_code == 200
    campaign = Campaign.objects.order_by("-pk").first()
    assert campaign is not None
    assert client.get(f"/campaigns/{campaign.pk}/").status_code == 200
    assert client.get("/requests/?view=all").status_code == 200


def assert_copies_vary(templates, copies, span):
    """Copy k of a request is k secretariats further along the demo's requesting secretariats
    (alphabetical), asked by that secretariat's requester, and k kinds further along the kinds
    whose demo channels meet its channels (which stay the template's)."""
    from plans.models import PlanAction
    from workflows.demo import CHANNELS, REQUESTERS
    from workflows.models import ContentRequest, RequestKind

    ring = sorted(REQUESTERS)
    moved = kinds = 0
    for template in templates.select_related("secretariat", "requester", "plan_action"):
        codes = set(template.channels.values_list("code", flat=True))
        allowed = [kind for kind in RequestKind.values if set(CHANNELS[kind]) & codes]
        acronym = template.secretariat.acronym
        for k in range(1, copies):
            copy = ContentRequest.objects.select_related("secretariat", "requester").get(
                pk=template.pk + k * span)
            assert set(copy.channels.values_list("code", flat=True)) == codes
            if acronym in ring:
                expected = ring[(ring.index(acronym) + k) % len(ring)]
                assert copy.secretariat.acronym == expected, (template, k)
                if template.requester.username == REQUESTERS[acronym]:
                    assert copy.requester.username == REQUESTERS[expected]
                action = template.plan_action
                if action is not None and action.owner_id == template.secretariat_id:
                    has = PlanAction.objects.filter(owner__acronym=expected).exists()
                    assert copy.plan_action.owner.acronym == (expected if has else acronym)
                moved += 1
            else:
                assert copy.secretariat_id == template.secretariat_id
            if template.kind in allowed:
                assert copy.kind == allowed[(allowed.index(template.kind) + k) % len(allowed)]
                kinds += copy.kind != template.kind
            else:
                assert copy.kind == template.kind
    assert moved and kinds  # the copies did change secretariats and kinds


@pytest.mark.django_db
def test_the_kpi_facts_agree_with_the_raw_trail_on_the_generated_history(generated):
    """The generated history (bulk rows, facts rebuilt by ``kpi_rebuild``) through the facts'
    agreement check: facts = rebuild = raw stays; indicators from facts = from raw rows."""
    from datetime import timedelta

    from django.db.models import Max, Min
    from django.utils import timezone

    from reports.facts.testing import assert_facts_agree
    from reports.slices import Slice
    from workflows.models import ContentRequest

    base, _result = generated
    span = ContentRequest.objects.filter(pk__gt=base["workflows.contentrequest"]).aggregate(
        first=Min("submitted_at"), last=Max("submitted_at"))
    start = timezone.localdate(span["first"]) - timedelta(days=1)
    end = timezone.localdate(span["last"]) + timedelta(days=60)
    sizes = assert_facts_agree([Slice(start=start, end=end),
                                Slice(start=start, end=end, kind="news")])
    assert sizes["stays"] > ContentRequest.objects.count()  # every request has stays


def _open_and_configuration():
    """What a copy must not add: open requests and campaigns, active viewflow tasks, steps
    not decided, the compliance configuration; and the closed requests, which it adds."""
    from viewflow.workflow.models import Task

    from approvals.compliance.models import AllowedDomain, PublicOfficial
    from approvals.models import ApprovalStep
    from campaigns.models import Campaign
    from workflows.models import ContentRequest

    return {"open requests": ContentRequest.objects.exclude(
                state__in=history.FINAL_REQUEST_STATES).count(),
            "open campaigns": Campaign.objects.exclude(
                state__in=history.FINAL_CAMPAIGN_STATES).count(),
            "active tasks": Task.objects.exclude(status__in=["DONE", "CANCELED"]).count(),
            "undecided steps": ApprovalStep.objects.filter(
                status__in=["waiting", "pending"]).count(),
            "officials": PublicOfficial.objects.count(),
            "domains": AllowedDomain.objects.count(),
            "closed requests": ContentRequest.objects.filter(
                state__in=history.FINAL_REQUEST_STATES).count()}


@pytest.mark.django_db
def test_copies_hold_finished_work_and_no_configuration(demo, settings, tmp_path):
    """1 copy (the templates alone) against 3: the open work and the configuration are the
    same, the closed requests grow by two copies' worth; the chain still verifies."""
    from audit.anchor import verify_audit
    from audit.models import AuditEvent

    base = history.baseline()
    history.play_templates(6, out=lambda line: None)
    one = _open_and_configuration()
    assert one["open requests"] and one["active tasks"] and one["undecided steps"]
    assert one["officials"] and one["domains"] and one["open campaigns"]
    prepared = history.prepare(base)
    counts = history.replay(base, 3, out=lambda line: None, prepared=prepared)
    three = _open_and_configuration()
    per_copy = len(prepared[2][next(m for m in prepared[2]
                                    if m._meta.label_lower == "workflows.contentrequest")])
    assert per_copy > 0
    assert three["closed requests"] == one["closed requests"] + 2 * per_copy
    assert {k: v for k, v in three.items() if k != "closed requests"} == \
        {k: v for k, v in one.items() if k != "closed requests"}
    assert "approvals.publicofficial" not in counts
    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path)
    outcome = verify_audit(full=True, write_checkpoint=False, source="command")
    assert outcome.ok, outcome.problem
    assert outcome.count == AuditEvent.objects.count() > counts["audit.auditevent"] // 3
