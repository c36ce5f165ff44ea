"""The actions of the survey lifecycle: the survey page's buttons, read by the one action view
and the tests (``pauta.actions``); the sentences live in the audit registry (``survey_*``)."""

from django.utils.translation import gettext_lazy as _

from pauta.actions import Action, Registry
from surveys import permissions as perms
from surveys import services

ACTIONS = Registry("survey")
A = ACTIONS.register

A(Action("edit", None, perms.can_edit, _("Edit"), post=False))
A(Action("submit", lambda s, u, d: services.survey_submit(survey=s, by=u), perms.can_submit,
         _("Send for review"), _("The survey was sent for review."),
         transition="submit"))
A(Action("close", lambda s, u, d: services.survey_close(survey=s, by=u), perms.can_close,
         _("Close the survey"), _("The survey no longer accepts answers."),
         transition="close"))
A(Action("publish_results", lambda s, u, d: services.survey_publish_results(survey=s, by=u),
         perms.can_publish_results, _("Publish the results"), _("The results are published."),
         transition="publish_results"))
