"""Home page and health check."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render

from pauta.health import database_problem, holidays_configured, holidays_problem, static_problem
from pauta.home import home_sections
from pauta.tasks import last_heartbeat


@login_required
def home(request):
    """What needs the signed-in person now, one section per role they hold."""
    from approvals.selectors import Decisions
    from pauta import inbox
    from workflows.selectors import mine_beyond_requests, tab_counts

    # "N tasks waiting for you" is the number on the "My tasks" tab: its requests, the
    # decisions on other kinds and the sections' tasks (event production, press questions).
    decisions = Decisions(request.user)  # the oldest named, all counted
    counts = tab_counts(request.user, ("mine", "queue"), decisions=decisions)
    counts["mine"] += mine_beyond_requests(decisions, inbox.sections(request.user))
    return render(request, "pauta/home.html", {
        "sections": home_sections(request.user, decisions), "counts": counts})


def health(request):
    """Health for proxies and monitors: 200 when the database answers and the static files
    are there, else 503 with the reasons; the time of the last huey heartbeat; and when the
    audit trail was last verified and whether it was intact (no detail: this page is public);
    the last day the SLA clock knows holidays on (unhealthy when less than 12 months ahead;
    ``"holidays": "not_configured"`` when the installation has no holiday calendar)."""
    from audit.anchor import last_verification
    from calendars.holidays import holidays_until

    database = database_problem()
    until = None if database else holidays_until()
    problems = {"database": database, "static": static_problem(),
                "holidays": None if database else holidays_problem(until)}
    reasons = [reason for reason in problems.values() if reason]
    audit = last_verification() or {}
    body = {"status": "unhealthy" if reasons else "ok",
            **{check: "error" if reason else "ok" for check, reason in problems.items()},
            # No country and no local holidays: nothing to keep ahead, not a fault.
            **({} if database or holidays_configured() else {"holidays": "not_configured"}),
            "huey_heartbeat": last_heartbeat(),
            "audit_verified_at": audit.get("at"), "audit_intact": audit.get("ok"),
            "holidays_until": until.isoformat() if until else None}
    if reasons:
        body["reasons"] = reasons
    return JsonResponse(body, status=503 if reasons else 200)


def accessibility(request):
    """The accessibility statement (DL 83/2018, Directive 2016/2102, eMAG): public, no login."""
    from datetime import date
    from email.utils import parseaddr

    from django.conf import settings

    contact = settings.ACCESSIBILITY_CONTACT or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    # The date of the last review: bump it whenever the statement is re-assessed.
    reviewed = date(2026, 11, 23)
    return render(request, "pauta/accessibility.html", {"contact": contact, "reviewed": reviewed})
