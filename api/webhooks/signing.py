"""HMAC-SHA256 signatures of webhook bodies: ``hex(hmac(secret, timestamp + "." + body))``."""

import hashlib
import hmac
import time

TIMESTAMP_HEADER = "X-Pauta-Timestamp"
SIGNATURE_HEADER = "X-Pauta-Signature"
EVENT_HEADER = "X-Pauta-Event"
DELIVERY_HEADER = "X-Pauta-Delivery"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header value for ``body`` sent at ``timestamp`` (Unix seconds)."""
    message = str(timestamp).encode("ascii") + b"." + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str, *,
           tolerance: int = 300, now: float | None = None) -> bool:
    """What a receiver does: recompute, compare in constant time, refuse stale timestamps."""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - sent) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, sent, body), signature or "")
