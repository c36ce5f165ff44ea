"""The actions of the content-request lifecycle: read by the request page, the API and the
lifecycle tests (``pauta.actions``). Sentences about what happened live in the audit verb
registry; here are the buttons, flash messages and the service each verb calls."""

from django.utils.translation import gettext_lazy as _

from pauta.actions import Action, Registry
from workflows import forms, services
from workflows import permissions as perms
from workflows.workload import overload_warning

ACTIONS = Registry("request")
A = ACTIONS.register
API = "api.serializers.requests."


def _overload(assignee):
    """The assign actions' ``warn``: the editor given the request is over capacity."""
    def warn(request, by, data) -> str:
        return overload_warning(assignee(by, data), request)
    return warn


def _publications(request) -> dict:
    return {"publications": request.publications.all()}


A(Action("edit", None, perms.can_edit_brief, _("Edit"), post=False))
A(Action("submit", lambda r, u, d: services.request_submit(request=r, by=u),
         perms.can_submit, _("Submit request"), _("Request submitted."), transition="submit",
         serializer=API + "EmptySerializer"))
A(Action("accept", lambda r, u, d: services.request_accept(request=r, by=u,
                                                           assignee=d.get("assignee")),
         perms.can_triage, _("Accept and take it"),
         _("Request accepted and assigned to you."), transition="accept", node="triage",
         serializer=API + "AssignSerializer",
         warn=_overload(lambda u, d: d.get("assignee") or u)))
A(Action("take", lambda r, u, d: services.request_assign(request=r, by=u, assignee=u),
         lambda u, r: perms.can_assign(u, r) and r.assignee_id != u.pk,
         _("Assign to me"), _("The request is now assigned to you."),
         warn=_overload(lambda u, d: u)))
A(Action("assign", lambda r, u, d: services.request_assign(
    request=r, by=u, assignee=d.get("assignee") or u), perms.can_assign,
    _("Assign"), _("Request assigned."), form=forms.AssignForm,
    serializer=API + "AssignSerializer", warn=_overload(lambda u, d: d.get("assignee") or u)))
A(Action("return_for_info", lambda r, u, d: services.request_return_for_info(
    request=r, by=u, question=d["question"]), perms.can_triage,
    _("Send question"), _("Question sent to the requester."), form=forms.QuestionForm,
    transition="return_for_info", node="triage", serializer=API + "QuestionSerializer"))
A(Action("answer_info", lambda r, u, d: services.request_answer_info(
    request=r, by=u, answer=d["answer"]), perms.can_answer_info,
    _("Send answer"), _("Answer sent."), form=forms.AnswerForm, transition="answer_info",
    node="info",
    serializer=API + "AnswerSerializer"))
A(Action("reject", lambda r, u, d: services.request_reject_at_triage(
    request=r, by=u, reason=d["reason"].code, comment=d["comment"]), perms.can_triage,
    _("Reject request"), _("Request rejected."), form=forms.RejectForm, transition="reject",
    node="triage",
    serializer=API + "RejectSerializer"))
A(Action("withdraw", lambda r, u, d: services.request_withdraw(
    request=r, by=u, comment=d.get("comment", "")), perms.can_withdraw,
    _("Withdraw request"), _("Request withdrawn."), transition="withdraw",
    serializer=API + "CommentInputSerializer"))
A(Action("produce", None, perms.can_produce, _("Save text"), post=False))
A(Action("send_to_review", lambda r, u, d: services.request_send_to_review(request=r, by=u),
         perms.can_produce, _("Send for approval"), _("Sent for approval."),
         transition="send_to_review", gated="blockers", node="production",
         serializer=API + "EmptySerializer"))
A(Action("schedule", lambda r, u, d: services.request_schedule(request=r, by=u,
                                                               when=d["when"]),
         perms.can_schedule, _("Schedule"), _("Scheduled."), form=forms.ScheduleForm,
         form_kwargs=_publications, transition="schedule", gated="warnings", node="schedule",
         invalid=_("Fill in a valid date and time for every channel."),
         serializer=API + "ScheduleSerializer"))
A(Action("publish", lambda r, u, d: services.request_publish(request=r, by=u,
                                                             urls=d["urls"],
                                                             reasons=d.get("reasons")),
         perms.can_publish, _("Record publication now"), _("Publication recorded."),
         form=forms.PublishForm, form_kwargs=_publications, transition="publish", node="publish",
         invalid=_("For each channel, enter the web address where it was published, or say "
                   "why it is not online."),
         serializer=API + "PublishSerializer"))
A(Action("archive", lambda r, u, d: services.request_archive(request=r, by=u),
         perms.can_archive, _("Archive"), _("Archived."), transition="archive",
         serializer=API + "EmptySerializer"))
A(Action("rate", lambda r, u, d: services.request_rate(
    request=r, by=u, rating=d["rating"], comment=d["comment"]), perms.can_rate,
    _("Rate the service"), _("Thank you for rating."), form=forms.RatingForm,
    serializer=API + "RateSerializer"))
A(Action("comment", lambda r, u, d: services.comment_add(
    request=r, by=u, body=d["body"], internal=d["internal"]), perms.can_comment,
    _("Add comment"), _("Comment added."), form=forms.CommentForm,
    serializer=API + "CommentSerializer"))
A(Action("attach", None, perms.can_attach, _("Attach file"), post=False))
