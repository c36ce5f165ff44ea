"""The actions on an idea: read by the idea page, the one action view and the tests
(``pauta.actions``). What an event reads like lives in the audit verb registry
(``idea_<verb>`` codes); here are the buttons, flash messages and services."""

from django.utils.translation import gettext_lazy as _

from ideas import forms, services
from ideas import permissions as perms
from pauta.actions import Action, Registry

ACTIONS = Registry("idea")
A = ACTIONS.register

A(Action("support", lambda i, u, d: services.idea_support(idea=i, by=u), perms.can_support,
         _("Support this idea"), _("You support this idea.")))
A(Action("withdraw_support", lambda i, u, d: services.idea_withdraw_support(idea=i, by=u),
         perms.can_withdraw_support, _("Withdraw my support"), _("Support withdrawn.")))
A(Action("comment", lambda i, u, d: services.idea_comment(idea=i, by=u, text=d["text"]),
         perms.can_comment, _("Send the comment"), _("Comment added."),
         form=forms.CommentForm))
A(Action("study", lambda i, u, d: services.idea_study(idea=i, by=u), perms.can_study,
         _("Put under study"), _("The idea is under study."), transition="study"))
A(Action("accept", lambda i, u, d: services.idea_accept(idea=i, by=u), perms.can_accept,
         _("Accept"), _("Idea accepted."), transition="accept"))
A(Action("decline", lambda i, u, d: services.idea_decline(idea=i, by=u, reason=d["reason"]),
         perms.can_decline, _("Decline"), _("Idea declined."), form=forms.DeclineForm,
         transition="decline"))
A(Action("complete", lambda i, u, d: services.idea_complete(idea=i, by=u),
         perms.can_complete, _("Mark as done"), _("The idea is marked as done."),
         transition="complete"))
A(Action("make_campaign", None, perms.can_make_campaign, _("Turn into a campaign"),
         post=False))
A(Action("make_plan_action", None, perms.can_make_plan_action, _("Turn into a plan action"),
         post=False))
A(Action("make_request", None, perms.can_make_request, _("Turn into a content request"),
         post=False))
