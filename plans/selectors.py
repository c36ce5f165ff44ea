"""Reads on Communication Plans: the actions a request may link to, and the execution figures."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from plans.models import BudgetCommitment, Plan, PlanAction, PlanState

# States of workflows.ContentRequest (strings, so this module needs no import of workflows).
NOT_REQUESTED = ("draft", "withdrawn")
PUBLISHED = ("published", "archived")


def actions_open_for(secretariat, on_date: datetime.date) -> QuerySet:
    """Actions a request of ``secretariat`` for ``on_date`` may link to.

    They belong to the approved plan of that date's year, are owned by the
    secretariat or one of its ancestors, and their period contains the date.
    """
    owners = [secretariat.pk, *(node.pk for node in secretariat.ancestors())]
    return (PlanAction.objects
            .filter(plan__year=on_date.year, plan__state=PlanState.APPROVED,
                    owner_id__in=owners, start__lte=on_date, end__gte=on_date)
            .select_related("objective", "owner")
            .order_by("code"))


def approved_plan_for(year: int) -> Plan | None:
    return Plan.objects.filter(year=year, state=PlanState.APPROVED).first()


@dataclass
class ActionRow:
    action: PlanAction
    planned: int
    requested: int
    published: int
    budget_planned: Decimal
    budget_committed: Decimal = Decimal(0)

    @property
    def idle(self) -> bool:
        return self.requested == 0

    @property
    def percent_published(self) -> int | None:
        return round(100 * self.published / self.planned) if self.planned else None


@dataclass
class ObjectiveRow:
    objective: object
    actions: list = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return len(self.actions)

    @property
    def active_actions(self) -> int:
        return sum(1 for row in self.actions if not row.idle)

    @property
    def coverage(self) -> int | None:
        """Percentage of the objective's actions with at least one request."""
        return round(100 * self.active_actions / self.action_count) if self.actions else None

    @property
    def planned(self) -> int:
        return sum(row.planned for row in self.actions)

    @property
    def published(self) -> int:
        return sum(row.published for row in self.actions)

    @property
    def budget_planned(self) -> Decimal:
        return sum((row.budget_planned for row in self.actions), Decimal(0))

    @property
    def budget_committed(self) -> Decimal:
        return sum((row.budget_committed for row in self.actions), Decimal(0))


@dataclass
class Execution:
    actions: list
    objectives: list

    @property
    def idle_actions(self) -> list:
        return [row for row in self.actions if row.idle]

    @property
    def totals(self) -> dict:
        return {
            "planned": sum(row.planned for row in self.actions),
            "requested": sum(row.requested for row in self.actions),
            "published": sum(row.published for row in self.actions),
            "budget_planned": sum((row.budget_planned for row in self.actions), Decimal(0)),
            "budget_committed": sum((row.budget_committed for row in self.actions), Decimal(0)),
        }


def _committed() -> Subquery:
    total = (BudgetCommitment.objects.filter(action=OuterRef("pk")).order_by()
             .values("action").annotate(total=Sum("amount")).values("total"))
    return Coalesce(Subquery(total), Decimal(0),
                    output_field=DecimalField(max_digits=16, decimal_places=2))


def plan_execution(plan: Plan) -> Execution:
    """Per action: pieces planned, requested and published, budget planned and committed;
    per objective: coverage.

    Two queries whatever the plan's size: the actions with their counts, the objectives.
    """
    actions = (plan.actions.select_related("owner", "objective")
               .annotate(n_requested=Count("requests", filter=~Q(
                   requests__state__in=NOT_REQUESTED), distinct=True),
                         n_published=Count("requests", filter=Q(
                             requests__state__in=PUBLISHED), distinct=True),
                         committed=_committed())
               .order_by("objective__code", "code"))
    rows = [ActionRow(action=a, planned=a.planned_pieces, requested=a.n_requested,
                      published=a.n_published, budget_planned=a.budget,
                      budget_committed=a.committed) for a in actions]
    by_objective = {o.pk: ObjectiveRow(objective=o) for o in plan.objectives.all()}
    for row in rows:
        by_objective[row.action.objective_id].actions.append(row)
    return Execution(actions=rows, objectives=list(by_objective.values()))


def unlinked_requests(plan: Plan) -> QuerySet:
    """Requests for the plan's year (by desired date, else filing date) linked to no action.

    Allowed, but flagged: the plan page lists how many there are.
    """
    from workflows.models import ContentRequest

    return (ContentRequest.objects.filter(plan_action__isnull=True)
            .exclude(state__in=NOT_REQUESTED)
            .filter(Q(desired_date__year=plan.year)
                    | Q(desired_date__isnull=True, created_at__year=plan.year)))


def traceability_warning(request) -> str | None:
    """The plan-traceability warning the compliance engine reads for a request, or None.

    A request should link to an action of the approved plan that is open for its
    secretariat on its desired date (what the request form offers).
    """
    action = request.plan_action
    if action is None:
        return _("The request is not linked to an action of the Communication Plan.")
    day = request.desired_date or timezone.localdate(request.created_at)
    if not actions_open_for(request.secretariat, day).filter(pk=action.pk).exists():
        return _("The plan action “%(action)s” is not open for this secretariat on this date "
                 "in an approved plan.") % {"action": action}
    return None


def plan_detail(pk: int) -> Plan:
    return Plan.objects.select_related("approved_by", "copied_from").get(pk=pk)


def _uses(model):
    """One ``Exists`` per relation pointing at ``model`` (actions, requests, publications…)."""
    return [Exists(rel.related_model._default_manager.filter(**{rel.field.name: OuterRef("pk")}))
            for rel in model._meta.related_objects]


def catalogue_list(model) -> QuerySet:
    """Every channel or audience, active first, each annotated with ``in_use`` (one query)."""
    in_use = Q()
    for use in _uses(model):
        in_use |= Q(use)
    return model.objects.annotate(
        in_use=ExpressionWrapper(in_use, output_field=BooleanField())).order_by("-active", "name")


def catalogue_in_use(instance) -> bool:
    """Whether anything (a plan action, request, campaign, publication, rule) refers to it."""
    return catalogue_list(type(instance)).filter(pk=instance.pk, in_use=True).exists()
