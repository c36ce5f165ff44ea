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
    result = history.generate(n=40, templates=6, out=lambda line: None)
    return base, result


@pytest.mark.django_db
def test_copies_match_the_templates_and_the_chain_verifies(generated, client, demo, settings,
                                                           tmp_path):
    from audit.anchor import verify_audit
    from audit.models import AuditEvent
    from campaigns.models import Campaign
    from workflows.models import ContentRequest

    base, result = generated
    copies, per_copy = result["copies"], result["template_requests"]
    assert copies >= 2 and result["requests"] == copies * per_copy >= 40
    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path)  # this run's status is not the site's
    first = base["workflows.contentrequest"]
    # Copy k of a row is its id + k × span, span the ids the templates took (gaps included:
    # PostgreSQL's sequences keep the ids of rolled-back tests): the last copy ends at
    # first + copies × span.
    last = ContentRequest.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert (last - first) % copies == 0
    span = (last - first) // copies
    templates = ContentRequest.objects.filter(pk__gt=first, pk__lte=first + span)
    every = ContentRequest.objects.filter(pk__gt=first)
    for field in ("state", "secretariat_id", "kind"):
        once = Counter(templates.values_list(field, flat=True))
        assert Counter(every.values_list(field, flat=True)) == {
            key: count * copies for key, count in once.items()}
    # Every request's events, in order, are its template's, moved by whole weeks.
    for template in templates:
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
