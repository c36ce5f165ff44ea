"""The requester rating is the built-in survey ``requester_rating``: the rating form writes
its answers, the data migration moved the ratings given before (and back), and the KPI that
reads the ratings keeps its numbers."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from approvals.compliance.services import warnings_override_all
from reports.indicators import compute_all
from reports.slices import Slice
from surveys import builtin, selectors
from surveys.models import Answer, Response, Survey
from workflows import services as requests
from workflows.models import ContentRequest
from workflows.tests.test_lifecycle_services import decide, new_request, to_review

migration = importlib.import_module("surveys.migrations.0005_requester_rating_survey")


def _published(people):
    request = to_review(people)
    decide(people, request, "ana.saude")
    decide(people, request, "fernanda.chefe")
    request = ContentRequest.objects.get(pk=request.pk)
    warnings_override_all(request=request, by=people["fernanda.chefe"], reason="Ciente.")
    when = timezone.now() + timezone.timedelta(days=2)
    request = requests.request_schedule(request=request, by=people["diego.editor"],
                                        when={p.pk: when for p in request.publications.all()})
    return requests.request_publish(request=request, by=people["diego.editor"], urls={
        p.pk: f"https://valeverde.example/n/{p.pk}" for p in request.publications.all()})


def _kpi():
    today = timezone.localdate()
    result = compute_all(Slice(start=date(today.year - 1, 1, 1), end=today),
                         codes={"satisfaction_mean"})["satisfaction_mean"]
    return result.value, [(p.label, p.value) for p in result.series], result.extra


@pytest.fixture
def rated(demo, client):
    request = _published(demo)
    client.force_login(demo["ana.saude"])
    response = client.post(reverse("workflows:action", args=[request.pk, "rate"]),
                           {"rating": "4", "comment": "Rápido e claro."})
    assert response.status_code == 302
    return ContentRequest.objects.get(pk=request.pk)


def test_the_rating_form_writes_an_answer_of_the_built_in_survey(rated):
    assert rated.rating == 4  # the request keeps its own rating (the KPI and lists read it)
    survey = Survey.objects.get(builtin=builtin.REQUESTER_RATING)
    assert survey.audience == "requesters" and survey.state == "open"
    row = Response.objects.filter(survey=survey).values().get()
    assert set(row) == {"id", "survey_id", "submitted_on"}  # nothing about who or which
    assert row["submitted_on"] == timezone.localdate()
    assert list(Answer.objects.filter(response_id=row["id"]).order_by(
        "question__position").values_list("number", "text")) == [(4, ""),
                                                                 (None, "Rápido e claro.")]
    assert Survey.objects.get(pk=survey.pk).response_count == 1
    assert selectors.results(survey)[0].average == 4.0


def test_the_built_in_survey_is_not_answered_edited_or_closed_by_hand(client, demo, rated):
    survey = Survey.objects.get(builtin=builtin.REQUESTER_RATING)
    answer = client.get(reverse("surveys:answer", args=[survey.slug]))
    assert answer.status_code in (302, 403, 410)  # 403: signed in, not of its audience
    client.force_login(demo["diego.editor"])
    assert client.get(reverse("surveys:edit", args=[survey.pk])).status_code == 403
    client.post(reverse("surveys:action", args=[survey.pk, "close"]))
    assert Survey.objects.get(pk=survey.pk).state == "open"


def test_the_migration_moves_the_ratings_and_the_kpi_keeps_its_numbers(demo, rated):
    other = new_request(demo)
    ContentRequest.objects.filter(pk=other.pk).update(rating=2, rating_comment="")
    before = _kpi()
    assert before[0] == 4.0
    Survey.objects.filter(builtin=builtin.REQUESTER_RATING).delete()  # before surveys existed
    migration.forward(django_apps, None)
    survey = Survey.objects.get(builtin=builtin.REQUESTER_RATING)
    assert survey.response_count == 2 == survey.responses.count()
    numbers = sorted(Answer.objects.filter(question__survey=survey, number__isnull=False)
                     .values_list("number", flat=True))
    assert numbers == sorted(ContentRequest.objects.filter(rating__isnull=False)
                             .values_list("rating", flat=True)) == [2, 4]
    assert list(Answer.objects.filter(question__survey=survey).exclude(text="")
                .values_list("text", flat=True)) == ["Rápido e claro."]
    # dated the day of the "rate" event (the other one has none and was never published)
    assert Response.objects.filter(survey=survey, submitted_on=timezone.localdate()).count() == 2
    assert _kpi() == before
    migration.forward(django_apps, None)  # idempotent
    assert Survey.objects.filter(builtin=builtin.REQUESTER_RATING).count() == 1
    migration.backward(django_apps, None)
    assert not Survey.objects.filter(builtin=builtin.REQUESTER_RATING).exists()
    assert _kpi() == before
    assert ContentRequest.objects.get(pk=rated.pk).rating == 4
