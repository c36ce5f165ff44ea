"""Who is told about what: in-app notifications and e-mails, one per event per person.

``notify_event`` runs in huey after the transaction that recorded the event. It can run twice
(retries) without duplicating anything: the notification row is unique per (event,
recipient) and its e-mail goes out only while ``emailed_at`` is empty, under a row lock.
"""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from org.models import User
from workflows.models import AuditEvent, ContentRequest, Notification

# What each event says; the request's number, title and secretariat fill the placeholders.
MESSAGES = {
    "submit": gettext_lazy("New request #%(id)s “%(title)s” from %(secretariat)s."),
    "accept": gettext_lazy("Request #%(id)s “%(title)s” was accepted and is in production."),
    "assign": gettext_lazy("Request #%(id)s “%(title)s” was assigned to you."),
    "return_for_info": gettext_lazy(
        "The communication team asks for information on request #%(id)s “%(title)s”."),
    "answer_info": gettext_lazy("The requester answered on request #%(id)s “%(title)s”."),
    "reject": gettext_lazy("Request #%(id)s “%(title)s” was rejected."),
    "send_to_review": gettext_lazy("Request #%(id)s “%(title)s” waits for your decision."),
    "open_stage": gettext_lazy("Request #%(id)s “%(title)s” waits for your decision."),
    "decide": gettext_lazy("A decision was recorded on request #%(id)s “%(title)s”."),
    "request_changes": gettext_lazy("Changes were requested on request #%(id)s “%(title)s”."),
    "approve": gettext_lazy("Request #%(id)s “%(title)s” was approved."),
    "schedule": gettext_lazy("Request #%(id)s “%(title)s” was scheduled."),
    "publish": gettext_lazy("Request #%(id)s “%(title)s” was published."),
    "withdraw": gettext_lazy("Request #%(id)s “%(title)s” was withdrawn by the requester."),
    "rate": gettext_lazy("The requester rated request #%(id)s “%(title)s”."),
    "comment": gettext_lazy("New comment on request #%(id)s “%(title)s”."),
    "remind": gettext_lazy("Request #%(id)s “%(title)s” is due on %(due_date)s."),
    "escalate": gettext_lazy("Request #%(id)s “%(title)s” was due on %(due_date)s and is overdue."),
}
# An escalation without a due date (the triage timer of the process).
ESCALATE_UNDATED = gettext_lazy("Request #%(id)s “%(title)s” is overdue.")


def _group(name):
    return User.objects.filter(is_active=True, groups__name=name)


def _requester_side(request):
    """The requester and every member of the requesting secretariat."""
    return [*User.objects.filter(is_active=True, memberships__secretariat=request.secretariat),
            *User.objects.filter(is_active=True, pk=request.requester_id)]


def _assignee(request):
    return list(User.objects.filter(pk=request.assignee_id, is_active=True))


def _assignee_or_editors(request):
    """Whoever has the request; while nobody has it, the team queue (the Editors)."""
    return _assignee(request) if request.assignee_id else list(_group("Editor"))


def _deciders(request):
    """Everyone who can decide one of the request's pending approval steps of this round."""
    from approvals.models import ApprovalStep
    from approvals.selectors import deciders_of

    people = []
    for step in ApprovalStep.objects.filter(request=request, review_round=request.review_round,
                                            status="pending").select_related("request"):
        people.extend(deciders_of(step))
    return people


def _comment_readers(request, event):
    """The other side of the conversation; internal comments stay within the team."""
    from workflows.permissions import is_team

    team_side = [*_assignee_or_editors(request), *_deciders(request)]
    if event.payload.get("internal"):
        return [u for u in team_side if is_team(u)]
    if event.actor is not None and is_team(event.actor):
        return [*_requester_side(request), *_assignee(request)]
    return team_side


