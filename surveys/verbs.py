"""The verbs of surveys in the audit registry (``survey_*`` codes). Answers are anonymous and
are not events: only what the team does to a survey is on its timeline."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.registry import Subject, Verb, register, register_subject, said
from audit.sentences import fill, quoted

KIND = "surveys.survey"


def _survey(event):
    from surveys.models import Survey

    return Survey.objects.get(pk=event.subject_id)


def notice(text):
    def render(event) -> str:
        return str(text) % {"title": _survey(event).title}
    return render


def approvers(event):
    from notifications.recipients import with_permission

    return with_permission("surveys.approve_survey")


def author(event):
    survey = _survey(event)
    return [survey.created_by] if survey.created_by.is_active else []


def _v(code, label, describe, **options) -> None:
    register(Verb(code, label, describe, subject_kind=KIND, **options))


def register_verbs() -> None:
    register_subject(Subject(KIND, lambda pk: reverse("surveys:detail", args=[pk]),
                             open_label=_("Open the survey:")))
    _v("survey_create", _("Create"), said(_("%(actor)s created the survey.")))
    _v("survey_update", _("Edit"), said(_("%(actor)s edited the survey.")))
    _v("survey_submit", _("Send for review"), said(_("%(actor)s sent the survey for review.")),
       recipients=approvers, notice=notice(_("The survey “%(title)s” waits for your review.")))
    _v("survey_return_to_draft", _("Return for changes"), lambda e: fill(
        _("%(actor)s returned the survey for changes."), e) + quoted(e, "comment"),
       recipients=author, notice=notice(_("Changes were asked in the survey “%(title)s”.")))
    _v("survey_approve", _("Approve and open"),
       said(_("%(actor)s approved and opened the survey.")),
       recipients=author, notice=notice(_("The survey “%(title)s” is open.")))
    _v("survey_close", _("Close"), said(_("%(actor)s closed the survey.")))
    _v("survey_publish_results", _("Publish the results"),
       said(_("%(actor)s published the results of the survey.")))
