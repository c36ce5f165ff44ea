"""Checkpoints of the audit chain kept outside the database, and verification against them.

A checkpoint pins the chain as it was: ``{seq, count, last_pk, head_hash, at, prev, mac}``, one
JSON line appended to ``AUDIT_CHECKPOINT_DIR/checkpoints.jsonl`` and logged (logger
``pauta.audit``). ``mac`` is an HMAC under the audit key and ``prev`` the previous line's mac, so
a line cannot be forged, edited or removed from the middle without the key. Someone who can only
write to the database cannot touch the file: deleting the newest rows, or all of them, no longer
matches the latest checkpoint's count and head. What it cannot see is in docs/requests.md.
"""

import fcntl
import hashlib
import hmac
import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import UTC
from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError, transaction

from audit import chain as audit
from audit.models import AuditEvent, VerificationRun
from pauta import clock

LOG = logging.getLogger("pauta.audit")
CHECKPOINTS = "checkpoints.jsonl"
STATUS = "last-verification.json"
_FIELDS = ("seq", "count", "last_pk", "head_hash", "at", "prev")


@dataclass
class Verification:
    """The outcome of one run of ``verify_audit``."""

    ok: bool
    mode: str  # "incremental" (from the latest checkpoint) or "full"
    problem: str = ""
    walked: int = 0  # rows read and re-hashed
    count: int = 0  # rows up to the head
    head_pk: int = 0
    head_hash: str = audit.GENESIS
    checkpoint_seq: int = 0  # the checkpoint written by this run (0: none)
    warning: str = ""


def checkpoint_mac(checkpoint: dict) -> str:
    """The MAC of a checkpoint's fields under the audit key."""
    body = json.dumps({name: checkpoint[name] for name in _FIELDS}, sort_keys=True,
                      separators=(",", ":"))
    return hmac.new(audit.audit_key("checkpoint"), body.encode("utf-8"),
                    hashlib.sha256).hexdigest()


def _mac_matches(checkpoint: dict) -> bool:
    return hmac.compare_digest(str(checkpoint.get("mac", "")), checkpoint_mac(checkpoint))


def _directory() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR)


def read_checkpoints() -> tuple[list[dict], str]:
    """The checkpoints in order, and the first problem with the file ("" when it is sound)."""
    path = _directory() / CHECKPOINTS
    if not path.exists():
        return [], ""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        return [], f"cannot read the checkpoint file {path}: {error}"
    checkpoints: list[dict] = []
    for number, line in enumerate(lines, 1):
        problem = _line_problem(line, number, checkpoints[-1] if checkpoints else None)
        if problem:
            return checkpoints, problem
        checkpoints.append(json.loads(line))
    return checkpoints, ""


def _line_problem(line: str, number: int, previous: dict | None) -> str:
    try:
        checkpoint = json.loads(line)
        sound = isinstance(checkpoint, dict) and {*_FIELDS, "mac"} <= checkpoint.keys()
    except ValueError:
        sound = False
    if not sound:
        return f"checkpoint file, line {number}: not a checkpoint (the file was edited)"
    if not _mac_matches(checkpoint):
        return (f"checkpoint file, line {number}: the MAC does not match (the checkpoint was "
                "forged or edited, or AUDIT_HMAC_KEY changed)")
    if checkpoint["seq"] != (previous["seq"] + 1 if previous else 1) or (
            checkpoint["prev"] != (previous["mac"] if previous else "")):
        return (f"checkpoint file, line {number}: checkpoint {checkpoint['seq']} does not follow "
                "the line before it (a checkpoint was removed or reordered)")
    return ""


