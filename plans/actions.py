"""The actions of the Communication Plan's lifecycle: read by the plan page and the lifecycle
tests (``pauta.actions``). Sentences about what happened live in the audit verb registry
(``plans/verbs.py``); here are the buttons, flash messages and the service each verb calls."""

from django.utils.translation import gettext_lazy as _

from pauta.actions import Action, Registry
from plans import permissions as perms
from plans import services
from plans.forms import NoteForm

ACTIONS = Registry("plan")
A = ACTIONS.register


def _note(data) -> str:
    return data.get("note", "") or ""


A(Action("submit", lambda p, u, d: services.plan_submit(plan=p, by=u), perms.can_submit,
         _("Send for approval"), _("The plan was sent for approval."), transition="submit"))
A(Action("approve", lambda p, u, d: services.plan_approve(plan=p, by=u, note=_note(d)),
         perms.can_decide, _("Approve"), _("The plan was approved."), form=NoteForm,
         transition="approve"))
A(Action("return", lambda p, u, d: services.plan_return(plan=p, by=u, note=_note(d)),
         perms.can_decide, _("Return to draft"), _("The plan was returned to draft."),
         form=NoteForm, transition="return_to_draft"))
A(Action("revise", lambda p, u, d: services.plan_revise(plan=p, by=u, reason=_note(d)),
         perms.can_revise, _("Open a revision"),
         _("A revision was opened; the plan is a draft again."), form=NoteForm,
         transition="revise"))
A(Action("close", lambda p, u, d: services.plan_close(plan=p, by=u), perms.can_close,
         _("Close the plan"), _("The plan was closed."), transition="close"))
