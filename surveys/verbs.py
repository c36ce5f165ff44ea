"""The verbs of surveys in the audit registry (``survey_*`` codes). Answers are anonymous and
are not events: only what the team does to a survey is on its timeline."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from approvals.models import ApprovalStep
from audit.registry import Subject, Verb, register, register_subject, said
from audit.sentences import fill, quoted
from workflows import recipients as to
from workflows.verbs import decision_sentence

KIND = "surveys.survey"


def _survey(event):
    from surveys.models import Survey

    return Survey.objects.get(pk=event.subject_id)


def notice(text):
    def render(event) -> str:
        return str(text) % {"title": _survey(event).title}
    return render


def deciders(event):
    """Who decides the survey's pending approval steps now (head of communication, legal)."""
    survey = _survey(event)
    return to.step_deciders(ApprovalStep.objects.filter(
        survey=survey, review_round=survey.review_round,
        status="pending").select_related("survey__secretariat"))




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
       recipients=deciders, notice=notice(_("The survey “%(title)s” waits for your review.")))
    _v("survey_decide", _("Decide"), decision_sentence)
    _v("survey_open_stage", _("Next approval stage"), lambda e: fill(
        _("Stage %(stage)s of the survey's approval opened."), e,
        stage=e.payload.get("stage", "")), recipients=deciders,
       notice=notice(_("The survey “%(title)s” waits for your review.")))
    _v("survey_return_to_draft", _("Return for changes"), lambda e: fill(
        _("%(actor)s returned the survey for changes."), e) + quoted(e, "comment"),
       recipients=author, notice=notice(_("Changes were asked in the survey “%(title)s”.")))
    _v("survey_approve", _("Approve and open"),
       said(_("The survey was approved and opened.")),
       recipients=author, notice=notice(_("The survey “%(title)s” is open.")))
    _v("survey_close", _("Close"), said(_("%(actor)s closed the survey.")))
    _v("survey_erase_contacts", _("Erase contact details"), lambda e: fill(
        _("Contact details past their retention period (%(days)s days) were erased: "
          "%(count)s answers."), e,
        count=e.payload.get("count", ""), days=e.payload.get("days", "")))
    _v("survey_publish_results", _("Publish the results"),
       said(_("%(actor)s published the results of the survey.")))
