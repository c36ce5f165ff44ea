"""The demo municipality: loaded from fixtures/ by ``manage.py seed_demo``, idempotently.

Each app adds its own part as a function listed in ``_steps()``; every step
must be safe to run again (look up by natural keys, never duplicate).
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from org.models import Secretariat, User
from org.roles import ROLE_BY_KEY
from org.services import membership_save
from pauta import clock

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_PASSWORD = "pauta-demo"


def load_fixture(name: str):
    with open(FIXTURES / name, encoding="utf-8") as handle:
        return json.load(handle)


def seed_org(out) -> None:
    data = load_fixture("org.json")
    by_acronym = {}
    for row in data["secretariats"]:
        parent = by_acronym.get(row.get("parent"))
        secretariat, _ = Secretariat.objects.update_or_create(
            acronym=row["acronym"],
            defaults={"name": row["name"], "parent": parent, "email": row.get("email", ""),
                      "kind": row.get("kind", Secretariat.Kind.SECRETARIAT), "active": True},
        )
        by_acronym[secretariat.acronym] = secretariat
    for row in data["users"]:
        user, created = User.objects.get_or_create(
            username=row["username"],
            defaults={"first_name": row["first_name"], "last_name": row["last_name"],
                      "email": f"{row['username']}@valeverde.example.gov.br",
                      "language": row.get("language", "")},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        if row.get("superuser"):
            user.is_staff = user.is_superuser = True
        user.save()
        user.groups.add(*Group.objects.filter(
            name__in=[ROLE_BY_KEY[key].group for key in row["roles"]]))
        for acronym, role in row["memberships"]:
            membership_save(user=user, secretariat=by_acronym[acronym], role=role)
    out(f"{len(by_acronym)} secretariats and units, {len(data['users'])} people")


def _steps(history: bool):
    # Imported late: each app's demo module imports this one for load_fixture.
    from approvals.demo import seed_policies
    from calendars.demo import seed_calendar
    from clipping.demo import seed_clipping, seed_clips
    from ideas.demo import seed_ideas
    from plans.demo import seed_channels, seed_plan
    from press.demo import seed_press
    from reports.demo import seed_target_links
    from surveys.demo import seed_surveys
    from workflows.demo import seed_requests, seed_sla
    from workflows.demo_compliance import seed_compliance

    steps = [seed_org, seed_channels, seed_plan, seed_target_links, seed_policies, seed_sla]
    steps += [seed_calendar, seed_clipping, seed_ideas]
    steps.append(seed_press)  # fast (bulk); the permission matrix reads its inquiries
    if not history:
        steps.append(seed_surveys)
    from media.demo import seed_media, seed_media_draft, seed_media_small

    # the media bank, people and consents (after the calendar); the tests' demo files fewer
    steps.append(seed_media if history else seed_media_small)
    if history:  # a year of requests through the services; the last step, it reads the rest
        steps.append(seed_requests)
        from campaigns.demo import seed_campaigns

        steps.append(seed_campaigns)  # after the requests: their history checks for none
        steps.append(seed_surveys)  # after the campaigns: one evaluates the vaccination one
        steps.append(seed_compliance)  # after the history, so the history is left as it is
        steps.append(seed_clips)  # after the requests and campaigns it links to
        steps.append(seed_media_draft)  # a draft with a minor's photo: the consent gate
        steps.append(seed_settle)  # last: what the history left due
    return steps


def seed_settle(out) -> None:
    """Do now, as part of the history, what the huey consumer would do on its first minutes:
    fire the triage timers of the requests the history left overdue and mark what was due as
    due, not confirmed.
    Run inside ``clock.quiet()``, it tells nobody, so `make run` starts without a burst of
    e-mails about the past."""
    from django.utils import timezone
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS
    from viewflow.workflow.timers import fire_due_timers

    from workflows.models import ContentRequestProcess
    from workflows.services import publish_due_requests

    # An overdue request's timer is set a minute ahead of its creation (flows._triage_due):
    # those created in the last minute of the seeding are due now, not in a minute.
    overdue = ContentRequestProcess.objects.filter(request__state="submitted",
                                                   request__due_date__lt=clock.today())
    Task.objects.filter(flow_task_type="TIMER", status=STATUS.SCHEDULED,
                        process_id__in=overdue.values("pk")).update(scheduled=timezone.now())
    fired, due = fire_due_timers(), publish_due_requests()
    out(f"{fired} overdue triage timers fired, {due} due requests marked not confirmed")


def demo_logins():
    """(username, roles) of the demo people, for the banner and the README."""
    rows = []
    for row in load_fixture("org.json")["users"]:
        labels = [str(ROLE_BY_KEY[key].label) for key in row["roles"]]
        if row.get("superuser"):
            labels.append("admin")
        rows.append((row["username"], ", ".join(labels)))
    return rows


def demo_banner(url: str) -> str:
    """What ``make run`` prints last: where Pauta is, where to sign in, and every demo login."""
    logins = "\n".join(f"    {username:<20} {roles}" for username, roles in demo_logins())
    return (f"  Pauta is running at {url}/\n"
            f"  Sign in at {url}/login/ (the huey consumer runs beside it; Ctrl-C stops both)\n\n"
            f"  Demo logins — password for all: {DEMO_PASSWORD}\n{logins}")


@transaction.atomic
def seed_demo(out=print, history: bool = True) -> None:
    """Load the demo; ``history=False`` skips the year of requests (fast, for tests).

    Nothing it does is news: no notification, e-mail or webhook is queued (``clock.quiet``).
    """
    with clock.quiet():
        for step in _steps(history):
            step(out)
