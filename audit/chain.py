"""Appending to and verifying the hash-chained audit trail (``audit.services.record`` writes)."""

import hashlib
import json
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from audit.models import REQUEST_TYPE, AuditEvent
from pauta import clock

GENESIS = "0" * 64
# Any constant: the PostgreSQL advisory lock that serializes appends to the chain.
_CHAIN_LOCK_KEY = 7_410_331


def _canonical(event: AuditEvent) -> str:
    data = {
        "prev": event.prev_hash, "actor": event.actor_id, "verb": event.verb,
        "target_type": event.target_type, "target_id": str(event.target_id),
        "request": event.request_id, "from": event.from_state, "to": event.to_state,
        "payload": event.payload,
        # UTC, as the database gives it back whatever zone it was written with.
        "at": event.created_at.astimezone(UTC).isoformat(),
    }
    subject = (event.subject_type, str(event.subject_id))
    if subject != event.legacy_subject():  # rows from before subjects keep their hashes
        data["subject"] = f"{subject[0]}:{subject[1]}"
    return json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event).encode("utf-8")).hexdigest()


def _lock_chain() -> None:
    # SQLite runs write transactions one at a time (transaction_mode IMMEDIATE).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def _is_request(obj) -> bool:
    return obj is not None and getattr(obj, "_meta", None) is not None \
        and obj._meta.label_lower == REQUEST_TYPE


@transaction.atomic
def append(*, actor, verb: str, target, subject, from_state: str = "", to_state: str = "",
           payload: dict | None = None) -> AuditEvent:
    """Append one event to the chain (inside the caller's transaction); only ``record`` calls it."""
    _lock_chain()
    last = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first()
    request = next((o for o in (subject, target, getattr(target, "request", None))
                    if _is_request(o)), None)
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None, verb=verb,
        target_type=target._meta.label_lower, target_id=str(target.pk),
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk),
        request_id=request.pk if request is not None else None,
        from_state=from_state or "", to_state=to_state or "",
        payload=json.loads(json.dumps(payload or {}, cls=DjangoJSONEncoder)),
        created_at=clock.now(), prev_hash=last or GENESIS,
    )
    event.hash = compute_hash(event)
    event.save()
    return event


def verify_chain(batch_size: int = 2000):
    """Walk the chain in order; return None when intact, else (event_pk, problem)."""
    expected_prev = GENESIS
    last_pk = 0
    while True:
        batch = list(AuditEvent.objects.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
        if not batch:
            return None
        for event in batch:
            if event.prev_hash != expected_prev:
                return event.pk, ("previous hash does not match: a row before it was changed "
                                  "or deleted")
            if compute_hash(event) != event.hash:
                return event.pk, "content does not match its hash: the row was edited"
            expected_prev = event.hash
            last_pk = event.pk