def verify_audit(*, full: bool = False, write_checkpoint: bool = True,
                 source: str = "other") -> Verification:
    """Verify the chain against the latest checkpoint (or every one, ``full``); then pin it.

    Incremental by default: the rows up to the latest checkpoint are checked by count and head,
    and only the rows after it are read. Writes a new checkpoint when the chain is intact and
    grew, and records the outcome (``last_verification``, and a ``VerificationRun`` row;
    ``source``: "task", "command" or "other").
    """
    checkpoints, problem = read_checkpoints()
    mode = "full" if full or not checkpoints else "incremental"
    if problem:
        return _finish(Verification(ok=False, mode=mode, problem=problem), source)
    # A row hashed without the key is legitimate only at or below the first checkpoint.
    legacy_upto = checkpoints[0]["last_pk"] if checkpoints else None
    if mode == "incremental":
        result = _from_checkpoint(checkpoints[-1], legacy_upto)
    else:
        result = _whole_chain(checkpoints, legacy_upto)
    if not checkpoints:
        result.warning = ("no checkpoint found: deletion of the newest rows cannot be detected "
                          "before this run; a first checkpoint pins the chain from now on")
    if result.ok and write_checkpoint:
        try:
            written = append_checkpoint(count=result.count, last_pk=result.head_pk,
                                        head_hash=result.head_hash)
        except OSError as error:  # the chain is fine; the anchor could not be written
            LOG.error("audit checkpoint not written: %s", error)
            written, result.warning = None, f"the checkpoint could not be written: {error}"
        result.checkpoint_seq = written["seq"] if written else 0
    return _finish(result, source)


def _from_checkpoint(checkpoint: dict, legacy_upto: int | None) -> Verification:
    seq, last_pk = checkpoint["seq"], checkpoint["last_pk"]
    result = Verification(ok=False, mode="incremental")
    head = audit.row_at(last_pk) if last_pk else None
    if last_pk and head is None:
        result.problem = (f"audit event #{last_pk}, the head of checkpoint {seq}, is gone: rows "
                          "were deleted (the newest ones, or all of them)")
    elif head and (head["hash"] != checkpoint["head_hash"] or audit.row_hash(head) != head["hash"]):
        result.problem = (f"audit event #{last_pk} no longer matches checkpoint {seq}: the row "
                          "was edited or the chain recomputed")
    else:
        count = AuditEvent.objects.filter(pk__lte=last_pk).count()
        if count != checkpoint["count"]:
            result.problem = (f"checkpoint {seq} counted {checkpoint['count']} events up to "
                              f"#{last_pk}, there are {count}: rows were deleted or inserted")
    if result.problem:
        return result
    walk = audit.walk_chain(after=head, legacy_upto=legacy_upto)
    return _walk_result(result, walk, base_count=checkpoint["count"])


def _whole_chain(checkpoints: list[dict], legacy_upto: int | None) -> Verification:
    walk = audit.walk_chain(legacy_upto=legacy_upto,
                            pins={checkpoint["last_pk"] for checkpoint in checkpoints})
    result = _walk_result(Verification(ok=False, mode="full"), walk, base_count=0)
    for checkpoint in checkpoints if result.ok else ():
        seq, last_pk = checkpoint["seq"], checkpoint["last_pk"]
        if last_pk and last_pk not in walk.pinned:
            result.problem = (f"audit event #{last_pk}, the head of checkpoint {seq}, is gone: "
                              "rows were deleted (the newest ones, or all of them)")
        elif walk.pinned.get(last_pk, (audit.GENESIS, 0)) != (checkpoint["head_hash"],
                                                               checkpoint["count"]):
            result.problem = (f"checkpoint {seq} ({checkpoint['count']} events up to "
                              f"#{last_pk}) does not match the chain: rows were deleted or "
                              "inserted, or the chain recomputed")
        if result.problem:
            result.ok = False
            break
    return result


def _walk_result(result: Verification, walk: audit.Walk, *, base_count: int) -> Verification:
    # The head as the walk read and checked it: pinned without reading it again.
    result.walked, result.head_pk, result.head_hash = walk.walked, walk.head_pk, walk.head_hash
    result.count = base_count + walk.walked
    if walk.problem:
        pk, reason = walk.problem
        result.problem = f"audit event #{pk}: {reason}"
    result.ok = not result.problem
    return result


