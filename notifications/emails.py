"""The e-mail copy of a notification: claimed atomically, sent at most once per claim, swept.

Each ``Notification`` row carries its e-mail's state (``EmailState``). The row is written —
unique per (event, recipient) — before anything is sent; a per-row huey task then *claims*
it with one conditional ``UPDATE … WHERE email_state='pending'`` (atomic on PostgreSQL,
MariaDB and SQLite alike), so a retry, a re-queued copy or a second worker never sends it
twice. A task killed after the claim leaves the row ``sending``; ``sweep_stuck_emails``
(periodic, and at every consumer start) puts rows stuck past ``NOTIFICATION_EMAIL_TIMEOUT``
back to ``pending`` and queues them again, so exactly the recipients not yet marked sent are
retried.

What is guaranteed: one notification row per person and event; each e-mail is handed to
the mail server at most once per claim, and a claim is only repeated after the timeout.
What cannot be: exactly-once delivery to the SMTP server — a worker killed between the
server's "accepted" and the commit of ``sent`` leaves the row ``sending``, and the sweeper
sends it again. That copy carries the same ``Message-ID`` (stable per event and recipient),
so mail servers and clients that deduplicate on it show it once.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from audit import registry
from notifications.models import EmailState, Notification
from pauta import clock

log = logging.getLogger(__name__)


def language_of(user) -> str:
    return user.language or settings.LANGUAGE_CODE


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def link(note: Notification) -> str:
    """The page of the event's subject (a request, a campaign…), absolute for e-mails."""
    path = note.link
    return absolute(path) if path else ""


def message_id(note: Notification) -> str:
    """The same Message-ID for every copy of one event's e-mail to one person."""
    domain = urlsplit(settings.SITE_URL).hostname or "pauta.localhost"
    return f"<pauta.notification.{note.event_id}.{note.recipient_id}@{domain}>"


def _claim(notification_id: int) -> Notification | None:
    """Move the row from pending to sending; None when another run has it (or it is done)."""
    claimed = Notification.objects.filter(pk=notification_id, email_state=EmailState.PENDING) \
        .update(email_state=EmailState.SENDING, email_attempts=F("email_attempts") + 1,
                email_touched_at=clock.now())
    if not claimed:
        return None
    return Notification.objects.select_related("recipient", "event").get(pk=notification_id)


def _message(note: Notification) -> EmailMessage:
    user = note.recipient
    with translation.override(language_of(user)):
        subject = _("[Pauta] %(message)s") % {"message": note.message}
        body = render_to_string("notifications/email.txt", {
            "user": user, "message": note.message, "link": link(note),
            "open_label": registry.subject_open_label(note.event),
            "list_link": absolute(reverse("notifications:list"))})
    return EmailMessage(" ".join(subject.split())[:200], body, to=[user.email],
                        headers={"Message-ID": message_id(note)})


def email_notification(notification_id: int) -> bool:
    """E-mail one notification if this run claims it; True when it was sent now.

    No transaction is held while the mail server talks: the claim commits first, then the
    send, then the ``sent`` mark. A send that raises puts the row back to ``pending`` (or
    ``failed`` after ``NOTIFICATION_EMAIL_MAX_ATTEMPTS``) and re-raises, so huey retries.
    """
    note = _claim(notification_id)
    if note is None:
        return False
    try:
        _message(note).send()
    except Exception as error:
        final = note.email_attempts >= settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS
        Notification.objects.filter(pk=note.pk, email_state=EmailState.SENDING).update(
            email_state=EmailState.FAILED if final else EmailState.PENDING,
            email_error=str(error)[:300], email_touched_at=clock.now())
        log.warning("E-mail of notification %s failed (attempt %s)", note.pk,
                    note.email_attempts, exc_info=True)
        if final:
            return False
        raise
    now = clock.now()
    Notification.objects.filter(pk=note.pk).update(
        email_state=EmailState.SENT, emailed_at=now, email_touched_at=now, email_error="")
    return True


def queue_emails(notification_ids) -> None:
    """Queue one e-mail task per row (in tests, huey's immediate mode runs it at once)."""
    from notifications.tasks import email_notification as task

    for pk in notification_ids:
        task(pk)


def sweep_stuck_emails(now=None) -> int:
    """Re-queue e-mails whose task was lost or killed: ``pending`` or ``sending`` rows not
    touched for ``NOTIFICATION_EMAIL_TIMEOUT`` seconds. Returns how many were re-queued.

    Each row is taken with a conditional update, so two sweepers never queue one row twice;
    a row that used up its attempts is marked ``failed`` instead.
    """
    now = now or clock.now()
    cutoff = now - timedelta(seconds=settings.NOTIFICATION_EMAIL_TIMEOUT)
    stuck = Notification.objects.filter(
        email_state__in=[EmailState.PENDING, EmailState.SENDING], email_touched_at__lt=cutoff)
    queued = []
    for pk, state, attempts in stuck.values_list("pk", "email_state", "email_attempts"):
        spent = attempts >= settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS
        taken = Notification.objects.filter(pk=pk, email_state=state,
                                            email_touched_at__lt=cutoff).update(
            email_state=EmailState.FAILED if spent else EmailState.PENDING,
            email_touched_at=now,
            **({"email_error": "worker lost during the last attempt"} if spent else {}))
        if taken and not spent:
            queued.append(pk)
    if queued:
        log.info("Re-queued %s stuck notification e-mails", len(queued))
    queue_emails(queued)
    return len(queued)
