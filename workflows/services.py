"""Every write on a content request: one service per action (lock, check, transition, audit).

Views, admin actions, commands and huey tasks call these; nothing else changes a request.
"""

from collections.abc import Callable
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from pauta import clock, concurrency, lifecycle
from pauta.lifecycle import ensure, required, service
from surveys.builtin import rating_answer
from workflows import permissions as perms
from workflows.errors import TransitionRefused
from workflows.models import Assignment, Comment, ContentRequest, Publication
from workflows.process import touch

STATE_MESSAGE = gettext_lazy("This action is not possible while the request is “%(state)s”.")
# Lazy: the sentence is translated when shown, in the language of whoever is refused.
CONDITION_MESSAGES = {
    "send_to_review": gettext_lazy("Write the final text of at least one channel before "
                                   "sending it for approval."),
    "schedule": gettext_lazy("Set a date and time for every channel before scheduling."),
}
# The fields of the brief and of a channel's text an edit form shows (optimistic concurrency);
# ``request_update`` refuses any field outside the brief.
BRIEF_FIELDS = ("kind", "title", "brief", "desired_date", "channels", "audiences",
                "plan_action", "priority", "priority_justification", "sensitive")
TEXT_FIELDS = ("title", "body", "excerpt")

# Hooks run inside a request transition once its event is written (webhooks, the seal).
AFTER_TRANSITION: list[Callable] = []
# Hooks run inside ``publication_save`` once the text is written (publishing: revisions).
AFTER_TEXT_SAVE: list[Callable] = []
# Checks run before a request is scheduled or published, each in its own transaction, so
# what a check does (publishing: a broken seal sends the request back to review) stays even
# though the scheduling is refused. A check returns a refusal sentence or None.
BEFORE_RELEASE: list[Callable] = []
# Hooks run inside ``publication_reschedule`` once the new date is written (publishing: a
# connector moves the channel's post).
AFTER_RESCHEDULE: list[Callable] = []


def lock(request: ContentRequest) -> ContentRequest:
    return lifecycle.lock(request, "secretariat")


def transition(request: ContentRequest, *, by, verb: str, check: Callable, args=(),
               payload=None, context=None, validate=None, actor=None) -> ContentRequest:
    """One request transition through the kernel (``pauta.lifecycle.move``)."""
    def after(moved, event):
        for hook in AFTER_TRANSITION:
            hook(request=moved, verb=verb, by=by, event=event, context=context or {})

    request = lifecycle.move(request, by=by, verb=verb, allowed=check, args=args,
                             payload=payload, conditions=CONDITION_MESSAGES,
                             state_message=STATE_MESSAGE, context=context, after=[after],
                             validate=validate, actor=actor)
    touch(request, by)
    return request


def check_dates(*, kind, desired_date, priority_justification="", today=None) -> None:
    """The desired date is not in the past and, inside the kind's lead time, is justified.

    The one place of the rule: the request form and the API both get this error.
    """
    from workflows.sla import add_business_days, lead_time

    if not desired_date:
        return
    today = today or clock.today()
    if desired_date < today:
        raise TransitionRefused({"desired_date": [
            _("The desired date cannot be in the past.")]})
    days = lead_time(kind)
    if desired_date < add_business_days(today, days) and not (
            priority_justification or "").strip():
        raise TransitionRefused({"priority_justification": [_(
            "The date is inside the minimum lead time of %(days)d business days for this "
            "kind of request: explain why it is urgent.") % {"days": days}]})


@service
def request_create(*, by, secretariat, kind, title, brief, desired_date=None, channels=(),
                   audiences=(), priority="normal", priority_justification="",
                   sensitive=False, plan_action=None, campaign=None, attachments=(),
                   extras=(), submit: bool = False) -> ContentRequest:
    """File a new request (a draft) for one of the person's secretariats.

    ``attachments``: ``attachment_add`` keyword arguments of files filed with it, stored
    before the submission (a requester attaches to a draft only); ``extras``: callables
    given the draft, run after them (the request form's parts: library assets).

    ``submit``: send it to the team at once, in the same transaction (a refused submission
    leaves no draft behind). ``campaign``: the piece belongs to that campaign
    (``campaigns.services``).
    """
    ensure(perms.can_create_for(by, secretariat))
    if campaign is None:  # a piece's date is bounded by its campaign's period instead
        check_dates(kind=kind, desired_date=desired_date,
                    priority_justification=priority_justification)
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
    for attachment in attachments:
        attachment_add(request=request, by=by, **attachment)
    for extra in extras:  # the form's parts (``forms.REQUEST_FORM_PARTS``), on the draft
        extra(request)
    if submit:
        request = request_submit(request=request, by=by)
    return request


