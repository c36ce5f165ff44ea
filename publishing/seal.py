"""Sealed approval: the exact content approved is hashed when a round approves, and
verified before the request is scheduled or published.

A difference sends the request back to review (a new round) and keeps what was found, so
the reviewers see what changed since they approved.
"""

from django.utils.translation import gettext as _

from audit.services import record
from pauta import clock
from pauta.lifecycle import lock
from publishing import content as contents
from publishing.models import Seal


def _approvers(request) -> list[dict]:
    rows = []
    steps = request.approval_steps.filter(review_round=request.review_round).prefetch_related(
        "decisions__decided_by").order_by("stage", "pk")
    for step in steps:
        for decision in step.decisions.all():
            if decision.outcome == "approve":
                rows.append({"name": str(decision.decided_by), "step": step.name,
                             "at": decision.created_at.isoformat()})
    return rows


def seal_on_approve(*, request, verb: str, by, event, context) -> None:
    """``AFTER_TRANSITION`` hook: the round approved, seal what it approved."""
    if verb != "approve":
        return
    content = contents.request_content(request)
    seal = Seal.objects.create(request=request, review_round=request.review_round,
                               digest=contents.digest(content), content=content,
                               approvers=_approvers(request))
    record(by=by, verb="approval_seal", target=request,
           payload={"digest": seal.digest, "round": seal.review_round,
                    "verified_on": contents.digest(contents.without_schedule(content))})


def current_seal(request) -> Seal | None:
    return Seal.objects.filter(request=request).first()


def matches(seal: Seal, found: dict) -> bool:
    return (contents.digest(contents.without_schedule(found))
            == contents.digest(contents.without_schedule(seal.content)))


def verify_seal(*, request, by, verb: str):
    """``BEFORE_RELEASE`` check: the texts and files are the sealed ones, or the request goes
    back to review and the scheduling or publication is refused (returns the sentence)."""
    from approvals.services import steps_open_round
    from workflows.services import transition

    request = lock(request)
    if request.state not in ("approved", "scheduled"):
        return None  # the lifecycle refuses the move with its own sentence
    seal = current_seal(request)
    if seal is None or seal.broken_at is not None:
        return None  # approved before seals existed
    found = contents.request_content(request)
    if matches(seal, found):
        return None
    seal.broken_at, seal.found = clock.now(), found
    seal.save(update_fields=["broken_at", "found"])
    request = transition(request, by=by, verb="reopen_review", check=lambda user, obj: True,
                         payload={"seal": seal.digest, "on": verb})
    steps_open_round(target=request, by=by)
    return _("The content differs from what was approved (seal %(seal)s): the request went "
             "back to review with the changes.") % {"seal": seal.short}
