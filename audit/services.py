"""SHIM (k-lifecycle branch only): the audit entry point of the kernel contract.

The lead replaces this file at merge with k-events' ``audit.services`` (the real app).
Until then it keeps main's behaviour: events on requests and campaigns are written and
notified (``workflows.services.record``); plan events were written without notifying
(``workflows.audit.audit_record``) and still are.
"""


def record(*, by, verb, target, subject=None, from_state="", to_state="", payload=None):
    """Append one event (inside the caller's transaction); notifies after commit."""
    if target._meta.app_label == "plans":
        from workflows.audit import audit_record

        return audit_record(actor=by, verb=verb, target=target, from_state=from_state,
                            to_state=to_state, payload=payload)
    from workflows.services import record as workflows_record

    return workflows_record(by=by, verb=verb, target=target, from_state=from_state,
                            to_state=to_state, payload=payload)
