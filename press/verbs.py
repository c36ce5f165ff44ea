"""The verbs of the press desk in the audit registry: sentences, recipients, webhooks.

Codes carry the ``inquiry_``, ``journalist_`` and ``outlet_`` prefixes. Sentences never name
a journalist (personal data): a forgotten contact leaves nothing readable in the trail.
Recipients by permission and membership, never by group name.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.registry import Subject, Verb, register, register_subject, said
from audit.sentences import date_of, fill, quoted
from notifications.recipients import with_permission
from org.models import Membership, User
from org.roles import DECIDE, PRESS_OFFICER
from workflows import recipients as to
from workflows.verbs import decision_sentence, reason_label

INQUIRY = "press.inquiry"
JOURNALIST = "press.journalist"
OUTLET = "press.outlet"
DISTRIBUTION = "press.distribution"
DISTRIBUTION_LIST = "press.distributionlist"


def inquiry_of(event):
    from press.models import Inquiry

    return Inquiry.objects.select_related("secretariat").get(pk=event.subject_id)


def notice(text):
    """A notification sentence naming the inquiry: number, theme and secretariat."""

    def render(event) -> str:
        inquiry = inquiry_of(event)
        return str(text) % {"pk": inquiry.pk, "theme": inquiry.theme,
                            "secretariat": inquiry.secretariat.acronym}

    return render


def desk(event=None) -> list[User]:
    return with_permission(PRESS_OFFICER)


def focal_points(secretariat_id) -> list[User]:
    """The secretariat's focal points; its members when it has none."""
    members = User.objects.filter(is_active=True, memberships__secretariat_id=secretariat_id)
    focal = members.filter(memberships__role=Membership.Role.FOCAL_POINT)
    return list((focal if focal.exists() else members).distinct())


def secretariat(event) -> list[User]:
    return focal_points(inquiry_of(event).secretariat_id)


def deciders(event) -> list[User]:
    from approvals.models import ApprovalStep

    inquiry = inquiry_of(event)
    return to.step_deciders(ApprovalStep.objects.filter(
        inquiry=inquiry, review_round=inquiry.review_round,
        status="pending").select_related("inquiry__secretariat"))


def spokesperson(event) -> list[User]:
    inquiry = inquiry_of(event)
    return [inquiry.spokesperson] if inquiry.spokesperson_id else []


def overdue(event) -> list[User]:
    """The desk and the head of communication; the secretariat while it holds the inquiry."""
    people = [*desk(), *with_permission(DECIDE)]
    if event.payload.get("state") == "with_secretariat":
        people += secretariat(event)
    people += spokesperson(event)  # an interview's clock is theirs too
    return people


def _v(code, label, describe, kind=INQUIRY, **options) -> None:
    register(Verb(code, label, describe, subject_kind=kind, **options))


