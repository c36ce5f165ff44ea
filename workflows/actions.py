"""The actions of the content-request lifecycle: read by the request page, the API and the
lifecycle tests (``pauta.actions``). Sentences about what happened live in the audit verb
registry; here are the buttons, flash messages and the service each verb calls."""

from django.utils.translation import gettext_noop as N

from pauta.actions import Action, Registry
from workflows import forms, services
from workflows import permissions as perms

ACTIONS = Registry("request")
A = ACTIONS.register
API = "api.serializers.requests."


def _publications(request) -> dict:
    return {"publications": request.publications.all()}


A(Action("edit", None, perms.can_edit_brief, N("Edit"), post=False))
A(Action("submit", lambda r, u, d: services.request_submit(request=r, by=u),
         perms.can_submit, N("Submit"), N("Request submitted."), transition="submit",
         serializer=API + "EmptySerializer"))
A(Action("accept", lambda r, u, d: services.request_accept(request=r, by=u,
                                                           assignee=d.get("assignee")),
         perms.can_triage, N("Accept into production"),
         N("Request accepted and assigned to you."), transition="accept",
         serializer=API + "AssignSerializer"))
A(Action("take", lambda r, u, d: services.request_assign(request=r, by=u, assignee=u),
         lambda u, r: perms.can_assign(u, r) and r.assignee_id != u.pk,
         N("Take it"), N("The request is now assigned to you.")))
A(Action("assign", lambda r, u, d: services.request_assign(
    request=r, by=u, assignee=d.get("assignee") or u), perms.can_assign,
    N("Assign"), N("Request assigned."), form=forms.AssignForm,
    serializer=API + "AssignSerializer"))
A(Action("return_for_info", lambda r, u, d: services.request_return_for_info(
    request=r, by=u, question=d["question"]), perms.can_triage,
    N("Ask for information"), N("Question sent to the requester."), form=forms.QuestionForm,
    transition="return_for_info", serializer=API + "QuestionSerializer"))
A(Action("answer_info", lambda r, u, d: services.request_answer_info(
    request=r, by=u, answer=d["answer"]), perms.can_answer_info,
    N("Answer"), N("Answer sent."), form=forms.AnswerForm, transition="answer_info",
    serializer=API + "AnswerSerializer"))
A(Action("reject", lambda r, u, d: services.request_reject_at_triage(
    request=r, by=u, reason=d["reason"].code, comment=d["comment"]), perms.can_triage,
    N("Reject"), N("Request rejected."), form=forms.RejectForm, transition="reject",
    serializer=API + "RejectSerializer"))
A(Action("withdraw", lambda r, u, d: services.request_withdraw(
    request=r, by=u, comment=d.get("comment", "")), perms.can_withdraw,
    N("Withdraw"), N("Request withdrawn."), transition="withdraw",
    serializer=API + "CommentInputSerializer",
    confirm=N("Withdraw this request? The team stops working on it.")))
A(Action("produce", None, perms.can_produce, N("Write the text"), post=False))
A(Action("send_to_review", lambda r, u, d: services.request_send_to_review(request=r, by=u),
         perms.can_produce, N("Send for approval"), N("Sent for approval."),
         transition="send_to_review", gated=True, serializer=API + "EmptySerializer"))
A(Action("schedule", lambda r, u, d: services.request_schedule(request=r, by=u,
                                                               when=d["when"]),
         perms.can_schedule, N("Schedule"), N("Scheduled."), form=forms.ScheduleForm,
         form_kwargs=_publications, transition="schedule", gated=True,
         invalid=N("Fill in a valid date and time for every channel."),
         serializer=API + "ScheduleSerializer"))
A(Action("publish", lambda r, u, d: services.request_publish(request=r, by=u,
                                                             urls=d["urls"]),
         perms.can_publish, N("Record the publication"), N("Publication recorded."),
         form=forms.PublishForm, form_kwargs=_publications, transition="publish",
         invalid=N("Enter a valid web address for each channel, or leave it empty."),
         serializer=API + "PublishSerializer"))
A(Action("archive", lambda r, u, d: services.request_archive(request=r, by=u),
         perms.can_archive, N("Archive"), N("Archived."), transition="archive",
         serializer=API + "EmptySerializer"))
A(Action("rate", lambda r, u, d: services.request_rate(
    request=r, by=u, rating=d["rating"], comment=d["comment"]), perms.can_rate,
    N("Rate the service"), N("Thank you for rating."), form=forms.RatingForm,
    serializer=API + "RateSerializer"))
A(Action("comment", lambda r, u, d: services.comment_add(
    request=r, by=u, body=d["body"], internal=d["internal"]), perms.can_comment,
    N("Comment"), N("Comment added."), form=forms.CommentForm,
    serializer=API + "CommentSerializer"))
A(Action("attach", None, perms.can_attach, N("Attach a file"), post=False))
