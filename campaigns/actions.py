"""The actions of the campaign lifecycle: read by the campaign page and the tests
(``pauta.actions``). What an event reads like lives in the audit verb registry
(``campaign_<verb>`` codes); here are the buttons, flash messages and services."""

from django.utils.translation import gettext_lazy as _

from campaigns import forms, services
from campaigns import permissions as perms
from pauta.actions import Action, Registry

ACTIONS = Registry("campaign")
A = ACTIONS.register

A(Action("edit", None, perms.can_edit_campaign, _("Edit"), post=False))
A(Action("submit", lambda c, u, d: services.campaign_submit(campaign=c, by=u),
         perms.can_submit_campaign, _("Submit campaign"),
         _("Campaign submitted to the communication team."), transition="submit"))
A(Action("send_to_approval", lambda c, u, d: services.campaign_send_to_approval(
    campaign=c, by=u), perms.can_triage_campaign, _("Open the approval"),
    _("Approval opened."), transition="send_to_approval"))
A(Action("return_to_draft", lambda c, u, d: services.campaign_return_to_draft(
    campaign=c, by=u, comment=d["comment"]), perms.can_triage_campaign, _("Return"),
    _("Campaign returned to the requester."), form=forms.ReturnForm,
    transition="return_to_draft"))
A(Action("start", lambda c, u, d: services.campaign_start(campaign=c, by=u),
         perms.can_run_campaign, _("Start the campaign"), _("The campaign is running."),
         transition="start_running"))
A(Action("close", lambda c, u, d: services.campaign_close(campaign=c, by=u),
         perms.can_close_campaign, _("Close the campaign"), _("Campaign closed."),
         transition="close"))
A(Action("cancel", lambda c, u, d: services.campaign_cancel(campaign=c, by=u,
                                                            reason=d["reason"]),
         perms.can_cancel_campaign, _("Cancel campaign"),
         _("Campaign cancelled; its unpublished pieces were withdrawn."),
         form=forms.ReasonForm, transition="cancel"))
A(Action("submit_pieces", lambda c, u, d: services.campaign_submit_pieces(campaign=c, by=u),
         perms.can_submit_pieces, _("Send the draft pieces to the team"),
         _("The pieces were sent to the communication team.")))
A(Action("add_piece", lambda c, u, d: services.campaign_add_piece(campaign=c, by=u, **d),
         perms.can_add_piece, _("Add piece"), _("Piece added."), form=forms.PieceForm,
         form_prefix="piece"))
A(Action("spend", lambda c, u, d: services.spend_record(campaign=c, by=u, **d),
         perms.can_record_spend, _("Record"), _("Spending recorded."),
         form=forms.SpendForm))
