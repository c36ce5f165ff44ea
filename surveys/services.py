"""Every write on surveys: one service per verb (transitions through the kernel's ``move``),
and the anonymous submission of an answer."""

import hashlib
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.models import Decision
from approvals.selectors import policy_steps_for
from approvals.services import steps_open_round
from audit.services import record
from pauta import clock, inputs, lifecycle
from pauta.lifecycle import TransitionRefused, ensure, service
from surveys import permissions as perms
from surveys.models import (
    CHOICES,
    PERSONAL,
    SCALES,
    TEXTS,
    Answer,
    FormToken,
    Question,
    Response,
    Survey,
    collects_personal_data,
    has_consent_terms,
)

STATE_MESSAGE = gettext_lazy("This is not possible while the survey is “%(state)s”.")
CONDITIONS = {"submit": gettext_lazy("Add at least one question before sending the survey "
                                     "for review.")}
CONSENT_MESSAGE = gettext_lazy("A survey that asks for contact details needs a consent text "
                               "and how many days the details are kept.")
FIELDS = ("title", "description", "audience", "opens_on", "closes_on", "secretariat", "campaign",
          "publication", "objective", "kpi_target", "consent_text", "retention_days")


def _move(survey, *, by, verb, allowed, args=(), payload=None, validate=None, actor=None):
    return lifecycle.move(survey, by=by, verb=verb, allowed=allowed, args=args,
                          audit_verb=f"survey_{verb}", state_message=STATE_MESSAGE,
                          conditions=CONDITIONS, payload=payload, validate=validate,
                          actor=actor or perms.is_manager, related=())


def _check_questions(questions: list[dict]) -> None:
    for n, q in enumerate(questions, start=1):
        if q["kind"] in CHOICES and len(q.get("choices") or []) < 2:
            raise TransitionRefused(_("Question %(n)s needs at least two choices.") % {"n": n})
        ref = q.get("show_if")
        if ref is not None and not 1 <= ref < n:
            raise TransitionRefused(
                _("Question %(n)s can depend only on an earlier question.") % {"n": n})


def _save_questions(survey, questions: list[dict]) -> None:
    survey.questions.all().delete()
    made = []
    for n, q in enumerate(questions):
        ref = q.get("show_if")
        made.append(Question.objects.create(
            survey=survey, position=n, kind=q["kind"], text=q["text"],
            help_text=q.get("help_text", ""), required=bool(q.get("required")),
            section=(q.get("section") or "").strip()[:200],
            low_label=(q.get("low_label") or "").strip()[:100] if q["kind"] in SCALES else "",
            high_label=(q.get("high_label") or "").strip()[:100] if q["kind"] in SCALES else "",
            choices=list(q.get("choices") or []) if q["kind"] in CHOICES else [],
            show_if=made[ref - 1] if ref else None,
            show_if_values=list(q.get("show_if_values") or []) if ref else []))


def _check_period(fields: dict) -> None:
    opens, closes = fields.get("opens_on"), fields.get("closes_on")
    for day in (opens, closes):
        if day is not None:
            try:
                inputs.check_year(day)
            except ValidationError as error:
                raise TransitionRefused(" ".join(error.messages)) from None
    if opens and closes and opens > closes:
        raise TransitionRefused(_("The survey cannot close before it opens."))


@service
def survey_create(*, by, questions=(), **fields) -> Survey:
    ensure(perms.can_create(by))
    questions = list(questions)
    _check_questions(questions)
    _check_period(fields)
    survey = Survey.objects.create(created_by=by, **{k: fields[k] for k in FIELDS if k in fields})
    _save_questions(survey, questions)
    record(by=by, verb="survey_create", target=survey, to_state=survey.state,
           payload={"questions": len(questions)})
    return survey


@service
def survey_update(*, survey, by, questions=(), **fields) -> Survey:
    survey = lifecycle.lock(survey)
    ensure(perms.is_manager(by))
    if not perms.can_edit(by, survey):
        raise lifecycle.state_refusal(survey, STATE_MESSAGE)
    questions = list(questions)
    _check_questions(questions)
    _check_period({"opens_on": survey.opens_on, "closes_on": survey.closes_on, **fields})
    for name in FIELDS:
        if name in fields:
            setattr(survey, name, fields[name])
    survey.save()
    _save_questions(survey, questions)
    record(by=by, verb="survey_update", target=survey, payload={"questions": len(questions)})
    return survey


LEGAL_MESSAGE = gettext_lazy(
    "A survey that asks for contact details needs a legal review, and no survey approval "
    "policy has a legal step: ask an administrator to add one (Approval policies, target "
    "Surveys) before sending it.")


