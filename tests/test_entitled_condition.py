"""The inbox reads only the steps a person may be entitled to (``entitled_condition``, in the
database) and still checks each one (``can_decide_step``): the decisions are the same as
checking every pending step in Python, for every demo person and every kind of decider."""

import pytest

from approvals.models import ApprovalStep, PolicyStep, StepStatus
from approvals.permissions import can_decide_step, entitled_condition, is_entitled
from approvals.selectors import decidable_steps
from campaigns.tests.test_services import _in_approval
from org.models import Membership, Secretariat
from org.selectors import NearestHeads, heads_of
from plans.models import Channel
from workflows import services
from workflows.models import ContentRequest

pytestmark = pytest.mark.django_db


def _in_review(demo):
    ana, diego = demo["ana.saude"], demo["diego.editor"]
    portal = Channel.objects.get(code="portal")
    request = services.request_create(by=ana, secretariat=ana.memberships.first().secretariat,
                                      kind="news", title="Revisão", brief="b", channels=[portal])
    request = services.request_submit(request=request, by=ana)
    request = services.request_accept(request=request, by=diego)
    services.publication_save(request=request, by=diego, channel=portal, title="t", body="b")
    return services.request_send_to_review(request=request, by=diego)


def _every_kind_of_step(demo):
    """Pending steps of a request and a campaign, with a copy of one for each kind of decider
    (the secretariat, its head, a group, legal) so that each branch is asked."""
    request, campaign = _in_review(demo), _in_approval(demo)
    template = ApprovalStep.objects.filter(request=request, status=StepStatus.PENDING).first()
    group = ApprovalStep.objects.exclude(group=None).first().group
    for approvers, legal in ((PolicyStep.Approvers.SECRETARIAT, False),
                             (PolicyStep.Approvers.SECRETARIAT_HEAD, False),
                             (PolicyStep.Approvers.GROUP, False),
                             (PolicyStep.Approvers.GROUP, True)):
        for target in ({"request": request}, {"campaign": campaign}):
            ApprovalStep.objects.create(
                **target, review_round=template.review_round, stage=template.stage,
                name=f"{approvers} {legal}", approvers=approvers, legal=legal,
                group=group if approvers == PolicyStep.Approvers.GROUP else None,
                quorum=template.quorum, status=StepStatus.PENDING)
    return list(ApprovalStep.objects.filter(status=StepStatus.PENDING))


def test_the_database_filter_keeps_every_step_a_person_is_entitled_to(demo):
    steps = _every_kind_of_step(demo)
    assert {s.approvers for s in steps} == set(PolicyStep.Approvers.values)
    entitled_somewhere = 0
    for user in demo.values():
        for field in ("request", "campaign"):
            kept = set(ApprovalStep.objects.filter(entitled_condition(user, field))
                       .values_list("pk", flat=True))
            for step in steps:
                if getattr(step, f"{field}_id") and is_entitled(user, step):
                    entitled_somewhere += 1
                    assert step.pk in kept, (user.username, step.name)
    assert entitled_somewhere >= 8  # the kinds of deciders are there


def test_decidable_steps_are_those_every_pending_step_checked_in_python_gives(demo):
    steps = _every_kind_of_step(demo)
    found_any = False
    for user in demo.values():
        expected = sorted(s.pk for s in steps if can_decide_step(user, s))
        assert sorted(s.pk for s in decidable_steps(user)) == expected, user.username
        found_any = found_any or bool(expected)
    assert found_any


def test_nearest_heads_answers_as_heads_of_for_every_secretariat(demo):
    saude = Secretariat.objects.get(acronym="SMS")
    unit = Secretariat.objects.create(name="Vigilância", acronym="VIG", parent=saude)
    inner = Secretariat.objects.create(name="Zoonoses", acronym="ZOO", parent=unit)
    Membership.objects.create(user=demo["bruno.educacao"], secretariat=unit,
                              role=Membership.Role.HEAD)
    of = NearestHeads()
    for secretariat in Secretariat.objects.all():
        assert of(secretariat.pk) == set(heads_of(secretariat).values_list("pk", flat=True)), \
            secretariat.acronym
    assert of(inner.pk) == {demo["bruno.educacao"].pk}  # the nearest head above
    assert of(saude.pk) and demo["bruno.educacao"].pk not in of(saude.pk)
    assert of.headed_by(demo["bruno.educacao"].pk) >= {unit.pk, inner.pk}
    assert saude.pk not in of.headed_by(demo["bruno.educacao"].pk)


def test_decisions_name_the_oldest_and_count_all_as_pending_decisions_lists_them(demo):
    from approvals.selectors import Decisions, pending_decisions

    _every_kind_of_step(demo)
    compared = 0
    for user in demo.values():
        every = pending_decisions(user)
        decisions = Decisions(user)
        assert decisions.count() == len(every), user.username
        by_kind = {}
        for d in every:
            by_kind[type(d.target)] = by_kind.get(type(d.target), 0) + 1
        assert {m: n for m, n in decisions.counts().items() if n} == by_kind, user.username
        assert [d.step.pk for d in decisions.oldest(2)] == [d.step.pk for d in every[:2]]
        requests = {d.target.pk for d in every if d.step.request_id}
        assert set(decisions.targets(ContentRequest).values_list("request_id", flat=True)) \
            == requests, user.username
        compared += len(every)
    assert compared >= 8
