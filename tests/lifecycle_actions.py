"""The actions the property-based lifecycle test can take, each paired with its permission.

Every entry names a service of ``workflows.services`` (or ``approvals.services``), the
question ``workflows.permissions`` answers for it, and the FSM transition it runs (if any),
so the test can hold the three together: the service refuses with ``PermissionDenied``
exactly when the permission says no (or, for a transition, with ``TransitionRefused`` when
the request's state does not admit it at all).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import translation

from approvals.compliance import engine
from approvals.compliance.gate import GATED
from approvals.compliance.models import Severity
from approvals.compliance.services import warnings_override_all
from approvals.models import ApprovalStep, Decision, RejectionReason
from pauta import clock
from workflows import permissions as perms
from workflows import services
from workflows.errors import TransitionRefused
from workflows.models import ContentRequest, Publication

# The FSM target of each transition verb (source states are the model's business).
TARGETS = {
    "submit": "submitted", "accept": "in_production", "return_for_info": "needs_info",
    "answer_info": "submitted", "reject": "rejected", "withdraw": "withdrawn",
    "send_to_review": "in_review", "schedule": "scheduled", "publish": "published",
    "archive": "archived",
}


@dataclass(frozen=True)
class Action:
    name: str
    allowed: callable  # (user, request, extra) -> bool, asked before the call
    run: callable  # (user, request, extra) -> None
    verb: str = ""  # the FSM transition it runs, if it is one


def _first_channel(request):
    return request.channels.order_by("pk").first()


def _schedule(user, request, extra):
    when = clock.now() + timedelta(days=2)
    services.request_schedule(request=request, by=user,
                              when={p.pk: when for p in request.publications.all()})


def _save_text(user, request, extra):
    services.publication_save(request=request, by=user, channel=_first_channel(request),
                              title=request.title, body=f"Texto final: {request.title}.")


ACTIONS = [
    Action("update", lambda u, r, x: perms.can_edit_brief(u, r),
           lambda u, r, x: services.request_update(request=r, by=u, title=f"{r.title}!")),
    Action("submit", lambda u, r, x: perms.can_submit(u, r),
           lambda u, r, x: services.request_submit(request=r, by=u), "submit"),
    Action("accept", lambda u, r, x: perms.can_triage(u, r),
           lambda u, r, x: services.request_accept(request=r, by=u), "accept"),
    Action("return_for_info", lambda u, r, x: perms.can_triage(u, r),
           lambda u, r, x: services.request_return_for_info(request=r, by=u,
                                                            question="Onde e quando?"),
           "return_for_info"),
    Action("answer_info", lambda u, r, x: perms.can_answer_info(u, r),
           lambda u, r, x: services.request_answer_info(request=r, by=u, answer="Na UBS."),
           "answer_info"),
    Action("reject_at_triage", lambda u, r, x: perms.can_triage(u, r),
           lambda u, r, x: services.request_reject_at_triage(request=r, by=u,
                                                             reason="out_of_scope"),
           "reject"),
    Action("withdraw", lambda u, r, x: perms.can_withdraw(u, r),
           lambda u, r, x: services.request_withdraw(request=r, by=u), "withdraw"),
    Action("assign", lambda u, r, x: perms.can_assign(u, r),
           lambda u, r, x: services.request_assign(request=r, by=u, assignee=x["editor"])),
    Action("save_text", lambda u, r, x: perms.can_produce(u, r), _save_text),
    Action("send_to_review", lambda u, r, x: perms.can_produce(u, r),
           lambda u, r, x: services.request_send_to_review(request=r, by=u), "send_to_review"),
    Action("schedule", lambda u, r, x: perms.can_schedule(u, r), _schedule, "schedule"),
    Action("publish", lambda u, r, x: perms.can_publish(u, r),
           lambda u, r, x: services.request_publish(request=r, by=u), "publish"),
    Action("archive", lambda u, r, x: perms.can_archive(u, r),
           lambda u, r, x: services.request_archive(request=r, by=u), "archive"),
    Action("rate", lambda u, r, x: perms.can_rate(u, r),
           lambda u, r, x: services.request_rate(request=r, by=u, rating=4)),
    Action("comment", lambda u, r, x: perms.can_comment(u, r, internal=x["internal"]),
           lambda u, r, x: services.comment_add(request=r, by=u, body="Ok.",
                                                internal=x["internal"])),
]
ACTION_BY_NAME = {action.name: action for action in ACTIONS}
# What moves each state forward, for the "competent actor" rule.
NEXT = {
    "draft": ["submit"], "submitted": ["accept", "accept", "return_for_info"],
    "needs_info": ["answer_info"], "in_production": ["save_text", "send_to_review"],
    "approved": ["schedule"], "scheduled": ["publish"], "published": ["archive", "rate"],
}


def decide_kwargs(outcome: str) -> dict:
    if outcome == Decision.Outcome.APPROVE:
        return {}
    kwargs = {"comment": "Ajustar o título."}
    if outcome == Decision.Outcome.REJECT:
        kwargs["reason"] = RejectionReason.objects.get(code="promotion")
    return kwargs


def required_steps(request) -> list[str]:
    """The step names a review round of ``request`` needs, from the policies (model side)."""
    from approvals.selectors import policy_steps_for

    return sorted(step.name for step in policy_steps_for(request))


def assert_fully_decided(request: ContentRequest, required: list[str]) -> None:
    """A request past review passed every step its last round required, each approved."""
    steps = list(ApprovalStep.objects.filter(request=request, review_round=request.review_round)
                 .prefetch_related("decisions"))
    assert sorted(s.name for s in steps) == required, (request.state, steps, required)
    for step in steps:
        assert step.status == "approved", (request.state, step)
        closing = [d for d in step.decisions.all() if d.closes_step]
        assert len(closing) == 1 and closing[0].outcome == "approve", step
    # The trail agrees: the last round was sent and then approved, in that order.
    verbs = list(request.events.filter(verb__in=["send_to_review", "approve"])
                 .order_by("pk").values_list("verb", flat=True))
    assert verbs[-2:] == ["send_to_review", "approve"], verbs


# -- compliance: "blockers always block", "warnings pass only with an approver's override" ---

# A CPF with valid check digits: the personal_data.cpf blocker, which nobody may override.
BLOCKER_TEXT = "Texto final. Contato: Maria, CPF 529.982.247-25."


def override_warnings(request, approver) -> None:
    """What an approver does before scheduling: a written override of every open warning."""
    warnings_override_all(request=request, by=approver, reason="Aprovado assim pela chefia.")


def put_blocker(request, editor) -> None:
    """Put a blocker in the request's text: through the editor's service while the text may be
    edited, else straight into the row (a text that changed under an approved request)."""
    channel = _first_channel(request)
    if perms.can_produce(editor, request):
        services.publication_save(request=request, by=editor, channel=channel,
                                  title=request.title, body=BLOCKER_TEXT)
    else:
        Publication.objects.filter(request=request).update(body=BLOCKER_TEXT)


def refused_for_blocker(run) -> bool:
    """Run a gated transition; True if it was refused naming a blocker (English messages)."""
    with translation.override("en"):
        try:
            run()
        except TransitionRefused as error:
            return "blocker" in " ".join(error.messages)
    return False


def assert_gate_passed(request, verb: str) -> None:
    """After ``verb`` went through: no open blocker; for schedule, every warning carries an
    override by somebody who may decide (legal rules: a legal reviewer)."""
    if verb not in GATED:
        return
    for finding in engine.run(request, verb):
        if finding.severity == Severity.BLOCKER:
            assert finding.override is not None and finding.legal_override, finding.rule
            assert finding.override.by.has_perm(perms.DECIDE_LEGAL), finding.rule
        elif finding.severity == Severity.WARNING and verb == "schedule":
            assert finding.override is not None, f"warning {finding.rule} passed without override"
            assert finding.override.by.has_perm(
                perms.DECIDE_LEGAL if finding.legal_override else perms.DECIDE), finding.rule
