"""Bounces of distributions: a recipient's mail server that accepted an e-mail and then sent
it back. Each e-mail names its delivery twice — its ``Message-ID``
(``<press-distribution-<distribution>-<contact>@…>``, quoted by every delivery status
notification) and, when ``PRESS_BOUNCE_ADDRESS`` is set, its envelope sender (VERP:
``bounces+<distribution>-<contact>@…``, where the bounce is delivered). The mail server pipes
each message arriving at that address to ``manage.py press_bounce`` (docs/press.md), which
calls ``bounce_from_message``: the delivery becomes *bounced* with the server's diagnostic."""

import email
import re
from email import policy

from django.conf import settings
from django.db.models import Q

from pauta import clock
from press.models import Delivery

MESSAGE_ID = re.compile(r"press-distribution-(\d{1,12})-(\d{1,12})@")
DIAGNOSTIC = re.compile(r"^(?:Diagnostic-Code|Status):\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def verp_enabled() -> bool:
    return "@" in (getattr(settings, "PRESS_BOUNCE_ADDRESS", "") or "")


def verp_address(distribution_pk: int, journalist_pk: int) -> str:
    local, domain = settings.PRESS_BOUNCE_ADDRESS.rsplit("@", 1)
    return f"{local}+{distribution_pk}-{journalist_pk}@{domain}"


def _verp_pattern():
    local = re.escape(settings.PRESS_BOUNCE_ADDRESS.rsplit("@", 1)[0])
    return re.compile(rf"{local}\+(\d{{1,12}})-(\d{{1,12}})@", re.IGNORECASE)


def record_bounce(*, distribution_pk: int, journalist_pk: int, reason: str = "") -> bool:
    """Mark the delivery bounced (once; a delivery never sent is left alone). True when a
    delivery changed."""
    return bool(Delivery.objects.filter(
        Q(status__in=(Delivery.Status.SENT, Delivery.Status.SENDING)),
        distribution_id=distribution_pk, journalist_id=journalist_pk,
    ).update(status=Delivery.Status.BOUNCED, bounced_at=clock.now(),
             error=(reason or "bounced")[:300]))


def delivery_of(raw: bytes) -> tuple[int, int] | None:
    """(distribution, contact) named by a bounce: the VERP address it was sent to, else the
    Message-ID of the original e-mail it quotes."""
    text = raw.decode("utf-8", "replace")
    message = email.message_from_bytes(raw, policy=policy.compat32)
    if verp_enabled():
        pattern = _verp_pattern()
        for header in ("Delivered-To", "X-Original-To", "To", "Envelope-To"):
            found = pattern.search(str(message.get(header, "")))
            if found:
                return int(found.group(1)), int(found.group(2))
    found = MESSAGE_ID.search(text)
    return (int(found.group(1)), int(found.group(2))) if found else None


def bounce_from_message(raw: bytes) -> bool:
    """Record the bounce a raw message (a delivery status notification) reports."""
    named = delivery_of(raw)
    if named is None:
        return False
    diagnostic = DIAGNOSTIC.findall(raw.decode("utf-8", "replace"))
    reason = "; ".join(d.strip() for d in diagnostic)[:300]
    return record_bounce(distribution_pk=named[0], journalist_pk=named[1], reason=reason)
