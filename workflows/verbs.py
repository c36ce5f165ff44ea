"""The verbs of content requests in the audit registry: sentences, recipients, webhooks.

Timeline sentences name the actor; notification sentences (``notice``) name the request.
Campaign verbs are in ``campaigns/verbs.py``.
"""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from audit.registry import Subject, Verb, register, register_subject, said
from audit.sentences import date_of, fill, looked_up, quoted
from workflows import recipients as to

KIND = "workflows.contentrequest"


def channel_name(code) -> str:
    """The channel's name for a code stored in a payload."""
    from plans.models import Channel

    name = looked_up("channel", code, lambda: Channel.objects.filter(code=code)
                     .values_list("name", flat=True).first())
    return name or str(_("a channel that no longer exists"))


def reason_label(code) -> str:
    """The rejection reason's label for a code stored in a payload."""
    from approvals.models import RejectionReason

    label = looked_up("reason", code, lambda: RejectionReason.objects.filter(code=code)
                      .values_list("label", flat=True).first())
    return label or str(_("no reason given"))


def person_name(pk) -> str:
    from org.models import User

    user = looked_up("person", pk, lambda: User.objects.filter(pk=pk).first())
    return str(user) if user else str(_("someone who no longer has an account"))


def decision_sentence(event) -> str:
    """One decision on an approval step (requests and campaigns share it)."""
    outcome = event.payload.get("outcome")
    if outcome == "approve":
        text = fill(gettext_lazy("%(actor)s approved their step."), event)
    elif outcome == "request_changes":
        text = fill(gettext_lazy("%(actor)s asked for changes."), event)
    elif outcome == "reject":
        text = fill(gettext_lazy("%(actor)s rejected it (%(reason)s)."), event,
                    reason=reason_label(event.payload.get("reason")))
    else:
        text = fill(gettext_lazy("%(actor)s recorded a decision."), event)
    return text + quoted(event, "comment")


def notice(text):
    """A notification sentence naming the request: number, title, secretariat, due date."""

    def render(event) -> str:
        request = event.request
        due = event.payload.get("due_date") or request.due_date
        return str(text) % {
            "id": request.pk, "title": request.title, "secretariat": request.secretariat.acronym,
            "due_date": date_of(due) if isinstance(due, str) else (
                formats.date_format(due, "SHORT_DATE_FORMAT") if due else "")}

    return render


def _escalate_notice(event) -> str:
    if event.payload.get("due_date") or event.request.due_date:
        return notice(gettext_lazy(
            "Request #%(id)s “%(title)s” was due on %(due_date)s and is overdue."))(event)
    return notice(gettext_lazy("Request #%(id)s “%(title)s” is overdue."))(event)


def _v(code, label, describe, **options) -> None:
    register(Verb(code, label, describe, subject_kind=KIND, **options))


def _channel(text):
    return lambda e: fill(text, e, channel=channel_name(e.payload.get("channel")))


