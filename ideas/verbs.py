"""The verbs of ideas in the audit registry: sentences, recipients.

Codes carry the ``idea_`` prefix. Recipients: the author (when not anonymous) and the
supporters hear about the team's answers; the team hears about new ideas.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.registry import Subject, Verb, register, register_subject, said
from audit.sentences import fill, quoted

KIND = "ideas.idea"


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
    _v("idea_make_request", _("Turn into a request"), lambda e: fill(
        _("%(actor)s turned the idea into content request #%(request)s."), e,
        request=e.payload.get("request", "")),
       recipients=author_and_supporters,
       notice=notice(_("The idea “%(title)s” became a content request.")))
