"""The requester rating becomes the built-in survey ``requester_rating``: every rating already
given (``ContentRequest.rating`` and ``rating_comment``) becomes one anonymous response of it,
dated the day of its "rate" audit event (the publication day when the trail has none).

Reversible: going back deletes the built-in survey and its responses; the requests keep their
own ``rating`` either way (the KPI ``satisfaction_mean`` reads it), so nothing is lost.
"""

from django.db import migrations
from django.utils import timezone

BATCH = 2000


def forward(apps, schema_editor):
    from surveys.builtin import REQUESTER_RATING, create_requester_survey

    Survey = apps.get_model("surveys", "Survey")
    Question = apps.get_model("surveys", "Question")
    Response = apps.get_model("surveys", "Response")
    Answer = apps.get_model("surveys", "Answer")
    ContentRequest = apps.get_model("workflows", "ContentRequest")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    User = apps.get_model("org", "User")
    if Survey.objects.filter(builtin=REQUESTER_RATING).exists():
        return
    rated = list(ContentRequest.objects.filter(rating__isnull=False).order_by("pk").values_list(
        "pk", "rating", "rating_comment", "published_at", "requester_id"))
    author = (User.objects.filter(is_superuser=True).order_by("pk").values_list("pk", flat=True)
              .first() or (rated[0][4] if rated else None))
    if author is None:
        return  # a new installation: the survey is created at the first rating
    survey = create_requester_survey(Survey, Question, author)
    score, comment_q = Question.objects.filter(survey=survey).order_by("position")
    rated_on = {}
    for request_id, moment in AuditEvent.objects.filter(verb="rate").order_by(
            "created_at").values_list("request_id", "created_at"):
        rated_on.setdefault(request_id, moment)
    tz = timezone.get_current_timezone()
    for start in range(0, len(rated), BATCH):
        chunk = rated[start:start + BATCH]
        responses = Response.objects.bulk_create([
            Response(survey=survey, submitted_on=timezone.localtime(
                rated_on.get(pk) or published or timezone.now(), tz).date())
            for pk, _rating, _comment, published, _requester in chunk])
        answers = []
        for response, (_pk, rating, comment, _published, _requester) in zip(
                responses, chunk, strict=True):
            answers.append(Answer(response=response, question=score, number=rating))
            if (comment or "").strip():
                answers.append(Answer(response=response, question=comment_q,
                                      text=comment.strip()[:5000]))
        Answer.objects.bulk_create(answers)
    Survey.objects.filter(pk=survey.pk).update(response_count=len(rated))


def backward(apps, schema_editor):
    from surveys.builtin import REQUESTER_RATING

    apps.get_model("surveys", "Survey").objects.filter(builtin=REQUESTER_RATING).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0004_builtin_and_requesters"),
        ("workflows", "0011_publication_evidence"),
        ("audit", "0003_verification_run"),
        ("org", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