def append_checkpoint(*, count: int, last_pk: int, head_hash: str) -> dict | None:
    """Append a checkpoint after the latest one; None when that one already reaches last_pk."""
    directory = _directory()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(directory / CHECKPOINTS, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # runs of the task and the command may overlap
        handle.seek(0)
        lines = [line for line in handle.read().splitlines() if line.strip()]
        last = json.loads(lines[-1]) if lines else None
        if last and (last["last_pk"] >= last_pk or not _mac_matches(last)):
            return None  # already pinned by another run, or the file needs looking at first
        checkpoint = {"seq": last["seq"] + 1 if last else 1, "count": count, "last_pk": last_pk,
                      "head_hash": head_hash, "at": clock.now().astimezone(UTC).isoformat(),
                      "prev": last["mac"] if last else ""}
        checkpoint["mac"] = checkpoint_mac(checkpoint)
        handle.write(json.dumps(checkpoint, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    LOG.info("audit checkpoint %s", json.dumps(checkpoint, sort_keys=True))
    return checkpoint


def _finish(result: Verification, source: str = "other") -> Verification:
    """Record the outcome next to the checkpoints, in the database and in the log."""
    status = {"at": clock.now().astimezone(UTC).isoformat(), **asdict(result)}
    directory = _directory()
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = directory / (STATUS + ".tmp")
        temporary.write_text(json.dumps(status, sort_keys=True), "utf-8")
        os.replace(temporary, directory / STATUS)
    except OSError as error:
        LOG.error("audit verification outcome not recorded: %s", error)
    _record_run(result, source)
    if result.ok:
        LOG.info("audit trail intact (%s, %s rows read, %s events)", result.mode, result.walked,
                 result.count)
    else:
        LOG.error("audit trail tampered with (%s): %s", result.mode, result.problem)
    return result


def _record_run(result: Verification, source: str) -> None:
    """One ``VerificationRun`` row per run; a database that refuses it loses only the row."""
    known = {choice.value for choice in VerificationRun.Source}
    try:
        with transaction.atomic():
            VerificationRun.objects.create(
                source=source if source in known else VerificationRun.Source.OTHER,
                ok=result.ok, mode=result.mode, problem=result.problem, warning=result.warning,
                walked=result.walked, count=result.count, head_pk=result.head_pk,
                checkpoint_seq=result.checkpoint_seq)
    except DatabaseError as error:
        LOG.error("audit verification run not stored: %s", error)


def last_verification() -> dict | None:
    """The outcome of the latest run (``at``, ``ok``, ``mode``, ``problem``…), or None."""
    try:
        return json.loads((_directory() / STATUS).read_text("utf-8"))
    except (OSError, ValueError):
        return None


@register(Tags.security, deploy=True)
def check_audit_key(app_configs=None, **kwargs):
    """Deploy check: the audit chain should be keyed with its own key, kept off the database."""
    if audit.using_fallback_key():
        return [Warning(
            "AUDIT_HMAC_KEY is not set: the audit trail is keyed with a key derived from "
            "SECRET_KEY, which changes when SECRET_KEY is rotated.",
            hint="Set AUDIT_HMAC_KEY to a long random value kept outside the database and "
                 "never rotate it without re-keying (see .env.example).",
            id="workflows.W001")]
    if len(settings.AUDIT_HMAC_KEY) < 32:
        return [Warning("AUDIT_HMAC_KEY is shorter than 32 characters.",
                        hint="Use a long random value (see .env.example).", id="workflows.W002")]
    return []


@register(Tags.security, deploy=True)
def check_checkpoint_dir(app_configs=None, **kwargs):
    """Deploy check: the checkpoint folder (or the folder it will be made in) is writable."""
    existing = _directory()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.is_dir() and os.access(existing, os.W_OK):
        return []
    return [Warning(f"AUDIT_CHECKPOINT_DIR ({_directory()}) cannot be written: the audit trail "
                    "will not be anchored.",
                    hint="Give the user that runs Pauta and huey write access to it.",
                    id="workflows.W003")]