# verb → who hears about it. The actor is removed afterwards; unlisted verbs notify nobody.
ROUTES = {
    "submit": lambda r, e: _group("Editor"),
    "accept": lambda r, e: _requester_side(r),
    "assign": lambda r, e: _assignee(r),
    "return_for_info": lambda r, e: _requester_side(r),
    "answer_info": lambda r, e: _assignee_or_editors(r),
    "reject": lambda r, e: _requester_side(r),
    "send_to_review": lambda r, e: _deciders(r),
    "open_stage": lambda r, e: _deciders(r),
    "decide": lambda r, e: _assignee(r),
    "request_changes": lambda r, e: _assignee(r),
    "approve": lambda r, e: [*_requester_side(r), *_assignee(r)],
    "schedule": lambda r, e: _requester_side(r),
    "publish": lambda r, e: _requester_side(r),
    "withdraw": lambda r, e: _assignee(r),
    "rate": lambda r, e: _assignee(r),
    "comment": _comment_readers,
    "remind": lambda r, e: _assignee_or_editors(r),
    "escalate": lambda r, e: _group("Approver"),
}


def recipients(event: AuditEvent) -> list[User]:
    """The people told about ``event``: each once, never the person who acted."""
    route = ROUTES.get(event.verb)
    if route is None or event.request_id is None:
        return []
    people = {u.pk: u for u in route(event.request, event) if u.is_active}
    people.pop(event.actor_id, None)
    return [people[pk] for pk in sorted(people)]


def render_message(event: AuditEvent, user: User) -> str:
    """The one-line text of ``event`` for ``user``, in the user's language."""
    request: ContentRequest = event.request
    due = event.payload.get("due_date") or request.due_date
    with translation.override(_language(user)):
        text = MESSAGES[event.verb] if due or event.verb != "escalate" else ESCALATE_UNDATED
        return str(text) % {
            "id": request.pk, "title": request.title, "secretariat": request.secretariat.acronym,
            "due_date": formats.date_format(_as_date(due), "SHORT_DATE_FORMAT") if due else ""}


def _as_date(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def notify_event(event_id: int) -> int:
    """Create the notifications of one event and e-mail them; returns how many are new.

    Safe to run again for the same event: rows are got-or-created, e-mails sent once.
    """
    event = (AuditEvent.objects.select_related("request__secretariat", "actor")
             .filter(pk=event_id).first())
    if event is None or event.verb not in MESSAGES:
        return 0
    created = 0
    for user in recipients(event):
        note, is_new = Notification.objects.get_or_create(
            event=event, recipient=user,
            defaults={"request": event.request, "message": render_message(event, user)})
        created += is_new
        if not user.notification_digest and user.email:
            email_notification(note.pk)
    return created


def _language(user: User) -> str:
    return user.language or settings.LANGUAGE_CODE


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _request_link(note: Notification) -> str:
    return _absolute(reverse("workflows:detail", args=[note.request_id])) if note.request_id else ""


@transaction.atomic
def email_notification(notification_id: int) -> bool:
    """E-mail one notification unless it went out already (row-locked, so retries are safe)."""
    note = Notification.objects.select_for_update().select_related("recipient").get(
        pk=notification_id)
    if note.emailed_at is not None:
        return False  # a retry: it went out already
    user = note.recipient
    with translation.override(_language(user)):
        subject = _("[Pauta] %(message)s") % {"message": note.message}
        body = render_to_string("workflows/notifications/email.txt", {
            "user": user, "message": note.message, "link": _request_link(note),
            "list_link": _absolute(reverse("notifications:list"))})
    send_mail(" ".join(subject.split())[:200], body, None, [user.email])
    note.emailed_at = timezone.now()
    note.save(update_fields=["emailed_at"])
    return True


@transaction.atomic
def send_digest(user: User) -> bool:
    """One e-mail with every notification the person was not e-mailed yet."""
    if not user.email:
        return False
    notes = list(Notification.objects.select_for_update().filter(
        recipient=user, emailed_at__isnull=True).order_by("created_at", "pk"))
    if not notes:
        return False
    with translation.override(_language(user)):
        subject = ngettext("[Pauta] Your daily digest: %(count)d notification",
                           "[Pauta] Your daily digest: %(count)d notifications",
                           len(notes)) % {"count": len(notes)}
        body = render_to_string("workflows/notifications/digest.txt", {
            "user": user, "items": [(n, _request_link(n)) for n in notes],
            "list_link": _absolute(reverse("notifications:list"))})
    send_mail(subject, body, None, [user.email])
    Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=timezone.now())
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
