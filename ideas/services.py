"""Every write on ideas: one service per action, transitions through the kernel's ``move``.

Supports are counted on the idea (``support_count``) under the idea's row lock, so two people
supporting at once both count; the unique constraint makes a second support by one person
impossible even when two of their requests race.
"""

import uuid
from pathlib import PurePath

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from ideas import permissions as perms
from ideas.models import Attachment, Comment, Idea, IdeaState, Support
from pauta import lifecycle
from pauta.lifecycle import TransitionRefused, ensure, service
from workflows.uploads import detect_type, name_for_type

STATE_MESSAGE = gettext_lazy("This is not possible while the idea is “%(state)s”.")
NOBODY_FILES = gettext_lazy(
    "Nobody may file content requests for the idea's secretariat (it has no focal point or "
    "head who may): ask the secretariat to name one, or file the request for a secretariat "
    "you act for.")
NO_SECRETARIAT = gettext_lazy(
    "The idea names no secretariat: the team cannot file its request in a secretariat's "
    "name. Someone who files for the secretariat concerned can turn it into a request.")


def _move(idea, *, by, verb: str, allowed, payload=None, validate=None, args=()):
    return lifecycle.move(idea, by=by, verb=verb, allowed=allowed, args=args,
                          audit_verb=f"idea_{verb}", state_message=STATE_MESSAGE,
                          payload=payload, validate=validate, actor=perms.is_triager,
                          related=())


def _text(value: str, message) -> str:
    value = (value or "").strip()
    if not value:
        raise TransitionRefused(str(message))
    return value


def _attach(idea, upload) -> None:
    """Keep the file of a new idea, its type read from its content (the form checked it; the
    service checks again). An anonymous idea's file gets a neutral name."""
    mime = detect_type(upload)
    stem = "anexo" if idea.anonymous else upload.name
    name = name_for_type(stem, mime)
    attachment = Attachment(idea=idea, original_name=name[:255], content_type=mime,
                            size=upload.size)
    attachment.file.save(f"{uuid.uuid4().hex}{PurePath(name).suffix}", upload, save=False)
    attachment.save()


@service
def idea_propose(*, by, title: str, description: str, secretariat=None,
                 anonymous: bool = False, attachment=None) -> Idea:
    """A staff member proposes an idea (with an optional file); anonymously only when the
    installation allows it."""
    ensure(perms.can_propose(by))
    if anonymous and not perms.anonymous_allowed():
        raise TransitionRefused(_("This installation does not accept anonymous ideas."))
    idea = Idea.objects.create(
        title=_text(title, _("Give the idea a title.")),
        description=_text(description, _("Describe the idea.")),
        secretariat=secretariat, anonymous=anonymous, author=None if anonymous else by)
    if attachment is not None:
        _attach(idea, attachment)
    # An anonymous proposal is recorded without an actor: only the fact that it was anonymous.
    record(by=None if anonymous else by, verb="idea_propose", target=idea,
           to_state=idea.state, payload={"anonymous": True} if anonymous else None)
    return idea


@service
def idea_support(*, idea, by) -> Idea:
    idea = lifecycle.lock(idea)
    ensure(perms.can_view_idea(by, idea))
    if not perms.can_support(by, idea):
        if idea.author_id == by.pk:
            raise TransitionRefused(_("You cannot support your own idea."))
        if idea.supports.filter(user=by).exists():
            raise TransitionRefused(_("You already support this idea."))
        raise lifecycle.state_refusal(idea, STATE_MESSAGE)
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=by)
    except IntegrityError:
        raise TransitionRefused(_("You already support this idea.")) from None
    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
    record(by=by, verb="idea_support", target=idea)
    idea.refresh_from_db()
    return idea


@service
def idea_withdraw_support(*, idea, by) -> Idea:
    idea = lifecycle.lock(idea)
    ensure(perms.can_view_idea(by, idea))
    deleted, _rows = Support.objects.filter(idea=idea, user=by).delete()
    if not deleted:
        raise TransitionRefused(_("You do not support this idea."))
    Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") - 1)
    record(by=by, verb="idea_withdraw_support", target=idea)
    idea.refresh_from_db()
    return idea


@service
def idea_comment(*, idea, by, text: str) -> Comment:
    ensure(perms.can_comment(by, idea))
    comment = Comment.objects.create(idea=idea, author=by,
                                     text=_text(text, _("Write the comment.")))
    record(by=by, verb="idea_comment", target=comment, subject=idea,
           payload={"text": comment.text[:500]})
    return comment


@service
def idea_study(*, idea, by) -> Idea:
    return _move(idea, by=by, verb="study", allowed=perms.can_study)


