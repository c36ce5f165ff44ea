"""Who is told about what: in-app notifications and e-mails, one per event per person.

What an event says and who hears about it come from the verb registry (``audit.registry``):
each app states its verbs' ``recipients`` and ``notice`` in ``<app>/verbs.py``. ``notify_event``
runs in huey after the transaction that recorded the event. It can run twice (retries)
without duplicating anything: the notification row is unique per (event, recipient) and its
e-mail is sent by a task that claims the row first (``notifications.emails``).
"""

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from audit import registry
from audit.models import AuditEvent
from notifications.emails import absolute as _absolute
from notifications.emails import language_of as _language
from notifications.emails import link as _link
from notifications.emails import queue_emails
from notifications.models import EmailState, Notification
from org.models import User
from pauta import clock


def recipients(event: AuditEvent) -> list[User]:
    """The people told about ``event``: each once, never the person who acted."""
    verb = registry.get(event.verb)
    if verb is None or verb.recipients is None:
        return []
    people = {u.pk: u for u in verb.recipients(event) if u.is_active}
    people.pop(event.actor_id, None)
    return [people[pk] for pk in sorted(people)]


def render_message(event: AuditEvent, user: User) -> str:
    """The one-line text of ``event`` for ``user``, in the user's language."""
    with translation.override(_language(user)):
        return registry.notice(event)


def notify_event(event_id: int) -> int:
    """Create the notifications of one event and queue their e-mails; returns how many are new.

    Every row is written in one statement, each with its e-mail ``pending`` (or ``none`` for
    digest readers and people without an address), before anything is sent; then one e-mail
    task per pending row (``notifications.emails``). Safe to run again: the people already
    told are read in one query and only the others' rows inserted (``ignore_conflicts``: a
    concurrent run's row wins, never a duplicate), and an e-mail task only sends a row it
    claims. An event nobody is told about writes and queues nothing (a row an earlier run
    left pending for someone no longer told is re-queued by ``sweep_stuck_emails``).
    """
    event = (AuditEvent.objects.select_related("request__secretariat", "actor")
             .filter(pk=event_id).first())
    if event is None:
        return 0
    people = recipients(event)
    if not people:
        return 0
    told = set(Notification.objects.filter(event=event, recipient__in=people)
               .values_list("recipient_id", flat=True))
    now = clock.now()
    new = [Notification(event=event, recipient=user, request=event.request,
                        message=render_message(event, user), email_touched_at=now,
                        email_state=(EmailState.PENDING if user.email and not
                                     user.notification_digest else EmailState.NONE))
           for user in people if user.pk not in told]
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    # Written: now the e-mails. A row a previous run left pending is queued again too.
    queue_emails(Notification.objects.filter(event=event, email_state=EmailState.PENDING)
                 .values_list("pk", flat=True))
    return len(new)


@transaction.atomic
def send_digest(user: User) -> bool:
    """One e-mail with every notification the person was not e-mailed yet."""
    if not user.email:
        return False
    # Rows an e-mail task has (pending, sending) are left to it: never two e-mails for one.
    notes = list(Notification.objects.select_for_update(of=("self",)).select_related("event")
                 .filter(recipient=user, emailed_at__isnull=True)
                 .exclude(email_state__in=[EmailState.PENDING, EmailState.SENDING])
                 .order_by("created_at", "pk"))
    if not notes:
        return False
    with translation.override(_language(user)):
        subject = ngettext("[Pauta] Your daily digest: %(count)d notification",
                           "[Pauta] Your daily digest: %(count)d notifications",
                           len(notes)) % {"count": len(notes)}
        body = render_to_string("notifications/digest.txt", {
            "user": user, "items": [(n, _link(n)) for n in notes],
            "list_link": _absolute(reverse("notifications:list"))})
    send_mail(subject, body, None, [user.email])
    Notification.objects.filter(pk__in=[n.pk for n in notes]).update(
        emailed_at=timezone.now(), email_state=EmailState.SENT)
    return True


def send_digests() -> int:
    """The daily job: one digest per person who chose the digest and has something new."""
    users = User.objects.filter(is_active=True, notification_digest=True,
                                notifications__emailed_at__isnull=True).exclude(email="")
    return sum(send_digest(user) for user in users.distinct())


def set_digest(*, user: User, enabled: bool) -> User:
    """The person's own choice: one daily digest instead of one e-mail per event."""
    if user.notification_digest != enabled:
        user.notification_digest = enabled
        user.save(update_fields=["notification_digest"])
    return user


def mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one of the person's notifications (or all of them) as read; returns how many."""
    notes = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        notes = notes.filter(pk=notification_id)
    return notes.update(read_at=timezone.now())
