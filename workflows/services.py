"""Every write on a content request: one service per action (lock, check, transition, audit).

Views, admin actions, commands and huey tasks call these; nothing else changes a request.
"""

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from audit.services import record
from pauta import clock, concurrency
from workflows import permissions as perms
from workflows.errors import TransitionRefused
from workflows.models import Assignment, Comment, ContentRequest, Publication
from workflows.process import process_sync

CONDITION_MESSAGES = {
    "send_to_review": _("Write the final text of at least one channel before sending it "
                        "for approval."),
    "schedule": _("Set a date and time for every channel before scheduling."),
}

# The fields of the brief and of a channel's text an edit form shows (optimistic concurrency).
BRIEF_FIELDS = ("kind", "title", "brief", "desired_date", "channels", "audiences",
                "plan_action", "priority", "priority_justification", "sensitive")
TEXT_FIELDS = ("title", "body", "excerpt")

# Hooks other parts register to run inside a transition (e.g. compliance gates, process sync).
BEFORE_TRANSITION: list[Callable] = []
AFTER_TRANSITION: list[Callable] = []


def ensure(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


def lock(request: ContentRequest) -> ContentRequest:
    return ContentRequest.objects.select_for_update().select_related("secretariat").get(
        pk=request.pk)


def transition(request: ContentRequest, *, by, verb: str, check: Callable, args=(),
               payload=None, context=None) -> ContentRequest:
    """Run one lifecycle transition the one way: lock, permission, guards, move, audit."""
    request = lock(request)
    method = getattr(request, verb)
    if not can_proceed(method, check_conditions=False):
        raise TransitionRefused(
            _("This action is not possible while the request is “%(state)s”.")
            % {"state": request.get_state_display()})
    ensure(check(by, request))
    if not can_proceed(method):
        raise TransitionRefused(CONDITION_MESSAGES.get(verb, _("A condition is not met.")))
    for hook in BEFORE_TRANSITION:
        hook(request=request, verb=verb, by=by, context=context or {})
    from_state = request.state
    method(*args)
    request.save()
    event = record(by=by, verb=verb, target=request, from_state=from_state,
                   to_state=request.state, payload=payload)
    for hook in AFTER_TRANSITION:
        hook(request=request, verb=verb, by=by, event=event, context=context or {})
    if not (context or {}).get("defer_process"):
        process_sync(request, by)
    return request


@transaction.atomic
def request_create(*, by, secretariat, kind, title, brief, desired_date=None, channels=(),
                   audiences=(), priority="normal", priority_justification="",
                   sensitive=False, plan_action=None, campaign=None) -> ContentRequest:
    """File a new request (a draft) for one of the person's secretariats.

    ``campaign``: the piece belongs to that campaign (see ``workflows.services_campaigns``).
    """
    ensure(perms.can_create_for(by, secretariat))
    if campaign is not None and campaign.secretariat_id != secretariat.pk:
        raise TransitionRefused(_("A campaign's pieces belong to the campaign's secretariat."))
    request = ContentRequest.objects.create(
        secretariat=secretariat, requester=by, kind=kind, title=title, brief=brief,
        desired_date=desired_date, priority=priority, sensitive=sensitive,
        priority_justification=priority_justification, plan_action=plan_action,
        campaign=campaign)
    request.channels.set(channels)
    request.audiences.set(audiences)
    record(by=by, verb="create", target=request, to_state=request.state,
           payload={"campaign": campaign.pk} if campaign else None)
    return request


@transaction.atomic
def request_update(*, request: ContentRequest, by, version: int | None = None, seen: str = "",
                   **fields) -> ContentRequest:
    """Edit the brief while it is a draft or waiting for information.

    ``version`` (and ``seen``, see ``pauta.concurrency``) is what the editing person loaded:
    a save made from an older version raises ``EditConflict`` instead of overwriting.
    """
    request = lock(request)
    ensure(perms.can_edit_brief(by, request))
    concurrency.check(request, version=version, seen=seen,
                      fields=concurrency.labels(ContentRequest, BRIEF_FIELDS))
    m2m = {k: fields.pop(k) for k in ("channels", "audiences") if k in fields}
    for name, value in fields.items():
        setattr(request, name, value)
    request.version += 1
    request.save()
    for name, values in m2m.items():
        getattr(request, name).set(values)
    record(by=by, verb="update", target=request, payload={"fields": sorted([*fields, *m2m])})
    return request


@transaction.atomic
def request_submit(*, request: ContentRequest, by) -> ContentRequest:
    from workflows.sla import due_date_for

    request = transition(request, by=by, verb="submit", check=perms.can_submit,
                         context={"defer_process": True})
    request.due_date = due_date_for(request)
    request.save(update_fields=["due_date"])
    process_sync(request, by)  # after the due date is set: the triage timer is keyed on it
    return request


@transaction.atomic
def request_accept(*, request: ContentRequest, by, assignee=None) -> ContentRequest:
    """Triage: take the request into production, assigned to ``assignee`` (default: self)."""
    request = transition(request, by=by, verb="accept", check=perms.can_triage,
                         context={"defer_process": True})
    return _assign(request, by=by, assignee=assignee or by)


@transaction.atomic
def request_assign(*, request: ContentRequest, by, assignee) -> ContentRequest:
    request = lock(request)
    ensure(perms.can_assign(by, request))
    return _assign(request, by=by, assignee=assignee)


def _assign(request, *, by, assignee):
    if not assignee.has_perm(perms.WORK):
        raise TransitionRefused(_("Only members of the communication team can be assigned."))
    request.assignee = assignee
    request.save(update_fields=["assignee", "updated_at"])
    Assignment.objects.create(request=request, user=assignee, assigned_by=by)
    record(by=by, verb="assign", target=request, payload={"assignee": assignee.pk})
    process_sync(request, by)
    return request


@transaction.atomic
def request_return_for_info(*, request: ContentRequest, by, question: str) -> ContentRequest:
    if not question.strip():
        raise TransitionRefused(_("Write the question for the requester."))
    return transition(request, by=by, verb="return_for_info", check=perms.can_triage,
                      args=(question,), payload={"question": question})


@transaction.atomic
def request_answer_info(*, request: ContentRequest, by, answer: str) -> ContentRequest:
    if not answer.strip():
        raise TransitionRefused(_("Write your answer."))
    request = transition(request, by=by, verb="answer_info", check=perms.can_answer_info,
                         payload={"answer": answer})
    Comment.objects.create(request=request, author=by, body=answer)
    return request


@transaction.atomic
def request_reject_at_triage(*, request: ContentRequest, by, reason: str,
                             comment: str = "") -> ContentRequest:
    if not reason:
        raise TransitionRefused(_("Choose a reason for the rejection."))
    return transition(request, by=by, verb="reject", check=perms.can_triage, args=(reason,),
                      payload={"reason": reason, "comment": comment})


@transaction.atomic
def request_withdraw(*, request: ContentRequest, by, comment: str = "") -> ContentRequest:
    request = transition(request, by=by, verb="withdraw", check=perms.can_withdraw,
                         payload={"comment": comment})
    Publication.objects.filter(request=request, published_at__isnull=True).update(
        cancelled_at=clock.now())
    return request


@transaction.atomic
def request_rate(*, request: ContentRequest, by, rating: int, comment: str = ""):
    request = lock(request)
    ensure(perms.can_rate(by, request))
    if rating not in range(1, 6):
        raise TransitionRefused(_("The rating goes from 1 to 5."))
    request.rating, request.rating_comment = rating, comment
    request.save(update_fields=["rating", "rating_comment", "updated_at"])
    record(by=by, verb="rate", target=request, payload={"rating": rating})
    return request


@transaction.atomic
def comment_add(*, request: ContentRequest, by, body: str, internal: bool = False) -> Comment:
    request = lock(request)
    ensure(perms.can_comment(by, request, internal=internal))
    if not body.strip():
        raise TransitionRefused(_("The comment is empty."))
    comment = Comment.objects.create(request=request, author=by, body=body, internal=internal)
    record(by=by, verb="comment", target=request, payload={"internal": internal,
                                                          "comment_id": comment.pk})
    return comment


@transaction.atomic
def publication_save(*, request: ContentRequest, by, channel, title: str, body: str,
                     excerpt: str = "", version: int | None = None,
                     seen: str = "") -> Publication:
    """The editor drafts the final text of one channel.

    ``version`` is the text's version the editor loaded (0: none yet); a save made from an
    older one raises ``EditConflict`` (``pauta.concurrency``) instead of overwriting.
    """
    request = lock(request)
    ensure(perms.can_produce(by, request))
    current = Publication.objects.select_for_update().filter(
        request=request, channel=channel).first()
    concurrency.check(current, version=version, seen=seen,
                      fields=concurrency.labels(Publication, TEXT_FIELDS))
    publication, _created = Publication.objects.update_or_create(
        request=request, channel=channel,
        defaults={"title": title, "body": body, "excerpt": excerpt,
                  "version": current.version + 1 if current else 1})
    record(by=by, verb="draft_text", target=publication,
           payload={"channel": channel.code, "length": len(body)})
    return publication


@transaction.atomic
def request_send_to_review(*, request: ContentRequest, by) -> ContentRequest:
    """Send to review; compliance gates run as BEFORE_TRANSITION hooks, steps are created."""
    from approvals.services import steps_open_round

    request = transition(request, by=by, verb="send_to_review", check=perms.can_produce,
                         context={"defer_process": True})
    steps_open_round(request=request, by=by)
    process_sync(request, by)  # now the review branches know which steps are pending
    return ContentRequest.objects.get(pk=request.pk)


@transaction.atomic
def publication_reschedule(*, publication: Publication, scheduled_at: datetime,
                           by) -> Publication:
    """Set or move the date and time one channel's piece goes out."""
    request = lock(publication.request)
    ensure(perms.can_schedule(by, request))
    if timezone.is_naive(scheduled_at):
        scheduled_at = timezone.make_aware(scheduled_at)
    if scheduled_at < clock.now():
        raise TransitionRefused(_("The publication date must be in the future."))
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    previous = publication.scheduled_at
    publication.scheduled_at = scheduled_at
    publication.sequence += 1
    publication.save(update_fields=["scheduled_at", "sequence", "updated_at"])
    if request.state == "scheduled":
        # A piece already out of approval moves only through the gate that scheduled it
        # (a new date may fall in a blackout, a mourning day or next to another piece).
        for hook in BEFORE_TRANSITION:
            hook(request=request, verb="schedule", by=by, context={"reschedule": True})
    record(by=by, verb="reschedule" if previous else "set_schedule", target=publication,
           payload={"from": previous, "to": scheduled_at, "channel": publication.channel.code})
    return publication


@transaction.atomic
def request_schedule(*, request: ContentRequest, by, when: dict | None = None) -> ContentRequest:
    """Schedule every channel (``when`` maps publication pk → datetime) and move to scheduled."""
    for pub_pk, moment in (when or {}).items():
        publication_reschedule(publication=Publication.objects.get(pk=pub_pk, request=request),
                               scheduled_at=moment, by=by)
    request = lock(request)
    if request.state == "approved" and not can_proceed(request.schedule):
        raise TransitionRefused(_("Set a date and time for every channel before scheduling."))
    if request.state == "scheduled":
        return request
    return transition(request, by=by, verb="schedule", check=perms.can_schedule)


@transaction.atomic
def request_publish(*, request: ContentRequest, by, urls: dict | None = None,
                    system: bool = False) -> ContentRequest:
    """Record the publication (by an editor, or by the scheduled job with ``system=True``)."""
    check = (lambda user, req: req.state == "scheduled") if system else perms.can_publish
    request = transition(request, by=by, verb="publish", check=check,
                         payload={"urls": urls or {}, "system": system})
    now = clock.now()
    for publication in request.publications.filter(cancelled_at__isnull=True):
        publication.published_at = publication.published_at or now
        publication.url = (urls or {}).get(publication.pk, publication.url)
        publication.sequence += 1
        publication.save(update_fields=["published_at", "url", "sequence", "updated_at"])
    return request


@transaction.atomic
def request_archive(*, request: ContentRequest, by) -> ContentRequest:
    return transition(request, by=by, verb="archive", check=perms.can_archive)


@transaction.atomic
def attachment_add(*, request: ContentRequest, by, uploaded, alt_text: str = "",
                   shows_minors: bool = False, consent_recorded: bool = False):
    """Store a file on the request after checking its real type and size; its name (stored and
    served) takes the extension of the type found."""
    from workflows.models import Attachment
    from workflows.uploads import detect_type, name_for_type

    request = lock(request)
    ensure(perms.can_attach(by, request))
    mime = detect_type(uploaded)
    name = name_for_type(uploaded.name, mime)
    uploaded.name = name[-100:]  # the stored file's name: what its bytes are
    attachment = Attachment.objects.create(
        request=request, file=uploaded, original_name=name[-255:], content_type=mime,
        size=uploaded.size, alt_text=alt_text, shows_minors=shows_minors,
        consent_recorded=consent_recorded, uploaded_by=by)
    record(by=by, verb="attach", target=attachment,
           payload={"name": attachment.original_name, "type": mime})
    return attachment


def publish_due_requests() -> int:
    """The scheduled job: publish requests whose channels' times have all passed."""
    from django.db.models import Max

    now = clock.now()
    due = (ContentRequest.objects.filter(state="scheduled")
           .annotate(last=Max("publications__scheduled_at")).filter(last__lte=now))
    count = 0
    for request in due:
        with transaction.atomic():
            request_publish(request=request, by=None, system=True)
        count += 1
    return count
