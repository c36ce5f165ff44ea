"""The compliance gate of the request lifecycle (``pauta.lifecycle.register_gate``).

``send_to_review``: open blockers refuse it. ``schedule``: open blockers and warnings without
an approver's override refuse it. A refusal raises before the state changes, so the whole
transaction (dates set on the way included) rolls back and the state is untouched.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from approvals.compliance import engine
from approvals.compliance.models import Severity
from pauta.lifecycle import TransitionRefused

GATED = {"send_to_review": (Severity.BLOCKER,),
         "schedule": (Severity.BLOCKER, Severity.WARNING)}


def stopping(findings, verb: str) -> list:
    levels = GATED.get(verb, ())
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
    if verb not in GATED:
        return
    request = obj
    from approvals.compliance.services import keep_run

    findings = engine.run(request, verb)
    blocking = stopping(findings, verb)
    if blocking:
        raise refusal(blocking)
    keep_run(request=request, by=by, trigger=verb, findings=findings)
