"""Built-in surveys: the surveys Pauta keeps itself, answered from other pages.

``requester_rating``: the requester's 1–5 rating of the service after a publication (the
request page's "Rate the service"). Each rating is an anonymous response of this survey (the
score and the comment, with the day); the request keeps its own ``rating`` too, which the
KPI ``satisfaction_mean`` and the "rated requests" lists read. The ratings given before
surveys existed were moved into it by ``surveys/migrations/0004_requester_rating_survey``.
"""

from django.db.models import F

from surveys.models import (
    Answer,
    Audience,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyState,
)

REQUESTER_RATING = "requester_rating"
# Stored once, in the installation's default language (data, like a survey built by hand).
TITLE = "Satisfação dos solicitantes com o serviço de comunicação"
DESCRIPTION = ("A avaliação que o solicitante dá ao serviço depois da publicação "
               "(de 1 a 5), na página da solicitação.")
SCORE_TEXT = "Como você avalia o serviço prestado nesta solicitação?"
COMMENT_TEXT = "Comentário"


def create_requester_survey(survey_model, question_model, created_by_id):
    """Create the built-in survey with its two questions (also used by the data migration,
    with its historical models)."""
    survey = survey_model.objects.create(
        builtin=REQUESTER_RATING, title=TITLE, description=DESCRIPTION,
        audience=Audience.REQUESTERS, state=SurveyState.OPEN, created_by_id=created_by_id)
    question_model.objects.create(survey=survey, position=0, kind=QuestionKind.SCALE5,
                                  text=SCORE_TEXT, required=True)
    question_model.objects.create(survey=survey, position=1, kind=QuestionKind.LONG,
                                  text=COMMENT_TEXT)
    return survey


def requester_survey(by=None) -> Survey:
    """The built-in requester survey, created on first use (by the first person rating)."""
    survey = Survey.objects.filter(builtin=REQUESTER_RATING).first()
    if survey is None:
        survey = create_requester_survey(Survey, Question, by.pk)
    return survey


def rating_answer(*, by, rating: int, comment: str, day) -> Response:
    """Write one requester rating as an answer of the built-in survey (nothing about who)."""
    survey = requester_survey(by)
    score, text = survey.questions.order_by("position")[:2]
    response = Response.objects.create(survey=survey, submitted_on=day)
    rows = [Answer(response=response, question=score, number=rating)]
    if comment.strip():
        rows.append(Answer(response=response, question=text, text=comment.strip()[:5000]))
    Answer.objects.bulk_create(rows)
    Survey.objects.filter(pk=survey.pk).update(response_count=F("response_count") + 1)
    return response
