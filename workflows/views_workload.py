"""The team's workload page: each editor's load against their capacity, week by week."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from org.permissions import can_use_absences
from pauta import clock, inputs
from workflows import permissions as perms
from workflows import workload


@login_required
def team_workload(request):
    if not perms.can_view_workload(request.user):
        raise PermissionDenied
    this_week = workload.monday_of(clock.today())
    start = inputs.to_date(request.GET.get("week", "")) if request.GET.get("week") else None
    first = workload.monday_of(start) if start else this_week
    first = max(first, this_week)  # past weeks: the KPI dashboard tells what was done
    loads = workload.team_load(workload.editors().order_by("first_name", "username"),
                               start=first)
    mondays = [w.monday for w in loads[0].weeks] if loads else [
        first + timedelta(days=7 * n) for n in range(workload.WEEKS)]
    return render(request, "workflows/team_workload.html", {
        "loads": loads, "mondays": mondays, "this_week": this_week,
        "previous": first - timedelta(days=7 * workload.WEEKS) if first > this_week else None,
        "next": first + timedelta(days=7 * workload.WEEKS),
        "overloaded": sum(1 for load in loads if load.overloaded_weeks),
        "may_record_absences": can_use_absences(request.user)})