@service
def idea_accept(*, idea, by) -> Idea:
    return _move(idea, by=by, verb="accept", allowed=perms.can_accept)


@service
def idea_decline(*, idea, by, reason: str) -> Idea:
    reason = (reason or "").strip()
    return _move(idea, by=by, verb="decline", allowed=perms.can_decline, args=(reason,),
                 payload={"reason": reason},
                 validate=lifecycle.required(reason, _("Say why the idea is declined.")))


@service
def idea_complete(*, idea, by) -> Idea:
    return _move(idea, by=by, verb="complete", allowed=perms.can_complete)


@service
def idea_make_campaign(*, idea, by, secretariat, start, end):
    """File a draft campaign from an accepted idea (its title, and its description as the
    brief) for a secretariat the person acts for; the idea and the campaign point at each
    other and the trail says so on the idea's timeline."""
    from campaigns import services as campaigns

    idea = lifecycle.lock(idea)
    if not perms.can_make_campaign(by, idea):
        if not perms.request_secretariats(by).exists():
            ensure(False)
        if idea.campaign_id is not None:
            raise TransitionRefused(_("This idea has already become a campaign."))
        raise lifecycle.state_refusal(idea, STATE_MESSAGE)
    brief = _("From the staff idea #%(pk)s: %(description)s") % {
        "pk": idea.pk, "description": idea.description}
    campaign = campaigns.campaign_create(by=by, secretariat=secretariat, title=idea.title[:200],
                                         brief=brief, start=start, end=end)
    idea.campaign = campaign
    idea.save(update_fields=["campaign"])
    record(by=by, verb="idea_make_campaign", target=idea, payload={"campaign": campaign.pk})
    return campaign


@service
def idea_make_plan_action(*, idea, by, action):
    """Add ``action`` (an unsaved ``PlanAction`` of the plan in draft, from the plan's own
    form) to the plan from an accepted idea; the idea and the action point at each other."""
    from plans.services import plan_entity_save

    idea = lifecycle.lock(idea)
    if not perms.can_make_plan_action(by, idea):
        if perms.draft_plan_for(by) is None:
            ensure(False)
        if idea.plan_action_id is not None:
            raise TransitionRefused(_("This idea has already become a plan action."))
        raise lifecycle.state_refusal(idea, STATE_MESSAGE)
    action = plan_entity_save(instance=action, by=by, channels=action.form_channels,
                              audiences=action.form_audiences)
    idea.plan_action = action
    idea.save(update_fields=["plan_action"])
    record(by=by, verb="idea_make_plan_action", target=idea,
           payload={"plan": action.plan_id, "action": action.code})
    return action


@service
def idea_make_request(*, idea, by, secretariat, kind: str):
    """File a draft content request from an accepted idea (its title and description).

    Filed by ``by`` for a secretariat they may file for; or, when the communication team
    clicks for the idea's own secretariat, in the name of that secretariat's focal point
    (else its head), as a coverage request of an event is. The idea and the request point at
    each other; the idea's timeline names who clicked and who the requester is, and a request
    filed in someone else's name says so on its own timeline (that person is told)."""
    from workflows import services as requests

    idea = lifecycle.lock(idea)
    if not perms.can_make_request(by, idea):
        if not (perms.request_secretariats(by).exists() or perms.is_triager(by, idea)):
            ensure(False)
        if idea.request_id is not None:
            raise TransitionRefused(_("This idea has already become a request."))
        if idea.state != IdeaState.ACCEPTED:
            raise lifecycle.state_refusal(idea, STATE_MESSAGE)
        raise TransitionRefused(str(NOBODY_FILES if idea.secretariat_id else NO_SECRETARIAT))
    requester = perms.request_requester(by, idea, secretariat)
    if requester is None:
        if (secretariat is not None and secretariat.pk == idea.secretariat_id
                and perms.is_triager(by, idea)):
            raise TransitionRefused(str(NOBODY_FILES))
        ensure(False)  # a secretariat neither theirs nor the idea's
    brief = _("From the staff idea #%(pk)s: %(description)s") % {
        "pk": idea.pk, "description": idea.description}
    request = requests.request_create(by=requester, secretariat=secretariat, kind=kind,
                                      title=idea.title[:200], brief=brief)
    idea.request = request
    idea.save(update_fields=["request"])
    payload = {"request": request.pk, "requester": requester.pk}
    record(by=by, verb="idea_make_request", target=idea, payload=payload)
    if requester.pk != by.pk:  # the request's own trail: filed by the team, in whose name
        record(by=by, verb="idea_request_filed", target=request,
               payload={"idea": idea.pk, "requester": requester.pk})
    return request
