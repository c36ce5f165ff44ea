"""Budget committed to plan actions: recording and removing commitments (services).

Commitments are execution, not planning: they are recorded against the actions of an
approved plan without opening a revision, and the plan page sets them against the budget.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from plans import permissions as perms
from plans.errors import PlanRefused
from plans.models import BudgetCommitment, PlanAction
from plans.services import ensure, lock


@transaction.atomic
def commitment_record(*, action: PlanAction, amount: Decimal, committed_on: datetime.date,
                      description: str, by, reference: str = "") -> BudgetCommitment:
    """Record an amount committed to an action of an approved plan, within the plan's year."""
    plan = lock(action.plan)
    ensure(perms.can_record_commitment(by, plan))
    if amount is None or amount <= 0:
        raise PlanRefused(_("The amount must be greater than zero."))
    if committed_on.year != plan.year:
        raise PlanRefused(_("The date must be in %(year)s.") % {"year": plan.year})
    if not description.strip():
        raise PlanRefused(_("Describe what the amount pays for."))
    commitment = BudgetCommitment.objects.create(
        action=action, amount=amount, committed_on=committed_on, reference=reference.strip(),
        description=description.strip(), recorded_by=by)
    record(by=by, verb="plan_commitment_record", target=plan,
           payload={"action": action.code, "amount": str(amount),
                          "reference": commitment.reference})
    return commitment


@transaction.atomic
def commitment_remove(*, commitment: BudgetCommitment, by) -> None:
    """Remove a commitment recorded by mistake (the audit trail keeps both events)."""
    plan = lock(commitment.action.plan)
    ensure(perms.can_record_commitment(by, plan))
    payload = {"action": commitment.action.code, "amount": str(commitment.amount),
               "reference": commitment.reference}
    commitment.delete()
    record(by=by, verb="plan_commitment_remove", target=plan, payload=payload)
