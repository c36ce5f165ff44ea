"""The actions of the survey lifecycle: the survey page's buttons, read by the one action view
and the tests (``pauta.actions``); the sentences live in the audit registry (``survey_*``)."""

from django.utils.translation import gettext_lazy as _

from pauta.actions import Action, Registry
from surveys import forms, services
from surveys import permissions as perms

ACTIONS = Registry("survey")
A = ACTIONS.register

A(Action("edit", None, perms.can_edit, _("Edit"), post=False))
A(Action("submit", lambda s, u, d: services.survey_submit(survey=s, by=u), perms.can_submit,
         _("Send for review"), _("The survey was sent to the head of communication."),
         transition="submit"))
A(Action("approve", lambda s, u, d: services.survey_approve(survey=s, by=u), perms.can_approve,
         _("Approve and open"), _("The survey is open for answers."), transition="approve"))
A(Action("return_to_draft", lambda s, u, d: services.survey_return_to_draft(
    survey=s, by=u, comment=d["comment"]), perms.can_approve, _("Return for changes"),
    _("The survey went back to its author."), form=forms.ReturnForm,
    transition="return_to_draft"))
A(Action("close", lambda s, u, d: services.survey_close(survey=s, by=u), perms.can_close,
         _("Close the survey"), _("The survey no longer accepts answers."),
         transition="close"))
A(Action("publish_results", lambda s, u, d: services.survey_publish_results(survey=s, by=u),
         perms.can_publish_results, _("Publish the results"), _("The results are published."),
         transition="publish_results"))
