"""The content request as an approvable object of the approvals engine.

Registered from ``WorkflowsConfig.ready``: the engine opens and decides the steps, this
module says what a request's policies match on and what its lifecycle does with the outcome.
"""

from datetime import datetime, time

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from approvals.approvable import Approvable, Facts, concluding


def in_blackout(request) -> bool:
    """Whether the request's publication date falls in an electoral blackout window."""
    if not apps.is_installed("calendars"):  # requests work without a calendar
        return False
    from calendars.selectors import is_in_blackout

    moments = [p.scheduled_at for p in request.publications.all() if p.scheduled_at]
    if request.desired_date:  # a date: its middle, in the installation's zone
        moments.append(timezone.make_aware(datetime.combine(request.desired_date, time(12))))
    return any(is_in_blackout(moment) for moment in moments)


def facts(request) -> Facts:
    return Facts(channel_ids=frozenset(request.channels.values_list("pk", flat=True)),
                 kind=request.kind, blackout=in_blackout(request), sensitive=request.sensitive)


def _move(request, *, by, verb: str, args, payload) -> None:
    """The round's outcome moves the request: approve, request changes or reject."""
    from workflows.services import transition

    transition(request, by=by, verb=verb, check=lambda user, obj: True, args=args,
               payload=payload)


def after_decision(request, by) -> None:
    """A closed step ends its review branch even without a transition: sync the process."""
    from workflows.process import touch

    touch(request, by)


def decided(request, step, user) -> tuple[str, dict]:
    """What the decision page shows: the texts as they go out, files, brief, findings."""
    from workflows.selectors import request_page

    return "workflows/_decided.html", {"object": request_page(request.pk)}


def approvable() -> Approvable:
    from workflows.models import ContentRequest, RequestKind

    return Approvable(model=ContentRequest, step_field="request", policy_target="request",
                      deciding_state="in_review", facts=facts, conclude=concluding(_move),
                      after_decision=after_decision, kind_choices=tuple(RequestKind.choices),
                      decided=decided,
                      decide_url=lambda step: reverse("workflows:decide",
                                                      args=[step.request_id, step.pk]))
