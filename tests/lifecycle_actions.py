"""The actions the property-based lifecycle test can take, each paired with its permission.

The lifecycle's own action registry (``workflows.actions``) gives most of them: the
service, the question ``workflows.permissions`` answers for it and the FSM transition it
runs (if any), so the test can hold the three together: the service refuses with
``PermissionDenied`` exactly when the permission says no (or, for a transition, with
``TransitionRefused`` when the request's state does not admit it at all).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import translation

from approvals.compliance import engine
from approvals.compliance.gate import gate_levels
from approvals.compliance.models import Severity
from approvals.compliance.services import warnings_override_all
from approvals.models import ApprovalStep, Decision, RejectionReason
from pauta import clock
from workflows import permissions as perms
from workflows import services
from workflows.actions import ACTIONS as REGISTRY
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


def _save_text(user, request, extra):
    services.publication_save(request=request, by=user, channel=_first_channel(request),
                              title=request.title, body=f"Texto final: {request.title}.")


def _out_of_scope():
    return RejectionReason.objects.get(code="out_of_scope")


# What a person fills in for each registered action (workflows.actions), by verb.
INPUT = {
    "return_for_info": lambda u, r, x: {"question": "Onde e quando?"},
    "answer_info": lambda u, r, x: {"answer": "Na UBS."},
    "reject": lambda u, r, x: {"reason": _out_of_scope(), "comment": ""},
    "assign": lambda u, r, x: {"assignee": x["editor"]},
    "schedule": lambda u, r, x: {"when": {p.pk: clock.now() + timedelta(days=2)
                                          for p in r.publications.all()}},
    "publish": lambda u, r, x: {"urls": {p.pk: f"https://valeverde.example/n/{p.pk}"
                                         for p in r.publications.all()}},
    "rate": lambda u, r, x: {"rating": 4, "comment": ""},
}


def registered(verb: str, name: str = "") -> Action:
    """A test action straight from the request lifecycle's registry: same service, same
    permission question, same FSM transition."""
    action = REGISTRY[verb]
    data = INPUT.get(verb, lambda u, r, x: {})
    return Action(name or verb, lambda u, r, x: action.allowed(u, r),
                  lambda u, r, x: action.run(r, u, data(u, r, x)), action.transition)


ACTIONS = [
    Action("update", lambda u, r, x: perms.can_edit_brief(u, r),
           lambda u, r, x: services.request_update(request=r, by=u, title=f"{r.title}!")),
    registered("submit"), registered("accept"), registered("return_for_info"),
    registered("answer_info"), registered("reject", "reject_at_triage"), registered("withdraw"),
    registered("assign"),
    Action("save_text", lambda u, r, x: perms.can_produce(u, r), _save_text),
    registered("send_to_review"), registered("schedule"), registered("publish"),
    registered("archive"), registered("rate"),
    # The internal flag is the person's choice, so the permission is asked with it.
    Action("comment", lambda u, r, x: perms.can_comment(u, r, internal=x["internal"]),
           lambda u, r, x: REGISTRY["comment"].run(r, u, {"body": "Ok.",
                                                          "internal": x["internal"]})),
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
    # The trail agrees: the last round was opened — sent to review, or reopened because the
    # content differed from the sealed approval (publishing.seal) — and then approved.
    verbs = list(request.events.filter(verb__in=["send_to_review", "reopen_review", "approve"])
                 .order_by("pk").values_list("verb", flat=True))
    assert len(verbs) >= 2 and verbs[-2] in ("send_to_review", "reopen_review"), verbs
    assert verbs[-1] == "approve", verbs


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
    if not gate_levels(request, verb):
        return
    for finding in engine.run(request, verb):
        if finding.severity == Severity.BLOCKER:
            assert finding.override is not None and finding.legal_override, finding.rule
            assert finding.override.by.has_perm(perms.DECIDE_LEGAL), finding.rule
        elif finding.severity == Severity.WARNING and verb == "schedule":
            assert finding.override is not None, f"warning {finding.rule} passed without override"
            assert finding.override.by.has_perm(
                perms.DECIDE_LEGAL if finding.legal_override else perms.DECIDE), finding.rule
