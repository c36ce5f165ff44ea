"""SHIM (k-lifecycle branch only): the audit entry point of the kernel contract.

The lead replaces this file at merge with k-events' ``audit.services`` (the real app).
"""


def record(*, by, verb, target, subject=None, from_state="", to_state="", payload=None):
    """Append one event (inside the caller's transaction); notifies after commit."""
    from workflows.services import record as workflows_record

    return workflows_record(by=by, verb=verb, target=target, from_state=from_state,
                            to_state=to_state, payload=payload)
