"""The verbs of ideas in the audit registry: sentences, recipients.

Codes carry the ``idea_`` prefix. Recipients: the author (when not anonymous) and the
supporters hear about the team's answers; the team hears about new ideas.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.registry import Subject, Verb, register, register_subject, said
from audit.sentences import fill, quoted

KIND = "ideas.idea"
REQUEST = "workflows.contentrequest"


def _idea(event):
    from ideas.models import Idea

    return Idea.objects.get(pk=event.subject_id)


def notice(text):
    def render(event) -> str:
        return str(text) % {"title": _idea(event).title}
    return render


def the_team(event):
    from notifications.recipients import with_permission
    from org.roles import TRIAGE_IDEAS

    return with_permission(TRIAGE_IDEAS)


def author_and_supporters(event):
    idea = _idea(event)
    people = [s.user for s in idea.supports.select_related("user") if s.user.is_active]
    if idea.author is not None and idea.author.is_active:
        people.append(idea.author)
    return people


def _proposed(event) -> str:
    if event.payload.get("anonymous"):
        return str(_("An idea was proposed anonymously."))
    return fill(_("%(actor)s proposed the idea."), event)


def _requester(event):
    """The person a request was filed in the name of (payload ``requester``), if not the
    actor."""
    from org.models import User

    pk = event.payload.get("requester")
    if not pk or pk == event.actor_id:
        return None
    return User.objects.filter(pk=pk).first()


def _made_request(event) -> str:
    values = {"request": event.payload.get("request", "")}
    requester = _requester(event)
    if requester is None:
        return fill(_("%(actor)s turned the idea into content request #%(request)s."), event,
                    **values)
    return fill(_("%(actor)s turned the idea into content request #%(request)s, filed in the "
                  "name of %(requester)s."), event, requester=str(requester), **values)


def _filed(event) -> str:
    requester = _requester(event)
    return fill(_("%(actor)s filed this draft from the staff idea #%(idea)s in the name of "
                  "%(requester)s."), event, idea=event.payload.get("idea", ""),
                requester=str(requester) if requester else _("the secretariat"))


def _the_requester(event):
    requester = _requester(event)
    return [requester] if requester is not None and requester.is_active else []


def _filed_notice(event) -> str:
    from ideas.models import Idea

    idea = Idea.objects.filter(pk=event.payload.get("idea")).first()
    return str(_("A draft content request (#%(request)s) was filed in your name from the staff "
                 "idea “%(title)s”: complete it and submit it.")) % {
        "request": event.subject_id, "title": idea.title if idea else ""}


def _v(code, label, describe, **options) -> None:
    register(Verb(code, label, describe, subject_kind=KIND, **options))


def register_verbs() -> None:
    register_subject(Subject(KIND, lambda pk: reverse("ideas:detail", args=[pk]),
                             open_label=_("Open the idea:")))
    _v("idea_propose", _("Propose"), _proposed, recipients=the_team,
       notice=notice(_("New staff idea: “%(title)s”.")))
    _v("idea_support", _("Support"), said(_("%(actor)s supported the idea.")))
    _v("idea_withdraw_support", _("Withdraw support"),
       said(_("%(actor)s withdrew their support.")))
    _v("idea_comment", _("Comment"), lambda e: fill(
        _("%(actor)s commented."), e) + quoted(e, "text"))
    _v("idea_study", _("Put under study"), said(_("%(actor)s put the idea under study.")),
       recipients=author_and_supporters,
       notice=notice(_("The idea “%(title)s” is under study.")))
    _v("idea_accept", _("Accept"), said(_("%(actor)s accepted the idea.")),
       recipients=author_and_supporters,
       notice=notice(_("The idea “%(title)s” was accepted.")))
    _v("idea_decline", _("Decline"), lambda e: fill(
        _("%(actor)s declined the idea."), e) + quoted(e, "reason"),
       recipients=author_and_supporters,
       notice=notice(_("The idea “%(title)s” was declined.")))
    _v("idea_complete", _("Mark as done"), said(_("%(actor)s marked the idea as done.")),
       recipients=author_and_supporters,
       notice=notice(_("The idea “%(title)s” was implemented.")))
    _v("idea_make_campaign", _("Turn into a campaign"), lambda e: fill(
        _("%(actor)s turned the idea into campaign #%(campaign)s."), e,
        campaign=e.payload.get("campaign", "")),
       recipients=author_and_supporters,
       notice=notice(_("The idea “%(title)s” became a campaign.")))
    _v("idea_make_plan_action", _("Turn into a plan action"), lambda e: fill(
        _("%(actor)s turned the idea into the plan action %(action)s."), e,
        action=e.payload.get("action", "")),
       recipients=author_and_supporters,
       notice=notice(_("The idea “%(title)s” became an action of the Communication Plan.")))
    _v("idea_make_request", _("Turn into a request"), _made_request,
       recipients=author_and_supporters,
       notice=notice(_("The idea “%(title)s” became a content request.")))
    # On the request's own timeline, when the team filed it in someone else's name.
    register(Verb("idea_request_filed", _("Request filed from a staff idea"), _filed,
                  subject_kind=REQUEST, recipients=_the_requester, notice=_filed_notice))
