"""The actions of the inquiry lifecycle (``pauta.actions``): read by the inquiry page, the
one HTML action view and the tests. What an event reads like lives in the audit verb registry
(``inquiry_<verb>`` codes); here are the buttons, flash messages and services."""

from django.utils.translation import gettext_lazy as _

from pauta.actions import Action, Registry
from press import forms, interviews, services
from press import permissions as perms

ACTIONS = Registry("inquiry")
A = ACTIONS.register

A(Action("edit", None, perms.can_edit_inquiry, _("Edit"), post=False))
A(Action("forward", lambda i, u, d: services.inquiry_forward(inquiry=i, by=u, note=d["note"]),
         perms.can_forward, _("Send to the secretariat"),
         _("The questions were sent to the secretariat."), form=forms.NoteForm,
         transition="forward"))
A(Action("facts", lambda i, u, d: services.inquiry_give_facts(inquiry=i, by=u,
                                                              facts=d["facts"]),
         perms.can_give_facts, _("Send the information"),
         _("Information sent to the press office."), form=forms.FactsForm))
A(Action("draft", lambda i, u, d: services.inquiry_draft(inquiry=i, by=u, answer=d["answer"]),
         perms.can_draft, _("Save the answer"), _("Answer saved."), form=forms.AnswerForm,
         transition="draft"))
A(Action("send_to_approval", lambda i, u, d: services.inquiry_send_to_approval(
    inquiry=i, by=u), perms.can_send_to_approval, _("Send for approval"),
    _("The answer was sent for approval."), transition="send_to_approval", gated=True))
A(Action("send", lambda i, u, d: services.inquiry_send(inquiry=i, by=u), perms.can_send,
         _("E-mail the answer to the journalist"), _("The answer is on its way to the "
                                                     "journalist; a copy is kept."),
         transition="send"))
A(Action("close", lambda i, u, d: services.inquiry_close(inquiry=i, by=u), perms.can_close,
         _("Close the inquiry"), _("Inquiry closed."), transition="close"))
A(Action("decline", lambda i, u, d: services.inquiry_decline(inquiry=i, by=u,
                                                             reason=d["reason"]),
         perms.can_decline, _("Decline"), _("Inquiry declined."), form=forms.ReasonForm,
         form_prefix="decline", transition="decline"))
A(Action("no_position", lambda i, u, d: services.inquiry_no_position(inquiry=i, by=u,
                                                                     reason=d["reason"]),
         perms.can_decline, _("No position"), _("Inquiry closed without a position."),
         form=forms.ReasonForm, form_prefix="no_position", transition="no_position"))
A(Action("on_record", lambda i, u, d: services.inquiry_set_on_record(
    inquiry=i, by=u, on_record=d["on_record"]), perms.can_set_on_record,
    _("Save"), _("Saved."), form=forms.OnRecordForm))
A(Action("interview", lambda i, u, d: interviews.interview_propose(
    inquiry=i, by=u, spokesperson=d["spokesperson"], starts_at=d["starts_at"],
    minutes=d["minutes"], place=d["place"], briefing=d["briefing"]),
    perms.can_propose_interview, _("Propose the interview"),
    _("Interview proposed: it is on the calendar, waiting for the spokesperson's "
      "confirmation."), form=forms.InterviewForm, form_prefix="interview"))
A(Action("confirm_interview", lambda i, u, d: interviews.interview_confirm(inquiry=i, by=u),
         perms.can_confirm_interview, _("Confirm the interview"),
         _("Interview confirmed; the calendar event is confirmed too.")))
