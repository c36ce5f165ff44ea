"""Writes of the compliance engine: keep a check run, override a finding, take pieces down.

The checked object (``request=``: a content request or any registered checkable) is read
through its ``Checkable``; runs and overrides name it by the checkable's ``record_field``."""

from django.db import transaction
from django.utils.translation import gettext as _

from approvals.compliance import engine
from approvals.compliance import permissions as perms
from approvals.compliance.checkable import checkable_of
from approvals.compliance.models import (
    CheckRun,
    FindingOverride,
    FindingRecord,
    LegalException,
    Severity,
    Takedown,
)
from audit.services import record
from pauta import clock
from pauta.lifecycle import TransitionRefused, ensure
from pauta.lifecycle import lock as lock_row


def lock(obj):
    related = ("secretariat",) if hasattr(type(obj), "secretariat") else ()
    return lock_row(obj, *related)


def _naming(obj) -> dict:
    """The keyword that names ``obj`` on a run, a finding record or an override."""
    return {checkable_of(obj).record_field: obj}


def keep_run(*, request, by, trigger: str, findings) -> CheckRun:
    """Store a run and its findings and audit it (inside the caller's transaction)."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in Severity.values}
    run = CheckRun.objects.create(**_naming(request), trigger=trigger,
                                  by=by if getattr(by, "pk", None) else None,
                                  blockers=counts["blocker"], warnings=counts["warning"],
                                  infos=counts["info"])
    FindingRecord.objects.bulk_create([
        FindingRecord(run=run, **_naming(request), rule=f.rule, severity=f.severity,
                      fingerprint=f.fingerprint, channel=f.channel, field=f.field,
                      excerpt=f.excerpt, message=f.message, overridden=f.override is not None)
        for f in findings])
    record(by=by, verb="compliance_check", target=request,
           payload={"trigger": trigger, "blockers": counts["blocker"],
                    "warnings": counts["warning"], "infos": counts["info"],
                    "open": sum(1 for f in findings if f.is_open)})
    return run


@transaction.atomic
def compliance_check(*, request, by, trigger: str = CheckRun.Trigger.MANUAL):
    """The "check" button: run every rule, keep the run, return the findings."""
    request = lock(request)
    ensure(perms.can_check(by, request))
    findings = engine.run(request, trigger)
    keep_run(request=request, by=by, trigger=trigger, findings=findings)
    return findings


@transaction.atomic
def finding_override(*, request, by, fingerprint: str, reason: str,
                     legal_exception: str = "") -> FindingOverride:
    """Record a written override of one open finding (approver: warning; legal: legal rules)."""
    request = lock(request)
    finding = next((f for f in engine.run(request) if f.fingerprint == fingerprint), None)
    if finding is None:
        raise TransitionRefused(_("This finding is no longer there; run the check again."))
    return _override(request, by, finding, reason, legal_exception)


def _override(request, by, finding, reason, legal_exception) -> FindingOverride:
    ensure(perms.can_override(by, request, finding))
    if not reason.strip():
        raise TransitionRefused(_("Write why this finding may be overridden."))
    if finding.rule == "electoral.blackout" and legal_exception not in LegalException.values:
        raise TransitionRefused(_("Choose the legal exception that applies."))
    if legal_exception and legal_exception not in LegalException.values:
        raise TransitionRefused(_("Unknown legal exception."))
    override = FindingOverride.objects.create(
        **_naming(request), rule=finding.rule, severity=finding.severity,
        fingerprint=finding.fingerprint, excerpt=finding.excerpt or finding.message,
        reason=reason.strip(), legal_exception=legal_exception, by=by)
    record(by=by, verb="compliance_override", target=request,
           payload={"rule": finding.rule, "severity": finding.severity, "reason": reason.strip(),
                    "legal_exception": legal_exception, "fingerprint": finding.fingerprint,
                    "channel": getattr(finding.channel, "code", "")})
    finding.override = override
    return override


@transaction.atomic
def warnings_override_all(*, request, by, reason: str) -> list[FindingOverride]:
    """Override every open warning the person may override (the approver's one-click path)."""
    request = lock(request)
    return [_override(request, by, finding, reason, "") for finding in engine.run(request)
            if finding.severity == Severity.WARNING and perms.can_override(by, request, finding)]


# Hooks run for each piece taken down, inside the take-down's transaction (publishing: the
# connector's unpublish, the manual checklist and the evidence), ``hook(takedown=, text=, by=)``.
AFTER_TAKE_DOWN: list = []


@transaction.atomic
def publications_take_down(*, publications, by, window=None, reason: str = "") -> int:
    """Cancel scheduled pieces and withdraw live ones inside an electoral window, in bulk
    (``publications``: the ``Piece`` rows of the electoral view, of any checkable kind)."""
    ensure(perms.can_take_down(by))
    if not reason.strip():
        raise TransitionRefused(_("Write why the pieces are taken down."))
    now = clock.now()
    count = 0
    by_kind: dict = {}
    for piece in publications:
        by_kind.setdefault(checkable_of(piece.subject), set()).add(piece.pk)
    for checkable, pks in by_kind.items():
        if checkable.take_down is None:
            continue
        for text, was_live in checkable.take_down(sorted(pks), at=now):
            row = Takedown.objects.create(publication_id=text.pk, window=window,
                                          was_live=was_live, reason=reason.strip(), by=by)
            for hook in AFTER_TAKE_DOWN:
                hook(takedown=row, text=text, by=by)
            record(by=by, verb="compliance_take_down", target=text,
                   payload={"channel": text.channel.code, "was_live": was_live,
                            "window": getattr(window, "title", ""), "reason": reason.strip()})
            count += 1
    return count
