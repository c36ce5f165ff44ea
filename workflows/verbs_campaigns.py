"""The verbs of campaigns in the audit registry: sentences, recipients, webhooks.

Campaign codes carry the ``campaign_`` prefix (as stored since campaigns exist), so they never
collide with request verbs. Recipients: the requesting side, the team, the deciders of the
campaign's pending steps — by permission and membership, never by group name.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from audit.registry import Subject, Verb, register, register_subject, said
from audit.sentences import fill, money, quoted
from workflows import recipients as to
from workflows.verbs import decision_sentence, reason_label

KIND = "workflows.campaign"


def campaign_of(event):
    from workflows.models import Campaign

    return Campaign.objects.select_related("secretariat").get(pk=event.subject_id)


def notice(text):
    """A notification sentence naming the campaign: title and secretariat."""

    def render(event) -> str:
        campaign = campaign_of(event)
        return str(text) % {"title": campaign.title, "secretariat": campaign.secretariat.acronym}

    return render


def requester_side(event):
    campaign = campaign_of(event)
    return to.secretariat_side(campaign.secretariat_id, campaign.requester_id)


def requester_side_and_team(event):
    return [*requester_side(event), *to.team()]


def deciders(event):
    """Everyone who can decide one of the campaign's pending steps of this round."""
    from approvals.models import ApprovalStep

    campaign = campaign_of(event)
    return to.step_deciders(ApprovalStep.objects.filter(
        campaign=campaign, review_round=campaign.review_round,
        status="pending").select_related("campaign__secretariat"))


def the_team(event):
    return to.team()


def _v(code, label, describe, **options) -> None:
    register(Verb(code, label, describe, subject_kind=KIND, **options))


def register_verbs() -> None:
    register_subject(Subject(KIND, lambda pk: reverse("campaigns:detail", args=[pk]),
                             open_label=_("Open the campaign:"),
                             aliases=("campaigns.campaign",)))
    _v("campaign_create", _("Create"), said(_("%(actor)s created the campaign.")))
    _v("campaign_update", _("Edit"), said(_("%(actor)s edited the campaign.")))
    _v("campaign_add_piece", _("Add a piece"), lambda e: fill(
        _("%(actor)s added piece #%(piece)s to the campaign."), e,
        piece=e.payload.get("request", "")))
    _v("campaign_submit", _("Submit"), said(_("%(actor)s submitted the campaign.")),
       recipients=the_team, webhook="campaign.submitted",
       webhook_label=_("Campaign submitted"),
       notice=notice(_("New campaign “%(title)s” from %(secretariat)s.")))
    _v("campaign_return_to_draft", _("Return to the requester"), lambda e: fill(
        _("%(actor)s returned the campaign to the requester."), e) + quoted(e, "comment"),
       recipients=requester_side,
       notice=notice(_("Campaign “%(title)s” was returned to you for changes.")))
    _v("campaign_send_to_approval", _("Open the approval"),
       said(_("%(actor)s opened the approval of the campaign.")),
       recipients=deciders, notice=notice(_("Campaign “%(title)s” waits for your decision.")))
    _v("campaign_decide", _("Decide"), decision_sentence)
    _v("campaign_open_stage", _("Next approval stage"), lambda e: fill(
        _("Stage %(stage)s of the campaign's approval opened."), e,
        stage=e.payload.get("stage", "")),
       recipients=deciders, notice=notice(_("Campaign “%(title)s” waits for your decision.")))
    _v("campaign_request_changes", _("Request changes"),
       said(_("Changes to the campaign were requested: it is back in draft.")),
       recipients=requester_side,
       notice=notice(_("Changes were requested on campaign “%(title)s”.")))
    _v("campaign_approve", _("Approve"), said(_("The campaign was approved.")),
       recipients=requester_side_and_team, webhook="campaign.approved",
       webhook_label=_("Campaign approved"),
       notice=notice(_("Campaign “%(title)s” was approved.")))
    _v("campaign_reject", _("Reject"), lambda e: fill(
        gettext_lazy("The campaign was rejected (%(reason)s)."), e,
        reason=reason_label(e.payload.get("reason"))),
       recipients=requester_side, webhook="campaign.rejected",
       webhook_label=_("Campaign rejected"),
       notice=notice(_("Campaign “%(title)s” was rejected.")))
    _v("campaign_start", _("Start"), said(_("%(actor)s started the campaign.")),
       recipients=requester_side, webhook="campaign.started",
       webhook_label=_("Campaign started"),
       notice=notice(_("Campaign “%(title)s” has started.")))
    _v("campaign_close", _("Close"), said(_("%(actor)s closed the campaign.")),
       recipients=requester_side, webhook="campaign.closed",
       webhook_label=_("Campaign closed"),
       notice=notice(_("Campaign “%(title)s” was closed.")))
    _v("campaign_cancel", _("Cancel"), lambda e: fill(
        _("%(actor)s cancelled the campaign."), e) + quoted(e, "reason"),
       recipients=requester_side_and_team, webhook="campaign.cancelled",
       webhook_label=_("Campaign cancelled"),
       notice=notice(_("Campaign “%(title)s” was cancelled.")))
    _v("campaign_spend", _("Record spending"), lambda e: fill(
        _("%(actor)s recorded spending of %(amount)s."), e,
        amount=money(e.payload.get("amount"))))
