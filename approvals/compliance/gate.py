"""The compliance gate of every checkable lifecycle (``pauta.lifecycle.register_gate``,
put on each model by ``checkable.register``).

Which verbs it stops comes from the lifecycle's action registry: an action with
``gated="blockers"`` is refused by open blockers (a request's ``send_to_review``), one with
``gated="warnings"`` also by warnings without an approver's override (``schedule``). A
refusal raises before the state changes, so the whole transaction (dates set on the way
included) rolls back and the state is untouched.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from approvals.compliance import engine
from approvals.compliance.checkable import checkable_of
from approvals.compliance.models import Severity
from pauta.lifecycle import TransitionRefused


def gate_levels(obj, verb: str) -> tuple[str, ...]:
    """The severities that stop ``verb`` on ``obj`` (a checkable object or its model);
    empty: the gate does not run on that verb."""
    return checkable_of(obj).gate_levels(verb)


def stopping(findings, verb: str, obj) -> list:
    levels = gate_levels(obj, verb)
    return [f for f in findings if f.is_open and f.severity in levels]


def refusal(blocking) -> TransitionRefused:
    blockers = sum(1 for f in blocking if f.severity == Severity.BLOCKER)
    warnings = len(blocking) - blockers
    lines = []
    if blockers:
        lines.append(ngettext("The compliance check found %(n)d blocker: change the text.",
                              "The compliance check found %(n)d blockers: change the text.",
                              blockers) % {"n": blockers})
    if warnings:
        lines.append(ngettext(
            "%(n)d warning needs an approver's written override before scheduling.",
            "%(n)d warnings need an approver's written override before scheduling.",
            warnings) % {"n": warnings})
    for f in blocking:
        where = f" ({f.channel.name})" if f.channel is not None else ""
        lines.append(_("%(severity)s · %(rule)s%(where)s: %(message)s %(fix)s") % {
            "severity": f.get_severity_display(), "rule": f.title, "where": where,
            "message": f.message, "fix": f.suggestion})
    return TransitionRefused(lines)


def compliance_gate(*, obj, verb, by, context):
    """Run the checks on the gated transitions; refuse with the list of what stops it."""
    if not gate_levels(obj, verb):
        return
    from approvals.compliance.services import keep_run

    findings = engine.run(obj, verb)
    blocking = stopping(findings, verb, obj)
    if blocking:
        raise refusal(blocking)
    keep_run(request=obj, by=by, trigger=verb, findings=findings)
