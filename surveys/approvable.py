"""The survey as an approvable object of the approvals engine (registered in ready()).

Policies for surveys are the ``survey`` target; they match on ``sensitive``, which for a
survey means that it asks for contact details (personal data): the legal review. Surveys
have no channel, kind, blackout or paid media.
"""

from django.urls import reverse

from approvals.approvable import Approvable, Facts


def facts(survey) -> Facts:
    from surveys.models import collects_personal_data

    return Facts(sensitive=collects_personal_data(survey), blackout=False, paid_media=None)


def conclude(survey, *, by, verb: str, reason=None, payload=None) -> None:
    from surveys.services import conclude_move

    conclude_move(survey, by=by, verb=verb, args=(), payload=payload)


def decided(survey, step, user) -> tuple[str, dict]:
    """What the decision page shows: the questions, the audience, the consent terms."""
    return "surveys/_decided.html", {"object": survey, "questions": survey.questions.all()}


def approvable() -> Approvable:
    from surveys.models import Survey

    return Approvable(model=Survey, step_field="survey", policy_target="survey",
                      deciding_state="in_review", facts=facts, conclude=conclude,
                      verbs={"decide": "survey_decide", "open_stage": "survey_open_stage"},
                      decided=decided,
                      decide_url=lambda step: reverse("surveys:decide",
                                                      args=[step.survey_id, step.pk]))
