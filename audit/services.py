"""The one way to write the audit trail: ``record``.

It appends the event to the hash chain inside the caller's transaction and, once that
transaction commits, sends ``audit.signals.event_recorded`` so subscribers (notifications,
webhooks) act on it. Generated history (``pauta.clock.travelling()``) is not broadcast.
"""

from django.db import transaction

from audit import chain, registry
from audit.models import AuditEvent
from audit.signals import event_recorded
from pauta import clock


def subject_of(target):
    """The object whose timeline shows an event on ``target`` (when none is given).

    In order: ``target.audit_subject()`` (or the attribute) when the model defines it;
    else ``target.request`` when it has one (a publication, an attachment, a step…);
    else the target itself.
    """
    own = getattr(target, "audit_subject", None)
    if own is not None:
        return own() if callable(own) else own
    request = getattr(target, "request", None)
    if request is not None and getattr(request, "_meta", None) is not None:
        return request
    return target


def record(*, by, verb: str, target, subject=None, from_state: str = "", to_state: str = "",
           payload: dict | None = None) -> AuditEvent:
    """Append one event (``by`` did ``verb`` on ``target``) and broadcast it after commit."""
    event = chain.append(actor=by, verb=verb, target=target,
                         subject=subject if subject is not None else subject_of(target),
                         from_state=from_state, to_state=to_state, payload=payload)
    if not clock.travelling():
        transaction.on_commit(lambda: broadcast(event))
    return event


def broadcast(event: AuditEvent) -> None:
    """Send ``event_recorded`` for one event (after commit; also used to replay one)."""
    event_recorded.send(sender=AuditEvent, event=event, verb=registry.get(event.verb))
