"""Budget committed to plan actions: who records it, when, and the execution figures."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from audit.models import AuditEvent
from org.tests.factories import UserFactory
from plans import services
from plans.commitments import commitment_record, commitment_remove
from plans.errors import PlanRefused
from plans.models import BudgetCommitment
from plans.selectors import plan_execution
from plans.tests.factories import ObjectiveFactory, PlanActionFactory, PlanFactory, approve

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """These tests assert the English source messages (the default language is pt-BR)."""
    with translation.override("en"):
        yield


@pytest.fixture
def manager():
    return UserFactory(roles=["manager"])


@pytest.fixture
def plan():
    plan = PlanFactory(year=2035)
    objective = ObjectiveFactory(plan=plan, code="OE1")
    PlanActionFactory(objective=objective, code="A1", budget=Decimal("1000"))
    PlanActionFactory(objective=objective, code="A2", budget=Decimal("500"))
    return plan


def _record(plan, by, code="A1", amount="250.00", day=datetime.date(2035, 3, 1)):
    return commitment_record(action=plan.actions.get(code=code), amount=Decimal(amount),
                             committed_on=day, description="Impulsionamento", by=by,
                             reference="2035NE0001")


def test_commitments_need_an_approved_plan_and_the_manager(plan, manager):
    with pytest.raises(PermissionDenied):  # draft: still being planned
        _record(plan, manager)
    approve(plan)
    for role in ("editor", "approver", "auditor", "requester"):
        with pytest.raises(PermissionDenied):
            _record(plan, UserFactory(roles=[role]))
    commitment = _record(plan, manager)
    assert commitment.recorded_by == manager and commitment.reference == "2035NE0001"
    event = AuditEvent.objects.filter(verb="plan_commitment_record").latest("pk")
    assert event.payload["amount"] == "250.00" and event.payload["action"] == "A1"


@pytest.mark.parametrize("amount, day, words", [
    ("0", datetime.date(2035, 3, 1), "greater than zero"),
    ("-5", datetime.date(2035, 3, 1), "greater than zero"),
    ("10", datetime.date(2036, 1, 1), "must be in 2035"),
])
def test_bad_commitments_are_refused(plan, manager, amount, day, words):
    approve(plan)
    with pytest.raises(PlanRefused, match=words):
        _record(plan, manager, amount=amount, day=day)
    assert not BudgetCommitment.objects.filter(action__plan=plan).exists()


def test_execution_shows_budget_committed_per_action_objective_and_total(
        plan, manager, django_assert_max_num_queries):
    approve(plan)
    _record(plan, manager, "A1", "250.00")
    _record(plan, manager, "A1", "100.50")
    _record(plan, manager, "A2", "40")
    with django_assert_max_num_queries(2):
        execution = plan_execution(plan)
        rows = {row.action.code: row.budget_committed for row in execution.actions}
        objective = execution.objectives[0].budget_committed
    assert rows == {"A1": Decimal("350.50"), "A2": Decimal("40.00")}
    assert objective == Decimal("390.50")
    assert execution.totals["budget_committed"] == Decimal("390.50")
    assert execution.totals["budget_planned"] == Decimal("1500")


def test_remove_and_an_action_with_commitments_cannot_be_deleted(plan, manager):
    approve(plan)
    commitment = _record(plan, manager)
    plan = services.plan_revise(plan=plan, by=manager, reason="Ajuste")
    with pytest.raises(PlanRefused, match="budget commitments"):
        services.plan_entity_delete(instance=plan.actions.get(code="A1"), by=manager)
    with pytest.raises(PermissionDenied):  # a draft: the plan is being revised
        commitment_remove(commitment=commitment, by=manager)
    approve(plan)
    commitment_remove(commitment=commitment, by=manager)
    assert not BudgetCommitment.objects.filter(action__plan=plan).exists()
    assert AuditEvent.objects.filter(verb="plan_commitment_remove").exists()


def test_plan_page_records_and_lists_commitments(client, plan, manager):
    approve(plan)
    client.force_login(manager)
    action = plan.actions.get(code="A2")
    response = client.post(reverse("plans:commitment_create", args=[plan.pk]), {
        "action": action.pk, "amount": "75.25", "committed_on": "2035-06-01",
        "reference": "OC-17", "description": "Spots de rádio"})
    assert response.status_code == 302
    assert BudgetCommitment.objects.get(action__plan=plan).amount == Decimal("75.25")
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Spots de rádio" in page and "OC-17" in page
    client.force_login(UserFactory(roles=["editor"]))
    response = client.post(reverse("plans:commitment_create", args=[plan.pk]), {
        "action": action.pk, "amount": "1", "committed_on": "2035-06-01", "description": "x"})
    assert response.status_code == 403
    assert BudgetCommitment.objects.filter(action__plan=plan).count() == 1


def test_reimport_cannot_leave_out_an_action_with_commitments(plan, manager):
    import io

    from plans.imports import plan_import
    from plans.xlsx_import import ImportRejected
    from plans.xlsx_layout import export_plan

    approve(plan)
    _record(plan, manager, "A2")
    plan = services.plan_revise(plan=plan, by=manager, reason="Tirar A2")
    buffer = io.BytesIO()
    export_plan(plan, buffer)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = book["actions"]
    for row in range(sheet.max_row, 1, -1):
        if sheet.cell(row=row, column=1).value == "A2":
            sheet.delete_rows(row)
    edited = io.BytesIO()
    book.save(edited)
    edited.seek(0)
    with pytest.raises(ImportRejected, match="has budget commitments"):
        plan_import(source=edited, by=manager)
    assert plan.actions.filter(code="A2").exists()