def register_verbs() -> None:
    register_subject(Subject(KIND, lambda pk: reverse("workflows:detail", args=[pk]),
                             open_label=_("Open the request:")))
    _v("create", _("Create"), said(_("%(actor)s created the request.")))
    _v("update", _("Edit"), said(_("%(actor)s edited the brief.")))
    _v("submit", _("Submit"), said(_("%(actor)s submitted the request.")),
       recipients=to.the_team, webhook="submitted", webhook_label=_("Request submitted"),
       notice=notice(_("New request #%(id)s “%(title)s” from %(secretariat)s.")))
    _v("accept", _("Accept"), said(_("%(actor)s accepted the request.")),
       recipients=to.requester_side,
       notice=notice(_("Request #%(id)s “%(title)s” was accepted and is in production.")))
    _v("assign", _("Assign"), lambda e: fill(
        _("%(actor)s assigned the request to %(person)s."), e,
        person=person_name(e.payload.get("assignee"))),
       recipients=to.assignee,
       notice=notice(_("Request #%(id)s “%(title)s” was assigned to you.")))
    _v("return_for_info", _("Ask for information"), lambda e: fill(
        _("%(actor)s asked for information: “%(question)s”."), e,
        question=e.payload.get("question", "")),
       recipients=to.requester_side, notice=notice(_(
           "The communication team asks for information on request #%(id)s “%(title)s”.")))
    _v("answer_info", _("Answer"), said(_("%(actor)s answered the question.")),
       recipients=to.assignee_or_team,
       notice=notice(_("The requester answered on request #%(id)s “%(title)s”.")))
    _v("reject", _("Reject"), lambda e: fill(
        _("%(actor)s rejected the request (%(reason)s)."), e,
        reason=reason_label(e.payload.get("reason"))) + quoted(e, "comment"),
       recipients=to.requester_side,
       notice=notice(_("Request #%(id)s “%(title)s” was rejected.")))
    _v("withdraw", _("Withdraw"), lambda e: fill(
        _("%(actor)s withdrew the request."), e) + quoted(e, "comment"),
       recipients=to.assignee, webhook="withdrawn", webhook_label=_("Request withdrawn"),
       notice=notice(_("Request #%(id)s “%(title)s” was withdrawn by the requester.")))
    _v("draft_text", _("Write the text"), _channel(_("%(actor)s wrote the text for %(channel)s.")))
    _v("send_to_review", _("Send for approval"),
       said(_("%(actor)s sent the request for approval.")),
       recipients=to.request_deciders,
       notice=notice(_("Request #%(id)s “%(title)s” waits for your decision.")))
    _v("decide", _("Decide"), decision_sentence, recipients=to.assignee,
       notice=notice(_("A decision was recorded on request #%(id)s “%(title)s”.")))
    _v("open_stage", _("Next approval stage"), lambda e: fill(
        _("Stage %(stage)s of the approval opened."), e, stage=e.payload.get("stage", "")),
       recipients=to.request_deciders,
       notice=notice(_("Request #%(id)s “%(title)s” waits for your decision.")))
    _v("request_changes", _("Request changes"),
       said(_("Changes were requested: the request is back in production.")),
       recipients=to.assignee,
       notice=notice(_("Changes were requested on request #%(id)s “%(title)s”.")))
    _v("approve", _("Approve"), said(_("The request was approved.")),
       recipients=to.approved, webhook="approved", webhook_label=_("Request approved"),
       notice=notice(_("Request #%(id)s “%(title)s” was approved.")))
    _v("set_schedule", _("Set the date"), _channel(_("%(actor)s set the date for %(channel)s.")))
    _v("reschedule", _("Change the date"),
       _channel(_("%(actor)s changed the date for %(channel)s.")))
    _v("schedule", _("Schedule"), said(_("%(actor)s scheduled the publication.")),
       recipients=to.requester_side, webhook="scheduled", webhook_label=_("Request scheduled"),
       notice=notice(_("Request #%(id)s “%(title)s” was scheduled.")))
    _v("publish", _("Record the publication"), said(_("%(actor)s recorded the publication.")),
       recipients=to.requester_side, webhook="published", webhook_label=_("Request published"),
       notice=notice(_("Request #%(id)s “%(title)s” was published.")))
    _v("publication_unconfirmed", _("Due, not confirmed"),
       said(_("The scheduled time passed and nobody has recorded where it was published.")),
       recipients=to.assignee_or_team,
       notice=notice(_("Request #%(id)s “%(title)s” was due to go out: record where it was "
                       "published, or say why it is not online.")))
    _v("propose_date", _("Propose a date"), lambda e: fill(
        _("%(actor)s proposed %(date)s as the desired publication date (it was %(previous)s)."),
        e, date=date_of(e.payload.get("to")),
        previous=date_of(e.payload.get("from")) or str(_("not set"))),
       recipients=to.requester_side, notice=_proposal_notice)
    _v("archive", _("Archive"), said(_("%(actor)s archived the request.")))
    _v("rate", _("Rate"), lambda e: fill(
        _("%(actor)s rated the service %(rating)s out of 5."), e,
        rating=e.payload.get("rating", "")),
       recipients=to.assignee,
       notice=notice(_("The requester rated request #%(id)s “%(title)s”.")))
    _v("comment", _("Comment"), said(_("%(actor)s commented.")),
       recipients=to.comment_readers,
       notice=notice(_("New comment on request #%(id)s “%(title)s”.")))
    _v("attach", _("Attach"), lambda e: fill(
        _("%(actor)s attached “%(name)s”."), e, name=e.payload.get("name", "")))
    _v("remind", _("Reminder"), lambda e: fill(
        _("Reminder: the request is due on %(date)s."), e,
        date=date_of(e.payload.get("due_date"))),
       recipients=to.assignee_or_team,
       notice=notice(_("Request #%(id)s “%(title)s” is due on %(due_date)s.")))
    _v("escalate", _("Escalate"), _escalate_sentence, recipients=to.everyone_deciding,
       notice=_escalate_notice)


def _proposal_notice(event) -> str:
    request = event.request
    return str(gettext_lazy("The communication team proposes %(date)s as the publication date "
                            "of your request #%(id)s “%(title)s”.")) % {
        "date": date_of(event.payload.get("to")), "id": request.pk, "title": request.title}


def _escalate_sentence(event) -> str:
    due = event.payload.get("due_date")
    if due:
        return fill(gettext_lazy("The request is overdue: it was due on %(date)s."), event,
                    date=date_of(due))
    return fill(gettext_lazy("The request is overdue."), event)
