"""What the home page shows: one section of work per role the signed-in person holds.

Each section is built from the apps' selectors and permission checks, never from a role's
name in a view; the number of queries is fixed whatever the amount of work (tested).
"""

from datetime import datetime, time, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from org.permissions import roles_of

LIMIT = 5


def _requester(user, decisions) -> dict:
    from org.permissions import secretariat_ids_for_action
    from workflows.models import ContentRequest
    from workflows.permissions import visible_requests
    from workflows.selectors import request_list

    mine = request_list(user, "mine", decisions=decisions).exclude(state="draft")
    to_rate = (visible_requests(user).filter(
        secretariat_id__in=secretariat_ids_for_action(user), rating__isnull=True,
        state__in=["published", "archived"]).select_related("secretariat")
        .order_by("-updated_at"))
    drafts = ContentRequest.objects.filter(requester=user, state="draft").order_by("-created_at")
    return {"needing_me": list(mine[:LIMIT]), "to_rate": list(to_rate[:LIMIT]),
            "drafts": list(drafts[:LIMIT])}


def _editor(user, decisions) -> dict:
    from calendars.checklists import my_open_tasks
    from workflows.models import Publication
    from workflows.permissions import visible_requests
    from workflows.selectors import request_list

    today = timezone.localdate()
    week_start = today - timedelta(days=today.weekday())
    # The week's bounds as instants (local midnights): the ``scheduled_at`` index finds the
    # week's pieces, where ``scheduled_at__date`` converted every publication's date.
    starts, ends = (timezone.make_aware(datetime.combine(day, time.min))
                    for day in (week_start, week_start + timedelta(days=7)))
    # Visibility checked per piece of the week (``EXISTS``): with ``request__in`` SQLite
    # walked every visible request and its publications.
    visible = Exists(visible_requests(user).filter(pk=OuterRef("request_id")))
    week = (Publication.objects.filter(visible, scheduled_at__gte=starts, scheduled_at__lt=ends)
            .select_related("request", "channel").order_by("scheduled_at"))
    return {"tasks": list(request_list(user, "mine", decisions=decisions)[:LIMIT]),
            "week": list(week[:10]),
            "week_start": week_start,
            "event_tasks": list(my_open_tasks(user)[:LIMIT]), "today": today}


def _decider(user, decisions) -> dict:
    """Decisions waiting for this person, oldest first, of every approvable kind (requests,
    campaigns…), from the one approvals selector."""
    return {"decisions": decisions.oldest(10)}


def _manager(user, decisions) -> dict:
    from plans.models import Plan
    from plans.selectors import plan_execution

    plan = Plan.objects.filter(year=timezone.localdate().year).order_by("-pk").first()
    if plan is None:
        return {"plan": None}
    totals = plan_execution(plan).totals
    planned = totals["planned"]
    return {"plan": plan, "totals": totals,
            "percent": round(100 * totals["published"] / planned) if planned else None}


def _press_officer(user, decisions) -> dict:
    """The desk's open inquiries, nearest deadline first."""
    from press.selectors import inbox, tab_counts

    return {"inquiries": list(inbox(user, "open")[:LIMIT]), "counts": tab_counts(user)}


def _clipping_analyst(user, decisions) -> dict:
    """The clips waiting for triage, oldest first, and the sources in error."""
    from clipping.models import Clip, ClipState, Source, SourceStatus

    triage = Clip.objects.filter(state=ClipState.TRIAGE).select_related("outlet")
    return {"triage_count": triage.count(), "triage": list(triage.order_by("pk")[:LIMIT]),
            "broken_sources": Source.objects.filter(status=SourceStatus.ERROR).count()}


BUILDERS = {"requester": _requester, "editor": _editor, "approver": _decider,
            "legal_reviewer": _decider, "manager": _manager, "press_officer": _press_officer,
            "clipping_analyst": _clipping_analyst}


def home_sections(user, decisions=None) -> list[dict]:
    """One dict per role of the person: the role and what its section lists. ``decisions``:
    the person's ``approvals.selectors.Decisions`` (made here when not given), shared by
    every section."""
    if decisions is None:
        from approvals.selectors import Decisions

        decisions = Decisions(user)
    sections = []
    for role in roles_of(user):
        builder = BUILDERS.get(role.key)
        sections.append({"role": role, **(builder(user, decisions) if builder else {})})
    return sections
