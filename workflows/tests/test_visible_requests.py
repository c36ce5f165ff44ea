"""Who reads which requests (``workflows.permissions.visible_requests``): each request once,
without a DISTINCT over whole rows (every count of a person's tabs ran over it)."""

import pytest

from approvals.models import ApprovalStep
from org.models import Secretariat
from workflows import permissions as perms
from workflows.tests.factories import ContentRequestFactory

pytestmark = pytest.mark.django_db


def _step(request, legal):
    return ApprovalStep.objects.create(request=request, review_round=1, stage=1, name="Etapa",
                                       approvers="secretariat", quorum="any", legal=legal)


def test_a_legal_reviewer_reads_each_routed_request_once(demo):
    lawyer = demo["gustavo.juridico"]
    assert not lawyer.has_perm(perms.VIEW_ALL) and lawyer.has_perm(perms.DECIDE_LEGAL)
    elsewhere = Secretariat.objects.create(name="Secretaria de Testes", acronym="STX")
    routed, other = (ContentRequestFactory(secretariat=elsewhere, requester=demo["ana.saude"])
                     for _ in range(2))
    _step(routed, legal=True)
    _step(routed, legal=True)  # a second round's legal step: still one row
    _step(other, legal=False)
    visible = perms.visible_requests(lawyer)
    assert "DISTINCT" not in str(visible.query)
    ids = list(visible.values_list("pk", flat=True))
    assert ids.count(routed.pk) == 1 and other.pk not in ids
    assert len(ids) == len(set(ids))
    assert perms.can_view(lawyer, routed) and not perms.can_view(lawyer, other)


def test_a_requester_reads_the_secretariats_requests_and_the_assigned_ones(demo):
    ana, editor = demo["ana.saude"], demo["diego.editor"]
    elsewhere = Secretariat.objects.create(name="Secretaria de Testes", acronym="STX")
    assigned = ContentRequestFactory(secretariat=elsewhere, requester=editor, assignee=ana)
    unseen = ContentRequestFactory(secretariat=elsewhere, requester=editor)
    ids = list(perms.visible_requests(ana).values_list("pk", flat=True))
    assert assigned.pk in ids and unseen.pk not in ids
    sms = Secretariat.objects.get(pk__in=perms.secretariat_ids_for_action(ana), acronym="SMS")
    own = ContentRequestFactory(secretariat=sms, requester=ana)
    ids = list(perms.visible_requests(ana).values_list("pk", flat=True))
    assert own.pk in ids and len(ids) == len(set(ids))
