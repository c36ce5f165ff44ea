"""Every write on a press inquiry (contacts: ``press.contacts``).

Each inquiry verb is one call to the kernel's ``lifecycle.move`` (lock → permission → state →
conditions → gates → move → audit → effects); the answer's approval goes through the one
approvals engine (``press.approvable``); the e-mail to the journalist is written (a kept copy)
in the transaction and sent after commit by a huey task. Audit payloads carry ids and field
names only, never a journalist's personal data, so forgetting a contact leaves the trail
anonymous without touching it.
"""

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.services import steps_cancel, steps_open_round
from audit.services import record
from pauta import clock, lifecycle
from pauta.lifecycle import TransitionRefused, ensure, service
from press import compliance
from press import permissions as perms
from press.interviews import interview_cancel_event
from press.models import (
    OPEN_STATES,
    AnswerMail,
    Inquiry,
    InquiryKind,
    InquiryState,
)

STATE_MESSAGE = gettext_lazy("This is not possible while the inquiry is “%(state)s”.")
CONDITION_MESSAGES = {
    "draft": gettext_lazy("Write the answer."),
    "send_to_approval": gettext_lazy("Write the answer."),
}
INQUIRY_FIELDS = ("journalist", "outlet", "secretariat", "received_via", "theme", "questions",
                  "deadline", "sensitive", "kind")


# Inquiries --------------------------------------------------------------------------------

def transition(inquiry: Inquiry, *, by, verb: str, check, actor=perms.is_press_officer,
               method: str = "", args=(), payload=None, validate=None, effects=()) -> Inquiry:
    """One inquiry move through the kernel; its events are ``inquiry_<verb>``."""
    return lifecycle.move(inquiry, by=by, verb=verb, allowed=check, method=method, args=args,
                          payload=payload, audit_verb=f"inquiry_{verb}",
                          conditions=CONDITION_MESSAGES, state_message=STATE_MESSAGE,
                          validate=validate, actor=actor, effects=effects)


def _internal(user, inquiry) -> bool:
    return True  # the decision that triggers it was already checked


def _check_inquiry(fields: dict) -> None:
    if not (fields.get("questions") or "").strip():
        raise TransitionRefused(_("Write the journalist's questions."))
    if not (fields.get("theme") or "").strip():
        raise TransitionRefused(_("Give the theme of the inquiry."))
    if not isinstance(fields.get("deadline"), datetime):
        raise TransitionRefused(_("Give the deadline, with the hour."))
    if fields.get("kind", InquiryKind.QUESTIONS) not in InquiryKind.values:
        raise TransitionRefused(_("Choose the kind of inquiry."))
    journalist = fields.get("journalist")
    if journalist is not None and journalist.forgotten_at:
        raise TransitionRefused(_("This contact was forgotten on request."))


@service
def inquiry_register(*, by, journalist, secretariat, theme: str, questions: str,
                     deadline: datetime, outlet=None, received_via: str = "phone",
                     sensitive: bool = False, kind: str = "questions") -> Inquiry:
    """Register an inquiry received by phone, e-mail or form (the desk)."""
    ensure(perms.can_register_inquiry(by))
    fields = {"journalist": journalist, "secretariat": secretariat, "theme": theme,
              "questions": questions, "deadline": deadline, "outlet": outlet or journalist.outlet,
              "received_via": received_via, "sensitive": sensitive, "kind": kind}
    _check_inquiry(fields)
    inquiry = Inquiry.objects.create(registered_by=by, **fields)
    record(by=by, verb="inquiry_register", target=inquiry, to_state=inquiry.state,
           payload={"deadline": deadline})
    return inquiry


