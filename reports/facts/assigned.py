"""Per-assignment facts (``AssignedFact``): every ``workflows.Assignment`` with its local day,
its week (Monday) and its request's secretariat and kind, so the editor workload groups rows
by week instead of truncating each assignment's moment (a function per row on SQLite).

An assignment writes an audit event on its request (``assign``); a folded event that touches
a request replaces that request's rows from its assignments (an edit of its secretariat or
kind moves them), in the catch-up's transaction: folding twice, in any order or after a
rebuild leaves the same rows.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from reports.facts.models import AssignedFact
from reports.facts.published import replace
from workflows.models import Assignment


def facts_of(requests: Q) -> list[AssignedFact]:
    """The rows of the assignments of the requests ``requests`` (a filter on ``request``)."""
    rows = []
    for pk, request_id, user_id, secretariat, kind, moment in (
            Assignment.objects.filter(requests).order_by().values_list(
                "pk", "request_id", "user_id", "request__secretariat_id", "request__kind",
                "created_at")):
        day = timezone.localdate(moment)
        rows.append(AssignedFact(assignment_id=pk, request_id=request_id, user_id=user_id,
                                 secretariat_id=secretariat, kind=kind, day=day,
                                 week=day - timedelta(days=day.weekday())))
    return rows


def refresh(request_ids: Iterable[int]) -> int:
    """Replace the rows of these requests' assignments; returns the rows written. Runs inside
    the caller's transaction (the catch-up's, with the cursor locked)."""
    ids = sorted(set(request_ids))
    if not ids:
        return 0
    where = Q(request_id__in=ids)
    return replace(AssignedFact, where, facts_of(where))


def refresh_range(low: int, high: int) -> int:
    """Rebuild: the rows of requests ``low`` < id ≤ ``high``, replaced; returns them."""
    where = Q(request_id__gt=low, request_id__lte=high)
    return replace(AssignedFact, where, facts_of(where))