def _consent_terms(survey) -> None:
    if not has_consent_terms(survey):
        raise TransitionRefused(str(CONSENT_MESSAGE))
    # Personal data is never collected without legal review: with no policy that gives one
    # (a fresh install has no policies), the survey is not sent instead of opening unchecked.
    if collects_personal_data(survey) and not any(
            step.legal for step in policy_steps_for(survey)):
        raise TransitionRefused(str(LEGAL_MESSAGE))


@service
def survey_submit(*, survey, by) -> Survey:
    """Send the survey for review: the approvals engine opens the steps of the survey
    policies (head of communication; legal review too when it asks for contact details)."""
    survey = _move(survey, by=by, verb="submit", allowed=perms.can_submit,
                   validate=_consent_terms)
    steps_open_round(target=survey, by=by)
    return Survey.objects.get(pk=survey.pk)


def _internal(user, survey) -> bool:
    return True  # the decision that triggers it was already checked by the engine


def conclude_move(survey, *, by, verb: str, args, payload) -> None:
    """The approval round's outcome (``surveys.approvable``) moves the survey: approved, it
    opens; changes asked or rejected, it goes back to its author with the decision's
    comment."""
    if verb == "approve":
        _move(survey, by=by, verb="approve", allowed=_internal, payload=payload)
        return
    decision = (Decision.objects.filter(step__survey=survey, closes_step=True)
                .order_by("-pk").first())
    comment = decision.comment if decision else ""
    _move(survey, by=by, verb="return_to_draft", allowed=_internal, args=(comment,),
          payload={"comment": comment, "outcome": verb})


@service
def survey_close(*, survey, by) -> Survey:
    return _move(survey, by=by, verb="close", allowed=perms.can_close)


@service
def survey_publish_results(*, survey, by) -> Survey:
    return _move(survey, by=by, verb="publish_results", allowed=perms.can_publish_results)


def visible_questions(questions, values: dict) -> list:
    """The questions shown for these answers: a conditional one only when the question it
    depends on got one of its answers (and was itself shown)."""
    shown, out = set(), []
    for q in questions:
        if q.show_if_id is not None:
            if q.show_if_id not in shown:
                continue
            given = values.get(q.show_if_id)
            given = given if isinstance(given, list) else [given]
            if not {str(v) for v in given if v not in (None, "")} & set(q.show_if_values):
                continue
        shown.add(q.pk)
        out.append(q)
    return out


class AlreadyCounted(Exception):
    """This form was submitted before: the answer is counted once."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def response_submit(*, survey: Survey, values: dict, token: str,
                    consent: bool = False) -> Response:
    """Store one anonymous response: ``values`` maps question ids to cleaned values (already
    validated by ``surveys.forms.AnswerForm``); ``token`` is the form's one-time token.
    Contact details are kept only with ``consent`` (the person ticked the consent text)."""
    questions = list(survey.questions.all())
    try:
        with transaction.atomic():
            FormToken.objects.create(survey=survey, digest=token_digest(token))
    except IntegrityError:
        raise AlreadyCounted from None
    response = Response.objects.create(survey=survey)
    rows = []
    for q in visible_questions(questions, values):
        value = values.get(q.pk)
        if value in (None, "", []) or (q.kind in PERSONAL and not consent):
            continue
        if q.kind in SCALES:
            rows.append(Answer(response=response, question=q, number=int(value)))
        elif q.kind in CHOICES:
            rows.append(Answer(response=response, question=q,
                               choices=value if isinstance(value, list) else [value]))
        elif q.kind in TEXTS:
            rows.append(Answer(response=response, question=q, text=str(value)[:5000]))
    Answer.objects.bulk_create(rows)
    Survey.objects.filter(pk=survey.pk).update(response_count=F("response_count") + 1)
    return response


@service
def contacts_erase_expired(today=None) -> int:
    """Erase the contact details kept past their survey's retention period (a daily job):
    the answers to contact questions given more than ``retention_days`` days ago are
    deleted; the trail records how many, per survey, and nothing of what they said."""
    today = today or clock.today()
    erased = 0
    for survey in Survey.objects.filter(retention_days__isnull=False,
                                        questions__kind__in=PERSONAL).distinct():
        cutoff = today - timedelta(days=survey.retention_days)
        count, _rows = Answer.objects.filter(
            question__survey=survey, question__kind__in=PERSONAL,
            response__submitted_on__lt=cutoff).delete()
        if count:
            record(by=None, verb="survey_erase_contacts", target=survey,
                   payload={"count": count, "days": survey.retention_days})
            erased += count
    return erased
