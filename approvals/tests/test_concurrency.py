"""Many people deciding the same step at the same moment: exactly one decision closes it."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from approvals.models import ApprovalStep, Decision
from approvals.services import step_decide
from org.models import Secretariat, User
from plans.models import Channel
from workflows import services
from workflows.errors import TransitionRefused

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="row locks are only contended on PostgreSQL "
                                       "(SQLite runs one writer at a time)")


@pytest.mark.django_db(transaction=True)
def test_parallel_decisions_record_exactly_one(demo):
    approvers = Group.objects.get(name="Approver")
    deciders = []
    for n in range(8):
        user = User.objects.create_user(f"aprovador{n}", password="x")
        user.groups.add(approvers)
        deciders.append(user.pk)
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Concorrência", brief="b", channels=Channel.objects.filter(code="portal"))
    request = services.request_submit(request=request, by=demo["ana.saude"])
    request = services.request_accept(request=request, by=demo["diego.editor"])
    services.publication_save(request=request, by=demo["diego.editor"],
                              channel=Channel.objects.get(code="portal"), title="t", body="b")
    services.request_send_to_review(request=request, by=demo["diego.editor"])
    step = ApprovalStep.objects.get(request=request, approvers="group")

    barrier = threading.Barrier(len(deciders))
    outcomes = []

    def decide(user_pk):
        try:
            user = User.objects.get(pk=user_pk)
            barrier.wait()
            step_decide(step=ApprovalStep.objects.get(pk=step.pk), by=user, outcome="approve")
            outcomes.append("ok")
        except (PermissionDenied, TransitionRefused):
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(pk,)) for pk in deciders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("ok") == 1, outcomes
    assert outcomes.count("refused") == len(deciders) - 1
    assert Decision.objects.filter(step=step).count() == 1
    assert Decision.objects.filter(step=step, closes_step=True).count() == 1
    assert ApprovalStep.objects.get(pk=step.pk).status == "approved"
