"""Appending to and verifying the hash-chained audit trail (``audit.services.record`` writes).

Each row's hash is an HMAC-SHA256, keyed with ``AUDIT_HMAC_KEY`` (kept outside the database),
over the row's content and the previous row's hash: someone who can only write to the database
cannot recompute the chain after an edit. Rows written before the key existed keep their plain
SHA-256 (``hash_alg="sha256"``); such a row is accepted only before the first keyed row and, once
checkpoints exist, at or below the first checkpoint (``audit.anchor``), so recomputing
a tail with plain SHA-256 (a "downgrade") shows.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import UTC
from functools import lru_cache

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from audit.models import REQUEST_TYPE, AuditEvent
from pauta import clock, txmemo

GENESIS = "0" * 64
ALG_KEYED = "hmac-sha256"
ALG_LEGACY = "sha256"
# Any constant: the PostgreSQL advisory lock that serializes appends to the chain.
_CHAIN_LOCK_KEY = 7_410_331
_FALLBACK_LABEL = b"pauta.audit.fallback-key.v1"
_ROW_FIELDS = ("pk", "prev_hash", "hash", "hash_alg", "actor_id", "verb", "target_type",
               "target_id", "subject_type", "subject_id", "request_id", "from_state",
               "to_state", "payload", "created_at")


def using_fallback_key() -> bool:
    """True when no AUDIT_HMAC_KEY is set and the key is derived from SECRET_KEY."""
    return not settings.AUDIT_HMAC_KEY


def audit_key(purpose: str) -> bytes:
    """The key for one purpose ("chain", "checkpoint"), derived from the master key."""
    return _derive(settings.AUDIT_HMAC_KEY, settings.SECRET_KEY, purpose)


@lru_cache(maxsize=16)
def _derive(key: str, secret_key: str, purpose: str) -> bytes:
    if key:
        master = key.encode("utf-8")
    else:  # documented fallback: a separate key derived from SECRET_KEY, never SECRET_KEY itself
        master = hmac.new(secret_key.encode("utf-8"), _FALLBACK_LABEL, hashlib.sha256).digest()
    return hmac.new(master, b"pauta.audit." + purpose.encode("ascii"), hashlib.sha256).digest()


def _canonical(row: dict) -> str:
    data = {
        "prev": row["prev_hash"], "actor": row["actor_id"], "verb": row["verb"],
        "target_type": row["target_type"], "target_id": str(row["target_id"]),
        "request": row["request_id"], "from": row["from_state"], "to": row["to_state"],
        "payload": row["payload"],
        # UTC, as the database gives it back whatever zone it was written with.
        "at": row["created_at"].astimezone(UTC).isoformat(),
    }
    subject = (row["subject_type"], str(row["subject_id"]))
    if subject != _legacy_subject(row):  # rows from before subjects keep their hashes
        data["subject"] = f"{subject[0]}:{subject[1]}"
    return json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)


def _legacy_subject(row: dict) -> tuple[str, str]:
    """The subject every row had before subjects were stored: its request, else its target."""
    if row["request_id"] is not None:
        return REQUEST_TYPE, str(row["request_id"])
    return row["target_type"], str(row["target_id"])


def _as_row(event: AuditEvent) -> dict:
    return {name: getattr(event, name) for name in _ROW_FIELDS}


def row_hash(row: dict) -> str:
    """The hash a row (as ``row_at`` reads it) should carry, by its algorithm."""
    canonical = _canonical(row).encode("utf-8")
    if row["hash_alg"] == ALG_LEGACY:
        return hashlib.sha256(canonical).hexdigest()
    return hmac.new(audit_key("chain"), canonical, hashlib.sha256).hexdigest()


def compute_hash(event: AuditEvent) -> str:
    """The hash the row should carry, by its algorithm (keyed unless it is a legacy row)."""
    return row_hash(_as_row(event))


_HEAD = "audit.chain.head"


def _lock_chain() -> None:
    # SQLite runs write transactions one at a time (transaction_mode IMMEDIATE).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def forget_head() -> None:
    """Make the next append read the head again: for code that rewrites rows of the chain and
    then appends in the same transaction (a data migration re-chaining rows)."""
    txmemo.remember(_HEAD, txmemo.MISSING)


def _chain_head() -> str | None:
    """The last row's hash, with the chain locked until the end of the transaction.

    Read once per transaction: while the lock is held no other writer appends, so the head is
    the hash this transaction wrote last (``pauta.txmemo`` forgets it, and the lock is
    released, when the savepoint that appended rolls back)."""
    head = txmemo.recall(_HEAD)
    if head is txmemo.MISSING:
        _lock_chain()
        head = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first()
    return head


def _is_request(obj) -> bool:
    return obj is not None and getattr(obj, "_meta", None) is not None \
        and obj._meta.label_lower == REQUEST_TYPE


@transaction.atomic(savepoint=False)
def append(*, actor, verb: str, target, subject, from_state: str = "", to_state: str = "",
           payload: dict | None = None) -> AuditEvent:
    """Append one event to the chain (inside the caller's transaction); only ``record`` calls it.

    No savepoint of its own (two queries per event saved): a failure here is a database error
    that aborts the caller's transaction, or its service's savepoint, anyway. The lock and the
    head are taken once per transaction (``_chain_head``): one query per later event."""
    last = _chain_head()
    request = next((o for o in (subject, target, getattr(target, "request", None))
                    if _is_request(o)), None)
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None, verb=verb,
        target_type=target._meta.label_lower, target_id=str(target.pk),
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk),
        request_id=request.pk if request is not None else None,
        from_state=from_state or "", to_state=to_state or "",
        payload=json.loads(json.dumps(payload or {}, cls=DjangoJSONEncoder)),
        created_at=clock.now(), prev_hash=last or GENESIS, hash_alg=ALG_KEYED,
    )
    event.hash = compute_hash(event)
    event.save()
    txmemo.remember(_HEAD, event.hash)
    return event


@dataclass
class Walk:
    """What a walk over the chain found: the first problem, rows read and the head reached."""

    problem: tuple[int, str] | None = None
    walked: int = 0
    head_pk: int = 0
    head_hash: str = GENESIS
    # pk -> (hash, number of rows up to and including it) for the rows checkpoints pin.
    pinned: dict = field(default_factory=dict)


def walk_chain(*, after: dict | None = None, legacy_upto: int | None = None,
               pins: dict | None = None, batch_size: int = 2000) -> Walk:
    """Walk the rows after ``after`` (a row dict, or the genesis) in order.

    ``legacy_upto``: the highest pk a plain-SHA-256 row may have (None: no limit yet).
    ``pins``: pks whose hash and running count the caller wants back in ``Walk.pinned``.
    """
    walk = Walk()
    if after is not None:
        walk.head_pk, walk.head_hash = after["pk"], after["hash"]
    keyed_seen = after is not None and after["hash_alg"] != ALG_LEGACY
    pins = pins or {}
    while True:
        batch = list(AuditEvent.objects.filter(pk__gt=walk.head_pk).order_by("pk")
                     .values(*_ROW_FIELDS)[:batch_size])
        if not batch:
            return walk
        for row in batch:
            walk.problem = _row_problem(row, walk.head_hash, keyed_seen, legacy_upto)
            if walk.problem:
                return walk
            keyed_seen = keyed_seen or row["hash_alg"] != ALG_LEGACY
            walk.walked += 1
            walk.head_pk, walk.head_hash = row["pk"], row["hash"]
            if row["pk"] in pins:
                walk.pinned[row["pk"]] = (row["hash"], walk.walked)


def _row_problem(row: dict, expected_prev: str, keyed_seen: bool,
                 legacy_upto: int | None) -> tuple[int, str] | None:
    if row["prev_hash"] != expected_prev:
        return row["pk"], ("previous hash does not match: a row before it was changed "
                           "or deleted")
    if row["hash_alg"] not in (ALG_KEYED, ALG_LEGACY):
        return row["pk"], "unknown hash algorithm: the row was edited"
    if row["hash_alg"] == ALG_LEGACY and (
            keyed_seen or (legacy_upto is not None and row["pk"] > legacy_upto)):
        return row["pk"], ("hashed without the key after keyed rows began: the chain was "
                           "recomputed from this row on")
    if row_hash(row) != row["hash"]:
        return row["pk"], "content does not match its hash: the row was edited"
    return None


def verify_chain(batch_size: int = 2000):
    """Walk the whole chain; return None when intact, else (event_pk, problem).

    Checks the rows against each other only; ``audit.anchor.verify_audit`` also
    checks them against the checkpoints kept outside the database.
    """
    return walk_chain(batch_size=batch_size).problem


def row_at(pk: int) -> dict | None:
    """One row as the walk reads it (None when it is gone)."""
    return AuditEvent.objects.filter(pk=pk).values(*_ROW_FIELDS).first()