def register_verbs() -> None:
    register_subject(Subject(INQUIRY, lambda pk: reverse("press:detail", args=[pk]),
                             open_label=_("Open the inquiry:")))
    register_subject(Subject(JOURNALIST, lambda pk: reverse("press:contact", args=[pk]),
                             open_label=_("Open the contact:")))
    register_subject(Subject(OUTLET, lambda pk: reverse("press:contacts"),
                             open_label=_("Open the contacts:")))
    register_subject(Subject(DISTRIBUTION, lambda pk: reverse("press:distribution", args=[pk]),
                             open_label=_("Open the distribution:")))
    register_subject(Subject(DISTRIBUTION_LIST, lambda pk: reverse(
        "press:distribution_create"), open_label=_("Open the distributions:")))
    _v("distribution_create", _("Prepare a distribution"),
       said(_("%(actor)s prepared the distribution of the press release.")), DISTRIBUTION)
    _v("distribution_test", _("Test send"),
       said(_("%(actor)s sent the test e-mail of the distribution.")), DISTRIBUTION)
    _v("distribution_start", _("Send the distribution"), lambda e: fill(
        _("%(actor)s sent the press release to %(n)s contacts."), e,
        n=e.payload.get("recipients", "")), DISTRIBUTION)
    _v("distribution_list_save", _("Save a distribution list"),
       said(_("%(actor)s saved a distribution list.")), DISTRIBUTION_LIST)
    _v("outlet_create", _("Add an outlet"), said(_("%(actor)s added the outlet.")), OUTLET)
    _v("outlet_update", _("Edit an outlet"), said(_("%(actor)s edited the outlet.")), OUTLET)
    _v("journalist_create", _("Add a contact"), said(_("%(actor)s added the contact.")),
       JOURNALIST)
    _v("journalist_update", _("Edit a contact"), said(_("%(actor)s edited the contact.")),
       JOURNALIST)
    _v("journalist_import", _("Import contacts"), lambda e: fill(
        _("%(actor)s imported the contact from a spreadsheet."), e), JOURNALIST)
    _v("journalist_opt_out", _("Opt out"),
       said(_("%(actor)s took the contact out of distributions.")), JOURNALIST)
    _v("journalist_forget", _("Forget"),
       said(_("%(actor)s erased the contact's personal data on request.")), JOURNALIST)
    _v("inquiry_register", _("Register"), lambda e: fill(
        _("%(actor)s registered the inquiry, due %(deadline)s."), e,
        deadline=date_of(e.payload.get("deadline"))),
       recipients=desk, webhook="inquiry.registered", webhook_label=_("Press inquiry registered"),
       notice=notice(_("New press inquiry #%(pk)s “%(theme)s” for %(secretariat)s.")))
    _v("inquiry_update", _("Edit"), said(_("%(actor)s edited the inquiry.")))
    _v("inquiry_forward", _("Send to the secretariat"), lambda e: fill(
        _("%(actor)s sent the questions to the secretariat."), e) + quoted(e, "note"),
       recipients=secretariat,
       notice=notice(_("Press inquiry #%(pk)s “%(theme)s” waits for %(secretariat)s's "
                       "information.")))
    _v("inquiry_facts", _("Give the information"),
       said(_("%(actor)s gave the secretariat's information.")), recipients=desk,
       notice=notice(_("%(secretariat)s answered press inquiry #%(pk)s “%(theme)s”.")))
    _v("inquiry_draft", _("Draft the answer"), said(_("%(actor)s drafted the answer.")))
    _v("inquiry_redraft", _("Rewrite the answer"), said(_("%(actor)s rewrote the answer.")))
    _v("inquiry_send_to_approval", _("Send for approval"),
       said(_("%(actor)s sent the answer for approval.")), recipients=deciders,
       notice=notice(_("The answer to press inquiry #%(pk)s “%(theme)s” waits for your "
                       "decision.")))
    _v("inquiry_decide", _("Decide"), decision_sentence)
    _v("inquiry_open_stage", _("Next approval stage"), lambda e: fill(
        _("Stage %(stage)s of the answer's approval opened."), e,
        stage=e.payload.get("stage", "")), recipients=deciders,
       notice=notice(_("The answer to press inquiry #%(pk)s “%(theme)s” waits for your "
                       "decision.")))
    _v("inquiry_approve", _("Approve"), said(_("The answer was approved.")), recipients=desk,
       notice=notice(_("The answer to press inquiry #%(pk)s “%(theme)s” was approved.")))
    _v("inquiry_request_changes", _("Request changes"),
       said(_("Changes to the answer were requested.")), recipients=desk,
       notice=notice(_("Changes were requested on the answer to press inquiry #%(pk)s.")))
    _v("inquiry_reject", _("Reject"), lambda e: fill(
        _("The answer was rejected (%(reason)s)."), e,
        reason=reason_label(e.payload.get("reason"))), recipients=desk,
       notice=notice(_("The answer to press inquiry #%(pk)s was rejected.")))
    _v("inquiry_send", _("Send the answer"),
       said(_("%(actor)s e-mailed the answer to the journalist.")),
       webhook="inquiry.answered", webhook_label=_("Press inquiry answered"))
    _v("inquiry_mail", _("Keep a copy"), said(_("A copy of the e-mail was kept.")))
    _v("inquiry_close", _("Close"), said(_("%(actor)s closed the inquiry.")))
    _v("inquiry_decline", _("Decline"), lambda e: fill(
        _("%(actor)s declined the inquiry."), e) + quoted(e, "reason"))
    _v("inquiry_no_position", _("No position"), lambda e: fill(
        _("%(actor)s closed the inquiry without a position."), e) + quoted(e, "reason"))
    _v("inquiry_on_record", _("Answers to the press"), lambda e: fill(
        _("%(actor)s published the answer as an answer to the press.") if e.payload.get(
            "on_record") else _("%(actor)s withdrew the answer from the answers to the press."),
        e))
    _v("interview_propose", _("Propose the interview"), lambda e: fill(
        _("%(actor)s proposed the interview for %(at)s."), e, at=date_of(e.payload.get("at"))),
       recipients=spokesperson,
       notice=notice(_("You are proposed as the spokesperson of press inquiry #%(pk)s "
                       "“%(theme)s”: confirm the interview.")))
    _v("interview_confirm", _("Confirm the interview"),
       said(_("%(actor)s confirmed the interview.")), recipients=desk,
       notice=notice(_("The interview of press inquiry #%(pk)s “%(theme)s” is confirmed.")))
    _v("inquiry_overdue", _("Deadline missed"), lambda e: fill(
        _("The deadline (%(deadline)s) passed with the inquiry still open."), e,
        deadline=date_of(e.payload.get("deadline"))), recipients=overdue,
       webhook="inquiry.overdue", webhook_label=_("Press inquiry overdue"),
       notice=notice(_("Press inquiry #%(pk)s “%(theme)s” missed its deadline.")))