@service
def request_update(*, request: ContentRequest, by, version: int | None = None, seen: str = "",
                   **fields) -> ContentRequest:
    """Edit the brief while it is a draft or waiting for information (``BRIEF_FIELDS`` only).

    ``version`` (and ``seen``, see ``pauta.concurrency``) is what the editing person loaded:
    a save made from an older version raises ``EditConflict`` instead of overwriting.
    """
    request = lock(request)
    ensure(perms.can_edit_brief(by, request))
    unknown = set(fields) - set(BRIEF_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    concurrency.check(request, version=version, seen=seen,
                      fields=concurrency.labels(ContentRequest, BRIEF_FIELDS))
    if request.campaign_id is None and {"kind", "desired_date",
                                        "priority_justification"} & set(fields):
        check_dates(**{name: fields.get(name, getattr(request, name)) for name in (
            "kind", "desired_date", "priority_justification")})
    m2m = {k: fields.pop(k) for k in ("channels", "audiences") if k in fields}
    for name, value in fields.items():
        setattr(request, name, value)
    request.version += 1
    request.save()
    for name, values in m2m.items():
        getattr(request, name).set(values)
    record(by=by, verb="update", target=request, payload={"fields": sorted([*fields, *m2m])})
    return request


@service
def request_submit(*, request: ContentRequest, by) -> ContentRequest:
    """Send a draft to the team; its due date follows from the kind's lead time."""
    from workflows.sla import due_date_for

    request = transition(request, by=by, verb="submit", check=perms.can_submit,
                         actor=perms.is_requester_side)
    request.due_date = due_date_for(request)  # before the sync: the triage timer reads it
    request.save(update_fields=["due_date"])
    return request


@service
def request_accept(*, request: ContentRequest, by, assignee=None) -> ContentRequest:
    """Triage: take the request into production, assigned to ``assignee`` (default: self)."""
    request = transition(request, by=by, verb="accept", check=perms.can_triage,
                         actor=perms.is_worker)
    return _assign(request, by=by, assignee=assignee or by)


@service
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
    touch(request, by)
    return request


@service
def request_return_for_info(*, request: ContentRequest, by, question: str) -> ContentRequest:
    return transition(request, by=by, verb="return_for_info", check=perms.can_triage,
                      actor=perms.is_worker,
                      args=(question,), payload={"question": question}, validate=required(
                          question, _("Write the question for the requester.")))


@service
def request_answer_info(*, request: ContentRequest, by, answer: str) -> ContentRequest:
    request = transition(request, by=by, verb="answer_info", check=perms.can_answer_info,
                         actor=perms.is_requester_side,
                         payload={"answer": answer},
                         validate=required(answer, _("Write your answer.")))
    Comment.objects.create(request=request, author=by, body=answer)
    return request


@service
def request_reject_at_triage(*, request: ContentRequest, by, reason: str,
                             comment: str = "") -> ContentRequest:
    return transition(request, by=by, verb="reject", check=perms.can_triage, args=(reason,),
                      actor=perms.is_worker,
                      payload={"reason": reason, "comment": comment},
                      validate=required(reason, _("Choose a reason for the rejection.")))


@service
def request_withdraw(*, request: ContentRequest, by, comment: str = "") -> ContentRequest:
    request = transition(request, by=by, verb="withdraw", check=perms.can_withdraw,
                         actor=perms.is_requester_side,
                         payload={"comment": comment})
    Publication.objects.filter(request=request, published_at__isnull=True).update(
        cancelled_at=clock.now())
    return request


@service
def request_rate(*, request: ContentRequest, by, rating: int, comment: str = ""):
    request = lock(request)
    ensure(perms.can_rate(by, request))
    if rating not in range(1, 6):
        raise TransitionRefused(_("The rating goes from 1 to 5."))
    request.rating, request.rating_comment = rating, comment
    request.save(update_fields=["rating", "rating_comment", "updated_at"])
    # The rating is also an answer of the built-in requester survey (surveys.builtin).
    rating_answer(by=by, rating=rating, comment=comment, day=clock.today())
    record(by=by, verb="rate", target=request, payload={"rating": rating})
    return request


@service
def comment_add(*, request: ContentRequest, by, body: str, internal: bool = False) -> Comment:
    request = lock(request)
    ensure(perms.can_comment(by, request, internal=internal))
    if not body.strip():
        raise TransitionRefused(_("The comment is empty."))
    comment = Comment.objects.create(request=request, author=by, body=body, internal=internal)
    record(by=by, verb="comment", target=request, payload={"internal": internal,
                                                          "comment_id": comment.pk})
    return comment


@service
def publication_save(*, request: ContentRequest, by, channel, title: str, body: str,
                     excerpt: str = "", version: int | None = None,
                     seen: str = "", attachments=None) -> Publication:
    """The editor drafts the final text of one channel.

    ``version`` is the text's version the editor loaded (0: none yet); a save made from an
    older one raises ``EditConflict`` (``pauta.concurrency``) instead of overwriting.
    ``attachments`` are the request's files that go with this channel (attachments or their
    ids); ``None`` keeps the channel's choice (all the files for a new text). Choosing every
    file means "all", so a file attached later goes too.
    """
    request = lock(request)
    ensure(perms.can_produce(by, request))
    chosen = _chosen_files(request, attachments)
    current = Publication.objects.select_for_update().filter(
        request=request, channel=channel).first()
    concurrency.check(current, version=version, seen=seen,
                      fields=concurrency.labels(Publication, TEXT_FIELDS))
    fields = {"title": title, "body": body, "excerpt": excerpt,
              "version": current.version + 1 if current else 1,
              **({"all_files": chosen is True} if chosen is not None else {})}
    # The row is locked (or, for a first text, the request is): no update_or_create, whose
    # savepoint and second locked read would repeat what is known.
    if current is None:
        publication = Publication.objects.create(request=request, channel=channel, **fields)
    else:
        publication = current
        for name, value in fields.items():
            setattr(publication, name, value)
        publication.save(update_fields=[*fields, "updated_at"])
    if chosen is not None:
        publication.attachments.set([] if chosen is True else chosen)
    record(by=by, verb="draft_text", target=publication,
           payload={"channel": channel.code, "length": len(body)})
    for hook in AFTER_TEXT_SAVE:
        hook(publication=publication, by=by)
    return publication


def _chosen_files(request: ContentRequest, attachments):
    """``None`` (no choice), ``True`` (every file of the request) or the chosen ids; a file
    of another request is refused before anything is written."""
    if attachments is None:
        return None
    ids = set()
    for item in attachments:
        pk = getattr(item, "pk", item)
        try:
            ids.add(int(pk))
        except (TypeError, ValueError):
            ids.add(-1)
    own = set(request.attachments.values_list("pk", flat=True))
    if not ids <= own:
        raise TransitionRefused({"attachments": [
            _("Choose only files attached to this request.")]})
    return True if ids == own else sorted(ids)


@service
def request_send_to_review(*, request: ContentRequest, by) -> ContentRequest:
    """Send to review (the compliance gate runs in the kernel); the round's steps open."""
    from approvals.services import steps_open_round

    request = transition(request, by=by, verb="send_to_review", check=perms.can_produce,
                         actor=perms.is_worker)
    if steps_open_round(target=request, by=by):
        return request  # the steps opened; the request (locked, just moved) is as it is
    return ContentRequest.objects.get(pk=request.pk)  # no policy applied: approved at once


@service
def publication_reschedule(*, publication: Publication, scheduled_at: datetime,
                           by) -> Publication:
    """Set or move the date and time one channel's piece goes out."""
    request = lock(publication.request)
    ensure(perms.can_schedule(by, request))
    if timezone.is_naive(scheduled_at):
        scheduled_at = timezone.make_aware(scheduled_at)
    if scheduled_at < clock.now():
        raise TransitionRefused(_("The publication date must be in the future."))
    channel = publication.channel
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    # The rows already read: the request locked above (the audit subject), its channel.
    publication.request, publication.channel = request, channel
    previous = publication.scheduled_at
    publication.scheduled_at = scheduled_at
    publication.sequence += 1
    publication.save(update_fields=["scheduled_at", "sequence", "updated_at"])
    if request.state == "scheduled":
        # A piece already out of approval moves only through the gate that scheduled it
        # (a new date may fall in a blackout, a mourning day or next to another piece).
        lifecycle.run_gates(request, verb="schedule", by=by, context={"reschedule": True})
    record(by=by, verb="reschedule" if previous else "set_schedule", target=publication,
           payload={"from": previous, "to": scheduled_at, "channel": publication.channel.code})
    for hook in AFTER_RESCHEDULE:
        hook(publication=publication, by=by, previous=previous)
    return publication


def release_check(request: ContentRequest, *, by, verb: str) -> None:
    """Run the ``BEFORE_RELEASE`` checks (each its own service); refuse with the first
    sentence one of them returns."""
    for check in BEFORE_RELEASE:
        refusal = service(check)(request=request, by=by, verb=verb)
        if refusal:
            raise TransitionRefused(str(refusal))


def request_schedule(*, request: ContentRequest, by, when: dict | None = None) -> ContentRequest:
    """Schedule every channel (``when`` maps publication pk → datetime) and move to scheduled,
    once the release checks pass (publishing: the approved content is what is scheduled)."""
    release_check(request, by=by, verb="schedule")
    return _request_schedule(request=request, by=by, when=when)


@service
def _request_schedule(*, request: ContentRequest, by, when: dict | None = None):
    for pub_pk, moment in (when or {}).items():
        publication_reschedule(publication=Publication.objects.select_related("request", "channel")
                               .get(pk=pub_pk, request=request), scheduled_at=moment, by=by)
    request = lock(request)
    # Every channel dated: the move's own conditions step (``CONDITION_MESSAGES``'s sentence)
    if request.state == "scheduled":
        return request
    return transition(request, by=by, verb="schedule", check=perms.can_schedule,
                      actor=perms.is_worker)


def request_publish(*, request: ContentRequest, by, urls: dict | None = None,
                    reasons: dict | None = None, system: bool = False) -> ContentRequest:
    """Record the publication with its evidence, once the release checks pass.

    ``urls`` and ``reasons`` map publication pk → the address where it went out, or why it
    is not online (``OfflineReason``); every live channel needs one of the two (a connector
    calls it with ``system=True`` and the address it got back).
    """
    release_check(request, by=by, verb="publish")
    return _request_publish(request=request, by=by, urls=urls or {}, reasons=reasons or {},
                            system=system)


def missing_evidence(request: ContentRequest, urls: dict, reasons: dict) -> list[str]:
    """The channels that would be published with neither an address nor a reason."""
    return [p.channel.name for p in request.publications.filter(
        cancelled_at__isnull=True).select_related("channel")
        if not (urls.get(p.pk) or p.url or reasons.get(p.pk) or p.offline_reason)]


def _evidence(urls: dict, reasons: dict):
    def validate(request):
        missing = missing_evidence(request, urls, reasons)
        if missing:
            raise TransitionRefused(_(
                "Give the address where it was published, or say why it is not online "
                "(printed, radio), for: %(channels)s.") % {"channels": ", ".join(missing)})
    return validate


@service
def _request_publish(*, request: ContentRequest, by, urls: dict, reasons: dict,
                     system: bool) -> ContentRequest:
    check = (lambda user, req: True) if system else perms.can_publish  # the job: state only
    request = transition(request, by=by, verb="publish", check=check, actor=perms.is_worker,
                         payload={"urls": urls, "reasons": reasons, "system": system},
                         validate=_evidence(urls, reasons))
    now = clock.now()
    for publication in request.publications.filter(cancelled_at__isnull=True):
        publication.published_at = publication.published_at or now
        publication.url = urls.get(publication.pk, publication.url)
        publication.offline_reason = (
            "" if publication.url else reasons.get(publication.pk, publication.offline_reason))
        publication.sequence += 1
        publication.save(update_fields=["published_at", "url", "offline_reason", "sequence",
                                        "updated_at"])
    return request


@service
def request_archive(*, request: ContentRequest, by) -> ContentRequest:
    return transition(request, by=by, verb="archive", check=perms.can_archive,
                      actor=perms.is_worker)


@service
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
    """The scheduled job: requests whose channels' times have all passed are "due, not
    confirmed" until someone records where they went out; the editor is told once.

    The timer alone never marks a piece published: published means evidence (an address
    or an offline reason), recorded by a person or a connector.
    """
    from django.db.models import Max

    now = clock.now()
    due = (ContentRequest.objects.filter(state="scheduled")
           .annotate(last=Max("publications__scheduled_at")).filter(last__lte=now)
           .filter(publications__cancelled_at__isnull=True,
                   publications__due_unconfirmed_at__isnull=True).distinct())
    count = 0
    for request in due:
        try:  # a piece changed since its approval goes back to review instead
            release_check(request, by=None, verb="publish")
        except TransitionRefused:
            continue
        publication_due_unconfirmed(request=request)
        count += 1
    return count


@service
def publication_due_unconfirmed(*, request: ContentRequest) -> None:
    """Mark a scheduled request's channels due, not confirmed, and tell its editor."""
    request = lock(request)
    pending = request.publications.filter(cancelled_at__isnull=True,
                                          due_unconfirmed_at__isnull=True)
    if request.state != "scheduled" or not pending.exists():
        return
    pending.update(due_unconfirmed_at=clock.now())
    record(by=None, verb="publication_unconfirmed", target=request)