@service
def inquiry_update(*, inquiry: Inquiry, by, **fields) -> Inquiry:
    """Correct the registration (questions, deadline, theme…) while it is still open."""
    inquiry = lifecycle.lock(inquiry)
    ensure(perms.can_edit_inquiry(by, inquiry))
    unknown = set(fields) - set(INQUIRY_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    merged = {name: getattr(inquiry, name) for name in INQUIRY_FIELDS} | fields
    _check_inquiry(merged)
    changed = sorted(n for n, v in fields.items() if getattr(inquiry, n) != v)
    if "deadline" in changed and fields["deadline"] > clock.now():
        inquiry.escalated_at = None  # a new deadline: a new clock
    was_interview = inquiry.is_interview
    for name, value in fields.items():
        setattr(inquiry, name, value)
    inquiry.save()
    record(by=by, verb="inquiry_update", target=inquiry, payload={"fields": changed})
    if was_interview and not inquiry.is_interview:
        # No longer an interview request: its calendar event is cancelled (kept in the feeds
        # as cancelled, like a declined one); proposing again, once it is an interview
        # request again, brings the same event back as tentative.
        interview_cancel_event(inquiry, by=by)
    return inquiry


@service
def inquiry_forward(*, inquiry: Inquiry, by, note: str = "") -> Inquiry:
    """Send the questions to the secretariat concerned (its focal point answers the facts)."""
    return transition(inquiry, by=by, verb="forward", check=perms.can_forward,
                      payload={"note": note} if note else None)


@service
def inquiry_give_facts(*, inquiry: Inquiry, by, facts: str) -> Inquiry:
    """The secretariat's information for the answer (the inquiry stays with the desk's
    clock; the press officer drafts the answer from it)."""
    inquiry = lifecycle.lock(inquiry, "secretariat")
    if not perms.can_give_facts(by, inquiry):
        ensure(perms.is_secretariat_side(by, inquiry))  # who may never: told nothing more
        raise lifecycle.state_refusal(inquiry, STATE_MESSAGE)
    if not facts.strip():
        raise TransitionRefused(_("Write the information the secretariat gives."))
    inquiry.facts, inquiry.facts_by, inquiry.facts_at = facts, by, clock.now()
    inquiry.save(update_fields=["facts", "facts_by", "facts_at"])
    record(by=by, verb="inquiry_facts", target=inquiry)
    return inquiry


@service
def inquiry_draft(*, inquiry: Inquiry, by, answer: str) -> Inquiry:
    """Write (or rewrite) the answer; the inquiry is then "answer drafted"."""
    inquiry = lifecycle.lock(inquiry)
    if not answer.strip():
        ensure(perms.can_draft(by, inquiry))
        raise TransitionRefused(_("Write the answer."))
    if inquiry.state == InquiryState.DRAFTED:  # a new version of the draft
        ensure(perms.can_draft(by, inquiry))
        inquiry.answer = answer
        inquiry.save(update_fields=["answer"])
        record(by=by, verb="inquiry_redraft", target=inquiry)
        return inquiry
    ensure(perms.can_draft(by, inquiry) or not perms.is_press_officer(by))
    if perms.can_draft(by, inquiry):  # the move re-reads the row: the answer first
        Inquiry.objects.filter(pk=inquiry.pk).update(answer=answer)  # rolled back if refused
    return transition(inquiry, by=by, verb="draft", check=perms.can_draft)


def _no_blockers(inquiry) -> None:
    found = compliance.blockers(compliance.answer_findings(inquiry))
    if found:
        raise TransitionRefused(
            _("The answer cannot go to approval: %(findings)s")
            % {"findings": " ".join(f.message for f in found)})


@service
def inquiry_send_to_approval(*, inquiry: Inquiry, by) -> Inquiry:
    """Open the approval of the answer (head of communication; legal for sensitive themes).
    Compliance blockers on the answer stop it."""
    inquiry = transition(inquiry, by=by, verb="send_to_approval",
                         check=perms.can_send_to_approval, validate=_no_blockers)
    steps_open_round(target=inquiry, by=by)
    return Inquiry.objects.get(pk=inquiry.pk)


def conclude_move(inquiry, *, by, verb: str, args, payload) -> None:
    """The approval round's outcome (``approvals``) moves the inquiry."""
    transition(inquiry, by=by, verb=verb, check=_internal, args=args, payload=payload)


def _has_address(inquiry) -> None:
    journalist = inquiry.journalist
    if journalist.forgotten_at or not journalist.email:
        raise TransitionRefused(_("The journalist has no e-mail address: record how the "
                                  "answer was given and close the inquiry instead."))


def _deliver_later(inquiry) -> None:
    from press.tasks import deliver_answer

    for mail_pk in inquiry.mails.filter(status=AnswerMail.Status.PENDING).values_list(
            "pk", flat=True):
        deliver_answer(mail_pk)


def _compose(inquiry) -> AnswerMail:
    """The kept copy of the e-mail, in the installation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        deadline = timezone.localtime(inquiry.deadline)
        subject = _("Answer to your inquiry: %(theme)s") % {"theme": inquiry.theme}
        body = "\n\n".join([
            _("Dear %(name)s,") % {"name": inquiry.journalist.name},
            _("Here is the answer of %(body)s to the questions you sent us (deadline "
              "%(deadline)s):") % {"body": settings.BRAND_NAME or _("the press office"),
                                   "deadline": deadline.strftime("%d/%m/%Y %H:%M")},
            _("Your questions:") + "\n" + inquiry.questions.strip(),
            _("Our answer:") + "\n" + inquiry.answer.strip(),
            "— " + " · ".join(filter(None, [settings.BRAND_UNIT, settings.BRAND_NAME])),
        ])
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "pauta.localhost"
    count = inquiry.mails.count() + 1
    return AnswerMail.objects.create(
        inquiry=inquiry, to_address=inquiry.journalist.email, subject=subject, body=body,
        message_id=f"<press-inquiry-{inquiry.pk}-{count}@{domain}>")


@service
def inquiry_send(*, inquiry: Inquiry, by) -> Inquiry:
    """E-mail the approved answer to the journalist from Pauta; the copy is kept."""
    inquiry = transition(inquiry, by=by, verb="send", check=perms.can_send,
                         validate=_has_address, effects=[_deliver_later])
    mail = _compose(inquiry)
    record(by=by, verb="inquiry_mail", target=inquiry, payload={"mail": mail.pk})
    return inquiry


def answer_deliver(mail_pk: int) -> bool:
    """Send one kept answer e-mail once (claimed by a conditional update, sent outside any
    transaction); a failure is recorded on the copy. True when it went out."""
    claimed = AnswerMail.objects.filter(pk=mail_pk, status=AnswerMail.Status.PENDING).update(
        attempts=F("attempts") + 1, status=AnswerMail.Status.SENDING)
    if not claimed:
        return False
    mail = AnswerMail.objects.select_related("inquiry").get(pk=mail_pk)
    reply_to = getattr(settings, "PRESS_REPLY_TO", "") or settings.DEFAULT_FROM_EMAIL
    message = EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL,
                           [mail.to_address], reply_to=[reply_to],
                           headers={"Message-ID": mail.message_id})
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 — SMTP errors of every kind are recorded
        AnswerMail.objects.filter(pk=mail_pk).update(status=AnswerMail.Status.FAILED,
                                                     error=str(exc)[:300])
        return False
    AnswerMail.objects.filter(pk=mail_pk).update(status=AnswerMail.Status.SENT,
                                                 sent_at=clock.now())
    return True


@service
def inquiry_close(*, inquiry: Inquiry, by) -> Inquiry:
    return transition(inquiry, by=by, verb="close", check=perms.can_close)


@service
def inquiry_decline(*, inquiry: Inquiry, by, reason: str) -> Inquiry:
    """Decline the inquiry, with the reason (kept on the record)."""
    inquiry = transition(inquiry, by=by, verb="decline", check=perms.can_decline,
                         args=(reason,), payload={"reason": reason},
                         validate=lifecycle.required(reason, _("Say why it is declined.")))
    steps_cancel(target=inquiry)
    interview_cancel_event(inquiry, by=by)
    return inquiry


@service
def inquiry_no_position(*, inquiry: Inquiry, by, reason: str) -> Inquiry:
    """Close with "sem posicionamento": the municipality does not comment."""
    inquiry = transition(inquiry, by=by, verb="no_position", check=perms.can_decline,
                         args=(reason,), payload={"reason": reason},
                         validate=lifecycle.required(
                             reason, _("Say what the journalist was told.")))
    steps_cancel(target=inquiry)
    interview_cancel_event(inquiry, by=by)
    return inquiry


@service
def inquiry_set_on_record(*, inquiry: Inquiry, by, on_record: bool) -> Inquiry:
    """Publish (or withdraw) the question and the answer as an answer to the press."""
    inquiry = lifecycle.lock(inquiry)
    ensure(perms.can_set_on_record(by, inquiry))
    if inquiry.on_record != on_record:
        inquiry.on_record = on_record
        inquiry.save(update_fields=["on_record"])
        record(by=by, verb="inquiry_on_record", target=inquiry,
               payload={"on_record": on_record})
    return inquiry


def inquiries_escalate(now: datetime | None = None) -> int:
    """The periodic job: every open inquiry past its deadline is escalated once (an audit
    event whose verb tells the desk, the head of communication and, while the inquiry is with
    it, the secretariat concerned). Returns how many were escalated."""
    now = now or clock.now()
    count = 0
    due = Inquiry.objects.filter(state__in=OPEN_STATES, deadline__lt=now,
                                 escalated_at__isnull=True).order_by("deadline", "pk")
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            inquiry = Inquiry.objects.select_for_update().filter(
                pk=pk, state__in=OPEN_STATES, escalated_at__isnull=True).first()
            if inquiry is None:
                continue  # answered or escalated a moment ago
            inquiry.escalated_at = now
            inquiry.save(update_fields=["escalated_at"])
            record(by=None, verb="inquiry_overdue", target=inquiry,
                   payload={"deadline": inquiry.deadline, "state": inquiry.state})
            count += 1
    return count
